"""Crash safety: SIGKILL a process in the middle of checkouts, hundreds of times over.

A zygote process imports the app once (no Qt: plain Python and the services); for each round it
forks a child that opens the database and records sales in a loop until the parent kills it
with SIGKILL at a random moment (one child start per kill, so a kill costs milliseconds, not an
interpreter start). After every kill the parent checks, on the file the child left behind:

- the database opens and SQLite's ``integrity_check`` says ok;
- every sale is whole or absent: its lines, payments (summing to its total), one stock movement
  per line, its outbox event and its audit entry are all there — and nothing of a sale that is
  not there (no orphan lines, payments, movements, events or audit entries);
- the stock ledger matches the sale lines product by product;
- every sale carries the open shift (stamped by a trigger inside the sale's transaction);
- the audit log's hash chain verifies.

``OCOP_KILLS`` sets the number of kills (default 200, the CI-sized form).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import integrity_check, make_engine
from pos_app.services.audit import verify
from pos_app.services.people.shifts import ShiftService
from tests.services.fixtures import CASHIER, add_catalog, make_services

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() (POSIX)")

KILLS = int(os.environ.get("OCOP_KILLS", "200"))

ZYGOTE = r"""
import os, random, sys
from pathlib import Path
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.domain.cart import PaymentInput
from pos_app.services.people.approval import Actor
from pos_app.services.audit import AuditLog
from pos_app.services.sales.checkout import CheckoutService

import pos_app.db.database as database_module
from pos_app.db.migrate import MigrationResult, head_revision
from sqlalchemy.orm import configure_mappers

data, products = sys.argv[1], [int(p) for p in sys.argv[2].split(",")]
settings = Settings.load(data, env={})
# The parent migrated the file already; a child skips re-reading the migration scripts so a
# round costs a fork, not an Alembic start.
_head = head_revision()
database_module.upgrade = lambda engine, path, backups: MigrationResult(_head, _head, None)
configure_mappers()
cashier = Actor(None, "Thu ngân Lan", "cashier")
out = sys.stdout.fileno()
for command in sys.stdin:
    seed = int(command)
    pid = os.fork()
    if pid == 0:  # the child: sell until killed
        rng = random.Random(seed)
        db = Database(settings.paths.database, settings.paths.backups)
        audit = AuditLog()
        checkout = CheckoutService(db, settings, audit=audit)
        os.write(out, f"ready {os.getpid()}\n".encode())
        while True:
            cart = checkout.open_cart()
            for _ in range(rng.randint(1, 3)):
                checkout.add_product(cart, rng.choice(products), qty=rng.randint(1, 3))
            checkout.save_cart(cart, cashier_name=cashier.name)
            if rng.random() < 0.3:
                payments = [PaymentInput("card", cart.total, reference="A" + str(seed))]
            else:
                payments = [PaymentInput("cash", cart.total, tendered=cart.total + 5000)]
            checkout.complete_sale(cart, payments, cashier=cashier)
    _, status = os.waitpid(pid, 0)
    os.write(out, f"dead {status}\n".encode())
"""


def check_whole(path: Path, opening: dict[int, int], shift_id: str) -> int:
    """Every invariant of a database a killed process left; returns the number of sales."""
    assert integrity_check(path) == "ok"
    con = sqlite3.connect(path)
    try:
        q = con.execute
        sales = {r[0]: r[1] for r in q("SELECT id, total FROM sales")}
        assert {r[0] for r in q("SELECT DISTINCT shift_id FROM sales")} <= {shift_id}
        lines: dict[str, int] = {}
        for sale_id, n in q("SELECT sale_id, count(*) FROM sale_lines GROUP BY sale_id"):
            lines[sale_id] = n
        paid = dict(q("SELECT sale_id, sum(amount) FROM sale_payments GROUP BY sale_id"))
        moves = dict(q("SELECT ref_id, count(*) FROM stock_movements WHERE kind = 'sale' "
                       "GROUP BY ref_id"))
        events = [json.loads(p)["sale_id"] for (p,) in q(
            "SELECT payload FROM outbox WHERE kind = 'sale'")]
        audited = [t for (t,) in q("SELECT target FROM audit_log WHERE action = 'sale'")]
        # whole: every part of every sale is there ...
        for sale_id, total in sales.items():
            assert lines.get(sale_id, 0) >= 1, sale_id
            assert paid.get(sale_id) == total, sale_id
            assert moves.get(sale_id) == lines[sale_id], sale_id
        assert sorted(events) == sorted(sales), "outbox events and sales differ"
        assert sorted(audited) == sorted(sales), "audit entries and sales differ"
        # ... or absent: nothing of a sale that did not commit
        assert set(lines) <= set(sales) and set(paid) <= set(sales) and set(moves) <= set(sales)
        # the ledger matches the sale lines, product by product
        sold = dict(q("SELECT product_id, sum(qty) FROM sale_lines GROUP BY product_id"))
        levels = dict(q("SELECT product_id, sum(qty) FROM stock_movements GROUP BY product_id"))
        for product_id, start in opening.items():
            assert levels.get(product_id, 0) == start - sold.get(product_id, 0), product_id
        # receipt numbers have no duplicates and no gaps per day
        for day, count, top in q("SELECT local_date, count(*), max(seq) FROM sales "
                                 "GROUP BY local_date"):
            assert count == top, day
        return len(sales)
    finally:
        con.close()


def test_sigkill_during_checkouts_never_leaves_half_a_sale(tmp_path):
    services, _ = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=100_000)
    products = [catalog.tea, catalog.candy, catalog.silk, catalog.vase, catalog.book]
    opening = {p: 100_000 for p in (*products, catalog.rice, catalog.expired, catalog.revoked)}
    # an open shift: every sale's transaction also runs the trigger that stamps its shift
    shift = ShiftService(services.db, services.settings).open(CASHIER, 1_000_000)
    database = services.settings.paths.database
    data_dir = services.settings.paths.data_dir
    services.db.close()
    reader = ReadOnly(database)

    zygote = subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(data_dir), ",".join(map(str, products))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        cwd=Path(__file__).resolve().parents[2],
    )
    rng = random.Random(20261123)
    assert zygote.stdin is not None and zygote.stdout is not None
    started = time.perf_counter()
    sales_seen = [0]
    try:
        for round_no in range(KILLS):
            zygote.stdin.write(f"{round_no}\n")
            ready = zygote.stdout.readline().split()
            assert ready and ready[0] == "ready", f"child did not start: {ready}"
            # half the kills early (often inside the first sale's commit), half after a few sales
            time.sleep(rng.uniform(0.0, 0.04) if rng.random() < 0.5 else rng.uniform(0.04, 0.2))
            os.kill(int(ready[1]), signal.SIGKILL)
            dead = zygote.stdout.readline().split()
            assert dead[0] == "dead"
            sales_seen.append(check_whole(database, opening, shift.id))
            result = verify(reader)  # type: ignore[arg-type]
            assert result.ok, f"audit chain broken after kill {round_no}: {result}"
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
        reader.engine.dispose()
    elapsed = time.perf_counter() - started
    print(f"\nkill harness: {KILLS} kills, {sales_seen[-1]} sales committed, "
          f"{elapsed:.1f} s ({elapsed / max(KILLS, 1) * 1000:.0f} ms per kill)")
    assert sales_seen[-1] > 0
    assert sales_seen == sorted(sales_seen)  # a committed sale never disappears


class ReadOnly:
    """What :func:`verify` needs of a Database (``reader()``), without opening a writer."""

    def __init__(self, path: Path) -> None:
        self.engine = make_engine(path, writer=False)
        self._sessions = sessionmaker(self.engine)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session
