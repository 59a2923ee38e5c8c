"""The audit log: who did what, approved by whom — append-only and hash-chained.

Each entry's ``hash`` is ``sha256(prev_hash + canonical JSON of its fields)`` (id, time, user,
approver, action, target, detail); the first entry's ``prev_hash`` is 64 zeros. The head of the
chain (last seq and hash) is also kept in ``app_meta`` under ``audit_head``, written in the same
transaction, so deleting or adding entries at the end shows too.

:func:`verify` walks the chain and names the first entry that was edited, inserted or deleted.
This makes tampering *evident*, not impossible: someone with the file and this source can forge
a whole new chain. It catches the edits people make by hand with a SQLite browser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.db.database import Database, get_meta, set_meta
from pos_app.db.models import AuditEntry
from pos_app.domain.ids import new_id
from pos_app.services.ports import Clock, SystemClock

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _naive_utc(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at


def entry_hash(entry: AuditEntry) -> str:
    """The hash an entry should carry, from its stored fields and ``prev_hash``."""
    fields = {
        "id": entry.id,
        "at": _naive_utc(entry.at).isoformat(timespec="microseconds"),
        "user": entry.user_name,
        "approved_by": entry.approved_by,
        "action": entry.action,
        "target": entry.target,
        "detail": entry.detail,
    }
    return hashlib.sha256((entry.prev_hash + _canonical(fields)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str = ""  # "" | "edited" | "inserted" | "deleted"


class AuditLog:
    def __init__(self, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()

    def append(
        self,
        session: Session,
        *,
        action: str,
        user: str,
        approved_by: str = "",
        target: str = "",
        detail: dict[str, Any] | None = None,
    ) -> AuditEntry:
        """Add an entry inside the caller's (write) transaction and move the chain's head."""
        last = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        entry = AuditEntry(
            seq=seq,
            id=new_id(),
            at=_naive_utc(self.clock.now()),
            user_name=user,
            approved_by=approved_by,
            action=action,
            target=target,
            detail=_canonical(detail or {}),
            prev_hash=prev,
        )
        entry.hash = entry_hash(entry)
        session.add(entry)
        set_meta(session, HEAD_KEY, f"{seq}:{entry.hash}")
        return entry

    def verify(self, db: Database) -> VerifyResult:
        return verify(db)


def verify(db: Database) -> VerifyResult:
    """Walk the chain in seq order; the first problem found wins.

    - an entry whose hash does not match its own fields → ``edited``;
    - a missing seq (1, 2, 4 …), or an entry whose ``prev_hash`` names no earlier entry, or a
      head in app_meta beyond the last entry → ``deleted`` (at the first missing seq);
    - an entry whose ``prev_hash`` names an entry before its predecessor (someone slipped entries
      in between), or entries beyond the recorded head → ``inserted`` (at the first such entry).
    """
    with db.reader() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        head = get_meta(session, HEAD_KEY)
    head_seq: int | None = None
    head_hash = ""
    if head:
        head_seq_text, _, head_hash = head.partition(":")
        head_seq = int(head_seq_text) if head_seq_text.isdigit() else 0
    elif rows:
        return VerifyResult(False, len(rows), rows[0].seq, "inserted")
    seen: dict[str, int] = {}  # hash → seq of entries checked so far
    prev_hash = GENESIS
    expected_seq = 1
    for row in rows:
        if head_seq is not None and row.seq > head_seq:
            return VerifyResult(False, len(rows), row.seq, "inserted")
        if entry_hash(row) != row.hash:
            return VerifyResult(False, len(rows), row.seq, "edited")
        if row.seq != expected_seq:
            return VerifyResult(False, len(rows), expected_seq, "deleted")
        if row.prev_hash != prev_hash:
            if row.prev_hash in seen or row.prev_hash == GENESIS:
                first_inserted = seen.get(row.prev_hash, 0) + 1
                return VerifyResult(False, len(rows), first_inserted, "inserted")
            return VerifyResult(False, len(rows), row.seq, "deleted")
        seen[row.hash] = row.seq
        prev_hash = row.hash
        expected_seq += 1
    if head_seq is not None:
        last_seq = rows[-1].seq if rows else 0
        if head_seq > last_seq:
            return VerifyResult(False, len(rows), last_seq + 1, "deleted")
        if rows and head_hash != rows[-1].hash:
            return VerifyResult(False, len(rows), last_seq, "edited")
    return VerifyResult(True, len(rows))
