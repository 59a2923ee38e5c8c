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
import uuid
from typing import Annotated, Any, Literal

from pydantic import Field

from pos_app.formats.catalog_rows import MAX_PRICE, MAX_STORY
from pos_app.formats.protocol_core import (
    API_PREFIX,
    AUDIT_HEAD_PATTERN,
    EARLIEST,
    FLAG_REASONS,
    KNOWN_KINDS,
    LATEST,
    MAX_AMOUNT,
    MAX_ANSWER,
    MAX_AUDIT_CHECKS,
    MAX_BATCH,
    MAX_BODY,
    MAX_DEPTH,
    MAX_EVENT_BYTES,
    MAX_INT,
    MAX_PAGE,
    MAX_QTY,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    REJECT_REASONS,
    Amount,
    ErrorBody,
    Event,
    EventId,
    EventResult,
    EventStatus,
    Health,
    PushRequest,
    PushResponse,
    Qty,
    SkippedRecord,
    TillStatus,
    Timestamp,
    _Model,
    _Skipped,
    canonical_json,
    check_payload,
    content_hash,
    negative_total,
    skipped_record,
    utc,
)
from pos_app.formats.protocol_transfers import (
    MAX_TRANSFER_LINES,
    ShowroomCode,
    ShowroomStock,
    Sku,
    StockElsewhere,
    Transfer,
    TransferLine,
    TransferPage,
    TransferReceipt,
    TransferReceiptLine,
    receipt_from_event,
    transfer_from_event,
)

# Everything the protocol names, wherever it is written (pos_app.sync.protocol takes it all).
__all__ = [
    "API_PREFIX", "AUDIT_HEAD_PATTERN", "Amount", "Campaign", "CatalogPage", "CatalogProducer",
    "CatalogProduct", "CertStatusCode", "EARLIEST", "ErrorBody", "Event", "EventId", "EventResult",
    "EventStatus", "FLAG_REASONS", "GroupCode", "Health", "KNOWN_KINDS", "LATEST", "MAX_AMOUNT",
    "MAX_ANSWER", "MAX_AUDIT_CHECKS", "MAX_BATCH", "MAX_BODY", "MAX_DEPTH", "MAX_EVENT_BYTES",
    "MAX_INT", "MAX_PAGE", "MAX_QTY", "MAX_TRANSFER_LINES", "PROTOCOL_HEADER", "PROTOCOL_VERSION",
    "ProducerKindCode", "PushRequest", "PushResponse", "Qty", "REJECT_REASONS", "Revocation",
    "ShowroomCode", "ShowroomStock", "SkippedRecord", "Sku", "StockElsewhere", "StockMovementOut",
    "StockPage", "TillStatus", "Timestamp", "Transfer", "TransferLine", "TransferPage",
    "TransferReceipt", "TransferReceiptLine", "canonical_json", "check_payload", "content_hash",
    "derived_movement_id", "movements_from_event", "negative_total", "receipt_from_event",
    "skipped_record", "transfer_from_event", "utc",
]


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
