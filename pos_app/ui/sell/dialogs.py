"""Small keyboard-first dialogs of the sell screen: one value (qty, price, discount, hold label,
weight), the held-sales list, and the void confirmation. Enter accepts, Esc backs out; a refused
value shows why in the dialog and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from pos_app.domain.receipt import hanoi_tz
from pos_app.services.sales.checkout import ParkedCart, SaleSummary
from pos_app.ui.common.dialogs import (
    button_row,
    dialog_layout,
    dialog_title,
    error_label,
    show_error,
)
from pos_app.ui.common.style import SELL_STYLE, money
from pos_app.ui.messages.sell import method_name


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QHBoxLayout, QPushButton]:
    row, ok = button_row(dialog, ok_text)
    assert ok is not None
    return row, ok


class ValueDialog(QDialog):
    """Ask for one value. ``apply(text)`` returns an error sentence (dialog stays open, nothing
    changed) or None (accepted)."""

    def __init__(
        self,
        title: str,
        caption: str,
        apply: Callable[[str], str | None],
        initial: str = "",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = dialog_layout(self, title, SELL_STYLE, margins=(24, 20, 24, 20), spacing=12)
        self.setMinimumWidth(460)
        self._apply = apply
        layout.addWidget(dialog_title(title))
        if caption:
            label = QLabel(caption)
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 16px;")
            layout.addWidget(label)
        self.field = QLineEdit(initial)
        self.field.selectAll()
        self.field.setStyleSheet("font-size: 26px; padding: 10px;")
        layout.addWidget(self.field)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("Muted")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        self.error = error_label(self)
        layout.addWidget(self.error)
        row, ok = _buttons(self, self.tr("OK (Enter)"))
        ok.clicked.connect(self.submit)
        layout.addLayout(row)
        self.field.setFocus()

    def submit(self) -> None:
        problem = self._apply(self.field.text())
        if problem:
            show_error(self.error, problem)
            self.field.selectAll()
            self.field.setFocus()
            return
        self.accept()


class RecallDialog(QDialog):
    """Held sales, oldest first; Enter recalls the highlighted one, Del discards it."""

    def __init__(
        self,
        carts: Sequence[ParkedCart],
        parent: QWidget | None = None,
        on_drop: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_drop = on_drop
        layout = dialog_layout(self, self.tr("Held sales"), SELL_STYLE, margins=(24, 20, 24, 20))
        self.setMinimumSize(560, 420)
        self.carts = list(carts)
        layout.addWidget(dialog_title(self.tr("Held sales")))
        self.list = QListWidget()
        self.list.setObjectName("Results")
        for cart in self.carts:
            when = cart.parked_at.astimezone(hanoi_tz()).strftime("%H:%M")
            label = cart.label or self.tr("(no label)")
            text = self.tr("{label}  ·  {lines} lines  ·  {total}  ·  held at {time}").format(
                label=label, lines=cart.lines, total=money(cart.total), time=when
            )
            self.list.addItem(QListWidgetItem(text))
        if not self.carts:
            self.list.addItem(QListWidgetItem(self.tr("No sales on hold.")))
            self.list.setEnabled(False)
        else:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.installEventFilter(self)
        layout.addWidget(self.list, 1)
        hint = QLabel(self.tr("Del discards the highlighted sale (the customer left)."))
        hint.setObjectName("Muted")
        layout.addWidget(hint)
        row, ok = _buttons(self, self.tr("Recall (Enter)"))
        ok.setEnabled(bool(self.carts))
        ok.clicked.connect(self.accept)
        layout.addLayout(row)
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.drop_current()
            return True
        return super().eventFilter(watched, event)

    def drop_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.carts) and self._on_drop is not None:
            self._on_drop(self.carts.pop(row).id)
            self.list.takeItem(row)

    def chosen(self) -> ParkedCart | None:
        row = self.list.currentRow()
        if self.result() != QDialog.DialogCode.Accepted or not 0 <= row < len(self.carts):
            return None
        return self.carts[row]


class VoidDialog(QDialog):
    """Confirm voiding the last sale, with a reason."""

    def __init__(self, sale: SaleSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = dialog_layout(self, self.tr("Void last sale"), SELL_STYLE,
                               margins=(24, 20, 24, 20), spacing=12)
        self.setMinimumWidth(520)
        layout.addWidget(dialog_title(self.tr("Void last sale")))
        when = sale.created_at.astimezone(hanoi_tz()).strftime("%H:%M")
        methods = ", ".join(method_name(m) for m in sale.methods)
        summary = QLabel(
            self.tr("Receipt {number} at {time}\n{total} paid by {methods}").format(
                number=sale.receipt_no, time=when, total=money(sale.total), methods=methods
            )
        )
        summary.setStyleSheet("font-size: 18px;")
        layout.addWidget(summary)
        note = QLabel(
            self.tr("The sale is cancelled, its goods go back to stock and a manager approves.")
        )
        note.setObjectName("Muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        caption = QLabel(self.tr("Reason"))
        caption.setObjectName("SectionTitle")
        layout.addWidget(caption)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. wrong item scanned"))
        layout.addWidget(self.reason)
        self.error = error_label(self)
        layout.addWidget(self.error)
        row, ok = _buttons(self, self.tr("Void sale (Enter)"))
        ok.setObjectName("Danger")
        ok.clicked.connect(self.submit)
        layout.addLayout(row)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        if not self.reason.text().strip():
            show_error(self.error, self.tr("Enter a reason."))
            return
        self.accept()

