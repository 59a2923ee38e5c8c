"""VAT per rate: the one place a sale's VAT is split by rate. Standard library.

Prices are VAT-inclusive integer đồng. A sale's VAT parts are computed once, at checkout, by
:func:`vat_by_rate` over its ``(line_total, vat_rate)`` pairs and its cart ``discount``, and
stored with the sale (table ``sale_vat``). The receipt, the reports and the registry event read
the stored parts; nothing else splits VAT by rate (``tests/services/test_one_home.py`` checks).

The rule: the cart discount is shared over the lines in proportion to their totals
(:func:`pos_app.domain.money.allocate`, largest remainder, whole đồng that add up), each rate's
``gross`` is what was really paid at that rate, and its ``amount`` the VAT that gross contains,
rounded half up (:func:`pos_app.domain.money.vat_part`; a negative, refunded amount is the
mirror image). The sale's VAT total is the sum of the parts, so the parts always add up to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pos_app.domain.money import allocate, vat_part

__all__ = ["VatLine", "signed_vat_part", "vat_by_rate", "vat_total"]


@dataclass(frozen=True)
class VatLine:
    """VAT-inclusive ``gross`` sold at ``rate`` % and the VAT ``amount`` it contains."""

    rate: int
    gross: int
    amount: int

    @property
    def net(self) -> int:
        """The amount before VAT (``gross − amount``)."""
        return self.gross - self.amount


def signed_vat_part(gross: int, rate: int) -> int:
    """:func:`money.vat_part` that treats a negative (refund) amount as the mirror image."""
    return -vat_part(-gross, rate) if gross < 0 else int(vat_part(gross, rate))


def vat_by_rate(lines: Iterable[tuple[int, int]], discount: int = 0) -> tuple[VatLine, ...]:
    """VAT parts per rate for ``(line_total, vat_rate)`` pairs after a cart ``discount`` shared
    over the lines (:func:`allocate`), rates in ascending order."""
    pairs = list(lines)
    sign = -1 if sum(t for t, _ in pairs) < 0 else 1
    shares = allocate(abs(discount), [abs(t) for t, _ in pairs])
    by_rate: dict[int, int] = {}
    for (line_total, rate), share in zip(pairs, shares, strict=True):
        by_rate[rate] = by_rate.get(rate, 0) + line_total - sign * share
    return tuple(
        VatLine(rate, gross, signed_vat_part(gross, rate))
        for rate, gross in sorted(by_rate.items())
    )


def vat_total(parts: Iterable[VatLine]) -> int:
    """The sale's VAT total: the sum of its parts."""
    return sum(part.amount for part in parts)
