"""The cart as a Qt table: one row per line, product column drawn with stars and warnings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.ocop import Saleability, stars_text
from pos_app.ui.common.style import ACCENT_SOFT, INK, MUTED, STAR, WARN, WARN_SOFT, money
from pos_app.ui.messages.sell import approval_reason

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
BADGES_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NO, COL_PRODUCT, COL_QTY, COL_PRICE, COL_TOTAL = range(5)

_Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 60
ROW_HEIGHT_WITH_BADGES = 86

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_EDIT = int(Qt.ItemDataRole.EditRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_LINE = int(LINE_ROLE)
_BADGES = int(BADGES_ROLE)
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ALIGNMENTS = (_LEFT, _LEFT, int(Qt.AlignmentFlag.AlignCenter.value), _RIGHT, _RIGHT)
_HEADER_ALIGNMENTS = (_LEFT, _LEFT, int(Qt.AlignmentFlag.AlignCenter.value), _RIGHT, _RIGHT)
# Flags built once: combining Qt enums on every call costs more than the lookups around it.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable


class CartModel(QAbstractTableModel):
    """Read-only view of a :class:`Cart` except the quantity column, whose edits go to
    ``qty_editor(line_id, text) -> bool`` (the screen validates and saves)."""

    def __init__(self, parent: QWidget | None = None, *, show_badges: bool = True) -> None:
        super().__init__(parent)
        self.show_badges = show_badges  # False on the customer display: warnings are internal
        self.cart = Cart()
        self._rows = 0
        self.saleability: dict[int, Saleability] = {}
        self.qty_editor: Callable[[str, str], bool] | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def row_height(self, row: int) -> int:
        line = self.line_at(row)
        tall = line is not None and bool(self.badges(line))
        return ROW_HEIGHT_WITH_BADGES if tall else ROW_HEIGHT

    def fit_rows(self, view: QTableView) -> None:
        """Give each row its height directly (cheaper than ResizeToContents on every change)."""
        header = view.verticalHeader()
        for row in range(len(self.cart.lines)):
            header.resizeSection(row, self.row_height(row))

    def set_cart(self, cart: Cart) -> None:
        self.beginResetModel()
        self.cart = cart
        self._rows = len(cart.lines)
        self.endResetModel()

    def refresh(self) -> None:
        """The cart changed in place. A line appended (a scan) or lines edited in place are
        told to the view as such, so only what changed is laid out and painted again; anything
        else (a line removed) resets the model."""
        old, new = self._rows, len(self.cart.lines)
        if new == old + 1:
            self.beginInsertRows(QModelIndex(), old, old)
            self._rows = new
            self.endInsertRows()
            if old:
                self.dataChanged.emit(self.index(0, 0), self.index(old - 1, 4))
        elif new == old and new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, 4))
        else:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()

    def line_at(self, row: int) -> CartLine | None:
        if 0 <= row < min(self._rows, len(self.cart.lines)):
            return self.cart.lines[row]
        return None

    def row_of(self, line_id: str) -> int:
        for row, line in enumerate(self.cart.lines):
            if line.id == line_id:
                return row
        return -1

    # --- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        role = int(role)  # plain ints, as in data(): the view asks on every paint
        if role == _DISPLAY:
            if section == COL_NO:
                return "#"
            if section == COL_PRODUCT:
                return self.tr("Product")
            if section == COL_QTY:
                return self.tr("Qty")
            if section == COL_PRICE:
                return self.tr("Unit price")
            return self.tr("Amount")
        if role == _ALIGN:
            return _HEADER_ALIGNMENTS[section]
        return None

    def badges(self, line: CartLine) -> list[tuple[str, str]]:
        """(text, kind) chips shown under the product name: approvals and certificate state."""
        chips: list[tuple[str, str]] = []
        if not self.show_badges:
            return chips
        if line.promo_id:  # the promotion the domain applied to this line
            chips.append((self.tr("{promotion}: −{amount}").format(
                promotion=line.promo_name, amount=money(line.promo_discount)), "info"))
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
        # Roles compared as plain ints: Qt asks for every role of every cell on each paint, and
        # enum comparisons cost more than the rest of this method (measured: scan-to-row time).
        role = int(role)
        line = self.line_at(index.row())
        if line is None:
            return None
        column = index.column()
        if role in (_DISPLAY, _EDIT):
            if column == COL_NO:
                return str(index.row() + 1)
            if column == COL_PRODUCT:
                return line.name_vi
            if column == COL_QTY:
                if role == _EDIT:
                    return str(line.qty)
                return f"{line.qty} g" if line.weighed else str(line.qty)
            if column == COL_PRICE:
                text = money(line.unit_price)
                return text + " /kg" if line.weighed else text
            if column == COL_TOTAL:
                return money(line.total)
            return None
        if role == _LINE:
            return line
        if role == _BADGES:
            return self.badges(line)
        if role == _ALIGN:
            return _ALIGNMENTS[column]
        if role == _FONT and column == COL_TOTAL:
            return self._bold
        if role == _FOREGROUND:
            if column == COL_NO:
                return _MUTED_COLOR
            if column == COL_PRICE and line.unit_price != line.list_price:
                return _WARN_COLOR
            return None
        if role == _TOOLTIP and column == COL_PRODUCT:
            return f"{line.name_vi}\n{line.name_en}\nSKU {line.sku}"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if index.column() == COL_QTY:
            line = self.line_at(index.row())
            if line is not None and not line.weighed:
                return _EDITABLE_FLAGS
        return _FLAGS

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line_at(index.row())
        if line is None or index.column() != COL_QTY or self.qty_editor is None:
            return False
        return self.qty_editor(line.id, str(value))


_MUTED_COLOR = QColor(MUTED)
_WARN_COLOR = QColor(WARN)
class ProductDelegate(QStyledItemDelegate):
    """Vietnamese name (large), English name (small, grey), ★ stars, warning chips."""

    _font_cache: tuple[str, tuple[QFont, QFont, QFontMetrics, QFontMetrics]] | None = None

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        """Name and small fonts with their metrics, made once per view font (every cell of
        every repaint asked for them anew before)."""
        key = base.key()
        cached = self._font_cache
        if cached is not None and cached[0] == key:
            return cached[1]
        name_font = _scaled(base, 1.05)
        name_font.setBold(True)
        small = _scaled(base, 0.82)
        fonts = (name_font, small, QFontMetrics(name_font), QFontMetrics(small))
        self._font_cache = (key, fonts)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        tall = bool(index.data(BADGES_ROLE))
        return QSize(base.width(), ROW_HEIGHT_WITH_BADGES if tall else ROW_HEIGHT)

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
        name_font, small, name_metrics, small_metrics = self._fonts(option.font)
        top = rect.top() + 9

        stars = stars_text(line.stars) if line.stars else ""
        stars_width = small_metrics.horizontalAdvance(stars + "  ") if stars else 0
        available = rect.width() - 16
        # The name comes first: when it and the stars do not fit on one line (a narrow window),
        # the stars move to the end of the English line instead of cutting the name short.
        stars_below = bool(stars) and (
            name_metrics.horizontalAdvance(line.name_vi) > available - stars_width)
        painter.setFont(name_font)
        painter.setPen(QColor(INK))
        name = name_metrics.elidedText(
            line.name_vi, Qt.TextElideMode.ElideRight,
            available if stars_below else available - stars_width,
        )
        painter.drawText(x, top + name_metrics.ascent(), name)
        second = top + name_metrics.height() + 3
        if stars:
            painter.setFont(small)
            painter.setPen(QColor(STAR))
            if stars_below:
                painter.drawText(x + available - small_metrics.horizontalAdvance(stars),
                                 second + small_metrics.ascent(), stars)
            else:
                painter.drawText(x + name_metrics.horizontalAdvance(name) + 8,
                                 top + name_metrics.ascent(), stars)
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        english = small_metrics.elidedText(
            line.name_en, Qt.TextElideMode.ElideRight,
            available - stars_width if stars_below else available,
        )
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
