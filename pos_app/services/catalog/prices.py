"""The showroom's own selling prices and the products whose labels must be printed again.

A manager sets the price a product sells for at this showroom (:meth:`PriceService.set_price`).
In one write transaction the product's ``price`` changes, a :class:`PriceChange` row records the
old and new price with who and when, an audit entry is chained, and a ``price_set`` event goes to
the registry's outbox — so the registry sees every price the showroom charges. The row stays on
the "labels to reprint" list (:meth:`to_reprint`) until a label with the new price was printed
(:meth:`mark_printed`).

The label CLI and dialog also pick products by what changed: :meth:`changed_since` (prices set on
or after a Hanoi date) and :meth:`received_in` (every product of a goods receipt document).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update

from pos_app.db.database import Database
from pos_app.db.models import GoodsReceipt, Product, StockMovement
from pos_app.db.showroom_models import PriceChange
from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.utc import naive_utc
from pos_app.services.audit import AuditLog
from pos_app.services.catalog.importer import bump_catalog_version
from pos_app.services.ports import Clock
from pos_app.services.sync import outbox

AUDIT_ACTION = "price_set"
EVENT_KIND = "price_set"
MAX_PRICE = 1_000_000_000


class PriceError(CodedValueError):
    """Nothing was changed. ``code``: no_such_product | bad_price | same_price | no_such_receipt;
    ``detail`` names the SKU, price or document."""


@dataclass(frozen=True)
class PriceSet:
    sku: str
    old_price: int
    new_price: int
    at: dt.datetime


class PriceService:
    def __init__(self, db: Database, clock: Clock, audit: AuditLog | None = None) -> None:
        self.db = db
        self.clock = clock
        self.audit = audit or AuditLog(clock)

    def set_price(self, sku: str, price: int, *, user: str, approved_by: str = "") -> PriceSet:
        """Set the showroom's selling price of ``sku`` (đồng), audited and sent to the registry."""
        if isinstance(price, bool) or not isinstance(price, int) or not 0 <= price <= MAX_PRICE:
            raise PriceError("bad_price", str(price))
        now = self.clock.now()
        with self.db.transaction() as session:
            product = session.scalar(select(Product).where(Product.sku == sku.strip()))
            if product is None:
                raise PriceError("no_such_product", sku)
            old = int(product.price)
            if old == price:
                raise PriceError("same_price", sku)
            product.price = price
            session.add(PriceChange(id=new_id(), product_id=product.id, old_price=old,
                                    new_price=price, at=naive_utc(now), user_name=user,
                                    approved_by=approved_by))
            outbox.add_event(session, EVENT_KIND, {
                "sku": product.sku, "old_price": old, "new_price": price,
                "user": user, "approved_by": approved_by}, at=now)
            session.flush()
            bump_catalog_version(session)
            self.audit.append(session, action=AUDIT_ACTION, user=user, approved_by=approved_by,
                              target=product.sku, detail={"old": old, "new": price})
            done = PriceSet(product.sku, old, price, now)
        return done

    def history(self, sku: str) -> list[PriceSet]:
        with self.db.reader() as session:
            rows = session.execute(
                select(Product.sku, PriceChange.old_price, PriceChange.new_price, PriceChange.at)
                .join(Product, Product.id == PriceChange.product_id)
                .where(Product.sku == sku).order_by(PriceChange.at, PriceChange.id))
            return [PriceSet(s, o, n, a) for s, o, n, a in rows]

    def to_reprint(self) -> list[str]:
        """SKUs whose price changed since their last label, in SKU order."""
        with self.db.reader() as session:
            return list(session.scalars(
                select(Product.sku).join(PriceChange, PriceChange.product_id == Product.id)
                .where(PriceChange.labels_printed_at.is_(None))
                .group_by(Product.sku).order_by(Product.sku)))

    def changed_since(self, day: dt.date) -> list[str]:
        """SKUs whose price was set on or after ``day`` (a Hanoi date), in SKU order."""
        start = naive_utc(dt.datetime.combine(day, dt.time(), hanoi_tz()))
        with self.db.reader() as session:
            return list(session.scalars(
                select(Product.sku).join(PriceChange, PriceChange.product_id == Product.id)
                .where(PriceChange.at >= start).group_by(Product.sku).order_by(Product.sku)))

    def received_in(self, doc_no: str) -> list[tuple[str, int]]:
        """(SKU, pieces received) of every product on goods receipt ``doc_no``, in the order
        received; raises PriceError("no_such_receipt") when no receipt has that document."""
        with self.db.reader() as session:
            ids = list(session.scalars(
                select(GoodsReceipt.id).where(GoodsReceipt.doc_no == doc_no.strip())))
            if not ids:
                raise PriceError("no_such_receipt", doc_no)
            rows = session.execute(
                select(Product.sku, StockMovement.qty)
                .join(Product, Product.id == StockMovement.product_id)
                .where(StockMovement.kind == "receipt", StockMovement.ref_id.in_(ids))
                .order_by(StockMovement.created_at, StockMovement.id))
            out: dict[str, int] = {}
            for sku, qty in rows:
                out[sku] = out.get(sku, 0) + max(0, int(qty))
        return list(out.items())

    def mark_printed(self, skus: Sequence[str]) -> int:
        """Labels with the current price were printed for ``skus``: off the reprint list."""
        wanted = list(dict.fromkeys(skus))
        if not wanted:
            return 0
        now = naive_utc(self.clock.now())
        with self.db.transaction() as session:
            ids = select(Product.id).where(Product.sku.in_(wanted)).scalar_subquery()
            result = session.execute(
                update(PriceChange).where(PriceChange.labels_printed_at.is_(None),
                                          PriceChange.product_id.in_(ids))
                .values(labels_printed_at=now))
        return int(getattr(result, "rowcount", 0) or 0)
