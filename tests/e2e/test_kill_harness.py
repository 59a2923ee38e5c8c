"""Crash safety: SIGKILL a process in the middle of the till's writes, hundreds of times over.

A zygote process (tests/e2e/workload.py) imports the app once (no Qt); for each round it forks a
child that opens the database and does one write after another — sales, returns, voids, shift
close with its Z report, goods receipts, a catalog page applied, outbox events marked sent —
until the parent kills it with SIGKILL at a random moment (one child start per kill, so a kill
costs milliseconds, not an interpreter start). The child prints each write it saw commit. After
every kill the parent checks, on the file the child left behind (tests/e2e/checks.py):

- every write the child reported is there (a committed write never disappears);
- the database opens and SQLite's ``integrity_check`` says ok;
- every sale, return and void is whole or absent: its lines, payments (summing to its total),
  stock movements, outbox event and audit entry are all there — and nothing of one that is not;
- each goods receipt has its movements, audit entry and outbox event; each closed shift exactly
  one Z report, numbered without gaps; sent outbox events are stamped;
- the cached stock levels equal the ledger's sums, product by product;
- the audit log's hash chain verifies.

``OCOP_KILLS`` sets the number of kills (default 80, the CI-sized form: about 40 s).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.checks import check_consistent, check_reported
from tests.services.fixtures import add_catalog, make_services

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() (POSIX)")

KILLS = int(os.environ.get("OCOP_KILLS", "80"))
ROOT = Path(__file__).resolve().parents[2]


def test_sigkill_during_the_tills_writes_never_loses_a_commit(tmp_path):
    services, _ = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=100_000)
    products = [catalog.tea, catalog.candy, catalog.silk, catalog.vase, catalog.book]
    database = services.settings.paths.database
    data_dir = services.settings.paths.data_dir
    services.db.close()

    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.workload", str(data_dir), ",".join(map(str, products))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT,
    )
    rng = random.Random(20261123)
    assert zygote.stdin is not None and zygote.stdout is not None
    started = time.perf_counter()
    reported: list[str] = []
    counts: list[int] = [0]
    try:
        for round_no in range(KILLS):
            zygote.stdin.write(f"{round_no}\n")
            ready = zygote.stdout.readline().split()
            assert ready and ready[0] == "ready", f"child did not start: {ready}"
            # half the kills early (often inside the child's first write, which compiles its
            # queries), half after a few writes
            time.sleep(rng.uniform(0.0, 0.25) if rng.random() < 0.5 else rng.uniform(0.25, 0.8))
            os.kill(int(ready[1]), signal.SIGKILL)
            this_round = []
            while not (line := zygote.stdout.readline()).startswith("dead"):
                assert line, "the zygote died"
                this_round.append(line.strip())
            check_reported(database, this_round)
            reported += this_round
            counts.append(check_consistent(database)["sales"])
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    seen = check_reported(database, reported)  # and nothing reported earlier went missing
    elapsed = time.perf_counter() - started
    print(f"\nkill harness: {KILLS} kills, {dict(seen)} reported committed, "
          f"{elapsed:.1f} s ({elapsed / max(KILLS, 1) * 1000:.0f} ms per kill)")
    assert seen["sale"] > 0 and seen["receipt"] > 0 and seen["void"] > 0 and seen["z"] > 0
    assert seen["return"] > 0 and seen["catalog"] > 0 and seen["sent"] > 0
    assert counts == sorted(counts)  # a committed sale never disappears
