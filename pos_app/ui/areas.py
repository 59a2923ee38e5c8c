"""Page building blocks the areas share (title, figure cards, notices, bullet lists, catalog
counts)."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.common.widgets import page_heading, panel
from pos_app.ui.theme import set_role

if TYPE_CHECKING:
    from pos_app.services import Services

log = logging.getLogger(__name__)


def page_title(text: str, subtitle: str, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(page_heading(text, box))
    sub = set_role(QLabel(subtitle, box), "muted")
    sub.setWordWrap(True)
    layout.addWidget(sub)
    return box


def figure_card(value: str, caption: str, parent: QWidget, *, name: str = "") -> QFrame:
    card, layout = panel(parent, QVBoxLayout, name=name, role="card", margins=(22, 18, 22, 18))
    card.setMinimumHeight(120)
    figure = set_role(QLabel(value, card), "figure")
    figure.setObjectName("figure")
    layout.addWidget(figure)
    label = set_role(QLabel(caption, card), "muted")
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addStretch(1)
    return card


def notice(title: str, body: str, parent: QWidget) -> QFrame:
    box, layout = panel(parent, QVBoxLayout, role="notice", margins=(22, 18, 22, 18), spacing=6)
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


def catalog_counts(services: Services) -> dict[str, int]:
    """``services.catalog.counts()`` as a dict of its whole-number figures (empty when the
    query fails: a summary card must never take the window down)."""
    try:
        raw = services.catalog.counts()
    except Exception:
        log.exception("catalog counts failed")
        return {}
    return {name: value for name, value in dataclasses.asdict(raw).items()
            if isinstance(value, int)}
