"""The cart at the counter, its totals and VAT parts, and how payments settle it. Standard library.

A :class:`Cart` is mutable: the sell screen adds, changes and removes lines, then checkout turns it
into a sale. Every rule that refuses input raises :class:`CartError` with a ``code`` (the UI words
it); a refused operation changes nothing.

Money is integer đồng, prices VAT-inclusive. A piece line costs ``qty × unit_price``; a weighed
line (unit ``gram``) has ``unit_price`` per kilogram and costs ``round(grams × price / 1000)``
(half up). ``line_total`` = that gross − the line discount. The cart discount comes off the sum
of line totals; for VAT it is shared over the lines in proportion to their totals
(:func:`allocate`), so the VAT parts per rate (:func:`pos_app.domain.vat.vat_by_rate`) are of
what was really paid; checkout stores them with the sale.

Approval flags (``CartLine.approvals``, ``Cart.approvals``): a price override or discount that
takes off more than ``Cart.approval_percent`` of the list amount, and a product sold with an
expired OCOP certificate under the "approve" policy, need a manager (see services/approval).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id
from pos_app.domain.money import VAT_RATES
from pos_app.domain.money import allocate as allocate  # re-exported: home is domain.money
from pos_app.domain.vat import VatLine as VatLine  # re-exported: home is domain.vat
from pos_app.domain.vat import vat_by_rate

PIECE = "piece"
GRAM = "gram"
UNITS = (PIECE, GRAM)
MAX_PIECES = 9_999
MAX_GRAMS = 100_000
MAX_PRICE = 1_000_000_000
DEFAULT_APPROVAL_PERCENT = 10

# Approval reasons (codes) a line or the cart can carry.
APPROVE_PRICE = "price_override"
APPROVE_LINE_DISCOUNT = "line_discount"
APPROVE_CART_DISCOUNT = "cart_discount"
APPROVE_EXPIRED_CERT = "expired_cert"

CASH = "cash"
CARD = "card"
TRANSFER = "transfer"
METHODS = (CASH, CARD, TRANSFER)

_JSON_VERSION = 1


class CartError(CodedValueError):
    """Input the cart refuses. ``code`` says why; ``info`` carries figures (e.g. ``shortfall``).

    Codes: ``qty_not_whole``, ``qty_not_positive``, ``qty_too_large``, ``bad_unit``,
    ``price_not_positive``, ``price_too_large``, ``discount_negative``, ``discount_too_large``,
    ``no_such_line``, ``empty_cart``, ``bad_method``, ``amount_not_positive``,
    ``tendered_below_amount``, ``exceeds_remaining``, ``already_paid``, ``card_needs_reference``,
    ``underpaid`` (info ``shortfall``), ``bad_cart_data``.
    """


# --- quantities ---------------------------------------------------------------------------------


def qty_limit(unit: str) -> int:
    if unit not in UNITS:
        raise CartError("bad_unit")
    return MAX_GRAMS if unit == GRAM else MAX_PIECES


def check_qty(qty: object, unit: str) -> int:
    """A quantity as the cart accepts it: a whole number of pieces 1…9,999 or grams 1…100,000."""
    limit = qty_limit(unit)
    if isinstance(qty, bool) or not isinstance(qty, int):
        raise CartError("qty_not_whole")
    if qty < 1:
        raise CartError("qty_not_positive")
    if qty > limit:
        raise CartError("qty_too_large", limit=limit)
    return qty


def parse_qty(text: str, unit: str = PIECE) -> int:
    """A quantity typed by the cashier: ``"3"``, ``" 12 "``; letters, ``"1.5"``, ``"-2"``,
    ``"0"`` and ``"10000000000"`` are refused with a code."""
    cleaned = text.strip()
    if cleaned.startswith(("-", "−")) and cleaned[1:].strip().isdigit():
        raise CartError("qty_not_positive")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CartError("qty_not_whole")
    if len(cleaned) > 9:
        raise CartError("qty_too_large", limit=qty_limit(unit))
    return check_qty(int(cleaned), unit)


def check_price(price: object) -> int:
    if isinstance(price, bool) or not isinstance(price, int):
        raise CartError("price_not_positive")
    if price <= 0:
        raise CartError("price_not_positive")
    if price > MAX_PRICE:
        raise CartError("price_too_large", limit=MAX_PRICE)
    return price


def gross_amount(qty: int, unit_price: int, unit: str) -> int:
    """What ``qty`` costs before discounts (grams: price per kg, rounded half up to the đồng)."""
    if unit == GRAM:
        return (qty * unit_price + 500) // 1000
    return qty * unit_price


def _needs_approval(taken_off: int, base: int, percent: int) -> bool:
    """More than ``percent`` % of ``base`` taken off (integer arithmetic, no floats)."""
    return taken_off > 0 and taken_off * 100 > base * percent


# --- lines and cart -----------------------------------------------------------------------------


@dataclass
class CartLine:
    product_id: int
    sku: str
    name_vi: str
    list_price: int
    vat_rate: int
    qty: int = 1
    unit: str = PIECE
    unit_price: int = 0  # 0 → the list price (set in __post_init__)
    discount: int = 0
    name_en: str = ""
    stars: int | None = None
    barcode: str = ""
    approvals: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    promo_id: str = ""  # the promotion applied (pos_app.domain.promotions), "" if none
    promo_name: str = ""
    promo_discount: int = 0

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise CartError("bad_unit")
        if self.vat_rate not in VAT_RATES:
            raise CartError("bad_vat_rate")
        if self.unit_price == 0:
            self.unit_price = self.list_price

    @property
    def weighed(self) -> bool:
        return self.unit == GRAM

    @property
    def gross(self) -> int:
        return gross_amount(self.qty, self.unit_price, self.unit)

    @property
    def list_gross(self) -> int:
        return gross_amount(self.qty, self.list_price, self.unit)

    @property
    def total(self) -> int:
        return self.gross - self.discount - self.promo_discount

    def _flag(self, code: str, on: bool) -> None:
        if on and code not in self.approvals:
            self.approvals.append(code)
        elif not on and code in self.approvals:
            self.approvals.remove(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "product_id": self.product_id, "sku": self.sku,
            "barcode": self.barcode, "name_vi": self.name_vi, "name_en": self.name_en,
            "stars": self.stars, "unit": self.unit, "qty": self.qty,
            "list_price": self.list_price, "unit_price": self.unit_price,
            "discount": self.discount, "vat_rate": self.vat_rate,
            "approvals": list(self.approvals),
            "promo_id": self.promo_id, "promo_name": self.promo_name,
            "promo_discount": self.promo_discount,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CartLine:
        return cls(
            id=str(data["id"]), product_id=int(data["product_id"]), sku=str(data["sku"]),
            barcode=str(data.get("barcode", "")), name_vi=str(data["name_vi"]),
            name_en=str(data.get("name_en", "")),
            stars=None if data.get("stars") is None else int(data["stars"]),
            unit=str(data.get("unit", PIECE)), qty=int(data["qty"]),
            list_price=int(data["list_price"]), unit_price=int(data["unit_price"]),
            discount=int(data.get("discount", 0)), vat_rate=int(data["vat_rate"]),
            approvals=[str(a) for a in data.get("approvals", [])],
            promo_id=str(data.get("promo_id", "")), promo_name=str(data.get("promo_name", "")),
            promo_discount=int(data.get("promo_discount", 0)),
        )


@dataclass(frozen=True)
class CartTotals:
    subtotal: int  # sum of line totals (after line discounts)
    discount: int  # cart discount
    total: int  # what the customer pays
    vat: tuple[VatLine, ...]
    vat_total: int
    items: int  # pieces plus one per weighed line


@dataclass
class Cart:
    """Lines being sold and a cart-level discount. ``approval_percent`` is the setting in force
    (the service sets it; it is not persisted)."""

    id: str = field(default_factory=new_id)
    lines: list[CartLine] = field(default_factory=list)
    discount: int = 0
    approval_percent: int = DEFAULT_APPROVAL_PERCENT
    cart_approvals: list[str] = field(default_factory=list)
    customer_id: str = ""  # the customer the sale is to (services/customers), "" if none
    order_id: str = ""  # the channel order this cart completes (services/orders), "" if none

    # --- reading

    @property
    def empty(self) -> bool:
        return not self.lines

    def line(self, line_id: str) -> CartLine:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise CartError("no_such_line")

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def total(self) -> int:
        return self.subtotal - self.discount

    def totals(self) -> CartTotals:
        vat = vat_by_rate(((ln.total, ln.vat_rate) for ln in self.lines), self.discount)
        return CartTotals(
            subtotal=self.subtotal,
            discount=self.discount,
            total=self.total,
            vat=vat,
            vat_total=sum(v.amount for v in vat),
            items=sum(1 if ln.weighed else ln.qty for ln in self.lines),
        )

    def net_line_totals(self) -> dict[str, int]:
        """Each line's total after its share of the cart discount (what a refund gives back)."""
        shares = allocate(self.discount, [ln.total for ln in self.lines])
        return {ln.id: ln.total - s for ln, s in zip(self.lines, shares, strict=True)}

    @property
    def approvals(self) -> tuple[str, ...]:
        """Every approval reason on the cart or its lines, each once, in a stable order."""
        seen: list[str] = []
        for code in [*self.cart_approvals, *(a for ln in self.lines for a in ln.approvals)]:
            if code not in seen:
                seen.append(code)
        return tuple(seen)

    # --- changing

    def add(self, line: CartLine) -> CartLine:
        """Add a line; the same product scanned again (pieces, same price, no discount yet)
        increments the existing line instead. Returns the line that holds the product."""
        check_qty(line.qty, line.unit)
        if not line.weighed:
            for existing in self.lines:
                if (
                    existing.product_id == line.product_id
                    and not existing.weighed
                    and existing.unit_price == existing.list_price
                    and existing.list_price == line.list_price
                ):
                    self.set_qty(existing.id, existing.qty + line.qty)
                    for code in line.approvals:
                        existing._flag(code, True)
                    return existing
        self.lines.append(line)
        self._recheck_cart_discount()
        return line

    def set_qty(self, line_id: str, qty: int) -> CartLine:
        line = self.line(line_id)
        check_qty(qty, line.unit)
        new_gross = gross_amount(qty, line.unit_price, line.unit)
        if line.discount > new_gross:
            raise CartError("discount_too_large", limit=new_gross)
        line.qty = qty
        self._recheck_line(line)
        self._recheck_cart_discount()
        return line

    def remove(self, line_id: str) -> CartLine:
        line = self.line(line_id)
        self.lines.remove(line)
        if self.discount > self.subtotal:
            self.discount = 0
            self.cart_approvals.clear()
        self._recheck_cart_discount()
        return line

    def override_price(self, line_id: str, unit_price: int) -> CartLine:
        line = self.line(line_id)
        check_price(unit_price)
        if line.discount > gross_amount(line.qty, unit_price, line.unit):
            raise CartError("discount_too_large")
        line.unit_price = unit_price
        self._recheck_line(line)
        self._recheck_cart_discount()
        return line

    def set_line_discount(self, line_id: str, discount: int) -> CartLine:
        line = self.line(line_id)
        self._check_discount(discount, line.gross)
        line.discount = discount
        self._recheck_line(line)
        self._recheck_cart_discount()
        return line

    def set_discount(self, discount: int) -> None:
        """The cart-level discount in đồng (0 removes it)."""
        self._check_discount(discount, self.subtotal)
        self.discount = discount
        self._recheck_cart_discount()

    def clear(self) -> None:
        self.lines.clear()
        self.discount = 0
        self.cart_approvals.clear()

    def _check_discount(self, discount: object, limit: int) -> None:
        if isinstance(discount, bool) or not isinstance(discount, int):
            raise CartError("discount_negative")
        if discount < 0:
            raise CartError("discount_negative")
        if discount > limit:
            raise CartError("discount_too_large", limit=limit)

    def _recheck_line(self, line: CartLine) -> None:
        if line.promo_discount > line.gross - line.discount:  # stale: promotions re-apply it
            line.promo_id, line.promo_name, line.promo_discount = "", "", 0
        cut = line.list_price - line.unit_price
        line._flag(APPROVE_PRICE, _needs_approval(cut, line.list_price, self.approval_percent))
        line._flag(
            APPROVE_LINE_DISCOUNT,
            _needs_approval(line.discount, line.gross, self.approval_percent),
        )

    def _recheck_cart_discount(self) -> None:
        over = _needs_approval(self.discount, self.subtotal, self.approval_percent)
        if over and APPROVE_CART_DISCOUNT not in self.cart_approvals:
            self.cart_approvals.append(APPROVE_CART_DISCOUNT)
        elif not over and APPROVE_CART_DISCOUNT in self.cart_approvals:
            self.cart_approvals.remove(APPROVE_CART_DISCOUNT)

    # --- persistence

    def to_json(self) -> str:
        return json.dumps(
            {
                "v": _JSON_VERSION, "id": self.id, "discount": self.discount,
                "approvals": list(self.cart_approvals), "customer_id": self.customer_id,
                "order_id": self.order_id,
                "lines": [line.to_dict() for line in self.lines],
            },
            ensure_ascii=False, sort_keys=True, separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str, approval_percent: int = DEFAULT_APPROVAL_PERCENT) -> Cart:
        try:
            data = json.loads(text)
            return cls(
                id=str(data["id"]),
                lines=[CartLine.from_dict(d) for d in data.get("lines", [])],
                discount=int(data.get("discount", 0)),
                approval_percent=approval_percent,
                cart_approvals=[str(a) for a in data.get("approvals", [])],
                customer_id=str(data.get("customer_id", "")),
                order_id=str(data.get("order_id", "")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            if isinstance(exc, CartError):
                raise
            raise CartError("bad_cart_data") from exc


# --- payments -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentInput:
    """One payment as the cashier enters it.

    ``amount`` is what this payment pays toward the total. For cash, ``tendered`` is what the
    customer handed over (default: ``amount``); only cash gives change. ``reference`` is the
    card approval code (required for card) or the bank transfer reference.
    """

    method: str
    amount: int
    tendered: int | None = None
    reference: str = ""


@dataclass(frozen=True)
class SettledPayment:
    method: str
    amount: int  # applied to the total
    tendered: int  # handed over (cash may exceed amount: the rest is change)
    reference: str = ""


@dataclass(frozen=True)
class Settlement:
    total: int
    payments: tuple[SettledPayment, ...]
    change: int

    @property
    def tendered(self) -> int:
        return sum(p.tendered for p in self.payments)


def settle(total: int, payments: Sequence[PaymentInput]) -> Settlement:
    """Check a (split) tender against ``total`` in the order given.

    Card and transfer may not exceed what remains; cash applies up to what remains and the rest
    (plus anything tendered above ``amount``) is change. Paying less than the total raises
    ``underpaid`` with ``info["shortfall"]``.
    """
    settled: list[SettledPayment] = []
    applied = 0
    change = 0
    for payment in payments:
        if payment.method not in METHODS:
            raise CartError("bad_method")
        amount = payment.amount
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise CartError("amount_not_positive")
        if amount > MAX_PRICE * 10:
            raise CartError("price_too_large", limit=MAX_PRICE * 10)
        remaining = total - applied
        reference = payment.reference.strip()
        if payment.method == CASH:
            handed = amount if payment.tendered is None else payment.tendered
            if isinstance(handed, bool) or not isinstance(handed, int) or handed < amount:
                raise CartError("tendered_below_amount")
            if remaining <= 0:
                raise CartError("already_paid")
            used = min(amount, remaining)
            change += handed - used
            settled.append(SettledPayment(CASH, used, handed, reference))
            applied += used
            continue
        if payment.method == CARD and not reference:
            raise CartError("card_needs_reference")
        if amount > remaining:
            raise CartError("exceeds_remaining", remaining=max(remaining, 0))
        settled.append(SettledPayment(payment.method, amount, amount, reference))
        applied += amount
    if applied < total:
        raise CartError("underpaid", shortfall=total - applied)
    return Settlement(total=total, payments=tuple(settled), change=change)
