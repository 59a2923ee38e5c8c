"""The reference registry's logic: tills and tokens, events stored once, catalog, revocations.

No HTTP here (``server.py`` wraps it) so the admin commands and tests use it directly.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.batches import chunks
from pos_app.domain.utc import naive_utc
from pos_app.formats import protocol as p
from pos_app.registry.models import (
    AuditAnchor,
    Counter,
    EventConflict,
    RegistryBase,
    RegStockLevel,
    RegStockMovement,
    Showroom,
    StoredEvent,
    Till,
)
from pos_app.registry.store_base import (
    CATALOG_REV,
    MAX_CURSOR,
    STOCK_SEQ,
    TRANSFER_SEQ,
    LoadResult,
    RegistryError,
    StoreBase,
    TillIdentity,
    _now,
    decode_cursor,
    encode_cursor,
    engine_for,
    hash_token,
)
from pos_app.registry.store_catalog import CatalogStore
from pos_app.registry.store_levels import LevelStore
from pos_app.registry.store_transfers import TransferStore

__all__ = [
    "CATALOG_REV", "MAX_CURSOR", "STOCK_SEQ", "TRANSFER_SEQ", "LoadResult", "RegistryError",
    "RegistryStore", "StoreBase", "TillIdentity", "decode_cursor", "encode_cursor", "engine_for",
    "hash_token",
]


class RegistryStore(CatalogStore, TransferStore, LevelStore):
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = engine_for(url)
        self._sqlite = self.engine.dialect.name == "sqlite"
        # SQLite has one writer; serialise this process's write transactions instead of
        # letting them collide on "database is locked".
        self._write_lock = threading.RLock()
        RegistryBase.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self.write() as session:
            for name in (CATALOG_REV, STOCK_SEQ, TRANSFER_SEQ):
                if session.get(Counter, name) is None:
                    session.add(Counter(name=name, value=0))
            if session.scalar(select(RegStockLevel.sku).limit(1)) is None \
                    and session.scalar(select(RegStockMovement.id).limit(1)) is not None:
                self._rebuild_levels(session)  # a registry from before reg_stock_levels


    # --- showrooms and tills ------------------------------------------------------------

    def create_showroom(self, code: str, name: str) -> None:
        code, name = code.strip(), name.strip()
        if not code or not name or len(code) > 32:
            raise RegistryError("bad_showroom")
        with self.write() as session:
            if session.get(Showroom, code) is not None:
                raise RegistryError("showroom_exists", code)
            session.add(Showroom(code=code, name=name, created_at=naive_utc(_now())))

    def enroll_till(self, showroom: str, till: str) -> str:
        """Create the till (or give an existing one a new token); returns the token, once."""
        till = till.strip()
        if not till or len(till) > 8:
            raise RegistryError("bad_till")
        token = secrets.token_urlsafe(32)
        with self.write() as session:
            if session.get(Showroom, showroom) is None:
                raise RegistryError("unknown_showroom", showroom)
            row = session.scalar(
                select(Till).where(Till.showroom_code == showroom, Till.code == till))
            if row is None:
                session.add(Till(showroom_code=showroom, code=till, token_hash=hash_token(token),
                                 active=True, created_at=naive_utc(_now())))
            else:
                row.token_hash = hash_token(token)
                row.active = True
        return token

    def authenticate(self, token: str) -> TillIdentity | None:
        if not token:
            return None
        with self.read() as session:
            row = session.scalar(
                select(Till).where(Till.token_hash == hash_token(token), Till.active.is_(True)))
            return None if row is None else TillIdentity(row.id, row.showroom_code, row.code)

    # --- events ------------------------------------------------------------------------

    def push(self, till: TillIdentity, request: p.PushRequest) -> p.PushResponse:
        """Store each event once; answer per event. One transaction for the whole batch."""
        for attempt in range(3):
            try:
                with self.write() as session:
                    return self._push(session, till, request)
            except (IntegrityError, OperationalError):
                # Another request stored one of these ids (or movements) meanwhile, or
                # PostgreSQL broke a deadlock between two such requests: run again, now it
                # answers "duplicate" for those.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _push(self, session: Session, till: TillIdentity, request: p.PushRequest) -> p.PushResponse:
        now = naive_utc(_now())
        results: list[p.EventResult] = []
        movements: list[tuple[p.Event, p.StockMovementOut]] = []
        pending_ids: set[str] = set()
        known_skus: dict[str, str] = {}
        stored: dict[str, str] = {}  # event id → content hash, of this batch's ids already here
        new_events: list[dict[str, Any]] = []
        transfers: list[tuple[p.Event, p.Transfer]] = []
        for chunk in chunks([ev.id for ev in request.events]):
            query = select(StoredEvent.id, StoredEvent.content_hash).where(
                StoredEvent.id.in_(chunk))
            stored.update({event_id: digest for event_id, digest in session.execute(query)})
        for ev in request.events:
            digest = ev.content_hash()
            if ev.id in stored:
                if stored[ev.id] == digest:
                    results.append(p.EventResult(id=ev.id, status="duplicate"))
                else:
                    session.add(EventConflict(
                        event_id=ev.id, till_id=till.id, received_at=now, content_hash=digest,
                        payload=p.canonical_json(ev.payload)))
                    results.append(p.EventResult(id=ev.id, status="rejected", reason="conflict"))
                continue
            flag = ""
            try:
                found = p.movements_from_event(ev.id, ev.kind, ev.created_at, ev.payload,
                                               till.code)
            except ValueError:
                if ev.kind not in ("sale", "return", "sale_voided"):
                    results.append(p.EventResult(id=ev.id, status="rejected", reason="bad_event"))
                    continue
                found, flag = [], "unreadable_sale"
            if ev.kind not in p.KNOWN_KINDS:
                flag = flag or "unknown_kind"
            if p.negative_total(ev.kind, ev.payload):
                flag = flag or "negative_total"
            showroom = ev.payload.get("showroom")
            if isinstance(showroom, str) and showroom and showroom != till.showroom:
                flag = flag or "unknown_showroom"
            if ev.kind in ("transfer_sent", "transfer_received"):
                try:
                    transfer_flag = self._transfer_event(session, till, ev, transfers, now)
                except ValueError:
                    results.append(p.EventResult(id=ev.id, status="rejected", reason="bad_event"))
                    continue
                flag = flag or transfer_flag
            if found and not flag:
                flag = self._sku_flag(session, [m.sku for m in found], known_skus)
            new_events.append({
                "id": ev.id, "till_id": till.id, "showroom_code": till.showroom,
                "kind": ev.kind, "created_at": naive_utc(ev.created_at), "received_at": now,
                "content_hash": digest, "payload": p.canonical_json(ev.payload), "flag": flag})
            stored[ev.id] = digest
            for movement in found:
                if movement.id not in pending_ids:
                    pending_ids.add(movement.id)
                    movements.append((ev, movement))
            results.append(p.EventResult(id=ev.id, status="accepted", reason=flag))
        if new_events:  # one multi-row INSERT: the ORM's unit of work costs more than SQLite
            session.execute(insert(StoredEvent), new_events)
        if movements:
            taken = {
                mid for chunk in chunks([m.id for _, m in movements])
                for mid in session.scalars(
                    select(RegStockMovement.id).where(RegStockMovement.id.in_(chunk)))
            }
            fresh = [(ev, m) for ev, m in movements if m.id not in taken]
            if fresh:
                last = self._bump(session, STOCK_SEQ, len(fresh))
                first = last - len(fresh) + 1
                session.execute(insert(RegStockMovement), [
                    {"id": m.id, "seq": first + offset, "showroom_code": till.showroom,
                     "till_code": till.code, "event_id": ev.id, "data": m.model_dump_json()}
                    for offset, (ev, m) in enumerate(fresh)])
                self._move_levels(session, till.showroom, [m for _, m in fresh], now)
        if transfers:
            self._store_transfers(session, transfers)
        row = session.get(Till, till.id)
        check: list[int] = []
        if row is not None:
            check = self._anchor(session, row, request, now)
            row.last_push_at = now
        return p.PushResponse(results=results, audit_check=check,
                              audit_warning=row.audit_warning if row is not None else "")

    @staticmethod
    def _anchor(session: Session, row: Till, request: p.PushRequest,
                now: dt.datetime) -> list[int]:
        """Compare the till's reported chain with what it reported before; keep the new head.

        A head whose sequence number went back is ``rewound``; a hash at a sequence number the
        registry already holds that differs is ``rewritten`` — the chain was edited, or cut and
        padded again, even if every hash was recomputed. The first warning stays until someone
        at the registry clears it. Answers the sequence numbers to report next time: a sample
        of the anchors held (the newest, and a spread of older ones)."""
        reported = [h for h in (*request.audit_history, request.audit_head) if h]
        warning = ""
        if request.audit_head and _head_seq(request.audit_head) < _head_seq(row.audit_head):
            warning = f"rewound:{row.audit_head}"
        for head in reported:
            seq = _head_seq(head)
            digest = head.partition(":")[2]
            anchor = session.get(AuditAnchor, (row.id, seq))
            if anchor is None:
                session.add(AuditAnchor(till_id=row.id, seq=seq, digest=digest, reported_at=now))
                session.flush()
            elif anchor.digest != digest:
                warning = warning or f"rewritten:{seq}"
        if warning and not row.audit_warning:
            row.audit_warning = warning[:100]
        if request.audit_head:
            row.audit_head = request.audit_head
        seqs = list(session.scalars(select(AuditAnchor.seq).where(
            AuditAnchor.till_id == row.id).order_by(AuditAnchor.seq)))
        if len(seqs) <= p.MAX_AUDIT_CHECKS:
            return seqs
        step = len(seqs) / (p.MAX_AUDIT_CHECKS - 1)
        picked = {seqs[min(len(seqs) - 1, int(i * step))] for i in range(p.MAX_AUDIT_CHECKS - 1)}
        picked.add(seqs[-1])
        return sorted(picked)[: p.MAX_AUDIT_CHECKS]

    def till_status(self, till: TillIdentity) -> p.TillStatus:
        with self.read() as session:
            row = session.get(Till, till.id)
            assert row is not None
            return p.TillStatus(
                showroom=till.showroom, till=till.code, audit_head=row.audit_head,
                audit_warning=row.audit_warning,
                last_push_at=row.last_push_at.replace(tzinfo=dt.UTC) if row.last_push_at else None)

    def tills(self) -> list[dict[str, Any]]:
        """Every till: showroom, code, active, last push, audit head and pending warnings
        (the audit warning, and how many of its events are flagged for review)."""
        with self.read() as session:
            flagged = dict(session.execute(
                select(StoredEvent.till_id, func.count()).where(StoredEvent.flag != "")
                .group_by(StoredEvent.till_id)).all())
            rows = session.scalars(select(Till).order_by(Till.showroom_code, Till.code))
            return [{
                "showroom": r.showroom_code, "till": r.code, "active": r.active,
                "last_push_at": r.last_push_at.isoformat() + "Z" if r.last_push_at else None,
                "audit_head": r.audit_head, "audit_warning": r.audit_warning,
                "flagged_events": int(flagged.get(r.id, 0)),
            } for r in rows]


    def event_ids(self) -> list[str]:
        with self.read() as session:
            return list(session.scalars(select(StoredEvent.id).order_by(StoredEvent.id)))

    def event_counts(self) -> dict[str, int]:
        with self.read() as session:
            return {
                "events": len(list(session.scalars(select(StoredEvent.id)))),
                "conflicts": len(list(session.scalars(select(EventConflict.seq)))),
                "flagged": len(list(session.scalars(
                    select(StoredEvent.id).where(StoredEvent.flag != "")))),
            }

    def flags(self) -> dict[str, str]:
        with self.read() as session:
            rows = session.execute(
                select(StoredEvent.id, StoredEvent.flag).where(StoredEvent.flag != ""))
            return {event_id: flag for event_id, flag in rows}

    def till_info(self, showroom: str, till: str) -> dict[str, Any]:
        with self.read() as session:
            row = session.scalar(
                select(Till).where(Till.showroom_code == showroom, Till.code == till))
            if row is None:
                raise RegistryError("unknown_till", f"{showroom}/{till}")
            return {"audit_head": row.audit_head, "audit_warning": row.audit_warning,
                    "last_push_at": row.last_push_at}


def _head_seq(head: str) -> int:
    seq, _, _ = head.partition(":")
    return int(seq) if seq.isdigit() else 0

