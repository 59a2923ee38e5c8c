"""A real power cut, not only kill -9: the till's data folder on a file system that loses every
write not yet fsynced when the "power" goes (tests/e2e/power_cut_fs.py, a FUSE server in its
own process).

Each round mounts the durable image, lets a till (tests/e2e/workload.py) sell, return, void,
close shifts, receive goods, apply catalog pages and mark events sent, and at a random moment
cuts the power: the file system freezes (every later operation fails) and keeps only what was
fsynced; the till process is killed. Then, on what survived:

- every write the till reported as committed is there (the app runs ``synchronous=FULL``: a
  commit returns only after its fsync);
- nothing is half-written: SQLite's ``integrity_check`` passes and every sale, return, void,
  receipt, Z report, stock level, outbox event and the audit chain are whole
  (tests/e2e/checks.py);
- after the last round the app starts on the remounted folder (``ocop-pos-admin self-check``).

Skips, saying why, where FUSE cannot be mounted (no /dev/fuse, no fusermount3, no binding, or a
container that refuses the mount). ``OCOP_POWER_CUTS`` sets the number of cuts (default 8).
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.checks import check_consistent, check_reported
from tests.e2e.power_cut_fs import unavailable
from tests.services.fixtures import add_catalog, make_services

CUTS = int(os.environ.get("OCOP_POWER_CUTS", "8"))
ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).with_name("power_cut_fs.py")

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() (POSIX)"),
    pytest.mark.skipif(bool(unavailable()), reason=f"FUSE unavailable: {unavailable()}"),
]


def read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        return ""
    return process.stdout.readline()


class Power:
    """The FUSE server for one "power on" period."""

    def __init__(self, mountpoint: Path, state: Path) -> None:
        self.mountpoint = mountpoint
        self.server = subprocess.Popen(
            [sys.executable, str(SERVER), str(mountpoint), str(state)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1)
        line = read_line(self.server, 20)
        if line.strip() != "mounted":
            self.server.kill()
            _, err = self.server.communicate(timeout=10)
            pytest.skip(f"cannot mount a FUSE file system here: {err.strip()[-300:]}")

    def cut(self) -> tuple[int, int]:
        assert self.server.stdin is not None
        self.server.stdin.write("cut\n")
        answer = read_line(self.server, 30).split()
        assert answer and answer[0] == "cut", f"the file system did not cut: {answer}"
        return int(answer[1]), int(answer[2])

    def off(self) -> None:
        subprocess.run(["fusermount3", "-u", "-z", str(self.mountpoint)], check=False,
                       capture_output=True)
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait(timeout=10)


def test_a_power_cut_keeps_every_reported_commit_and_nothing_half_written(tmp_path):
    services, _ = make_services(tmp_path)  # the durable image: tmp_path/data
    catalog = add_catalog(services.db, opening_stock=100_000)
    products = [catalog.tea, catalog.candy, catalog.silk, catalog.vase, catalog.book]
    state = services.settings.paths.data_dir
    database_name = services.settings.paths.database.relative_to(state)
    services.db.close()
    mountpoint = tmp_path / "mnt"
    mountpoint.mkdir()

    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.workload", str(mountpoint),
         ",".join(map(str, products))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT)
    assert zygote.stdin is not None and zygote.stdout is not None
    rng = random.Random(20261203)
    reported: list[str] = []
    lost_total = 0
    started = time.perf_counter()
    try:
        for round_no in range(CUTS):
            power = Power(mountpoint, state)
            try:
                zygote.stdin.write(f"{round_no}\n")
                ready = read_line(zygote, 60).split()
                assert ready and ready[0] == "ready", f"the till did not start: {ready}"
                this_round: list[str] = []
                deadline = time.monotonic() + rng.uniform(0.2, 2.5)
                while (left := deadline - time.monotonic()) > 0:
                    line = read_line(zygote, left)
                    if line:
                        this_round.append(line.strip())
                before_cut = list(this_round)
                lost, fsyncs = power.cut()  # the power goes: nothing more reaches the disk
                lost_total += lost
                # ... and the till with it (unless a write already failed and it stopped)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(ready[1]), signal.SIGKILL)
                while not (line := read_line(zygote, 30)).startswith("dead"):
                    assert line, "the zygote died"
                    this_round.append(line.strip())
            finally:
                power.off()
            # what the disk kept, checked as the app would find it when the power is back
            # before the cut nothing may fail; after it the till is dying with its power: a write
            # fails (EIO) or a read meets the half-gone file ("malformed") -- only what the disk
            # kept counts, and that is checked below
            assert not [x for x in before_cut if x.startswith("error")], before_cut
            errors = [x for x in this_round[len(before_cut):] if x.startswith("error")]
            assert all(re.search(r"I/O|Errno 5|EIO|malformed", x) for x in errors), errors
            this_round = [x for x in this_round if not x.startswith("error")]
            check_reported(state / database_name, this_round)
            reported += this_round
            check_consistent(state / database_name)
        seen = check_reported(state / database_name, reported)
        # the app starts on the remounted folder
        power = Power(mountpoint, state)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pos_app.cli", "--data-dir", str(mountpoint),
                 "self-check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stdout + done.stderr
        finally:
            power.off()
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        if os.path.ismount(mountpoint):
            subprocess.run(["fusermount3", "-u", "-z", str(mountpoint)], check=False)
    elapsed = time.perf_counter() - started
    print(f"\npower cut: {CUTS} cuts, {dict(seen)} reported committed and all kept, "
          f"{lost_total} unsynced bytes dropped, {elapsed:.1f} s")
    assert seen["sale"] > 0
    assert lost_total > 0 or CUTS < 3, "no cut ever dropped an unsynced write"
    shutil.rmtree(mountpoint, ignore_errors=True)
