"""What every page of the setup wizard shares: the card form, field rows, marks and results.

A page is built when the wizard first shows it (and again after the language changed). Going on
(Next) asks the page to :meth:`~WizardPage.validate` (mark the wrong fields, say nothing else)
then to :meth:`~WizardPage.save` (store what it holds; False keeps the page). The values' rules
are the settings' own (:func:`pos_app.config.problems`), worded by ``ui.messages.settings``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.ui.messages.settings import problem_text
from pos_app.ui.theme import set_role, set_state

if TYPE_CHECKING:
    from pos_app.ui.setup_wizard.wizard import SetupWizard

LABEL_WIDTH = 190


class WizardPage(QWidget):
    """One step: a card of fields at the top (``self.grid``), room below. Subclasses fill
    :meth:`build` and set ``first_field`` (focused when the page is shown)."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.wizard = wizard
        self.settings = wizard.settings
        self.first_field: QWidget | None = None
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.card = QFrame(self)
        set_role(self.card, "card")
        self.grid = QGridLayout(self.card)
        self.grid.setContentsMargins(26, 22, 26, 22)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(1, 1)
        self.body.addWidget(self.card)
        self.build()
        self.body.addStretch(1)

    # -- the step's life ---------------------------------------------------------------------

    def build(self) -> None:
        """Add the fields (called once, from the constructor)."""

    def shown(self) -> None:
        """The page is about to be shown (again)."""

    def retranslate(self) -> None:
        """Texts that follow the language chosen on the first page."""

    def validate(self) -> bool:
        """Mark every wrong field; True when all may be saved."""
        return True

    def save(self) -> bool:
        """Store the page's values; False keeps the user on the page (the wizard says why)."""
        return True

    # -- helpers -----------------------------------------------------------------------------

    def row(self, label: str, widget: QWidget, hint: str = "") -> QLabel:
        """A caption, the field and a note below it (the hint, or the problem once marked)."""
        grid = self.grid
        row = grid.rowCount()
        caption = QLabel(label, self.card)
        caption.setFixedWidth(LABEL_WIDTH)
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(widget, row, 1)
        widget.setMinimumHeight(42)
        note = set_role(QLabel(hint, self.card), "muted")
        note.setProperty("hint", hint)
        note.setWordWrap(True)
        note.setVisible(bool(hint))
        grid.addWidget(note, row + 1, 1)
        return note

    def line(self, value: str = "", placeholder: str = "", name: str = "") -> QLineEdit:
        edit = QLineEdit(value, self.card)
        edit.setPlaceholderText(placeholder)
        if name:
            edit.setObjectName(name)
        return edit

    def action(self, text: str, names: tuple[str, str],
               slot: Callable[[], None]) -> tuple[QPushButton, QLabel]:
        """A button in the field column and a result line below it (a long reason wraps);
        ``names``: the two object names."""
        button = QPushButton(text, self.card)
        button.setObjectName(names[0])
        button.clicked.connect(slot)
        row = self.grid.rowCount()
        self.grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignLeft)
        result = QLabel(self.card)
        result.setObjectName(names[1])
        result.setWordWrap(True)
        self.grid.addWidget(result, row + 1, 1)
        return button, result

    @staticmethod
    def mark(widget: QWidget, note: QLabel, problem: str | None) -> None:
        set_state(widget, "invalid", bool(problem))
        note.setText(problem or note.property("hint") or "")
        note.setVisible(bool(note.text()))
        set_state(note, "role", "error" if problem else "muted")

    def mark_settings(self, fields: Mapping[config.Setting[Any], tuple[QWidget, QLabel]],
                      values: Mapping[config.Setting[Any], Any]) -> bool:
        """Check ``values`` with the settings' own rules, mark each of ``fields`` (setting →
        widget and its note), focus the first wrong one; True when none is wrong."""
        found = config.problems({s.key: value for s, value in values.items()})
        first: QWidget | None = None
        for setting, (widget, note) in fields.items():
            problem = found.get(setting.key)
            self.mark(widget, note, problem_text(problem) if problem else None)
            if problem and first is None:
                first = widget
        if first is not None:
            first.setFocus()
        return first is None

    @staticmethod
    def result(label: QLabel, text: str, state: str) -> None:
        if not shiboken6.isValid(label):  # its page was rebuilt in another language meanwhile
            return
        label.setText(text)
        set_state(label, "role", {"error": "error", "ok": "ok"}.get(state, "muted"))
        # a wrapped label in a grid in a card does not ask for its height by itself
        label.setMinimumHeight(label.heightForWidth(max(label.width(), 480)) if text else 0)


def enable(button: QPushButton) -> None:
    if shiboken6.isValid(button):
        button.setEnabled(True)
