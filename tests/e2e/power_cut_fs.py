"""A FUSE file system that loses every write not yet fsynced when the "power" goes.

Run as its own process (never a thread of the process that opens files on it: a FUSE request
from the serving process itself deadlocks)::

    python tests/e2e/power_cut_fs.py MOUNTPOINT STATE_DIR

It loads every file under ``STATE_DIR`` as durable, mounts at ``MOUNTPOINT`` and prints
``mounted``. Each file lives in memory twice: ``current`` (what programs read) and ``durable``
(what the last ``fsync`` made safe). A line ``cut`` on standard input is the power cut: from
that moment every operation fails with EIO (nothing more reaches the "disk"), the durable copies
are written back to ``STATE_DIR`` and the server prints ``cut LOST_BYTES FSYNCS``; the caller
then unmounts (``fusermount3 -u``) and the process ends. Metadata (create, rename, unlink,
mkdir) is durable at once, like a journaling file system's; file contents are not.

Needs the ``mfusepy`` binding over libfuse 3 (Debian ``fuse3``) and ``/dev/fuse``;
:func:`unavailable` says why not.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def unavailable() -> str:
    """"" when a FUSE mount can be tried here, else the reason it cannot."""
    if not os.path.exists("/dev/fuse"):
        return "no /dev/fuse on this machine"
    if shutil.which("fusermount3") is None:
        return "no fusermount3 (Debian package fuse3)"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"no FUSE binding (mfusepy over libfuse3): {exc}"
    return ""


@dataclass
class Node:
    mode: int
    current: bytearray = field(default_factory=bytearray)
    durable: bytearray = field(default_factory=bytearray)
    mtime: int = field(default_factory=time.time_ns)


def make_fs(state: Path) -> Any:
    import mfusepy

    def fail() -> mfusepy.FuseOSError:
        return mfusepy.FuseOSError(errno.EIO)

    class PowerCutFS(mfusepy.Operations):  # type: ignore[misc]
        use_ns = True

        def __init__(self) -> None:
            self.nodes: dict[str, Node] = {"/": Node(stat.S_IFDIR | 0o700)}
            self.mutex = threading.RLock()
            self.dead = False
            self.fsyncs = 0
            for item in sorted(state.rglob("*")):
                key = "/" + item.relative_to(state).as_posix()
                if item.is_dir():
                    self.nodes[key] = Node(stat.S_IFDIR | 0o700)
                else:
                    data = item.read_bytes()
                    self.nodes[key] = Node(stat.S_IFREG | 0o600, bytearray(data),
                                           bytearray(data))

        # -- the power ------------------------------------------------------------------------

        def cut(self) -> int:
            """Freeze, write the durable copies back to ``state``; returns the bytes lost."""
            with self.mutex:
                self.dead = True
                lost = 0
                shutil.rmtree(state, ignore_errors=True)
                state.mkdir(parents=True)
                for key, node in sorted(self.nodes.items()):
                    target = state / key.lstrip("/")
                    if stat.S_ISDIR(node.mode):
                        target.mkdir(parents=True, exist_ok=True)
                        continue
                    if node.current != node.durable:
                        lost += max(abs(len(node.current) - len(node.durable)), 1)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(bytes(node.durable))
                return lost

        def _node(self, path: str) -> Node:
            if self.dead:
                raise fail()
            node = self.nodes.get(path)
            if node is None:
                raise mfusepy.FuseOSError(errno.ENOENT)
            return node

        # -- the file system ------------------------------------------------------------------

        def getattr(self, path: str, fh: Any = None) -> dict[str, Any]:
            with self.mutex:
                node = self._node(path)
                return {"st_mode": node.mode, "st_nlink": 2 if stat.S_ISDIR(node.mode) else 1,
                        "st_size": len(node.current), "st_uid": os.getuid(),
                        "st_gid": os.getgid(), "st_atime": node.mtime,
                        "st_mtime": node.mtime, "st_ctime": node.mtime}

        def readdir(self, path: str, fh: Any) -> list[str]:
            with self.mutex:
                self._node(path)
                prefix = path.rstrip("/") + "/"
                names = {p[len(prefix):] for p in self.nodes
                         if p.startswith(prefix) and p != prefix and "/" not in p[len(prefix):]}
            return [".", "..", *sorted(names)]

        def mkdir(self, path: str, mode: int) -> int:
            with self.mutex:
                if self.dead:
                    raise fail()
                self.nodes[path] = Node(stat.S_IFDIR | (mode & 0o7777))
            return 0

        def rmdir(self, path: str) -> int:
            with self.mutex:
                self._node(path)
                del self.nodes[path]
            return 0

        def create(self, path: str, mode: int, fi: Any = None) -> int:
            with self.mutex:
                if self.dead:
                    raise fail()
                self.nodes[path] = Node(stat.S_IFREG | (mode & 0o7777))
            return 0

        def open(self, path: str, flags: int) -> int:
            with self.mutex:
                self._node(path)
            return 0

        def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
            with self.mutex:
                return bytes(self._node(path).current[offset:offset + size])

        def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
            with self.mutex:
                node = self._node(path)
                if len(node.current) < offset:
                    node.current.extend(b"\0" * (offset - len(node.current)))
                node.current[offset:offset + len(data)] = data
                node.mtime = time.time_ns()
            return len(data)

        def truncate(self, path: str, length: int, fh: Any = None) -> int:
            with self.mutex:
                node = self._node(path)
                if length < len(node.current):
                    del node.current[length:]
                else:
                    node.current.extend(b"\0" * (length - len(node.current)))
            return 0

        def fsync(self, path: str, datasync: int, fh: int) -> int:
            with self.mutex:
                node = self._node(path)
                node.durable = bytearray(node.current)
                self.fsyncs += 1
            return 0

        def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
            with self.mutex:
                self._node(path)
            return 0

        def flush(self, path: str, fh: int) -> int:
            return 0

        def release(self, path: str, fh: int) -> int:
            return 0

        def unlink(self, path: str) -> int:
            with self.mutex:
                self._node(path)
                del self.nodes[path]
            return 0

        def rename(self, old: str, new: str) -> int:
            with self.mutex:
                self.nodes[new] = self._node(old)
                del self.nodes[old]
            return 0

        def chmod(self, path: str, mode: int) -> int:
            with self.mutex:
                node = self._node(path)
                node.mode = (node.mode & ~0o7777) | (mode & 0o7777)
            return 0

        def chown(self, path: str, uid: int, gid: int) -> int:
            return 0

        def utimens(self, path: str, times: Any = None) -> int:
            return 0

        def access(self, path: str, amode: int) -> int:
            with self.mutex:
                self._node(path)
            return 0

        def statfs(self, path: str) -> dict[str, int]:
            return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 1 << 20,
                    "f_bfree": 1 << 19, "f_bavail": 1 << 19, "f_namemax": 255}

    return PowerCutFS()


def serve(mountpoint: Path, state: Path) -> None:
    import mfusepy

    state.mkdir(parents=True, exist_ok=True)
    fs = make_fs(state)

    def control() -> None:
        while not os.path.ismount(mountpoint):
            time.sleep(0.01)
        print("mounted", flush=True)
        for line in sys.stdin:
            if line.strip() == "cut":
                lost = fs.cut()
                print(f"cut {lost} {fs.fsyncs}", flush=True)

    threading.Thread(target=control, daemon=True).start()
    mfusepy.FUSE(fs, str(mountpoint), foreground=True, nothreads=True)


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
