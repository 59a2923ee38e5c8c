"""The sell screen: scan or search, the cart, pay, hold/recall, returns, void, reprint.

``SellScreen(services, lanes, session, events, parent)`` is hosted by the main window, which
forwards scanner bursts to :meth:`SellScreen.on_scanned`. Threads: lookups and searches are
indexed reads done on the GUI thread (a scan paints its row at once); every write — saving the
open cart after each change, parking, recalling, committing a sale, returns, voids, queuing a
receipt — goes through the ``db`` lane with a *copy* of the cart, so the worker never reads an
object the GUI changes. Print job changes arrive through the window's one Qt bridge
(``UiEvents.print_job``).

Keys (also in the hint bar): scan/type + Enter adds; ↑/↓ pick a search result or a cart line;
+/- change the selected line's quantity; F5 quantity, F6 price, F7 line discount, Del remove;
F8 hold, F9 recall, F10 returns, F11 void last sale, F12 pay; Ctrl+N new sale; Ctrl+P reprint
last receipt; Ctrl+K "no sale" (open the drawer; a cashier needs a manager's PIN); Ctrl+D
customer display; Esc clears the search.

Who is at the till and a manager's approval come from the :class:`CounterSession` the main window
passes in (``session.actor``, ``session.approve(parent, codes)``); with nobody logged in, a sale,
the drawer and anything a manager approves are refused with a message saying so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.domain.cart import Cart, CartError
from pos_app.services.sales.checkout import CompletedSale
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.style import MUTED, SELL_STYLE, money
from pos_app.ui.common.widgets import message_line
from pos_app.ui.sell.base import SellBase, error_message
from pos_app.ui.sell.cart_editing import CartEditing
from pos_app.ui.sell.cart_model import (
    COL_NO,
    COL_PRICE,
    COL_PRODUCT,
    COL_QTY,
    COL_TOTAL,
    CartModel,
    ProductDelegate,
)
from pos_app.ui.sell.checkout_flow import CheckoutFlow
from pos_app.ui.sell.customer_dialog import attach_customer
from pos_app.ui.sell.customer_display import CustomerDisplay
from pos_app.ui.sell.lookup import Lookup
from pos_app.ui.sell.orders_dialog import pick_order
from pos_app.ui.sell.payment import PaymentDialog

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.events import UiEvents
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)


class FitLabel(QLabel):
    """The big total: 46 px bold, smaller when the amount would not fit the card (a 1024 px wide
    window, a ten-million sale) -- never cut off."""

    LARGEST = 46
    SMALLEST = 24

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._px = 0
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def fitted_px(self) -> int:
        return self._px

    def _fit(self) -> None:
        room = self.contentsRect().width() - 4
        font = QFont(self.font())
        font.setBold(True)
        px = self.LARGEST
        while px > self.SMALLEST:
            font.setPixelSize(px)
            if QFontMetrics(font).horizontalAdvance(self.text()) <= room:
                break
            px -= 2
        if px != self._px:
            self._px = px
            self.setStyleSheet(f"font-size: {px}px;")


class SellScreen(Lookup, CartEditing, CheckoutFlow, SellBase):
    """The counter's sell screen: its layout and keys; the behaviour comes from the mixins."""

    def __init__(self, services: Services, lanes: Lanes, session: CounterSession,
                 events: UiEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SellRoot")
        self.setStyleSheet(SELL_STYLE)
        self.services = services
        self.lanes = lanes
        self.checkout = services.checkout
        self.catalog = services.catalog
        self.printing = services.printing
        self.settings = services.settings
        self.session = session
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
        self.events = events
        self._print_connection: QMetaObject.Connection | None = events.print_job.connect(
            self._on_print_event)
        if len(QGuiApplication.screens()) > 1:
            self.toggle_customer_display()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 16, 20, 12)
        root.setSpacing(12)
        self._root_layout = root
        body = QHBoxLayout()
        body.setSpacing(18)
        self._body_layout = body
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

        self.message = message_line()
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
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._size_columns(compact=False)
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

    def _size_columns(self, *, compact: bool) -> None:
        """Wide windows: the fixed columns of the 1366 px look. Narrow windows: number, quantity
        and money columns exactly as wide as their header and amounts (in bold), so the product
        name gets every pixel left and no amount is ever cut."""
        header = self.table.horizontalHeader()
        mode = (QHeaderView.ResizeMode.ResizeToContents if compact
                else QHeaderView.ResizeMode.Fixed)
        for column in (COL_NO, COL_QTY, COL_PRICE, COL_TOTAL):
            header.setSectionResizeMode(column, mode)
        if not compact:
            for column, width in ((COL_NO, 36), (COL_QTY, 64), (COL_PRICE, 124),
                                  (COL_TOTAL, 136)):
                self.table.setColumnWidth(column, width)

    def set_compact(self, compact: bool) -> None:
        """Narrow window (1024 px): tighter margins and money columns as wide as they need."""
        self._root_layout.setContentsMargins(*((12, 12, 12, 10) if compact else (20, 16, 20, 12)))
        self._body_layout.setSpacing(12 if compact else 18)
        self._size_columns(compact=compact)

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
        self.total_value = FitLabel(money(0))
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
            (self.tr("Bill"), "Ctrl+B", self.print_bill),
        )
        self.action_buttons: dict[str, QPushButton] = {}
        for index, (text, key, slot) in enumerate(actions):
            # one line each: six rows of two-line buttons squeezed the Pay button at 1366x768
            button = QPushButton(f"{text} · {key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumHeight(40)
            # min-height in the style sheet: a QSS rule overrides setMinimumHeight (they were 32 px)
            button.setStyleSheet("font-size: 14px; padding: 2px 4px; min-height: 34px;")
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
            "Ctrl+O": lambda: pick_order(self),  # a channel order (ui/sell/orders_dialog)
            "Ctrl+G": lambda: attach_customer(self),  # the customer (ui/sell/customer_dialog)
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
            "Ctrl+B": self.print_bill,
            "Ctrl+K": self.open_drawer,
            "Ctrl+D": self.toggle_customer_display,
        }
        self._shortcut_list: list[QShortcut] = []
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            self._shortcut_list.append(shortcut)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=slot: self._unless_dialog(s))

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
        """Called by the main window on close: stop listening, close the second window."""
        connection, self._print_connection = self._print_connection, None
        if connection is not None:
            QObject.disconnect(connection)  # a no-op if the bridge went first
        if self.customer_display is not None:
            self.customer_display.close()
            self.customer_display.deleteLater()
            self.customer_display = None


__all__ = ["SellScreen", "error_message"]
