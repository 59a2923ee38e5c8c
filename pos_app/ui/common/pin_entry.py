"""PIN entry shared by the lock screen and manager approval: a PIN field with a big touch keypad
(digits by finger or keyboard, Enter to confirm) and the person buttons to pick who types it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.users import UserInfo
from pos_app.ui.common.style import ACCENT, ACCENT_SOFT, INK, LINE, MUTED, SELL_STYLE
from pos_app.ui.messages import people as messages

PAD_STYLE = f"""
QPushButton#PadKey {{ font-size: 26px; font-weight: bold; min-height: 58px; min-width: 84px;
    border-radius: 12px; background: white; border: 1px solid {LINE}; color: {INK}; }}
QPushButton#PadKey:pressed {{ background: #e6f2ec; }}
QPushButton#PadOk {{ font-size: 20px; font-weight: bold; min-height: 58px; border-radius: 12px;
    background: {ACCENT}; color: white; border: none; }}
QPushButton#PadOk:disabled {{ background: #9bbfb0; }}
QLineEdit#PinField {{ font-size: 30px; letter-spacing: 10px; padding: 10px 14px;
    qproperty-alignment: AlignCenter; border-radius: 12px; }}
"""

PEOPLE_STYLE = SELL_STYLE + f"""
QPushButton#UserButton {{ border: 1px solid {LINE}; border-radius: 12px; background: white; }}
QPushButton#UserButton:checked {{ background: {ACCENT_SOFT}; border: 2px solid {ACCENT};
    font-weight: bold; }}
QLabel#Role {{ color: {MUTED}; font-size: 14px; }}
"""
"""The sell style plus the person buttons (lock screen, manager approval)."""


class UserButton(QPushButton):
    """A person to pick: the name large, the role small beside it; big enough for a finger."""

    def __init__(self, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setObjectName("UserButton")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(60)
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 6, 18, 6)
        self.name_label = QLabel(user.name, self)
        self.name_label.setStyleSheet("font-size: 19px; background: transparent;")
        self.role_label = QLabel(messages.role_name(user.role), self)
        self.role_label.setObjectName("Role")
        self.role_label.setStyleSheet("background: transparent;")
        row.addWidget(self.name_label, 1)
        row.addWidget(self.role_label)
        for label in (self.name_label, self.role_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(f"{user.name}, {messages.role_name(user.role)}")
        self.toggled.connect(self._bold)

    def _bold(self, checked: bool) -> None:
        weight = "bold" if checked else "normal"
        self.name_label.setStyleSheet(
            f"font-size: 19px; font-weight: {weight}; background: transparent;")


class PinPad(QWidget):
    """``submitted(pin)`` when OK or Enter is pressed with at least 4 characters."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, ok_text: str = "") -> None:
        super().__init__(parent)
        self.setStyleSheet(PAD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.field = QLineEdit(self)
        self.field.setObjectName("PinField")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(64)
        self.field.setPlaceholderText(self.tr("PIN"))
        self.field.returnPressed.connect(self.submit)
        self.field.textChanged.connect(self._changed)
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for index, digit in enumerate("123456789"):
            self._key(grid, digit, index // 3, index % 3)
        back = self._key(grid, "⌫", 3, 0)
        back.setAccessibleName(self.tr("Delete the last digit"))
        self._key(grid, "0", 3, 1)
        self.ok = QPushButton(ok_text or self.tr("OK"), self)
        self.ok.setObjectName("PadOk")
        self.ok.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.ok, 3, 2)
        layout.addLayout(grid)
        self._changed("")

    def _key(self, grid: QGridLayout, text: str, row: int, col: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("PadKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing goes on in the field
        button.clicked.connect(lambda _c=False, t=text: self.press(t))
        grid.addWidget(button, row, col)
        self.keys[text] = button
        return button

    def press(self, key: str) -> None:
        if key == "⌫":
            self.field.backspace()
        else:
            self.field.insert(key)
        self.field.setFocus()

    def _changed(self, text: str) -> None:
        self.ok.setEnabled(len(text) >= 4)

    def submit(self) -> None:
        pin = self.field.text()
        if len(pin) >= 4:
            self.submitted.emit(pin)

    def clear(self) -> None:
        self.field.clear()
        self.field.setFocus()
