"""Writing till facts the way checkout does (fact + outbox event in one transaction), without
depending on checkout's API."""

from __future__ import annotations

from sqlalchemy import func, select

from pos_app.db.database import Database
from pos_app.db.models import OutboxEvent, Product, StockMovement
from pos_app.domain.ids import new_id
from pos_app.services.sync import outbox


def product_ids(db: Database) -> dict[str, int]:
    with db.reader() as session:
        return {sku: pid for sku, pid in session.execute(select(Product.sku, Product.id))}


def record_sale(db: Database, till: str, lines: list[tuple[str, int]]) -> str:
    """A sale of ``lines`` (sku, qty): stock movements and the ``sale`` event, one transaction.
    Returns the event id."""
    ids = product_ids(db)
    sale_id = new_id()
    with db.transaction() as session:
        payload_lines = []
        for number, (sku, qty) in enumerate(lines, start=1):
            session.add(StockMovement(id=new_id(), product_id=ids[sku], qty=-qty, kind="sale",
                                      till_code=till, ref_id=sale_id))
            payload_lines.append({"line_id": new_id(), "line_no": number, "sku": sku,
                                  "qty": qty, "unit_price": 1000, "line_total": 1000 * qty})
        return outbox.add_event(session, "sale", {
            "sale_id": sale_id, "kind": "sale", "showroom": "HN01", "till": till,
            "lines": payload_lines, "total": sum(1000 * q for _, q in lines),
        })


def record_receipt(db: Database, movement_id: str, sku: str, qty: int, till: str) -> None:
    """Opening stock with a fixed id (the same fact present on several tills)."""
    ids = product_ids(db)
    with db.transaction() as session:
        session.add(StockMovement(id=movement_id, product_id=ids[sku], qty=qty, kind="receipt",
                                  till_code=till))


def levels(db: Database) -> dict[str, int]:
    with db.reader() as session:
        rows = session.execute(
            select(Product.sku, func.sum(StockMovement.qty))
            .join(Product, Product.id == StockMovement.product_id)
            .group_by(Product.sku))
        return {sku: int(total) for sku, total in rows}


def outbox_by_status(db: Database) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"pending": set(), "sent": set(), "rejected": set()}
    with db.reader() as session:
        for event_id, status in session.execute(select(OutboxEvent.id, OutboxEvent.status)):
            out[status].add(event_id)
    return out
