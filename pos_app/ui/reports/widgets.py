"""The report table model and a bar chart drawn with QPainter (QtCharts is not in
PySide6-Essentials)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pos_app.services.reports.service import Report
from pos_app.ui.reports import labels
from pos_app.ui.theme import COLOURS, count, money

Index = QModelIndex | QPersistentModelIndex
CODE_KINDS = ("group", "method", "cert", "basis")


def cell_text(kind: str, value: Any, codes: dict[str, str]) -> str:
    if value is None or value == "":
        return ""
    if kind == "money" and isinstance(value, int):
        return money(value)
    if kind == "int" and isinstance(value, int):
        return count(value)
    if kind == "date" and isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind == "hour" and isinstance(value, int):
        return f"{value:02d}:00"
    if kind == "stars" and isinstance(value, int):
        return "★" * value if value else "—"
    if kind in CODE_KINDS:
        return codes.get(str(value), str(value))
    return str(value)


class ReportModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.titles = labels.column_titles()
        self.codes = labels.code_labels()

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def _rows(self) -> list[tuple[Any, ...]]:
        if self.report is None:
            return []
        rows = list(self.report.rows)
        if self.report.totals is not None:
            totals = list(self.report.totals)
            totals[0] = labels.total_label()
            rows.append(tuple(totals))
        return rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.rows) + (1 if self.report.totals is not None else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.report is None else len(self.report.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.report is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.report.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.titles.get(column.key, column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "money"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.report is None or not index.isValid():
            return None
        column = self.report.columns[index.column()]
        is_total = index.row() >= len(self.report.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            if is_total:
                assert self.report.totals is not None
                value = labels.total_label() if index.column() == 0 else \
                    self.report.totals[index.column()]
                return cell_text("text" if index.column() == 0 else column.kind, value,
                                 self.codes)
            return cell_text(column.kind, self.report.rows[index.row()][index.column()],
                             self.codes)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "money"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and is_total:
            return QBrush(QColor(COLOURS.accent_soft))
        return None


class BarChart(QWidget):
    """Horizontal bars (label, value) with the value written at the bar's end."""

    MAX_BARS = 31

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportChart")
        self.bars: list[tuple[str, int]] = []
        self.is_money = True
        self.title = ""
        self.setMinimumWidth(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_bars(self, bars: list[tuple[str, int]], *, is_money: bool, title: str = "") -> None:
        self.bars = bars[: self.MAX_BARS]
        self.is_money = is_money
        self.title = title
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 400)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor(COLOURS.border)))
        painter.setBrush(QColor(COLOURS.surface))
        painter.drawRoundedRect(rect, 8, 8)
        inner = rect.adjusted(16, 12, -16, -12)
        font = painter.font()
        font.setPixelSize(13)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        top = inner.top()
        if self.title:
            bold = QFont(font)
            bold.setBold(True)
            bold.setPixelSize(14)
            painter.setFont(bold)
            painter.setPen(QColor(COLOURS.text))
            painter.drawText(QRectF(inner.left(), top, inner.width(), 22),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.title)
            painter.setFont(font)
            top += 30
        if not self.bars:
            painter.setPen(QColor(COLOURS.muted))
            painter.drawText(QRectF(inner.left(), top, inner.width(), inner.bottom() - top),
                             Qt.AlignmentFlag.AlignCenter, self.tr("No figures for this range"))
            painter.end()
            return
        label_w = min(inner.width() * 0.38,
                      max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 8)
        fmt = money if self.is_money else count
        value_w = max(metrics.horizontalAdvance(fmt(v)) for _, v in self.bars) + 10
        bar_area = inner.width() - label_w - value_w
        biggest = max((abs(v) for _, v in self.bars), default=1) or 1
        slot = min(34.0, (inner.bottom() - top) / len(self.bars))
        bar_h = max(4.0, slot * 0.62)
        for i, (label, value) in enumerate(self.bars):
            y = top + i * slot
            painter.setPen(QColor(COLOURS.text))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            painter.drawText(QRectF(inner.left(), y, label_w - 8, slot),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            width = bar_area * abs(value) / biggest
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(COLOURS.accent if value >= 0 else COLOURS.danger))
            painter.drawRoundedRect(QRectF(inner.left() + label_w, y + (slot - bar_h) / 2,
                                           max(width, 1.5), bar_h), 3, 3)
            painter.setPen(QColor(COLOURS.muted))
            painter.drawText(QRectF(inner.left() + label_w + width + 6, y, value_w, slot),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fmt(value))
        painter.end()
