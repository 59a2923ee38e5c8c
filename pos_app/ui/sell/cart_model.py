"""The cart as a Qt table: one row per line, product column drawn with stars and warnings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.ocop import Saleability, stars_text
from pos_app.ui.sell.messages import approval_reason
from pos_app.ui.sell.style import ACCENT_SOFT, INK, MUTED, STAR, WARN, WARN_SOFT, money

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
BADGES_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NO, COL_PRODUCT, COL_QTY, COL_PRICE, COL_TOTAL = range(5)

_Index = QModelIndex | QPersistentModelIndex


class CartModel(QAbstractTableModel):
    """Read-only view of a :class:`Cart` except the quantity column, whose edits go to
    ``qty_editor(line_id, text) -> bool`` (the screen validates and saves)."""

    def __init__(self, parent: QWidget | None = None, *, show_badges: bool = True) -> None:
        super().__init__(parent)
        self.show_badges = show_badges  # False on the customer display: warnings are internal
        self.cart = Cart()
        self.saleability: dict[int, Saleability] = {}
        self.qty_editor: Callable[[str, str], bool] | None = None

    def set_cart(self, cart: Cart) -> None:
        self.beginResetModel()
        self.cart = cart
        self.endResetModel()

    def refresh(self) -> None:
        """The cart changed in place: repaint every row (a cart holds tens of lines at most)."""
        self.beginResetModel()
        self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        if 0 <= row < len(self.cart.lines):
            return self.cart.lines[row]
        return None

    def row_of(self, line_id: str) -> int:
        for row, line in enumerate(self.cart.lines):
            if line.id == line_id:
                return row
        return -1

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cart.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "#", self.tr("Product"), self.tr("Qty"), self.tr("Unit price"), self.tr("Amount")
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section in (COL_QTY,):
                return int(Qt.AlignmentFlag.AlignCenter)
            if section in (COL_PRICE, COL_TOTAL):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def badges(self, line: CartLine) -> list[tuple[str, str]]:
        """(text, kind) chips shown under the product name: approvals and certificate state."""
        chips: list[tuple[str, str]] = []
        if not self.show_badges:
            return chips
        for code in line.approvals:
            chips.append((self.tr("Needs approval: {reason}").format(
                reason=approval_reason(code)), "warn"))
        state = self.saleability.get(line.product_id)
        if state is Saleability.EXPIRING:
            chips.append((self.tr("Certificate expires soon"), "info"))
        elif state is Saleability.EXPIRED and "expired_cert" not in line.approvals:
            chips.append((self.tr("Certificate expired"), "warn"))
        return chips

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        line = self.line_at(index.row())
        if line is None:
            return None
        column = index.column()
        if role == LINE_ROLE:
            return line
        if role == BADGES_ROLE:
            return self.badges(line)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == COL_NO:
                return str(index.row() + 1)
            if column == COL_PRODUCT:
                return line.name_vi
            if column == COL_QTY:
                if role == Qt.ItemDataRole.EditRole:
                    return str(line.qty)
                return f"{line.qty} g" if line.weighed else str(line.qty)
            if column == COL_PRICE:
                text = money(line.unit_price)
                return text + " /kg" if line.weighed else text
            if column == COL_TOTAL:
                return money(line.total)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PRODUCT:
            return f"{line.name_vi}\n{line.name_en}\nSKU {line.sku}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == COL_QTY:
                return int(Qt.AlignmentFlag.AlignCenter)
            if column in (COL_PRICE, COL_TOTAL):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == COL_TOTAL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_NO:
                return QColor(MUTED)
            if column == COL_PRICE and line.unit_price != line.list_price:
                return QColor(WARN)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self.line_at(index.row())
        if index.column() == COL_QTY and line is not None and not line.weighed:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line_at(index.row())
        if line is None or index.column() != COL_QTY or self.qty_editor is None:
            return False
        return self.qty_editor(line.id, str(value))


class ProductDelegate(QStyledItemDelegate):
    """Vietnamese name (large), English name (small, grey), ★ stars, warning chips."""

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        extra = 26 if index.data(BADGES_ROLE) else 0
        return QSize(base.width(), 60 + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        line: CartLine | None = index.data(LINE_ROLE)
        if line is None:
            super().paint(painter, option, index)
            return
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(ACCENT_SOFT))
        x = rect.left() + 8
        name_font = _scaled(option.font, 1.05)
        name_font.setBold(True)
        small = _scaled(option.font, 0.82)
        name_metrics = QFontMetrics(name_font)
        small_metrics = QFontMetrics(small)
        top = rect.top() + 9

        stars = stars_text(line.stars) if line.stars else ""
        stars_width = small_metrics.horizontalAdvance(stars + "  ") if stars else 0
        available = rect.width() - 16
        painter.setFont(name_font)
        painter.setPen(QColor(INK))
        name = name_metrics.elidedText(
            line.name_vi, Qt.TextElideMode.ElideRight, available - stars_width
        )
        painter.drawText(x, top + name_metrics.ascent(), name)
        if stars:
            painter.setFont(small)
            painter.setPen(QColor(STAR))
            painter.drawText(
                x + name_metrics.horizontalAdvance(name) + 8,
                top + name_metrics.ascent(),
                stars,
            )
        second = top + name_metrics.height() + 3
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        english = small_metrics.elidedText(line.name_en, Qt.TextElideMode.ElideRight, available)
        painter.drawText(x, second + small_metrics.ascent(), english)

        chips = index.data(BADGES_ROLE) or []
        chip_top = second + small_metrics.height() + 5
        cx = x
        for text, kind in chips:
            width = small_metrics.horizontalAdvance(text) + 16
            chip = QRect(cx, chip_top, width, small_metrics.height() + 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(WARN_SOFT if kind == "warn" else "#e8f0fb"))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(QColor(WARN if kind == "warn" else "#1d4f91"))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            cx += width + 6
        painter.restore()


def _scaled(font: QFont, factor: float) -> QFont:
    """``font`` scaled by ``factor`` whether its size is in pixels (style sheets) or points."""
    scaled = QFont(font)
    if font.pixelSize() > 0:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    else:
        scaled.setPointSizeF(max(1.0, font.pointSizeF() * factor))
    return scaled
