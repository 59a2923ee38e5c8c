"""Checkout: the open cart, parked carts, completing a sale, returns and voids.

API for the sell screen (all calls are plain Python, run them on the DB lane; no Qt here)::

    svc = services.checkout                      # CheckoutService

    cart = svc.open_cart()                       # the open cart from the DB (survives a crash)
    line = svc.add_product(cart, product_id, qty=1, grams=None, barcode="8936...")
    cart.set_qty(line.id, 3); cart.override_price(line.id, 90_000)      # domain.cart.Cart
    cart.set_line_discount(line.id, 5_000); cart.set_discount(10_000); cart.remove(line.id)
    svc.save_cart(cart)                          # after EVERY change (fast: one row)
    cart.totals()                                # CartTotals: subtotal, discount, total, vat…
    cart.approvals                               # reasons needing a manager, () if none

    svc.park(cart, "bà áo xanh"); cart = svc.open_cart()     # hold, start a fresh cart
    svc.parked() -> list[ParkedCart]; cart = svc.recall(parked_id)
        # recall parks the current open cart first if it has lines (label ""), drops it if empty

    done = svc.complete_sale(cart, [PaymentInput("cash", cart.total, tendered=500_000)],
                             cashier=Actor(user_id, name, role), approval=None)
        # -> CompletedSale(sale_id, receipt_no, total, change, paid_by, created_at)
        # afterwards call svc.open_cart() for the next customer (the paid cart row is gone)

    svc.last_sale() -> SaleSummary | None        # after a restart: "last committed sale was …"
    svc.find_sale("Q01-20261123-0042" or sale id) -> SaleDetail (lines with `returnable`)
    svc.recent_sales(20) -> list[SaleSummary]
    svc.return_items(ref, {sale_line_id: qty}, cashier=…, approval=…, reason="…") -> CompletedSale
    svc.void_sale(sale_id, cashier=…, approval=…, reason="…") -> SaleSummary

Errors (codes only; the UI words them):

- :class:`pos_app.domain.cart.CartError` — bad quantity, price, discount or payment
  (``underpaid`` carries ``info["shortfall"]``);
- :class:`CheckoutError` — ``no_such_product``, ``revoked``, ``cert_expired`` (policy "block"),
  ``needs_weight``, ``empty_cart``, ``no_such_cart``, ``no_such_sale``, ``not_a_sale``,
  ``sale_voided``, ``nothing_to_return``, ``no_such_line``, ``over_return`` (info ``line_id``,
  ``returnable``), ``not_last_sale``, ``void_window_passed``, ``has_returns``, ``disk_full``
  (the disk filled up: nothing was written, the cart row is still there);
- :class:`pos_app.services.people.approval.ApprovalRequired` — ``codes`` to approve, ``problem``.

Rules decided here:

- **Refund tender** (returns): money goes back the way it came, non-cash first — card and
  transfer payments of the original sale (in their order) up to what each paid minus what earlier
  returns already gave back to it, and cash last for the rest. A cash-only sale refunds cash.
- **Refund amount** of a returned line: its share of what was paid (line total minus its share of
  the cart discount, :func:`pos_app.domain.cart.allocate`), pro rata to the quantity, rounded half
  up; the return that brings a line to fully returned gives back exactly what is left, so a sale
  returned in parts refunds exactly its total.
- **Void**: only the last sale (or return) recorded on this till, only a sale (not a return),
  only within ``void_window_minutes`` (default 10) of its time, and only with a manager's
  approval. Its stock comes back (movements kind ``return``, reason ``void``); the row stays with
  status ``voided`` and its receipt number is not reused.
- Every committing call is ONE write transaction: sale, lines, payments, stock movements, outbox
  event and audit entry commit together or not at all.

Stored for the receipt printer on the rows: names (vi/en), stars, unit, qty, list and unit price,
line discount, line total, VAT rate per line; on the sale subtotal, discount, total, VAT total,
tendered, change, cashier and approver; on payments method, amount, tendered, reference.
VAT parts per rate: :func:`pos_app.domain.cart.vat_breakdown` over ``(line_total, vat_rate)``
with the sale's ``discount``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import statistics
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, DiskFullError
from pos_app.db.models import Cart as CartRow
from pos_app.db.models import Product, Sale, SaleLine, SalePayment, StockMovement, User
from pos_app.domain import ocop
from pos_app.domain.cart import (
    APPROVE_EXPIRED_CERT,
    CASH,
    GRAM,
    PIECE,
    Cart,
    CartError,
    CartLine,
    PaymentInput,
    SettledPayment,
    allocate,
    check_qty,
    gross_amount,
    settle,
    vat_breakdown,
)
from pos_app.domain.ids import new_id, receipt_number
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.text import fold
from pos_app.services.audit import AuditLog
from pos_app.services.people.approval import REFUND, VOID, Actor, Approval, check_approval
from pos_app.services.ports import Clock, SystemClock
from pos_app.services.sync import outbox

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.services.catalog.lookup import ProductInfo

__all__ = [
    "Actor", "Approval", "CartError", "CheckoutError", "CheckoutService", "CompletedSale",
    "ParkedCart", "PaymentInput", "SaleDetail", "SaleLineDetail", "SaleSummary", "bench_checkout",
]

log = logging.getLogger(__name__)

WEIGHED_UNITS = frozenset({"kg", "g", "gram", "gam", "kilogram", "can", "lang"})
"""Catalog units (folded) that mean "sold by weight": such products need ``grams``."""


class CheckoutError(Exception):
    """A checkout step refused; ``code`` says why, ``info`` carries figures."""

    def __init__(self, code: str, **info: Any) -> None:
        super().__init__(code)
        self.code = code
        self.info = info


@contextlib.contextmanager
def _disk_full_refused() -> Iterator[None]:
    """A full disk (the transaction rolled back whole) as ``CheckoutError("disk_full")``."""
    try:
        yield
    except DiskFullError as exc:
        raise CheckoutError("disk_full") from exc


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


def _naive(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(tzinfo=None)


def _aware(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at


def _iso(at: dt.datetime) -> str:
    return _aware(at).astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _insert_rows(
    session: Session,
    sale: dict[str, Any],
    lines: list[dict[str, Any]],
    moves: list[dict[str, Any]],
    payments: Sequence[SettledPayment],
) -> None:
    """Write a sale (or return) with its lines, stock movements and payments: one multi-row
    INSERT per table (much cheaper than the ORM unit of work for a 20-line sale)."""
    session.execute(insert(Sale), [sale])
    session.execute(insert(SaleLine), lines)
    session.execute(insert(StockMovement), moves)
    if payments:
        session.execute(
            insert(SalePayment),
            [
                dict(id=new_id(), sale_id=sale["id"], method=p.method, amount=p.amount,
                     tendered=p.tendered, reference=p.reference)
                for p in payments
            ],
        )


class CheckoutService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        clock: Clock | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)

    # --- settings and time ------------------------------------------------------------------

    @property
    def till_code(self) -> str:
        return self.settings.get(config.TILL_CODE).strip().upper()

    @property
    def approval_percent(self) -> int:
        return self.settings.get(config.DISCOUNT_APPROVAL_PERCENT)

    def _now(self) -> dt.datetime:
        return _aware(self.clock.now()).astimezone(dt.UTC)

    def _today(self) -> dt.date:
        return self._now().astimezone(hanoi_tz()).date()

    # --- open and parked carts --------------------------------------------------------------

    def open_cart(self) -> Cart:
        """The open cart kept in the database, or a new empty one (not stored until saved)."""
        with self.db.reader() as session:
            row = session.scalars(
                select(CartRow).where(CartRow.status == "open").order_by(CartRow.updated_at.desc())
            ).first()
            if row is None:
                return Cart(approval_percent=self.approval_percent)
            try:
                return Cart.from_json(row.data, self.approval_percent)
            except CartError:
                # An unreadable row must not keep the till from selling; the next save
                # replaces it.
                log.warning("open cart %s is unreadable; starting a new one", row.id)
                return Cart(approval_percent=self.approval_percent)

    def save_cart(self, cart: Cart, *, cashier_name: str = "") -> None:
        """Store ``cart`` as THE open cart (one small row; other open rows are dropped)."""
        now = _naive(self._now())
        with self.db.transaction() as session:
            row = session.get(CartRow, cart.id)
            session.execute(
                delete(CartRow).where(CartRow.status == "open", CartRow.id != cart.id)
            )
            if row is None:
                session.add(
                    CartRow(
                        id=cart.id, status="open", label="", cashier_name=cashier_name,
                        data=cart.to_json(), created_at=now, updated_at=now,
                    )
                )
            else:
                row.status = "open"
                row.data = cart.to_json()
                row.updated_at = now
                if cashier_name:
                    row.cashier_name = cashier_name

    def park(self, cart: Cart, label: str = "", *, cashier_name: str = "") -> None:
        """Put ``cart`` on hold under ``label``; then call :meth:`open_cart` for a fresh one."""
        if cart.empty:
            raise CheckoutError("empty_cart")
        now = _naive(self._now())
        with self.db.transaction() as session:
            row = session.get(CartRow, cart.id)
            if row is None:
                row = CartRow(id=cart.id, created_at=now, cashier_name=cashier_name)
                session.add(row)
            row.status = "parked"
            row.label = label.strip()[:100]
            row.data = cart.to_json()
            row.updated_at = now

    def parked(self) -> list[ParkedCart]:
        """Parked carts, oldest first."""
        with self.db.reader() as session:
            rows = session.scalars(
                select(CartRow).where(CartRow.status == "parked").order_by(CartRow.updated_at)
            ).all()
            result = []
            for row in rows:
                try:
                    cart = Cart.from_json(row.data, self.approval_percent)
                except CartError:
                    log.warning("parked cart %s is unreadable; not listed", row.id)
                    continue
                result.append(
                    ParkedCart(
                        id=row.id, label=row.label, cashier_name=row.cashier_name,
                        parked_at=_aware(row.updated_at), lines=len(cart.lines), total=cart.total,
                    )
                )
            return result

    def recall(self, cart_id: str) -> Cart:
        """Make a parked cart the open one. The current open cart is parked first (label "")
        if it has lines, or dropped if empty — nothing the cashier scanned is lost."""
        now = _naive(self._now())
        with self.db.transaction() as session:
            row = session.get(CartRow, cart_id)
            if row is None or row.status != "parked":
                raise CheckoutError("no_such_cart")
            for current in session.scalars(select(CartRow).where(CartRow.status == "open")):
                try:
                    empty = Cart.from_json(current.data).empty
                except CartError:
                    empty = True
                if empty:
                    session.delete(current)
                else:
                    current.status = "parked"
                    current.updated_at = now
            row.status = "open"
            row.updated_at = now
            return Cart.from_json(row.data, self.approval_percent)

    def drop_parked(self, cart_id: str) -> None:
        with self.db.transaction() as session:
            row = session.get(CartRow, cart_id)
            if row is None or row.status != "parked":
                raise CheckoutError("no_such_cart")
            session.delete(row)

    # --- adding products --------------------------------------------------------------------

    def _snapshots(self, session: Session, ids: Sequence[int]) -> dict[int, _ProductSnap]:
        rows = session.execute(
            select(
                Product.id, Product.sku, Product.name_vi, Product.name_en, Product.stars,
                Product.unit, Product.price, Product.vat_rate, Product.cert_status,
                Product.cert_expires,
            ).where(Product.id.in_(list(ids)))
        ).all()
        return {
            r.id: _ProductSnap(
                id=r.id, sku=r.sku, name_vi=r.name_vi, name_en=r.name_en, stars=r.stars,
                unit=r.unit, price=r.price, vat_rate=r.vat_rate, cert_status=r.cert_status,
                cert_expires=r.cert_expires,
            )
            for r in rows
        }

    def _saleability(self, snap: _ProductSnap) -> ocop.Saleability:
        return ocop.saleability(
            ocop.CertStatus(snap.cert_status), snap.cert_expires, self._today(),
            self.settings.get(config.CERT_EXPIRY_WARNING_DAYS),
        )

    def add_product(
        self,
        cart: Cart,
        product_id: int,
        *,
        qty: int = 1,
        grams: int | None = None,
        barcode: str = "",
        known: ProductInfo | None = None,
    ) -> CartLine:
        """Put a product in ``cart`` (or add to its line), applying the OCOP guard: a revoked
        certificate is refused (``revoked``); an expired one follows ``expired_cert_policy``
        (allow; approve → the line needs a manager; block → ``cert_expired``). Weighed products
        need ``grams``. The caller saves the cart (:meth:`save_cart`).

        ``known``: the product as the catalog just read it (a scan's lookup, a search result);
        the guard then runs on it instead of reading the product again. Its certificate status
        is the effective one, which gives the same saleability as the stored one; a revocation
        after that read is still refused when the sale completes."""
        if known is not None and known.id == product_id:
            snap: _ProductSnap | None = _ProductSnap(
                id=known.id, sku=known.sku, name_vi=known.name_vi, name_en=known.name_en,
                stars=known.stars, unit=known.unit, price=int(known.price),
                vat_rate=known.vat_rate, cert_status=known.cert_status.value,
                cert_expires=known.cert_expires,
            )
        else:
            with self.db.reader() as session:
                snap = self._snapshots(session, [product_id]).get(product_id)
        if snap is None:
            raise CheckoutError("no_such_product")
        approvals: list[str] = []
        state = self._saleability(snap)
        if state is ocop.Saleability.REVOKED:
            raise CheckoutError("revoked")
        if state is ocop.Saleability.EXPIRED:
            policy = self.settings.get(config.EXPIRED_CERT_POLICY)
            if policy == "block":
                raise CheckoutError("cert_expired")
            if policy == "approve":
                approvals.append(APPROVE_EXPIRED_CERT)
        if grams is not None:
            unit, amount = GRAM, check_qty(grams, GRAM)
        elif fold(snap.unit) in WEIGHED_UNITS:
            raise CheckoutError("needs_weight")
        else:
            unit, amount = PIECE, check_qty(qty, PIECE)
        line = CartLine(
            product_id=snap.id, sku=snap.sku, name_vi=snap.name_vi, name_en=snap.name_en,
            stars=snap.stars, unit=unit, qty=amount, list_price=snap.price,
            vat_rate=snap.vat_rate, barcode=barcode, approvals=approvals,
        )
        return cart.add(line)

    # --- completing a sale ------------------------------------------------------------------

    def _next_seq(self, session: Session, local_date: dt.date) -> int:
        last = session.scalar(
            select(func.max(Sale.seq)).where(
                Sale.till_code == self.till_code, Sale.local_date == local_date
            )
        )
        return int(last or 0) + 1

    def _cashier_id(self, session: Session, actor: Actor) -> int | None:
        if actor.user_id is None:
            return None
        return actor.user_id if session.get(User, actor.user_id) is not None else None

    def complete_sale(
        self,
        cart: Cart,
        payments: Sequence[PaymentInput],
        *,
        cashier: Actor,
        approval: Approval | None = None,
    ) -> CompletedSale:
        """Record the paid sale in one transaction and drop the open cart row.

        Raises CartError (payments), CheckoutError (``empty_cart``, ``revoked`` if a product was
        revoked since it was scanned) or ApprovalRequired; then nothing is written."""
        if cart.empty:
            raise CheckoutError("empty_cart")
        totals = cart.totals()
        settlement = settle(totals.total, payments)
        approved_by = check_approval(cart.approvals, cashier, approval)
        now = self._now()
        local_date = now.astimezone(hanoi_tz()).date()
        till = self.till_code
        sale_id = new_id()
        with _disk_full_refused(), self.db.transaction() as session:
            snaps = self._snapshots(session, sorted({ln.product_id for ln in cart.lines}))
            for line in cart.lines:
                snap = snaps.get(line.product_id)
                if snap is None:
                    raise CheckoutError("no_such_product", product_id=line.product_id)
                if self._saleability(snap) is ocop.Saleability.REVOKED:
                    raise CheckoutError("revoked", product_id=line.product_id)
            seq = self._next_seq(session, local_date)
            receipt_no = receipt_number(till, local_date, seq)
            sale: dict[str, Any] = dict(
                id=sale_id, receipt_no=receipt_no, till_code=till, local_date=local_date,
                seq=seq, kind="sale", status="completed", original_sale_id=None,
                cashier_id=self._cashier_id(session, cashier), cashier_name=cashier.name,
                approved_by=approved_by, created_at=_naive(now), subtotal=totals.subtotal,
                discount=totals.discount, total=totals.total, vat_total=totals.vat_total,
                tendered=settlement.tendered, change=settlement.change, void_reason="", note="",
            )
            line_rows = [
                dict(
                    id=new_id(), sale_id=sale_id, line_no=number, product_id=line.product_id,
                    sku=line.sku, barcode=line.barcode, name_vi=line.name_vi,
                    name_en=line.name_en, stars=line.stars, unit=line.unit, qty=line.qty,
                    list_price=line.list_price, unit_price=line.unit_price,
                    discount=line.discount, line_total=line.total, vat_rate=line.vat_rate,
                    original_line_id=None,
                )
                for number, line in enumerate(cart.lines, start=1)
            ]
            moves = [
                dict(
                    id=new_id(), product_id=line.product_id, qty=-line.qty, kind="sale",
                    till_code=till, user_name=cashier.name, reason="", ref_id=sale_id,
                    consignment=False, created_at=_naive(now),
                )
                for line in cart.lines
            ]
            _insert_rows(session, sale, line_rows, moves, settlement.payments)
            outbox.add_event(
                session, "sale",
                self._payload(sale, line_rows, settlement.payments, totals.vat), at=now,
            )
            self.audit.append(
                session, action="sale", user=cashier.name, approved_by=approved_by,
                target=sale_id,
                detail={
                    "receipt_no": receipt_no, "total": totals.total, "lines": len(cart.lines),
                    "approvals": list(cart.approvals),
                    "methods": [p.method for p in settlement.payments],
                },
            )
            session.execute(delete(CartRow).where(CartRow.id == cart.id))
        return CompletedSale(
            sale_id=sale_id, receipt_no=receipt_no, total=totals.total,
            change=settlement.change, paid_by=settlement.payments, created_at=now,
        )

    def _payload(
        self,
        sale: Mapping[str, Any],
        lines: Sequence[Mapping[str, Any]],
        payments: Sequence[SettledPayment],
        vat: Sequence[Any],
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
            created_at=_aware(sale.created_at), total=sale.total, methods=tuple(methods),
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

    # --- returns ----------------------------------------------------------------------------

    def return_items(
        self,
        sale_ref: str,
        quantities: Mapping[str, int],
        *,
        cashier: Actor,
        approval: Approval | None,
        reason: str = "",
    ) -> CompletedSale:
        """Take goods back from a sale and refund them (see the module notes for the rules).

        ``quantities`` maps the original sale line id to how many pieces (or grams) come back.
        """
        if not quantities:
            raise CheckoutError("nothing_to_return")
        now = self._now()
        local_date = now.astimezone(hanoi_tz()).date()
        till = self.till_code
        return_id = new_id()
        with self.db.transaction() as session:
            original = self._find_row(session, sale_ref)
            if original.kind != "sale":
                raise CheckoutError("not_a_sale")
            if original.status == "voided":
                raise CheckoutError("sale_voided")
            by_id = {ln.id: ln for ln in original.lines}
            returned = self._returned_by_line(session, original.id)
            for line_id, qty in quantities.items():
                line = by_id.get(line_id)
                if line is None:
                    raise CheckoutError("no_such_line", line_id=line_id)
                check_qty(qty, line.unit)
                left = line.qty - returned.get(line_id, (0, 0))[0]
                if qty > left:
                    raise CheckoutError("over_return", line_id=line_id, returnable=left)
            approved_by = check_approval([REFUND], cashier, approval)

            shares = allocate(original.discount, [ln.line_total for ln in original.lines])
            net = {ln.id: ln.line_total - s for ln, s in zip(original.lines, shares, strict=True)}
            refunds: dict[str, int] = {}
            for line_id, qty in quantities.items():
                line = by_id[line_id]
                done_qty, done_amount = returned.get(line_id, (0, 0))
                if done_qty + qty == line.qty:
                    refunds[line_id] = net[line_id] - done_amount
                else:
                    refunds[line_id] = (2 * net[line_id] * qty + line.qty) // (2 * line.qty)
            refund_total = sum(refunds.values())
            paid_back = self._refund_tender(session, original, refund_total)

            seq = self._next_seq(session, local_date)
            receipt_no = receipt_number(till, local_date, seq)
            ordered = sorted(quantities.items(), key=lambda item: by_id[item[0]].line_no)
            line_rows: list[dict[str, Any]] = []
            moves: list[dict[str, Any]] = []
            for number, (line_id, qty) in enumerate(ordered, start=1):
                line = by_id[line_id]
                gross = gross_amount(qty, line.unit_price, line.unit)
                line_rows.append(dict(
                    id=new_id(), sale_id=return_id, line_no=number, product_id=line.product_id,
                    sku=line.sku, barcode=line.barcode, name_vi=line.name_vi,
                    name_en=line.name_en, stars=line.stars, unit=line.unit, qty=-qty,
                    list_price=line.list_price, unit_price=line.unit_price,
                    discount=-(gross - refunds[line_id]), line_total=-refunds[line_id],
                    vat_rate=line.vat_rate, original_line_id=line.id,
                ))
                moves.append(dict(
                    id=new_id(), product_id=line.product_id, qty=qty, kind="return",
                    till_code=till, user_name=cashier.name, reason=reason.strip()[:200],
                    ref_id=return_id, consignment=False, created_at=_naive(now),
                ))
            vat = vat_breakdown((r["line_total"], r["vat_rate"]) for r in line_rows)
            ret: dict[str, Any] = dict(
                id=return_id, receipt_no=receipt_no, till_code=till, local_date=local_date,
                seq=seq, kind="return", status="completed", original_sale_id=original.id,
                cashier_id=self._cashier_id(session, cashier), cashier_name=cashier.name,
                approved_by=approved_by, created_at=_naive(now), subtotal=-refund_total,
                discount=0, total=-refund_total, vat_total=sum(v.amount for v in vat),
                tendered=-refund_total, change=0, void_reason="", note=reason.strip()[:200],
            )
            _insert_rows(session, ret, line_rows, moves, paid_back)
            outbox.add_event(session, "return", self._payload(ret, line_rows, paid_back, vat),
                             at=now)
            self.audit.append(
                session, action="return", user=cashier.name, approved_by=approved_by,
                target=return_id,
                detail={
                    "receipt_no": receipt_no, "original": original.receipt_no,
                    "refund": refund_total, "reason": reason.strip()[:200],
                    "lines": {line_id: qty for line_id, qty in ordered},
                },
            )
        return CompletedSale(
            sale_id=return_id, receipt_no=receipt_no, total=-refund_total, change=0,
            paid_by=paid_back, created_at=now, kind="return",
        )

    def _refund_tender(
        self, session: Session, original: Sale, amount: int
    ) -> tuple[SettledPayment, ...]:
        """Split a refund over the original payments: card/transfer first, cash last."""
        already: dict[tuple[str, str], int] = {}
        for method, reference, paid in session.execute(
            select(SalePayment.method, SalePayment.reference, SalePayment.amount)
            .join(Sale, Sale.id == SalePayment.sale_id)
            .where(Sale.original_sale_id == original.id, Sale.kind == "return")
        ):
            already[(method, reference)] = already.get((method, reference), 0) - paid
        ordered = [p for p in original.payments if p.method != CASH] + [
            p for p in original.payments if p.method == CASH
        ]
        left = amount
        out: list[SettledPayment] = []
        for payment in ordered:
            if left <= 0:
                break
            key = (payment.method, payment.reference)
            room = payment.amount - already.get(key, 0)
            take = min(room, left)
            if take > 0:
                already[key] = already.get(key, 0) + take
                out.append(SettledPayment(payment.method, -take, -take, payment.reference))
                left -= take
        if left > 0:  # nothing left to match (should not happen): refund in cash
            out.append(SettledPayment(CASH, -left, -left, ""))
        return tuple(out)

    # --- void -------------------------------------------------------------------------------

    def void_sale(
        self,
        sale_id: str,
        *,
        cashier: Actor,
        approval: Approval | None,
        reason: str = "",
    ) -> SaleSummary:
        """Cancel the sale just made (see the module notes); stock comes back."""
        now = self._now()
        window = dt.timedelta(minutes=self.settings.get(config.VOID_WINDOW_MINUTES))
        with self.db.transaction() as session:
            sale = self._find_row(session, sale_id)
            if sale.kind != "sale":
                raise CheckoutError("not_a_sale")
            if sale.status == "voided":
                raise CheckoutError("sale_voided")
            if session.scalar(select(func.count()).where(Sale.original_sale_id == sale.id)):
                raise CheckoutError("has_returns")
            last = self._last_row(session)
            if last is None or last.id != sale.id:
                raise CheckoutError("not_last_sale")
            if now - _aware(sale.created_at) > window:
                raise CheckoutError("void_window_passed")
            approved_by = check_approval([VOID], cashier, approval)
            session.execute(
                update(Sale)
                .where(Sale.id == sale.id)
                .values(
                    status="voided", voided_at=_naive(now), void_reason=reason.strip()[:200],
                    approved_by=approved_by,
                )
            )
            for line in sale.lines:
                session.add(
                    StockMovement(
                        id=new_id(), product_id=line.product_id, qty=line.qty, kind="return",
                        till_code=sale.till_code, user_name=cashier.name, reason="void",
                        ref_id=sale.id, consignment=False, created_at=_naive(now),
                    )
                )
            outbox.add_event(
                session, "sale_voided",
                {
                    "sale_id": sale.id, "receipt_no": sale.receipt_no, "till": sale.till_code,
                    "voided_at": _iso(now), "reason": reason.strip()[:200],
                    "cashier": cashier.name, "approved_by": approved_by,
                    "lines": [{"product_id": ln.product_id, "sku": ln.sku, "qty": ln.qty}
                              for ln in sale.lines],
                },
                at=now,
            )
            self.audit.append(
                session, action="void", user=cashier.name, approved_by=approved_by,
                target=sale.id,
                detail={"receipt_no": sale.receipt_no, "total": sale.total,
                        "reason": reason.strip()[:200]},
            )
            session.flush()
            session.refresh(sale)
            return self._summaries(session, [sale])[0]


# --- benchmark ------------------------------------------------------------------------------


def bench_checkout(services: Services, n: int, lines_per_sale: int = 20) -> dict[str, float]:
    """Time ``complete_sale`` for ``n`` sales of ``lines_per_sale`` lines each (cash).

    Run it on a scratch database: it records real sales and, if the catalog has fewer
    than ``lines_per_sale`` sellable piece products, adds ``BENCH-`` products.
    Returns ``{"n", "lines", "p50_ms", "p99_ms", "max_ms"}``.
    """
    checkout = services.checkout or CheckoutService(services.db, services.settings, services.clock)
    product_ids = _bench_products(services.db, lines_per_sale)
    cashier = Actor(None, "bench", "cashier")
    timings: list[float] = []
    for _ in range(n):
        cart = Cart(approval_percent=checkout.approval_percent)
        for product_id in product_ids[:lines_per_sale]:
            checkout.add_product(cart, product_id)
        start = time.perf_counter()
        checkout.complete_sale(cart, [PaymentInput(CASH, cart.total)], cashier=cashier)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "n": float(n),
        "lines": float(lines_per_sale),
        "p50_ms": statistics.median(timings) if timings else 0.0,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] if timings else 0.0,
        "max_ms": timings[-1] if timings else 0.0,
    }


def _bench_products(db: Database, count: int) -> list[int]:
    from pos_app.db.models import Producer

    with db.transaction() as session:
        ids = list(
            session.scalars(
                select(Product.id)
                .where(Product.cert_status == "active", Product.cert_expires.is_(None))
                .where(Product.unit.not_in(sorted(WEIGHED_UNITS)))
                .order_by(Product.id)
                .limit(count)
            )
        )
        if len(ids) >= count:
            return ids
        producer = session.scalars(select(Producer).where(Producer.code == "BENCH")).first()
        if producer is None:
            producer = Producer(code="BENCH", name="Bench producer", kind="household")
            session.add(producer)
            session.flush()
        for i in range(count - len(ids)):
            product = Product(
                sku=f"BENCH-{new_id()[-12:]}-{i}", name_vi=f"Sản phẩm thử {i}", name_en="",
                producer_id=producer.id, product_group="food", stars=4, unit="cái",
                price=10_000 + 1_000 * i, vat_rate=(0, 5, 8, 10)[i % 4], cert_status="active",
            )
            session.add(product)
            session.flush()
            ids.append(product.id)
        return ids
