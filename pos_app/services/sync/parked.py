"""Pulled records the till could not apply, parked so the pull goes on without them.

One bad record never stalls a cursor: a stock movement for a SKU this till does not know yet, a
catalog row the local catalog refuses, or a record that does not fit the protocol at all is kept
here (visible in the sync status and the list of refused events, with a reason code) and the
cursor moves past it. Movements are kept whole and retried on every stock pull (the catalog pull
usually brings their product); the rest are kept as a note (what, key, reason) until a person
dismisses them or the registry sends the record again.

Stored as JSON in ``app_meta`` (no migration), at most :data:`MAX_PARKED` records, oldest dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from pos_app.db.database import get_meta, set_meta

PARKED_KEY = "sync_parked_pulls"
MAX_PARKED = 1000
PULL_REASONS: tuple[str, ...] = (
    "pulled_unknown_sku", "pulled_bad_record", "pulled_catalog_conflict", "pulled_bad_barcode",
)
"""Why a pulled record was parked (the UI / CLI words each)."""


@dataclass(frozen=True)
class ParkedRecord:
    id: str
    """``stock:<movement id>`` or ``catalog:<list>:<key or position>``: unique, and shown in the
    list of refused events beside the outbox's event ids."""
    what: str
    """``movement``, ``product``, ``producer``, ``revocation`` or the page list's name."""
    reason: str
    data: dict[str, Any] = field(default_factory=dict)
    """The movement itself (JSON), for a retry; empty otherwise."""


def load(session: Session) -> list[ParkedRecord]:
    raw = get_meta(session, PARKED_KEY)
    if not raw:
        return []
    try:
        items = json.loads(raw)
    except ValueError:
        return []
    out: list[ParkedRecord] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            data = item.get("data")
            out.append(ParkedRecord(id=item["id"], what=str(item.get("what", "")),
                                    reason=str(item.get("reason", "")),
                                    data=data if isinstance(data, dict) else {}))
    return out


def save(session: Session, records: Sequence[ParkedRecord]) -> None:
    kept = list(records)[-MAX_PARKED:]
    set_meta(session, PARKED_KEY, json.dumps([asdict(r) for r in kept], ensure_ascii=False))


def park(session: Session, records: Iterable[ParkedRecord]) -> int:
    """Add (or replace, by id) parked records; returns how many are parked now."""
    current = {r.id: r for r in load(session)}
    for record in records:
        current.pop(record.id, None)
        current[record.id] = record
    save(session, list(current.values()))
    return len(current)


def drop(session: Session, ids: Iterable[str]) -> int:
    """Forget parked records (applied, or dismissed by a person); how many went."""
    gone = set(ids)
    current = load(session)
    kept = [r for r in current if r.id not in gone]
    if len(kept) != len(current):
        save(session, kept)
    return len(current) - len(kept)
