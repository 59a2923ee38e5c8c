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
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app import __version__, config
from pos_app.ui.i18n import DEFAULT_LANGUAGE, install_translator
from pos_app.ui.main_window import MainWindow, app_icon
from pos_app.ui.scanner import ScannerFilter, SerialScanner
from pos_app.ui.tasks import Lanes
from pos_app.ui.theme import apply_theme

log = logging.getLogger(__name__)

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
        try:
            from pos_app.ui.messages import maintenance as maintenance
        except ImportError:
            maintenance = None  # type: ignore[assignment]
        if maintenance is not None:
            return (maintenance.database_too_new_title(),
                    maintenance.database_too_new_text(detail))
        text = QCoreApplication.translate(
            "Startup",
            "The sales database was written by a newer version of OCOP POS (revision "
            "{revision}). Opening it with this version could damage it.\n\n"
            "Install the newer version, or ask IT to restore a backup.",
        )
        return title, text.format(revision=detail)
    if code == "settings_unreadable":
        text = QCoreApplication.translate(
            "Startup",
            "The settings file cannot be read:\n{detail}\n\n"
            "Ask IT to correct or remove the file; the showroom's data is not affected.",
        )
        return title, text.format(detail=detail)
    if code == "db_unreadable":
        text = QCoreApplication.translate(
            "Startup",
            "The sales database cannot be opened:\n{detail}\n\n"
            "Check the disk and the data folder, or ask IT to restore a backup.",
        )
        return title, text.format(detail=detail)
    text = QCoreApplication.translate("Startup", "The main window could not be built:\n{detail}")
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
    bridges: list[QObject] = field(default_factory=list)
    sync_stop: threading.Event = field(default_factory=threading.Event)

    def shutdown(self) -> None:
        self.sync_stop.set()  # the registry pump leaves the sync lane
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
        if self.serial is not None:
            self.serial.stop()
        self.window.status.stop()
        self.window.clock_timer.stop()
        self.lanes.shutdown(wait=True)


class _PrinterBridge(QObject):
    """Carries the printing service's listener calls (any thread) to the status bar."""

    happened = Signal(object)


def _connect_printing(services: Any, window: MainWindow) -> QObject | None:
    printing = getattr(services, "printing", None)
    if printing is None or not hasattr(printing, "add_listener"):
        return None
    bridge = _PrinterBridge()

    def on_event(event: object) -> None:
        status = str(getattr(event, "status", "") or "")
        error = str(getattr(event, "error", "") or getattr(event, "error_code", "") or "")
        if status in ("failed", "error"):
            detail = error
            try:
                from pos_app.ui.messages import printing as printing_messages

                if error:
                    detail = printing_messages.error_text(error)
            except ImportError:
                pass
            window.status.set_printer_state("error", detail)
        elif status == "printing":
            window.status.set_printer_state("printing")
        elif status in ("printed", "ready"):
            window.status.set_printer_state("ready")

    bridge.happened.connect(on_event)
    try:
        printing.add_listener(bridge.happened.emit)
    except Exception:
        log.exception("could not listen to the printing service")
        return None
    return bridge


def build_shell(services: Any, app: QApplication) -> Shell:
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
    bridge = _connect_printing(services, window)
    if bridge is not None:
        shell.bridges.append(bridge)
    return shell


def settle_heap(_: object = None) -> None:
    """Put everything built so far (window, catalog search index, caches) out of the garbage
    collector's reach (``gc.freeze``). A full collection walks every tracked object while it
    holds the GIL: ~100 ms with the window and index in the heap, a frame the counter misses
    whenever a sync push or a print job has made enough garbage to trigger one; frozen, it
    walks only what came later (~15 ms). Nothing frozen is freed, and that is the point."""
    gc.freeze()


def warm_up(services: Any) -> None:
    """Build the catalog search index and load the receipt printer adapter now, so neither the
    first scan nor the first print pays for it while the cashier works (any thread)."""
    printing = getattr(services, "printing", None)
    for part in (getattr(services, "catalog", None), getattr(printing, "port", None)):
        warm = getattr(part, "warm_up", None)
        if callable(warm):
            warm()


def warm_up_then_settle(services: Any, shell: Shell) -> None:
    """:func:`warm_up` on the ``io`` lane, then :func:`settle_heap` on the GUI thread."""
    shell.lanes.run("io", warm_up, services, on_done=settle_heap, on_error=settle_heap)


def start_sync(services: Any, shell: Shell) -> bool:
    """Run the registry pump on the ``sync`` lane until the shell shuts down (only when a
    registry is configured). Returns whether it started."""
    sync = getattr(services, "sync", None)
    if sync is None or getattr(sync, "transport", None) is None or not hasattr(sync, "run_pump"):
        return False
    shell.lanes.run("sync", sync.run_pump, shell.sync_stop,
                    on_error=lambda exc: log.error("registry pump stopped: %s", exc))
    return True
