"""The customer-facing second window: what is being bought, the total, and the VietQR code.

Shown full screen on a second monitor when ``QGuiApplication.screens()`` has one (or from the
sell screen's menu). It only mirrors; it never takes input.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import Cart, CartLine
from pos_app.ui.common.dialogs import dialog_layout
from pos_app.ui.common.style import ACCENT, INK, MUTED, SELL_STYLE, money
from pos_app.ui.sell.cart_model import (
    COL_NO,
    COL_PRICE,
    COL_PRODUCT,
    COL_QTY,
    COL_TOTAL,
    CartModel,
    ProductDelegate,
)
from pos_app.ui.sell.qr import qr_pixmap


class CustomerDisplay(QWidget):
    """Mirror of the cart for the customer (a separate top-level window)."""

    def __init__(self, showroom_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        root = dialog_layout(self, self.tr("Customer display"), SELL_STYLE,
                             margins=(32, 24, 32, 24), spacing=16, name="CustomerDisplay")
        self.resize(1024, 640)
        header = QLabel(showroom_name)
        header.setStyleSheet(f"font-size: 20px; font-weight: bold; color: {ACCENT};")
        root.addWidget(header)

        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)

        # page 0: lines and total
        cart_page = QWidget()
        cart_layout = QVBoxLayout(cart_page)
        cart_layout.setContentsMargins(0, 0, 0, 0)
        self.model = CartModel(self, show_badges=False)
        self.lines = QTableView()
        self.lines.setObjectName("CartTable")
        self.lines.setModel(self.model)
        self.lines.setItemDelegateForColumn(COL_PRODUCT, ProductDelegate(self.lines))
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setShowGrid(False)
        self.lines.verticalHeader().hide()
        self.lines.setStyleSheet("QTableView#CartTable { font-size: 20px; }")
        columns = self.lines.horizontalHeader()
        columns.setSectionResizeMode(COL_PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_NO, 44), (COL_QTY, 80), (COL_PRICE, 170), (COL_TOTAL, 190)):
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.lines.setColumnWidth(column, width)
        self.lines.verticalHeader().setMinimumSectionSize(40)
        cart_layout.addWidget(self.lines, 1)
        total_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"font-size: 20px; color: {MUTED};")
        total_row.addWidget(self.count_label)
        total_row.addStretch(1)
        total_caption = QLabel(self.tr("Total"))
        total_caption.setStyleSheet(f"font-size: 24px; color: {MUTED};")
        total_row.addWidget(total_caption)
        self.total_label = QLabel(money(0))
        self.total_label.setStyleSheet(f"font-size: 56px; font-weight: bold; color: {INK};")
        total_row.addWidget(self.total_label)
        cart_layout.addLayout(total_row)
        self.pages.addWidget(cart_page)

        # page 1: the VietQR code
        qr_page = QFrame()
        qr_page.setObjectName("Card")
        qr_layout = QHBoxLayout(qr_page)
        qr_layout.setContentsMargins(32, 32, 32, 32)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qr_layout.addWidget(self.qr_label, 1)
        info = QVBoxLayout()
        info.addStretch(1)
        scan = QLabel(self.tr("Scan with your banking app"))
        scan.setWordWrap(True)
        scan.setStyleSheet(f"font-size: 26px; font-weight: bold; color: {INK};")
        info.addWidget(scan)
        self.qr_amount = QLabel()
        self.qr_amount.setStyleSheet(f"font-size: 48px; font-weight: bold; color: {ACCENT};")
        info.addWidget(self.qr_amount)
        self.qr_holder = QLabel()
        self.qr_holder.setWordWrap(True)
        self.qr_holder.setStyleSheet(f"font-size: 20px; color: {INK};")
        info.addWidget(self.qr_holder)
        info.addStretch(1)
        qr_layout.addLayout(info, 1)
        self.pages.addWidget(qr_page)

        # page 2: thank you
        thanks = QLabel()
        thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        thanks.setWordWrap(True)
        thanks.setStyleSheet(f"font-size: 40px; font-weight: bold; color: {ACCENT};")
        self.thanks_label = thanks
        self.pages.addWidget(thanks)
        self.show_lines([], 0)

    def show_lines(self, lines: Sequence[CartLine], total: int) -> None:
        self.model.set_cart(Cart(lines=list(lines)))
        self.model.fit_rows(self.lines)
        if lines:
            self.lines.scrollToBottom()
        items = sum(1 if ln.weighed else ln.qty for ln in lines)
        self.count_label.setText(self.tr("{count} items").format(count=items) if lines else "")
        self.total_label.setText(money(total))
        self.pages.setCurrentIndex(0)

    def show_qr(self, payload: str, amount: int, holder: str, account: str) -> None:
        self.qr_label.setPixmap(qr_pixmap(payload, 420))
        self.qr_amount.setText(money(amount))
        self.qr_holder.setText(
            self.tr("Account holder: {holder}\nAccount: {account}").format(
                holder=holder, account=account
            )
        )
        self.pages.setCurrentIndex(1)

    def hide_qr(self) -> None:
        self.qr_label.setPixmap(QPixmap())
        self.pages.setCurrentIndex(0)

    def show_thanks(self, change: int) -> None:
        text = self.tr("Thank you!")
        if change > 0:
            text += "\n" + self.tr("Your change: {amount}").format(amount=money(change))
        self.thanks_label.setText(text)
        self.pages.setCurrentIndex(2)

    def place_on_second_screen(self) -> bool:
        """Show full screen on a second monitor if there is one; else do nothing."""
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return False
        primary = QGuiApplication.primaryScreen()
        other = next((s for s in screens if s is not primary), screens[1])
        self.setGeometry(other.geometry())
        self.showFullScreen()
        return True


