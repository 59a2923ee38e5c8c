"""Cài đặt: the settings a showroom touches, edited with validation and saved through
``Settings.set``.

Nothing is saved while any field is wrong: each wrong field is outlined and says why under it.
The language applies at the next start (the window says so); scanner timing applies at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.config import Setting
from pos_app.domain.einvoice import Party
from pos_app.services.people.approval import Actor
from pos_app.services.people.users import SETTINGS_CHANGE, can
from pos_app.ui.areas import page_title
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.widgets import panel
from pos_app.ui.einvoice_settings import EInvoiceCard
from pos_app.ui.messages.settings import problem_text
from pos_app.ui.status_bar import printer_problem
from pos_app.ui.theme import set_role, set_state

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)

LABEL_WIDTH = 176


@dataclass
class Field:
    setting: Setting[Any]
    widget: QWidget
    get: Callable[[], Any]
    put: Callable[[Any], None]
    error: QLabel


class SettingsScreen(QWidget):
    """The settings page. ``saved(keys)`` is emitted with the keys that changed."""

    saved = Signal(list)
    test_print_requested = Signal()

    def __init__(self, services: Services, lanes: Lanes, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.session = session
        self.settings = services.settings
        self.lanes = lanes
        self.fields: dict[str, Field] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 28, 36, 16)
        self._outer = outer
        outer.setSpacing(16)
        outer.addWidget(page_title(
            self.tr("Settings"),
            self.tr("Showroom details, receipt printer, e-invoices, bank transfer (VietQR) "
                    "and scanner."),
            self))

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        stacked = QVBoxLayout(body)  # the two columns of cards, then the wide e-invoice card
        stacked.setContentsMargins(0, 0, 8, 0)
        stacked.setSpacing(20)
        columns = QHBoxLayout()
        self._columns = columns
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(20)
        stacked.addLayout(columns)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(20)
        right.setSpacing(20)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        left.addWidget(self._showroom_card(body))
        left.addWidget(self._printer_card(body))
        left.addStretch(1)
        right.addWidget(self._bank_card(body))
        right.addWidget(self._certificate_card(body))
        right.addWidget(self._scanner_card(body))
        right.addStretch(1)
        # across both columns: its fields would widen one column past a 1280 px window
        self.einvoice_card = EInvoiceCard(services.einvoice, body)
        stacked.addWidget(self.einvoice_card)
        stacked.addStretch(1)

        bar = QHBoxLayout()
        bar.setSpacing(12)
        self.message = QLabel("", self)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 1)
        self.setup_button = QPushButton(self.tr("Run the setup again…"), self)
        self.setup_button.setObjectName("runSetup")
        self.setup_button.setToolTip(self.tr("The first-start wizard: showroom, registry, "
                                             "printer, scanner (admins only)"))
        self.setup_button.clicked.connect(self.run_setup)
        bar.addWidget(self.setup_button)
        self.revert_button = QPushButton(self.tr("Undo changes"), self)
        self.revert_button.clicked.connect(self.load)
        bar.addWidget(self.revert_button)
        self.save_button = QPushButton(self.tr("Save settings"), self)
        set_role(self.save_button, "primary")
        self.save_button.setToolTip("Ctrl+S")
        save_keys = QShortcut(QKeySequence("Ctrl+S"), self)
        save_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_keys.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)
        self.load()

    def set_compact(self, compact: bool) -> None:
        """Narrow window (1024 px): the cards one under the other (scrolling), not side by side
        with their fields cut off."""
        self._columns.setDirection(QBoxLayout.Direction.TopToBottom if compact
                                   else QBoxLayout.Direction.LeftToRight)
        self._outer.setContentsMargins(*((20, 16, 20, 12) if compact else (36, 28, 36, 16)))

    # --- building -----------------------------------------------------------------------------

    def _card(self, title: str, parent: QWidget) -> tuple[QFrame, QGridLayout]:
        card, layout = panel(parent, QVBoxLayout, role="card", margins=(22, 18, 22, 18),
                             spacing=12)
        layout.addWidget(set_role(QLabel(title, card), "subtitle"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return card, grid

    def _add(
        self,
        grid: QGridLayout,
        label: str,
        setting: Setting[Any],
        widget: QWidget,
        *,
        hint: str = "",
    ) -> Field:
        row = grid.rowCount()
        caption = QLabel(label, widget.parentWidget())
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        caption.setFixedWidth(LABEL_WIDTH)  # the same column in every card
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(widget, row, 1)
        error = set_role(QLabel("", widget.parentWidget()), "error")
        error.setWordWrap(True)
        error.setVisible(bool(hint))
        if hint:
            set_role(error, "muted")
            error.setText(hint)
        error.setProperty("hint", hint)
        grid.addWidget(error, row + 1, 1)
        widget.setObjectName(f"setting_{setting.key}")
        get: Callable[[], Any]
        put: Callable[[Any], None]
        if isinstance(widget, QLineEdit):
            widget.setMinimumHeight(42)

            def get(w: QLineEdit = widget) -> Any:
                return w.text().strip()

            put = widget.setText
        elif isinstance(widget, QSpinBox):
            widget.setMinimumHeight(42)
            get, put = widget.value, widget.setValue
        elif isinstance(widget, QComboBox):
            widget.setMinimumHeight(42)

            def get(w: QComboBox = widget) -> Any:
                return w.currentData()

            def put(value: Any, w: QComboBox = widget) -> None:
                index = w.findData(value)
                w.setCurrentIndex(max(index, 0))
        else:  # pragma: no cover - programming error
            raise TypeError(widget)
        field = Field(setting, widget, get, put, error)
        self.fields[setting.key] = field
        return field

    def _line(self, parent: QWidget, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setPlaceholderText(placeholder)
        return edit

    def _spin(self, parent: QWidget, setting: Setting[int], suffix: str = "") -> QSpinBox:
        """A number box whose range is the setting's own (``minimum``/``maximum``)."""
        spin = QSpinBox(parent)
        spin.setRange(setting.minimum or 0, setting.maximum or 999_999)
        spin.setSuffix(suffix)
        spin.lineEdit().setTextMargins(8, 0, 0, 0)  # QSS padding does not reach the editor
        return spin

    def _combo(self, parent: QWidget, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(parent)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _showroom_card(self, parent: QWidget) -> QFrame:
        card, grid = self._card(self.tr("Showroom"), parent)
        self._add(grid, self.tr("Showroom name"), config.SHOWROOM_NAME, self._line(card))
        self._add(grid, self.tr("Address"), config.SHOWROOM_ADDRESS,
                  self._line(card, self.tr("Street, ward, district, Hà Nội")))
        self._add(grid, self.tr("Tax code"), config.SHOWROOM_TAX_CODE,
                  self._line(card, "0101234567"))
        self._add(grid, self.tr("Phone"), config.SHOWROOM_PHONE,
                  self._line(card, "024 3826 1234"),
                  hint=self.tr("Printed under the address on receipts; leave empty to omit"))
        self._add(grid, self.tr("Till code"), config.TILL_CODE, self._line(card, "Q01"),
                  hint=self.tr("Printed in receipt numbers, e.g. Q01-20261123-0042"))
        self._add(grid, self.tr("Interface language"), config.LANGUAGE,
                  self._combo(card, [("Tiếng Việt", "vi"), ("English", "en")]),
                  hint=self.tr("Applied the next time the app starts"))
        return card

    def _printer_card(self, parent: QWidget) -> QFrame:
        card, grid = self._card(self.tr("Receipt printer"), parent)
        self._add(grid, self.tr("Printer address"), config.PRINTER_URI,
                  self._line(card, "tcp://192.168.1.50:9100"),
                  hint=self.tr("tcp://IP:9100, usb://vendor:product, serial://COM3, "
                               "win32://Printer name"))
        self._add(grid, self.tr("Label printer"), config.LABEL_PRINTER_URI,
                  self._line(card, "tcp://192.168.1.60:9100"),
                  hint=self.tr("Price labels (TSPL or ZPL); the same kinds of address"))
        self._add(grid, self.tr("Paper width"), config.PAPER_WIDTH_MM,
                  self._combo(card, [("80 mm", 80), ("58 mm", 58)]))
        row = QHBoxLayout()
        self.test_print_button = QPushButton(self.tr("Test print"), card)
        self.test_print_button.setObjectName("testPrint")
        self.test_print_button.clicked.connect(self.test_print)
        row.addWidget(self.test_print_button)
        self.test_print_result = QLabel("", card)
        self.test_print_result.setObjectName("testPrintResult")
        self.test_print_result.setWordWrap(True)
        row.addWidget(self.test_print_result, 1)
        grid.addLayout(row, grid.rowCount(), 1)
        return card

    def _bank_card(self, parent: QWidget) -> QFrame:
        card, grid = self._card(self.tr("Bank transfer (VietQR)"), parent)
        self._add(grid, self.tr("Bank BIN"), config.BANK_BIN, self._line(card, "970436"),
                  hint=self.tr("6 digits, from the bank's VietQR list"))
        self._add(grid, self.tr("Account number"), config.BANK_ACCOUNT,
                  self._line(card, "0011001234567"))
        self._add(grid, self.tr("Account holder"), config.BANK_ACCOUNT_NAME,
                  self._line(card, "CONG TY OCOP HA NOI"),
                  hint=self.tr("Capital letters without tone marks, as the bank shows it"))
        return card

    def _certificate_card(self, parent: QWidget) -> QFrame:
        card, grid = self._card(self.tr("OCOP certificates"), parent)
        self._add(grid, self.tr("Expired certificate"), config.EXPIRED_CERT_POLICY,
                  self._combo(card, [
                      (self.tr("Sell only with a manager's approval"), "approve"),
                      (self.tr("Sell with a warning"), "allow"),
                      (self.tr("Do not sell"), "block"),
                  ]))
        self._add(grid, self.tr("Warn before expiry"), config.CERT_EXPIRY_WARNING_DAYS,
                  self._spin(card, config.CERT_EXPIRY_WARNING_DAYS, self.tr(" days")))
        return card

    def _scanner_card(self, parent: QWidget) -> QFrame:
        card, grid = self._card(self.tr("Barcode scanner"), parent)
        self._add(grid, self.tr("Longest gap between keys"), config.SCANNER_MAX_GAP_MS,
                  self._spin(card, config.SCANNER_MAX_GAP_MS, " ms"),
                  hint=self.tr("Faster than this is a scanner; slower is typing"))
        self._add(grid, self.tr("Shortest code"), config.SCANNER_MIN_LENGTH,
                  self._spin(card, config.SCANNER_MIN_LENGTH, self.tr(" characters")))
        self._add(grid, self.tr("Prefix"), config.SCANNER_PREFIX, self._line(card))
        self._add(grid, self.tr("Suffix"), config.SCANNER_SUFFIX, self._line(card))
        self._add(grid, self.tr("Serial port"), config.SCANNER_SERIAL_PORT,
                  self._line(card, "COM3 / /dev/ttyACM0"),
                  hint=self.tr("Only for scanners in USB-COM mode; leave empty otherwise"))
        return card

    # --- load / save --------------------------------------------------------------------------

    def load(self) -> None:
        """Show the values in force (undoing unsaved edits)."""
        for field in self.fields.values():
            field.put(self.settings.get(field.setting))
            if isinstance(field.widget, QLineEdit):
                field.widget.setCursorPosition(0)
            self._show_error(field, None)
        if hasattr(self, "einvoice_card"):
            self.einvoice_card.load()
        self._say("", "")

    def values(self) -> dict[str, Any]:
        return {key: field.get() for key, field in self.fields.items()}

    def validate(self) -> dict[str, str]:
        """Field key → message for every wrong field (shown on the screen too)."""
        errors = {key: problem_text(problem)
                  for key, problem in config.problems(self.values()).items()}
        for key, field in self.fields.items():
            self._show_error(field, errors.get(key))
        values = self.values()
        seller = Party(name=values[config.SHOWROOM_NAME.key],
                       address=values[config.SHOWROOM_ADDRESS.key],
                       tax_code=values[config.SHOWROOM_TAX_CODE.key])
        for key, text in self.einvoice_card.validate(seller).items():
            errors[f"einvoice.{key}"] = text
        return errors

    def save(self) -> bool:
        errors = self.validate()
        if errors:
            first = next(iter(errors))
            if first in self.fields:
                self.fields[first].widget.setFocus()
            self._say(self.tr("Nothing was saved: please correct the fields marked in red."),
                      "error")
            return False
        changed: list[str] = []
        edits = {key: value for key, value in self.values().items()
                 if self.settings.get(self.fields[key].setting) != value}
        invoicing = self.einvoice_card.changed()
        if (edits or invoicing) and not self.allowed_to_change():
            self._say(self.tr("Nothing was saved: changing the settings needs a manager's "
                              "approval."), "error")
            return False
        try:
            for key, value in edits.items():
                self.settings.set(self.fields[key].setting, value)
                changed.append(key)
        except (OSError, ValueError) as exc:
            log.exception("saving settings failed")
            self._say(self.tr("The settings could not be saved: {reason}").format(reason=exc),
                      "error")
            return False
        problem = self.einvoice_card.save() if invoicing else ""
        if invoicing and self.einvoice_card.changed():  # refused by the e-invoice service
            self._say(problem, "error")
            return False
        if changed or invoicing:
            self._say(" ".join((self.tr("Settings saved."), problem)).strip(), "ok")
        else:
            self._say(self.tr("No changes to save."), "")
        if config.LANGUAGE.key in changed:
            self._say(self.tr("Settings saved. The new language applies after a restart."), "ok")
        self.saved.emit(changed)
        return True

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        actor = self.current_actor()
        if actor is not None and not can(actor.role, SETTINGS_CHANGE) \
                and not self.message.text():
            self._say(self.tr("{name} may look; saving a change needs a manager's PIN.").format(
                name=actor.name), "")

    def current_actor(self) -> Actor | None:
        """Who is logged in at the counter (the counter session); None when nobody is."""
        return self.session.actor

    def allowed_to_change(self) -> bool:
        """Someone allowed to change settings is logged in, or a manager approves with a PIN
        (with nobody logged in, the session says so and nothing is saved)."""
        actor = self.current_actor()
        if actor is not None and can(actor.role, SETTINGS_CHANGE):
            return True
        return self.session.approve(self, (SETTINGS_CHANGE,)) is not None

    def _show_error(self, field: Field, message: str | None) -> None:
        hint = field.error.property("hint") or ""
        if message:
            set_role(field.error, "error")
            field.error.setText(message)
            field.error.setVisible(True)
        else:
            set_role(field.error, "muted")
            field.error.setText(hint)
            field.error.setVisible(bool(hint))
        set_state(field.error, "role", field.error.property("role"))
        set_state(field.widget, "invalid", bool(message))

    def _say(self, text: str, state: str) -> None:
        self.message.setText(text)
        role = {"error": "error", "ok": "ok"}.get(state, "muted")
        set_state(self.message, "role", role)

    # --- setup wizard -------------------------------------------------------------------------

    def run_setup(self) -> bool:
        """The first-start setup wizard again (admins only): ``pos_app.ui.setup_wizard``."""
        from pos_app.ui.setup_wizard import rerun_from_settings

        return rerun_from_settings(self)

    # --- test print ---------------------------------------------------------------------------

    def test_print(self) -> None:
        """Print the printer's self-test page through the printing service (on the print lane)."""
        field = self.fields[config.PRINTER_URI.key]
        uri = field.get()
        found = config.PRINTER_URI.problem(uri)
        problem = problem_text(found) if found else None
        if problem or not uri:
            self._show_error(field, problem or self.tr("Enter the printer address first."))
            return
        self.test_print_requested.emit()
        self._test_result(self.tr("Sending the test page…"), "")
        self.test_print_button.setEnabled(False)

        def done(_result: object) -> None:
            self.test_print_button.setEnabled(True)
            self._test_result(self.tr("Test page queued: it prints in a moment."), "ok")

        def failed(exc: BaseException) -> None:
            self.test_print_button.setEnabled(True)
            code = getattr(exc, "code", "") or type(exc).__name__
            self._test_result(self.tr("The printer did not print: {problem}").format(
                problem=printer_problem(code)), "error")

        self.lanes.run("print", self.services.printing.print_test_page, uri=uri,
                       on_done=done, on_error=failed)

    def _test_result(self, text: str, state: str) -> None:
        self.test_print_result.setText(text)
        set_state(self.test_print_result, "role",
                  {"error": "error", "ok": "ok"}.get(state, "muted"))
