"""Who is at the counter: log-in at start, lock after idle, switch cashier, the shift menu.

:class:`CounterLock` attaches to the main window (``MainWindow(...)`` creates one when the
services have a users service) and drives the window's
:class:`~pos_app.ui.common.session.CounterSession`, the one every screen was given. It covers
the window with the :class:`LockScreen` until someone logs in; then it sets the session's actor
(the screens read it from there) and shows the name in the header. Any key, click or touch
restarts the idle timer (setting ``idle_lock_minutes``; 0 = never); when it runs out, or on
"Switch cashier" (button in the header or Ctrl+L), the lock screen comes back with the same user
preselected — at start, the person who last logged in at this till. Scans are ignored while
locked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QBoxLayout, QMenu, QMessageBox, QPushButton

from pos_app import config
from pos_app.domain.money import format_vnd
from pos_app.services.people.approval import Actor
from pos_app.services.people.users import MANAGE_USERS, can
from pos_app.ui.common.session import CounterSession
from pos_app.ui.people.lock_screen import LockScreen
from pos_app.ui.people.shift_dialogs import (
    AmountDialog,
    ShiftCloseDialog,
    XReportDialog,
    report_rows,
)
from pos_app.ui.people.users_dialog import FirstAdminDialog, UsersDialog

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.main_window import MainWindow

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
})

HEADER_BUTTON_STYLE = (
    "QPushButton { color: #1f2933; background: white; border: 1px solid #c5ced6;"
    " border-radius: 8px; padding: 8px 14px; font-size: 15px; }"
    "QPushButton:hover { background: #eef2f4; }"
)


class CounterLock(QObject):
    """The lock screen, idle lock, header buttons and shift menu of one counter window."""

    def __init__(self, window: MainWindow, services: Services, session: CounterSession) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.session = session
        self.users = services.users
        self.shifts = services.shifts
        settings = services.settings
        self.lock_screen = LockScreen(self.users, window,
                                      showroom=settings.get(config.SHOWROOM_NAME),
                                      till=settings.get(config.TILL_CODE))
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.hide()
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.configure_idle(settings.get(config.IDLE_LOCK_MINUTES))
        shortcut = QShortcut(QKeySequence("Ctrl+L"), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.lock)
        self._add_header_buttons()
        self.clock = QTimer(self)  # the lock screen's clock follows the header's
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def actor(self) -> Actor | None:
        return self.session.actor

    @property
    def changed(self) -> Any:
        """The session's ``changed(actor)`` signal."""
        return self.session.changed

    # -- header --------------------------------------------------------------------------------

    def _add_header_buttons(self) -> None:
        header = self.window.clock_label.parentWidget()
        layout = header.layout() if header is not None else None
        if not isinstance(layout, QBoxLayout):
            return
        self.shift_button = QPushButton(self.tr("Shift"), header)
        self.shift_button.setStyleSheet(HEADER_BUTTON_STYLE)
        self.shift_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.shift_button.clicked.connect(self.shift_menu)
        self.switch_button = QPushButton(self.tr("Switch cashier (Ctrl+L)"), header)
        self.switch_button.setStyleSheet(HEADER_BUTTON_STYLE)
        self.switch_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.switch_button.clicked.connect(self.lock)
        layout.insertWidget(1, self.shift_button)
        layout.insertWidget(2, self.switch_button)
        layout.insertSpacing(3, 18)

    def _tick(self) -> None:
        if self.locked:
            self.lock_screen.set_clock(self.window.clock_label.text())

    # -- locking -------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.lock_screen.isVisible()

    def configure_idle(self, minutes: int) -> None:
        self.idle_ms = max(0, minutes) * 60_000
        if self.idle_ms and self.actor is not None:
            self.idle.start(self.idle_ms)
        else:
            self.idle.stop()

    def start(self) -> None:
        """At app start: the lock screen if users exist (else the counter runs as before)."""
        if not self.users.count():
            FirstAdminDialog(self.users, self.window).exec()
        if self.users.count():
            self.lock()
        else:
            self.window.status.notify(QCoreApplication.translate(
                "People", "No users yet: create the first admin with "
                "ocop-pos-admin init --admin-name NAME --admin-pin PIN."))

    def lock(self) -> None:
        if not self.users.count():
            return
        if QApplication.activeModalWidget() is not None:
            # a payment, return or shift dialog is open: never cut it short; try again later
            if self.idle_ms:
                self.idle.start(self.idle_ms)
            return
        self.idle.stop()
        preselect = self.actor.user_id if self.actor else self.users.last_login()
        self.lock_screen.refresh(preselect=preselect)
        self.lock_screen.set_clock(self.window.clock_label.text())
        self.lock_screen.cover()
        self.lock_screen.show()
        self.lock_screen.pad.field.setFocus()

    def _unlocked(self, actor: Actor) -> None:
        self.lock_screen.hide()
        self.session.set_actor(actor)
        self.window.set_cashier(actor.name)
        if self.idle_ms:
            self.idle.start(self.idle_ms)
        self.window.sell.focus_default()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _INPUT_EVENTS and self.idle_ms and self.actor is not None \
                and not self.locked:
            self.idle.start(self.idle_ms)
        return False

    def shutdown(self) -> None:
        self.idle.stop()
        self.clock.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- shift ---------------------------------------------------------------------------------

    def shift_menu(self) -> None:
        if self.actor is None:
            return
        menu = QMenu(self.window)
        menu.setStyleSheet("QMenu { font-size: 17px; } QMenu::item { padding: 10px 28px; }")
        current = self.shifts.current()
        if current is None:
            menu.addAction(self.tr("Open the shift…"), lambda: self.amount_dialog("open"))
        else:
            menu.addAction(self.tr("Cash in…"), lambda: self.amount_dialog("in"))
            menu.addAction(self.tr("Cash out…"), lambda: self.amount_dialog("out"))
            menu.addAction(self.tr("X report"), self.x_report)
            menu.addSeparator()
            menu.addAction(self.tr("Close the shift (Z report)…"), self.close_shift)
        if can(self.actor.role, MANAGE_USERS):
            menu.addSeparator()
            menu.addAction(self.tr("Users…"), self.users_dialog)
        menu.exec(self.shift_button.mapToGlobal(self.shift_button.rect().bottomLeft()))

    def users_dialog(self) -> None:
        assert self.actor is not None
        if can(self.actor.role, MANAGE_USERS):
            UsersDialog(self.users, self.actor, self.window).exec()

    def amount_dialog(self, kind: str) -> None:
        assert self.actor is not None
        AmountDialog(self.shifts, self.actor, kind, self.window).exec()

    def x_report(self) -> None:
        assert self.actor is not None
        dialog = XReportDialog(self.shifts, self.actor, self.window)
        dialog.print_button.clicked.connect(lambda: dialog.report and self.print_rows(
            report_rows(dialog.report, showroom=self.services.settings.get(
                config.SHOWROOM_NAME))))
        dialog.exec()

    def print_rows(self, rows: list[tuple[str, str, str]]) -> str:
        """Queue a report on the receipt printer (never blocks; failures show in the status
        bar like any print job)."""
        return self.services.printing.print_document(rows)

    def close_shift(self) -> None:
        assert self.actor is not None
        dialog = ShiftCloseDialog(self.shifts, self.actor, self.window)
        if dialog.exec() and dialog.z is not None:
            z = dialog.z
            self.print_rows(report_rows(z.report, z=z, showroom=self.services.settings.get(
                config.SHOWROOM_NAME)))
            QMessageBox.information(self.window, self.tr("Shift closed"), self.tr(
                "{z} recorded. Counted {counted}, expected {expected}: {diff}.").format(
                z=z.label, counted=format_vnd(z.counted_cash),
                expected=format_vnd(z.report.cash_expected),
                diff=format_vnd(z.over_short)))


def attach(window: MainWindow, services: Services, session: CounterSession) -> CounterLock:
    """The lock screen, idle lock and shift menu for ``window``."""
    return CounterLock(window, services, session)

