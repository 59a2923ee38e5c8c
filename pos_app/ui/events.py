"""The one bridge from the core's event bus (``pos_app.services.events``) to Qt.

Services publish on whatever thread they run (the print worker, the sync lane); :class:`UiEvents`
carries every event to the GUI thread and emits it there as a typed signal, so a slot or a lambda
connected to it may touch widgets.

    events = UiEvents(services.events, parent=window)
    events.sync_state.connect(status_bar.show_sync)
    ...
    events.close()                    # stop listening (the window does so when it closes)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pos_app.services.events import (
    CatalogChanged,
    EInvoiceState,
    Event,
    EventBus,
    PrintJobState,
    ShiftChanged,
    SyncState,
)


class UiEvents(QObject):
    print_job = Signal(object)
    """A :class:`PrintJobState`."""
    sync_state = Signal(object)
    """A :class:`SyncState`."""
    catalog_changed = Signal(object)
    """A :class:`CatalogChanged`."""
    shift_changed = Signal(object)
    """A :class:`ShiftChanged`."""
    einvoice_state = Signal(object)
    """An :class:`EInvoiceState`."""

    _carry = Signal(object)  # any thread -> this object's (the GUI) thread

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._carry.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: list[Callable[[], None]] = [
            bus.subscribe(topic, self._carry.emit)
            for topic in (PrintJobState, SyncState, CatalogChanged, ShiftChanged, EInvoiceState)
        ]

    @Slot(object)
    def _deliver(self, event: Event) -> None:
        if isinstance(event, PrintJobState):
            self.print_job.emit(event)
        elif isinstance(event, SyncState):
            self.sync_state.emit(event)
        elif isinstance(event, CatalogChanged):
            self.catalog_changed.emit(event)
        elif isinstance(event, EInvoiceState):
            self.einvoice_state.emit(event)
        else:
            self.shift_changed.emit(event)

    def close(self) -> None:
        """Stop listening to the bus (idempotent)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
