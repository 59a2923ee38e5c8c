"""Refund arithmetic for returns: how much each returned line gives back, and by which tender.
Standard library.

- **Amount** of a returned line: its share of what was paid (line total minus its share of the
  cart discount, :func:`pos_app.domain.money.allocate`), pro rata to the quantity, rounded half
  up; the return that brings a line to fully returned gives back exactly what is left, so a sale
  returned in parts refunds exactly its total.
- **Tender**: money goes back the way it came, non-cash first — card and transfer payments of
  the original sale (in their order) up to what each paid minus what earlier returns already gave
  back to it, and cash last for the rest. A cash-only sale refunds cash.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pos_app.domain.cart import CASH, SettledPayment
from pos_app.domain.money import allocate

__all__ = ["SoldLine", "net_line_totals", "refund_amounts", "refund_tender"]


@dataclass(frozen=True)
class SoldLine:
    """A line of the original sale: its id, quantity sold and line total."""

    id: str
    qty: int
    line_total: int


def net_line_totals(lines: Sequence[SoldLine], discount: int) -> dict[str, int]:
    """Each line's total after its share of the sale's ``discount``: what it really cost."""
    shares = allocate(discount, [ln.line_total for ln in lines])
    return {ln.id: ln.line_total - s for ln, s in zip(lines, shares, strict=True)}


def refund_amounts(
    lines: Sequence[SoldLine],
    discount: int,
    quantities: Mapping[str, int],
    returned: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, int]:
    """What each returned line gives back (positive đồng).

    ``quantities``: line id → qty coming back now; ``returned``: line id → (qty, amount)
    already returned by earlier returns (positive). Quantities are checked by the caller."""
    net = net_line_totals(lines, discount)
    by_id = {ln.id: ln for ln in lines}
    done = returned or {}
    out: dict[str, int] = {}
    for line_id, qty in quantities.items():
        line = by_id[line_id]
        done_qty, done_amount = done.get(line_id, (0, 0))
        if done_qty + qty == line.qty:
            out[line_id] = net[line_id] - done_amount
        else:
            out[line_id] = (2 * net[line_id] * qty + line.qty) // (2 * line.qty)
    return out


def refund_tender(
    payments: Sequence[SettledPayment],
    amount: int,
    already: Mapping[tuple[str, str], int] | None = None,
) -> tuple[SettledPayment, ...]:
    """Split a refund of ``amount`` over the original ``payments``: card/transfer first, cash
    last. ``already``: (method, reference) → what earlier returns gave back to it (positive).
    The refunds come back negative."""
    given = dict(already or {})
    ordered = [p for p in payments if p.method != CASH] + [
        p for p in payments if p.method == CASH
    ]
    left = amount
    out: list[SettledPayment] = []
    for payment in ordered:
        if left <= 0:
            break
        key = (payment.method, payment.reference)
        room = payment.amount - given.get(key, 0)
        take = min(room, left)
        if take > 0:
            given[key] = given.get(key, 0) + take
            out.append(SettledPayment(payment.method, -take, -take, payment.reference))
            left -= take
    if left > 0:  # nothing left to match (should not happen): refund in cash
        out.append(SettledPayment(CASH, -left, -left, ""))
    return tuple(out)
