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
import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

API_PREFIX = "/api/v1"
PROTOCOL_VERSION = "v1"
MAX_BATCH = 500
"""Most events one push may carry."""
MAX_PAGE = 1000
"""Most catalog items or stock movements one page may carry."""

EventStatus = Literal["accepted", "duplicate", "rejected"]
REJECT_REASONS: tuple[str, ...] = ("conflict", "bad_event")
"""Why the registry may refuse an event: ``conflict`` (this id was stored with other content),
``bad_event`` (a non-sale event the registry cannot read). Sales are never refused."""

KNOWN_KINDS: tuple[str, ...] = (
    "sale", "return", "sale_voided", "stock_movement", "shift_close", "z_report",
)
"""Event kinds the registry knows; others are stored and flagged ``unknown_kind``."""

FLAG_REASONS: tuple[str, ...] = (
    "unknown_sku", "revoked_product", "unknown_showroom", "unreadable_sale", "unknown_kind",
)
"""Why an accepted event was flagged for a person at the registry to review."""

_UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
EventId = Annotated[str, Field(pattern=_UUID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def utc(at: dt.datetime) -> dt.datetime:
    """An aware UTC datetime (a naive one is taken as UTC, as SQLite stores them)."""
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


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
    created_at: dt.datetime
    payload: dict[str, Any]

    @field_validator("created_at")
    @classmethod
    def _to_utc(cls, value: dt.datetime) -> dt.datetime:
        return utc(value)

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
    audit_head: Annotated[str, Field(max_length=100)] = ""
    """The head of the till's audit chain (``<seq>:<sha256>``), so the registry can notice a till
    whose history was rewritten."""


class EventResult(_Model):
    id: str
    status: EventStatus
    reason: str = ""
    """For ``rejected``: one of :data:`REJECT_REASONS`. For ``accepted``: a flag reason
    (:data:`FLAG_REASONS`) when the event was kept for review, else empty."""


class PushResponse(_Model):
    results: list[EventResult]


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
    price: Annotated[int, Field(ge=0)]
    """VAT-inclusive price in đồng."""
    vat_rate: Literal[0, 5, 8, 10]
    story: str = ""
    trace_url: Annotated[str, Field(max_length=500)] = ""


class Revocation(_Model):
    """A certificate or a single SKU revoked (``revoked``) or restored (not ``revoked``)."""

    target: Annotated[str, Field(min_length=1, max_length=64)]
    """A certificate number or a SKU."""
    revoked: bool
    at: dt.datetime
    reason: Annotated[str, Field(max_length=200)] = ""


class CatalogPage(_Model):
    producers: list[CatalogProducer] = []
    """Producers changed in this page, plus every producer a product of this page names."""
    products: list[CatalogProduct] = []
    revocations: list[Revocation] = []
    next_cursor: str
    """Pass back to get what changed after this page (also when ``has_more`` is false)."""
    has_more: bool


# --- stock ------------------------------------------------------------------------------------


class StockMovementOut(_Model):
    id: EventId
    sku: Annotated[str, Field(min_length=1, max_length=32)]
    qty: int
    """Signed change in the product's unit (pieces, or grams)."""
    kind: Literal[
        "receipt", "sale", "return", "adjustment", "count", "writeoff", "transfer_in",
        "transfer_out",
    ]
    till: Annotated[str, Field(min_length=1, max_length=8)]
    created_at: dt.datetime
    reason: Annotated[str, Field(max_length=200)] = ""
    ref_id: Annotated[str, Field(max_length=36)] = ""


class StockPage(_Model):
    movements: list[StockMovementOut] = []
    next_cursor: str
    has_more: bool


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
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"unreadable movement: {exc!r}") from exc


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
            out.append(StockMovementOut.model_validate(
                {"till": till, "created_at": at, **item}))
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
