"""The log-in / lock screen: pick yourself from the active users, type your PIN.

Covers the whole counter window (an overlay child of it), so nothing behind it can be touched.
``unlocked(actor)`` fires after a successful log-in; the controller in
:mod:`pos_app.ui.people.session` then hands the :class:`Actor` to the sell screen and the header.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import Actor
from pos_app.services.people.users import UserError, UserInfo
from pos_app.ui.common.dialogs import error_label, show_error
from pos_app.ui.common.pin_entry import PEOPLE_STYLE, PinPad, UserButton
from pos_app.ui.common.style import INK
from pos_app.ui.common.widgets import panel
from pos_app.ui.messages import people as messages

LOCK_STYLE = PEOPLE_STYLE + f"""
QWidget#LockScreen {{ background: #17392f; }}
QFrame#LockCard {{ background: #f6f7f8; border-radius: 18px; }}
QLabel#LockTitle {{ font-size: 30px; font-weight: bold; color: {INK}; }}
QLabel#LockBrand {{ font-size: 18px; color: #d5e4de; }}
QLabel#LockClock {{ font-size: 54px; font-weight: bold; color: white; }}
"""


class LockScreen(QWidget):
    unlocked = Signal(object)  # Actor

    def __init__(self, users: Any, parent: QWidget | None = None, *,
                 showroom: str = "", till: str = "") -> None:
        super().__init__(parent)
        self.users = users
        self.setObjectName("LockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(LOCK_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        top = QHBoxLayout()
        brand = QLabel(self.tr("OCOP POS · {showroom} · Till {till}").format(
            showroom=showroom, till=till), self)
        brand.setObjectName("LockBrand")
        top.addWidget(brand, 1)
        self.clock = QLabel(self)
        self.clock.setObjectName("LockClock")
        top.addWidget(self.clock)
        outer.addLayout(top)
        outer.addStretch(1)

        card, row = panel(self, QHBoxLayout, name="LockCard", margins=(36, 32, 36, 32),
                          spacing=36)
        card.setMaximumWidth(980)

        left = QVBoxLayout()
        left.setSpacing(10)
        title = QLabel(self.tr("Who is at the till?"), card)
        title.setObjectName("LockTitle")
        left.addWidget(title)
        hint = QLabel(self.tr("Touch your name, then type your PIN."), card)
        hint.setObjectName("Muted")
        left.addWidget(hint)
        self.user_box = QWidget(card)
        self.user_layout = QVBoxLayout(self.user_box)
        self.user_layout.setContentsMargins(0, 6, 0, 0)
        self.user_layout.setSpacing(8)
        scroll = QScrollArea(card)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.user_box)
        scroll.setStyleSheet("background: transparent;")
        left.addWidget(scroll, 1)
        row.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(10)
        self.who = QLabel(card)
        self.who.setObjectName("SectionTitle")
        right.addWidget(self.who)
        self.pad = PinPad(card, ok_text=self.tr("Log in"))
        self.pad.submitted.connect(self._login)
        right.addWidget(self.pad)
        self.error = error_label(card)
        right.addWidget(self.error)
        right.addStretch(1)
        row.addLayout(right, 1)

        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 3)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.user_buttons: dict[int, QPushButton] = {}
        self._users: list[UserInfo] = []
        self.selected: UserInfo | None = None
        if parent is not None:
            parent.installEventFilter(self)

    # -- contents ----------------------------------------------------------------------------

    def refresh(self, preselect: int | None = None) -> None:
        """Reload the active users (someone may have been added or disabled)."""
        for button in self.user_buttons.values():
            self.group.removeButton(button)
        while self.user_layout.count():
            item = self.user_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.user_buttons.clear()
        self._users = self.users.active_users()
        for user in self._users:
            button = UserButton(user, self.user_box)
            button.clicked.connect(lambda _c=False, u=user: self.select(u))
            self.group.addButton(button)
            self.user_layout.addWidget(button)
            self.user_buttons[user.id] = button
        self.user_layout.addStretch(1)
        # the person last at this till (one keypress from their PIN), else no one: starting on
        # the first name of the list would have a cashier typing their PIN into a manager's
        chosen = next((u for u in self._users if u.id == preselect), None)
        if chosen is not None:
            self.select(chosen)
        else:
            self.selected = None
            self.who.setText(self.tr("Touch your name (or ↑/↓), then type your PIN."))
            self.error.hide()
            self.pad.clear()

    def select(self, user: UserInfo) -> None:
        self.selected = user
        self.user_buttons[user.id].setChecked(True)
        self.who.setText(self.tr("PIN for {name}").format(name=user.name))
        self.error.hide()
        self.pad.clear()

    def select_next(self, step: int) -> None:
        if not self._users:
            return
        index = next((i for i, u in enumerate(self._users)
                      if self.selected and u.id == self.selected.id), None)
        if index is None:  # nobody chosen yet: ↓ picks the first name, ↑ the last
            self.select(self._users[0 if step > 0 else -1])
            return
        self.select(self._users[(index + step) % len(self._users)])

    def show_error(self, text: str) -> None:
        show_error(self.error, text)

    def set_clock(self, text: str) -> None:
        self.clock.setText(text)

    # -- behaviour ---------------------------------------------------------------------------

    def _login(self, pin: str) -> None:
        if self.selected is None:
            self.pad.clear()
            self.show_error(self.tr("Nobody is chosen: touch your name first, then type your PIN."))
            return
        try:
            actor: Actor = self.users.login(self.selected.id, pin)
        except UserError as exc:
            self.pad.clear()
            self.show_error(messages.user_error(exc.code, exc.info))
            return
        self.error.hide()
        self.pad.clear()
        self.unlocked.emit(actor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.select_next(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.cover()
        return False

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
