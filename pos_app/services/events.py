"""What happened in the core, told to whoever listens: a small thread-safe publish/subscribe.

Services publish from any thread (the print worker, the sync lane, a GUI call); subscribers are
called on the publishing thread, in the order they subscribed, and one that raises is logged and
never stops the others or the publisher. The UI listens through one Qt bridge
(``pos_app.ui.events.UiEvents``), which carries every event to the GUI thread.

    events = EventBus()
    stop = events.subscribe(SyncState, lambda e: print(e.pending))
    events.publish(SyncState(configured=True, online=True, pending=0, rejected=0))
    stop()                                   # unsubscribe

The topic is the event's class: :class:`PrintJobState`, :class:`SyncState`,
:class:`CatalogChanged`, :class:`ShiftChanged`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrintJobState:
    """A print job changed state. ``receipt_no`` is empty for test pages and the drawer."""

    job_id: str
    kind: str  # receipt | reprint | bill | test | report | drawer | document
    status: str  # queued | printing | printed | failed
    error_code: str = ""
    sale_id: str | None = None
    receipt_no: str = ""


@dataclass(frozen=True)
class SyncState:
    """The registry link after a sync step, or an event queued to send."""

    configured: bool
    online: bool | None
    pending: int
    rejected: int
    last_error: str = ""
    last_success: dt.datetime | None = None
    audit_warning: str = ""
    """The registry says this till's audit chain disagrees with what it reported before."""


@dataclass(frozen=True)
class CatalogChanged:
    """Products or producers changed (``source``: "registry", "import"…)."""

    source: str
    products: int = 0


@dataclass(frozen=True)
class ShiftChanged:
    """A shift opened (``open``) or closed; ``number`` is the Z number of a close."""

    open: bool
    number: int | None = None


@dataclass(frozen=True)
class EInvoiceState:
    """The e-invoice outbox after the pump's step (``services.einvoice``): what waits, what is
    late (queued from an earlier day), what the provider refused."""

    enabled: bool
    queued: int
    sent: int
    refused: int
    late: int
    last_error: str = ""


Event = PrintJobState | SyncState | CatalogChanged | ShiftChanged | EInvoiceState
TOPICS: tuple[type[Any], ...] = (PrintJobState, SyncState, CatalogChanged, ShiftChanged,
                                 EInvoiceState)

E = TypeVar("E")


class EventBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[type[Any], list[Callable[[Any], None]]] = {}

    def subscribe(self, topic: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` with every ``topic`` event; returns the unsubscribe function."""
        if topic not in TOPICS:
            raise ValueError(f"unknown event topic {topic!r}")
        with self._lock:
            self._subscribers.setdefault(topic, []).append(handler)

        def unsubscribe() -> None:
            with self._lock:
                handlers = self._subscribers.get(topic, [])
                if handler in handlers:
                    handlers.remove(handler)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            handlers = list(self._subscribers.get(type(event), ()))
        for handler in handlers:
            try:
                handler(event)
            except Exception:
                log.exception("event subscriber failed on %s", event)

    def subscriber_count(self, topic: type[Any]) -> int:
        with self._lock:
            return len(self._subscribers.get(topic, ()))
