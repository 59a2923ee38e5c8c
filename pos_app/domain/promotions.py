"""Promotions: the rules of a campaign and what they take off a cart's lines. Standard library.

A promotion is one rule, read from a plain mapping (a campaign file row or the registry's
campaign, :func:`parse_promotion`):

- ``percent``: ``value`` % off each matching line (rounded half up to the đồng);
- ``amount``: ``value`` đồng off each matching piece (never more than the line);
- ``buy_x_get_y``: for every ``buy + get`` pieces of one line, ``get`` of them free.

It matches a line by SKU, product group, producer code or star rating (every given criterion
must hold; none given = every product), inside a validity window of dates (``starts`` ..
``ends``, both inclusive, Hanoi dates) and optionally hours of the day (``hours`` "08:00-11:00"),
at the showrooms listed (none = every showroom).

:func:`apply_promotions` gives each line the one promotion that takes the most off it (ties: the
promotion id, so every till decides the same). The amounts are computed here once; the cart
line carries them (``CartLine.promo_discount``), so the line totals — and through them the VAT
parts of :mod:`pos_app.domain.vat` — are of what the customer really pays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pos_app.domain.cart import Cart
from pos_app.domain.errors import CodedValueError

__all__ = [
    "KINDS", "Applied", "PromoItem", "Promotion", "PromotionError", "apply_promotions",
    "is_active", "line_discount", "parse_promotion", "stamp",
]

PERCENT = "percent"
AMOUNT = "amount"
BUY_X_GET_Y = "buy_x_get_y"
KINDS = (PERCENT, AMOUNT, BUY_X_GET_Y)
MAX_AMOUNT = 1_000_000_000


class PromotionError(CodedValueError):
    """A rule that cannot be used. ``code``: ``missing``, ``bad_kind``, ``bad_value``,
    ``bad_date``, ``dates_reversed``, ``bad_hours``, ``bad_stars``, ``bad_buy_get``;
    ``field`` (the ``detail``) names the field."""

    def __init__(self, code: str, field: str = "") -> None:
        super().__init__(code, field)
        self.field = field


@dataclass(frozen=True)
class Promotion:
    id: str
    name: str
    kind: str
    starts: dt.date
    ends: dt.date
    value: int = 0
    buy: int = 0
    get: int = 0
    hours: tuple[int, int] | None = None  # minutes after midnight, [start, end)
    skus: frozenset[str] = field(default_factory=frozenset)
    groups: frozenset[str] = field(default_factory=frozenset)
    producers: frozenset[str] = field(default_factory=frozenset)
    stars: frozenset[int] = field(default_factory=frozenset)
    showrooms: frozenset[str] = field(default_factory=frozenset)

    def to_dict(self) -> dict[str, Any]:
        """The rule as :func:`parse_promotion` reads it (stored as JSON)."""
        hours = None
        if self.hours is not None:
            a, b = self.hours
            hours = f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "value": self.value,
            "buy": self.buy, "get": self.get, "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(), "hours": hours, "skus": sorted(self.skus),
            "groups": sorted(self.groups), "producers": sorted(self.producers),
            "stars": sorted(self.stars), "showrooms": sorted(self.showrooms),
        }


@dataclass(frozen=True)
class PromoItem:
    """A cart line as promotions see it. ``base`` is what the line costs before any
    promotion (gross − the cashier's discount); ``qty`` counts pieces (0 for a weighed line:
    only percentage promotions apply to it)."""

    line_id: str
    sku: str
    group: str
    producer: str
    stars: int | None
    qty: int
    unit_price: int
    base: int


@dataclass(frozen=True)
class Applied:
    line_id: str
    promotion_id: str
    name: str
    amount: int


# --- reading a rule ------------------------------------------------------------------------


def _text(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise PromotionError("missing", key)
    return text


def _set(data: Mapping[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    if value is None or value == "":
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)
    return frozenset(str(i).strip() for i in items if str(i).strip())


def _int(data: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = data.get(key)
    if value is None or value == "":
        return 0
    try:
        number = int(str(value).replace(".", "").replace(" ", ""))
    except ValueError as exc:
        raise PromotionError("bad_value", key) from exc
    if not low <= number <= high:
        raise PromotionError("bad_value", key)
    return number


def _date(data: Mapping[str, Any], key: str) -> dt.date:
    text = _text(data, key)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise PromotionError("bad_date", key)


def _hours(text: str) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        start, end = (part.strip() for part in text.split("-"))
        minutes = []
        for part in (start, end):
            h, m = part.split(":")
            if not (0 <= int(h) <= 24 and 0 <= int(m) < 60):
                raise ValueError(part)
            minutes.append(int(h) * 60 + int(m))
    except ValueError as exc:
        raise PromotionError("bad_hours", "hours") from exc
    if minutes[0] >= minutes[1]:
        raise PromotionError("bad_hours", "hours")
    return minutes[0], minutes[1]


def parse_promotion(data: Mapping[str, Any]) -> Promotion:
    """A rule from a mapping (file row, registry campaign, stored JSON), or
    :class:`PromotionError` naming the field at fault."""
    kind = _text(data, "kind")
    if kind not in KINDS:
        raise PromotionError("bad_kind", "kind")
    value = buy = get = 0
    if kind == PERCENT:
        value = _int(data, "value", 1, 100)
    elif kind == AMOUNT:
        value = _int(data, "value", 1, MAX_AMOUNT)
    else:
        buy, get = _int(data, "buy", 1, 1000), _int(data, "get", 1, 1000)
    if kind != BUY_X_GET_Y and value == 0:
        raise PromotionError("missing", "value")
    if kind == BUY_X_GET_Y and (buy == 0 or get == 0):
        raise PromotionError("bad_buy_get", "buy" if buy == 0 else "get")
    starts, ends = _date(data, "starts"), _date(data, "ends")
    if ends < starts:
        raise PromotionError("dates_reversed", "ends")
    try:
        stars = frozenset(int(s) for s in _set(data, "stars"))
    except ValueError as exc:
        raise PromotionError("bad_stars", "stars") from exc
    if not stars <= {3, 4, 5}:
        raise PromotionError("bad_stars", "stars")
    return Promotion(
        id=_text(data, "id")[:64], name=_text(data, "name")[:200], kind=kind, value=value,
        buy=buy, get=get, starts=starts, ends=ends,
        hours=_hours(_text(data, "hours", required=False)), skus=_set(data, "skus"),
        groups=_set(data, "groups"), producers=_set(data, "producers"), stars=stars,
        showrooms=_set(data, "showrooms"),
    )


# --- applying ------------------------------------------------------------------------------


def is_active(promotion: Promotion, at: dt.datetime, showroom: str = "") -> bool:
    """In force at local time ``at`` (Hanoi) at ``showroom``."""
    if promotion.showrooms and showroom not in promotion.showrooms:
        return False
    if not promotion.starts <= at.date() <= promotion.ends:
        return False
    if promotion.hours is not None:
        minute = at.hour * 60 + at.minute
        return promotion.hours[0] <= minute < promotion.hours[1]
    return True


def matches(promotion: Promotion, item: PromoItem) -> bool:
    return (
        (not promotion.skus or item.sku in promotion.skus)
        and (not promotion.groups or item.group in promotion.groups)
        and (not promotion.producers or item.producer in promotion.producers)
        and (not promotion.stars or item.stars in promotion.stars)
    )


def line_discount(promotion: Promotion, item: PromoItem) -> int:
    """What ``promotion`` takes off ``item`` (0 if it does not match), never more than its
    ``base``."""
    if not matches(promotion, item) or item.base <= 0:
        return 0
    if promotion.kind == PERCENT:
        amount = (item.base * promotion.value * 2 + 100) // 200  # half up
    elif promotion.kind == AMOUNT:
        amount = promotion.value * item.qty
    else:
        amount = item.qty // (promotion.buy + promotion.get) * promotion.get * item.unit_price
    return max(0, min(amount, item.base))


def apply_promotions(
    items: Sequence[PromoItem], promotions: Iterable[Promotion], at: dt.datetime,
    showroom: str = "",
) -> dict[str, Applied]:
    """For each line the promotion in force that takes the most off it (line id → applied);
    lines no promotion touches are absent."""
    live = sorted((p for p in promotions if is_active(p, at, showroom)), key=lambda p: p.id)
    result: dict[str, Applied] = {}
    for item in items:
        best: Applied | None = None
        for promotion in live:
            amount = line_discount(promotion, item)
            if amount > 0 and (best is None or amount > best.amount):
                best = Applied(item.line_id, promotion.id, promotion.name, amount)
        if best is not None:
            result[item.line_id] = best
    return result


def stamp(cart: Cart, applied: Mapping[str, Applied]) -> bool:
    """Put ``applied`` on the cart's lines (a line not in it loses its promotion). A cart
    discount left larger than the new subtotal is dropped. True if anything changed."""
    changed = False
    for line in cart.lines:
        got = applied.get(line.id)
        new = (got.promotion_id, got.name, got.amount) if got else ("", "", 0)
        if (line.promo_id, line.promo_name, line.promo_discount) != new:
            line.promo_id, line.promo_name, line.promo_discount = new
            changed = True
    if changed and cart.discount > cart.subtotal:
        cart.set_discount(0)
    return changed
