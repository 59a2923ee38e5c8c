"""Registry protocol v1: the JSON the till and the city registry exchange, as pydantic models.

Shared by the till's client (``pos_app.sync.client``) and the reference registry
(``pos_app.registry``), so both sides validate against the same schema. Everything lives under
``/api/v1``; each till authenticates with its own bearer token.

Endpoints:

* ``GET  /api/v1/health`` → :class:`Health` (with a bearer token: also which till it names;
  a wrong token → 401).
* ``POST /api/v1/events`` :class:`PushRequest` → :class:`PushResponse`: one
  :class:`EventResult` per event. The registry stores each event id once: the same id with the
  same content again is ``duplicate``; the same id with other content is ``rejected`` with reason
  ``conflict`` (kept aside and flagged, the first version is never overwritten). A sale is never
  refused for a business reason: it is accepted and flagged for review.
* ``GET  /api/v1/catalog?cursor=&limit=`` → :class:`CatalogPage` (producers, products,
  revocations changed after the opaque cursor).
* ``GET  /api/v1/stock-movements?cursor=&limit=`` → :class:`StockPage`: the stock movements
  of the OTHER tills of the caller's showroom, so the tills of one showroom converge.
* ``GET  /api/v1/transfers?cursor=&limit=`` → :class:`TransferPage`: transfers other showrooms
  sent TO the caller's showroom (``transfer_sent`` events), and the receipts of those it sent
  (``transfer_received`` events), in the order the registry stored them.
* ``GET  /api/v1/stock-levels?sku=`` → :class:`StockElsewhere`: "who else has it?" — the level
  of one SKU at every OTHER showroom, summed from the movements they pushed, as of their last push.

Errors come back as :class:`ErrorBody` with a code (``unauthorized``, ``bad_request``,
``too_many_events``, ``bad_cursor``) and the matching HTTP status.

Stock movements reach the registry inside events: :func:`movements_from_event` is the one rule
both sides use to read them out of ``sale`` / ``return`` / ``sale_voided`` / ``stock_movement``
events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from pos_app.domain.utc import to_utc
from pos_app.formats.catalog_rows import MAX_PRICE, MAX_STORY

API_PREFIX = "/api/v1"
PROTOCOL_VERSION = "v1"
MAX_BATCH = 500
"""Most events one push may carry."""
MAX_PAGE = 1000
"""Most catalog items or stock movements one page may carry."""
MAX_BODY = 8 * 1024 * 1024
"""Default limit of one request body at the registry (``serve --max-body``); a push of
:data:`MAX_BATCH` sale events is far less."""
MAX_EVENT_BYTES = 64 * 1024
"""Largest payload (canonical JSON, UTF-8) of one event."""
MAX_ANSWER = 16 * 1024 * 1024
"""Largest answer the till reads from the registry; a longer one is refused unread."""
MAX_QTY = 10**9
"""Largest absolute quantity (pieces, or grams) in one movement or line."""
MAX_AMOUNT = 10**13
"""Largest absolute amount of money (đồng) anywhere in the protocol."""
MAX_INT = 10**15
"""Largest absolute integer anywhere in an event payload."""
MAX_DEPTH = 8
"""Deepest nesting of lists and objects in an event payload."""
EARLIEST = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
"""Timestamps in the protocol lie between these."""
PROTOCOL_HEADER = "X-OCOP-Protocol"
"""Header naming the protocol version on every request and answer; a mismatch is refused."""

AUDIT_HEAD_PATTERN = r"^(|[0-9]{1,15}:[0-9a-f]{64})$"
MAX_AUDIT_CHECKS = 16

EventStatus = Literal["accepted", "duplicate", "rejected"]
REJECT_REASONS: tuple[str, ...] = ("conflict", "bad_event")
"""Why the registry may refuse an event: ``conflict`` (this id was stored with other content),
``bad_event`` (a non-sale event the registry cannot read). Sales are never refused."""

KNOWN_KINDS: tuple[str, ...] = (
    "sale", "return", "sale_voided", "stock_movement", "shift_close", "z_report",
    "transfer_sent", "transfer_received", "price_set",
)
"""Event kinds the registry knows; others are stored and flagged ``unknown_kind``."""

FLAG_REASONS: tuple[str, ...] = (
    "unknown_sku", "revoked_product", "unknown_showroom", "unreadable_sale", "unknown_kind",
    "negative_total", "unknown_transfer", "received_twice",
)
"""Why an accepted event was flagged for a person at the registry to review
(``negative_total``: a sale whose total is below zero; only a return may give money back;
``unknown_transfer``: a receipt for a transfer the registry does not hold for that showroom;
``received_twice``: a second receipt of one transfer, from another till of the destination)."""


def negative_total(kind: str, payload: dict[str, Any]) -> bool:
    """A sale (not a return) whose ``total`` is below zero."""
    total = payload.get("total")
    return kind == "sale" and isinstance(total, int | float) and not isinstance(total, bool) \
        and total < 0

_UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
EventId = Annotated[str, Field(pattern=_UUID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, allow_inf_nan=False)


utc = to_utc
"""An aware UTC datetime (a naive one is taken as UTC, as SQLite stores them)."""


def _in_range(value: dt.datetime) -> dt.datetime:
    at = utc(value)
    if not EARLIEST <= at < LATEST:
        raise ValueError("timestamp out of range")
    return at


Timestamp = Annotated[dt.datetime, AfterValidator(_in_range)]
"""An aware UTC datetime between :data:`EARLIEST` and :data:`LATEST`."""
Qty = Annotated[int, Field(ge=-MAX_QTY, le=MAX_QTY)]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


def check_payload(payload: dict[str, Any]) -> None:
    """Refuse (ValueError) a payload too big, too deep, or with a number no till writes:
    NaN / Infinity, an integer past :data:`MAX_INT`, a float past :data:`MAX_AMOUNT`."""
    if len(canonical_json(payload).encode("utf-8")) > MAX_EVENT_BYTES:
        raise ValueError("payload too large")

    def walk(value: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ValueError("payload too deep")
        if isinstance(value, dict):
            for item in value.values():
                walk(item, depth + 1)
        elif isinstance(value, list):
            for item in value:
                walk(item, depth + 1)
        elif isinstance(value, bool):
            return
        elif isinstance(value, int):
            if abs(value) > MAX_INT:
                raise ValueError("number out of range")
        elif isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_AMOUNT):
            raise ValueError("number out of range")

    walk(payload, 0)


# --- health ---------------------------------------------------------------------------------------


class Health(_Model):
    status: Literal["ok"] = "ok"
    protocol: str = PROTOCOL_VERSION
    server_time: dt.datetime
    showroom: str | None = None
    """With a valid bearer token: the showroom and till it belongs to."""
    till: str | None = None


class ErrorBody(_Model):
    code: str
    detail: str = ""


# --- events -----------------------------------------------------------------------------------


class Event(_Model):
    id: EventId
    kind: Annotated[str, Field(min_length=1, max_length=32)]
    created_at: Timestamp
    payload: dict[str, Any]

    @field_validator("payload")
    @classmethod
    def _bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        check_payload(value)
        return value

    def content_hash(self) -> str:
        """What "the same content" means: kind, creation time and payload, canonically."""
        return content_hash(self.kind, self.created_at, self.payload)


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(kind: str, created_at: dt.datetime, payload: dict[str, Any]) -> str:
    body = {
        "kind": kind,
        "created_at": utc(created_at).isoformat(timespec="microseconds"),
        "payload": payload,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


class PushRequest(_Model):
    events: Annotated[list[Event], Field(max_length=MAX_BATCH)]
    audit_head: Annotated[str, Field(max_length=100, pattern=AUDIT_HEAD_PATTERN)] = ""
    """The head of the till's audit chain (``<seq>:<sha256>``), so the registry can notice a till
    whose history was rewritten."""
    audit_history: Annotated[
        list[Annotated[str, Field(max_length=100, pattern=AUDIT_HEAD_PATTERN)]],
        Field(max_length=MAX_AUDIT_CHECKS)] = []
    """The till's chain hash (``<seq>:<sha256>``) at each sequence number the registry asked
    about in :attr:`PushResponse.audit_check`: the registry compares them with what the till
    reported before, so an edited, truncated or re-padded chain is caught even with every hash
    recomputed."""


class EventResult(_Model):
    id: str
    status: EventStatus
    reason: str = ""
    """For ``rejected``: one of :data:`REJECT_REASONS`. For ``accepted``: a flag reason
    (:data:`FLAG_REASONS`) when the event was kept for review, else empty."""


class PushResponse(_Model):
    results: list[EventResult]
    audit_check: Annotated[list[Annotated[int, Field(ge=0, le=MAX_INT)]],
                           Field(max_length=MAX_AUDIT_CHECKS)] = []
    """Sequence numbers whose chain hash the till should send in its next push."""
    audit_warning: Annotated[str, Field(max_length=100)] = ""
    """Set when the till's chain disagrees with what it reported before (``rewound:…`` or
    ``rewritten:<seq>``); the till shows it to the manager."""


class TillStatus(_Model):
    """``GET /api/v1/till``: what the registry knows about the calling till."""

    showroom: str
    till: str
    last_push_at: dt.datetime | None = None
    audit_head: str = ""
    audit_warning: str = ""


class SkippedRecord(_Model):
    """A record of a pulled page that did not fit the protocol (filled by the till's client,
    never sent): which list, its position, its key when one could be read, the first problem."""

    list: str
    index: int
    key: str = ""
    problem: str = ""


_Skipped = SkipJsonSchema[tuple[SkippedRecord, ...]]


def skipped_record(name: str, index: int, item: Any, exc: ValidationError) -> SkippedRecord:
    key = ""
    if isinstance(item, dict):
        for field in ("id", "sku", "code", "target"):
            value = item.get(field)
            if isinstance(value, str) and value:
                key = value[:64]
                break
    errors = exc.errors()
    problem = ""
    if errors:
        where = ".".join(str(part) for part in errors[0]["loc"])
        problem = f"{where}: {errors[0]['type']}"[:200]
    return SkippedRecord(list=name, index=index, key=key, problem=problem)


# --- catalog ----------------------------------------------------------------------------------

ProducerKindCode = Literal["enterprise", "cooperative", "household"]
GroupCode = Literal["food", "beverages", "herbal", "textiles", "handicrafts", "tourism"]
CertStatusCode = Literal["active", "expired", "revoked"]


class CatalogProducer(_Model):
    code: Annotated[str, Field(min_length=1, max_length=32)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: ProducerKindCode
    commune: Annotated[str, Field(max_length=100)] = ""
    district: Annotated[str, Field(max_length=100)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""


class CatalogProduct(_Model):
    sku: Annotated[str, Field(min_length=1, max_length=32)]
    barcodes: list[Annotated[str, Field(min_length=1, max_length=48)]] = []
    name_vi: Annotated[str, Field(min_length=1, max_length=200)]
    name_en: Annotated[str, Field(max_length=200)] = ""
    producer_code: Annotated[str, Field(min_length=1, max_length=32)]
    group: GroupCode
    stars: Annotated[int, Field(ge=3, le=5)]
    certificate_no: Annotated[str, Field(max_length=64)] = ""
    cert_issued: dt.date | None = None
    cert_expires: dt.date | None = None
    cert_status: CertStatusCode = "active"
    unit: Annotated[str, Field(min_length=1, max_length=20)] = "cái"
    price: Annotated[int, Field(ge=0, le=MAX_PRICE)]
    """VAT-inclusive price in đồng."""
    vat_rate: Literal[0, 5, 8, 10]
    story: Annotated[str, Field(max_length=MAX_STORY)] = ""
    trace_url: Annotated[str, Field(max_length=500)] = ""


class Revocation(_Model):
    """A certificate or a single SKU revoked (``revoked``) or restored (not ``revoked``)."""

    target: Annotated[str, Field(min_length=1, max_length=64)]
    """A certificate number or a SKU."""
    revoked: bool
    at: Timestamp
    reason: Annotated[str, Field(max_length=200)] = ""


_Code = Annotated[str, Field(min_length=1, max_length=64)]


class Campaign(_Model):
    """A city campaign's promotion (e.g. an OCOP week), sent with the catalog; the till reads it
    again with :func:`pos_app.domain.promotions.parse_promotion` (same fields)."""

    id: _Code
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: Literal["percent", "amount", "buy_x_get_y"]
    value: Annotated[int, Field(ge=0, le=MAX_PRICE)] = 0
    buy: Annotated[int, Field(ge=0, le=1000)] = 0
    get: Annotated[int, Field(ge=0, le=1000)] = 0
    starts: dt.date
    ends: dt.date
    hours: Annotated[str, Field(max_length=11)] | None = None
    skus: Annotated[list[_Code], Field(max_length=1000)] = []
    groups: Annotated[list[_Code], Field(max_length=50)] = []
    producers: Annotated[list[_Code], Field(max_length=1000)] = []
    stars: Annotated[list[Annotated[int, Field(ge=3, le=5)]], Field(max_length=3)] = []
    showrooms: Annotated[list[_Code], Field(max_length=500)] = []
    """Showroom codes taking part; empty: every showroom."""


class CatalogPage(_Model):
    producers: list[CatalogProducer] = []
    """Producers changed in this page, plus every producer a product of this page names."""
    products: list[CatalogProduct] = []
    revocations: list[Revocation] = []
    campaigns: list[Campaign] = []
    """City campaigns added or changed (issue 16)."""
    next_cursor: Annotated[str, Field(max_length=200)]
    """Pass back to get what changed after this page (also when ``has_more`` is false)."""
    has_more: bool
    skipped: _Skipped = Field(default=(), exclude=True)
    """Records the till's client left out (see :class:`SkippedRecord`); never on the wire."""


# --- stock ------------------------------------------------------------------------------------


class StockMovementOut(_Model):
    id: EventId
    sku: Annotated[str, Field(min_length=1, max_length=32)]
    qty: Qty
    """Signed change in the product's unit (pieces, or grams)."""
    kind: Literal[
        "receipt", "sale", "return", "adjustment", "count", "writeoff", "transfer_in",
        "transfer_out",
    ]
    till: Annotated[str, Field(min_length=1, max_length=8)]
    created_at: Timestamp
    reason: Annotated[str, Field(max_length=200)] = ""
    ref_id: Annotated[str, Field(max_length=36)] = ""


class StockPage(_Model):
    movements: list[StockMovementOut] = []
    next_cursor: Annotated[str, Field(max_length=200)]
    has_more: bool
    skipped: _Skipped = Field(default=(), exclude=True)
    """Records the till's client left out (see :class:`SkippedRecord`); never on the wire."""


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
    got = set()
    for move in moves:
        if not isinstance(move, dict) or move.get("kind") != "transfer_out" \
                or move.get("ref_id") != transfer.id:
            raise ValueError("transfer movements")
        got.add((move.get("sku"), move.get("qty")))
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
    got = set()
    for move in moves:
        if not isinstance(move, dict) or move.get("kind") != "transfer_in" \
                or move.get("ref_id") != receipt.transfer_id:
            raise ValueError("receipt movements")
        got.add((move.get("sku"), move.get("qty")))
    if got != expected or len(moves) != len(expected):
        raise ValueError("receipt movements do not match its lines")
    return receipt


# --- reading stock movements out of events ----------------------------------------------------

_MOVEMENT_NS = uuid.UUID("6f1c3a52-9a57-4d43-9a4e-0c2f5b8f1e27")


def derived_movement_id(event_id: str, index: int) -> str:
    """A stable id for the ``index``-th movement read out of an event that names none."""
    return str(uuid.uuid5(_MOVEMENT_NS, f"{event_id}:{index}"))


def movements_from_event(
    event_id: str, kind: str, created_at: dt.datetime, payload: dict[str, Any], till: str
) -> list[StockMovementOut]:
    """The stock movements an event stands for (raises ValueError on an unreadable payload).

    * ``sale`` / ``return``: one movement per line, id = the line id, qty = −line qty (a return's
      lines are negative, so it puts goods back);
    * ``sale_voided``: each line back on the shelf, with ids derived from the event id;
    * ``stock_movement``: ``payload["movements"]``, each with its own id, sku, qty and kind
      (goods receipts, counts, adjustments, write-offs, transfers);
    * any event may also carry an explicit ``stock_movements`` list (same shape), which wins.
    """
    try:
        return _movements(event_id, kind, created_at, payload, till)
    except (KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise ValueError(f"unreadable movement: {exc!r}") from exc


def _parse_at(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return utc(value)
    if not isinstance(value, str):
        raise ValueError("created_at")
    return utc(dt.datetime.fromisoformat(value))


def _movements(
    event_id: str, kind: str, created_at: dt.datetime, payload: dict[str, Any], till: str
) -> list[StockMovementOut]:
    explicit = payload.get("stock_movements")
    if explicit is None and kind == "stock_movement":
        explicit = payload.get("movements")
    at = utc(created_at)
    if explicit is not None:
        if not isinstance(explicit, list):
            raise ValueError("movements")
        out = []
        for item in explicit:
            if not isinstance(item, dict):
                raise ValueError("movement")
            # A till speaks only for itself: a movement names no other till, and happens when
            # its event does.
            if item.get("till") not in (None, "", till):
                raise ValueError("movement names another till")
            if item.get("created_at") not in (None, "") and _parse_at(item["created_at"]) != at:
                raise ValueError("movement outside its event's time")
            out.append(StockMovementOut.model_validate(
                {**item, "till": till, "created_at": at}))
        return out
    if kind in ("sale", "return"):
        lines = payload.get("lines")
        if not isinstance(lines, list):
            raise ValueError("lines")
        return [
            StockMovementOut(
                id=str(line["line_id"]), sku=str(line["sku"]), qty=-int(line["qty"]),
                kind="sale" if kind == "sale" else "return",
                till=till, created_at=at, ref_id=str(payload.get("sale_id") or "")[:36],
            )
            for line in lines
        ]
    if kind == "sale_voided":
        lines = payload.get("lines")
        if not isinstance(lines, list):
            raise ValueError("lines")
        return [
            StockMovementOut(
                id=derived_movement_id(event_id, index), sku=str(line["sku"]),
                qty=int(line["qty"]), kind="return", till=till, created_at=at, reason="void",
                ref_id=str(payload.get("sale_id") or "")[:36],
            )
            for index, line in enumerate(lines)
        ]
    return []
