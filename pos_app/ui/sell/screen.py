"""The sell screen: scan or search, the cart, pay, hold/recall, returns, void, reprint.

``SellScreen(services, lanes, parent)`` is hosted by the main window, which forwards scanner
bursts to :meth:`SellScreen.on_scanned`. Threads: lookups and searches are indexed reads done on
the GUI thread (a scan paints its row at once); every write — saving the open cart after each
change, parking, recalling, committing a sale, returns, voids, queuing a receipt — goes through
the ``db`` lane with a *copy* of the cart, so the worker never reads an object the GUI changes.

Keys (also in the hint bar): scan/type + Enter adds; ↑/↓ pick a search result or a cart line;
+/- change the selected line's quantity; F5 quantity, F6 price, F7 line discount, Del remove;
F8 hold, F9 recall, F10 returns, F11 void last sale, F12 pay; Ctrl+N new sale; Ctrl+P reprint
last receipt; Ctrl+K "no sale" (open the drawer; a cashier needs a manager's PIN); Ctrl+D
customer display; Esc clears the search.

Who is at the till: :data:`pos_app.ui.common.approval.CASHIER` until log-in exists, and approvals
come from :attr:`SellScreen.request_approval` (see ``approval.py`` for the seam).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.cart import CASH, Cart, CartError, PaymentInput, parse_qty
from pos_app.domain.ids import parse_receipt_number, receipt_number
from pos_app.domain.money import parse_vnd
from pos_app.domain.ocop import Saleability, stars_text
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.catalog.lookup import ProductInfo
from pos_app.services.people.approval import ApprovalRequired
from pos_app.services.people.users import NO_SALE, can
from pos_app.services.sales.checkout import CheckoutError, CompletedSale
from pos_app.ui.common import approval as approval_seam
from pos_app.ui.common.style import MUTED, SELL_STYLE, money
from pos_app.ui.messages.sell import barcode_text, error_text, printer_error_text
from pos_app.ui.sell.cart_model import (
    COL_NO,
    COL_PRICE,
    COL_PRODUCT,
    COL_QTY,
    COL_TOTAL,
    CartModel,
    ProductDelegate,
)
from pos_app.ui.sell.customer_display import CustomerDisplay
from pos_app.ui.sell.dialogs import RecallDialog, ValueDialog, VoidDialog
from pos_app.ui.sell.payment import BankAccount, PaymentDialog

log = logging.getLogger(__name__)

SEARCH_MIN_CHARS = 2
SEARCH_LIMIT = 30


def error_message(exc: BaseException) -> str:
    """Any refusal from the cart, checkout or barcode rules as one sentence."""
    if isinstance(exc, BarcodeError):
        return barcode_text(exc)
    if isinstance(exc, CartError | CheckoutError):
        return error_text(exc.code, **exc.info)
    if isinstance(exc, ApprovalRequired):
        return error_text(exc.problem)
    return error_text("unexpected")


class _PrintBridge(QObject):
    """Print-service events (called on its worker thread) → a Qt signal on the GUI thread."""

    job = Signal(object)

    def __call__(self, job_event: object) -> None:
        self.job.emit(job_event)


class SellScreen(QWidget):
    cart_changed = Signal()
    sale_completed = Signal(object)  # CompletedSale
    message_shown = Signal(str, str)  # text, kind (info | warn | error)

    def __init__(self, services: Any, lanes: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SellRoot")
        self.setStyleSheet(SELL_STYLE)
        self.services = services
        self.lanes = lanes
        self.checkout = services.checkout
        self.catalog = getattr(services, "catalog", None)
        self.printing = getattr(services, "printing", None)
        self.settings = services.settings
        self.cashier = approval_seam.CASHIER
        self.request_approval = approval_seam.request_approval
        """The approval seam: ``(parent, codes, cashier) -> Approval | None``."""
        self.pending_writes = 0
        self._save_due = False  # a cart save waits for the event loop (see save_cart)
        self._message_kind: str | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.customer_display: CustomerDisplay | None = None
        self.last_completed: CompletedSale | None = None
        self.returns_dialog: Any = None
        self.results: list[Any] = []
        self._build()
        self._shortcuts()
        self.model.qty_editor = self.set_qty_text
        self._restore_cart()
        self._print_bridge: _PrintBridge | None = None
        if self.printing is not None and hasattr(self.printing, "add_listener"):
            self._print_bridge = _PrintBridge(self)
            self._print_bridge.job.connect(self._on_print_event)
            self.printing.add_listener(self._print_bridge)
        if len(QGuiApplication.screens()) > 1:
            self.toggle_customer_display()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 16, 20, 12)
        root.setSpacing(12)
        body = QHBoxLayout()
        body.setSpacing(18)
        root.addLayout(body, 1)

        left = QVBoxLayout()
        left.setSpacing(10)
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("ScanField")
        self.scan_field.setPlaceholderText(
            self.tr("Scan a barcode or type a product name (no tone marks needed)…")
        )
        self.scan_field.setClearButtonEnabled(True)
        self.scan_field.textEdited.connect(self._on_search_text)
        self.scan_field.returnPressed.connect(self._on_enter)
        self.scan_field.installEventFilter(self)
        left.addWidget(self.scan_field)

        self.message = QLabel()
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.message.hide()
        left.addWidget(self.message)

        self.results_list = QListWidget()
        self.results_list.setObjectName("Results")
        self.results_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results_list.itemClicked.connect(lambda _i: self.pick_result())
        self.results_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results_list.hide()
        left.addWidget(self.results_list, 2)

        self.model = CartModel(self)
        self.table = QTableView()
        self.table.setObjectName("CartTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_PRODUCT, ProductDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NO, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_QTY, 64), (COL_PRICE, 124), (COL_TOTAL, 136)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(COL_NO, 36)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setMinimumSectionSize(40)
        left.addWidget(self.table, 3)

        self.empty_hint = QLabel(
            self.tr("The cart is empty. Scan a product to start a sale.")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet(f"color: {MUTED}; font-size: 17px; padding: 8px;")
        left.addWidget(self.empty_hint)
        body.addLayout(left, 13)

        body.addWidget(self._build_side(), 6)
        root.addWidget(self._build_hint_bar())

    def _build_side(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        card = QFrame()
        card.setObjectName("Card")
        totals = QGridLayout(card)
        totals.setContentsMargins(20, 16, 20, 16)
        totals.setVerticalSpacing(6)
        self.items_value = QLabel()
        self.subtotal_value = QLabel()
        self.discount_value = QLabel()
        self.vat_value = QLabel()
        rows = (
            (self.tr("Items"), self.items_value),
            (self.tr("Subtotal"), self.subtotal_value),
            (self.tr("Discount"), self.discount_value),
            (self.tr("VAT included"), self.vat_value),
        )
        for row, (caption, value) in enumerate(rows):
            label = QLabel(caption)
            label.setObjectName("Muted")
            label.setStyleSheet("font-size: 15px;")
            value.setStyleSheet("font-size: 15px;")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            totals.addWidget(label, row, 0)
            totals.addWidget(value, row, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #dde3e8;")
        totals.addWidget(line, len(rows), 0, 1, 2)
        total_caption = QLabel(self.tr("Total"))
        total_caption.setObjectName("TotalLabel")
        totals.addWidget(total_caption, len(rows) + 1, 0, 1, 2)
        self.total_value = QLabel(money(0))
        self.total_value.setObjectName("TotalValue")
        self.total_value.setAlignment(Qt.AlignmentFlag.AlignRight)
        totals.addWidget(self.total_value, len(rows) + 2, 0, 1, 2)
        layout.addWidget(card)

        self.pay_button = QPushButton(self.tr("Pay   F12"))
        self.pay_button.setObjectName("PayButton")
        self.pay_button.setMinimumHeight(72)
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pay_button.clicked.connect(self.open_payment)
        layout.addWidget(self.pay_button)

        grid = QGridLayout()
        grid.setSpacing(8)
        actions = (
            (self.tr("Quantity"), "F5", self.edit_qty),
            (self.tr("Price"), "F6", self.edit_price),
            (self.tr("Discount"), "F7", self.edit_discount),
            (self.tr("Remove"), "Del", self.remove_selected),
            (self.tr("Hold"), "F8", self.hold),
            (self.tr("Recall"), "F9", self.open_recall),
            (self.tr("Return"), "F10", self.open_returns),
            (self.tr("Void last"), "F11", self.void_last_sale),
            (self.tr("New sale"), "Ctrl+N", self.new_sale),
            (self.tr("Reprint"), "Ctrl+P", self.reprint_last),
            (self.tr("Open drawer"), "Ctrl+K", self.open_drawer),
        )
        self.action_buttons: dict[str, QPushButton] = {}
        for index, (text, key, slot) in enumerate(actions):
            # one line each: six rows of two-line buttons squeezed the Pay button at 1366x768
            button = QPushButton(f"{text} · {key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            button.setStyleSheet("font-size: 14px; padding: 2px 4px;")
            button.clicked.connect(slot)
            grid.addWidget(button, index // 2, index % 2)
            self.action_buttons[key] = button
        layout.addLayout(grid)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        self.last_sale_label = QLabel()
        self.last_sale_label.setObjectName("Muted")
        self.last_sale_label.setWordWrap(True)
        bottom.addWidget(self.last_sale_label, 1)
        display_button = QPushButton(self.tr("Customer display (Ctrl+D)"))
        display_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        display_button.setStyleSheet(
            "font-size: 13px; padding: 4px 8px; min-height: 20px; color: #6b7785;")
        display_button.clicked.connect(self.toggle_customer_display)
        bottom.addWidget(display_button)
        layout.addLayout(bottom)
        return side

    def _build_hint_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("HintBar")
        bar.setStyleSheet("QFrame#HintBar { border-top: 1px solid #dde3e8; }")
        # Two rows of five: one row cut words off ("Thanh t", "Ctrl·") at 1366 px.
        layout = QGridLayout(bar)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setHorizontalSpacing(14)
        layout.setVerticalSpacing(4)
        hints = (
            ("F12", self.tr("Pay")),
            ("+ / −", self.tr("Qty")),
            ("Del", self.tr("Remove")),
            ("F8", self.tr("Hold")),
            ("F9", self.tr("Recall")),
            ("F10", self.tr("Return")),
            ("F11", self.tr("Void last")),
            ("Ctrl+P", self.tr("Reprint")),
            ("Ctrl+K", self.tr("Open drawer")),
            ("Esc", self.tr("Clear")),
        )
        self.hint_labels: list[QLabel] = []
        per_row = (len(hints) + 1) // 2
        for index, (key, text) in enumerate(hints):
            cell = QHBoxLayout()
            cell.setSpacing(6)
            cap = QLabel(key)
            cap.setObjectName("Key")
            label = QLabel(text)
            label.setObjectName("KeyText")
            for widget in (cap, label):
                widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            cell.addWidget(cap)
            cell.addWidget(label)
            cell.addStretch(1)
            layout.addLayout(cell, index // per_row, index % per_row)
            self.hint_labels.append(label)
        layout.setColumnStretch(per_row, 1)
        return bar

    def _shortcuts(self) -> None:
        keys = {
            "F12": self.open_payment,
            "F5": self.edit_qty,
            "F6": self.edit_price,
            "F7": self.edit_discount,
            "F8": self.hold,
            "F9": self.open_recall,
            "F10": self.open_returns,
            "F11": self.void_last_sale,
            "Del": self.remove_selected,
            "Ctrl+N": self.new_sale,
            "Ctrl+P": self.reprint_last,
            "Ctrl+K": self.open_drawer,
            "Ctrl+D": self.toggle_customer_display,
        }
        self._shortcut_list: list[QShortcut] = []
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            self._shortcut_list.append(shortcut)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=slot: self._unless_dialog(s))

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self.scan_field
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F12
            and not event.modifiers()
        ):
            # F12 is Pay while the cashier is selling, even if a window-wide shortcut (e.g.
            # "switch cashier") also claims F12: taking the override delivers it here.
            event.accept()
            return True
        if watched is self.scan_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_F12 and not event.modifiers():
                self._unless_dialog(self.open_payment)
                return True
            searching = self.results_list.isVisible() and self.results_list.count() > 0
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                if searching:
                    row = self.results_list.currentRow() + step
                    self.results_list.setCurrentRow(max(0, min(row, self.results_list.count() - 1)))
                else:
                    self._move_selection(step)
                return True
            if key == Qt.Key.Key_Escape:
                self.clear_search()
                return True
            if not self.scan_field.text() and key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
                self.change_qty(1 if key == Qt.Key.Key_Plus else -1)
                return True
            if not self.scan_field.text() and key == Qt.Key.Key_Delete:
                self.remove_selected()  # the line edit would swallow the Del shortcut
                return True
        return super().eventFilter(watched, event)

    # --- cart state -------------------------------------------------------------------------

    @property
    def cart(self) -> Cart:
        return self.model.cart

    @property
    def idle(self) -> bool:
        """No write is waiting on the db lane (tests wait for this)."""
        return self.pending_writes == 0

    def _restore_cart(self) -> None:
        try:
            cart = self.checkout.open_cart()
        except CartError as exc:
            self.show_message(error_message(exc), "warn")
            cart = Cart(approval_percent=self.checkout.approval_percent)
        self._set_cart(cart)
        if not cart.empty:
            self.show_message(self.tr("The open sale was restored."), "info")
        last = self._safe(self.checkout.last_sale)
        if last is not None:
            self._show_last_sale(last.receipt_no, last.total)

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
        if not missing or self.catalog is None:
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
        self._write(self.checkout.save_cart, snapshot, cashier_name=self.cashier.name)

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

    # --- scanning and searching -------------------------------------------------------------

    def on_scanned(self, code: str) -> None:
        """A scanner burst (from the app-wide filter or a serial scanner)."""
        if self.returns_dialog is not None and self.returns_dialog.isVisible():
            self.returns_dialog.find_receipt(code)  # the receipt's barcode
            return
        paid = self.payment_dialog
        if paid is not None and paid.isVisible() and paid.done_ok:
            paid.accept()  # the next customer's first item closes the "paid" view
        if self.dialog_open():
            self.on_scanned_while_busy(code)
            return
        # every outcome of add_by_code shows its own message: hiding the old one first would
        # only re-lay out the column twice per scan
        self.clear_search(keep_message=True)
        self.add_by_code(code)

    def on_scanned_while_busy(self, code: str) -> None:
        if self.returns_dialog is not None and self.returns_dialog.isVisible():
            self.returns_dialog.find_receipt(code)
            return
        self.show_message(
            self.tr("Scanned {code}: finish the open window first, then scan again.").format(
                code=code
            ),
            "warn",
        )

    def add_by_code(self, code: str) -> bool:
        if self.catalog is None:
            self.show_message(error_text("unknown_product"), "error")
            return False
        try:
            result = self.catalog.lookup_code(code)
        except BarcodeError as exc:
            self.show_message(barcode_text(exc), "error")
            return False
        if result.product is None:
            self.scan_field.setText(code.strip())
            self._run_search(code.strip())
            self.show_message(
                self.tr("Code {code} is not in the catalog. Search by name below, or press Esc.")
                .format(code=code.strip()),
                "warn",
            )
            return False
        return self.add_product(result.product, grams=result.grams, barcode=result.code)

    def add_product(self, product: Any, *, grams: int | None = None, barcode: str = "") -> bool:
        """Put a catalog product (``ProductInfo``) in the cart, applying the OCOP guard."""
        if getattr(product, "saleability", None) is not None:
            self.model.saleability[product.id] = product.saleability
        try:
            line = self.checkout.add_product(
                self.cart, product.id, grams=grams, barcode=barcode,
                known=product if isinstance(product, ProductInfo) else None,
            )
        except CheckoutError as exc:
            if exc.code == "needs_weight":
                return self._ask_weight(product, barcode)
            self.show_message(self._refusal(exc, product), "error")
            return False
        except CartError as exc:
            self.show_message(error_message(exc), "error")
            return False
        self._changed(line.id)
        state = self.model.saleability.get(product.id)
        if "expired_cert" in line.approvals:
            self.show_message(
                self.tr("{name}: OCOP certificate expired — a manager approves at payment.")
                .format(name=product.name_vi),
                "warn",
            )
        elif state is Saleability.EXPIRING and product.cert_expires is not None:
            self.show_message(
                self.tr("{name}: OCOP certificate expires on {date}.").format(
                    name=product.name_vi, date=product.cert_expires.strftime("%d/%m/%Y")
                ),
                "warn",
            )
        else:
            self.show_message(
                self.tr("Added {name} — {price}").format(
                    name=product.name_vi, price=money(line.unit_price)
                ),
                "info",
            )
        return True

    def _refusal(self, exc: CheckoutError, product: Any) -> str:
        if exc.code == "revoked":
            return self.tr(
                "{name} cannot be sold: its OCOP certificate {number} has been revoked."
            ).format(name=product.name_vi, number=getattr(product, "certificate_no", "") or "—")
        return error_message(exc)

    def _ask_weight(self, product: Any, barcode: str) -> bool:
        added = False

        def apply(text: str) -> str | None:
            nonlocal added
            try:
                grams = parse_qty(text, "gram")
                line = self.checkout.add_product(
                    self.cart, product.id, grams=grams, barcode=barcode
                )
            except (CartError, CheckoutError) as exc:
                return error_message(exc)
            added = True
            self._changed(line.id)
            return None

        dialog = ValueDialog(
            self.tr("Weight"),
            self.tr("{name} is sold by weight. Grams on the scale:").format(name=product.name_vi),
            apply, hint=self.tr("e.g. 250"), parent=self,
        )
        self.run_modal(dialog)
        return added

    def _on_search_text(self, text: str) -> None:
        self.hide_message()
        self._run_search(text)

    def _run_search(self, text: str) -> None:
        query = text.strip()
        if len(query) < SEARCH_MIN_CHARS or self.catalog is None:
            self.results = []
            self.results_list.clear()
            self.results_list.hide()
            return
        self.results = self._safe(self.catalog.search, query, SEARCH_LIMIT) or []
        self.results_list.clear()
        for info in self.results:
            stars = stars_text(info.stars) if info.stars else ""
            flag = ""
            if info.saleability is Saleability.REVOKED:
                flag = "  ⛔ " + self.tr("revoked")
            elif info.saleability is Saleability.EXPIRED:
                flag = "  ⚠ " + self.tr("certificate expired")
            elif info.saleability is Saleability.EXPIRING:
                flag = "  · " + self.tr("certificate expires soon")
            text_line = f"{info.name_vi}  {stars}   {money(info.price)}{flag}\n" \
                        f"{info.name_en} · {info.producer_name} · {info.sku}"
            self.results_list.addItem(QListWidgetItem(text_line))
        if not self.results:
            item = QListWidgetItem(self.tr("No product matches “{query}”.").format(query=query))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results_list.addItem(item)
        else:
            self.results_list.setCurrentRow(0)
        self.results_list.show()

    def _on_enter(self) -> None:
        """Enter in the scan field: pick the highlighted result, or treat the text as a code."""
        text = self.scan_field.text().strip()
        if not text:
            return
        looks_like_code = text.isascii() and text.isdigit() and len(text) >= 8
        if looks_like_code:  # a barcode typed by hand: never guess another product for it
            if self.add_by_code(text):
                self.clear_search(keep_message=True)
            return
        if self.results and self.results_list.isVisible():
            self.pick_result()
            return
        if self.add_by_code(text):
            self.clear_search()

    def pick_result(self, row: int | None = None) -> bool:
        index = self.results_list.currentRow() if row is None else row
        if not 0 <= index < len(self.results):
            return False
        product = self.results[index]
        added = self.add_product(product)
        if added:
            self.clear_search(keep_message=True)
        return added

    def clear_search(self, keep_message: bool = False) -> None:
        self.scan_field.clear()
        self.results = []
        self.results_list.clear()
        self.results_list.hide()
        if not keep_message:
            self.hide_message()
        self.scan_field.setFocus()

    # --- editing lines ----------------------------------------------------------------------

    def set_qty_text(self, line_id: str, text: str) -> bool:
        """Set a line's quantity from typed text; refused input shows why and changes nothing."""
        problem = self._apply_qty(line_id, text)
        if problem:
            self.show_message(problem, "error")
            return False
        return True

    def _apply_qty(self, line_id: str, text: str) -> str | None:
        try:
            line = self.cart.line(line_id)
            qty = parse_qty(text, line.unit)
            self.cart.set_qty(line_id, qty)
        except CartError as exc:
            return error_message(exc)
        self._changed(line_id)
        return None

    def change_qty(self, step: int) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        if line.weighed:
            self.show_message(error_text("needs_weight"), "warn")
            return
        if line.qty + step < 1:
            self.remove_line(line_id)
            return
        self.set_qty_text(line_id, str(line.qty + step))

    def edit_qty(self) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        caption = self.tr("{name}: how many?").format(name=line.name_vi)
        if line.weighed:
            caption = self.tr("{name}: how many grams?").format(name=line.name_vi)
        self.run_modal(ValueDialog(
            self.tr("Quantity"), caption, lambda text: self._apply_qty(line_id, text),
            initial=str(line.qty), parent=self,
        ))

    def set_price_text(self, line_id: str, text: str) -> str | None:
        try:
            price = int(parse_vnd(text))
        except ValueError:
            return error_text("price_not_positive")
        try:
            line = self.cart.override_price(line_id, price)
        except CartError as exc:
            return error_message(exc)
        self._changed(line_id)
        if line.approvals:
            self.show_message(
                self.tr("Price changed to {price}: a manager approves at payment.").format(
                    price=money(price)), "warn")
        return None

    def edit_price(self) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        self.run_modal(ValueDialog(
            self.tr("Price"),
            self.tr("{name}: list price {price}. New unit price:").format(
                name=line.name_vi, price=money(line.list_price)),
            lambda text: self.set_price_text(line_id, text),
            initial=str(line.unit_price),
            hint=self.tr("More than {percent}% below the list price needs a manager.").format(
                percent=self.cart.approval_percent),
            parent=self,
        ))

    def set_discount_text(self, line_id: str, text: str) -> str | None:
        cleaned = text.strip()
        try:
            if cleaned.endswith("%"):
                percent = int(cleaned[:-1].strip())
                if not 0 <= percent <= 100:
                    return error_text("discount_too_large")
                line = self.cart.line(line_id)
                amount = (line.gross * percent + 50) // 100
            else:
                amount = int(parse_vnd(cleaned)) if cleaned else 0
        except ValueError:
            return error_text("discount_negative")
        try:
            line = self.cart.set_line_discount(line_id, amount)
        except CartError as exc:
            return error_message(exc)
        self._changed(line_id)
        if line.approvals:
            self.show_message(
                self.tr("Discount {amount}: a manager approves at payment.").format(
                    amount=money(amount)), "warn")
        return None

    def edit_discount(self) -> None:
        line_id = self.selected_line_id()
        if line_id is None:
            return
        line = self.cart.line(line_id)
        self.run_modal(ValueDialog(
            self.tr("Line discount"),
            self.tr("{name}: discount in đồng, or a percentage like 5%.").format(
                name=line.name_vi),
            lambda text: self.set_discount_text(line_id, text),
            initial=str(line.discount or ""),
            hint=self.tr("More than {percent}% needs a manager.").format(
                percent=self.cart.approval_percent),
            parent=self,
        ))

    def remove_line(self, line_id: str) -> None:
        try:
            line = self.cart.remove(line_id)
        except CartError as exc:
            self.show_message(error_message(exc), "error")
            return
        self._changed()
        if self.cart.lines:
            self._select_row(min(self.model.row_of(line_id), len(self.cart.lines) - 1)
                             if self.model.row_of(line_id) >= 0 else len(self.cart.lines) - 1)
        self.show_message(self.tr("Removed {name}.").format(name=line.name_vi), "info")

    def remove_selected(self) -> None:
        line_id = self.selected_line_id()
        if line_id is not None:
            self.remove_line(line_id)

    # --- hold, recall, new sale -------------------------------------------------------------

    def hold(self, label: str | None = None) -> bool:
        """F8: put the cart on hold under a label (asked for when not given)."""
        if self.cart.empty:
            self.show_message(error_text("empty_cart"), "warn")
            return False
        if label is None:
            chosen: list[str] = []

            def take(text: str) -> str | None:
                chosen.append(text.strip())
                return None

            dialog = ValueDialog(
                self.tr("Hold sale"), self.tr("A label to find it again (optional):"), take,
                hint=self.tr("e.g. lady in the blue dress"), parent=self,
            )
            if self.run_modal(dialog) != QDialog.DialogCode.Accepted:
                return False
            label = chosen[-1] if chosen else ""
        held = self.cart
        snapshot = Cart.from_json(held.to_json(), held.approval_percent)
        fresh = Cart(approval_percent=self.checkout.approval_percent)

        def parked(_result: Any) -> None:
            self.show_message(
                self.tr("Sale held as “{label}”. F9 recalls it.").format(
                    label=label or self.tr("(no label)")), "info")

        def failed(exc: BaseException) -> None:
            if self.cart.empty:
                self._set_cart(held)
            self.show_message(error_message(exc), "error")

        self._write(self.checkout.park, snapshot, label, cashier_name=self.cashier.name,
                    on_done=parked, on_error=failed)
        self._set_cart(fresh)
        self.cart_changed.emit()
        return True

    def open_recall(self) -> None:
        carts = self._safe(self.checkout.parked) or []
        dialog = RecallDialog(carts, self, on_drop=self.drop_held)
        if self.run_modal(dialog) == QDialog.DialogCode.Accepted:
            chosen = dialog.chosen()
            if chosen is not None:
                self.recall(chosen.id)

    def drop_held(self, cart_id: str) -> None:
        """Discard a held sale for good (the customer left)."""
        self._write(self.checkout.drop_parked, cart_id, on_done=lambda _r: self.show_message(
            self.tr("Held sale discarded."), "info"))

    def recall(self, cart_id: str) -> None:
        """Make a held cart the open one (the current one, if not empty, is held unlabelled)."""
        had_lines = not self.cart.empty

        def recalled(cart: Cart) -> None:
            self._set_cart(cart)
            self.cart_changed.emit()
            text = self.tr("Held sale recalled.")
            if had_lines:
                text = self.tr("Held sale recalled; the previous sale was put on hold.")
            self.show_message(text, "info")

        self._write(self.checkout.recall, cart_id, on_done=recalled)

    def new_sale(self) -> None:
        """Ctrl+N: start an empty cart at once. A cart with lines is never thrown away: it is
        held unlabelled (F9 recalls it; Del in the held list discards it for good)."""
        if not self.cart.empty:
            self.hold(label="")
            self.show_message(
                self.tr("New sale. The previous one was held: F9 recalls it."), "info")
        self.clear_search(keep_message=True)

    # --- payment ----------------------------------------------------------------------------

    def bank_account(self) -> BankAccount:
        return BankAccount(
            bin=self.settings.get(config.BANK_BIN).strip(),
            account=self.settings.get(config.BANK_ACCOUNT).strip(),
            holder=self.settings.get(config.BANK_ACCOUNT_NAME).strip(),
        )

    def expected_receipt_no(self) -> str | None:
        """The receipt number the next sale of this till will get: the last one of today
        (Hanoi date) plus one. One till has one writer, so this holds unless the commit fails."""
        till = self.settings.get(config.TILL_CODE).strip().upper()
        now = self.services.clock.now()
        if now.tzinfo is None:
            now = now.replace(tzinfo=dt.UTC)
        today = now.astimezone(hanoi_tz()).date()
        last = self._safe(self.checkout.last_sale)
        seq = 1
        if last is not None:
            try:
                parsed = parse_receipt_number(last.receipt_no)
            except ValueError:
                return None
            if parsed.date == today:
                seq = parsed.seq + 1
        try:
            return receipt_number(till, today, seq)
        except ValueError:
            return None

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
        dialog = PaymentDialog(self.cart.total, self.bank_account(), self.transfer_note(), self)
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
        codes = self.cart.approvals
        if codes and approval is None:
            approval = self.request_approval(self, codes, self.cashier)
            if approval is None:
                dialog.show_error(error_text("missing"))
                return
        snapshot = Cart.from_json(self.cart.to_json(), self.cart.approval_percent)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ApprovalRequired) and exc.problem == "missing":
                retry = self.request_approval(self, exc.codes, self.cashier)
                if retry is not None:
                    self._commit(dialog, payments, retry)
                    return
            dialog.show_error(error_message(exc))

        self._write(
            self.checkout.complete_sale, snapshot, payments, cashier=self.cashier,
            approval=approval,
            on_done=lambda done: self._sale_done(dialog, done, payments), on_error=failed,
        )

    def _sale_done(self, dialog: PaymentDialog, done: CompletedSale,
                   payments: list[PaymentInput]) -> None:
        self.last_completed = done
        cash = any(p.method == CASH for p in payments)
        printing = ""
        if self.printing is not None:
            printing = self.tr("Printing the receipt…")
            self._write(self.printing.print_receipt, done.sale_id, kick_drawer=cash,
                        on_error=lambda exc: self.show_message(
                            self.tr("Receipt not queued for printing ({error}).").format(
                                error=getattr(exc, "code", type(exc).__name__)), "error"))
        dialog.show_success(done.receipt_no, done.change, printing)
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
        self.services.sync.notify()  # push it now

    def _show_last_sale(self, receipt_no: str, total: int) -> None:
        self.last_sale_label.setText(
            self.tr("Last sale: {number} · {total}").format(number=receipt_no, total=money(total))
        )

    # --- printing ---------------------------------------------------------------------------

    def _on_print_event(self, event: Any) -> None:
        status = getattr(event, "status", "")
        number = getattr(event, "receipt_no", "")
        dialog = self.payment_dialog
        if status == "printed" and dialog is not None and dialog.done_ok:
            dialog.set_print_status(self.tr("Receipt printed."))
        if status == "failed" and getattr(event, "kind", "") == "drawer":
            self.show_message(self.tr("The drawer did not open: {problem}").format(
                problem=printer_error_text(getattr(event, "error_code", ""))), "error")
            return
        if status == "failed":
            text = self.tr("{problem} — receipt {number} is kept for reprint (Ctrl+P).").format(
                problem=printer_error_text(getattr(event, "error_code", "")), number=number)
            self.show_message(text, "error")
            if dialog is not None and dialog.done_ok:
                dialog.set_print_status(text)

    def reprint_last(self) -> None:
        """Ctrl+P: print the last sale's receipt again (marked as a copy)."""
        if self.printing is None:
            self.show_message(printer_error_text("not_configured"), "warn")
            return
        last = self._safe(self.checkout.last_sale)
        if last is None:
            self.show_message(error_text("no_sale"), "warn")
            return
        self._write(self.printing.reprint, last.receipt_no, on_done=lambda _job: self.show_message(
            self.tr("Reprinting receipt {number}.").format(number=last.receipt_no), "info"))

    def open_drawer(self) -> None:
        """Ctrl+K "no sale": open the cash drawer; a cashier needs a manager's approval."""
        if self.printing is None or not hasattr(self.printing, "open_drawer"):
            self.show_message(printer_error_text("not_configured"), "warn")
            return
        approved_by = ""
        if not can(self.cashier.role, NO_SALE):
            approval = self.request_approval(self, (NO_SALE,), self.cashier)
            if approval is None:
                self.show_message(error_text("missing"), "warn")
                return
            approved_by = approval.approver.name
        self.lanes.run(
            "print", self.printing.open_drawer, user=self.cashier.name, approved_by=approved_by,
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
        approval = self.request_approval(self, ("void",), self.cashier)
        if approval is None:
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

    # --- customer display -------------------------------------------------------------------

    def toggle_customer_display(self) -> None:
        """Ctrl+D: open (on a second screen if there is one) or close the customer display."""
        if self.customer_display is not None and self.customer_display.isVisible():
            self.customer_display.close()
            return
        if self.customer_display is None:
            name = self.settings.get(config.SHOWROOM_NAME)
            self.customer_display = CustomerDisplay(name)
        self.customer_display.show_lines(self.cart.lines, self.cart.total)
        if not self.customer_display.place_on_second_screen():
            self.customer_display.show()

    def shutdown(self) -> None:
        """Called by the main window on close: detach listeners, close the second window."""
        if self._print_bridge is not None and hasattr(self.printing, "remove_listener"):
            self.printing.remove_listener(self._print_bridge)
            self._print_bridge = None
        if self.customer_display is not None:
            self.customer_display.close()
            self.customer_display.deleteLater()
            self.customer_display = None


__all__ = ["SellScreen", "error_message"]
