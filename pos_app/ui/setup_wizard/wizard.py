"""The first-run setup wizard: language, showroom, registry, printer, scanner, first admin.

One dialog with a step rail on the left (as the main window's navigation) and one page at a
time on the right. Each step is a page class in :mod:`pos_app.ui.setup_wizard.pages`; this module
is the chrome and the navigation. A page's values are checked (``validate``, with the settings'
own rules) and saved (``save``) when the user goes on (Next), so a wizard closed half-way keeps
what was done; the registry, printer and scanner steps may be skipped.
Slow work runs on the app's lanes: enrolment on ``sync``, printer discovery on ``io``, the test
page on ``print``.

At the first start (no users, never set up) ``run_first_setup`` shows it before the counter
window is built, so the language chosen on its first page is the one the window opens in.
An admin can run it again from Settings; then the language applies at the next start and the
admin step may be left empty.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.ui.common.widgets import brand_row, panel
from pos_app.ui.i18n import install_translator
from pos_app.ui.scanner import ScannerFilter
from pos_app.ui.setup_wizard.pages import PAGES, LanguagePage, ScannerPage, WizardPage
from pos_app.ui.setup_wizard.style import WIZARD_STYLE
from pos_app.ui.theme import set_role, set_state

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)

STEPS = tuple(PAGES)



class SetupWizard(QDialog):
    """``finished_setup`` is emitted once the last page was confirmed (settings saved, the flag
    set); ``first_run`` says whether the counter window is still to be built."""

    finished_setup = Signal()

    def __init__(self, services: Services, lanes: Lanes, *, first_run: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.lanes = lanes
        self.first_run = first_run
        self.setup = services.setup
        self.users = services.users
        self.printing = services.printing
        self.admin_created: Any = None
        self.enrolled: Any = None
        self.found_printers: list[Any] = []
        self.last_scan = ""
        self.language = self.settings.get(config.LANGUAGE)
        self.setObjectName("setupWizard")
        self.setStyleSheet(WIZARD_STYLE)
        self.setMinimumSize(960, 640)  # fits a 1024x768 screen with its panel
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

        self.pages: dict[str, WizardPage] = {}
        self.scanner = self._own_scanner()
        self.index = 0
        self.show_page(0)

    # -- chrome ------------------------------------------------------------------------------

    def _build_rail(self) -> QFrame:
        rail, layout = panel(self, QVBoxLayout, name="setupRail", margins=(16, 24, 16, 20),
                             spacing=4)
        rail.setFixedWidth(250)
        brand, self.brand_sub = brand_row(rail, "setupBrand", "setupBrandSub")
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
        return [self.tr("Language"), self.tr("Showroom"), self.tr("City registry"),
                self.tr("Receipt printer"), self.tr("Barcode scanner"),
                self.tr("First admin") if self.first_run else self.tr("Admin"), self.tr("Ready")]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this till") + " — OCOP POS")
        self.brand_sub.setText(self.tr("Till setup"))
        self.rail_hint.setText(self.tr("Everything here can be changed later in Settings."))
        for i, (label, name) in enumerate(zip(self.step_labels, self.step_names(), strict=True)):
            mark = "✓" if i < self.index else str(i + 1)
            label.setText(f"{mark}   {name}")
            set_state(label, "state", "current" if i == self.index else
                      "done" if i < self.index else "todo")
        first = self.first_run
        titles = {
            "language": (
                self.tr("Welcome to OCOP POS"),
                self.tr("A few steps make this computer a till of the showroom. Choose the "
                        "language of the screens first.")),
            "showroom": (
                self.tr("The showroom"),
                self.tr("Printed at the top of every receipt. The codes come from the city "
                        "registry; the next step can fill them in for you.")),
            "registry": (
                self.tr("Connect to the city registry"),
                self.tr("The registry sends the OCOP catalog and receives the sales. No "
                        "network or no token yet? Skip: the till sells offline, and IT "
                        "enrols it later.")),
            "printer": (
                self.tr("Receipt printer"),
                self.tr("Choose a printer this computer found, or type its address. Print a "
                        "test page to be sure.")),
            "scanner": (
                self.tr("Barcode scanner"),
                self.tr("Scan any barcode: the till should recognise it as a scan.")),
            "admin": (
                self.tr("The first admin") if first else self.tr("Another admin"),
                self.tr("The admin signs in with a PIN and adds cashiers and managers "
                        "afterwards (Shift → Users).") if first else
                self.tr("Leave the fields empty to keep the users as they are.")),
            "done": (self.tr("The till is ready"), self.tr("Here is what was set up.")),
        }
        title, subtitle = titles[STEPS[self.index]]
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.back_button.setText(self.tr("Back"))
        self.skip_button.setText(self.tr("Skip for now"))
        last = self.index == len(STEPS) - 1
        self.next_button.setText(self.tr("Start selling") if last and self.first_run else
                                 self.tr("Finish") if last else self.tr("Next"))
        self.back_button.setVisible(self.index > 0)
        self.skip_button.setVisible(STEPS[self.index] in ("registry", "printer", "scanner"))
        for page in self.pages.values():
            page.retranslate()

    # -- navigation --------------------------------------------------------------------------

    @property
    def step(self) -> str:
        return STEPS[self.index]

    def page(self, step: str) -> WizardPage:
        """The page of ``step``, built the first time it is asked for."""
        if step not in self.pages:
            widget = PAGES[step](self)
            self.pages[step] = widget
            self.stack.addWidget(widget)
        return self.pages[step]

    def show_page(self, index: int) -> None:
        self.index = index
        widget = self.page(STEPS[index])
        widget.shown()
        self.stack.setCurrentWidget(widget)
        self.say("", "")
        self.retranslate()
        if widget.first_field is not None:
            widget.first_field.setFocus()

    def next(self) -> None:
        """Check and save the page, then go on (the last page finishes the setup)."""
        page = self.page(self.step)
        if not page.validate():
            self.say(self.tr("Please correct the fields marked in red."), "error")
            return
        if not page.save():
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
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Leave the setup?"),
                              self.tr("This till is not set up yet. What was saved so far is kept; "
                                 "the setup starts again at the next start."), parent=self)
            leave = box.addButton(self.tr("Leave the setup"),
                                  QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(self.tr("Continue the setup"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not leave:
                return
        self._release_scanner()
        super().reject()

    def done(self, result: int) -> None:  # noqa: D102 (Qt's name)
        self._release_scanner()
        super().done(result)

    # -- shared by the pages -----------------------------------------------------------------

    def store(self, values: dict[config.Setting[Any], Any]) -> bool:
        """Save the values that changed; False (and said why) when the file cannot be written."""
        try:
            for setting, value in values.items():
                if self.settings.get(setting) != value:
                    self.settings.set(setting, value)
        except (OSError, ValueError) as exc:
            log.exception("saving settings failed")
            self.say(self.tr("The settings could not be saved: {reason}").format(reason=exc),
                     "error")
            return False
        return True

    def choose_language(self, lang: str) -> None:
        """Pick ``lang``: at the first start the wizard (and then the counter) switch at once."""
        self.language = lang
        page = self.pages.get("language")
        if isinstance(page, LanguagePage):
            page.show_choice(lang)
        if self.first_run:
            app = QApplication.instance()
            if app is not None:
                install_translator(app, lang)
            for step in [s for s in self.pages if s != "language"]:  # rebuilt in the new words
                widget = self.pages.pop(step)
                self.stack.removeWidget(widget)
                widget.deleteLater()
        self.retranslate()

    # -- the scanner -------------------------------------------------------------------------

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

    def on_scanned(self, code: str) -> None:
        self.last_scan = code
        page = self.pages.get("scanner")
        if self.step == "scanner" and isinstance(page, ScannerPage):
            page.scanned(code)

    # -- the end -----------------------------------------------------------------------------

    def finish(self) -> bool:
        """The last page confirmed: the till is set up (an admin exists at the first start)."""
        if self.first_run and self.users.count() == 0:
            self.say(self.tr("Create the first admin before starting."), "error")
            return False
        try:
            self.setup.mark_done()
        except Exception as exc:  # the database is not writable: say so, keep the wizard
            log.exception("marking the setup done failed")
            self.say(self.tr("The settings could not be saved: {reason}").format(reason=exc),
                     "error")
            return False
        self.finished_setup.emit()
        self.accept()
        return True


def _named(widget: QLabel, name: str) -> QLabel:
    widget.setObjectName(name)
    return widget
