"""The registry store's transfers between showrooms: stored once, receipts kept, paged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos_app.formats import protocol as p
from pos_app.registry.models import (
    RegTransfer,
    Showroom,
)
from pos_app.registry.store_base import (
    TRANSFER_SEQ,
    StoreBase,
    TillIdentity,
    decode_cursor,
    encode_cursor,
)


class TransferStore(StoreBase):
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
            row.seq = StoreBase._bump(session, TRANSFER_SEQ)
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
