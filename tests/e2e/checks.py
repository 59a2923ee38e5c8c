"""What must hold of a till's database after a kill or a power cut (see tests/e2e/workload.py).

:func:`check_consistent` checks the file as a whole; :func:`check_reported` checks that every
write a child reported as committed is there.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pos_app.db.engine import integrity_check, make_engine
from pos_app.services.audit import verify


class ReadOnly:
    """What :func:`verify` needs of a Database (``reader()``), without opening a writer."""

    def __init__(self, path: Path) -> None:
        self.engine = make_engine(path, writer=False)
        self._sessions = sessionmaker(self.engine)

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session


def check_consistent(path: Path) -> dict[str, int]:
    """Every invariant of a database a killed process left; returns row counts by kind."""
    assert integrity_check(path) == "ok"
    con = sqlite3.connect(path)
    try:
        q = con.execute
        sales = {r[0]: (r[1], r[2], r[3]) for r in q("SELECT id, kind, status, total FROM sales")}
        lines = dict(q("SELECT sale_id, count(*) FROM sale_lines GROUP BY sale_id"))
        paid = dict(q("SELECT sale_id, sum(amount) FROM sale_payments GROUP BY sale_id"))
        moves = Counter({(ref, kind): n for ref, kind, n in q(
            "SELECT ref_id, kind, count(*) FROM stock_movements GROUP BY ref_id, kind")})
        events: dict[str, list[str]] = {}
        for kind, payload in q("SELECT kind, payload FROM outbox"):
            events.setdefault(kind, []).append(payload)
        sale_events = sorted(json.loads(x)["sale_id"] for x in events.get("sale", []))
        return_events = len(events.get("return", []))
        voided_events = sorted(json.loads(x)["sale_id"] for x in events.get("sale_voided", []))
        audited = Counter(q("SELECT action, target FROM audit_log"))
        # whole: every part of every sale, return and void is there ...
        for sale_id, (kind, status, total) in sales.items():
            assert lines.get(sale_id, 0) >= 1, sale_id
            assert paid.get(sale_id) == total, sale_id
            assert moves[(sale_id, kind)] == lines[sale_id], sale_id
            assert audited[(kind, sale_id)] == 1, sale_id
            if status == "voided":
                assert moves[(sale_id, "return")] == lines[sale_id], sale_id
                assert audited[("void", sale_id)] == 1, sale_id
        plain = sorted(i for i, (kind, _, _) in sales.items() if kind == "sale")
        assert sale_events == plain, "outbox sale events and sales differ"
        assert return_events == sum(kind == "return" for kind, _, _ in sales.values())
        assert voided_events == sorted(i for i, (_, s, _) in sales.items() if s == "voided")
        # ... or absent: nothing of a sale that did not commit
        assert set(lines) <= set(sales) and set(paid) <= set(sales)
        for (ref, kind), _ in moves.items():
            if kind in ("sale", "return"):
                assert ref in sales, (ref, kind)
        # goods receipts: one movement per line, one audit entry, one outbox event each
        receipts = dict(q("SELECT id, lines FROM goods_receipts"))
        for receipt_id, n in receipts.items():
            assert moves[(receipt_id, "receipt")] == n, receipt_id
            assert audited[("goods_receipt", receipt_id)] == 1, receipt_id
        received = {json.loads(x)["movements"][0]["ref_id"]
                    for x in events.get("stock_movement", [])}
        assert set(receipts) <= received and len(events.get("stock_movement", [])) >= len(
            receipts)
        # the cached levels are the ledger's sums, product by product
        ledger = dict(q("SELECT product_id, sum(qty) FROM stock_movements GROUP BY product_id"))
        levels = dict(q("SELECT product_id, qty FROM stock_levels"))
        assert {k: v for k, v in ledger.items() if v} == {k: v for k, v in levels.items() if v}
        # shifts: at most one open, each closed one has exactly one Z report and its event
        shifts = dict(q("SELECT id, status FROM shifts"))
        assert sum(s == "open" for s in shifts.values()) <= 1
        zs = dict(q("SELECT shift_id, number FROM z_reports"))
        assert set(zs) == {i for i, s in shifts.items() if s != "open"}
        assert sorted(zs.values()) == list(range(1, len(zs) + 1)), "Z numbers have a gap"
        assert len(events.get("z_report", [])) == len(zs)
        # the outbox: statuses known, ids unique (the primary key), sent ones stamped
        for status, sent_at in q("SELECT status, sent_at FROM outbox"):
            assert status in ("pending", "sent", "rejected")
            assert (sent_at is not None) == (status == "sent")
        # receipt numbers have no duplicates and no gaps per day
        for day, count, top in q("SELECT local_date, count(*), max(seq) FROM sales "
                                 "GROUP BY local_date"):
            assert count == top, day
    finally:
        con.close()
    reader = ReadOnly(path)
    try:
        result = verify(reader)  # type: ignore[arg-type]
        assert result.ok, f"audit chain broken: {result}"
    finally:
        reader.engine.dispose()
    return {"sales": len(sales), "receipts": len(receipts), "z": len(zs)}


def check_reported(path: Path, reported: Iterable[str]) -> Counter[str]:
    """Every write a child said had committed is in the database at ``path``."""
    con = sqlite3.connect(path)
    seen: Counter[str] = Counter()
    try:
        def one(sql: str, *args: object) -> object:
            row = con.execute(sql, args).fetchone()
            return None if row is None else row[0]

        for line in reported:
            what, *rest = line.split()
            seen[what] += 1
            if what in ("sale", "return"):
                assert one("SELECT kind FROM sales WHERE id = ?", rest[0]) == what, line
            elif what == "void":
                assert one("SELECT status FROM sales WHERE id = ?", rest[0]) == "voided", line
            elif what == "z":
                assert one("SELECT number FROM z_reports WHERE id = ?", rest[0]) == int(
                    rest[1]), line
            elif what == "shift":
                assert one("SELECT count(*) FROM shifts WHERE id = ?", rest[0]) == 1, line
            elif what == "receipt":
                assert one("SELECT count(*) FROM goods_receipts WHERE id = ?", rest[0]) == 1, line
            elif what == "catalog":
                # a later page may have changed the price again: the SKU is there
                assert one("SELECT count(*) FROM products WHERE sku = ?", rest[0]) == 1, line
            elif what == "sent":
                for event_id in rest[0].split(","):
                    assert one("SELECT status FROM outbox WHERE id = ?", event_id) == "sent", line
            elif what in ("ready", "dead"):
                pass
            else:
                raise AssertionError(f"the child said: {line}")
    finally:
        con.close()
    return seen
