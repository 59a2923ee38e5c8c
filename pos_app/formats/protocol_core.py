"""Registry protocol v1, the groundwork: limits, shared field types, events and pushes.

Import these through :mod:`pos_app.formats.protocol`, which re-exports them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic.json_schema import SkipJsonSchema

from pos_app.domain.utc import to_utc

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
