"""Channel orders: a marketplace export imported into pending orders that reserve stock, then
picked at the counter and completed as a sale (channel recorded for reports).

API (plain Python; writes on the DB lane)::

    svc = OrderService(db, settings, clock, audit, checkout)
    result = svc.import_file(Path("shopee.xlsx"), channel=None, dry_run=False, user="Hùng")
        # -> ImportResult(channel, orders, problems=[(row, column, code)]); any problem: nothing
    svc.pending() -> list[OrderSummary]; svc.lines(order_id) -> list[OrderLineInfo]
    cart = svc.to_cart(order_id)     # the order as the open cart (cart.order_id set); the
                                     # counter pays it like any cart (services/sales/checkout)
    svc.cancel(order_id, user="Hùng")  # its stock is free again
    svc.by_channel(start, end) -> {channel: (sales, total)}

Rules: every SKU (or barcode) must be a product here; an order already imported for that
channel is refused (``duplicate_order``), so re-importing a file sells nothing twice; an order
needs the stock available (on hand − what other pending orders hold, :func:`ledger.available`).
Completing goes through checkout: the sale's stock movements are written by the ledger in the
sale's transaction, which also marks the order completed (:func:`complete_order`) — a second
completion of one order is refused there and the whole sale rolls back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.db.customer_models import ChannelOrder, ChannelOrderLine, SaleChannel
from pos_app.db.database import Database
from pos_app.db.models import Barcode, Product, Sale
from pos_app.domain.cart import Cart
from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id
from pos_app.formats.channel_orders import (
    OrderDraft,
    detect,
    load_formats,
    read_orders,
    read_rows,
)
from pos_app.services.audit import AuditLog
from pos_app.services.ports import Clock, SystemClock
from pos_app.services.stock import ledger

if TYPE_CHECKING:
    from pos_app.services.sales.checkout import CheckoutService


class OrderError(CodedValueError):
    """``no_such_order``, ``order_not_pending``."""


@dataclass
class ImportResult:
    channel: str = ""
    orders: list[OrderDraft] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class OrderSummary:
    id: str
    channel: str
    ref: str
    buyer_name: str
    buyer_phone: str
    status: str
    lines: int
    total: int
    created_at: dt.datetime


@dataclass(frozen=True)
class OrderLineInfo:
    product_id: int
    sku: str
    qty: int
    unit_price: int


def _leave_pending(session: Session, order_id: str, status: str, now: dt.datetime,
                   **values: Any) -> None:
    """Move a pending order to ``status`` in one guarded UPDATE (``order_not_pending`` if it
    is not pending, or not there, any more)."""
    done = session.execute(
        update(ChannelOrder)
        .where(ChannelOrder.id == order_id, ChannelOrder.status == "pending")
        .values(status=status, updated_at=now, **values))
    if getattr(done, "rowcount", 0) != 1:
        raise OrderError("order_not_pending")


def complete_order(session: Session, sale_id: str, order_id: str) -> None:
    """Inside the sale's transaction: the order is now that sale (refused unless pending)."""
    _leave_pending(session, order_id, "completed", dt.datetime.now(dt.UTC), sale_id=sale_id)
    channel = session.scalar(select(ChannelOrder.channel).where(ChannelOrder.id == order_id))
    session.add(SaleChannel(sale_id=sale_id, channel=channel or "", order_id=order_id))


class OrderService:
    def __init__(self, db: Database, settings: config.Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None, checkout: CheckoutService | None = None
                 ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)
        self.checkout = checkout
        self.formats = load_formats(config.resources_dir() / "channels")

    # --- import

    def import_file(self, path: Path, *, channel: str | None = None, dry_run: bool = False,
                    user: str) -> ImportResult:
        try:
            header, rows = read_rows(path)
        except (OSError, UnicodeDecodeError, ValueError):
            return ImportResult(problems=[(0, "", "unreadable")])
        if channel is None:
            channel = detect(header, self.formats)
            if not channel:
                return ImportResult(problems=[(1, "", "unknown_layout")])
        fmt = self.formats.get(channel)
        if fmt is None:
            return ImportResult(channel=channel, problems=[(0, "", "unknown_channel")])
        read = read_orders(header, rows, fmt)
        result = ImportResult(channel=channel, orders=read.orders, problems=read.problems)
        if not result.ok:
            result.orders = []
            return result
        with self.db.reader() as session:
            products = self._products(session, {ln.sku for o in read.orders for ln in o.lines})
            known = set(session.scalars(select(ChannelOrder.external_ref).where(
                ChannelOrder.channel == channel,
                ChannelOrder.external_ref.in_([o.ref for o in read.orders]))))
            sku_col = fmt.columns["sku"][0]
            wanted: dict[int, int] = {}
            for order in read.orders:
                if order.ref in known:
                    result.problems.append((order.lines[0].row, fmt.columns["order_ref"][0],
                                            "duplicate_order"))
                for line in order.lines:
                    if line.sku not in products:
                        result.problems.append((line.row, sku_col, "unknown_sku"))
                    else:
                        pid = products[line.sku]
                        wanted[pid] = wanted.get(pid, 0) + line.qty
            if not result.problems:
                free = ledger.available(session, sorted(wanted))
                for order in read.orders:
                    for line in order.lines:
                        pid = products[line.sku]
                        if wanted.get(pid, 0) > free.get(pid, 0):
                            result.problems.append((line.row, sku_col, "not_enough_stock"))
                            wanted[pid] = 0  # one problem per product
        if result.problems:
            result.orders = []
            return result
        if dry_run:
            return result
        now = self.clock.now()
        with self.db.transaction() as session:  # (channel, ref) is unique: never twice
            for order in read.orders:
                order_id = new_id()
                session.add(ChannelOrder(
                    id=order_id, channel=channel, external_ref=order.ref,
                    buyer_name=order.buyer_name, buyer_phone=order.buyer_phone,
                    address=order.address, status="pending", created_at=now, updated_at=now))
                session.flush()
                for number, line in enumerate(order.lines, start=1):
                    session.add(ChannelOrderLine(
                        id=new_id(), order_id=order_id, line_no=number,
                        product_id=products[line.sku], sku=line.sku, qty=line.qty,
                        unit_price=line.unit_price))
            self.audit.append(session, action="orders_import", user=user,
                              detail={"channel": channel, "orders": len(read.orders),
                                      "file": path.name})
        return result

    @staticmethod
    def _products(session: Session, codes: set[str]) -> dict[str, int]:
        found = dict(session.execute(
            select(Product.sku, Product.id).where(Product.sku.in_(sorted(codes)))).all())
        rest = sorted(codes - set(found))
        if rest:
            found.update(dict(session.execute(
                select(Barcode.code, Barcode.product_id).where(Barcode.code.in_(rest))).all()))
        return {str(k): int(v) for k, v in found.items()}

    # --- reading

    def pending(self) -> list[OrderSummary]:
        return self.orders(status="pending")

    def orders(self, status: str | None = None) -> list[OrderSummary]:
        with self.db.reader() as session:
            query = (
                select(ChannelOrder, func.count(ChannelOrderLine.id),
                       func.sum(ChannelOrderLine.qty * ChannelOrderLine.unit_price))
                .join(ChannelOrderLine, ChannelOrderLine.order_id == ChannelOrder.id)
                .group_by(ChannelOrder.id).order_by(ChannelOrder.created_at, ChannelOrder.id)
            )
            if status is not None:
                query = query.where(ChannelOrder.status == status)
            return [
                OrderSummary(id=o.id, channel=o.channel, ref=o.external_ref,
                             buyer_name=o.buyer_name, buyer_phone=o.buyer_phone,
                             status=o.status, lines=int(n), total=int(total or 0),
                             created_at=o.created_at)
                for o, n, total in session.execute(query).all()
            ]

    def lines(self, order_id: str) -> list[OrderLineInfo]:
        with self.db.reader() as session:
            rows = session.scalars(select(ChannelOrderLine).where(
                ChannelOrderLine.order_id == order_id).order_by(ChannelOrderLine.line_no)).all()
            return [OrderLineInfo(r.product_id, r.sku, r.qty, r.unit_price) for r in rows]

    # --- at the counter

    def to_cart(self, order_id: str) -> Cart:
        """The pending order as a new cart at the marketplace's prices (a price more than the
        approval share below the list price needs a manager, as at the counter)."""
        assert self.checkout is not None
        with self.db.reader() as session:
            order = session.get(ChannelOrder, order_id)
            if order is None:
                raise OrderError("no_such_order")
            if order.status != "pending":
                raise OrderError("order_not_pending")
        cart = Cart(approval_percent=self.checkout.approval_percent, order_id=order_id)
        for line in self.lines(order_id):
            added = self.checkout.add_product(cart, line.product_id, qty=line.qty)
            if line.unit_price != added.unit_price:
                cart.override_price(added.id, line.unit_price)
        return cart

    def cancel(self, order_id: str, *, user: str) -> None:
        with self.db.transaction() as session:
            _leave_pending(session, order_id, "cancelled", self.clock.now())
            self.audit.append(session, action="order_cancel", user=user, target=order_id)

    def by_channel(self, start: dt.date, end: dt.date) -> dict[str, tuple[int, int]]:
        """Completed sales per channel over Hanoi dates (both inclusive): (count, total); the
        counter's own sales under ``counter``."""
        with self.db.reader() as session:
            rows = session.execute(
                select(func.coalesce(SaleChannel.channel, "counter"), func.count(Sale.id),
                       func.sum(Sale.total))
                .outerjoin(SaleChannel, SaleChannel.sale_id == Sale.id)
                .where(Sale.local_date >= start, Sale.local_date <= end,
                       Sale.status == "completed", Sale.kind == "sale")
                .group_by(func.coalesce(SaleChannel.channel, "counter"))
            ).all()
        return {str(c): (int(n), int(t or 0)) for c, n, t in rows}
