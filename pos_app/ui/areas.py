"""Page building blocks the areas share (title, figure cards, notices, bullet lists, catalog
counts) and the Sell placeholder shown until the sell screen is installed."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.theme import set_role

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
