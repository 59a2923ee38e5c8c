"""What every part of the sell screen shares: the cart and its model, saving through the db
lane, the message line, modal dialogs with the screen's shortcuts off."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QWidget,
)

from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.cart import Cart, CartError
from pos_app.domain.einvoice import EInvoiceError
from pos_app.services.people.approval import Actor, ApprovalRequired
from pos_app.services.sales.checkout import CheckoutError, CompletedSale
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.style import money
from pos_app.ui.messages.einvoice import error_text as einvoice_error_text
from pos_app.ui.messages.sell import barcode_text, error_text
from pos_app.ui.sell.cart_model import CartModel
from pos_app.ui.sell.customer_display import CustomerDisplay
from pos_app.ui.sell.payment import PaymentDialog

if TYPE_CHECKING:
    from pos_app.config import Settings
    from pos_app.services import Services
    from pos_app.services.catalog.lookup import CatalogService
    from pos_app.services.printing.queue import PrintService
    from pos_app.services.sales.checkout import CheckoutService
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)


def error_message(exc: BaseException) -> str:
    """Any refusal from the cart, checkout or barcode rules as one sentence."""
    if isinstance(exc, BarcodeError):
        return barcode_text(exc)
    if isinstance(exc, CartError | CheckoutError):
        return error_text(exc.code, **exc.info)
    if isinstance(exc, ApprovalRequired):
        return error_text(exc.problem)
    if isinstance(exc, EInvoiceError):  # a buyer's tax code checked again at commit
        return einvoice_error_text(exc.code)
    if getattr(exc, "code", None) == "disk_full":  # the database's DiskFullError, any write
        return error_text("disk_full")
    return error_text("unexpected")


class SellBase(QWidget):
    """The sell screen's shared state: the cart, the write queue on the db lane, messages."""

    cart_changed = Signal()
    sale_completed = Signal(object)  # CompletedSale
    message_shown = Signal(str, str)  # text, kind (info | warn | error)

    # set up by SellScreen.__init__ and its _build
    services: Services
    lanes: Lanes
    checkout: CheckoutService
    catalog: CatalogService
    printing: PrintService
    settings: Settings
    session: CounterSession
    pending_writes: int
    _save_due: bool
    _message_kind: str | None
    payment_dialog: PaymentDialog | None
    customer_display: CustomerDisplay | None
    last_completed: CompletedSale | None
    returns_dialog: Any
    results: list[Any]
    model: CartModel
    table: QTableView
    scan_field: QLineEdit
    message: QLabel
    results_list: QListWidget
    empty_hint: QLabel
    items_value: QLabel
    subtotal_value: QLabel
    discount_value: QLabel
    vat_value: QLabel
    total_value: QLabel
    pay_button: QPushButton
    last_sale_label: QLabel
    _shortcut_list: list[QShortcut]

    @property
    def cashier(self) -> Actor | None:
        """Who is logged in at this till (the counter session's actor)."""
        return self.session.actor

    def dialog_open(self) -> bool:
        """A dialog of this screen (or any modal window) has the keyboard."""
        modal = QApplication.activeModalWidget()
        while modal is not None:
            if modal is self:
                return True
            modal = modal.parentWidget()
        dialogs = (self.payment_dialog, self.returns_dialog)
        return any(d is not None and d.isVisible() for d in dialogs)

    def _set_shortcuts_enabled(self, enabled: bool) -> None:
        """Off while a non-blocking dialog is open, so its keys (F5–F8…) reach the dialog."""
        for shortcut in self._shortcut_list:
            shortcut.setEnabled(enabled)

    def run_modal(self, dialog: QDialog) -> int:
        """``dialog.exec()`` with this screen's shortcuts off, so Del, F-keys… reach the dialog."""
        self._set_shortcuts_enabled(False)
        try:
            return dialog.exec()
        finally:
            self._set_shortcuts_enabled(True)

    def _unless_dialog(self, slot: Any) -> None:
        if not self.dialog_open():
            slot()

    # --- cart state -------------------------------------------------------------------------

    @property
    def cart(self) -> Cart:
        return self.model.cart

    @property
    def idle(self) -> bool:
        """No write is waiting on the db lane (tests wait for this)."""
        return self.pending_writes == 0

    def _safe(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception:  # a read for display only; never stops the counter
            log.exception("read failed")
            return None

    def _set_cart(self, cart: Cart) -> None:
        self.model.set_cart(cart)
        self._load_saleability([ln.product_id for ln in cart.lines])
        self.model.fit_rows(self.table)
        self._refresh_totals()
        if cart.lines:
            self._select_row(len(cart.lines) - 1)

    def _load_saleability(self, product_ids: list[int]) -> None:
        missing = [pid for pid in product_ids if pid not in self.model.saleability]
        if not missing:
            return
        infos = self._safe(self.catalog.get_many, missing) or []
        for info in infos:
            self.model.saleability[info.id] = info.saleability

    def _refresh_totals(self) -> None:
        totals = self.cart.totals()
        self.items_value.setText(str(totals.items))
        self.subtotal_value.setText(money(totals.subtotal))
        self.discount_value.setText(money(-totals.discount) if totals.discount else money(0))
        self.vat_value.setText(money(totals.vat_total))
        self.total_value.setText(money(totals.total))
        self.pay_button.setEnabled(not self.cart.empty)
        self.empty_hint.setVisible(self.cart.empty)
        thanking = self.last_completed is not None and self.cart.empty
        if self.customer_display is not None and not thanking:
            self.customer_display.show_lines(self.cart.lines, totals.total)

    def _changed(self, line_id: str | None = None) -> None:
        """The cart changed: repaint, keep the line selected, save on the db lane."""
        self._safe(self.services.promotions.apply, self.cart)  # services/promotions
        self.model.refresh()
        self.model.fit_rows(self.table)
        self._refresh_totals()
        if line_id is not None:
            row = self.model.row_of(line_id)
            if row >= 0:
                self._select_row(row)
        self.save_cart()
        self.cart_changed.emit()

    def save_cart(self) -> None:
        """Save the open cart on the db lane once control is back in the event loop: the scan
        that changed it is painted first, and a burst of changes is saved once. Any other write
        sends a due save first, so the lane keeps the order the cashier acted in."""
        if self._save_due:
            return
        self._save_due = True
        self.pending_writes += 1  # counted from now: idle means saved
        QTimer.singleShot(0, self, self._flush_save)

    def hideEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """Leaving the screen (another area, the window closing) sends a due cart save now,
        before the lanes may be shut down."""
        self._flush_save()
        super().hideEvent(event)

    def _flush_save(self) -> None:
        if not self._save_due:
            return
        self._save_due = False
        self.pending_writes -= 1
        snapshot = Cart.from_json(self.cart.to_json(), self.cart.approval_percent)
        self._write(self.checkout.save_cart, snapshot, cashier_name=self.session.actor_name)

    def _write(self, fn: Any, *args: Any, on_done: Any = None, on_error: Any = None,
               **kwargs: Any) -> None:
        """Run a write on the db lane, counting it so :attr:`idle` tells when all landed."""
        self._flush_save()
        self.pending_writes += 1

        def done(result: Any) -> None:
            self.pending_writes -= 1
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self.pending_writes -= 1
            if on_error is not None:
                on_error(exc)
            else:
                log.error("write failed", exc_info=exc)
                self.show_message(error_message(exc), "error")

        self.lanes.run("db", fn, *args, on_done=done, on_error=failed, **kwargs)

    def selected_line_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else len(self.cart.lines) - 1
        line = self.model.line_at(row)
        return line.id if line is not None else None

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _move_selection(self, step: int) -> None:
        if self.cart.empty:
            return
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else len(self.cart.lines) - 1
        self._select_row(max(0, min(current + step, len(self.cart.lines) - 1)))

    # --- messages ---------------------------------------------------------------------------

    def show_message(self, text: str, kind: str = "info") -> None:
        self.message.setText(text)
        if kind != self._message_kind:  # re-polishing restyles the label: only on a change
            self._message_kind = kind
            self.message.setProperty("kind", kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        if self.message.isHidden():
            self.message.show()
        self.message_shown.emit(text, kind)

    def focus_default(self) -> None:
        """Keyboard focus to the scan/search field (after log-in, after dialogs)."""
        self.scan_field.setFocus()

    def hide_message(self) -> None:
        self.message.hide()

    def clear_search(self, keep_message: bool = False) -> None:
        self.scan_field.clear()
        self.results = []
        self.results_list.clear()
        self.results_list.hide()
        if not keep_message:
            self.hide_message()
        self.scan_field.setFocus()

    def _show_last_sale(self, receipt_no: str, total: int) -> None:
        self.last_sale_label.setText(
            self.tr("Last sale: {number} · {total}").format(number=receipt_no, total=money(total))
        )

