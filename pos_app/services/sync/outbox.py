"""Writing events for the city registry into the outbox, inside the caller's transaction.

The sync pump (``pos_app/sync``) sends them later and marks what the registry acknowledged.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db.database import Database
from pos_app.db.models import OutboxEvent
from pos_app.domain.ids import new_id
from pos_app.domain.utc import naive_utc


def canonical_json(data: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text kept as is: the same data gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def add_event(
    session: Session, kind: str, payload: dict[str, Any], *, at: dt.datetime | None = None
) -> str:
    """Add one pending event (UUIDv7 id) to the outbox in ``session``'s transaction."""
    event_id = new_id()
    created = naive_utc(at or dt.datetime.now(dt.UTC))
    session.add(
        OutboxEvent(
            id=event_id, kind=kind, payload=canonical_json(payload), created_at=created,
            status="pending", attempts=0, last_error="",
        )
    )
    return event_id


def pending_count(db: Database) -> int:
    with db.reader() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.status == "pending")
            )
            or 0
        )
