"""Repeated widget setup in one place: a framed panel with its layout, a page's big title, the
message line under a form, the brand row. Each helper sets exactly what the hand-written code
did, so screens built with them look the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import resources_dir
from pos_app.ui.theme import set_role

L = TypeVar("L", bound=QBoxLayout)


def panel(parent: QWidget | None, layout_type: Callable[[QWidget], L], *, name: str = "",
          role: str = "", margins: tuple[int, int, int, int] | None = None,
          spacing: int | None = None) -> tuple[QFrame, L]:
    """A frame (object ``name`` and stylesheet ``role`` if given) and the box layout inside it."""
    frame = QFrame(parent)
    if name:
        frame.setObjectName(name)
    if role:
        set_role(frame, role)
    layout = layout_type(frame)
    if margins is not None:
        layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    return frame, layout


def brand_row(parent: QWidget, title_name: str, sub_name: str,
              sub_text: str = "") -> tuple[QHBoxLayout, QLabel]:
    """The logo with "OCOP POS" and a line under it (objects ``title_name``/``sub_name``), as
    the window's navigation and the setup wizard's rail show it; returns the row and that line."""
    brand = QHBoxLayout()
    brand.setSpacing(10)
    logo = QLabel(parent)
    logo.setPixmap(QIcon(str(resources_dir() / "icons" / "logo.svg")).pixmap(QSize(40, 40)))
    brand.addWidget(logo)
    words = QVBoxLayout()
    words.setSpacing(0)
    title = QLabel("OCOP POS", parent)
    title.setObjectName(title_name)
    words.addWidget(title)
    sub = QLabel(sub_text, parent)
    sub.setObjectName(sub_name)
    words.addWidget(sub)
    brand.addLayout(words, 1)
    return brand, sub


def page_heading(text: str, parent: QWidget) -> QLabel:
    """A screen's big title (role ``title``, object ``pageTitle``)."""
    title = set_role(QLabel(text, parent), "title")
    title.setObjectName("pageTitle")
    return title


def message_line(parent: QWidget | None = None) -> QLabel:
    """The hidden, word-wrapped line (object ``Message``) where a dialog says what happened."""
    label = QLabel(parent)
    label.setObjectName("Message")
    label.setWordWrap(True)
    label.hide()
    return label


def read_only_table(columns: list[str], parent: QWidget, *,
                    single: bool = False) -> QTableWidget:
    """A table of whole rows to look at (``single``: one row selected at a time): the first
    column takes the room left, the others fit their contents."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for i in range(1, len(columns)):
        table.horizontalHeader().setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
    return table


def table_item(text: str, right: bool = False) -> QTableWidgetItem:
    """A cell's item (``right``: aligned right, for figures)."""
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
