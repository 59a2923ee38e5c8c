"""Money is an integer number of đồng. No floats anywhere near a price."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NewType

Dong = NewType("Dong", int)

VAT_RATES: tuple[int, ...] = (0, 5, 8, 10)
"""VAT rates (percent) that Vietnamese retail uses."""

_DIGITS_ONLY = re.compile(r"^[+-]?\d+$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,\s]\d{3})+$")


def format_vnd(amount: int, symbol: bool = True) -> str:
    """``125000`` → ``"125.000 ₫"``: dots between thousands, the đồng sign after a space."""
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}{grouped} ₫" if symbol else f"{sign}{grouped}"


def parse_vnd(text: str) -> Dong:
    """Read an amount as people type it: ``125000``, ``125.000``, ``125,000``, ``125.000 ₫``.

    Raises ValueError for anything that is not a whole number of đồng (``12.5``, ``abc``).
    """
    cleaned = text.strip().replace("₫", "").replace("đ", "").replace("VND", "").strip()
    cleaned = cleaned.replace("\u00a0", " ")
    if _DIGITS_ONLY.match(cleaned):
        return Dong(int(cleaned))
    if _GROUPED.match(cleaned):
        return Dong(int(re.sub(r"[.,\s]", "", cleaned)))
    raise ValueError(f"not a whole number of đồng: {text!r}")


def vat_part(gross: int, rate_percent: int) -> Dong:
    """The VAT contained in a VAT-inclusive amount, rounded half up to the đồng."""
    if rate_percent not in VAT_RATES:
        raise ValueError(f"unknown VAT rate {rate_percent}%")
    if rate_percent == 0:
        return Dong(0)
    numerator = gross * rate_percent
    denominator = 100 + rate_percent
    quotient, remainder = divmod(numerator, denominator)
    return Dong(quotient + (1 if remainder * 2 >= denominator else 0))


def allocate(amount: int, weights: Sequence[int]) -> list[int]:
    """Share ``amount`` over ``weights`` in proportion, in whole đồng that add up exactly
    (largest remainder; ties go to the earlier weight)."""
    total = sum(weights)
    if amount == 0 or total == 0:
        return [0] * len(weights)
    shares = [amount * w // total for w in weights]
    remainders = [amount * w % total for w in weights]
    left = amount - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares
