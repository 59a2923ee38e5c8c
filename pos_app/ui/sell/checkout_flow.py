"""The sell screen's checkout flow: payment (cash, card, VietQR), committing the sale,
receipts and printer events, the drawer, returns and void."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from pos_app import config
from pos_app.domain.cart import CASH, Cart, PaymentInput
from pos_app.services.events import PrintJobState
from pos_app.services.people.approval import ApprovalRequired
from pos_app.services.people.users import NO_SALE, can
from pos_app.services.sales.checkout import CompletedSale
from pos_app.ui.common.style import money
from pos_app.ui.messages.sell import error_text, printer_error_text
from pos_app.ui.sell.base import error_message
from pos_app.ui.sell.dialogs import VoidDialog
from pos_app.ui.sell.payment import BankAccount, PaymentDialog

if TYPE_CHECKING:
    from pos_app.ui.sell.base import SellBase as _Host
else:
    _Host = object


class CheckoutFlow(_Host):
    """Pay, print, open the drawer, return and void (mixed into ``SellScreen``)."""

    # --- payment ----------------------------------------------------------------------------

    def bank_account(self) -> BankAccount:
        return BankAccount(
            bin=self.settings.get(config.BANK_BIN).strip(),
            account=self.settings.get(config.BANK_ACCOUNT).strip(),
            holder=self.settings.get(config.BANK_ACCOUNT_NAME).strip(),
        )

    def expected_receipt_no(self) -> str | None:
        """The receipt number this cart's sale will get, reserved by checkout (None if the
        database cannot be read)."""
        number = self._safe(self.checkout.reserve_receipt_no, self.cart.id)
        return number if isinstance(number, str) else None

    def transfer_note(self) -> str:
        """The VietQR transfer note (ASCII, ≤ 25 characters): the expected receipt number, so
        the bank statement matches the receipt; the cart's short id if it cannot be known."""
        number = self.expected_receipt_no()
        if number:
            return number
        till = self.settings.get(config.TILL_CODE).strip().upper()
        return f"{till} {self.cart.id[-8:].upper()}"

    def open_payment(self) -> PaymentDialog | None:
        """F12: the payment dialog (non-blocking; see :attr:`payment_dialog`)."""
        if self.cart.empty:
            self.show_message(error_text("empty_cart"), "warn")
            return None
        if self.payment_dialog is not None and self.payment_dialog.isVisible():
            return self.payment_dialog
        self.clear_search()
        dialog = PaymentDialog(self.cart.total, self.bank_account(), self.transfer_note(), self,
                               invoicing=bool(self._safe(self.services.einvoice.enabled)))
        dialog.submitted.connect(lambda payments: self._commit(dialog, payments, None))
        dialog.qr_shown.connect(self._qr_to_customer)
        dialog.qr_hidden.connect(self._qr_hidden)
        dialog.finished.connect(lambda _r: self._payment_closed(dialog))
        self.payment_dialog = dialog
        self._set_shortcuts_enabled(False)
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _qr_to_customer(self, payload: str, amount: int) -> None:
        if self.customer_display is not None:
            bank = self.bank_account()
            self.customer_display.show_qr(payload, amount, bank.holder, bank.account)

    def _qr_hidden(self) -> None:
        if self.customer_display is not None:
            self.customer_display.hide_qr()

    def _payment_closed(self, dialog: PaymentDialog) -> None:
        if self.payment_dialog is dialog:
            self.payment_dialog = None
        self._set_shortcuts_enabled(True)
        if self.customer_display is not None and not dialog.done_ok:
            self.customer_display.show_lines(self.cart.lines, self.cart.total)
        self.scan_field.setFocus()

    def _commit(self, dialog: PaymentDialog, payments: list[PaymentInput], approval: Any) -> None:
        cashier = self.session.actor
        if cashier is None:
            dialog.show_error(self.session.nobody_text())
            return
        codes = self.cart.approvals
        if codes and approval is None:
            approval = self.session.approve(self, codes)
            if approval is None:
                dialog.show_error(error_text("missing"))
                return
        snapshot = Cart.from_json(self.cart.to_json(), self.cart.approval_percent)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ApprovalRequired) and exc.problem == "missing":
                retry = self.session.approve(self, exc.codes)
                if retry is not None:
                    self._commit(dialog, payments, retry)
                    return
            dialog.show_error(error_message(exc))

        self._write(
            self.checkout.complete_sale, snapshot, payments, cashier=cashier,
            approval=approval, buyer=dialog.buyer,
            on_done=lambda done: self._sale_done(dialog, done, payments), on_error=failed,
        )

    def _sale_done(self, dialog: PaymentDialog, done: CompletedSale,
                   payments: list[PaymentInput]) -> None:
        self.last_completed = done
        cash = any(p.method == CASH for p in payments)
        self._write(self.printing.print_receipt, done.sale_id, kick_drawer=cash,
                    on_error=lambda exc: self.show_message(
                        self.tr("Receipt not queued for printing ({error}).").format(
                            error=getattr(exc, "code", type(exc).__name__)), "error"))
        dialog.show_success(done.receipt_no, done.change, self.tr("Printing the receipt…"))
        dialog.show_invoice(self._safe(self.services.einvoice.ref_for_sale, done.sale_id))
        self._set_cart(Cart(approval_percent=self.checkout.approval_percent))
        if self.customer_display is not None:
            self.customer_display.show_thanks(done.change)  # until the next scan
        self._show_last_sale(done.receipt_no, done.total)
        self.show_message(
            self.tr("Sale {number} paid: {total}, change {change}.").format(
                number=done.receipt_no, total=money(done.total), change=money(done.change)),
            "info",
        )
        self.sale_completed.emit(done)
        self.cart_changed.emit()
        self.services.sync.notify()  # push it to the registry now

    # --- printing ---------------------------------------------------------------------------

    def _on_print_event(self, event: PrintJobState) -> None:
        """A print job changed state (``UiEvents.print_job``, on the GUI thread)."""
        status = event.status
        dialog = self.payment_dialog
        if status == "printed" and dialog is not None and dialog.done_ok:
            dialog.set_print_status(self.tr("Receipt printed."))
        if event.kind == "bill":  # no sale behind it: nothing to reprint
            if status == "failed":
                self.show_message(self.tr("The bill did not print: {problem}").format(
                    problem=printer_error_text(event.error_code)), "error")
            return
        if status == "failed" and event.kind == "drawer":
            self.show_message(self.tr("The drawer did not open: {problem}").format(
                problem=printer_error_text(event.error_code)), "error")
            return
        if status == "failed":
            text = self.tr("{problem} — receipt {number} is kept for reprint (Ctrl+P).").format(
                problem=printer_error_text(event.error_code), number=event.receipt_no)
            self.show_message(text, "error")
            if dialog is not None and dialog.done_ok:
                dialog.set_print_status(text)

    def reprint_last(self) -> None:
        """Ctrl+P: print the last sale's receipt again (marked as a copy)."""
        last = self._safe(self.checkout.last_sale)
        if last is None:
            self.show_message(error_text("no_sale"), "warn")
            return
        self._write(self.printing.reprint, last.receipt_no, on_done=lambda _job: self.show_message(
            self.tr("Reprinting receipt {number}.").format(number=last.receipt_no), "info"))

    def print_bill(self) -> None:
        """Ctrl+B: the "Phiếu tạm tính" (bill before payment) of the cart, through the print
        queue like a receipt, with the VietQR to pay its total; the cart stays as it is."""
        if self.cart.empty:
            self.show_message(error_text("empty_cart"), "warn")
            return
        cashier = self.session.actor
        if cashier is None:
            self.show_message(self.session.nobody_text(), "warn")
            return
        snapshot = Cart.from_json(self.cart.to_json(), self.cart.approval_percent)
        total = money(snapshot.total)
        self.lanes.run(
            "print", self.printing.print_bill, snapshot, self.transfer_note(),
            cashier=cashier.name,
            on_done=lambda _job: self.show_message(
                self.tr("Printing the bill ({total}, not paid yet).").format(total=total),
                "info"),
            on_error=lambda exc: self.show_message(
                self.tr("The bill did not print: {problem}").format(
                    problem=printer_error_text(getattr(exc, "code", "io_error"))), "error"))

    def open_drawer(self) -> None:
        """Ctrl+K "no sale": open the cash drawer; a cashier needs a manager's approval."""
        cashier = self.session.actor
        if cashier is None:
            self.show_message(self.session.nobody_text(), "warn")
            return
        approved_by = ""
        if not can(cashier.role, NO_SALE):
            approval = self.session.approve(self, (NO_SALE,))
            if approval is None:
                self.show_message(error_text("missing"), "warn")
                return
            approved_by = approval.approver.name
        self.lanes.run(
            "print", self.printing.open_drawer, user=cashier.name, approved_by=approved_by,
            on_done=lambda _job: self.show_message(self.tr("Opening the cash drawer."), "info"),
            on_error=lambda exc: self.show_message(
                self.tr("The drawer did not open: {problem}").format(
                    problem=printer_error_text(getattr(exc, "code", "io_error"))), "error"))

    # --- returns and void -------------------------------------------------------------------

    def open_returns(self, receipt_no: str = "") -> Any:
        """F10: the returns dialog (non-blocking; kept in :attr:`returns_dialog`)."""
        from pos_app.ui.sell.returns import ReturnsDialog

        dialog = ReturnsDialog(self, receipt_no)
        self.returns_dialog = dialog
        self._set_shortcuts_enabled(False)
        dialog.finished.connect(lambda _r: self._returns_closed())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _returns_closed(self) -> None:
        self._set_shortcuts_enabled(True)
        self.scan_field.setFocus()

    def void_last_sale(self, reason: str | None = None) -> None:
        """F11: void the last sale of this till, with a reason and a manager's approval."""
        last = self._safe(self.checkout.last_sale)
        if last is None or last.kind != "sale" or last.status != "completed":
            self.show_message(error_text("no_sale"), "warn")
            return
        if reason is None:
            dialog = VoidDialog(last, self)
            if self.run_modal(dialog) != QDialog.DialogCode.Accepted:
                return
            reason = dialog.reason.text().strip()
        approval = self.session.approve(self, ("void",))
        if approval is None or self.cashier is None:
            self.show_message(error_text("missing"), "warn")
            return

        def voided(_summary: Any) -> None:
            self.show_message(
                self.tr("Sale {number} voided; its goods are back in stock.").format(
                    number=last.receipt_no), "info")
            self.last_sale_label.setText(
                self.tr("Voided: {number}").format(number=last.receipt_no))

        self._write(self.checkout.void_sale, last.id, cashier=self.cashier, approval=approval,
                    reason=reason, on_done=voided)

