"""Returns (F10): find the sale by receipt number (typed or scanned from the receipt's barcode),
choose what comes back (all, or some of each line), give a reason, a manager approves, the refund
goes back the way the sale was paid (the checkout service decides the split and shows it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos_app.domain.cart import CartError, parse_qty
from pos_app.domain.ids import parse_receipt_number
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.people.approval import REFUND
from pos_app.services.sales.checkout import CheckoutError, CompletedSale, SaleDetail
from pos_app.ui.common.dialogs import dialog_layout, dialog_title, side_button
from pos_app.ui.common.style import SELL_STYLE, money
from pos_app.ui.common.widgets import message_line
from pos_app.ui.messages.sell import error_text, method_name

if TYPE_CHECKING:
    from pos_app.ui.sell.base import SellBase

COL_NAME, COL_SOLD, COL_RETURNED, COL_LEFT, COL_BACK = range(5)


class ReturnsDialog(QDialog):
    def __init__(self, screen: SellBase, receipt_no: str = "", parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent or screen)
        self.sell_screen = screen
        self.sale: SaleDetail | None = None
        self.busy = False
        self.result_sale: CompletedSale | None = None
        layout = dialog_layout(self, self.tr("Return"), SELL_STYLE, margins=(28, 22, 28, 22),
                               spacing=12)
        self.setMinimumSize(940, 620)
        layout.addWidget(dialog_title(self.tr("Return goods")))
        find_row = QHBoxLayout()
        self.receipt_field = QLineEdit(receipt_no)
        self.receipt_field.setObjectName("ScanField")
        self.receipt_field.setPlaceholderText(
            self.tr("Scan the receipt's barcode or type its number, e.g. Q01-20261123-0042")
        )
        self.receipt_field.returnPressed.connect(self.find_receipt)
        find_row.addWidget(self.receipt_field, 1)
        find_row.addWidget(side_button(self.tr("Find"), self.find_receipt))
        layout.addLayout(find_row)

        self.sale_label = QLabel()
        self.sale_label.setStyleSheet("font-size: 16px;")
        self.sale_label.setWordWrap(True)
        layout.addWidget(self.sale_label)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("CartTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Product"), self.tr("Sold"), self.tr("Returned"), self.tr("Can return"),
            self.tr("Return now"),
        ])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        name_header = self.table.horizontalHeaderItem(COL_NAME)
        if name_header is not None:
            name_header.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (COL_SOLD, COL_RETURNED, COL_LEFT, COL_BACK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, 120)
        self.table.verticalHeader().setDefaultSectionSize(44)
        layout.addWidget(self.table, 1)

        reason_row = QHBoxLayout()
        reason_caption = QLabel(self.tr("Reason"))
        reason_caption.setObjectName("SectionTitle")
        reason_row.addWidget(reason_caption)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. broken in transport, wrong size"))
        reason_row.addWidget(self.reason, 1)
        layout.addLayout(reason_row)

        self.refund_label = QLabel()
        self.refund_label.setObjectName("Muted")
        self.refund_label.setWordWrap(True)
        self.refund_label.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.refund_label)

        self.message = message_line()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addWidget(side_button(self.tr("Back (Esc)"), self.reject))
        buttons.addStretch(1)
        self.all_button = side_button(self.tr("Return everything (Ctrl+A)"), self.select_all)
        buttons.addWidget(self.all_button)
        self.return_button = side_button(self.tr("Refund (Ctrl+Enter)"), self.submit,
                                         name="Primary")
        buttons.addWidget(self.return_button)
        layout.addLayout(buttons)
        self._set_ready(False)
        self.receipt_field.setFocus()
        if receipt_no:
            self.find_receipt()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+A returns everything, Ctrl+Enter refunds (Enter alone finds the receipt)."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() == Qt.Key.Key_A:
            self.select_all()
        elif ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- finding the sale -------------------------------------------------------------------

    def show_message(self, text: str, kind: str = "info") -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _set_ready(self, ready: bool) -> None:
        self.return_button.setEnabled(ready)
        self.all_button.setEnabled(ready)
        self.reason.setEnabled(ready)

    def find_receipt(self, ref: str | None = None) -> bool:
        text = (ref if ref is not None else self.receipt_field.text()).strip()
        if ref is not None:
            self.receipt_field.setText(text)
        try:
            parse_receipt_number(text)
        except ValueError:
            if len(text) != 36:  # a sale id (UUID) from a receipt QR is accepted too
                self.show_message(error_text("bad_receipt_no"), "error")
                return False
        try:
            sale = self.sell_screen.checkout.find_sale(text)
        except CheckoutError as exc:
            self.show_message(error_text(exc.code, **exc.info), "error")
            return False
        self.load(sale)
        return True

    def load(self, sale: SaleDetail) -> None:
        self.sale = sale
        summary = sale.summary
        when = summary.created_at.astimezone(hanoi_tz()).strftime("%d/%m/%Y %H:%M")
        self.sale_label.setText(
            self.tr("Receipt {number} · {time} · {total} · cashier {cashier}").format(
                number=summary.receipt_no, time=when, total=money(summary.total),
                cashier=summary.cashier_name or "—")
        )
        self.table.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            unit = " g" if line.unit == "gram" else ""
            cells = (
                f"{line.name_vi}\n{money(line.unit_price)} × {line.qty}{unit}",
                f"{line.qty}{unit}", f"{line.returned}{unit}", f"{line.returnable}{unit}", "0",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != COL_BACK:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column != COL_NAME:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
            if line.returnable == 0:
                self._back(row).setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.resizeRowsToContents()
        paid = ", ".join(
            f"{method_name(p.method)} {money(p.amount)}" for p in sale.payments
        )
        self.refund_label.setText(
            self.tr("Paid by {paid}. The refund goes back the same way: card or transfer "
                    "first, cash last.").format(paid=paid)
        )
        if summary.status == "voided":
            self.show_message(error_text("sale_voided"), "error")
            self._set_ready(False)
            return
        if summary.kind != "sale":
            self.show_message(error_text("not_a_sale"), "error")
            self._set_ready(False)
            return
        if not any(line.returnable for line in sale.lines):
            self.show_message(self.tr("Everything on this receipt has been returned already."),
                              "warn")
            self._set_ready(False)
            return
        self.message.hide()
        self._set_ready(True)
        self.table.setFocus()
        self.table.setCurrentCell(0, COL_BACK)

    # --- choosing and committing ------------------------------------------------------------

    def _back(self, row: int) -> QTableWidgetItem:
        """The "to return" cell of ``row`` (every loaded row has one)."""
        item = self.table.item(row, COL_BACK)
        assert item is not None
        return item

    def set_quantity(self, row: int, qty: int) -> None:
        self._back(row).setText(str(qty))

    def select_all(self) -> None:
        if self.sale is None:
            return
        for row, line in enumerate(self.sale.lines):
            self.set_quantity(row, line.returnable)

    def quantities(self) -> dict[str, int]:
        """Line id → qty to return; raises CartError / CheckoutError for refused input."""
        assert self.sale is not None
        chosen: dict[str, int] = {}
        for row, line in enumerate(self.sale.lines):
            text = self._back(row).text().strip()
            if text in ("", "0"):
                continue
            qty = parse_qty(text, "gram" if line.unit == "gram" else "piece")
            if qty > line.returnable:
                raise CheckoutError("over_return", line_id=line.id, returnable=line.returnable)
            chosen[line.id] = qty
        if not chosen:
            raise CheckoutError("nothing_to_return")
        return chosen

    def submit(self) -> None:
        if self.sale is None or self.busy:
            return
        try:
            quantities = self.quantities()
        except (CartError, CheckoutError) as exc:
            self.show_message(error_text(exc.code), "error")
            return
        reason = self.reason.text().strip()
        if not reason:
            self.show_message(error_text("reason_required"), "error")
            self.reason.setFocus()
            return
        screen = self.sell_screen
        approval = screen.session.approve(self, (REFUND,))
        cashier = screen.session.actor
        if approval is None or cashier is None:
            self.show_message(error_text("missing"), "warn")
            return
        self.busy = True
        self._set_ready(False)
        self.show_message(self.tr("Saving the return…"), "info")
        screen._write(
            screen.checkout.return_items, self.sale.summary.id, quantities,
            cashier=cashier, approval=approval, reason=reason,
            on_done=self._done, on_error=self._failed,
        )

    def _done(self, done: CompletedSale) -> None:
        self.busy = False
        self.result_sale = done
        refunds = ", ".join(
            f"{method_name(p.method)} {money(abs(p.amount))}" for p in done.paid_by
        )
        self.show_message(
            self.tr("Return {number} saved. Refund {total}: {refunds}.").format(
                number=done.receipt_no, total=money(abs(done.total)), refunds=refunds),
            "info",
        )
        screen = self.sell_screen
        screen._write(screen.printing.print_receipt, done.sale_id,
                      kick_drawer=any(p.method == "cash" for p in done.paid_by),
                      on_error=lambda _exc: None)
        screen.show_message(self.message.text(), "info")
        if self.sale is not None:
            self._reload(self.sale.summary.id)

    def _reload(self, sale_id: str) -> None:
        try:
            self.load(self.sell_screen.checkout.find_sale(sale_id))
        except CheckoutError:
            return
        self.show_message(self.sell_screen.message.text(), "info")

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self._set_ready(True)
        code = str(getattr(exc, "code", None) or getattr(exc, "problem", "unexpected"))
        self.show_message(error_text(code, **getattr(exc, "info", {})), "error")

    def reject(self) -> None:
        if not self.busy:
            super().reject()


