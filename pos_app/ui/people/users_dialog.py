"""Users admin (admins only): who may work the till, their role, PIN and whether they are active."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos_app.services.people.approval import Actor
from pos_app.services.people.users import ROLES, UserError, UserInfo
from pos_app.ui.common.dialogs import button_row, dialog_layout, dialog_title, error_label
from pos_app.ui.common.style import SELL_STYLE
from pos_app.ui.common.widgets import message_line
from pos_app.ui.messages import people as messages

USERS_STYLE = SELL_STYLE + """
QTableWidget { background: white; border: 1px solid #dde3e8; border-radius: 10px;
    font-size: 16px; }
QTableWidget::item { padding: 6px; }
QTableWidget::item:selected { background: #e6f2ec; color: #1f2933; }
QHeaderView::section { background: #f6f7f8; border: none; border-bottom: 1px solid #dde3e8;
    padding: 8px; font-weight: bold; color: #6b7785; }
QComboBox { font-size: 17px; padding: 8px; }
"""


class UsersDialog(QDialog):
    def __init__(self, users: Any, admin: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.admin = admin
        layout = dialog_layout(self, self.tr("Users"), USERS_STYLE, spacing=14)
        self.setMinimumSize(960, 620)
        layout.addWidget(dialog_title(self.tr("Users"), self))

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Login"), self.tr("Role"), self.tr("State")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.toggle_button = QPushButton(self.tr("Disable"), self)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.clicked.connect(self.unlock)
        self.pin_button = QPushButton(self.tr("Set the PIN below"), self)
        self.pin_button.clicked.connect(self.set_pin)
        for button in (self.toggle_button, self.unlock_button, self.pin_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        form = QFrame(self)
        form.setObjectName("Card")
        grid = QGridLayout(form)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(12)
        head = QLabel(self.tr("New user"), form)
        head.setObjectName("SectionTitle")
        grid.addWidget(head, 0, 0, 1, 4)
        self.name = QLineEdit(form)
        self.name.setPlaceholderText(self.tr("Name, e.g. Thu ngân Hoa"))
        self.login = QLineEdit(form)
        self.login.setPlaceholderText(self.tr("Login, e.g. hoa"))
        self.role = QComboBox(form)
        for role in ROLES:
            self.role.addItem(messages.role_name(role), role)
        self.pin = QLineEdit(form)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN (4–8 digits)"))
        self.add_button = QPushButton(self.tr("Add user"), form)
        self.add_button.setObjectName("Primary")
        self.add_button.clicked.connect(self.add)
        grid.addWidget(self.name, 1, 0)
        grid.addWidget(self.login, 1, 1)
        grid.addWidget(self.role, 1, 2)
        grid.addWidget(self.pin, 1, 3)
        grid.addWidget(self.add_button, 1, 4)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(form)

        self.message = message_line(self)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(self.tr("Close (Esc)"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.rows: list[UserInfo] = []
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        self.rows = self.users.users()
        self.table.setRowCount(len(self.rows))
        for index, user in enumerate(self.rows):
            state = self.tr("Active") if user.active else self.tr("Disabled")
            if user.locked_until is not None:
                state = self.tr("Locked")
            for col, text in enumerate((user.name, user.login, messages.role_name(user.role),
                                        state)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(index, col, item)
            if user.id == select_id:
                self.table.selectRow(index)
        self._selection()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _selection(self) -> None:
        user = self.selected()
        for button in (self.toggle_button, self.unlock_button, self.pin_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.toggle_button.setText(self.tr("Disable") if user.active else self.tr("Enable"))
            self.unlock_button.setEnabled(user.locked_until is not None)

    def say(self, text: str, kind: str = "ok") -> None:
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.show()

    def _do(self, change: Any, done: str) -> bool:
        try:
            user = change()
        except UserError as exc:
            self.say(messages.user_error(exc.code, exc.info), "error")
            return False
        self.refresh(select_id=user.id)
        self.say(done.format(name=user.name))
        return True

    def add(self) -> None:
        if self._do(lambda: self.users.create(
                login=self.login.text(), name=self.name.text(), role=self.role.currentData(),
                secret=self.pin.text(), by=self.admin), self.tr("{name} can now log in.")):
            for field in (self.name, self.login, self.pin):
                field.clear()

    def toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: self.users.set_active(user.id, not user.active, by=self.admin),
                     self.tr("{name}: saved."))

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: self.users.unlock(user.id, by=self.admin), self.tr("{name}: saved."))

    def set_pin(self) -> None:
        user = self.selected()
        if user is not None and self._do(
                lambda: self.users.set_secret(user.id, self.pin.text(), by=self.admin),
                self.tr("{name}: new PIN saved.")):
            self.pin.clear()


class FirstAdminDialog(QDialog):
    """First run: no users exist yet. The person setting up the till becomes its first admin."""

    def __init__(self, users: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.created: UserInfo | None = None
        layout = dialog_layout(self, self.tr("First start"), USERS_STYLE, spacing=12)
        self.setMinimumWidth(560)
        layout.addWidget(dialog_title(self.tr("Welcome: create the first admin"), self))
        intro = QLabel(self.tr("This till has no users yet. The admin adds cashiers and "
                               "managers afterwards (Shift → Users)."), self)
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("Your name"))
        self.login = QLineEdit(self)
        self.login.setPlaceholderText(self.tr("Login, e.g. admin"))
        self.login.setText("admin")
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN (4–8 digits)"))
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setPlaceholderText(self.tr("The same PIN again"))
        for field in (self.name, self.login, self.pin, self.again):
            layout.addWidget(field)
        self.error = error_label(self)
        layout.addWidget(self.error)
        row, ok = button_row(self, self.tr("Create admin"), self.tr("Later"))
        assert ok is not None
        self.ok = ok
        self.ok.clicked.connect(self.create_admin)
        layout.addLayout(row)
        self.name.setFocus()

    def create_admin(self) -> None:
        if self.pin.text() != self.again.text():
            self.error.setText(self.tr("The two PINs differ."))
            self.error.show()
            return
        try:
            self.created = self.users.create(login=self.login.text(), name=self.name.text(),
                                             role="admin", secret=self.pin.text())
        except UserError as exc:
            self.error.setText(messages.user_error(exc.code, exc.info))
            self.error.show()
            return
        self.accept()
