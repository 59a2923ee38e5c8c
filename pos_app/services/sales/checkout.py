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

    svc.reserve_receipt_no(cart.id) -> "Q01-20261123-0043"   # the number this cart's sale gets
        # (VietQR purpose); release_receipt_no(cart.id) when the cart is dropped
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

- **Refund amount and tender** (returns): decided in :mod:`pos_app.domain.refund` — each line
  gives back its share of what was paid, pro rata; money goes back the way it came, non-cash
  first, cash last.
- **Void**: only the last sale (or return) recorded on this till, only a sale (not a return),
  only within ``void_window_minutes`` (default 10) of its time, and only with a manager's
  approval. Its stock comes back (movements kind ``return``, reason ``void``); the row stays with
  status ``voided`` and its receipt number is not reused.
- Every committing call is ONE write transaction: sale, lines, payments, stock movements, outbox
  event and audit entry commit together or not at all.

Stored for the receipt printer on the rows: names (vi/en), stars, unit, qty, list and unit price,
line discount, line total, VAT rate per line; on the sale subtotal, discount, total, VAT total,
tendered, change, cashier and approver; on payments method, amount, tendered, reference.
VAT parts per rate: :func:`pos_app.domain.vat.vat_by_rate` over ``(line_total, vat_rate)``
with the sale's ``discount``, computed once here and stored in ``sale_vat``; the registry event
carries the same parts.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.db.database import DiskFullError
from pos_app.db.models import Cart as CartRow
from pos_app.db.models import Product
from pos_app.domain import ocop
from pos_app.domain.cart import (
    APPROVE_EXPIRED_CERT,
    GRAM,
    PIECE,
    Cart,
    CartError,
    CartLine,
    PaymentInput,
    check_qty,
    settle,
)
from pos_app.domain.ids import new_id, receipt_number
from pos_app.domain.receipt import hanoi_tz
from pos_app.domain.text import fold
from pos_app.services.customers import sale_links
from pos_app.services.people.approval import Actor, Approval, check_approval
from pos_app.services.sales.bench import bench_checkout
from pos_app.services.sales.records import (
    CheckoutError,
    CompletedSale,
    ParkedCart,
    SaleDetail,
    SaleLineDetail,
    SaleSummary,
    _insert_rows,
    _ProductSnap,
)
from pos_app.services.sales.returns import SaleReturns
from pos_app.services.stock import ledger
from pos_app.services.sync import outbox

if TYPE_CHECKING:
    from pos_app.services.catalog.lookup import ProductInfo


__all__ = [
    "Actor", "Approval", "CartError", "CheckoutError", "CheckoutService", "CompletedSale",
    "ParkedCart", "PaymentInput", "SaleDetail", "SaleLineDetail", "SaleSummary", "bench_checkout",
]

log = logging.getLogger(__name__)

WEIGHED_UNITS = frozenset({"kg", "g", "gram", "gam", "kilogram", "can", "lang"})
"""Catalog units (folded) that mean "sold by weight": such products need ``grams``."""


@contextlib.contextmanager
def _disk_full_refused() -> Iterator[None]:
    """A full disk (the transaction rolled back whole) as ``CheckoutError("disk_full")``."""
    try:
        yield
    except DiskFullError as exc:
        raise CheckoutError("disk_full") from exc


class CheckoutService(SaleReturns):
    """The open cart, parked carts and completing a sale; returns, voids and reading sales come
    from :class:`SaleReturns` / :class:`SaleRecords`."""

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
        now = self._now()
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
        now = self._now()
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
                        parked_at=row.updated_at, lines=len(cart.lines), total=cart.total,
                    )
                )
            return result

    def recall(self, cart_id: str) -> Cart:
        """Make a parked cart the open one. The current open cart is parked first (label "")
        if it has lines, or dropped if empty — nothing the cashier scanned is lost."""
        now = self._now()
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
        self.release_receipt_no(cart_id)

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
            ocop.CertStatus(snap.cert_status), snap.cert_expires, self.today(),
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

    def complete_sale(
        self,
        cart: Cart,
        payments: Sequence[PaymentInput],
        *,
        cashier: Actor,
        approval: Approval | None = None,
        buyer: dict[str, Any] | None = None,
    ) -> CompletedSale:
        """Record the paid sale in one transaction and drop the open cart row; its e-invoice
        (with ``buyer``'s details if the customer asked) is issued in the same transaction.

        Raises CartError (payments), CheckoutError (``empty_cart``, ``revoked`` if a product was
        revoked since it was scanned), ApprovalRequired or ``EInvoiceError`` (a buyer's bad tax
        code); then nothing is written."""
        if cart.empty:
            raise CheckoutError("empty_cart")
        if buyer and self.invoicer is not None:
            self.invoicer.check_buyer(buyer)
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
            seq = self._next_seq(session, local_date, cart.id)
            receipt_no = receipt_number(till, local_date, seq)
            sale: dict[str, Any] = dict(
                id=sale_id, receipt_no=receipt_no, till_code=till, local_date=local_date,
                seq=seq, kind="sale", status="completed", original_sale_id=None,
                cashier_id=self._cashier_id(session, cashier), cashier_name=cashier.name,
                approved_by=approved_by, created_at=now, subtotal=totals.subtotal,
                discount=totals.discount, total=totals.total, vat_total=totals.vat_total,
                tendered=settlement.tendered, change=settlement.change, void_reason="", note="",
            )
            line_rows = [
                dict(
                    id=new_id(), sale_id=sale_id, line_no=number, product_id=line.product_id,
                    sku=line.sku, barcode=line.barcode, name_vi=line.name_vi,
                    name_en=line.name_en, stars=line.stars, unit=line.unit, qty=line.qty,
                    list_price=line.list_price, unit_price=line.unit_price,
                    discount=line.discount + line.promo_discount, line_total=line.total,
                    vat_rate=line.vat_rate,
                    original_line_id=None,
                )
                for number, line in enumerate(cart.lines, start=1)
            ]
            moves = [
                ledger.movement(
                    product_id=line.product_id, qty=-line.qty, kind="sale", till_code=till,
                    at=now, user_name=cashier.name, ref_id=sale_id,
                )
                for line in cart.lines
            ]
            _insert_rows(session, sale, line_rows, moves, settlement.payments, totals.vat)
            sale_links.record(session, sale_id, cart, [str(r["id"]) for r in line_rows])
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
            self._invoice(session, sale_id, buyer=buyer)
        self.release_receipt_no(cart.id)  # used: the sale has it now
        if self.invoicer is not None:
            self.invoicer.wake()
        return CompletedSale(
            sale_id=sale_id, receipt_no=receipt_no, total=totals.total,
            change=settlement.change, paid_by=settlement.payments, created_at=now,
        )
