"""Ctrl+O at the counter: the pending orders from online shops and livestreams; Enter takes the
highlighted one into the sale (its lines at the shop's prices), to be paid like any sale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pos_app.domain.cart import Cart, CartError
from pos_app.services.orders import OrderError, OrderService, OrderSummary
from pos_app.services.sales.checkout import CheckoutError
from pos_app.ui.common.dialogs import button_row, dialog_title, error_label, show_error
from pos_app.ui.common.style import SELL_STYLE, money
from pos_app.ui.messages.customers import Orders


class OrdersDialog(QDialog):
    """``cart`` is the chosen order as a cart on accept."""

    def __init__(self, orders: OrderService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SellDialog")
        self.setStyleSheet(SELL_STYLE)
        self.setWindowTitle(self.tr("Orders to pick"))
        self.setMinimumWidth(640)
        self.orders = orders
        self.cart: Cart | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(dialog_title(self.tr("Orders from shops and livestreams"), self))
        self.list = QListWidget(self)
        self.list.itemActivated.connect(lambda _item: self._take())
        layout.addWidget(self.list)
        self.error = error_label(self)
        layout.addWidget(self.error)
        row, ok = button_row(self, self.tr("Take into the sale (Enter)"))
        assert ok is not None
        ok.clicked.connect(self._take)
        layout.addLayout(row)
        for order in orders.pending():
            item = QListWidgetItem(self.tr("{channel} · {ref} · {buyer} · {lines} lines · "
                                           "{total}").format(
                channel=order.channel, ref=order.ref, buyer=order.buyer_name or "—",
                lines=order.lines, total=money(order.total)), self.list)
            item.setData(Qt.ItemDataRole.UserRole, order)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            show_error(self.error, self.tr("No order is waiting."))
        self.list.setFocus()

    def _take(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        order: OrderSummary = item.data(Qt.ItemDataRole.UserRole)
        try:
            self.cart = self.orders.to_cart(order.id)
        except OrderError:
            show_error(self.error, self.tr("This order was completed or cancelled meanwhile."))
            return
        except (CheckoutError, CartError) as exc:
            show_error(self.error, self.tr("This order cannot be sold now ({code}).").format(
                code=exc.code))
            return
        self.accept()


def pick_order(screen: Any) -> None:
    """Ctrl+O on the sell screen: take a pending channel order into an empty sale."""
    if not screen.cart.empty:
        screen.show_message(Orders.tr("Finish or hold the current sale first (F8)."), "warn")
        return
    dialog = OrdersDialog(screen.services.orders, parent=screen)
    if not screen.run_modal(dialog) or dialog.cart is None:
        return
    screen._set_cart(dialog.cart)
    screen._changed()
    screen.show_message(Orders.tr("Order taken into the sale: pay it with F12."))
