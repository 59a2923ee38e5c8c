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
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db.database import Database, get_meta, set_meta
from pos_app.db.models import AuditEntry
from pos_app.domain.ids import new_id
from pos_app.domain.utc import naive_utc
from pos_app.services.ports import Clock, SystemClock

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _EntryFields(Protocol):
    id: str
    at: dt.datetime
    user_name: str
    approved_by: str
    action: str
    target: str
    detail: str
    prev_hash: str


def entry_hash(entry: _EntryFields) -> str:
    """The hash an entry should carry, from its stored fields and ``prev_hash``."""
    fields = {
        "id": entry.id,
        "at": naive_utc(entry.at).isoformat(timespec="microseconds"),
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
            at=naive_utc(self.clock.now()),
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
        head = get_meta(session, HEAD_KEY)
        total = int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)
        head_seq: int | None = None
        head_hash = ""
        if head:
            head_seq_text, _, head_hash = head.partition(":")
            head_seq = int(head_seq_text) if head_seq_text.isdigit() else 0
        elif total:
            return VerifyResult(False, total, 1, "inserted")
        rows = session.execute(
            select(
                AuditEntry.seq, AuditEntry.id, AuditEntry.at, AuditEntry.user_name,
                AuditEntry.approved_by, AuditEntry.action, AuditEntry.target, AuditEntry.detail,
                AuditEntry.prev_hash, AuditEntry.hash,
            ).order_by(AuditEntry.seq).execution_options(yield_per=2000)
        )
        prev_hash = GENESIS
        broken: tuple[int, str] | None = None  # (seq, prev_hash) of the first unlinked entry
        expected_seq = 1
        last_seq = 0
        last_hash = ""
        for row in rows:
            if head_seq is not None and row.seq > head_seq:
                return VerifyResult(False, total, row.seq, "inserted")
            if entry_hash(row) != row.hash:
                return VerifyResult(False, total, row.seq, "edited")
            if row.seq != expected_seq:
                return VerifyResult(False, total, expected_seq, "deleted")
            if row.prev_hash != prev_hash:
                broken = (row.seq, row.prev_hash)
                break
            prev_hash = last_hash = row.hash
            last_seq = row.seq
            expected_seq += 1
        rows.close()
        if broken is not None:
            # Linked to an earlier entry: the ones after it were slipped in. Linked to nothing
            # we hold: the entry it named is gone.
            seq, named = broken
            earlier = 0 if named == GENESIS else session.scalar(
                select(AuditEntry.seq).where(AuditEntry.hash == named, AuditEntry.seq < seq)
            )
            if earlier is None:
                return VerifyResult(False, total, seq, "deleted")
            return VerifyResult(False, total, earlier + 1, "inserted")
    if head_seq is not None:
        if head_seq > last_seq:
            return VerifyResult(False, total, last_seq + 1, "deleted")
        if last_seq and head_hash != last_hash:
            return VerifyResult(False, total, last_seq, "edited")
    return VerifyResult(True, total)
