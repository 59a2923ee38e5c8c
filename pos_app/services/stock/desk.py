"""The stock desk: levels from the ledger, goods receipts, adjustments, write-offs, stock counts
and low-stock thresholds. No Qt here; errors are codes (:class:`StockError`).

API (plain Python; run on the DB lane from the UI)::

    svc = services.stock                                   # StockService

    svc.levels() -> dict[product_id, qty]                  # one grouped query over the ledger
    svc.stock_rows() -> list[StockRow]                     # the stock screen's table, one pass
    svc.low_stock() -> list[StockRow]                      # on hand <= threshold
    svc.set_threshold(product_id, min_qty | None, user=actor)

    svc.receive(ReceiptInput(producer_id, doc_no, consignment, [ReceiptLine(pid, qty, cost)]),
                user=actor) -> ReceiptResult
    svc.adjust(product_id, qty_delta, reason, user=actor, approval=approval) -> MovementResult
    svc.write_off(product_id, qty, reason, user=actor, approval=approval) -> MovementResult

    c = svc.open_count(scope="all" | "group" | "producer", value="", user=actor) -> CountSummary
    svc.record_count(c.id, product_id, counted, user=actor, mode=None | "add" | "replace")
    svc.count_sheet(c.id) -> CountSheet                    # expected vs counted per line
    svc.post_count(c.id, user=actor, approval=approval) -> CountSummary   # then immutable
    svc.cancel_count(c.id, user=actor)

Rules decided here:

- Each committing call is ONE write transaction: its stock movements, one outbox event
  ``stock_movement`` (``{"movements": [{id, sku, qty, kind, reason, ref_id}]}``) so the other
  tills converge, and an audit entry.
- Adjustments, write-offs and posting a count need a manager's approval
  (:func:`pos_app.services.people.approval.check_approval` with codes ``stock_adjustment``,
  ``writeoff``, ``stock_count``); a manager or admin doing it themself needs none. The
  approver's name is kept in the audit log.
- A write-off larger than the stock on hand is refused (``writeoff_exceeds_stock``).
- Counting a product twice in one session is refused (``already_counted``, info ``previous``)
  unless the caller says what it means: ``mode="add"`` (another shelf of the same product) or
  ``mode="replace"`` (a recount). Never silently doubled.
- ``expected`` of a count line is the ledger level at the moment the product was counted; the
  posted difference is ``counted - expected`` (so sales made after counting are not undone).
  Products in the scope that were not counted are left as they are (shown as "not counted").
- A posted or cancelled session is immutable (``count_closed``).
- Levels for lists come from ``stock_levels``, a cache kept by database triggers on every
  ledger change (whoever writes it); checks before a write (write-off) sum the ledger itself.
- Quantities are in the product's stock unit (pieces, or grams for goods sold by weight).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_app.db.models import (
    Barcode,
    GoodsReceipt,
    Producer,
    Product,
    StockCount,
    StockCountLine,
    StockLevel,
    StockMovement,
    StockThreshold,
)
from pos_app.domain.errors import CodedError
from pos_app.domain.ids import new_id
from pos_app.services.people.approval import APPROVER_ROLES, Actor, Approval, check_approval
from pos_app.services.stock import ledger
from pos_app.services.sync import outbox
from pos_app.services.till import TillService

if TYPE_CHECKING:
    from pos_app.services import Services

__all__ = [
    "ADJUST", "COUNT", "WRITEOFF", "CountLine", "CountSheet", "CountSummary", "MovementResult",
    "ReceiptInput", "ReceiptLine", "ReceiptResult", "StockError", "StockRow", "StockService",
]

# Approval codes (what the manager approves).
ADJUST = "stock_adjustment"
WRITEOFF = "writeoff"
COUNT = "stock_count"

MAX_QTY = 10_000_000
"""Refuse absurd quantities (a scanner code typed into the quantity field)."""

SCOPES = ("all", "group", "producer")


class StockError(CodedError):
    """A stock operation refused; ``code`` says why, ``info`` carries figures. Nothing written.

    Codes: ``no_such_product``, ``no_such_producer``, ``bad_qty``, ``empty_receipt``,
    ``bad_cost``, ``reason_required``, ``writeoff_exceeds_stock`` (info ``on_hand``),
    ``no_such_count``, ``count_closed``, ``already_counted`` (info ``previous``),
    ``out_of_scope``, ``bad_scope``, ``nothing_counted``, ``bad_threshold``.
    """


_ROWS_SQL = (
    "SELECT p.id, p.sku, p.name_vi, p.name_en, p.producer_id, pr.name, p.product_group, "
    "p.stars, p.unit, p.price, "
    "CASE WHEN p.cert_status = 'active' AND p.cert_expires IS NOT NULL "
    "AND substr(p.cert_expires, 1, 10) < :today THEN 'expired' ELSE p.cert_status END, "
    "p.cert_expires, COALESCE(NULLIF(p.search_text, ''), lower(p.name_vi || ' ' || p.sku)), "
    "COALESCE(l.qty, 0), t.min_qty "
    "FROM products p JOIN producers pr ON pr.id = p.producer_id "
    "LEFT JOIN stock_levels l ON l.product_id = p.id "
    "LEFT JOIN stock_thresholds t ON t.product_id = p.id"
)


class StockRow(NamedTuple):
    """One product on the stock screen, straight from one SQL row (no per-row Python work:
    20,000 of them load in a few milliseconds). ``search`` is the folded text queries match;
    ``cert_status`` is effective today (an active certificate past its date is 'expired')."""

    id: int
    sku: str
    name_vi: str
    name_en: str
    producer_id: int
    producer_name: str
    group: str
    stars: int
    unit: str
    price: int
    cert_status: str  # active | expired | revoked
    expires_text: str | None
    search: str
    on_hand: int
    threshold: int | None

    @property
    def cert_expires(self) -> dt.date | None:
        return dt.date.fromisoformat(self.expires_text[:10]) if self.expires_text else None

    @property
    def low(self) -> bool:
        return self.threshold is not None and self.on_hand <= self.threshold


def _by_name(row: StockRow) -> tuple[str, int]:
    return row.name_vi, row.id


@dataclass(frozen=True)
class ReceiptLine:
    product_id: int
    qty: int
    unit_cost: int | None = None
    """Cost per unit in đồng (what the showroom pays / owes the producer); None if unknown."""


@dataclass(frozen=True)
class ReceiptInput:
    producer_id: int
    doc_no: str
    consignment: bool
    lines: Sequence[ReceiptLine]
    note: str = ""


@dataclass(frozen=True)
class ReceiptResult:
    receipt_id: str
    lines: int
    total_qty: int
    total_cost: int


@dataclass(frozen=True)
class MovementResult:
    movement_id: str
    product_id: int
    qty: int
    on_hand: int


@dataclass(frozen=True)
class CountSummary:
    id: str
    scope: str
    scope_value: str
    status: str
    opened_at: dt.datetime
    opened_by: str
    lines: int
    posted_at: dt.datetime | None = None
    approved_by: str = ""


@dataclass(frozen=True)
class CountLine:
    product_id: int
    sku: str
    name_vi: str
    unit: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected


@dataclass(frozen=True)
class CountSheet:
    summary: CountSummary
    lines: tuple[CountLine, ...]
    in_scope: int
    """Products in the session's scope (counted or not)."""

    @property
    def not_counted(self) -> int:
        return self.in_scope - len(self.lines)




def _check_qty(qty: int, *, allow_negative: bool = False) -> None:
    if not isinstance(qty, int) or isinstance(qty, bool):
        raise StockError("bad_qty", qty=qty)
    if abs(qty) > MAX_QTY or (qty <= 0 and not allow_negative) or qty == 0:
        raise StockError("bad_qty", qty=qty)


class StockService(TillService):
    """Receiving, adjustments, write-offs, counts and levels (constructed as a TillService)."""

    # --- levels -----------------------------------------------------------------------------

    @staticmethod
    def _levels(session: Session, product_ids: Sequence[int] | None = None) -> dict[int, int]:
        query = select(StockMovement.product_id, func.sum(StockMovement.qty)).group_by(
            StockMovement.product_id)
        if product_ids is not None:
            query = query.where(StockMovement.product_id.in_(list(product_ids)))
        return {int(pid): int(qty or 0) for pid, qty in session.execute(query)}

    @staticmethod
    def _cached(session: Session) -> dict[int, int]:
        return {int(p): int(q) for p, q in session.execute(
            select(StockLevel.product_id, StockLevel.qty))}

    def levels(self) -> dict[int, int]:
        """Stock on hand of every product that has movements: the cached levels, which
        triggers keep equal to the ledger's sums (see :meth:`ledger_levels`)."""
        with self.db.reader() as session:
            return self._cached(session)

    def ledger_levels(self) -> dict[int, int]:
        """The same, summed from the ledger itself (one grouped query; slower)."""
        with self.db.reader() as session:
            return self._levels(session)

    def level(self, product_id: int) -> int:
        with self.db.reader() as session:
            return self._levels(session, [product_id]).get(product_id, 0)

    def stock_rows(self) -> list[StockRow]:
        """Every product with producer, on hand (cached level), threshold and certificate state,
        in one plain SQL query; the screen filters in memory."""
        with self.db.reader() as session:
            raw = session.connection().exec_driver_sql(
                _ROWS_SQL, {"today": self.today().isoformat()}).fetchall()
        rows = list(map(StockRow._make, raw))
        rows.sort(key=_by_name)  # cheaper here than SQLite's temporary B-tree
        return rows

    def low_stock(self) -> list[StockRow]:
        """Products at or under their threshold, emptiest first."""
        rows = [r for r in self.stock_rows() if r.low]
        return sorted(rows, key=lambda r: (r.on_hand - (r.threshold or 0), r.name_vi))

    def set_threshold(self, product_id: int, min_qty: int | None, *, user: Actor) -> None:
        """Set (or with None, clear) a product's low-stock threshold."""
        if min_qty is not None and (not isinstance(min_qty, int) or min_qty < 0
                                    or min_qty > MAX_QTY):
            raise StockError("bad_threshold", min_qty=min_qty)
        with self.db.transaction() as session:
            if session.get(Product, product_id) is None:
                raise StockError("no_such_product", product_id=product_id)
            session.execute(delete(StockThreshold).where(StockThreshold.product_id == product_id))
            if min_qty is not None:
                session.add(StockThreshold(product_id=product_id, min_qty=min_qty))
            self.audit.append(session, action="stock_threshold", user=user.name,
                              target=str(product_id), detail={"min_qty": min_qty})

    def find_product(self, code: str) -> int | None:
        """A product id by barcode or SKU (what a scanner or a typing manager gives)."""
        text = code.strip()
        if not text:
            return None
        with self.db.reader() as session:
            found = session.scalar(select(Barcode.product_id).where(Barcode.code == text))
            if found is None:
                found = session.scalar(select(Product.id).where(Product.sku == text))
        return int(found) if found is not None else None

    def producers(self) -> list[tuple[int, str]]:
        with self.db.reader() as session:
            return [(int(i), str(n)) for i, n in session.execute(
                select(Producer.id, Producer.name).order_by(Producer.name))]

    # --- writing movements ------------------------------------------------------------------

    def _write(
        self,
        session: Session,
        moves: list[dict[str, Any]],
        skus: dict[int, str],
        now: dt.datetime,
    ) -> None:
        """Insert movements and their ``stock_movement`` outbox event."""
        ledger.record(session, moves)
        outbox.add_event(session, "stock_movement", {"movements": [
            {"id": m["id"], "sku": skus[m["product_id"]], "qty": m["qty"], "kind": m["kind"],
             "reason": m["reason"], "ref_id": m["ref_id"]}
            for m in moves
        ]}, at=now)

    def _move(self, product_id: int, qty: int, kind: str, reason: str, ref_id: str,
              user: Actor, now: dt.datetime, unit_cost: int | None = None,
              consignment: bool = False) -> dict[str, Any]:
        return ledger.movement(
            product_id=product_id, qty=qty, kind=kind, till_code=self.till_code, at=now,
            user_name=user.name, reason=reason, ref_id=ref_id, unit_cost=unit_cost,
            consignment=consignment,
        )

    @staticmethod
    def _skus(session: Session, ids: Sequence[int]) -> dict[int, str]:
        return {int(i): str(s) for i, s in session.execute(
            select(Product.id, Product.sku).where(Product.id.in_(list(ids))))}

    # --- goods receipt ----------------------------------------------------------------------

    def receive(self, receipt: ReceiptInput, *, user: Actor) -> ReceiptResult:
        """Goods in from one producer (bought or on consignment), one movement per line."""
        if not receipt.lines:
            raise StockError("empty_receipt")
        for line in receipt.lines:
            _check_qty(line.qty)
            if line.unit_cost is not None and (
                    not isinstance(line.unit_cost, int) or line.unit_cost < 0):
                raise StockError("bad_cost", product_id=line.product_id)
        if receipt.consignment and any(line.unit_cost is None for line in receipt.lines):
            raise StockError("bad_cost", reason="consignment_needs_cost")
        now = self._now()
        receipt_id = new_id()
        with self.db.transaction() as session:
            if session.get(Producer, receipt.producer_id) is None:
                raise StockError("no_such_producer", producer_id=receipt.producer_id)
            skus = self._skus(session, [line.product_id for line in receipt.lines])
            for line in receipt.lines:
                if line.product_id not in skus:
                    raise StockError("no_such_product", product_id=line.product_id)
            moves = [
                self._move(line.product_id, line.qty, "receipt", receipt.doc_no.strip()[:200],
                           receipt_id, user, now, line.unit_cost, receipt.consignment)
                for line in receipt.lines
            ]
            total_cost = sum(line.qty * (line.unit_cost or 0) for line in receipt.lines)
            session.add(GoodsReceipt(
                id=receipt_id, doc_no=receipt.doc_no.strip()[:64],
                producer_id=receipt.producer_id, consignment=receipt.consignment,
                received_at=now, user_name=user.name, note=receipt.note[:200],
                lines=len(moves), total_cost=total_cost,
            ))
            self._write(session, moves, skus, now)
            self.audit.append(session, action="goods_receipt", user=user.name,
                              target=receipt_id, detail={
                                  "doc_no": receipt.doc_no, "producer_id": receipt.producer_id,
                                  "consignment": receipt.consignment, "lines": len(moves),
                                  "total_cost": total_cost})
        return ReceiptResult(receipt_id, len(moves), sum(ln.qty for ln in receipt.lines),
                             total_cost)

    # --- adjustment and write-off -----------------------------------------------------------

    def adjust(self, product_id: int, qty: int, reason: str, *, user: Actor,
               approval: Approval | None) -> MovementResult:
        """A signed correction (found goods, a mistake in an earlier receipt)."""
        _check_qty(qty, allow_negative=True)
        return self._single(product_id, qty, "adjustment", reason, ADJUST, user, approval)

    def write_off(self, product_id: int, qty: int, reason: str, *, user: Actor,
                  approval: Approval | None) -> MovementResult:
        """Goods gone for good (damage, expiry); ``qty`` is how many (positive)."""
        _check_qty(qty)
        return self._single(product_id, -qty, "writeoff", reason, WRITEOFF, user, approval)

    def _single(self, product_id: int, qty: int, kind: str, reason: str, code: str,
                user: Actor, approval: Approval | None) -> MovementResult:
        reason = reason.strip()
        if not reason:
            raise StockError("reason_required")
        approved_by = self._approve(code, user, approval)
        now = self._now()
        with self.db.transaction() as session:
            skus = self._skus(session, [product_id])
            if product_id not in skus:
                raise StockError("no_such_product", product_id=product_id)
            on_hand = self._levels(session, [product_id]).get(product_id, 0)
            if kind == "writeoff" and -qty > on_hand:
                raise StockError("writeoff_exceeds_stock", on_hand=on_hand, qty=-qty)
            move = self._move(product_id, qty, kind, reason[:200], "", user, now)
            self._write(session, [move], skus, now)
            self.audit.append(session, action=f"stock_{kind}", user=user.name,
                              approved_by=approved_by, target=move["id"],
                              detail={"product_id": product_id, "qty": qty, "reason": reason})
        return MovementResult(move["id"], product_id, qty, on_hand + qty)

    @staticmethod
    def _approve(code: str, user: Actor, approval: Approval | None) -> str:
        """A manager (or admin) acts on their own authority; anyone else needs an approval."""
        if approval is None and user.role in APPROVER_ROLES:
            return user.name
        return check_approval([code], user, approval)

    # --- counts -----------------------------------------------------------------------------

    def open_count(self, scope: str = "all", value: str = "", *, user: Actor) -> CountSummary:
        if scope not in SCOPES or (scope != "all" and not str(value).strip()):
            raise StockError("bad_scope", scope=scope)
        now = self._now()
        count_id = new_id()
        with self.db.transaction() as session:
            if scope == "producer" and session.get(Producer, int(value)) is None:
                raise StockError("no_such_producer", producer_id=value)
            row = StockCount(id=count_id, scope=scope, scope_value=str(value) if scope != "all"
                             else "", status="open", opened_at=now, opened_by=user.name,
                             approved_by="")
            session.add(row)
            self.audit.append(session, action="stock_count_open", user=user.name,
                              target=count_id, detail={"scope": scope, "value": str(value)})
        return CountSummary(count_id, scope, row.scope_value, "open", now, user.name, 0)

    @staticmethod
    def _scope_filter(count: StockCount) -> Any:
        if count.scope == "group":
            return Product.product_group == count.scope_value
        if count.scope == "producer":
            return Product.producer_id == int(count.scope_value)
        return None

    def _open_row(self, session: Session, count_id: str) -> StockCount:
        row = session.get(StockCount, count_id)
        if row is None:
            raise StockError("no_such_count", count_id=count_id)
        if row.status != "open":
            raise StockError("count_closed", status=row.status)
        return row

    def record_count(self, count_id: str, product_id: int, counted: int, *, user: Actor,
                     mode: str | None = None) -> CountLine:
        """Record a counted quantity. Twice for one product: ``already_counted`` unless
        ``mode`` is "add" (adds to the earlier figure) or "replace"."""
        if not isinstance(counted, int) or isinstance(counted, bool) or not (
                0 <= counted <= MAX_QTY):
            raise StockError("bad_qty", qty=counted)
        if mode not in (None, "add", "replace"):
            raise StockError("bad_mode", mode=mode)
        now = self._now()
        with self.db.transaction() as session:
            count = self._open_row(session, count_id)
            product = session.get(Product, product_id)
            if product is None:
                raise StockError("no_such_product", product_id=product_id)
            scope = self._scope_filter(count)
            if scope is not None and session.scalar(
                    select(Product.id).where(Product.id == product_id, scope)) is None:
                raise StockError("out_of_scope", product_id=product_id)
            line = session.scalar(select(StockCountLine).where(
                StockCountLine.count_id == count_id, StockCountLine.product_id == product_id))
            if line is None:
                expected = self._levels(session, [product_id]).get(product_id, 0)
                line = StockCountLine(count_id=count_id, product_id=product_id,
                                      expected=expected, counted=counted,
                                      counted_at=now)
                session.add(line)
            elif mode is None:
                raise StockError("already_counted", previous=line.counted)
            else:
                line.counted = line.counted + counted if mode == "add" else counted
                line.counted_at = now
                if line.counted > MAX_QTY:
                    raise StockError("bad_qty", qty=line.counted)
            result = CountLine(product_id, product.sku, product.name_vi, product.unit,
                               line.expected, line.counted)
        return result

    def count_sheet(self, count_id: str) -> CountSheet:
        with self.db.reader() as session:
            count = session.get(StockCount, count_id)
            if count is None:
                raise StockError("no_such_count", count_id=count_id)
            rows = session.execute(
                select(StockCountLine.product_id, Product.sku, Product.name_vi, Product.unit,
                       StockCountLine.expected, StockCountLine.counted)
                .join(Product, Product.id == StockCountLine.product_id)
                .order_by(StockCountLine.id)
            .where(StockCountLine.count_id == count_id)).all()
            scope = self._scope_filter(count)
            in_scope = select(func.count(Product.id))
            if scope is not None:
                in_scope = in_scope.where(scope)
            total = int(session.scalar(in_scope) or 0)
            summary = self._summary(count, len(rows))
        return CountSheet(summary, tuple(CountLine(*r) for r in rows), total)

    @staticmethod
    def _summary(row: StockCount, lines: int) -> CountSummary:
        return CountSummary(row.id, row.scope, row.scope_value, row.status,
                            row.opened_at, row.opened_by, lines,
                            row.posted_at if row.posted_at else None, row.approved_by)

    def open_counts(self) -> list[CountSummary]:
        with self.db.reader() as session:
            rows = session.scalars(select(StockCount).where(StockCount.status == "open")
                                   .order_by(StockCount.opened_at)).all()
            return [self._summary(r, 0) for r in rows]

    def post_count(self, count_id: str, *, user: Actor,
                   approval: Approval | None) -> CountSummary:
        """Post the differences as 'count' movements (manager approval); then immutable."""
        approved_by = self._approve(COUNT, user, approval)
        now = self._now()
        with self.db.transaction() as session:
            count = self._open_row(session, count_id)
            lines = session.scalars(select(StockCountLine).where(
                StockCountLine.count_id == count_id)).all()
            if not lines:
                raise StockError("nothing_counted")
            skus = self._skus(session, [ln.product_id for ln in lines])
            moves = [
                self._move(ln.product_id, ln.counted - ln.expected, "count", "count",
                           count_id, user, now)
                for ln in lines if ln.counted != ln.expected
            ]
            if moves:
                self._write(session, moves, skus, now)
            count.status = "posted"
            count.posted_at = now
            count.approved_by = approved_by
            self.audit.append(session, action="stock_count_post", user=user.name,
                              approved_by=approved_by, target=count_id,
                              detail={"lines": len(lines), "differences": len(moves)})
            summary = self._summary(count, len(lines))
        return summary

    def cancel_count(self, count_id: str, *, user: Actor) -> None:
        with self.db.transaction() as session:
            count = self._open_row(session, count_id)
            count.status = "cancelled"
            self.audit.append(session, action="stock_count_cancel", user=user.name,
                              target=count_id)


def bench_stock_rows(services: Services) -> dict[str, float]:
    """Time to read the stock screen's rows (ms), for the benchmark."""
    assert services.stock is not None
    start = time.perf_counter()
    rows = services.stock.stock_rows()
    return {"stock_rows_ms": (time.perf_counter() - start) * 1000, "products": float(len(rows))}
