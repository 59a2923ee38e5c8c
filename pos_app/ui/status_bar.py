"""The counter's status bar: registry sync, events waiting to be sent, printer, passing notices.

Everything it shows comes as codes and numbers (``SyncState`` and ``PrintJobState`` events from
the core, through the one Qt bridge ``pos_app.ui.events.UiEvents``; the printer's state code from
the printing service) and is turned into translated text here. Nothing polls: one status read
at start, then the events.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from pos_app import config
from pos_app.services.events import PrintJobState, SyncState
from pos_app.services.sync.service import PullResult, PushResult, SyncStatus
from pos_app.services.sync.status import ShellStatus
from pos_app.ui.common.session import CounterSession
from pos_app.ui.einvoice_status import EInvoiceStatusLabel
from pos_app.ui.events import UiEvents
from pos_app.ui.messages import sync as sync_messages
from pos_app.ui.messages.printing import error_text
from pos_app.ui.tasks import Lanes
from pos_app.ui.theme import count, hanoi_now, set_state

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.sync_rejected import RejectedEventsDialog

log = logging.getLogger(__name__)

SYNC_STATES = ("not_configured", "connecting", "offline", "online", "syncing")
PRINTER_STATES = ("not_configured", "ready", "printing", "error")


def printer_problem(code: str) -> str:
    """A print error code in words."""
    return error_text(code)


class ShellStatusBar(QStatusBar):
    """Sync state · pending events · printer state, kept current by the core's events."""

    def __init__(self, services: Services, lanes: Lanes, session: CounterSession,
                 parent: QWidget | None = None, *, events: UiEvents | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self._session = session
        self._services = services
        self._lanes = lanes
        self._in_flight = False
        self.status: ShellStatus | None = None
        self.sync_status: SyncStatus | SyncState | None = None
        self.sync_label = self._label("syncState")
        self.pending_label = self._label("pendingEvents")
        self.printer_label = self._label("printerState")
        self.sync_button = self._button("syncNow", self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Send waiting sales to the registry now and fetch "
                                            "the catalog"))
        self.sync_button.clicked.connect(self.sync_now)
        self.rejected_button = self._button("refusedEvents", self.tr("Refused events…"))
        self.rejected_button.clicked.connect(self.open_rejected)
        self.rejected_button.hide()
        self.audit_label = self._label("auditWarning")  # the registry doubts this till's log
        self.audit_label.hide()
        for widget in (self.audit_label, self.sync_label, self.sync_button, self.pending_label,
                       self.rejected_button, self.printer_label):
            self.addPermanentWidget(widget)
        self._syncing = False
        self.last_sync_result = ""
        """The words of the last "Sync now" (also shown as a passing message)."""
        self.rejected_dialog: RejectedEventsDialog | None = None
        self.sync_state = "not_configured"
        self.printer_state = "not_configured"
        self._printer_detail = ""
        self._last_sync: dt.datetime | None = None
        self.set_sync_state("not_configured")
        self.set_printer_state("not_configured")
        self.pending_label.setText(self.tr("Waiting to send: …"))
        self._own_events = events is None
        self.events = events if events is not None else UiEvents(services.events, self)
        self.events.sync_state.connect(self._apply_sync)
        self.events.print_job.connect(self.on_print_job)
        self.insertPermanentWidget(3, EInvoiceStatusLabel(services, lanes, self.events, self))

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "status")
        return label

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setStyleSheet("QPushButton { font-size: 13px; padding: 2px 10px; "
                             "min-height: 18px; }")
        return button

    def start(self) -> None:
        self.refresh()
        self.check_printer()

    @Slot()
    def check_printer(self) -> None:
        """Ask the printing service how the printer is (may take seconds: on the io lane)."""
        self._lanes.run("io", self._services.printing.printer_status,
                        on_done=self._printer_answer,
                        on_error=lambda exc: log.warning("printer status failed: %s", exc))

    @Slot(object)
    def on_print_job(self, event: PrintJobState) -> None:
        """A print job changed state (from the bus, on the GUI thread)."""
        if event.status == "failed":
            self.set_printer_state("error", printer_problem(event.error_code)
                                   if event.error_code else "")
        elif event.status == "printing":
            self.set_printer_state("printing")
        elif event.status == "printed":
            self.set_printer_state("ready")

    def _printer_answer(self, code: str) -> None:
        if code == "not_configured":
            self.set_printer_state("not_configured")
        elif code in ("ok", "unknown"):
            self.set_printer_state("ready")
        else:
            self.set_printer_state("error", printer_problem(code))

    def stop(self) -> None:
        """Stop listening to the core's events (the window is closing)."""
        if self._own_events:
            self.events.close()

    # --- status -------------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Ask the ``io`` lane for a fresh sync status (never on the GUI thread); later changes
        come as ``SyncState`` events."""
        if self._in_flight:
            return
        self._in_flight = True
        self._lanes.run("io", self._services.sync.status, on_done=self._apply_sync,
                        on_error=self._failed)

    @Slot(object)
    def _apply_sync(self, status: SyncStatus | SyncState) -> None:
        """Registry state and the outbox counts (a read or a ``SyncState`` event)."""
        self._in_flight = False
        self.sync_status = status
        self.status = ShellStatus(
            pending_events=int(status.pending), rejected_events=int(status.rejected),
            printer_configured=bool(self._services.settings.get(config.PRINTER_URI).strip()),
            registry_configured=bool(status.configured),
        )
        self.show_pending(self.status.pending_events, self.status.rejected_events)
        self.show_audit_warning(status.audit_warning)
        if not status.configured:
            self.set_sync_state("not_configured")
        elif status.online is None:
            self.set_sync_state("connecting", status.last_success)
        else:
            self.set_sync_state("online" if status.online else "offline", status.last_success)
        if status.last_error and not status.online:
            self.sync_label.setToolTip(self.tr("Last problem: {code}").format(
                code=status.last_error))
        self._printer_from_settings(self.status)

    def _printer_from_settings(self, status: ShellStatus) -> None:
        if self.printer_state == "not_configured" and status.printer_configured:
            self.set_printer_state("ready")
        elif not status.printer_configured:
            self.set_printer_state("not_configured")

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.warning("status refresh failed: %s", exc)
        self.pending_label.setText(self.tr("Waiting to send: unknown"))
        set_state(self.pending_label, "state", "warn")

    # --- what others call ---------------------------------------------------------------------

    def show_audit_warning(self, warning: str) -> None:
        """The registry's flag that this till's audit log was changed or cut, for the manager
        (issue 13): one red line until the registry stops saying so."""
        self.audit_label.setVisible(bool(warning))
        if warning:
            self.audit_label.setText(self.tr("⚠ Audit log disputed by the registry"))
            self.audit_label.setToolTip(sync_messages.audit_warning_line(warning))
            set_state(self.audit_label, "state", "error")

    def show_pending(self, pending: int, rejected: int = 0) -> None:
        self.rejected_button.setVisible(rejected > 0)
        if rejected:
            text = self.tr("Waiting to send: {pending} · refused: {rejected}").format(
                pending=count(pending), rejected=count(rejected))
            state = "error"
        elif pending:
            text = self.tr("Waiting to send: {pending}").format(pending=count(pending))
            state = "warn" if pending > 100 else ""
        else:
            text = self.tr("Nothing waiting to send")
            state = "ok"
        self.pending_label.setText(text)
        self.pending_label.setToolTip(
            self.tr("Sales and stock changes not yet delivered to the city OCOP registry"))
        set_state(self.pending_label, "state", state)

    @Slot(str, object)
    def set_sync_state(self, code: str, last_sync: dt.datetime | None = None) -> None:
        """``not_configured`` | ``connecting`` | ``offline`` | ``online`` | ``syncing``;
        ``last_sync`` in UTC."""
        self.sync_state = code
        self._last_sync = last_sync or self._last_sync
        when = hanoi_now(self._last_sync).strftime("%H:%M %d/%m") if self._last_sync else ""
        if code == "not_configured":
            text, state = self.tr("● Not connected to the registry"), ""
        elif code == "offline":
            text = (self.tr("● Offline · last sync {when}").format(when=when) if when
                    else self.tr("● Offline · never synced"))
            state = "warn"
        elif code == "syncing":
            text, state = self.tr("● Syncing…"), "ok"
        elif code == "connecting":
            text, state = self.tr("● Connecting to the registry…"), ""
        else:
            text = (self.tr("● Online · last sync {when}").format(when=when) if when
                    else self.tr("● Online"))
            state = "ok"
        self.sync_label.setText(text)
        set_state(self.sync_label, "state", state)

    @Slot(str, str)
    def set_printer_state(self, code: str, detail: str = "") -> None:
        """``not_configured`` | ``ready`` | ``printing`` | ``error``; ``detail`` is shown as
        given (already translated, e.g. from ``pos_app.ui.messages.printing``)."""
        self.printer_state = code
        self._printer_detail = detail
        if code == "not_configured":
            text, state = self.tr("Printer: not set up"), "warn"
        elif code == "ready":
            text, state = self.tr("Printer: ready"), "ok"
        elif code == "printing":
            text, state = self.tr("Printer: printing…"), "ok"
        else:
            text = (self.tr("Printer: {problem}").format(problem=detail) if detail
                    else self.tr("Printer: error"))
            state = "error"
        self.printer_label.setText(text)
        self.printer_label.setToolTip(detail)
        set_state(self.printer_label, "state", state)

    # --- sync now and refused events -----------------------------------------------------------

    @Slot()
    def sync_now(self) -> bool:
        """Push the waiting events and pull the catalog now; the result is shown in the bar.

        Runs on the ``io`` lane: the ``sync`` lane's one thread is taken by the pump for the whole
        session, and the service's own lock keeps the two from syncing at the same time."""
        sync = self._services.sync
        if sync.transport is None:
            self._say_sync(self.tr("Not connected to a registry: an admin connects the till in "
                                   "Settings → Setup wizard."))
            return False
        if self._syncing:
            return False
        self._syncing = True
        self.sync_button.setEnabled(False)
        self.set_sync_state("syncing")
        self._lanes.run("io", sync.sync_once, on_done=self._synced, on_error=self._sync_failed)
        return True

    def _synced(self, result: PushResult | PullResult) -> None:
        from pos_app.ui.messages.sync import failed_line

        if result.error:
            text = failed_line(result.error)
        else:
            sent, remaining = ((result.sent, result.remaining) if isinstance(result, PushResult)
                               else (0, 0))
            text = self.tr("Synced: {sent} sent, {remaining} still waiting.").format(
                sent=count(sent), remaining=count(remaining))
        self._sync_finished(text)

    def _sync_failed(self, exc: BaseException) -> None:
        from pos_app.ui.messages.sync import failed_line

        log.warning("sync now failed: %s", exc)
        self._sync_finished(failed_line(str(getattr(exc, "code", "") or "internal")))

    def _sync_finished(self, text: str) -> None:
        self._syncing = False
        self.sync_button.setEnabled(True)
        self.set_sync_state("connecting")
        self._say_sync(text)
        self.refresh()

    def _say_sync(self, text: str) -> None:
        self.last_sync_result = text
        self.notify(text, 15000)

    @Slot()
    def open_rejected(self) -> RejectedEventsDialog:
        """The events the registry refused, with its reasons; a manager sends them again."""
        from pos_app.ui.sync_rejected import RejectedEventsDialog

        dialog = RejectedEventsDialog(self._services, self._lanes, self._session, self.window())
        dialog.retried.connect(lambda _n: self.refresh())
        self.rejected_dialog = dialog
        dialog.open()
        return dialog

    def notify(self, text: str, timeout_ms: int = 6000) -> None:
        """A passing message on the left of the bar."""
        self.showMessage(text, timeout_ms)
