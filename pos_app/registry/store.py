"""The reference registry's logic: tills and tokens, events stored once, catalog, revocations.

No HTTP here (``server.py`` wraps it) so the admin commands and tests use it directly.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pos_app.domain.utc import naive_utc
from pos_app.formats import protocol as p
from pos_app.registry.models import (
    AuditAnchor,
    Counter,
    EventConflict,
    RegCampaign,
    RegistryBase,
    RegProducer,
    RegProduct,
    RegRevocation,
    RegStockLevel,
    RegStockMovement,
    RegTransfer,
    Showroom,
    StoredEvent,
    Till,
)

CATALOG_REV = "catalog_rev"
STOCK_SEQ = "stock_seq"
TRANSFER_SEQ = "transfer_seq"


class RegistryError(Exception):
    """A refused admin or protocol request; ``code`` says why."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def engine_for(url: str) -> Engine:
    """SQLite (``sqlite:///file``) or PostgreSQL (``postgresql://…``, driven by psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


# --- cursors ------------------------------------------------------------------------------------


def encode_cursor(kind: str, value: int) -> str:
    raw = json.dumps({"v": 1, "k": kind, "n": value}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_CURSOR = 2**62
"""Largest position a cursor may name (a database BIGINT holds it)."""


def decode_cursor(kind: str, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        n = data.get("n")
        if data.get("v") != 1 or data.get("k") != kind or not isinstance(n, int) \
                or isinstance(n, bool) or not 0 <= n <= MAX_CURSOR:
            raise ValueError(cursor)
        return int(data["n"])
    except (ValueError, binascii.Error, AttributeError, UnicodeDecodeError) as exc:
        raise RegistryError("bad_cursor") from exc


# --- the store ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TillIdentity:
    id: int
    showroom: str
    code: str


@dataclass(frozen=True)
class LoadResult:
    producers_changed: int
    products_changed: int
    unchanged: int


class RegistryStore:
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

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self._sqlite:
            with self._write_lock, self._sessions() as session, session.begin():
                yield session
        else:
            with self._sessions() as session, session.begin():
                yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @staticmethod
    def _bump(session: Session, name: str, by: int = 1) -> int:
        """Move a counter by ``by`` under a row lock held to the end of the transaction;
        returns its new value (the last number of the block)."""
        value = session.execute(
            update(Counter).where(Counter.name == name).values(value=Counter.value + by)
            .returning(Counter.value)
        ).scalar_one()
        return int(value)

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
        for chunk in _chunks([ev.id for ev in request.events]):
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
                mid for chunk in _chunks([m.id for _, m in movements])
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

    # --- transfers between showrooms --------------------------------------------------------

    @staticmethod
    def _transfer_event(session: Session, till: TillIdentity, ev: p.Event,
                        transfers: list[tuple[p.Event, p.Transfer]], now: dt.datetime) -> str:
        """Read a transfer event (ValueError: refuse it as ``bad_event``); returns its flag.
        A sent transfer is queued for :meth:`_store_transfers`; a receipt is kept on the
        transfer it names, once, if that transfer was sent to the caller's showroom."""
        if ev.kind == "transfer_sent":
            transfer = p.transfer_from_event(ev.payload, till.showroom, till.code)
            transfers.append((ev, transfer))
            if session.get(Showroom, transfer.to_showroom) is None:
                return "unknown_showroom"
            return ""
        receipt = p.receipt_from_event(ev.payload, till.showroom)
        row = session.get(RegTransfer, receipt.transfer_id)
        if row is None or row.to_showroom != till.showroom \
                or row.from_showroom != receipt.from_showroom:
            return "unknown_transfer"
        sent = {line.sku: line.qty for line in p.Transfer.model_validate_json(row.data).lines}
        if sent != {line.sku: line.sent for line in receipt.lines}:
            raise ValueError("receipt lines differ from the transfer's")
        if row.received_at is not None:
            return "received_twice"  # two tills of the destination received it: review
        if row.received_at is None:
            row.received_at = now
            row.receipt = receipt.model_dump_json()
            # Renumbered, so the sender's next pull after its cursor brings the receipt.
            row.seq = RegistryStore._bump(session, TRANSFER_SEQ)
        return ""

    def _store_transfers(self, session: Session,
                         transfers: list[tuple[p.Event, p.Transfer]]) -> None:
        """Store new transfers (the first event naming a transfer id wins), numbered in order
        from their own counter."""
        taken = set(session.scalars(select(RegTransfer.id).where(
            RegTransfer.id.in_([t.id for _, t in transfers]))))
        fresh: list[tuple[p.Event, p.Transfer]] = []
        for ev, transfer in transfers:
            if transfer.id not in taken:
                taken.add(transfer.id)
                fresh.append((ev, transfer))
        if not fresh:
            return
        last = self._bump(session, TRANSFER_SEQ, len(fresh))
        first = last - len(fresh) + 1
        session.execute(insert(RegTransfer), [
            {"id": t.id, "seq": first + offset, "from_showroom": t.from_showroom,
             "to_showroom": t.to_showroom, "event_id": ev.id, "data": t.model_dump_json(),
             "received_at": None, "receipt": ""}
            for offset, (ev, t) in enumerate(fresh)])

    def transfer_page(self, till: TillIdentity, cursor: str | None,
                      limit: int) -> p.TransferPage:
        """Transfers sent TO the caller's showroom, and the receipts of transfers it sent or
        received (so its other tills see them received too), after the cursor."""
        after = decode_cursor("transfers", cursor)
        limit = max(1, min(limit, p.MAX_PAGE))
        mine = till.showroom
        with self.read() as session:
            rows = list(session.execute(
                select(RegTransfer.seq, RegTransfer.to_showroom, RegTransfer.data,
                       RegTransfer.receipt)
                .where(RegTransfer.seq > after,
                       (RegTransfer.to_showroom == mine)
                       | ((RegTransfer.from_showroom == mine)
                          & RegTransfer.received_at.is_not(None)))
                .order_by(RegTransfer.seq).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        transfers: list[p.Transfer] = []
        receipts: list[p.TransferReceipt] = []
        for _, to, data, receipt in rows:
            try:  # a row this code cannot read (an older format) never stalls the page
                if to == mine:
                    transfers.append(p.Transfer.model_validate_json(data))
                if receipt:
                    receipts.append(p.TransferReceipt.model_validate_json(receipt))
            except ValueError:
                continue
        return p.TransferPage(transfers=transfers, receipts=receipts,
                              next_cursor=encode_cursor("transfers", last), has_more=more)

    def transfers(self) -> list[dict[str, Any]]:
        """Every transfer (admin view): id, from, to, lines, sent, received."""
        with self.read() as session:
            rows = session.scalars(select(RegTransfer).order_by(RegTransfer.seq))
            return [{"id": r.id, "from": r.from_showroom, "to": r.to_showroom,
                     "transfer": json.loads(r.data),
                     "receipt": json.loads(r.receipt) if r.receipt else None} for r in rows]

    # --- "who else has it?" ---------------------------------------------------------------

    @staticmethod
    def _move_levels(session: Session, showroom: str, moves: Sequence[p.StockMovementOut],
                     now: dt.datetime) -> None:
        deltas: dict[str, int] = {}
        for move in moves:
            deltas[move.sku] = deltas.get(move.sku, 0) + move.qty
        have: set[str] = set()
        for chunk in _chunks(sorted(deltas)):
            have.update(session.scalars(select(RegStockLevel.sku).where(
                RegStockLevel.showroom_code == showroom, RegStockLevel.sku.in_(chunk))))
        for sku in sorted(have):  # a fixed order: two pushes never deadlock on these rows
            session.execute(update(RegStockLevel).where(
                RegStockLevel.showroom_code == showroom, RegStockLevel.sku == sku)
                .values(qty=RegStockLevel.qty + deltas[sku], updated_at=now))
        new = [{"showroom_code": showroom, "sku": sku, "qty": deltas[sku], "updated_at": now}
               for sku in sorted(deltas) if sku not in have]
        if new:  # a concurrent first insert fails the push, which runs again (see push)
            session.execute(insert(RegStockLevel), new)

    def _rebuild_levels(self, session: Session) -> None:
        now = naive_utc(_now())
        by_showroom: dict[str, list[p.StockMovementOut]] = {}
        for showroom, data in session.execute(
                select(RegStockMovement.showroom_code, RegStockMovement.data)):
            by_showroom.setdefault(showroom, []).append(
                p.StockMovementOut.model_validate_json(data))
        for showroom, moves in by_showroom.items():
            self._move_levels(session, showroom, moves, now)

    def stock_elsewhere(self, till: TillIdentity, sku: str) -> p.StockElsewhere:
        """The level of ``sku`` at every other showroom, as of that showroom's last push."""
        with self.read() as session:
            rows = list(session.execute(
                select(RegStockLevel.showroom_code, RegStockLevel.qty)
                .where(RegStockLevel.sku == sku, RegStockLevel.showroom_code != till.showroom)
                .order_by(RegStockLevel.showroom_code).limit(p.MAX_PAGE)))
            pushed = dict(session.execute(
                select(Till.showroom_code, func.max(Till.last_push_at))
                .where(Till.showroom_code.in_([code for code, _ in rows]))
                .group_by(Till.showroom_code)).all()) if rows else {}
        showrooms = []
        for code, qty in rows:
            at = pushed.get(code)
            showrooms.append(p.ShowroomStock(showroom=code, qty=int(qty),
                                             as_of=p.utc(at) if at is not None else None))
        return p.StockElsewhere(sku=sku, showrooms=showrooms)

    @staticmethod
    def _sku_flag(session: Session, skus: Sequence[str], cache: dict[str, str]) -> str:
        missing = [s for s in set(skus) if s not in cache]
        for chunk in _chunks(missing):
            query = select(RegProduct.sku, RegProduct.cert_status).where(RegProduct.sku.in_(chunk))
            for sku, status in session.execute(query):
                cache[sku] = status
        for sku in missing:
            cache.setdefault(sku, "")
        if any(cache[s] == "" for s in skus):
            return "unknown_sku"
        if any(cache[s] == "revoked" for s in skus):
            return "revoked_product"
        return ""

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

    # --- stock --------------------------------------------------------------------------

    def stock_page(self, till: TillIdentity, cursor: str | None, limit: int) -> p.StockPage:
        after = decode_cursor("stock", cursor)
        limit = max(1, min(limit, p.MAX_PAGE))
        with self.read() as session:
            rows = list(session.execute(
                select(RegStockMovement.seq, RegStockMovement.till_code, RegStockMovement.data)
                .where(RegStockMovement.showroom_code == till.showroom,
                       RegStockMovement.seq > after)
                .order_by(RegStockMovement.seq).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        movements = [p.StockMovementOut.model_validate_json(data)
                     for _, code, data in rows if code != till.code]
        return p.StockPage(movements=movements, next_cursor=encode_cursor("stock", last),
                           has_more=more)

    # --- catalog -------------------------------------------------------------------------

    def load_catalog(
        self, producers: Sequence[p.CatalogProducer], products: Sequence[p.CatalogProduct]
    ) -> LoadResult:
        """Upsert producers by code and products by SKU; only real changes move the rev."""
        changed_producers = changed_products = unchanged = 0
        with self.write() as session:
            for producer in producers:
                row = session.get(RegProducer, producer.code)
                data = producer.model_dump_json()
                if row is not None and row.data == data:
                    unchanged += 1
                    continue
                rev = self._bump(session, CATALOG_REV)
                if row is None:
                    session.add(RegProducer(code=producer.code, rev=rev, data=data))
                else:
                    row.data, row.rev = data, rev
                changed_producers += 1
            session.flush()
            for product in products:
                if session.get(RegProducer, product.producer_code) is None:
                    raise RegistryError("unknown_producer", f"{product.sku}: "
                                                            f"{product.producer_code}")
                row_p = session.get(RegProduct, product.sku)
                if row_p is not None and row_p.cert_status == "revoked":
                    # A revocation stands until restored, whatever a later file says.
                    product = product.model_copy(update={"cert_status": "revoked"})
                data = product.model_dump_json()
                if row_p is not None and row_p.data == data:
                    unchanged += 1
                    continue
                rev = self._bump(session, CATALOG_REV)
                if row_p is None:
                    session.add(RegProduct(
                        sku=product.sku, producer_code=product.producer_code,
                        certificate_no=product.certificate_no, cert_status=product.cert_status,
                        rev=rev, data=data))
                else:
                    row_p.producer_code = product.producer_code
                    row_p.certificate_no = product.certificate_no
                    row_p.cert_status = product.cert_status
                    row_p.rev, row_p.data = rev, data
                changed_products += 1
        return LoadResult(changed_producers, changed_products, unchanged)

    def set_revoked(self, target: str, revoked: bool, reason: str = "",
                    today: dt.date | None = None) -> list[str]:
        """Revoke (or restore) a certificate number or a SKU; returns the SKUs it touched."""
        target = target.strip()
        today = today or _now().date()
        with self.write() as session:
            rows = list(session.scalars(select(RegProduct).where(
                (RegProduct.sku == target) | (RegProduct.certificate_no == target))))
            if not rows:
                raise RegistryError("unknown_target", target)
            for row in rows:
                product = p.CatalogProduct.model_validate_json(row.data)
                if revoked:
                    status = "revoked"
                elif product.cert_expires is not None and product.cert_expires < today:
                    status = "expired"
                else:
                    status = "active"
                rev = self._bump(session, CATALOG_REV)
                row.cert_status = status
                row.data = product.model_copy(update={"cert_status": status}).model_dump_json()
                row.rev = rev
            rev = self._bump(session, CATALOG_REV)
            session.add(RegRevocation(rev=rev, target=target, revoked=revoked,
                                      at=naive_utc(_now()), reason=reason[:200]))
            return sorted(r.sku for r in rows)

    def catalog_page(self, cursor: str | None, limit: int) -> p.CatalogPage:
        after = decode_cursor("catalog", cursor)
        limit = max(1, min(limit, p.MAX_PAGE))
        with self.read() as session:
            items: list[tuple[int, str, Any]] = []
            models: tuple[tuple[Any, str], ...] = (
                (RegProducer, "producer"), (RegProduct, "product"), (RegRevocation, "revocation"),
                (RegCampaign, "campaign"))
            for model, kind in models:
                for row in session.scalars(
                        select(model).where(model.rev > after).order_by(model.rev)
                        .limit(limit + 1)):
                    items.append((row.rev, kind, row))
            items.sort(key=lambda item: item[0])
            more = len(items) > limit
            items = items[:limit]
            last = items[-1][0] if items else after
            producers: dict[str, p.CatalogProducer] = {}
            products: list[p.CatalogProduct] = []
            revocations: list[p.Revocation] = []
            campaigns: list[p.Campaign] = []
            for _, kind, row in items:
                if kind == "campaign":
                    campaigns.append(p.Campaign.model_validate_json(row.data))
                elif kind == "producer":
                    producers[row.code] = p.CatalogProducer.model_validate_json(row.data)
                elif kind == "product":
                    products.append(p.CatalogProduct.model_validate_json(row.data))
                else:
                    revocations.append(p.Revocation(target=row.target, revoked=row.revoked,
                                                    at=p.utc(row.at), reason=row.reason))
            # Every producer a product of this page names travels with it, so a page applies
            # on its own even when the producer changed later (and so sits in a later page).
            wanted = sorted({pr.producer_code for pr in products} - set(producers))
            for chunk in _chunks(wanted):
                for producer_row in session.scalars(
                        select(RegProducer).where(RegProducer.code.in_(chunk))):
                    producers[producer_row.code] = p.CatalogProducer.model_validate_json(
                        producer_row.data)
        return p.CatalogPage(
            producers=list(producers.values()), products=products, revocations=revocations,
            campaigns=campaigns, next_cursor=encode_cursor("catalog", last), has_more=more)

    def load_campaigns(self, campaigns: Sequence[p.Campaign]) -> int:
        """Upsert city campaigns by id; each real change moves the catalog rev (tills pull
        it with the catalog). Returns how many changed."""
        changed = 0
        with self.write() as session:
            for campaign in campaigns:
                row = session.get(RegCampaign, campaign.id)
                data = campaign.model_dump_json()
                if row is not None and row.data == data:
                    continue
                rev = self._bump(session, CATALOG_REV)
                if row is None:
                    session.add(RegCampaign(id=campaign.id, rev=rev, data=data))
                else:
                    row.data, row.rev = data, rev
                changed += 1
        return changed

    def load_catalog_files(self, paths: Sequence[Path]) -> LoadResult:
        """Read CSV / XLSX files in the till's formats and load them (all or nothing)."""
        from pos_app.registry.catalog_files import read_catalog

        producers, products = read_catalog(paths)
        return self.load_catalog(producers, products)


def _head_seq(head: str) -> int:
    seq, _, _ = head.partition(":")
    return int(seq) if seq.isdigit() else 0


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
