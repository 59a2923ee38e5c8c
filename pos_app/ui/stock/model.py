"""The stock table: a QAbstractTableModel over plain :class:`StockRow` data (no per-cell queries).

Filtering happens in memory on the rows the stock service read in one go: 20,000 products filter
in a few milliseconds, so the search follows every keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pos_app.domain.text import fold
from pos_app.services.stock.desk import StockRow
from pos_app.ui.reports.labels import code_labels
from pos_app.ui.theme import COLOURS, count

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("product", "producer", "group", "stars", "on_hand", "threshold", "certificate")


@dataclass(frozen=True)
class StockFilter:
    text: str = ""
    group: str = ""
    producer_id: int | None = None
    stars: int | None = None
    low_only: bool = False
    cert: str = ""  # "" | "expiring" | "expired" | "revoked"
    expiring_days: int = 60
    today: dt.date | None = None

    def accepts(self, row: StockRow, words: Sequence[str]) -> bool:
        if self.group and row.group != self.group:
            return False
        if self.producer_id is not None and row.producer_id != self.producer_id:
            return False
        if self.stars is not None and row.stars != self.stars:
            return False
        if self.low_only and not row.low:
            return False
        if self.cert == "revoked" and row.cert_status != "revoked":
            return False
        if self.cert == "expired" and row.cert_status != "expired":
            return False
        if self.cert == "expiring":
            today = self.today or dt.date.today()
            if row.cert_status != "active" or row.cert_expires is None:
                return False
            if row.cert_expires > today + dt.timedelta(days=self.expiring_days):
                return False
        return all(w in row.search or w in row.sku.lower() for w in words)


class StockTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all_rows: list[StockRow] = []
        self.rows: list[StockRow] = []
        self.filter = StockFilter()
        self._labels = code_labels()
        self._titles = {
            "product": QCoreApplication.translate("Stock", "Product"),
            "producer": QCoreApplication.translate("Stock", "Producer"),
            "group": QCoreApplication.translate("Stock", "Group"),
            "stars": QCoreApplication.translate("Stock", "Stars"),
            "on_hand": QCoreApplication.translate("Stock", "On hand"),
            "threshold": QCoreApplication.translate("Stock", "Alert at"),
            "certificate": QCoreApplication.translate("Stock", "Certificate"),
        }

    # --- data in -----------------------------------------------------------------------------

    def set_rows(self, rows: list[StockRow]) -> None:
        self.all_rows = rows
        self.apply()

    def set_filter(self, flt: StockFilter) -> None:
        self.filter = flt
        self.apply()

    def apply(self) -> None:
        words = fold(self.filter.text).split()
        flt = self.filter
        self.beginResetModel()
        self.rows = [r for r in self.all_rows if flt.accepts(r, words)]
        self.endResetModel()

    def row_at(self, row: int) -> StockRow:
        return self.rows[row]

    @property
    def low_count(self) -> int:
        return sum(1 for r in self.all_rows if r.low)

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[COLUMNS[section]]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            key = COLUMNS[section]
            if key in ("on_hand", "threshold", "stars"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _cert_text(self, row: StockRow) -> str:
        if row.cert_status == "revoked":
            return QCoreApplication.translate("Stock", "Revoked")
        if row.cert_expires is None:
            return QCoreApplication.translate("Stock", "Valid")
        date = row.cert_expires.strftime("%d/%m/%Y")
        if row.cert_status == "expired":
            return QCoreApplication.translate("Stock", "Expired {date}").format(date=date)
        return QCoreApplication.translate("Stock", "Until {date}").format(date=date)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "product":
                return f"{row.name_vi}  ·  {row.sku}"
            if key == "producer":
                return row.producer_name
            if key == "group":
                return self._labels.get(row.group, row.group)
            if key == "stars":
                return "★" * row.stars
            if key == "on_hand":
                return f"{count(row.on_hand)} {row.unit}"
            if key == "threshold":
                return "" if row.threshold is None else count(row.threshold)
            if key == "certificate":
                return self._cert_text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("on_hand", "threshold",
                                                                  "stars"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "on_hand" and (row.low or row.on_hand < 0):
                return QBrush(QColor(COLOURS.danger))
            if key == "certificate" and row.cert_status != "active":
                return QBrush(QColor(COLOURS.danger))
            if key == "stars":
                return QBrush(QColor("#B7791F"))
        if role == Qt.ItemDataRole.BackgroundRole and row.low:
            return QBrush(QColor(COLOURS.danger_soft))
        if role == Qt.ItemDataRole.ToolTipRole and key == "product":
            return row.name_en or row.name_vi
        return None
