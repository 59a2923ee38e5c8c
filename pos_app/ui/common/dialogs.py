"""Dialog scaffolding shared by the counter's dialogs: the name, style and main column, the
title, the red error line, the Back/OK button row. One look and one set of keys (Enter accepts,
Esc backs out) everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def dialog_layout(dialog: QWidget, window_title: str, style: str, *,
                  margins: tuple[int, int, int, int] = (28, 24, 28, 24), spacing: int | None = None,
                  name: str = "SellDialog") -> QVBoxLayout:
    """Name, style and title a dialog; returns its main column with ``margins`` and ``spacing``
    (the layout's default spacing when None)."""
    dialog.setObjectName(name)
    dialog.setStyleSheet(style)
    dialog.setWindowTitle(window_title)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(*margins)
    if spacing is not None:
        layout.setSpacing(spacing)
    return layout


def dialog_title(text: str, parent: QWidget | None = None) -> QLabel:
    """The dialog's big title (``DialogTitle`` in the sell style)."""
    title = QLabel(text, parent)
    title.setObjectName("DialogTitle")
    return title


def error_label(parent: QWidget) -> QLabel:
    """A hidden, word-wrapped error line; :func:`show_error` fills and shows it."""
    label = QLabel(parent)
    label.setObjectName("Message")
    label.setProperty("kind", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()


def side_button(text: str, on_click: Callable[[], object], parent: QWidget | None = None, *,
                name: str = "") -> QPushButton:
    """A button Enter does not press (Enter belongs to the dialog's default action) that calls
    ``on_click``; ``name`` is its object name for the style sheet."""
    button = QPushButton(text, parent)
    if name:
        button.setObjectName(name)
    button.setAutoDefault(False)
    button.clicked.connect(on_click)
    return button


def button_row(dialog: QDialog, ok_text: str = "",
               cancel_text: str = "") -> tuple[QHBoxLayout, QPushButton | None]:
    """Right-aligned Cancel (Esc rejects) and, when ``ok_text`` is given, the default button."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(side_button(cancel_text or QCoreApplication.translate("Sell", "Back (Esc)"),
                              dialog.reject, dialog))
    ok: QPushButton | None = None
    if ok_text:
        ok = QPushButton(ok_text, dialog)
        ok.setObjectName("Primary")
        ok.setDefault(True)
        row.addWidget(ok)
    return row, ok
