"""The first-run setup wizard: language, showroom, registry, printer, scanner, first admin.

One dialog with a step rail on the left (as the main window's navigation) and one page at a
time on the right. Each page's values are checked and saved when the user goes on (Next), so
a wizard closed half-way keeps what was done; the registry and printer steps may be skipped.
Slow work runs on the app's lanes: enrolment on ``sync``, printer discovery on ``io``, the test
page on ``print``.

At the first start (no users, never set up) ``run_first_setup`` shows it before the counter
window is built, so the language chosen on its first page is the one the window opens in.
An admin can run it again from Settings; then the language applies at the next start and the
admin step may be left empty.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.config import resources_dir
from pos_app.services.maintenance.setup import EnrollError
from pos_app.services.people.users import UserError
from pos_app.ui.i18n import install_translator
from pos_app.ui.messages import people as people_messages
from pos_app.ui.messages import sync as sync_messages
from pos_app.ui.scanner import ScannerFilter
from pos_app.ui.status_bar import printer_problem
from pos_app.ui.theme import COLOURS, set_role, set_state

log = logging.getLogger(__name__)

STEPS = ("language", "showroom", "registry", "printer", "scanner", "admin", "done")
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_CODE = re.compile(r"^[A-Z0-9]{1,8}$")
_PRINTER_SCHEMES = ("tcp", "usb", "serial", "win32", "file")
LABEL_WIDTH = 190

WIZARD_STYLE = f"""
QFrame#setupRail {{ background: {COLOURS.nav}; }}
QLabel#setupBrand {{ color: white; font-size: 18px; font-weight: bold; }}
QLabel#setupBrandSub {{ color: {COLOURS.nav_text}; font-size: 13px; }}
QLabel#setupStep {{ color: {COLOURS.nav_text}; font-size: 15px; padding: 9px 12px;
    border-radius: 10px; }}
QLabel#setupStep[state="current"] {{ background: {COLOURS.accent}; color: white;
    font-weight: bold; }}
QLabel#setupStep[state="done"] {{ color: #9FC9BB; }}
QPushButton#languageChoice {{ font-size: 20px; padding: 22px 18px; min-width: 240px;
    text-align: left; border-radius: 12px; }}
QPushButton#languageChoice:checked {{ background: {COLOURS.accent_soft};
    border: 2px solid {COLOURS.accent}; font-weight: bold; }}
QLineEdit#scanTest {{ font-size: 22px; padding: 12px; }}
QLabel#scanResult {{ font-size: 20px; font-weight: bold; color: {COLOURS.accent}; }}
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("SetupWizard", text)


class SetupWizard(QDialog):
    """``finished_setup`` is emitted once the last page was confirmed (settings saved, the flag
    set); ``first_run`` says whether the counter window is still to be built."""

    finished_setup = Signal()

    def __init__(self, services: Any, lanes: Any, *, first_run: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.lanes = lanes
        self.first_run = first_run
        self.setup = services.setup
        self.users = services.users
        self.printing = getattr(services, "printing", None)
        self.admin_created: Any = None
        self.enrolled: Any = None
        self.found_printers: list[Any] = []
        self.last_scan = ""
        self._language = self.settings.get(config.LANGUAGE)
        self.setObjectName("setupWizard")
        self.setStyleSheet(WIZARD_STYLE)
        self.setMinimumSize(1040, 680)
        self.setModal(True)
        self.setProperty("acceptsScans", False)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_rail())

        right = QWidget(self)
        right.setObjectName("page")
        column = QVBoxLayout(right)
        column.setContentsMargins(40, 32, 40, 24)
        column.setSpacing(8)
        self.title = set_role(QLabel(right), "title")
        self.title.setObjectName("setupTitle")
        column.addWidget(self.title)
        self.subtitle = set_role(QLabel(right), "muted")
        self.subtitle.setWordWrap(True)
        column.addWidget(self.subtitle)
        column.addSpacing(14)
        self.stack = QStackedWidget(right)
        column.addWidget(self.stack, 1)

        bar = QHBoxLayout()
        bar.setSpacing(12)
        self.message = QLabel(right)
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        bar.addWidget(self.message, 1)
        self.back_button = QPushButton(right)
        self.back_button.clicked.connect(self.back)
        self.skip_button = QPushButton(right)
        self.skip_button.clicked.connect(self.skip)
        self.next_button = QPushButton(right)
        set_role(self.next_button, "primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        for button in (self.back_button, self.skip_button, self.next_button):
            button.setMinimumHeight(46)
            bar.addWidget(button)
        column.addLayout(bar)
        root.addWidget(right, 1)

        self.pages: dict[str, QWidget] = {}
        self.builders: dict[str, Callable[[], QWidget]] = {
            "language": self._language_page, "showroom": self._showroom_page,
            "registry": self._registry_page, "printer": self._printer_page,
            "scanner": self._scanner_page, "admin": self._admin_page, "done": self._done_page,
        }
        self.scanner = self._own_scanner()
        self.index = 0
        self.show_page(0)

    # -- chrome ------------------------------------------------------------------------------

    def _build_rail(self) -> QFrame:
        rail = QFrame(self)
        rail.setObjectName("setupRail")
        rail.setFixedWidth(250)
        layout = QVBoxLayout(rail)
        layout.setContentsMargins(16, 24, 16, 20)
        layout.setSpacing(4)
        brand = QHBoxLayout()
        brand.setSpacing(10)
        logo = QLabel(rail)
        logo.setPixmap(QIcon(str(resources_dir() / "icons" / "logo.svg")).pixmap(QSize(40, 40)))
        brand.addWidget(logo)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(_named(QLabel("OCOP POS", rail), "setupBrand"))
        self.brand_sub = _named(QLabel(rail), "setupBrandSub")
        words.addWidget(self.brand_sub)
        brand.addLayout(words, 1)
        layout.addLayout(brand)
        layout.addSpacing(22)
        self.step_labels: list[QLabel] = []
        for _ in STEPS:
            label = _named(QLabel(rail), "setupStep")
            label.setWordWrap(True)  # long step names take two lines, never cut
            self.step_labels.append(label)
            layout.addWidget(label)
        layout.addStretch(1)
        self.rail_hint = _named(QLabel(rail), "setupBrandSub")
        self.rail_hint.setWordWrap(True)
        layout.addWidget(self.rail_hint)
        return rail

    def step_names(self) -> list[str]:
        return [tr("Language"), tr("Showroom"), tr("City registry"), tr("Receipt printer"),
                tr("Barcode scanner"), tr("First admin") if self.first_run else tr("Admin"),
                tr("Ready")]

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Set up this till") + " — OCOP POS")
        self.brand_sub.setText(tr("Till setup"))
        self.rail_hint.setText(tr("Everything here can be changed later in Settings."))
        for i, (label, name) in enumerate(zip(self.step_labels, self.step_names(), strict=True)):
            mark = "✓" if i < self.index else str(i + 1)
            label.setText(f"{mark}   {name}")
            set_state(label, "state", "current" if i == self.index else
                      "done" if i < self.index else "todo")
        titles = {
            "language": (tr("Welcome to OCOP POS"),
                         tr("A few steps make this computer a till of the showroom. Choose the "
                            "language of the screens first.")),
            "showroom": (tr("The showroom"),
                         tr("Printed at the top of every receipt. The codes come from the city "
                            "registry; the next step can fill them in for you.")),
            "registry": (tr("Connect to the city registry"),
                         tr("The registry sends the OCOP catalog and receives the sales. No "
                            "network or no token yet? Skip: the till sells offline, and IT "
                            "enrols it later.")),
            "printer": (tr("Receipt printer"),
                        tr("Choose a printer this computer found, or type its address. Print a "
                           "test page to be sure.")),
            "scanner": (tr("Barcode scanner"),
                        tr("Scan any barcode: the till should recognise it as a scan.")),
            "admin": (tr("The first admin") if self.first_run else tr("Another admin"),
                      tr("The admin signs in with a PIN and adds cashiers and managers "
                         "afterwards (Shift → Users).") if self.first_run else
                      tr("Leave the fields empty to keep the users as they are.")),
            "done": (tr("The till is ready"), tr("Here is what was set up.")),
        }
        title, subtitle = titles[STEPS[self.index]]
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.back_button.setText(tr("Back"))
        self.skip_button.setText(tr("Skip for now"))
        last = self.index == len(STEPS) - 1
        self.next_button.setText(tr("Start selling") if last and self.first_run else
                                 tr("Finish") if last else tr("Next"))
        self.back_button.setVisible(self.index > 0)
        self.skip_button.setVisible(STEPS[self.index] in ("registry", "printer", "scanner"))
        if "language" in self.pages:
            self.vi_button.setText("Tiếng Việt\n" + tr("Vietnamese"))
            self.en_button.setText("English\n" + tr("English (the second language)"))
            self.language_note.setText(
                "" if self.first_run else tr("The new language applies the next time the app "
                                             "starts."))

    # -- navigation --------------------------------------------------------------------------

    @property
    def step(self) -> str:
        return STEPS[self.index]

    def page(self, step: str) -> QWidget:
        if step not in self.pages:
            widget = self.builders[step]()
            self.pages[step] = widget
            self.stack.addWidget(widget)
        return self.pages[step]

    def show_page(self, index: int) -> None:
        self.index = index
        step = STEPS[index]
        widget = self.page(step)
        if step == "done":
            self._fill_summary()
        self.stack.setCurrentWidget(widget)
        self.say("", "")
        self.retranslate()
        focus = getattr(widget, "first_field", None)
        if isinstance(focus, QWidget):
            focus.setFocus()

    def next(self) -> None:
        save = {"language": self._save_language, "showroom": self._save_showroom,
                "registry": lambda: True, "printer": self._save_printer,
                "scanner": lambda: True, "admin": self._save_admin,
                "done": self._finish}[self.step]
        if not save():
            return
        if self.index < len(STEPS) - 1:
            self.show_page(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.show_page(self.index - 1)

    def skip(self) -> None:
        if self.step in ("registry", "printer", "scanner"):
            self.show_page(self.index + 1)

    def say(self, text: str, state: str) -> None:
        self.message.setText(text)
        set_state(self.message, "role", {"error": "error", "ok": "ok"}.get(state, "muted"))

    def reject(self) -> None:
        """Closing the wizard at the first start asks first: the till is not ready yet."""
        if self.first_run and not self.property("closeWithoutAsking"):
            box = QMessageBox(QMessageBox.Icon.Question, tr("Leave the setup?"),
                              tr("This till is not set up yet. What was saved so far is kept; "
                                 "the setup starts again at the next start."), parent=self)
            leave = box.addButton(tr("Leave the setup"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(tr("Continue the setup"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not leave:
                return
        self._release_scanner()
        super().reject()

    def done(self, result: int) -> None:  # noqa: D102 (Qt's name)
        self._release_scanner()
        super().done(result)

    # -- form helpers ------------------------------------------------------------------------

    def _form(self) -> tuple[QFrame, QGridLayout]:
        card = QFrame(self)
        set_role(card, "card")
        grid = QGridLayout(card)
        grid.setContentsMargins(26, 22, 26, 22)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        return card, grid

    def _row(self, grid: QGridLayout, label: str, widget: QWidget, hint: str = "") -> QLabel:
        row = grid.rowCount()
        caption = QLabel(label, widget.parentWidget())
        caption.setFixedWidth(LABEL_WIDTH)
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(widget, row, 1)
        widget.setMinimumHeight(42)
        note = set_role(QLabel(hint, widget.parentWidget()), "muted")
        note.setProperty("hint", hint)
        note.setWordWrap(True)
        note.setVisible(bool(hint))
        grid.addWidget(note, row + 1, 1)
        return note  # type: ignore[return-value]

    def _line(self, parent: QWidget, value: str = "", placeholder: str = "",
              name: str = "") -> QLineEdit:
        edit = QLineEdit(value, parent)
        edit.setPlaceholderText(placeholder)
        if name:
            edit.setObjectName(name)
        return edit

    @staticmethod
    def _mark(widget: QWidget, note: QLabel, problem: str | None) -> None:
        set_state(widget, "invalid", bool(problem))
        note.setText(problem or note.property("hint") or "")
        note.setVisible(bool(note.text()))
        set_state(note, "role", "error" if problem else "muted")

    # -- 1. language -------------------------------------------------------------------------

    def _language_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(16)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.language_group = QButtonGroup(page)
        self.vi_button = QPushButton(page)
        self.en_button = QPushButton(page)
        for button, lang in ((self.vi_button, "vi"), (self.en_button, "en")):
            button.setObjectName("languageChoice")
            button.setCheckable(True)
            button.setProperty("lang", lang)
            button.setMinimumHeight(96)
            self.language_group.addButton(button)
            row.addWidget(button)
            button.setChecked(lang == self._language)
        row.addStretch(1)
        self.language_group.buttonClicked.connect(self._language_clicked)
        layout.addLayout(row)
        self.language_note = set_role(QLabel(page), "muted")
        self.language_note.setWordWrap(True)
        layout.addWidget(self.language_note)
        layout.addStretch(1)
        page.first_field = self.vi_button if self._language == "vi" else self.en_button
        return page

    def _language_clicked(self, button: QPushButton) -> None:
        self.choose_language(str(button.property("lang")))

    def choose_language(self, lang: str) -> None:
        """Pick ``lang``: at the first start the wizard (and then the counter) switch at once."""
        self._language = lang
        self.vi_button.setChecked(lang == "vi")
        self.en_button.setChecked(lang == "en")
        if self.first_run:
            app = QApplication.instance()
            if app is not None:
                install_translator(app, lang)
            for step in [s for s in self.pages if s != "language"]:  # rebuilt in the new words
                widget = self.pages.pop(step)
                self.stack.removeWidget(widget)
                widget.deleteLater()
        self.retranslate()

    def _save_language(self) -> bool:
        return self._store({config.LANGUAGE: self._language})

    def _store(self, values: dict[config.Setting[Any], Any]) -> bool:
        try:
            for setting, value in values.items():
                if self.settings.get(setting) != value:
                    self.settings.set(setting, value)
        except (OSError, ValueError) as exc:
            log.exception("saving settings failed")
            self.say(tr("The settings could not be saved: {reason}").format(reason=exc), "error")
            return False
        return True

    # -- 2. showroom -------------------------------------------------------------------------

    def _showroom_page(self) -> QWidget:
        card, grid = self._form()
        s = self.settings
        self.showroom_name = self._line(card, s.get(config.SHOWROOM_NAME), name="showroomName")
        self.showroom_address = self._line(card, s.get(config.SHOWROOM_ADDRESS),
                                           tr("Street, ward, district, Hà Nội"))
        self.tax_code = self._line(card, s.get(config.SHOWROOM_TAX_CODE), "0101234567")
        self.showroom_code = self._line(card, s.get(config.SHOWROOM_CODE), "HN01")
        self.till_code = self._line(card, s.get(config.TILL_CODE), "Q01")
        self.showroom_notes = {
            "name": self._row(grid, tr("Showroom name"), self.showroom_name),
            "address": self._row(grid, tr("Address"), self.showroom_address),
            "tax": self._row(grid, tr("Tax code (MST)"), self.tax_code,
                             tr("10 digits, or 10 digits, a dash and 3 digits")),
            "showroom": self._row(grid, tr("Showroom code"), self.showroom_code,
                                  tr("As the city registry knows the showroom, e.g. HN01")),
            "till": self._row(grid, tr("Till code"), self.till_code,
                              tr("Printed in receipt numbers, e.g. Q01-20261123-0042")),
        }
        card.first_field = self.showroom_name
        return _page_of(card)

    def _save_showroom(self) -> bool:
        name = self.showroom_name.text().strip()
        address = self.showroom_address.text().strip()
        tax = self.tax_code.text().strip()
        showroom = self.showroom_code.text().strip().upper()
        till = self.till_code.text().strip().upper()
        problems = {
            "name": tr("Enter the showroom name.") if not name else
            tr("Too long: at most {n} characters.").format(n=120) if len(name) > 120 else None,
            "address": tr("Too long: at most {n} characters.").format(n=120)
            if len(address) > 120 else None,
            "tax": tr("A tax code has 10 digits, or 10 digits, a dash and 3 digits.")
            if tax and not _TAX_CODE.match(tax) else None,
            "showroom": None if _CODE.match(showroom) else
            tr("Use 1 to 8 capital letters or digits, e.g. HN01."),
            "till": None if _CODE.match(till) else
            tr("Use 1 to 8 capital letters or digits, e.g. Q01."),
        }
        widgets = {"name": self.showroom_name, "address": self.showroom_address,
                   "tax": self.tax_code, "showroom": self.showroom_code, "till": self.till_code}
        for key, widget in widgets.items():
            self._mark(widget, self.showroom_notes[key], problems[key])
        wrong = [key for key, problem in problems.items() if problem]
        if wrong:
            widgets[wrong[0]].setFocus()
            self.say(tr("Please correct the fields marked in red."), "error")
            return False
        return self._store({config.SHOWROOM_NAME: name, config.SHOWROOM_ADDRESS: address,
                            config.SHOWROOM_TAX_CODE: tax, config.SHOWROOM_CODE: showroom,
                            config.TILL_CODE: till})

    # -- 3. registry -------------------------------------------------------------------------

    def _registry_page(self) -> QWidget:
        card, grid = self._form()
        self.registry_url = self._line(card, self.settings.get(config.REGISTRY_URL),
                                       "https://ocop.hanoi.gov.vn", "registryUrl")
        self.registry_token = self._line(card, "", tr("From the registry's enrol-till command"),
                                         "registryToken")
        self.registry_token.setEchoMode(QLineEdit.EchoMode.Password)
        self._row(grid, tr("Registry address"), self.registry_url)
        self._row(grid, tr("Enrolment token"), self.registry_token,
                  tr("Kept in the system keyring or a private file, never in the settings file"))
        self.enroll_button = QPushButton(tr("Connect"), card)
        self.enroll_button.setObjectName("enrollButton")
        self.enroll_button.clicked.connect(self.enroll)
        row = grid.rowCount()
        grid.addWidget(self.enroll_button, row, 1, Qt.AlignmentFlag.AlignLeft)
        self.enroll_result = QLabel(card)
        self.enroll_result.setObjectName("enrollResult")
        self.enroll_result.setWordWrap(True)
        grid.addWidget(self.enroll_result, row + 1, 1)  # below: a long reason wraps freely
        if self.enrolled is not None:
            self._show_enrolled()
        elif self.settings.get(config.REGISTRY_URL):
            self._result(self.enroll_result, tr("This till is already enrolled with {url}.")
                         .format(url=self.settings.get(config.REGISTRY_URL)), "ok")
        card.first_field = self.registry_url
        return _page_of(card)

    def enroll(self) -> None:
        url, token = self.registry_url.text().strip(), self.registry_token.text().strip()
        if not url or not token:
            self._result(self.enroll_result, tr("Enter the registry address and the token, "
                                                "or skip this step."), "error")
            return
        self.enroll_button.setEnabled(False)
        self._result(self.enroll_result, tr("Connecting to the registry…"), "")

        button = self.enroll_button

        def done(result: Any) -> None:
            _enable(button)
            self.enrolled = result
            if "registry" in self.pages:
                self._show_enrolled()

        def failed(exc: BaseException) -> None:
            _enable(button)
            code = exc.code if isinstance(exc, EnrollError) else "internal"
            if code == "token_not_accepted":
                reason = tr("the registry did not recognise the token")
            else:
                reason = sync_messages.error_text(code)
            self._result(self.enroll_result, tr("Not connected: {reason}. Check the address "
                                                "and token and try again, or skip this step "
                                                "and enrol later.").format(reason=reason),
                         "error")

        self.lanes.run("sync", self.setup.enroll, url, token, on_done=done, on_error=failed)

    def _show_enrolled(self) -> None:
        enrolled = self.enrolled
        self._result(self.enroll_result, tr("Connected: till {till} of showroom {showroom}.")
                     .format(till=enrolled.till, showroom=enrolled.showroom), "ok")
        if "showroom" in self.pages and shiboken6.isValid(self.till_code):  # the registry wins
            self.showroom_code.setText(enrolled.showroom)
            self.till_code.setText(enrolled.till)

    @staticmethod
    def _result(label: QLabel, text: str, state: str) -> None:
        if not shiboken6.isValid(label):  # its page was rebuilt in another language meanwhile
            return
        label.setText(text)
        set_state(label, "role", {"error": "error", "ok": "ok"}.get(state, "muted"))
        # a wrapped label in a grid in a card does not ask for its height by itself
        label.setMinimumHeight(label.heightForWidth(max(label.width(), 480)) if text else 0)

    # -- 4. printer --------------------------------------------------------------------------

    def _printer_page(self) -> QWidget:
        card, grid = self._form()
        self.printer_choice = QComboBox(card)
        self.printer_choice.setObjectName("printerChoice")
        self.printer_choice.activated.connect(self._printer_chosen)
        self.printer_uri = self._line(card, self.settings.get(config.PRINTER_URI),
                                      "tcp://192.168.1.50:9100", "printerUri")
        self.paper_width = QComboBox(card)
        self.paper_width.addItem("80 mm", 80)
        self.paper_width.addItem("58 mm", 58)
        self.paper_width.setCurrentIndex(max(0, self.paper_width.findData(
            self.settings.get(config.PAPER_WIDTH_MM))))
        self._row(grid, tr("Printers found"), self.printer_choice)
        self.printer_note = self._row(
            grid, tr("Printer address"), self.printer_uri,
            tr("tcp://IP:9100, usb://vendor:product, serial://COM3, win32://Printer name"))
        self._row(grid, tr("Paper width"), self.paper_width)
        self.test_button = QPushButton(tr("Test print"), card)
        self.test_button.setObjectName("testPrint")
        self.test_button.clicked.connect(self.test_print)
        row = grid.rowCount()
        grid.addWidget(self.test_button, row, 1, Qt.AlignmentFlag.AlignLeft)
        self.test_result = QLabel(card)
        self.test_result.setObjectName("testPrintResult")
        self.test_result.setWordWrap(True)
        grid.addWidget(self.test_result, row + 1, 1)  # below: a long reason wraps freely
        self._fill_printers([])
        self.lanes.run("io", self.setup.discover_printers, on_done=self._fill_printers,
                       on_error=lambda exc: self._fill_printers([]))
        card.first_field = self.printer_uri
        return _page_of(card)

    def _fill_printers(self, found: list[Any]) -> None:
        self.found_printers = list(found)
        combo = getattr(self, "printer_choice", None)
        if combo is None or not shiboken6.isValid(combo):
            return
        combo.clear()
        if not found:
            combo.addItem(tr("No USB printer or serial port found — type the address"), "")
        else:
            combo.addItem(tr("{n} found — choose one").format(n=len(found)), "")
            for printer in found:
                combo.addItem(f"{printer.description} — {printer.uri}", printer.uri)

    def _printer_chosen(self, index: int) -> None:
        uri = self.printer_choice.itemData(index)
        if uri:
            self.printer_uri.setText(str(uri))

    def _check_printer(self, uri: str) -> str | None:
        if not uri:
            return None
        scheme, sep, rest = uri.partition("://")
        if not sep or scheme.lower() not in _PRINTER_SCHEMES or not rest:
            return tr("Start with tcp://, usb://, serial://, win32:// or file://.")
        return None

    def test_print(self) -> None:
        uri = self.printer_uri.text().strip()
        problem = self._check_printer(uri) or (None if uri else tr("Enter the printer address "
                                                                   "first."))
        self._mark(self.printer_uri, self.printer_note, problem)
        if problem:
            return
        if self.printing is None:
            self._result(self.test_result, tr("Printing is not available in this version."),
                         "error")
            return
        printing = self.printing
        button = self.test_button
        button.setEnabled(False)
        self._result(self.test_result, tr("Printing the test page…"), "")

        def print_and_wait() -> Any:
            job = printing.print_test_page(uri=uri)
            return printing.wait(job, timeout=45)

        def done(info: Any) -> None:
            _enable(button)
            if getattr(info, "status", "") == "printed":
                self._result(self.test_result, tr("Printed. Check the page: every tone mark "
                                                  "should be there."), "ok")
            elif getattr(info, "status", "") == "failed":
                self._result(self.test_result, tr("The printer did not print: {problem}")
                             .format(problem=printer_problem(info.error_code)), "error")
            else:
                self._result(self.test_result, tr("The test page is still waiting for the "
                                                  "printer."), "")

        def failed(exc: BaseException) -> None:
            _enable(button)
            code = getattr(exc, "code", "") or type(exc).__name__
            self._result(self.test_result, tr("The printer did not print: {problem}")
                         .format(problem=printer_problem(code)), "error")

        self.lanes.run("io", print_and_wait, on_done=done, on_error=failed)

    def _save_printer(self) -> bool:
        uri = self.printer_uri.text().strip()
        problem = self._check_printer(uri)
        self._mark(self.printer_uri, self.printer_note, problem)
        if problem:
            self.say(tr("Please correct the fields marked in red."), "error")
            return False
        return self._store({config.PRINTER_URI: uri,
                            config.PAPER_WIDTH_MM: int(self.paper_width.currentData())})

    # -- 5. scanner --------------------------------------------------------------------------

    def _own_scanner(self) -> ScannerFilter:
        """The same keyboard-wedge recogniser the counter uses, installed app-wide while the
        wizard is open (last installed, so it sees the keys first)."""
        s = self.settings
        scanner = ScannerFilter(max_gap_ms=s.get(config.SCANNER_MAX_GAP_MS),
                                min_length=s.get(config.SCANNER_MIN_LENGTH),
                                prefix=s.get(config.SCANNER_PREFIX),
                                suffix=s.get(config.SCANNER_SUFFIX), parent=self)
        scanner.scanned.connect(self.on_scanned)
        scanner.scanned_while_busy.connect(self.on_scanned)  # the wizard is a modal dialog
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(scanner)
        return scanner

    def _release_scanner(self) -> None:
        app = QApplication.instance()
        if app is not None and getattr(self, "scanner", None) is not None:
            app.removeEventFilter(self.scanner)

    def _scanner_page(self) -> QWidget:
        card, grid = self._form()
        layout = QVBoxLayout()
        layout.setSpacing(12)
        self.scan_field = self._line(card, "", tr("Put the cursor here and scan a barcode"),
                                     "scanTest")
        self.scan_field.setMinimumHeight(56)
        self.scan_field.returnPressed.connect(self._typed_enter)
        layout.addWidget(self.scan_field)
        self.scan_result = QLabel(card)
        self.scan_result.setObjectName("scanResult")
        self.scan_result.setWordWrap(True)
        layout.addWidget(self.scan_result)
        self.scan_hint = set_role(QLabel(card), "muted")
        self.scan_hint.setWordWrap(True)
        layout.addWidget(self.scan_hint)
        grid.addLayout(layout, 0, 0, 1, 2)
        self._scan_waiting()
        card.first_field = self.scan_field
        return _page_of(card)

    def _scan_waiting(self) -> None:
        self.scan_result.setText(tr("Waiting for a scan…"))
        self.scan_hint.setText(tr("A USB scanner in keyboard mode types the code quickly and "
                                  "ends with Enter. Serial scanners are set in Settings."))

    def on_scanned(self, code: str) -> None:
        self.last_scan = code
        if self.step != "scanner" or "scanner" not in self.pages:
            return
        self.scan_field.setText(code)
        self.scan_field.selectAll()
        self.scan_result.setText(tr("Scanner read: {code} ({n} characters)").format(
            code=code, n=len(code)))
        self.scan_hint.setText(tr("The scanner works. Scan a product's barcode to compare it "
                                  "with the label."))

    def _typed_enter(self) -> None:
        text = self.scan_field.text().strip()
        if not text or text == self.last_scan:
            return
        self.scan_result.setText(tr("Typed, not scanned: {code}").format(code=text))
        self.scan_hint.setText(tr("If this came from the scanner, it types too slowly for the "
                                  "till: raise \"Longest gap between keys\" in Settings."))

    # -- 6. admin ----------------------------------------------------------------------------

    def _admin_page(self) -> QWidget:
        card, grid = self._form()
        self.admin_name = self._line(card, "", tr("e.g. Nguyễn Văn An"), "adminName")
        self.admin_login = self._line(card, "admin" if self.first_run else "", "admin",
                                      "adminLogin")
        self.admin_pin = self._line(card, "", tr("4–8 digits"), "adminPin")
        self.admin_again = self._line(card, "", tr("The same PIN again"), "adminPinAgain")
        for edit in (self.admin_pin, self.admin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_note = self._row(grid, tr("Name"), self.admin_name)
        self._row(grid, tr("Login"), self.admin_login, tr("Letters, digits and dots"))
        self._row(grid, tr("PIN"), self.admin_pin)
        self.admin_pin_note = self._row(grid, tr("PIN again"), self.admin_again)
        if self.admin_created is not None:
            self._admin_done()
        card.first_field = self.admin_name
        return _page_of(card)

    def _admin_done(self) -> None:
        self.admin_note.setText(tr("{name} is the admin (login {login}).").format(
            name=self.admin_created.name, login=self.admin_created.login))
        self.admin_note.setVisible(True)
        set_state(self.admin_note, "role", "ok")
        for edit in (self.admin_name, self.admin_login, self.admin_pin, self.admin_again):
            edit.setEnabled(False)

    def _save_admin(self) -> bool:
        if self.admin_created is not None:
            return True
        name = self.admin_name.text().strip()
        if not self.first_run and not name and not self.admin_pin.text():
            return True  # re-run: users stay as they are
        if self.admin_pin.text() != self.admin_again.text():
            self._mark(self.admin_again, self.admin_pin_note, tr("The two PINs differ."))
            self.admin_again.setFocus()
            return False
        self._mark(self.admin_again, self.admin_pin_note, None)
        try:
            self.admin_created = self.users.create(
                login=self.admin_login.text().strip(), name=name, role="admin",
                secret=self.admin_pin.text())
        except UserError as exc:
            self.say(people_messages.user_error(exc.code, exc.info), "error")
            return False
        self._admin_done()
        return True

    # -- 7. done -----------------------------------------------------------------------------

    def _done_page(self) -> QWidget:
        card, grid = self._form()
        self.summary: dict[str, QLabel] = {}
        for key in ("showroom", "till", "registry", "printer", "admin", "language"):
            value = QLabel(card)
            value.setObjectName(f"summary_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary[key] = value
            caption = QLabel({"showroom": tr("Showroom"), "till": tr("Till"),
                              "registry": tr("City registry"), "printer": tr("Receipt printer"),
                              "admin": tr("Admin"), "language": tr("Language")}[key], card)
            caption.setFixedWidth(LABEL_WIDTH)
            set_role(caption, "muted")
            row = grid.rowCount()
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.setRowMinimumHeight(row, 40)
        return _page_of(card)

    def _fill_summary(self) -> None:
        s = self.settings
        address = s.get(config.SHOWROOM_ADDRESS)
        self.summary["showroom"].setText(s.get(config.SHOWROOM_NAME) + (
            f"\n{address}" if address else ""))
        self.summary["till"].setText(tr("{till} of showroom {showroom}").format(
            till=s.get(config.TILL_CODE), showroom=s.get(config.SHOWROOM_CODE)))
        url = s.get(config.REGISTRY_URL)
        self.summary["registry"].setText(
            tr("Connected to {url}").format(url=url) if url else
            tr("Not connected yet: enrol later (ocop-pos-admin enroll)"))
        uri = s.get(config.PRINTER_URI)
        self.summary["printer"].setText(uri or tr("None yet: receipts wait until one is set"))
        admin = self.admin_created
        self.summary["admin"].setText(
            f"{admin.name} ({admin.login})" if admin is not None else
            tr("Unchanged") if not self.first_run else tr("Not created"))
        self.summary["language"].setText(
            "Tiếng Việt" if s.get(config.LANGUAGE) == "vi" else "English")

    def _finish(self) -> bool:
        if self.first_run and self.users.count() == 0:
            self.say(tr("Create the first admin before starting."), "error")
            return False
        try:
            self.setup.mark_done()
        except Exception as exc:  # the database is not writable: say so, keep the wizard
            log.exception("marking the setup done failed")
            self.say(tr("The settings could not be saved: {reason}").format(reason=exc), "error")
            return False
        self.finished_setup.emit()
        self.accept()
        return True


def _enable(button: QPushButton) -> None:
    if shiboken6.isValid(button):
        button.setEnabled(True)


def _named(widget: QLabel, name: str) -> QLabel:
    widget.setObjectName(name)
    return widget


def _page_of(card: QFrame) -> QWidget:
    """A page: the card at the top, room below (and the card's first field for the focus)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(card)
    layout.addStretch(1)
    page.first_field = getattr(card, "first_field", None)
    return page
