"""Manager's reports: plain data tables over a range of Hanoi business days. No Qt here.

    svc = services.reports                                  # ReportService
    report = svc.run("sales-by-day", date_from, date_to)    # -> Report
    REPORTS                                                 # every report name, in menu order
    svc.settlement_statements(date_from, date_to)           # one statement per producer

A :class:`Report` is columns (key + kind: text / int / money / date / hour) and rows of plain
values, with an optional totals row and ``notes`` (codes the UI words). Column keys are codes
too: the UI and the CLI give them their titles.

Rules decided here:

- **Days** are Hanoi business days (``sales.local_date``); a range is inclusive at both ends; a
  range that ends before it starts raises ``ReportError("bad_range")``.
- **Net of returns, voided sales left out**: returns are their own rows with negative
  quantities and amounts, dated the day of the return, so sums net out; sales with status
  ``voided`` are excluded everywhere.
- **Amounts**: the day / hour / cashier / payment reports use sale totals (after every
  discount). The product / producer / group / star reports use line totals (after line
  discounts, before a discount on the whole sale) — note ``line_totals``.
- **Stock valuation** is on hand now × the weighted average unit cost of the product's goods
  receipts that carried a cost; products never received with a cost are valued at their
  current catalog price (column ``basis`` says ``cost`` or ``price``).
- **Producer settlement** (what the showroom owes for consigned goods): for each product that
  was received on consignment on or before the range's last day, the quantity sold in the
  range net of returns × the weighted average unit cost of its consignment receipts up to the
  range's last day (rounded half up to the đồng, per product line). A product that was both
  bought and consigned is settled on all its net sales (note ``mixed_receipts`` marks it).
- **Certificates**: products whose certificate expires within the range, or is already
  expired or revoked, with their stock on hand.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, and_, case, cast, distinct, func, select
from sqlalchemy.orm import Session

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import (
    Producer,
    Product,
    Sale,
    SaleLine,
    SalePayment,
    SaleVat,
    StockLevel,
    StockMovement,
)
from pos_app.domain.errors import CodedError
from pos_app.domain.ocop import CertStatus, effective_status
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.ports import Clock, SystemClock
from pos_app.services.till import business_date

if TYPE_CHECKING:
    from pos_app.services import Services

REPORTS: tuple[str, ...] = (
    "sales-by-day", "sales-by-hour", "by-product", "by-producer", "by-group", "by-stars",
    "by-payment", "by-cashier", "top-sellers", "slow-sellers", "stock-valuation",
    "producer-settlement", "cert-expiry", "daily-by-product",
)

TOP_N = 20
SLOW_N = 50


class ReportError(CodedError):
    """``bad_range`` (end before start) or ``no_such_report``."""


@dataclass(frozen=True)
class Column:
    key: str
    kind: str = "text"  # text | int | money | date | hour | stars


@dataclass(frozen=True)
class Report:
    name: str
    date_from: dt.date
    date_to: dt.date
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    totals: tuple[Any, ...] | None = None
    notes: tuple[str, ...] = ()
    chart: tuple[str, str] | None = None
    """(label column key, value column key) worth drawing as bars, or None."""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def column(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class StatementLine:
    sku: str
    name_vi: str
    qty: int
    unit_cost: int
    owed: int


@dataclass(frozen=True)
class Statement:
    """What the showroom owes one producer for consigned goods sold in the range."""

    producer_id: int
    producer_name: str
    producer_code: str
    date_from: dt.date
    date_to: dt.date
    lines: tuple[StatementLine, ...]

    @property
    def total(self) -> int:
        return sum(line.owed for line in self.lines)


def _totals(columns: Sequence[Column], rows: Sequence[tuple[Any, ...]],
            label_key: str = "") -> tuple[Any, ...]:
    out: list[Any] = []
    for i, col in enumerate(columns):
        if col.kind in ("int", "money"):
            out.append(sum(int(r[i] or 0) for r in rows))
        else:
            out.append("")
    return tuple(out)


def _half_up(numerator: int, denominator: int) -> int:
    if denominator == 0:
        return 0
    return (2 * numerator + denominator) // (2 * denominator)


class ReportService:
    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()

    def today(self) -> dt.date:
        return business_date(self.clock)

    def run(self, name: str, date_from: dt.date, date_to: dt.date) -> Report:
        if name not in REPORTS:
            raise ReportError("no_such_report", name=name)
        if date_to < date_from:
            raise ReportError("bad_range", date_from=date_from, date_to=date_to)
        build: Callable[[Session, dt.date, dt.date], Report] = getattr(
            self, "_" + name.replace("-", "_"))
        with self.db.reader() as session:
            return build(session, date_from, date_to)

    # --- helpers ----------------------------------------------------------------------------

    @staticmethod
    def _in_range(date_from: dt.date, date_to: dt.date) -> Any:
        return and_(Sale.local_date >= date_from, Sale.local_date <= date_to,
                    Sale.status == "completed")

    def _end_utc(self, day: dt.date) -> dt.datetime:
        """The first UTC instant after the Hanoi day ``day`` (naive, as stored)."""
        local = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=hanoi_tz())
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    def _lines_by(self, session: Session, date_from: dt.date, date_to: dt.date,
                  *keys: Any) -> list[Any]:
        query = (
            select(*keys, func.sum(SaleLine.qty), func.sum(SaleLine.line_total))
            .select_from(SaleLine)
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(self._in_range(date_from, date_to))
            .group_by(*keys)
        )
        return list(session.execute(query).all())

    # --- sales over time ----------------------------------------------------------------------

    def _sales_by_day(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        is_sale = Sale.kind == "sale"
        rows = session.execute(
            select(
                Sale.local_date,
                func.sum(case((is_sale, 1), else_=0)),
                func.sum(case((is_sale, 0), else_=1)),
                func.sum(case((is_sale, Sale.total), else_=0)),
                func.sum(case((is_sale, 0), else_=Sale.total)),
                func.sum(Sale.discount),
            ).where(self._in_range(date_from, date_to)).group_by(Sale.local_date)
        ).all()
        by_day = {r[0]: r for r in rows}
        columns = (Column("date", "date"), Column("sales", "int"), Column("returns", "int"),
                   Column("sold", "money"), Column("refunded", "money"),
                   Column("discounts", "money"), Column("net", "money"))
        out = []
        day = date_from
        while day <= date_to:
            r = by_day.get(day)
            if r is None:
                out.append((day, 0, 0, 0, 0, 0, 0))
            else:
                sold, refunded = int(r[3] or 0), int(r[4] or 0)
                out.append((day, int(r[1]), int(r[2]), sold, -refunded, int(r[5] or 0),
                            sold + refunded))
            day += dt.timedelta(days=1)
        return Report("sales-by-day", date_from, date_to, columns, out,
                      _totals(columns, out), chart=("date", "net"))

    def _sales_by_hour(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        hour = cast(func.strftime("%H", Sale.created_at, "+7 hours"), Integer)
        rows = session.execute(
            select(hour, func.sum(case((Sale.kind == "sale", 1), else_=0)),
                   func.sum(Sale.total))
            .where(self._in_range(date_from, date_to)).group_by(hour)
        ).all()
        by_hour = {int(r[0]): (int(r[1] or 0), int(r[2] or 0)) for r in rows}
        first = min([7, *by_hour]) if by_hour else 7
        last = max([21, *by_hour]) if by_hour else 21
        columns = (Column("hour", "hour"), Column("sales", "int"), Column("net", "money"))
        out = [(h, *by_hour.get(h, (0, 0))) for h in range(first, last + 1)]
        return Report("sales-by-hour", date_from, date_to, columns, out,
                      _totals(columns, out), chart=("hour", "net"))

    # --- what sold ------------------------------------------------------------------------

    def _by_product(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = self._lines_by(session, date_from, date_to, SaleLine.product_id)
        products = self._product_names(session, [r[0] for r in rows])
        columns = (Column("sku"), Column("product"), Column("producer"), Column("qty", "int"),
                   Column("amount", "money"))
        out = [(*products.get(r[0], ("", "", "")), int(r[1] or 0), int(r[2] or 0))
               for r in rows]
        out.sort(key=lambda r: (-r[4], r[0]))
        return Report("by-product", date_from, date_to, columns, out, _totals(columns, out),
                      notes=("line_totals",), chart=("product", "amount"))

    @staticmethod
    def _product_names(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
        out: dict[int, tuple[str, str, str]] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), 900):
            chunk = wanted[start:start + 900]
            for pid, sku, name, producer in session.execute(
                    select(Product.id, Product.sku, Product.name_vi, Producer.name)
                    .join(Producer, Producer.id == Product.producer_id)
                    .where(Product.id.in_(chunk))):
                out[int(pid)] = (sku, name, producer)
        return out

    def _by_producer(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = self._lines_by(session, date_from, date_to, SaleLine.product_id)
        producer_of = dict(session.execute(select(Product.id, Product.producer_id)).all())
        names = {i: (c, n) for i, c, n in session.execute(
            select(Producer.id, Producer.code, Producer.name))}
        agg: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for pid, qty, amount in rows:
            a = agg[producer_of.get(pid, 0)]
            a[0] += int(qty or 0)
            a[1] += int(amount or 0)
        columns = (Column("producer_code"), Column("producer"), Column("qty", "int"),
                   Column("amount", "money"))
        out = [(*names.get(k, ("", "")), v[0], v[1]) for k, v in agg.items()]
        out.sort(key=lambda r: (-r[3], r[1]))
        return Report("by-producer", date_from, date_to, columns, out, _totals(columns, out),
                      notes=("line_totals",), chart=("producer", "amount"))

    def _by_group(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = self._lines_by(session, date_from, date_to, SaleLine.product_id)
        group_of = dict(session.execute(select(Product.id, Product.product_group)).all())
        agg: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for pid, qty, amount in rows:
            a = agg[group_of.get(pid, "")]
            a[0] += int(qty or 0)
            a[1] += int(amount or 0)
        columns = (Column("group", "group"), Column("qty", "int"), Column("amount", "money"))
        out = sorted(((k, v[0], v[1]) for k, v in agg.items()), key=lambda r: -r[2])
        return Report("by-group", date_from, date_to, columns, out, _totals(columns, out),
                      notes=("line_totals",), chart=("group", "amount"))

    def _by_stars(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = self._lines_by(session, date_from, date_to, SaleLine.stars)
        columns = (Column("stars", "stars"), Column("qty", "int"), Column("amount", "money"))
        out = sorted(((int(r[0] or 0), int(r[1] or 0), int(r[2] or 0)) for r in rows),
                     key=lambda r: -r[0])
        return Report("by-stars", date_from, date_to, columns, out, _totals(columns, out),
                      notes=("line_totals",), chart=("stars", "amount"))

    def _by_payment(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = session.execute(
            select(SalePayment.method, func.count(distinct(SalePayment.sale_id)),
                   func.sum(SalePayment.amount))
            .join(Sale, Sale.id == SalePayment.sale_id)
            .where(self._in_range(date_from, date_to)).group_by(SalePayment.method)
        ).all()
        columns = (Column("method", "method"), Column("receipts", "int"),
                   Column("amount", "money"))
        out = sorted(((str(r[0]), int(r[1]), int(r[2] or 0)) for r in rows),
                     key=lambda r: -r[2])
        return Report("by-payment", date_from, date_to, columns, out, _totals(columns, out),
                      chart=("method", "amount"))

    def _by_cashier(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = session.execute(
            select(Sale.cashier_name, func.sum(case((Sale.kind == "sale", 1), else_=0)),
                   func.sum(case((Sale.kind == "sale", 0), else_=1)), func.sum(Sale.total))
            .where(self._in_range(date_from, date_to)).group_by(Sale.cashier_name)
        ).all()
        columns = (Column("cashier"), Column("sales", "int"), Column("returns", "int"),
                   Column("net", "money"))
        out = sorted(((str(r[0]), int(r[1]), int(r[2]), int(r[3] or 0)) for r in rows),
                     key=lambda r: -r[3])
        return Report("by-cashier", date_from, date_to, columns, out, _totals(columns, out),
                      chart=("cashier", "net"))

    def _top_sellers(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        full = self._by_product(session, date_from, date_to)
        rows = sorted(full.rows, key=lambda r: (-r[3], -r[4], r[0]))[:TOP_N]
        return Report("top-sellers", date_from, date_to, full.columns, rows,
                      notes=full.notes, chart=("product", "qty"))

    def _levels(self, session: Session) -> dict[int, int]:
        """On hand now, from the trigger-kept cache of the ledger's sums."""
        return {int(p): int(q or 0) for p, q in session.execute(
            select(StockLevel.product_id, StockLevel.qty))}

    def _slow_sellers(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        """Products with stock on hand that sold least in the range (none at all first)."""
        sold = {int(r[0]): int(r[1] or 0) for r in self._lines_by(
            session, date_from, date_to, SaleLine.product_id)}
        levels = self._levels(session)
        candidates = [(pid, qty) for pid, qty in levels.items() if qty > 0]
        candidates.sort(key=lambda c: (sold.get(c[0], 0), -c[1], c[0]))
        chosen = candidates[:SLOW_N]
        names = self._product_names(session, [c[0] for c in chosen])
        columns = (Column("sku"), Column("product"), Column("producer"),
                   Column("qty", "int"), Column("on_hand", "int"))
        out = [(*names.get(pid, ("", "", "")), sold.get(pid, 0), qty) for pid, qty in chosen]
        return Report("slow-sellers", date_from, date_to, columns, out)

    # --- stock and money owed ---------------------------------------------------------------

    def _stock_valuation(self, session: Session, date_from: dt.date,
                         date_to: dt.date) -> Report:
        levels = self._levels(session)
        costs = {int(p): (int(q or 0), int(v or 0)) for p, q, v in session.execute(
            select(StockMovement.product_id, func.sum(StockMovement.qty),
                   func.sum(StockMovement.qty * StockMovement.unit_cost))
            .where(StockMovement.kind == "receipt", StockMovement.unit_cost.is_not(None),
                   StockMovement.qty > 0)
            .group_by(StockMovement.product_id))}
        rows = session.execute(
            select(Product.id, Product.sku, Product.name_vi, Producer.name, Product.price)
            .join(Producer, Producer.id == Product.producer_id).order_by(Product.sku)).all()
        columns = (Column("sku"), Column("product"), Column("producer"),
                   Column("on_hand", "int"), Column("basis", "basis"),
                   Column("unit_value", "money"), Column("value", "money"))
        out = []
        for pid, sku, name, producer, price in rows:
            on_hand = levels.get(pid, 0)
            if on_hand == 0:
                continue
            qty_cost = costs.get(pid)
            if qty_cost and qty_cost[0] > 0:
                basis, unit = "cost", _half_up(qty_cost[1], qty_cost[0])
            else:
                basis, unit = "price", int(price)
            out.append((sku, name, producer, on_hand, basis, unit, on_hand * unit))
        out.sort(key=lambda r: -r[6])
        return Report("stock-valuation", date_from, date_to, columns, out,
                      _totals(columns, out), notes=("valuation_rule",),
                      chart=None)

    def _settlement_rows(self, session: Session, date_from: dt.date,
                         date_to: dt.date) -> list[tuple[int, str, str, int, str, str, int, int,
                                                         int, bool]]:
        end = self._end_utc(date_to)
        receipts = session.execute(
            select(StockMovement.product_id, StockMovement.consignment,
                   func.sum(StockMovement.qty),
                   func.sum(StockMovement.qty * func.coalesce(StockMovement.unit_cost, 0)))
            .where(StockMovement.kind == "receipt", StockMovement.created_at < end)
            .group_by(StockMovement.product_id, StockMovement.consignment)
        ).all()
        consigned: dict[int, tuple[int, int]] = {}
        bought: set[int] = set()
        for pid, is_consigned, qty, value in receipts:
            if is_consigned:
                consigned[int(pid)] = (int(qty or 0), int(value or 0))
            else:
                bought.add(int(pid))
        if not consigned:
            return []
        sold = {int(r[0]): int(r[1] or 0) for r in self._lines_by(
            session, date_from, date_to, SaleLine.product_id) if int(r[0]) in consigned}
        info = {int(r[0]): r for r in session.execute(
            select(Product.id, Product.sku, Product.name_vi, Producer.id, Producer.code,
                   Producer.name)
            .join(Producer, Producer.id == Product.producer_id)
            .where(Product.id.in_(list(consigned))))}
        out = []
        for pid, (qty_in, value_in) in consigned.items():
            qty = sold.get(pid, 0)
            if qty == 0 or pid not in info:
                continue
            unit_cost = _half_up(value_in, qty_in)
            r = info[pid]
            out.append((int(r[3]), str(r[4]), str(r[5]), pid, str(r[1]), str(r[2]), qty,
                        unit_cost, qty * unit_cost, pid in bought))
        out.sort(key=lambda x: (x[2], x[4]))
        return out

    def _producer_settlement(self, session: Session, date_from: dt.date,
                             date_to: dt.date) -> Report:
        rows = self._settlement_rows(session, date_from, date_to)
        columns = (Column("producer_code"), Column("producer"), Column("sku"),
                   Column("product"), Column("qty", "int"), Column("unit_cost", "money"),
                   Column("owed", "money"))
        out = [(r[1], r[2], r[4], r[5], r[6], r[7], r[8]) for r in rows]
        totals = _totals(columns, out)
        totals = (*totals[:5], "", totals[6])
        notes = ["settlement_rule"]
        if any(r[9] for r in rows):
            notes.append("mixed_receipts")
        return Report("producer-settlement", date_from, date_to, columns, out, totals,
                      notes=tuple(notes), chart=None)

    # --- VAT ------------------------------------------------------------------------------------

    def vat_by_rate(self, date_from: dt.date, date_to: dt.date) -> Report:
        """VAT per rate over the range, net of returns, voided sales left out: the sums of the
        parts checkout stored with each sale (``sale_vat``), never a recount from the lines.
        Columns ``vat_rate``, ``receipts``, ``before_vat``, ``vat``, ``gross``."""
        if date_to < date_from:
            raise ReportError("bad_range", date_from=date_from, date_to=date_to)
        with self.db.reader() as session:
            return self._vat_by_rate(session, date_from, date_to)

    def _vat_by_rate(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        rows = session.execute(
            select(SaleVat.rate, func.count(distinct(SaleVat.sale_id)), func.sum(SaleVat.net),
                   func.sum(SaleVat.vat), func.sum(SaleVat.gross))
            .join(Sale, Sale.id == SaleVat.sale_id)
            .where(self._in_range(date_from, date_to))
            .group_by(SaleVat.rate).order_by(SaleVat.rate)
        ).all()
        columns = (Column("vat_rate", "int"), Column("receipts", "int"),
                   Column("before_vat", "money"), Column("vat", "money"),
                   Column("gross", "money"))
        out = [(int(r[0]), int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0))
               for r in rows]
        totals = _totals(columns, out)
        return Report("vat-by-rate", date_from, date_to, columns, out,
                      ("", "", *totals[2:]))

    def settlement_statements(self, date_from: dt.date, date_to: dt.date) -> list[Statement]:
        """The producer settlement as one statement per producer (for printing)."""
        if date_to < date_from:
            raise ReportError("bad_range", date_from=date_from, date_to=date_to)
        with self.db.reader() as session:
            rows = self._settlement_rows(session, date_from, date_to)
        by_producer: dict[int, list[Any]] = defaultdict(list)
        heads: dict[int, tuple[str, str]] = {}
        for r in rows:
            by_producer[r[0]].append(StatementLine(r[4], r[5], r[6], r[7], r[8]))
            heads[r[0]] = (r[2], r[1])
        return [Statement(pid, heads[pid][0], heads[pid][1], date_from, date_to,
                          tuple(lines))
                for pid, lines in sorted(by_producer.items(), key=lambda kv: heads[kv[0]][0])]

    def _cert_expiry(self, session: Session, date_from: dt.date, date_to: dt.date) -> Report:
        today = self.today()
        levels = self._levels(session)
        rows = session.execute(
            select(Product.id, Product.sku, Product.name_vi, Producer.name,
                   Product.certificate_no, Product.cert_expires, Product.cert_status)
            .join(Producer, Producer.id == Product.producer_id)
            .where((Product.cert_status != "active")
                   | (Product.cert_expires <= date_to))
            .order_by(Product.cert_expires)
        ).all()
        columns = (Column("sku"), Column("product"), Column("producer"),
                   Column("certificate"), Column("expires", "date"),
                   Column("cert_status", "cert"), Column("on_hand", "int"))
        out = [(r[1], r[2], r[3], r[4], r[5],
                effective_status(CertStatus(r[6]), r[5], today).value, levels.get(r[0], 0))
               for r in rows]
        return Report("cert-expiry", date_from, date_to, columns, out)

    def _daily_by_product(self, session: Session, date_from: dt.date,
                          date_to: dt.date) -> Report:
        rows = self._lines_by(session, date_from, date_to, Sale.local_date, SaleLine.product_id)
        names = self._product_names(session, sorted({int(r[1]) for r in rows}))
        columns = (Column("date", "date"), Column("sku"), Column("product"),
                   Column("qty", "int"), Column("amount", "money"))
        out = [(r[0], *names.get(int(r[1]), ("", "", ""))[:2], int(r[2] or 0), int(r[3] or 0))
               for r in rows]
        out.sort(key=lambda r: (r[0], r[1]))
        return Report("daily-by-product", date_from, date_to, columns, out,
                      _totals(columns, out), notes=("line_totals",))


def month_range(today: dt.date) -> tuple[dt.date, dt.date]:
    first = today.replace(day=1)
    return first, today


def bench_reports(db: Database, settings: Settings | None = None,
                  xlsx_dir: Any = None) -> dict[str, float]:
    """Each report over the last 30 days of the data (ms); the stock rows read (ms); an XLSX
    export of a year's daily sales by product (s, written to ``xlsx_dir`` or a temp folder)."""
    import tempfile
    from pathlib import Path

    from pos_app.services.reports.export import to_xlsx
    from pos_app.services.stock.desk import StockService

    scratch = tempfile.TemporaryDirectory()
    settings = settings or Settings.load(Path(scratch.name) / "settings", env={})
    svc = ReportService(db, settings)
    with db.reader() as session:
        last = session.scalar(select(func.max(Sale.local_date))) or svc.today()
    first = last - dt.timedelta(days=29)
    out: dict[str, float] = {}
    for name in REPORTS:
        if name == "daily-by-product":
            continue
        start = time.perf_counter()
        svc.run(name, first, last)
        out[f"{name}_ms"] = round((time.perf_counter() - start) * 1000, 1)
    start = time.perf_counter()
    StockService(db, settings).stock_rows()
    out["stock_rows_ms"] = round((time.perf_counter() - start) * 1000, 1)
    start = time.perf_counter()
    year = svc.run("daily-by-product", last - dt.timedelta(days=364), last)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(xlsx_dir or tmp)
        to_xlsx(year, folder / "daily-by-product.xlsx")
    out["xlsx_year_daily_by_product_s"] = round(time.perf_counter() - start, 2)
    out["xlsx_rows"] = float(len(year.rows))
    scratch.cleanup()
    return out


def bench_services(services: Services) -> dict[str, float]:
    return bench_reports(services.db, services.settings)
