"""Registry protocol v1: transfers between showrooms (documents, receipts, pages) and
"who else has it?" levels. Import these through :mod:`pos_app.formats.protocol`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from pos_app.formats.protocol_core import (
    MAX_INT,
    MAX_PAGE,
    MAX_QTY,
    EventId,
    Timestamp,
    _Model,
    _Skipped,
)

# --- transfers between showrooms ---------------------------------------------------------------

MAX_TRANSFER_LINES = 200
"""Most lines one transfer document may carry."""
ShowroomCode = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
Sku = Annotated[str, Field(min_length=1, max_length=32)]


class TransferLine(_Model):
    sku: Sku
    qty: Annotated[int, Field(ge=1, le=MAX_QTY)]
    """Pieces (or grams) sent; always positive."""


class Transfer(_Model):
    """A transfer document as the sender wrote it: in its ``transfer_sent`` event
    (``payload["transfer"]``) and as the registry serves it to the destination's tills."""

    id: EventId
    number: Annotated[str, Field(max_length=40)] = ""
    from_showroom: ShowroomCode
    from_till: Annotated[str, Field(min_length=1, max_length=8)]
    to_showroom: ShowroomCode
    sent_by: Annotated[str, Field(max_length=100)] = ""
    sent_at: Timestamp
    note: Annotated[str, Field(max_length=200)] = ""
    lines: Annotated[list[TransferLine], Field(min_length=1, max_length=MAX_TRANSFER_LINES)]

    @field_validator("lines")
    @classmethod
    def _one_line_per_sku(cls, value: list[TransferLine]) -> list[TransferLine]:
        if len({line.sku for line in value}) != len(value):
            raise ValueError("a SKU twice in one transfer")
        return value

    @model_validator(mode="after")
    def _elsewhere(self) -> Transfer:
        if self.from_showroom == self.to_showroom:
            raise ValueError("a transfer to its own showroom")
        return self


class ShowroomStock(_Model):
    showroom: ShowroomCode
    qty: Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]
    as_of: Timestamp | None = None
    """The showroom's last push (its level is as of then)."""


class StockElsewhere(_Model):
    sku: Sku
    showrooms: Annotated[list[ShowroomStock], Field(max_length=MAX_PAGE)] = []


def _moves_of(moves: list[Any], kind: str, ref_id: str, problem: str) -> set[tuple[Any, Any]]:
    """The (sku, qty) of each movement an event carries; ValueError(``problem``) unless every
    one is a ``kind`` movement of the document ``ref_id``."""
    got = set()
    for move in moves:
        if not isinstance(move, dict) or move.get("kind") != kind \
                or move.get("ref_id") != ref_id:
            raise ValueError(problem)
        got.add((move.get("sku"), move.get("qty")))
    return got


def transfer_from_event(payload: dict[str, Any], showroom: str, till: str) -> Transfer:
    """The transfer a ``transfer_sent`` event carries (ValueError if unreadable, if it speaks
    for another showroom or till, or if its stock movements do not match its lines: one
    ``transfer_out`` of −qty per line, ``ref_id`` = the transfer)."""
    try:
        transfer = Transfer.model_validate(payload.get("transfer"))
    except ValidationError as exc:
        raise ValueError(f"unreadable transfer: {exc.error_count()} errors") from exc
    if transfer.from_showroom != showroom or transfer.from_till != till:
        raise ValueError("transfer names another sender")
    moves = payload.get("stock_movements")
    if not isinstance(moves, list) or len(moves) != len(transfer.lines):
        raise ValueError("transfer movements")
    expected = {(line.sku, -line.qty) for line in transfer.lines}
    got = _moves_of(moves, "transfer_out", transfer.id, "transfer movements")
    if got != expected:
        raise ValueError("transfer movements do not match its lines")
    return transfer


class TransferReceiptLine(_Model):
    sku: Sku
    sent: Annotated[int, Field(ge=1, le=MAX_QTY)]
    received: Annotated[int, Field(ge=0, le=MAX_QTY)]
    reason: Annotated[str, Field(max_length=200)] = ""


class TransferReceipt(_Model):
    """What the destination confirmed (``transfer_received`` event, ``payload["receipt"]``):
    per line sent = received + difference, the difference with its reason."""

    transfer_id: EventId
    from_showroom: ShowroomCode
    to_showroom: ShowroomCode
    received_by: Annotated[str, Field(max_length=100)] = ""
    received_at: Timestamp
    lines: Annotated[list[TransferReceiptLine],
                     Field(min_length=1, max_length=MAX_TRANSFER_LINES)]


class TransferPage(_Model):
    transfers: list[Transfer] = []
    """Transfers sent TO the caller's showroom."""
    receipts: list[TransferReceipt] = []
    """What the destination confirmed, for transfers the caller's showroom sent or received."""
    next_cursor: Annotated[str, Field(max_length=200)]
    has_more: bool
    skipped: _Skipped = Field(default=(), exclude=True)
    """Records the till's client left out (see :class:`SkippedRecord`); never on the wire."""


def receipt_from_event(payload: dict[str, Any], showroom: str) -> TransferReceipt:
    """The receipt a ``transfer_received`` event carries (ValueError if unreadable, if it is
    not the caller's showroom's, or if its stock movements are not one ``transfer_in`` of the
    received quantity per line received, ``ref_id`` = the transfer)."""
    try:
        receipt = TransferReceipt.model_validate(payload.get("receipt"))
    except ValidationError as exc:
        raise ValueError(f"unreadable receipt: {exc.error_count()} errors") from exc
    if receipt.to_showroom != showroom:
        raise ValueError("receipt names another showroom")
    if any(line.received != line.sent and not line.reason for line in receipt.lines):
        raise ValueError("a difference without its reason")
    moves = payload.get("stock_movements")
    if not isinstance(moves, list):
        raise ValueError("receipt movements")
    expected = {(line.sku, line.received) for line in receipt.lines if line.received}
    got = _moves_of(moves, "transfer_in", receipt.transfer_id, "receipt movements")
    if got != expected or len(moves) != len(expected):
        raise ValueError("receipt movements do not match its lines")
    return receipt
