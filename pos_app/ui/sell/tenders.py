"""The payment dialog's three tender pages: cash (field, quick tenders, live change), card (the
amount on the external terminal and its approval code) and VietQR (the code, the account, the
amount by transfer). They only lay out widgets; :class:`~pos_app.ui.sell.payment.PaymentDialog`
reads and fills them. Their strings keep the dialog's translation context."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.common.style import money
from pos_app.ui.messages import Context

QUICK_TENDERS: tuple[int, ...] = (50_000, 100_000, 200_000, 500_000)
QUICK_KEYS: tuple[str, ...] = ("F5", "F6", "F7", "F8")


PaymentDialog = Context("PaymentDialog")
"""The dialog's context: these pages were part of it, and their Vietnamese stays filed there."""


def _page(page: QWidget, layout: QBoxLayout, spacing: int) -> None:
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    page.setLayout(layout)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("SectionTitle")
    return label


class CashTender(QWidget):
    """:attr:`field` (the cash handed), :attr:`quick_buttons` (F5–F8) and the change row."""

    def __init__(self, quick_tender: Callable[[int], None]) -> None:
        super().__init__()
        layout = QVBoxLayout()
        _page(self, layout, 12)
        layout.addWidget(_title(PaymentDialog.tr("Cash received")))
        self.field = QLineEdit()
        self.field.setStyleSheet("font-size: 28px; padding: 10px 14px;")
        layout.addWidget(self.field)
        hint = QLabel(PaymentDialog.tr("Leave empty and press Enter for the exact amount."))
        hint.setObjectName("Muted")
        layout.addWidget(hint)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.quick_buttons: list[QPushButton] = []
        for index, (amount, key) in enumerate(zip(QUICK_TENDERS, QUICK_KEYS, strict=True)):
            button = QPushButton(f"{money(amount)}\n{key}")
            button.setObjectName("Tender")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=amount: quick_tender(a))
            grid.addWidget(button, 0, index)
            self.quick_buttons.append(button)
        layout.addLayout(grid)
        change_row = QHBoxLayout()
        self.change_caption = QLabel(PaymentDialog.tr("Change"))
        self.change_caption.setObjectName("TotalLabel")
        change_row.addWidget(self.change_caption)
        change_row.addStretch(1)
        self.change_value = QLabel(money(0))
        self.change_value.setObjectName("ChangeValue")
        change_row.addWidget(self.change_value)
        layout.addLayout(change_row)
        layout.addStretch(1)


class CardTender(QWidget):
    """:attr:`amount` (as charged on the terminal) and :attr:`code` (its approval code)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout()
        _page(self, layout, 10)
        hint = QLabel(
            PaymentDialog.tr(
                "Charge the amount on the card terminal, then type the approval code it prints."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("font-size: 16px;")
        layout.addWidget(hint)
        layout.addWidget(_title(PaymentDialog.tr("Amount on the terminal")))
        self.amount = QLineEdit()
        self.amount.setStyleSheet("font-size: 24px;")
        layout.addWidget(self.amount)
        layout.addWidget(_title(PaymentDialog.tr("Approval code")))
        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(PaymentDialog.tr("e.g. 012345"))
        self.code.setStyleSheet("font-size: 24px;")
        layout.addWidget(self.code)
        layout.addStretch(1)


class QrTender(QWidget):
    """:attr:`label` (the code), :attr:`amount` and :attr:`details` (account, note) and the
    :attr:`amount_field` for a part paid by transfer."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout()
        _page(self, layout, 20)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumSize(300, 300)
        layout.addWidget(self.label)
        info = QVBoxLayout()
        info.setSpacing(8)
        self.amount = QLabel()
        self.amount.setObjectName("BigValue")
        info.addWidget(self.amount)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet("font-size: 16px;")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.addWidget(self.details)
        info.addWidget(_title(PaymentDialog.tr("Amount by transfer")))
        self.amount_field = QLineEdit()
        info.addWidget(self.amount_field)
        self.hint = QLabel(
            PaymentDialog.tr(
                "The customer scans the code with their banking app. When the bank confirms "
                "the money has arrived, press Received."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("Muted")
        info.addWidget(self.hint)
        info.addStretch(1)
        layout.addLayout(info, 1)
