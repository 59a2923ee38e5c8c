"""Events the city registry refused (parked, never dropped): what they are, why, and "send again".

Anyone at the counter may look; sending them again is a manager's call (a cashier gets the
manager-approval dialog, code ``sync_retry``). Reads run on the ``io`` lane, the retry on ``db``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import APPROVER_ROLES
from pos_app.ui.common.session import CounterSession
from pos_app.ui.messages.sync import reject_reason
from pos_app.ui.tasks import Lanes

if TYPE_CHECKING:
    from pos_app.services import Services

RETRY_CODE = "sync_retry"


class RejectedEventsDialog(QDialog):
    retried = Signal(int)  # how many events went back into the queue

    def __init__(self, services: Services, lanes: Lanes, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = services.sync
        self.lanes = lanes
        self.session = session
        self.events: list[tuple[str, str, str]] = []
        self.setWindowTitle(self.tr("Events refused by the registry"))
        self.setMinimumSize(900, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The registry refused these events. They are kept, not lost: fix "
                               "the cause, then send them again."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Event"), self.tr("Kind"), self.tr("Why it was refused")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_selected_button = QPushButton(self.tr("Send selected again"), self)
        self.retry_selected_button.clicked.connect(self.retry_selected)
        self.retry_all_button = QPushButton(self.tr("Send all again"), self)
        self.retry_all_button.clicked.connect(lambda: self.retry([e[0] for e in self.events]))
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        for button in (self.retry_selected_button, self.retry_all_button, close):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.load()

    def load(self) -> None:
        self.lanes.run("io", self.sync.rejected_events, on_done=self._show,
                       on_error=lambda exc: self.message.setText(
                           self.tr("The refused events could not be read ({error}).").format(
                               error=getattr(exc, "code", type(exc).__name__))))

    def _show(self, events: list[tuple[str, str, str]]) -> None:
        self.events = list(events)
        self.table.setRowCount(len(self.events))
        for row, (event_id, kind, reason) in enumerate(self.events):
            for column, text in enumerate((event_id, self.kind_name(kind),
                                           reject_reason(reason))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        has = bool(self.events)
        self.retry_selected_button.setEnabled(has)
        self.retry_all_button.setEnabled(has)
        if not has:
            self.message.setText(self.tr("No refused events."))

    def kind_name(self, kind: str) -> str:
        names = {
            "sale": self.tr("Sale"),
            "return": self.tr("Return"),
            "stock_movement": self.tr("Stock movement"),
            "z_report": self.tr("Shift close (Z report)"),
        }
        return names.get(kind, kind)

    def retry_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self.retry([self.events[row][0] for row in rows])

    def retry(self, event_ids: list[str]) -> bool:
        """Put ``event_ids`` back in the send queue (a cashier needs a manager's approval)."""
        if not event_ids:
            self.message.setText(self.tr("Pick the events to send again."))
            return False
        actor = self.session.actor
        needs_manager = actor is None or actor.role not in APPROVER_ROLES
        if needs_manager and self.session.approve(self, (RETRY_CODE,)) is None:
            self.message.setText(self.tr("Not sent again: a manager must approve."))
            return False
        self.lanes.run("db", self.sync.retry_rejected, list(event_ids), on_done=self._retried,
                       on_error=lambda exc: self.message.setText(
                           self.tr("The events could not be queued again ({error}).").format(
                               error=getattr(exc, "code", type(exc).__name__))))
        return True

    def _retried(self, n: int) -> None:
        self.message.setText(self.tr("{count} events are waiting to be sent again.").format(
            count=n))
        self.sync.notify()
        self.retried.emit(n)
        self.load()
