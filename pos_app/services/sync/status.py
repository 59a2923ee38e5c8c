"""What the counter's status bar shows, read in one short query (no Qt, no sentences).

The UI calls :func:`read_status` on a background lane every few seconds; the result is plain data
that the status bar turns into translated text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from pos_app.config import PRINTER_URI, REGISTRY_URL, Settings
from pos_app.db.database import Database
from pos_app.db.models import OutboxEvent, Sale


@dataclass(frozen=True)
class ShellStatus:
    pending_events: int
    """Outbox events not yet acknowledged by the registry."""
    rejected_events: int
    """Events the registry refused: parked for a person to look at."""
    printer_configured: bool
    registry_configured: bool


def outbox_counts(db: Database) -> tuple[int, int]:
    """(pending, rejected) outbox events."""
    with db.reader() as session:
        rows = session.execute(
            select(OutboxEvent.status, func.count())
            .where(OutboxEvent.status.in_(("pending", "rejected")))
            .group_by(OutboxEvent.status)
        ).all()
    counts = {status: int(n) for status, n in rows}
    return counts.get("pending", 0), counts.get("rejected", 0)


def read_status(db: Database, settings: Settings) -> ShellStatus:
    pending, rejected = outbox_counts(db)
    return ShellStatus(
        pending_events=pending,
        rejected_events=rejected,
        printer_configured=bool(settings.get(PRINTER_URI).strip()),
        registry_configured=bool(settings.get(REGISTRY_URL).strip()),
    )


@dataclass(frozen=True)
class DayFigures:
    """One Hanoi day's completed sales at this till's database (voided ones left out)."""

    day: dt.date
    sales: int
    returns: int
    takings: int
    """Net đồng: sales minus refunds."""


def day_figures(db: Database, day: dt.date) -> DayFigures:
    with db.reader() as session:
        rows = session.execute(
            select(Sale.kind, func.count(), func.coalesce(func.sum(Sale.total), 0))
            .where(Sale.local_date == day, Sale.status == "completed")
            .group_by(Sale.kind)
        ).all()
    by_kind = {kind: (int(n), int(total)) for kind, n, total in rows}
    sales, sold = by_kind.get("sale", (0, 0))
    returns, refunded = by_kind.get("return", (0, 0))
    return DayFigures(day=day, sales=sales, returns=returns, takings=sold + refunded)
