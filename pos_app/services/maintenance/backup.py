"""Backups and restore of the till's database.

Backups are online copies made with SQLite's backup API (consistent while the till is writing):
at shift close, once a day (when the app starts and today has none yet) and on demand
(``ocop-pos-admin backup [DEST]``). They go to the ``backup_dir`` setting (default: the data
folder's ``backups/``; a USB stick path is fine) as ``pos-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``;
the newest ``backup_keep`` generations there are kept, older ones deleted.

Restore (:func:`restore`) replaces the database with a backup, only while the app is NOT
running (the counter holds :func:`app_lock` on ``<data>/ocop-pos.lock``). The file must be a
whole SQLite file (size = page size × page count), pass ``integrity_check``, and be this app's
database (``app_meta`` with ``app_version`` and an ``alembic_version`` this version knows). A
safety copy of the current database is taken first, and the result is checked again.

Errors: :class:`BackupError` codes ``not_found``, ``not_sqlite``, ``truncated``, ``corrupt``,
``foreign``, ``too_new``, ``app_running``, ``io_error`` (info ``detail``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.engine import backup_file, integrity_check
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.ports import Clock, SystemClock

PREFIX = "pos-"
SUFFIX = ".sqlite3"
LOCK_FILE = "ocop-pos.lock"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    def __init__(self, code: str, **info: Any) -> None:
        super().__init__(code, info)
        self.code = code
        self.info = info


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    at: dt.datetime  # file time, aware UTC


def backup_folder(settings: Settings) -> Path:
    configured = settings.get(config.BACKUP_DIR).strip()
    return Path(configured).expanduser() if configured else settings.paths.backups


class BackupService:
    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()

    @property
    def folder(self) -> Path:
        return backup_folder(self.settings)

    def backups(self) -> list[BackupInfo]:
        """This app's generations in the backup folder, newest first."""
        folder = self.folder
        if not folder.is_dir():
            return []
        found = []
        for path in folder.glob(f"{PREFIX}*{SUFFIX}"):
            stat = path.stat()
            found.append(BackupInfo(path, stat.st_size,
                                    dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)))
        return sorted(found, key=lambda b: b.path.name, reverse=True)

    def backup(self, dest: Path | None = None, *, reason: str = "manual") -> Path:
        """An online copy. ``dest`` a folder (or a new file name); default the backup folder,
        which is then pruned to ``backup_keep`` generations."""
        stamp = self.clock.now().astimezone(hanoi_tz()).strftime("%Y%m%d-%H%M%S")
        name = f"{PREFIX}{stamp}-{reason}{SUFFIX}"
        if dest is None:
            target = self.folder / name
        elif dest.suffix and not dest.is_dir():
            target = dest
        else:
            target = dest / name
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{PREFIX}{stamp}-{reason}-{n}{SUFFIX}")
        partial = target.with_name(target.name + ".part")
        try:
            backup_file(self.db.path, partial)
            os.replace(partial, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise BackupError("io_error", detail=str(exc)) from exc
        except sqlite3.Error as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise BackupError("io_error", detail=str(exc)) from exc
        if dest is None or target.parent == self.folder:
            self.prune()
        return target

    def prune(self) -> list[Path]:
        keep = max(1, self.settings.get(config.BACKUP_KEEP))
        removed = []
        for old in self.backups()[keep:]:
            with contextlib.suppress(OSError):
                old.path.unlink()
                removed.append(old.path)
        return removed

    def daily_if_needed(self) -> Path | None:
        """Back up once per (Hanoi) day: None if a backup from today already exists."""
        today = self.clock.now().astimezone(hanoi_tz()).strftime("%Y%m%d")
        if any(b.path.name.startswith(f"{PREFIX}{today}-") for b in self.backups()):
            return None
        return self.backup(reason="daily")


# -- checking and restoring ---------------------------------------------------------------------


def check_backup_file(path: Path) -> str:
    """Raise :class:`BackupError` unless ``path`` is a whole, healthy backup of this app;
    returns its schema revision."""
    from alembic.script import ScriptDirectory

    from pos_app.db.migrate import alembic_config

    if not path.is_file():
        raise BackupError("not_found")
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise BackupError("not_sqlite")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages and size < page_size * pages:
        raise BackupError("truncated", size=size, expected=page_size * pages)
    try:
        result = integrity_check(path)
    except sqlite3.Error as exc:
        raise BackupError("corrupt", detail=str(exc)) from exc
    if result != "ok":
        raise BackupError("corrupt", detail=result)
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"app_meta", "alembic_version", "sales"} <= tables:
            raise BackupError("foreign")
        version = connection.execute(
            "SELECT value FROM app_meta WHERE key = 'app_version'").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise BackupError("foreign", detail=str(exc)) from exc
    finally:
        connection.close()
    if version is None or revision is None:
        raise BackupError("foreign")
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(str(revision[0]))
    except Exception as exc:
        raise BackupError("too_new", revision=str(revision[0])) from exc
    return str(revision[0])


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover (Windows)
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_pid(data_dir: Path) -> int | None:
    """The pid of a live counter app on this data folder, if any (stale locks are ignored)."""
    try:
        text = (data_dir / LOCK_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    pid = int(text) if text.isdigit() else 0
    return pid if pid != os.getpid() and _pid_alive(pid) else None


@contextlib.contextmanager
def app_lock(data_dir: Path) -> Iterator[Path]:
    """Mark the counter app as running on ``data_dir`` (restore refuses meanwhile)."""
    path = data_dir / LOCK_FILE
    path.write_text(str(os.getpid()), encoding="ascii")
    try:
        yield path
    finally:
        with contextlib.suppress(OSError):
            if path.read_text(encoding="ascii").strip() == str(os.getpid()):
                path.unlink()


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_copy: Path | None
    revision: str


def restore(source: Path, settings: Settings, *, clock: Clock | None = None) -> RestoreResult:
    """Replace the database in ``settings``' data folder by the backup ``source``.

    Checks ``source`` first (nothing changes if it is refused), keeps a safety copy of the
    current database in the backups folder, copies with the backup API, checks the result
    (and puts the safety copy back if that check fails)."""
    data_dir = settings.paths.data_dir
    if running_pid(data_dir) is not None:
        raise BackupError("app_running", pid=running_pid(data_dir))
    revision = check_backup_file(source)
    database = settings.paths.database
    stamp = (clock or SystemClock()).now().astimezone(hanoi_tz()).strftime("%Y%m%d-%H%M%S")
    safety: Path | None = None
    if database.exists():
        safety = settings.paths.backups / f"pre-restore-{stamp}{SUFFIX}"
        n = 1
        while safety.exists():
            n += 1
            safety = settings.paths.backups / f"pre-restore-{stamp}-{n}{SUFFIX}"
        try:
            backup_file(database, safety)
        except (OSError, sqlite3.Error) as exc:
            raise BackupError("io_error", detail=str(exc)) from exc
    try:
        backup_file(source, database)
        result = integrity_check(database)
    except (OSError, sqlite3.Error) as exc:
        result = str(exc)
    if result != "ok":
        if safety is not None:
            backup_file(safety, database)
        raise BackupError("corrupt", detail=result)
    return RestoreResult(source, safety, revision)
