"""Kho hàng: stock levels with search and filters, the low-stock alert, and the manager's
actions (goods receipt, stock count, adjust / write-off)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import Actor
from pos_app.ui.areas import catalog_counts, figure_card
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.widgets import page_heading
from pos_app.ui.reports.labels import code_labels
from pos_app.ui.stock.dialogs import GROUPS, AdjustDialog, CountDialog, ReceiptDialog
from pos_app.ui.stock.model import StockFilter, StockTableModel
from pos_app.ui.theme import count, set_role, set_state

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)


class StockScreen(QWidget):
    """The Stock area. ``refresh()`` reads every product's row on the db lane (or at once
    without lanes); ``loaded`` fires with the milliseconds it took to be ready."""

    loaded = Signal(float)

    def __init__(self, services: Services, lanes: Lanes | None, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.lanes = lanes
        self.session = session
        self.dialog: QWidget | None = None
        self.ready_ms = 0.0
        self._started = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(12)

        top = QHBoxLayout()
        top.addWidget(page_heading(self.tr("Stock"), self), 1)
        self.receive_button = set_role(QPushButton(self.tr("Goods receipt"), self), "primary")
        self.count_button = QPushButton(self.tr("Stock count"), self)
        self.adjust_button = QPushButton(self.tr("Adjust / write off"), self)
        self.elsewhere_button = QPushButton(self.tr("Who else has it?"), self)
        self.transfers_button = QPushButton(self.tr("Transfers"), self)
        self.labels_button = QPushButton(self.tr("Labels"), self)
        self.labels_button.clicked.connect(self.open_labels)
        for button in (self.labels_button, self.elsewhere_button, self.transfers_button,
                       self.adjust_button, self.count_button, self.receive_button):
            button.setMinimumHeight(44)
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.receive_button.clicked.connect(self.open_receipt)
        self.count_button.clicked.connect(self.open_count)
        self.adjust_button.clicked.connect(self.open_adjust)
        self.transfers_button.clicked.connect(self.open_transfers)
        self.elsewhere_button.clicked.connect(self.who_else_has_it)
        layout.addLayout(top)

        cards = QGridLayout()
        cards.setSpacing(12)
        self._cards_grid = cards
        self.cards: dict[str, QFrame] = {}
        for key, caption in (
            ("products", self.tr("Products")),
            ("producers", self.tr("Producers")),
            ("on_hand", self.tr("Items on hand")),
            ("low", self.tr("At or below alert")),
            ("expiring_soon", self.tr("Certificates expiring soon")),
            ("revoked", self.tr("Revoked (not for sale)")),
        ):
            card = figure_card("—", caption, self, name=f"count_{key}")
            card.setMinimumHeight(0)
            card.setFixedHeight(88)  # two-line captions ("Tổng số lượng tồn") whole
            margins, figure = card.layout(), card.findChild(QLabel, "figure")
            assert margins is not None and figure is not None  # figure_card builds both
            margins.setContentsMargins(14, 6, 14, 6)
            figure.setStyleSheet("font-size: 22px;")
            self.cards[key] = card
        self._place_cards(len(self.cards))
        layout.addLayout(cards)

        self.alert = QFrame(self)
        set_role(self.alert, "notice")
        self.alert.setObjectName("lowStockAlert")
        self.alert.setStyleSheet("QFrame#lowStockAlert { background: #FDECEA; "
                                 "border: 1px solid #E9B4AE; border-radius: 8px; }")
        alert_row = QHBoxLayout(self.alert)
        alert_row.setContentsMargins(16, 8, 12, 8)
        self.alert_text = QLabel("", self.alert)
        self.alert_text.setStyleSheet("color: #B42318; font-weight: bold;")
        alert_row.addWidget(self.alert_text, 1)
        self.alert_button = QPushButton(self.tr("Show low stock"), self.alert)
        self.alert_button.clicked.connect(self.show_low_only)
        alert_row.addWidget(self.alert_button)
        self.alert.hide()
        layout.addWidget(self.alert)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self._filters = filters
        self._filters_more = QHBoxLayout()  # the second filter row of a narrow window
        self._filters_more.setSpacing(8)
        self.search = QLineEdit(self)
        self.search.setObjectName("stockSearch")
        self.search.setPlaceholderText(self.tr("Search name, SKU, producer (no tone marks "
                                               "needed)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        filters.addWidget(self.search, 1)
        labels = code_labels()
        self.group = QComboBox(self)
        self.group.addItem(self.tr("All groups"), "")
        for code in GROUPS:
            self.group.addItem(labels[code], code)
        filters.addWidget(self.group)
        self.producer = QComboBox(self)
        self.producer.addItem(self.tr("All producers"), None)
        filters.addWidget(self.producer)
        self.stars = QComboBox(self)
        self.stars.addItem(self.tr("All stars"), None)
        for n in (3, 4, 5):
            self.stars.addItem("★" * n, n)
        filters.addWidget(self.stars)
        self.cert = QComboBox(self)
        self.cert.addItem(self.tr("Any certificate"), "")
        self.cert.addItem(self.tr("Expiring within…"), "expiring")
        self.cert.addItem(self.tr("Expired"), "expired")
        self.cert.addItem(self.tr("Revoked"), "revoked")
        filters.addWidget(self.cert)
        self.days = QSpinBox(self)
        self.days.setRange(1, 730)
        self.days.setValue(60)
        self.days.setSuffix(self.tr(" days"))
        self.days.setMaximumWidth(120)
        self.days.hide()
        filters.addWidget(self.days)
        for combo in (self.group, self.producer, self.stars, self.cert):
            # room for the "all" choice shown first, its padding and arrow: never cut
            combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(combo.itemText(0)) + 52)
        self.low_only = QCheckBox(self.tr("Low stock"), self)
        filters.addWidget(self.low_only)
        layout.addLayout(filters)
        layout.addLayout(self._filters_more)

        self.model = StockTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("stockTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._size_columns(compact=False)
        self.table.doubleClicked.connect(lambda _i: self.open_adjust())
        layout.addWidget(self.table, 1)
        self.footer = set_role(QLabel("", self), "muted")
        layout.addWidget(self.footer)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.group, self.producer, self.stars, self.cert):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.days.valueChanged.connect(lambda _v: self.apply_filter())
        self.low_only.toggled.connect(lambda _c: self.apply_filter())

    COLUMN_WIDTHS = ((1, 160), (2, 130), (3, 66), (4, 110), (5, 84), (6, 140))
    COLUMN_WIDTHS_COMPACT = ((1, 150), (2, 110), (3, 66), (4, 96), (5, 84), (6, 130))

    def _size_columns(self, *, compact: bool) -> None:
        """Each column at least as wide as its title ("Hạng sao", "Báo khi còn" were cut)."""
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, width in self.COLUMN_WIDTHS_COMPACT if compact else self.COLUMN_WIDTHS:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 28))

    def _place_cards(self, per_row: int) -> None:
        grid = self._cards_grid
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // per_row, index % per_row)
        for column in range(len(self.cards)):
            grid.setColumnStretch(column, 1 if column < per_row else 0)

    TWO_FILTER_ROWS_BELOW = 1500
    """Narrower than this, the filter boxes go on a second row: on one row next to the search
    they were squeezed to "Tất cả hạ", "Mọi tình trạng chu" even at 1366 px."""

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._filter_rows(two=event.size().width() < self.TWO_FILTER_ROWS_BELOW)

    def _filter_rows(self, *, two: bool) -> None:
        if two == bool(self._filters_more.count()):
            return
        movable: tuple[QWidget, ...] = (self.group, self.producer, self.stars, self.cert,
                                        self.days)
        source, target = ((self._filters, self._filters_more) if two
                          else (self._filters_more, self._filters))
        for widget in movable:
            source.removeWidget(widget)
        if two:
            for widget in movable:
                target.addWidget(widget, 1)
        else:
            for offset, box in enumerate(movable):
                target.insertWidget(1 + offset, box)

    def set_compact(self, compact: bool) -> None:
        """Narrow window (1024 px): figures in two rows of three, narrower columns and no
        producer column (the search and the filter still find producers) -- so no caption or
        title is cut and the product name has room."""
        self.table.setColumnHidden(1, compact)
        self._place_cards(3 if compact else len(self.cards))
        for card in self.cards.values():
            card.setFixedHeight(62 if compact else 88)
        self._size_columns(compact=compact)

    @property
    def actor(self) -> Actor | None:
        """Who is logged in at the counter (the counter session's actor)."""
        return self.session.actor

    # --- data -------------------------------------------------------------------------------

    def _card(self, key: str, value: int) -> None:
        label = self.cards[key].findChild(QLabel, "figure")
        if label is not None:
            label.setText(count(value))

    def refresh(self) -> None:
        counts = catalog_counts(self.services)
        for key in ("products", "producers", "expiring_soon", "revoked"):
            if key in counts:
                self._card(key, counts[key])
        stock = self.services.stock
        self._started = time.perf_counter()
        if self.lanes is None:
            self._loaded(stock.stock_rows())
            return
        self.lanes.run("db", stock.stock_rows, on_done=self._loaded,
                       on_error=lambda exc: log.warning("stock rows failed: %s", exc))

    def _loaded(self, rows: list[Any]) -> None:
        producers = sorted({(r.producer_name, r.producer_id) for r in rows})
        current = self.producer.currentData()
        self.producer.blockSignals(True)
        self.producer.clear()
        self.producer.addItem(self.tr("All producers"), None)
        for name, pid in producers:
            self.producer.addItem(name, pid)
        index = self.producer.findData(current)
        self.producer.setCurrentIndex(max(0, index))
        self.producer.blockSignals(False)
        self.model.all_rows = rows
        self.apply_filter()
        self.ready_ms = (time.perf_counter() - self._started) * 1000
        self.loaded.emit(self.ready_ms)

    def current_filter(self) -> StockFilter:
        now = self.services.clock.now()
        from pos_app.ui.theme import hanoi_now

        self.days.setVisible(self.cert.currentData() == "expiring")
        return StockFilter(
            text=self.search.text(), group=self.group.currentData() or "",
            producer_id=self.producer.currentData(), stars=self.stars.currentData(),
            low_only=self.low_only.isChecked(), cert=self.cert.currentData() or "",
            expiring_days=self.days.value(), today=hanoi_now(now).date(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        low = self.model.low_count
        self.alert.setVisible(low > 0)
        self.alert_text.setText(self.tr("{n} products are at or below their low-stock "
                                        "alert.").format(n=count(low)))
        total = len(self.model.all_rows)
        items = sum(max(0, r.on_hand) for r in self.model.all_rows)
        self._card("on_hand", items)
        self._card("low", low)
        self.footer.setText(self.tr("Showing {shown} of {total}. Double-click a product to "
                                    "adjust it or set its alert.").format(
            shown=count(len(self.model.rows)), total=count(total)))
        set_state(self.search, "invalid", bool(self.search.text()) and not self.model.rows)

    def show_low_only(self) -> None:
        self.low_only.setChecked(True)

    def selected_row(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return self.model.rows[0] if self.model.rows else None
        return self.model.row_at(index.row())

    # --- actions ------------------------------------------------------------------------------

    def _run(self, dialog: Any) -> int:
        self.dialog = dialog
        try:
            result = int(dialog.exec())
        finally:
            self.dialog = None
        self.refresh()
        return result

    def open_receipt(self) -> int:
        if self.session.require_actor(self) is None:
            return 0
        return self._run(ReceiptDialog(self.services, self.session, self))

    def open_count(self) -> int:
        if self.session.require_actor(self) is None:
            return 0
        dialog = CountDialog(self.services, self.session, self)
        open_counts = self.services.stock.open_counts()
        if open_counts:
            dialog.resume(open_counts[-1].id)
        return self._run(dialog)

    def open_adjust(self) -> int:
        row = self.selected_row()
        if row is None:
            return 0
        if self.session.require_actor(self) is None:
            return 0
        return self._run(AdjustDialog(self.services, self.session, row, self))

    def open_transfers(self) -> int:
        from pos_app.ui.stock.transfers import TransfersDialog

        if self.session.require_actor(self) is None:
            return 0
        return self._run(TransfersDialog(self.services, self.session, self))

    def open_labels(self) -> int:
        from pos_app.ui.stock.labels import LabelsDialog

        if self.session.require_actor(self) is None:
            return 0
        return self._run(LabelsDialog(self.services, self.lanes, self.session, self))

    def who_else_has_it(self) -> None:
        from pos_app.ui.stock.transfers import show_elsewhere

        row = self.selected_row()
        if row is not None:
            show_elsewhere(self, self.services, self.lanes, row.sku)

    def on_scanned(self, code: str) -> None:
        handler = getattr(self.dialog, "on_scanned", None)
        if callable(handler):
            handler(code)
            return
        self.search.setText(code)
        self.apply_filter()

    def focus_default(self) -> None:
        self.search.setFocus()
