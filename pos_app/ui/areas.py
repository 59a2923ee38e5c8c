"""Stock and Reports areas for this version: a tidy page that says what is coming, with the
figures the services can already give (catalog counts), plus the Sell placeholder used until the
sell screen is installed."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.status import day_figures
from pos_app.ui.theme import count, hanoi_now, money, set_role

log = logging.getLogger(__name__)


def page_title(text: str, subtitle: str, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    title = set_role(QLabel(text, box), "title")
    title.setObjectName("pageTitle")
    layout.addWidget(title)
    sub = set_role(QLabel(subtitle, box), "muted")
    sub.setWordWrap(True)
    layout.addWidget(sub)
    return box


def figure_card(value: str, caption: str, parent: QWidget, *, name: str = "") -> QFrame:
    card = QFrame(parent)
    set_role(card, "card")
    card.setMinimumHeight(120)
    if name:
        card.setObjectName(name)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 18, 22, 18)
    figure = set_role(QLabel(value, card), "figure")
    figure.setObjectName("figure")
    layout.addWidget(figure)
    label = set_role(QLabel(caption, card), "muted")
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addStretch(1)
    return card


def notice(title: str, body: str, parent: QWidget) -> QFrame:
    box = QFrame(parent)
    set_role(box, "notice")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(22, 18, 22, 18)
    layout.setSpacing(6)
    layout.addWidget(set_role(QLabel(title, box), "subtitle"))
    text = QLabel(body, box)
    text.setWordWrap(True)
    layout.addWidget(text)
    return box


def bullet_list(items: list[str], parent: QWidget) -> QFrame:
    card = QFrame(parent)
    set_role(card, "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(22, 16, 22, 16)
    layout.setSpacing(10)
    for item in items:
        row = QHBoxLayout()
        dot = QLabel("•", card)
        dot.setFixedWidth(18)
        row.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
        text = QLabel(item, card)
        text.setWordWrap(True)
        row.addWidget(text, 1)
        layout.addLayout(row)
    return card


def catalog_counts(services: Any) -> dict[str, int] | None:
    """``services.catalog.counts()`` as a dict, or None while the catalog service is absent."""
    catalog = getattr(services, "catalog", None)
    if catalog is None or not hasattr(catalog, "counts"):
        return None
    try:
        raw = catalog.counts()
    except Exception:  # a placeholder page must never take the window down
        log.exception("catalog counts failed")
        return None
    if isinstance(raw, dict):
        return {str(k): int(v) for k, v in raw.items() if isinstance(v, int)}
    fields = getattr(raw, "__dataclass_fields__", None) or {}
    return {name: int(getattr(raw, name)) for name in fields
            if isinstance(getattr(raw, name), int)}


class _Page(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(36, 28, 36, 28)
        self.layout_.setSpacing(20)


class StockArea(_Page):
    """Kho hàng: receiving, counts and producer statements come later; the catalog is here."""

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.layout_.addWidget(page_title(
            self.tr("Stock"),
            self.tr("Goods received from producers, stock counts and consignment statements."),
            self))
        self.layout_.addWidget(notice(
            self.tr("Coming in a later version"),
            self.tr("Receiving goods, stock counts and write-offs will be managed here. "
                    "Sales already update the stock ledger."),
            self))
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        self.layout_.addLayout(self.grid)
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        counts = catalog_counts(self.services)
        if counts is None:
            self.grid.addWidget(figure_card(
                "—", self.tr("The catalog figures appear once the catalog is loaded."), self),
                0, 0)
            return
        cards = [
            ("products", self.tr("OCOP products in the catalog")),
            ("producers", self.tr("Producers")),
            ("expiring_soon", self.tr("Certificates expiring soon")),
            ("expired", self.tr("Expired certificates")),
            ("revoked", self.tr("Revoked certificates (not for sale)")),
        ]
        cards = [(key, caption) for key, caption in cards if key in counts]
        for i, (key, caption) in enumerate(cards):
            self.grid.addWidget(
                figure_card(count(counts[key]), caption, self,
                            name=f"count_{key}"),
                0, i)
            self.grid.setColumnStretch(i, 1)


class ReportsArea(_Page):
    """Báo cáo: today's figures now; Z report and producer statements come later."""

    def __init__(self, services: Any, lanes: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.lanes = lanes
        self.figures: Any = None
        self.layout_.addWidget(page_title(
            self.tr("Reports"),
            self.tr("The day's takings, sales by producer and the end-of-day report."),
            self))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.sales_card = figure_card("—", self.tr("Sales today"), self, name="today_sales")
        self.returns_card = figure_card("—", self.tr("Returns today"), self,
                                        name="today_returns")
        self.takings_card = figure_card("—", self.tr("Net takings today"), self,
                                        name="today_takings")
        for card in (self.sales_card, self.returns_card, self.takings_card):
            row.addWidget(card, 1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(notice(
            self.tr("Coming in a later version"),
            self.tr("Every sale is already recorded safely; the reports below will read it."),
            self))
        self.layout_.addWidget(bullet_list([
            self.tr("Takings by payment method (cash, card, VietQR transfer)"),
            self.tr("Sales by OCOP producer, with what the showroom owes on consignment"),
            self.tr("End-of-shift and end-of-day (Z) reports"),
            self.tr("Export to Excel for the district OCOP office"),
        ], self))
        self.layout_.addStretch(1)

    def refresh(self) -> None:
        """Read today's (Hanoi) figures on the ``io`` lane."""
        if self.lanes is None:
            return
        now = getattr(self.services, "clock", None)
        today = hanoi_now(now.now() if now is not None else None).date()
        self.lanes.run("io", day_figures, self.services.db, today, on_done=self._show,
                       on_error=lambda exc: log.warning("day figures failed: %s", exc))

    def _show(self, figures: Any) -> None:
        self.figures = figures
        for card, text in ((self.sales_card, count(figures.sales)),
                           (self.returns_card, count(figures.returns)),
                           (self.takings_card, money(figures.takings))):
            card.findChild(QLabel, "figure").setText(text)


class SellPlaceholder(_Page):
    """Shown in the Sell area until ``pos_app.ui.sell.screen.SellScreen`` is installed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_.addWidget(page_title(
            self.tr("Sell"), self.tr("Scan a barcode or search for a product."), self))
        self.layout_.addWidget(notice(
            self.tr("The sell screen is not installed"),
            self.tr("This build has no sell screen yet. Scanned codes are shown below."),
            self))
        self.last_scan = set_role(QLabel("", self), "subtitle")
        self.last_scan.setObjectName("lastScan")
        self.layout_.addWidget(self.last_scan)
        self.layout_.addStretch(1)

    def on_scanned(self, code: str) -> None:
        self.last_scan.setText(self.tr("Scanned: {code}").format(code=code))
