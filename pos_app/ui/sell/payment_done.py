"""The payment dialog's last page: paid, the change to give in big figures, the receipt number,
the e-invoice's number and code (when e-invoicing is on) and the printing, "next customer"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _centred(text: str = "", *, name: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    if style:
        label.setStyleSheet(style)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class SuccessPage(QWidget):
    """The labels the dialog fills (:attr:`change`, :attr:`receipt`, :attr:`invoice`,
    :attr:`print_status`) and the :attr:`next_button` that closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 30, 0, 0)
        layout.setSpacing(16)
        tick = _centred("✓", style=(
            "font-size: 64px; color: white; background: #1f6f54; border-radius: 48px;"
            "min-width: 96px; max-width: 96px; min-height: 96px; max-height: 96px;"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(tick)
        row.addStretch(1)
        layout.addLayout(row)
        self.title = _centred(self.tr("Paid"), name="DialogTitle")
        layout.addWidget(self.title)
        layout.addWidget(_centred(self.tr("Change to give"), name="TotalLabel"))
        self.change = _centred(style="font-size: 64px; font-weight: bold; color: #1f6f54;")
        layout.addWidget(self.change)
        self.receipt = _centred(style="font-size: 18px;")
        layout.addWidget(self.receipt)
        self.invoice = _centred(name="Muted")
        self.invoice.hide()
        layout.addWidget(self.invoice)
        self.print_status = _centred(name="Muted")
        layout.addWidget(self.print_status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.next_button = QPushButton(self.tr("Next customer (Enter)"))
        self.next_button.setObjectName("PayButton")
        self.next_button.setMinimumWidth(320)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
