"""Sale records: the values checkout hands out, and the reading, numbering and event-building
every sale-writing use case shares (:class:`SaleRecords`, the base of
:class:`pos_app.services.sales.checkout.CheckoutService`). No Qt here.

Receipt numbers are ``<till>-<yyyymmdd>-<seq>`` per till and Hanoi business day;
:meth:`SaleRecords.reserve_receipt_no` promises one to a cart before it is paid (the VietQR
purpose), and that cart's sale gets it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import Sale, SaleLine, SalePayment, SaleVat, User
from pos_app.db.types import to_utc
from pos_app.domain.cart import (
    SettledPayment,
)
from pos_app.domain.errors import CodedError
from pos_app.domain.ids import new_id, receipt_number
from pos_app.domain.vat import VatLine
from pos_app.services.audit import AuditLog
from pos_app.services.people.approval import Actor
from pos_app.services.ports import Clock
from pos_app.services.stock import ledger
from pos_app.services.till import TillService

log = logging.getLogger(__name__)


class CheckoutError(CodedError):
    """A checkout step refused; ``code`` says why, ``info`` carries figures."""


@dataclass(frozen=True)
class ParkedCart:
    id: str
    label: str
    cashier_name: str
    parked_at: dt.datetime  # aware, UTC
    lines: int
    total: int


@dataclass(frozen=True)
class CompletedSale:
    sale_id: str
    receipt_no: str
    total: int  # negative for a return
    change: int
    paid_by: tuple[SettledPayment, ...]  # refunds carry negative amounts
    created_at: dt.datetime  # aware, UTC
    kind: str = "sale"


@dataclass(frozen=True)
class SaleSummary:
    id: str
    receipt_no: str
    kind: str  # sale | return
    status: str  # completed | voided
    created_at: dt.datetime  # aware, UTC (show in Hanoi time)
    total: int
    methods: tuple[str, ...]
    cashier_name: str
    original_sale_id: str | None = None


@dataclass(frozen=True)
class SaleLineDetail:
    id: str
    line_no: int
    product_id: int
    sku: str
    name_vi: str
    name_en: str
    unit: str
    qty: int
    unit_price: int
    discount: int
    line_total: int
    vat_rate: int
    returned: int  # already returned (positive)
    returnable: int  # qty − returned (0 on a return or a voided sale)


@dataclass(frozen=True)
class SaleDetail:
    summary: SaleSummary
    lines: tuple[SaleLineDetail, ...]
    payments: tuple[SettledPayment, ...]
    subtotal: int
    discount: int
    vat_total: int
    change: int
    approved_by: str
    returns: tuple[str, ...] = field(default=())  # receipt numbers of returns against it


@dataclass(frozen=True)
class _ProductSnap:
    id: int
    sku: str
    name_vi: str
    name_en: str
    stars: int
    unit: str
    price: int
    vat_rate: int
    cert_status: str
    cert_expires: dt.date | None




def _iso(at: dt.datetime) -> str:
    return to_utc(at).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _insert_rows(
    session: Session,
    sale: dict[str, Any],
    lines: list[dict[str, Any]],
    moves: list[dict[str, Any]],
    payments: Sequence[SettledPayment],
    vat: Sequence[VatLine],
) -> None:
    """Write a sale (or return) with its lines, VAT parts, stock movements and payments: one
    multi-row INSERT per table (much cheaper than the ORM unit of work for a 20-line sale)."""
    session.execute(insert(Sale), [sale])
    session.execute(insert(SaleLine), lines)
    if vat:
        session.execute(
            insert(SaleVat),
            [dict(sale_id=sale["id"], rate=v.rate, net=v.net, vat=v.amount, gross=v.gross)
             for v in vat],
        )
    ledger.record(session, moves)
    if payments:
        session.execute(
            insert(SalePayment),
            [
                dict(id=new_id(), sale_id=sale["id"], method=p.method, amount=p.amount,
                     tendered=p.tendered, reference=p.reference)
                for p in payments
            ],
        )


class SaleInvoicer(Protocol):
    """The e-invoice hook (``services.einvoice.service.EInvoiceService``): issues the invoice a
    stored sale, return or void calls for, inside the caller's transaction."""

    def issue_for_sale(self, session: Session, sale_id: str, *, purpose: str | None = None,
                       buyer: dict[str, Any] | None = None) -> object: ...

    def check_buyer(self, buyer: dict[str, Any] | None) -> object: ...

    def wake(self) -> None: ...


class SaleRecords(TillService):
    """Settings, time, numbering, the registry event and reading sales back."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock | None = None,
        audit: AuditLog | None = None,
        *,
        invoicer: SaleInvoicer | None = None,
    ) -> None:
        super().__init__(db, settings, clock, audit)
        self.invoicer = invoicer
        self._reserved: dict[str, tuple[dt.date, int]] = {}  # cart id → (local date, seq)
        self._reserve_lock = threading.Lock()

    # --- settings and time ------------------------------------------------------------------

    @property
    def approval_percent(self) -> int:
        return self.settings.get(config.DISCOUNT_APPROVAL_PERCENT)

    def _invoice(self, session: Session, sale_id: str, *, purpose: str | None = None,
                 buyer: dict[str, Any] | None = None) -> None:
        """The e-invoice of a sale/return/void, in the sale's own transaction (a savepoint):
        an invoice that cannot be made now (a setting, a bug) never costs the sale — it is
        logged and the e-invoice pump issues it later (``issue_pending``)."""
        if self.invoicer is None:
            return
        try:
            with session.begin_nested():
                self.invoicer.issue_for_sale(session, sale_id, purpose=purpose, buyer=buyer)
        except Exception as exc:
            log.warning("e-invoice for %s left to the pump: %s", sale_id, exc)

    # --- completing a sale ------------------------------------------------------------------

    def _last_seq(self, session: Session, local_date: dt.date) -> int:
        last = session.scalar(
            select(func.max(Sale.seq)).where(
                Sale.till_code == self.till_code, Sale.local_date == local_date
            )
        )
        return int(last or 0)

    def _seq_used(self, session: Session, local_date: dt.date, seq: int) -> bool:
        return session.scalar(
            select(Sale.id).where(Sale.till_code == self.till_code,
                                  Sale.local_date == local_date, Sale.seq == seq)
        ) is not None

    def _next_seq(self, session: Session, local_date: dt.date, cart_id: str = "") -> int:
        """The sequence the next sale (or return) gets: the one reserved for ``cart_id`` today
        if still free, else the next one no other cart has reserved."""
        last = self._last_seq(session, local_date)
        with self._reserve_lock:
            mine = self._reserved.get(cart_id) if cart_id else None
        if mine is not None and mine[0] == local_date and not self._seq_used(session, *mine):
            return mine[1]
        return self._free_seq(last, local_date, cart_id)

    def _free_seq(self, last: int, local_date: dt.date, cart_id: str) -> int:
        """The first sequence after ``last`` that no other cart has reserved today."""
        with self._reserve_lock:
            taken = {seq for cart, (day, seq) in self._reserved.items()
                     if day == local_date and cart != cart_id}
        seq = last + 1
        while seq in taken:
            seq += 1
        return seq

    def reserve_receipt_no(self, cart_id: str) -> str:
        """The receipt number the sale of cart ``cart_id`` will get when it completes today
        (Hanoi date): shown in the VietQR transfer purpose before the customer pays, so the
        bank statement names the receipt. Asking again for the same cart returns the same
        number; other sales and returns skip it. A reservation made on an earlier day, or one
        whose number was taken meanwhile, is renewed. :meth:`release_receipt_no` gives it back
        (a dropped cart)."""
        local_date = self.today()
        with self.db.reader() as session:
            last = self._last_seq(session, local_date)
            with self._reserve_lock:
                mine = self._reserved.get(cart_id)
            if (mine is None or mine[0] != local_date
                    or self._seq_used(session, local_date, mine[1])):
                mine = (local_date, self._free_seq(last, local_date, cart_id))
                with self._reserve_lock:
                    self._reserved[cart_id] = mine
        return receipt_number(self.till_code, mine[0], mine[1])

    def release_receipt_no(self, cart_id: str) -> None:
        """Forget the number reserved for ``cart_id`` (nothing happens if there is none)."""
        with self._reserve_lock:
            self._reserved.pop(cart_id, None)

    def _cashier_id(self, session: Session, actor: Actor) -> int | None:
        if actor.user_id is None:
            return None
        return actor.user_id if session.get(User, actor.user_id) is not None else None

    def _payload(
        self,
        sale: Mapping[str, Any],
        lines: Sequence[Mapping[str, Any]],
        payments: Sequence[SettledPayment],
        vat: Sequence[VatLine],
    ) -> dict[str, Any]:
        """What the registry needs about a sale or return (JSON-ready)."""
        return {
            "sale_id": sale["id"],
            "receipt_no": sale["receipt_no"],
            "kind": sale["kind"],
            "showroom": self.settings.get(config.SHOWROOM_CODE),
            "till": sale["till_code"],
            "local_date": sale["local_date"].isoformat(),
            "created_at": _iso(sale["created_at"]),
            "cashier": sale["cashier_name"],
            "approved_by": sale["approved_by"],
            "original_sale_id": sale["original_sale_id"],
            "subtotal": sale["subtotal"],
            "discount": sale["discount"],
            "total": sale["total"],
            "vat_total": sale["vat_total"],
            "vat": [{"rate": v.rate, "gross": v.gross, "amount": v.amount} for v in vat],
            "lines": [
                {
                    "line_id": ln["id"], **{
                        key: ln[key] for key in (
                            "line_no", "product_id", "sku", "barcode", "name_vi", "unit", "qty",
                            "list_price", "unit_price", "discount", "line_total", "vat_rate",
                            "original_line_id",
                        )
                    },
                }
                for ln in lines
            ],
            "payments": [
                {"method": p.method, "amount": p.amount, "reference": p.reference}
                for p in payments
            ],
            "tendered": sale["tendered"],
            "change": sale["change"],
        }

    # --- reading sales ----------------------------------------------------------------------

    @staticmethod
    def _summary(sale: Sale, methods: Sequence[str]) -> SaleSummary:
        return SaleSummary(
            id=sale.id, receipt_no=sale.receipt_no, kind=sale.kind, status=sale.status,
            created_at=sale.created_at, total=sale.total, methods=tuple(methods),
            cashier_name=sale.cashier_name, original_sale_id=sale.original_sale_id,
        )

    def _summaries(self, session: Session, sales: Sequence[Sale]) -> list[SaleSummary]:
        ids = [s.id for s in sales]
        methods: dict[str, list[str]] = {i: [] for i in ids}
        if ids:
            for sale_id, method in session.execute(
                select(SalePayment.sale_id, SalePayment.method)
                .where(SalePayment.sale_id.in_(ids))
                .order_by(SalePayment.sale_id, SalePayment.id)
            ):
                if method not in methods[sale_id]:
                    methods[sale_id].append(method)
        return [self._summary(s, methods[s.id]) for s in sales]

    def last_sale(self) -> SaleSummary | None:
        """The last sale or return this till committed (for "last sale was …" after a restart)."""
        with self.db.reader() as session:
            sale = self._last_row(session)
            return None if sale is None else self._summaries(session, [sale])[0]

    def _last_row(self, session: Session) -> Sale | None:
        return session.scalars(
            select(Sale)
            .where(Sale.till_code == self.till_code)
            .order_by(Sale.created_at.desc(), Sale.id.desc())
            .limit(1)
        ).first()

    def recent_sales(self, limit: int = 20) -> list[SaleSummary]:
        with self.db.reader() as session:
            sales = session.scalars(
                select(Sale).order_by(Sale.created_at.desc(), Sale.id.desc()).limit(limit)
            ).all()
            return self._summaries(session, sales)

    def sales_on(self, local_date: dt.date) -> list[SaleSummary]:
        """Every sale and return on a Hanoi business date, in order."""
        with self.db.reader() as session:
            sales = session.scalars(
                select(Sale)
                .where(Sale.local_date == local_date)
                .order_by(Sale.created_at, Sale.id)
            ).all()
            return self._summaries(session, sales)

    def _find_row(self, session: Session, ref: str) -> Sale:
        text = ref.strip()
        sale = session.scalars(
            select(Sale).where((Sale.id == text.lower()) | (Sale.receipt_no == text.upper()))
        ).first()
        if sale is None:
            raise CheckoutError("no_such_sale")
        return sale

    def _returned_by_line(self, session: Session, sale_id: str) -> dict[str, tuple[int, int]]:
        """original line id → (qty returned, amount refunded), both positive."""
        rows = session.execute(
            select(SaleLine.original_line_id, func.sum(SaleLine.qty), func.sum(SaleLine.line_total))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.original_sale_id == sale_id, Sale.kind == "return")
            .group_by(SaleLine.original_line_id)
        ).all()
        return {str(r[0]): (-int(r[1]), -int(r[2])) for r in rows if r[0] is not None}

    def find_sale(self, ref: str) -> SaleDetail:
        """A sale or return by receipt number or id, with what is still returnable per line."""
        with self.db.reader() as session:
            sale = self._find_row(session, ref)
            returned = self._returned_by_line(session, sale.id)
            can_return = sale.kind == "sale" and sale.status == "completed"
            lines = tuple(
                SaleLineDetail(
                    id=ln.id, line_no=ln.line_no, product_id=ln.product_id, sku=ln.sku,
                    name_vi=ln.name_vi, name_en=ln.name_en, unit=ln.unit, qty=ln.qty,
                    unit_price=ln.unit_price, discount=ln.discount, line_total=ln.line_total,
                    vat_rate=ln.vat_rate, returned=returned.get(ln.id, (0, 0))[0],
                    returnable=(ln.qty - returned.get(ln.id, (0, 0))[0]) if can_return else 0,
                )
                for ln in sale.lines
            )
            returns = tuple(
                session.scalars(
                    select(Sale.receipt_no)
                    .where(Sale.original_sale_id == sale.id)
                    .order_by(Sale.created_at)
                )
            )
            return SaleDetail(
                summary=self._summaries(session, [sale])[0],
                lines=lines,
                payments=tuple(
                    SettledPayment(p.method, p.amount, p.tendered, p.reference)
                    for p in sale.payments
                ),
                subtotal=sale.subtotal, discount=sale.discount, vat_total=sale.vat_total,
                change=sale.change, approved_by=sale.approved_by, returns=returns,
            )
