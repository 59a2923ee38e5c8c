"""The payment dialog: cash with quick tenders and live change, card on an external terminal,
VietQR bank transfer, split tender; then the success view with change and receipt number.

The dialog never writes anything: it collects ``PaymentInput`` values, checks them with the
domain's :func:`settle` (so "less than the total" is refused before anything is committed) and
emits :attr:`PaymentDialog.submitted`. The sell screen commits on the ``db`` lane and calls
:meth:`show_success` or :meth:`show_error`.

Keys: Enter = complete (empty cash field = exact cash); F2 cash, F3 card, F4 VietQR;
F5–F8 quick tenders 50.000 / 100.000 / 200.000 / 500.000 ₫; Ctrl+Enter adds a part payment;
F9 "Xuất hóa đơn cho khách" (the buyer's details for the e-invoice, when e-invoicing is on: kept
in :attr:`PaymentDialog.buyer`, which the screen commits with the sale); Esc backs out (not
while saving).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import CARD, CASH, TRANSFER, CartError, PaymentInput, settle
from pos_app.domain.money import parse_vnd
from pos_app.domain.receipt import EInvoiceRef
from pos_app.domain.vietqr import VietQRError, build_payload
from pos_app.ui.common.dialogs import side_button
from pos_app.ui.common.style import SELL_STYLE, money
from pos_app.ui.messages.sell import error_text, method_name
from pos_app.ui.sell.buyer import BuyerDialog
from pos_app.ui.sell.payment_done import SuccessPage
from pos_app.ui.sell.qr import BankAccount, qr_pixmap
from pos_app.ui.sell.tenders import QUICK_TENDERS, CardTender, CashTender, QrTender

__all__ = ["BankAccount", "PaymentDialog"]


class PaymentDialog(QDialog):
    submitted = Signal(object)
    """list[PaymentInput]: a complete, settled tender to commit."""
    qr_shown = Signal(str, int)
    """(payload, amount) while the VietQR code is on screen (for the customer display)."""
    qr_hidden = Signal()

    def __init__(
        self,
        total: int,
        bank: BankAccount,
        purpose: str,
        parent: QWidget | None = None,
        *,
        invoicing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SellDialog")
        self.setStyleSheet(SELL_STYLE)
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumSize(920, 600)
        self.total = total
        self.bank = bank
        self.purpose = purpose
        self.payments: list[PaymentInput] = []
        self.method = CASH
        self.busy = False
        self.done_ok = False
        self.qr_payload = ""
        self.invoicing = invoicing
        self.buyer: dict[str, str] | None = None
        """The buyer's details for the e-invoice (None: the customer asked for nothing)."""
        self.buyer_dialog: BuyerDialog | None = None

        root = QVBoxLayout(self)
        root.setContentsMargins(28, 22, 28, 22)
        root.setSpacing(14)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        self.pages.addWidget(self._build_pay_page())
        self.pages.addWidget(self._build_success_page())

        self.select_method(CASH)
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """F2/F3/F4 methods, F5–F8 quick tenders, Ctrl+Enter part payment (fields ignore these
        keys, so they reach the dialog whichever field has focus)."""
        key = Qt.Key(event.key())
        methods = {Qt.Key.Key_F2: CASH, Qt.Key.Key_F3: CARD, Qt.Key.Key_F4: TRANSFER}
        quick = dict(zip((Qt.Key.Key_F5, Qt.Key.Key_F6, Qt.Key.Key_F7, Qt.Key.Key_F8),
                         QUICK_TENDERS, strict=True))
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key in methods:
            self.select_method(methods[key])
        elif key in quick:
            self.quick_tender(quick[key])
        elif ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_part_payment()
        elif key == Qt.Key.Key_F9 and self.invoicing:
            self.open_buyer()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- building -------------------------------------------------------------------------

    def _build_pay_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        head = QHBoxLayout()
        total_box = QVBoxLayout()
        caption = QLabel(self.tr("Total to pay"))
        caption.setObjectName("TotalLabel")
        total_box.addWidget(caption)
        self.total_value = QLabel(money(self.total))
        self.total_value.setObjectName("TotalValue")
        total_box.addWidget(self.total_value)
        head.addLayout(total_box)
        head.addStretch(1)
        due_box = QVBoxLayout()
        self.due_caption = QLabel(self.tr("Still due"))
        self.due_caption.setObjectName("TotalLabel")
        self.due_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        due_box.addWidget(self.due_caption)
        self.due_value = QLabel()
        self.due_value.setObjectName("BigValue")
        self.due_value.setAlignment(Qt.AlignmentFlag.AlignRight)
        due_box.addWidget(self.due_value)
        head.addLayout(due_box)
        layout.addLayout(head)

        self.paid_label = QLabel()
        self.paid_label.setObjectName("Muted")
        self.paid_label.setStyleSheet("font-size: 15px;")
        layout.addWidget(self.paid_label)

        body = QHBoxLayout()
        body.setSpacing(16)
        methods = QVBoxLayout()
        methods.setSpacing(10)
        self.method_group = QButtonGroup(self)
        self.method_buttons: dict[str, QPushButton] = {}
        for method, key in ((CASH, "F2"), (CARD, "F3"), (TRANSFER, "F4")):
            button = QPushButton(f"{method_name(method)}\n{key}")
            button.setObjectName("Method")
            button.setCheckable(True)
            button.setAutoDefault(False)
            # wide enough for the name in bold (the checked look) in this font: a fixed 240 px
            # cut "Chuyển khoản VietQR" with wider fonts
            bold = QFont(button.font())
            bold.setPixelSize(17)  # QPushButton#Method in SELL_STYLE
            bold.setBold(True)
            needed = QFontMetrics(bold).horizontalAdvance(method_name(method)) + 44
            button.setMinimumWidth(max(240, needed))
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, m=method: self.select_method(m))
            self.method_group.addButton(button)
            self.method_buttons[method] = button
            methods.addWidget(button)
        methods.addStretch(1)
        body.addLayout(methods)

        card = QFrame()
        card.setObjectName("Card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(20, 18, 20, 18)
        self.method_pages = QStackedWidget()
        self.method_pages.addWidget(self._build_cash())
        self.method_pages.addWidget(self._build_card())
        self.method_pages.addWidget(self._build_qr())
        card_layout.addWidget(self.method_pages)
        body.addWidget(card, 1)
        layout.addLayout(body, 1)

        self.message = QLabel()
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.cancel_button = side_button(self.tr("Back (Esc)"), self.reject)
        buttons.addWidget(self.cancel_button)
        self.buyer_button = side_button(self.tr("E-invoice for the customer (F9)"),
                                        self.open_buyer, name="buyerButton")
        self.buyer_button.setVisible(self.invoicing)
        buttons.addWidget(self.buyer_button)
        self.buyer_label = QLabel()
        self.buyer_label.setObjectName("Muted")
        self.buyer_label.hide()
        buttons.addWidget(self.buyer_label)
        buttons.addStretch(1)
        self.part_button = side_button(self.tr("Add part payment (Ctrl+Enter)"),
                                       self.add_part_payment)
        buttons.addWidget(self.part_button)
        self.complete_button = QPushButton()
        self.complete_button.setObjectName("PayButton")
        self.complete_button.setDefault(True)
        self.complete_button.setMinimumWidth(300)
        self.complete_button.clicked.connect(self.confirm)
        buttons.addWidget(self.complete_button)
        layout.addLayout(buttons)
        return page

    def _build_cash(self) -> QWidget:
        page = CashTender(self.quick_tender)
        self.cash_field, self.quick_buttons = page.field, page.quick_buttons
        self.change_caption, self.change_value = page.change_caption, page.change_value
        self.cash_field.textChanged.connect(self._refresh)
        return page

    def _build_card(self) -> QWidget:
        page = CardTender()
        self.card_amount, self.card_code = page.amount, page.code
        return page

    def _build_qr(self) -> QWidget:
        page = QrTender()
        self.qr_label, self.qr_amount, self.qr_details = page.label, page.amount, page.details
        self.qr_amount_field, self.qr_hint = page.amount_field, page.hint
        self.qr_amount_field.textChanged.connect(self._refresh_qr)
        return page

    def _build_success_page(self) -> QWidget:
        page = SuccessPage(self)
        page.next_button.clicked.connect(self.accept)
        self.success_title, self.success_change = page.title, page.change
        self.success_receipt, self.success_print = page.receipt, page.print_status
        self.success_invoice = page.invoice
        self.next_button = page.next_button
        return page

    # --- state ----------------------------------------------------------------------------

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def due(self) -> int:
        return max(self.total - self.paid, 0)

    def select_method(self, method: str) -> None:
        if self.busy or self.done_ok:
            return
        self.method = method
        self.method_buttons[method].setChecked(True)
        self.method_pages.setCurrentIndex((CASH, CARD, TRANSFER).index(method))
        self._hide_message()
        if method == CASH:
            self.cash_field.setFocus()
        elif method == CARD:
            self.card_amount.setPlaceholderText(money(self.due))
            self.card_code.setFocus()
        self._refresh()
        if method == TRANSFER:
            self._refresh_qr()
        elif self.qr_payload:
            self.qr_payload = ""
            self.qr_hidden.emit()

    def _typed(self, field: QLineEdit) -> int | None:
        """The amount typed in ``field`` (None when empty); raises CartError when unreadable."""
        text = field.text().strip()
        if not text:
            return None
        try:
            value = int(parse_vnd(text))
        except ValueError:
            raise CartError("amount_not_positive") from None
        if value <= 0:
            raise CartError("amount_not_positive")
        return value

    def _refresh(self) -> None:
        self.due_value.setText(money(self.due))
        self.due_caption.setVisible(bool(self.payments))
        self.due_value.setVisible(bool(self.payments))
        if self.payments:
            parts = ", ".join(
                f"{method_name(p.method)} {money(p.amount)}" for p in self.payments
            )
            self.paid_label.setText(self.tr("Paid so far: {parts}").format(parts=parts))
            self.paid_label.show()
        else:
            self.paid_label.hide()
        self.cash_field.setPlaceholderText(money(self.due))
        try:
            typed = self._typed(self.cash_field)
        except CartError:
            typed = None
        handed = typed if typed is not None else self.due
        if handed >= self.due:
            self.change_caption.setText(self.tr("Change"))
            self.change_value.setText(money(handed - self.due))
            self.change_value.setStyleSheet("")
        else:
            self.change_caption.setText(self.tr("Short by"))
            self.change_value.setText(money(self.due - handed))
            self.change_value.setStyleSheet("color: #b42318;")
        labels = {
            CASH: self.tr("Complete (Enter)"),
            CARD: self.tr("Card approved — complete (Enter)"),
            TRANSFER: self.tr("Received — complete (Enter)"),
        }
        self.complete_button.setText(labels[self.method])
        self.complete_button.setEnabled(self.method != TRANSFER or self.bank.complete)

    def _refresh_qr(self) -> None:
        if self.method != TRANSFER:
            return
        if not self.bank.complete:
            self.qr_label.clear()
            self.qr_label.setText(self.tr("VietQR not set up"))
            self.qr_amount.setText("")
            self.qr_details.setText(
                self.tr(
                    "To take bank transfers, enter the showroom's bank BIN (6 digits), account "
                    "number and account holder in Settings → VietQR."
                )
            )
            self.qr_amount_field.setEnabled(False)
            self._refresh()
            return
        try:
            amount = self._typed(self.qr_amount_field) or self.due
        except CartError:
            amount = self.due
        self.qr_amount_field.setPlaceholderText(money(self.due))
        try:
            payload = build_payload(
                bank_bin=self.bank.bin, account=self.bank.account, amount=amount,
                purpose=self.purpose,
            )
        except VietQRError as exc:
            self.qr_label.clear()
            self.qr_label.setText(self.tr("VietQR not set up"))
            self.qr_details.setText(
                self.tr("The bank settings are not valid ({code}). Check Settings → VietQR.")
                .format(code=exc.code.value)
            )
            return
        self.qr_payload = payload
        self.qr_label.setPixmap(qr_pixmap(payload, 320))
        self.qr_amount.setText(money(amount))
        self.qr_details.setText(
            self.tr("Account holder: {holder}\nAccount: {account}\nNote: {note}").format(
                holder=self.bank.holder or "—", account=self.bank.account, note=self.purpose
            )
        )
        self.qr_shown.emit(payload, amount)

    def _show_message(self, text: str, kind: str = "error") -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _hide_message(self) -> None:
        self.message.hide()

    # --- actions --------------------------------------------------------------------------

    def quick_tender(self, amount: int) -> None:
        if self.busy or self.done_ok:
            return
        self.select_method(CASH)
        self.cash_field.setText(str(amount))
        self.confirm()

    def _current_payment(self, *, part: bool) -> PaymentInput:
        """The payment the current method's fields describe; raises CartError."""
        due = self.due
        if self.method == CASH:
            typed = self._typed(self.cash_field)
            if part:
                if typed is None:
                    raise CartError("amount_not_positive")
                if typed >= due:
                    return PaymentInput(CASH, due, tendered=typed)
                return PaymentInput(CASH, typed, tendered=typed)
            handed = due if typed is None else typed
            if handed < due:
                raise CartError("underpaid", shortfall=due - handed)
            return PaymentInput(CASH, due, tendered=handed)
        if self.method == CARD:
            amount = self._typed(self.card_amount) or due
            code = self.card_code.text().strip()
            if not code:
                raise CartError("card_needs_reference")
            if amount > due:
                raise CartError("exceeds_remaining", remaining=due)
            if not part and amount < due:
                raise CartError("underpaid", shortfall=due - amount)
            return PaymentInput(CARD, amount, reference=code)
        amount = self._typed(self.qr_amount_field) or due
        if amount > due:
            raise CartError("exceeds_remaining", remaining=due)
        if not part and amount < due:
            raise CartError("underpaid", shortfall=due - amount)
        return PaymentInput(TRANSFER, amount, reference=self.purpose)

    def confirm(self) -> None:
        """Enter: pay the rest with the current method and submit the whole tender."""
        if self.busy:
            return
        if self.done_ok:
            self.accept()
            return
        if self.method == TRANSFER and not self.bank.complete:
            return
        try:
            payments = [*self.payments]
            if self.due > 0 or not payments:
                payments.append(self._current_payment(part=False))
            settle(self.total, payments)
        except CartError as exc:
            text = error_text(exc.code, **exc.info)
            if exc.code == "underpaid":
                text += " " + self.tr("To split the payment, press Ctrl+Enter to add this part.")
            self._show_message(text)
            return
        self._submit(payments)

    def add_part_payment(self) -> None:
        """Ctrl+Enter: record what the current method's fields say as one part of a split."""
        if self.busy or self.done_ok:
            return
        if self.method == TRANSFER and not self.bank.complete:
            return
        try:
            payment = self._current_payment(part=True)
            if payment.amount >= self.due:
                self.confirm()
                return
            rest = PaymentInput(CASH, self.due - payment.amount)
            settle(self.total, [*self.payments, payment, rest])
        except CartError as exc:
            self._show_message(error_text(exc.code, **exc.info))
            return
        self.payments.append(payment)
        for field in (self.cash_field, self.card_amount, self.card_code, self.qr_amount_field):
            field.clear()
        self._show_message(
            self.tr("{method} {amount} added. Now take the rest: {due}.").format(
                method=method_name(payment.method), amount=money(payment.amount),
                due=money(self.due),
            ),
            kind="info",
        )
        self._refresh()
        if self.method == TRANSFER:
            self._refresh_qr()

    def open_buyer(self) -> BuyerDialog | None:
        """F9: the buyer's details for the e-invoice (non-blocking; see :attr:`buyer`)."""
        if self.busy or self.done_ok or not self.invoicing:
            return None
        dialog = BuyerDialog(self.buyer, self)
        dialog.accepted.connect(lambda: self.set_buyer(dialog.buyer))
        self.buyer_dialog = dialog
        dialog.open()
        return dialog

    def set_buyer(self, buyer: dict[str, str] | None) -> None:
        self.buyer = buyer
        if buyer:
            who = buyer.get("name") or buyer.get("email") or ""
            code = buyer.get("tax_code", "")
            self.buyer_label.setText(self.tr("Invoice to: {who}").format(
                who=f"{who} · MST {code}" if code else who))
            self.buyer_label.show()
        else:
            self.buyer_label.hide()

    def _submit(self, payments: list[PaymentInput]) -> None:
        self.busy = True
        self._set_inputs_enabled(False)
        self._show_message(self.tr("Saving the sale…"), kind="info")
        self.submitted.emit(payments)

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.cash_field, self.card_amount, self.card_code, self.qr_amount_field,
            self.complete_button, self.part_button, self.cancel_button, self.buyer_button,
            *self.quick_buttons, *self.method_buttons.values(),
        ):
            widget.setEnabled(enabled)

    # --- results from the screen ----------------------------------------------------------

    def show_success(self, receipt_no: str, change: int, printing: str = "") -> None:
        self.busy = False
        self.done_ok = True
        self.success_change.setText(money(change))
        self.success_receipt.setText(self.tr("Receipt {number}").format(number=receipt_no))
        self.success_print.setText(printing)
        self.pages.setCurrentIndex(1)
        self.next_button.setDefault(True)
        self.next_button.setFocus()
        if self.qr_payload:
            self.qr_payload = ""
            self.qr_hidden.emit()

    def show_invoice(self, ref: EInvoiceRef | None) -> None:
        """The sale's e-invoice on the success page (number and tax authority's code)."""
        if ref is None:  # e-invoicing off, or the pump issues it shortly (a setting, a problem)
            self.success_invoice.setText(self.tr(
                "The e-invoice is issued shortly; the status bar shows it.")
                if self.invoicing else "")
            self.success_invoice.setVisible(self.invoicing)
            return
        self.success_invoice.setText(
            self.tr("E-invoice {number} · tax authority code {code}").format(
                number=ref.label, code=ref.mccqt))
        self.success_invoice.show()

    def set_print_status(self, text: str) -> None:
        self.success_print.setText(text)

    def show_error(self, text: str) -> None:
        self.busy = False
        self._set_inputs_enabled(True)
        self._refresh()
        self._show_message(text)

    def reject(self) -> None:
        if self.busy:
            return
        if self.done_ok:
            self.accept()
            return
        if self.qr_payload:
            self.qr_payload = ""
            self.qr_hidden.emit()
        super().reject()
