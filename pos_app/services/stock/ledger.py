"""The stock ledger's one writer: every stock movement enters the database through
:func:`record`, whether a sale, a return or void (checkout), a goods receipt, adjustment or
count (the stock desk) or a movement pulled from the registry (sync).

Movements are append-only; a product's level is the sum of its rows (kept in ``stock_levels``
by triggers, migration 0003). ``tests/services/test_one_home.py`` fails if another module
inserts into ``stock_movements`` directly (the demo and bench seeders are exempt).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from pos_app.db.models import StockMovement
from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id

KINDS = frozenset({"receipt", "sale", "return", "adjustment", "count", "writeoff",
                   "transfer_in", "transfer_out"})
"""Movement kinds (the table's check constraint says the same)."""


class LedgerError(CodedValueError):
    """A movement the ledger refuses; ``code`` says why (``bad_kind``, ``not_whole``)."""


def movement(
    *,
    product_id: int,
    qty: int,
    kind: str,
    till_code: str,
    at: dt.datetime,
    user_name: str = "",
    reason: str = "",
    ref_id: str = "",
    unit_cost: int | None = None,
    consignment: bool = False,
    id: str | None = None,  # noqa: A002 - the column's name
) -> dict[str, Any]:
    """One movement row, ready for :func:`record`. ``at`` is an aware time (naive = UTC);
    ``id`` defaults to a new UUIDv7 (pulled movements keep the registry's)."""
    if kind not in KINDS:
        raise LedgerError("bad_kind")
    if not isinstance(qty, int) or isinstance(qty, bool):
        raise LedgerError("not_whole")
    return dict(
        id=id or new_id(), product_id=product_id, qty=qty, kind=kind, till_code=till_code,
        user_name=user_name, reason=reason[:200], ref_id=ref_id, unit_cost=unit_cost,
        consignment=consignment, created_at=at,
    )


def record(session: Session, moves: Sequence[Mapping[str, Any]]) -> int:
    """Append ``moves`` (built by :func:`movement`) in one multi-row INSERT, inside the
    caller's transaction. Returns how many were written."""
    if not moves:
        return 0
    if any(move["kind"] not in KINDS for move in moves):
        raise LedgerError("bad_kind")
    session.execute(insert(StockMovement), list(moves))  # UTCDateTime stores the times
    return len(moves)


def reserved(session: Session, product_ids: Sequence[int]) -> dict[int, int]:
    """Stock held for channel orders not yet completed (pending orders' lines), per product.
    Not movements: a reservation ends when its order becomes a sale (a ``sale`` movement
    written by checkout through :func:`record`) or is cancelled."""
    from pos_app.db.customer_models import ChannelOrder, ChannelOrderLine

    rows = session.execute(
        select(ChannelOrderLine.product_id, func.sum(ChannelOrderLine.qty))
        .join(ChannelOrder, ChannelOrder.id == ChannelOrderLine.order_id)
        .where(ChannelOrder.status == "pending",
               ChannelOrderLine.product_id.in_(list(product_ids)))
        .group_by(ChannelOrderLine.product_id)
    ).all()
    return {int(pid): int(qty or 0) for pid, qty in rows}


def available(session: Session, product_ids: Sequence[int]) -> dict[int, int]:
    """Stock on hand minus what pending channel orders hold, per product."""
    from pos_app.db.models import StockLevel

    levels = dict(session.execute(select(StockLevel.product_id, StockLevel.qty)
                                  .where(StockLevel.product_id.in_(list(product_ids)))).all())
    held = reserved(session, product_ids)
    return {pid: int(levels.get(pid, 0)) - held.get(pid, 0) for pid in product_ids}
