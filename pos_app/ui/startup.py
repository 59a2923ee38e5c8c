"""Starting the counter window: QApplication, fonts, language, scanners, startup errors.

``pos_app.app.run_gui`` opens the database and services (it is the only module that knows every
layer) and uses these helpers for everything Qt. Startup problems arrive here as codes
(``db_too_new``, ``settings_unreadable``, ``db_unreadable``) and are shown as a translated
message box, never a traceback.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app import __version__, config
from pos_app.ui.i18n import DEFAULT_LANGUAGE, install_translator
from pos_app.ui.main_window import MainWindow, app_icon
from pos_app.ui.messages import Context
from pos_app.ui.scanner import ScannerFilter, SerialScanner
from pos_app.ui.tasks import Lanes
from pos_app.ui.theme import apply_theme

if TYPE_CHECKING:
    from pos_app.services import Services

log = logging.getLogger(__name__)
Startup = Context("Startup")

STARTUP_ERRORS = ("db_too_new", "settings_unreadable", "db_unreadable", "window_failed")


def create_application(*, offscreen: bool = False) -> QApplication:
    """The one QApplication (reused if it exists), themed with the bundled fonts."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("ocop-pos")
    app.setOrganizationName("OCOP")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    apply_theme(app)
    return app


def install_language(app: QApplication, lang: str | None) -> str:
    """Install ``lang`` (default Vietnamese) and return the language in force."""
    chosen = lang or DEFAULT_LANGUAGE
    if not install_translator(app, chosen):
        log.warning("no translation for %s; the interface shows English", chosen)
    return chosen


def error_text(code: str, detail: str = "") -> tuple[str, str]:
    """(title, message) for a startup problem, in the installed language."""
    title = QCoreApplication.translate("Startup", "OCOP POS cannot start")
    if code == "db_too_new":
        from pos_app.ui.messages import maintenance

        return (maintenance.database_too_new_title(),
                maintenance.database_too_new_text(detail))
    texts = {
        "settings_unreadable": Startup.tr(
            "The settings file cannot be read:\n{detail}\n\n"
            "Ask IT to correct or remove the file; the showroom's data is not affected."),
        "db_unreadable": Startup.tr(
            "The sales database cannot be opened:\n{detail}\n\n"
            "Check the disk and the data folder, or ask IT to restore a backup."),
    }
    text = texts.get(code) or Startup.tr("The main window could not be built:\n{detail}")
    return title, text.format(detail=detail)


def startup_error_box(code: str, detail: str = "") -> QMessageBox:
    """The message box for a startup problem (not shown yet)."""
    title, text = error_text(code, detail)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(text)
    close = QCoreApplication.translate("Startup", "Close")
    box.addButton(close, QMessageBox.ButtonRole.AcceptRole)
    return box


def show_startup_error(code: str, detail: str = "") -> None:
    """A clear, translated message box (blocks until the user closes it)."""
    startup_error_box(code, detail).exec()


@dataclass
class Shell:
    """What the counter window needs kept alive while it runs."""

    window: MainWindow
    lanes: Lanes
    scanner: ScannerFilter
    serial: SerialScanner | None = None
    sync_stop: threading.Event = field(default_factory=threading.Event)

    def shutdown(self) -> None:
        self.sync_stop.set()  # the registry pump leaves the sync lane
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        if self.serial is not None:
            self.serial.stop()
        self.window.status.stop()
        self.window.events.close()
        self.window.clock_timer.stop()
        self.lanes.shutdown(wait=True)


def build_shell(services: Services, app: QApplication) -> Shell:
    """Lanes, scanners and the main window, wired together (not shown yet)."""
    settings = services.settings
    lanes = Lanes()
    scanner = ScannerFilter(
        max_gap_ms=settings.get(config.SCANNER_MAX_GAP_MS),
        min_length=settings.get(config.SCANNER_MIN_LENGTH),
        prefix=settings.get(config.SCANNER_PREFIX),
        suffix=settings.get(config.SCANNER_SUFFIX),
        parent=app,
    )
    app.installEventFilter(scanner)
    try:
        window = MainWindow(services, lanes, scanner=scanner)
    except BaseException:
        app.removeEventFilter(scanner)
        lanes.shutdown(wait=True)
        raise
    shell = Shell(window=window, lanes=lanes, scanner=scanner)
    port = settings.get(config.SCANNER_SERIAL_PORT).strip()
    if port:
        serial = SerialScanner(port, settings.get(config.SCANNER_SERIAL_BAUD))
        serial.scanned.connect(window.on_scanned)
        serial.error.connect(lambda code: window.status.notify(
            QCoreApplication.translate("Startup", "Serial scanner {port}: not available "
                                       "({code})").format(port=port, code=code)))
        serial.start()
        shell.serial = serial
    return shell


def settle_heap(_: object = None) -> None:
    """Put everything built so far (window, catalog search index, caches) out of the garbage
    collector's reach (``gc.freeze``). A full collection walks every tracked object while it
    holds the GIL: ~100 ms with the window and index in the heap, a frame the counter misses
    whenever a sync push or a print job has made enough garbage to trigger one; frozen, it
    walks only what came later (~15 ms). Nothing frozen is freed, and that is the point."""
    gc.freeze()


def warm_up(services: Services) -> None:
    """Build the catalog search index and load the receipt printer adapter now, so neither the
    first scan nor the first print pays for it while the cashier works (any thread)."""
    services.catalog.warm_up()
    services.printing.port.warm_up()


def warm_up_then_settle(services: Services, shell: Shell) -> None:
    """:func:`warm_up` on the ``io`` lane, then :func:`settle_heap` on the GUI thread."""
    shell.lanes.run("io", warm_up, services, on_done=settle_heap, on_error=settle_heap)


def start_sync(services: Services, shell: Shell) -> bool:
    """Run the registry pump on the ``sync`` lane until the shell shuts down (only when a
    registry is configured). Returns whether it started."""
    sync = services.sync
    if sync.transport is None:
        return False
    shell.lanes.run("sync", sync.run_pump, shell.sync_stop,
                    on_error=lambda exc: log.error("registry pump stopped: %s", exc))
    return True


def start_einvoice(services: Services, shell: Shell, interval_s: float = 300.0) -> None:
    """Run the e-invoice pump on its own lane until the shell shuts down: it issues what
    checkout could not and sends what waits, at least every ``interval_s`` and at once after a
    sale (it does nothing while e-invoicing is off or no provider is set)."""
    shell.lanes.run("einvoice", services.einvoice.run_pump, shell.sync_stop, interval_s,
                    on_error=lambda exc: log.error("e-invoice pump stopped: %s", exc))
