"""What the counter's status bar shows, read in one short query (no Qt, no sentences).

The UI calls :func:`read_status` on a background lane every few seconds; the result is plain data
that the status bar turns into translated text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pos_app.config import PRINTER_URI, REGISTRY_URL, Settings
from pos_app.db.database import Database
from pos_app.db.models import OutboxEvent


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
