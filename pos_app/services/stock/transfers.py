"""Transfers between showrooms: send stock to another showroom, receive what was sent here.

API (plain Python; run on the DB lane from the UI)::

    svc = services.transfers                                  # TransferService

    svc.send("HN02", {"BT-0007": 3, "HD-0001": 2}, user=actor, approval=None, note="")
        -> TransferView                                        # stock leaves at once
    svc.receive(transfer_id_or_number, {"BT-0007": 2}, reason="vỡ khi vận chuyển",
                user=actor, approval=None) -> TransferView     # the rest as sent
    svc.list_transfers(direction=None | "out" | "in") -> list[TransferView]
    svc.get(transfer_id_or_number) -> TransferView

    svc.stock_elsewhere(sku) -> Elsewhere                      # "who else has it?"

Rules decided here:

- Sending is ONE write transaction: the document and its lines, one ``transfer_out`` movement
  per line (−qty, through the ledger's one writer), one outbox event ``transfer_sent``
  (``{"transfer": …, "stock_movements": […]}``, read by the registry with
  :func:`pos_app.formats.protocol.transfer_from_event`) and an audit entry. Sending more than
  is on hand is refused (``exceeds_stock``).
- A transfer pulled from the registry (``pos_app.services.sync.pull.apply_transfer_page``) is
  "in transit" here until a person receives it: ONE transaction writes the receipt (per line
  sent = received + difference, a difference needs its reason), one ``transfer_in`` movement
  per line received, one ``transfer_received`` event and an audit entry. A transfer is
  received once (``already_received``).
- Documents and receipts are append-only (triggers, migration 0007); a status is derived:
  ``in_transit`` until a receipt exists (ours, or the destination's pulled back), then
  ``received``.
- Sending and receiving need a manager (approval code ``stock_transfer``): a manager or admin
  acting themself needs none.
- "Who else has it?" asks the registry (one call, the sync client's timeouts) and keeps the answer;
  offline, the last answer is returned with ``cached=True``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.db.models import (
    Product,
    StockElsewhere,
    StockMovement,
    Transfer,
    TransferLine,
    TransferReceipt,
    TransferReceiptLine,
)
from pos_app.db.types import to_utc
from pos_app.domain.errors import CodedValueError
from pos_app.domain.ids import new_id
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.audit import AuditLog
from pos_app.services.people.approval import APPROVER_ROLES, Actor, Approval, check_approval
from pos_app.services.ports import Clock, RegistryTransport, SystemClock
from pos_app.services.stock import ledger
from pos_app.services.sync import outbox

log = logging.getLogger(__name__)

TRANSFER = "stock_transfer"
"""Approval code for sending or receiving a transfer."""
MAX_LINES = 200
MAX_QTY = 10**9
SHOWROOM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")


class TransferError(CodedValueError):
    """A refused transfer; ``code`` says why, ``info`` gives the details."""


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    sent: int
    received: int | None = None
    difference: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class TransferView:
    id: str
    number: str
    direction: str
    """``out`` (sent from here) or ``in`` (sent to here)."""
    from_showroom: str
    to_showroom: str
    sent_by: str
    sent_at: dt.datetime
    status: str
    """``in_transit`` or ``received``."""
    lines: tuple[LineView, ...]
    received_by: str = ""
    received_at: dt.datetime | None = None
    note: str = ""

    @property
    def sent_total(self) -> int:
        return sum(line.sent for line in self.lines)

    @property
    def received_total(self) -> int:
        return sum(line.received or 0 for line in self.lines)

    @property
    def difference_total(self) -> int:
        return sum(line.difference or 0 for line in self.lines)


@dataclass(frozen=True)
class ShowroomLevel:
    showroom: str
    qty: int
    as_of: dt.datetime | None


@dataclass(frozen=True)
class Elsewhere:
    sku: str
    showrooms: tuple[ShowroomLevel, ...]
    cached: bool
    """True when the registry could not be reached and this is the last answer kept."""
    fetched_at: dt.datetime | None = None
    error: str = ""


def _check_qty(qty: object) -> int:
    if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= MAX_QTY:
        raise TransferError("bad_qty", qty=qty)
    return qty


class TransferService:
    def __init__(self, db: Database, settings: Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None,
                 transport: Callable[[], RegistryTransport | None] | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)
        self._transport = transport or (lambda: None)
        """The registry as the sync service holds it now (set at enrolment)."""

    @property
    def transport(self) -> RegistryTransport | None:
        return self._transport()

    @property
    def showroom(self) -> str:
        return self.settings.get(config.SHOWROOM_CODE).strip()

    @property
    def till_code(self) -> str:
        return self.settings.get(config.TILL_CODE).strip().upper()

    def _now(self) -> dt.datetime:
        return to_utc(self.clock.now())

    @staticmethod
    def _approve(user: Actor, approval: Approval | None) -> str:
        if approval is None and user.role in APPROVER_ROLES:
            return user.name
        return check_approval([TRANSFER], user, approval)

    # --- send ------------------------------------------------------------------------------

    def send(self, to_showroom: str, lines: Mapping[str, int], *, user: Actor,
             approval: Approval | None = None, note: str = "") -> TransferView:
        """Send ``lines`` (SKU → pieces) to ``to_showroom``; the stock leaves here at once."""
        to_showroom = to_showroom.strip()
        if not self.showroom:
            raise TransferError("no_showroom")
        if not to_showroom or len(to_showroom) > 32 or set(to_showroom) - SHOWROOM_CHARS:
            raise TransferError("bad_showroom", showroom=to_showroom)
        if to_showroom == self.showroom:
            raise TransferError("same_showroom", showroom=to_showroom)
        if not lines:
            raise TransferError("empty_transfer")
        if len(lines) > MAX_LINES:
            raise TransferError("too_many_lines", lines=len(lines))
        wanted = {sku.strip(): _check_qty(qty) for sku, qty in lines.items()}
        approved_by = self._approve(user, approval)
        now = self._now()
        transfer_id = new_id()
        with self.db.transaction() as session:
            products = self._products(session, list(wanted))
            missing = sorted(set(wanted) - set(products))
            if missing:
                raise TransferError("no_such_product", sku=missing[0])
            on_hand = self._on_hand(session, [products[s] for s in wanted])
            for sku, qty in wanted.items():
                if qty > on_hand.get(products[sku], 0):
                    raise TransferError("exceeds_stock", sku=sku, qty=qty,
                                        on_hand=on_hand.get(products[sku], 0))
            number = self._number(session, now)
            session.add(Transfer(
                id=transfer_id, number=number, direction="out", from_showroom=self.showroom,
                from_till=self.till_code, to_showroom=to_showroom, sent_by=user.name,
                approved_by=approved_by, sent_at=now, note=note.strip()[:200]))
            session.flush()
            session.add_all([TransferLine(transfer_id=transfer_id, sku=sku, qty=qty)
                             for sku, qty in wanted.items()])
            moves = [ledger.movement(
                product_id=products[sku], qty=-qty, kind="transfer_out",
                till_code=self.till_code, at=now, user_name=user.name,
                reason=f"→ {to_showroom}", ref_id=transfer_id) for sku, qty in wanted.items()]
            ledger.record(session, moves)
            payload = {
                "transfer": {
                    "id": transfer_id, "number": number, "from_showroom": self.showroom,
                    "from_till": self.till_code, "to_showroom": to_showroom,
                    "sent_by": user.name[:100], "sent_at": now.isoformat(),
                    "note": note.strip()[:200],
                    "lines": [{"sku": sku, "qty": qty} for sku, qty in wanted.items()],
                },
                "stock_movements": [
                    {"id": m["id"], "sku": sku, "qty": m["qty"], "kind": "transfer_out",
                     "reason": m["reason"], "ref_id": transfer_id}
                    for sku, m in zip(wanted, moves, strict=True)],
            }
            outbox.add_event(session, "transfer_sent", payload, at=now)
            self.audit.append(session, action="transfer_send", user=user.name,
                              approved_by=approved_by, target=transfer_id, detail={
                                  "number": number, "to": to_showroom,
                                  "lines": dict(wanted)})
        return self.get(transfer_id)

    def _number(self, session: Session, now: dt.datetime) -> str:
        day = now.astimezone(hanoi_tz()).strftime("%Y%m%d")
        prefix = f"CK-{self.till_code}-{day}-"
        count = session.scalar(select(func.count()).select_from(Transfer).where(
            Transfer.number.like(f"{prefix}%")))
        return f"{prefix}{int(count or 0) + 1}"

    @staticmethod
    def _products(session: Session, skus: list[str]) -> dict[str, int]:
        return {str(s): int(i) for s, i in session.execute(
            select(Product.sku, Product.id).where(Product.sku.in_(skus)))}

    @staticmethod
    def _on_hand(session: Session, product_ids: list[int]) -> dict[int, int]:
        return {int(pid): int(qty or 0) for pid, qty in session.execute(
            select(StockMovement.product_id, func.sum(StockMovement.qty))
            .where(StockMovement.product_id.in_(product_ids))
            .group_by(StockMovement.product_id))}

    # --- receive ---------------------------------------------------------------------------

    def receive(self, doc: str, received: Mapping[str, int] | None = None, *, reason: str = "",
                reasons: Mapping[str, str] | None = None, user: Actor,
                approval: Approval | None = None) -> TransferView:
        """Confirm what arrived of a transfer sent here. ``received`` gives SKU → pieces for the
        lines that differ (lines not named arrived as sent); each difference needs a reason
        (``reasons[sku]``, else ``reason``)."""
        received = dict(received or {})
        reasons = dict(reasons or {})
        approved_by = self._approve(user, approval)
        now = self._now()
        with self.db.transaction() as session:
            row = self._find(session, doc)
            if row.direction != "in":
                raise TransferError("not_incoming", doc=doc)
            if session.get(TransferReceipt, row.id) is not None:
                raise TransferError("already_received", doc=row.number or row.id)
            sent = {line.sku: line.qty for line in session.scalars(
                select(TransferLine).where(TransferLine.transfer_id == row.id))}
            unknown = sorted(set(received) - set(sent))
            if unknown:
                raise TransferError("not_on_transfer", sku=unknown[0])
            lines = []
            for sku, qty in sent.items():
                got = received.get(sku, qty)
                if not isinstance(got, int) or isinstance(got, bool) or not 0 <= got <= MAX_QTY:
                    raise TransferError("bad_qty", sku=sku, qty=got)
                why = (reasons.get(sku) or reason).strip()[:200]
                if got != qty and not why:
                    raise TransferError("reason_required", sku=sku)
                lines.append((sku, qty, got, why if got != qty else ""))
            products = self._products(session, list(sent))
            missing = sorted({sku for sku, _, got, _ in lines if got} - set(products))
            if missing:
                raise TransferError("no_such_product", sku=missing[0])
            session.add(TransferReceipt(transfer_id=row.id, received_by=user.name,
                                        approved_by=approved_by, received_at=now))
            session.flush()
            session.add_all([TransferReceiptLine(
                transfer_id=row.id, sku=sku, sent=qty, received=got, difference=qty - got,
                reason=why) for sku, qty, got, why in lines])
            moves = {sku: ledger.movement(
                product_id=products[sku], qty=got, kind="transfer_in", till_code=self.till_code,
                at=now, user_name=user.name, reason=f"← {row.from_showroom}", ref_id=row.id)
                for sku, _qty, got, _why in lines if got}
            ledger.record(session, list(moves.values()))
            payload = {
                "receipt": {
                    "transfer_id": row.id, "from_showroom": row.from_showroom,
                    "to_showroom": row.to_showroom, "received_by": user.name[:100],
                    "received_at": now.isoformat(),
                    "lines": [{"sku": sku, "sent": qty, "received": got, "reason": why}
                              for sku, qty, got, why in lines],
                },
                "stock_movements": [
                    {"id": m["id"], "sku": sku, "qty": m["qty"], "kind": "transfer_in",
                     "reason": m["reason"], "ref_id": row.id} for sku, m in moves.items()],
            }
            outbox.add_event(session, "transfer_received", payload, at=now)
            self.audit.append(session, action="transfer_receive", user=user.name,
                              approved_by=approved_by, target=row.id, detail={
                                  "number": row.number, "from": row.from_showroom,
                                  "differences": {sku: qty - got for sku, qty, got, _ in lines
                                                  if got != qty}})
            transfer_id = row.id
        return self.get(transfer_id)

    @staticmethod
    def _find(session: Session, doc: str) -> Transfer:
        doc = doc.strip()
        row = session.get(Transfer, doc) if doc else None
        if row is None and doc:
            row = session.scalar(select(Transfer).where(Transfer.number == doc))
        if row is None:
            raise TransferError("no_such_transfer", doc=doc)
        return row

    # --- reading ---------------------------------------------------------------------------

    def get(self, doc: str) -> TransferView:
        with self.db.reader() as session:
            return self._views(session, [self._find(session, doc)])[0]

    def list_transfers(self, direction: str | None = None, *, in_transit_only: bool = False,
             limit: int = 200) -> list[TransferView]:
        """Newest first."""
        with self.db.reader() as session:
            query = select(Transfer).order_by(Transfer.sent_at.desc(), Transfer.id.desc())
            if direction is not None:
                query = query.where(Transfer.direction == direction)
            if in_transit_only:
                query = query.where(~Transfer.id.in_(select(TransferReceipt.transfer_id)))
            views = self._views(session, list(session.scalars(query.limit(limit))))
        return views

    @staticmethod
    def _views(session: Session, rows: list[Transfer]) -> list[TransferView]:
        ids = [r.id for r in rows]
        if not ids:
            return []
        lines: dict[str, list[TransferLine]] = {}
        for line in session.scalars(select(TransferLine).where(
                TransferLine.transfer_id.in_(ids)).order_by(TransferLine.id)):
            lines.setdefault(line.transfer_id, []).append(line)
        receipts = {r.transfer_id: r for r in session.scalars(
            select(TransferReceipt).where(TransferReceipt.transfer_id.in_(ids)))}
        got: dict[tuple[str, str], TransferReceiptLine] = {
            (r.transfer_id, r.sku): r for r in session.scalars(
                select(TransferReceiptLine).where(TransferReceiptLine.transfer_id.in_(ids)))}
        skus = sorted({line.sku for group in lines.values() for line in group})
        names = {str(s): str(n) for s, n in session.execute(
            select(Product.sku, Product.name_vi).where(Product.sku.in_(skus)))}
        out = []
        for row in rows:
            receipt = receipts.get(row.id)
            views = []
            for line in lines.get(row.id, []):
                r = got.get((row.id, line.sku))
                views.append(LineView(
                    sku=line.sku, name=names.get(line.sku, ""), sent=line.qty,
                    received=r.received if r else None, difference=r.difference if r else None,
                    reason=r.reason if r else ""))
            out.append(TransferView(
                id=row.id, number=row.number, direction=row.direction,
                from_showroom=row.from_showroom, to_showroom=row.to_showroom,
                sent_by=row.sent_by, sent_at=to_utc(row.sent_at),
                status="received" if receipt else "in_transit", lines=tuple(views),
                received_by=receipt.received_by if receipt else "",
                received_at=to_utc(receipt.received_at) if receipt else None, note=row.note))
        return out

    def balance(self) -> dict[str, tuple[int, int, int]]:
        """Per transfer received: (sent, received, difference); a test checks that the ledger's
        ``transfer_out`` / ``transfer_in`` rows say the same."""
        with self.db.reader() as session:
            rows = session.execute(select(
                TransferReceiptLine.transfer_id, func.sum(TransferReceiptLine.sent),
                func.sum(TransferReceiptLine.received), func.sum(TransferReceiptLine.difference),
            ).group_by(TransferReceiptLine.transfer_id))
            return {str(t): (int(s), int(r), int(d)) for t, s, r, d in rows}

    # --- "who else has it?" ----------------------------------------------------------------

    def stock_elsewhere(self, sku: str) -> Elsewhere:
        """The stock of ``sku`` at the other showrooms as of their last push: from the
        registry when it answers (kept), else the last answer kept (``cached``)."""
        sku = sku.strip()
        error = ""
        transport = self.transport
        if transport is not None and sku:
            try:
                answer = transport.stock_elsewhere(sku)
            except Exception as exc:  # the transport's coded errors
                error = str(getattr(exc, "code", "offline"))
            else:
                now = self._now()
                levels = tuple(ShowroomLevel(s.showroom, s.qty, s.as_of)
                               for s in answer.showrooms if s.showroom != self.showroom)
                with self.db.transaction() as session:
                    session.execute(delete(StockElsewhere).where(StockElsewhere.sku == sku))
                    session.add_all([StockElsewhere(
                        sku=sku, showroom=level.showroom, qty=level.qty, as_of=level.as_of,
                        fetched_at=now) for level in levels])
                return Elsewhere(sku, levels, cached=False, fetched_at=now)
        else:
            error = "not_configured"
        with self.db.reader() as session:
            rows = list(session.scalars(select(StockElsewhere).where(
                StockElsewhere.sku == sku).order_by(StockElsewhere.showroom)))
        return Elsewhere(
            sku, tuple(ShowroomLevel(r.showroom, r.qty, to_utc(r.as_of) if r.as_of else None)
                       for r in rows),
            cached=True, fetched_at=max((to_utc(r.fetched_at) for r in rows), default=None),
            error=error)
