"""Installation and maintenance codes as sentences in the user's language (context
"Maintenance"): a database newer than the app, self-check problems.

Used by ``ocop-pos-admin`` (``pos_app/cli/maintenance.py``) and by the counter app at start:
``pos_app.app.run_gui`` catches ``DatabaseTooNewError`` (the UI may not import ``pos_app.db``)
and calls :func:`show_database_too_new` with the exception's ``revision``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

from pos_app import __version__


def database_too_new_text(revision: str) -> str:
    """Why the app refuses to open the database, and what to do."""
    return QCoreApplication.translate(
        "Maintenance",
        "This database was written by a newer version of OCOP POS (database schema "
        "{revision}). Version {version} cannot open it without risking its sales. Install "
        "the newer version again, or restore a backup made by this version.",
    ).format(revision=revision, version=__version__)


def database_too_new_title() -> str:
    return QCoreApplication.translate("Maintenance", "Database from a newer version")


_CHECKS: dict[str, Callable[[], str]] = {
    "database_open": lambda: QCoreApplication.translate("Maintenance", "Database opens"),
    "integrity": lambda: QCoreApplication.translate("Maintenance", "Database integrity"),
    "migrations": lambda: QCoreApplication.translate("Maintenance", "Database schema up to date"),
    "resources": lambda: QCoreApplication.translate("Maintenance", "Program files present"),
    "translations": lambda: QCoreApplication.translate("Maintenance", "Translations present"),
    "printer_capabilities": lambda: QCoreApplication.translate(
        "Maintenance", "Printer support files present"),
    "logs_writable": lambda: QCoreApplication.translate("Maintenance", "Log folder writable"),
}

_PROBLEMS: dict[str, Callable[[], str]] = {
    "database_unreadable": lambda: QCoreApplication.translate(
        "Maintenance", "The database cannot be opened"),
    "corrupt": lambda: QCoreApplication.translate(
        "Maintenance", "The database is damaged: restore the latest backup"),
    "not_at_head": lambda: QCoreApplication.translate(
        "Maintenance", "The database schema is not the one this version expects"),
    "missing_resources": lambda: QCoreApplication.translate(
        "Maintenance", "Program files are missing: reinstall OCOP POS"),
    "missing_translations": lambda: QCoreApplication.translate(
        "Maintenance", "Translation files are missing: the interface will be in English"),
    "escpos_missing": lambda: QCoreApplication.translate(
        "Maintenance", "The printer library is missing: reinstall OCOP POS"),
    "capabilities_missing": lambda: QCoreApplication.translate(
        "Maintenance", "The printer support files are missing: reinstall OCOP POS"),
    "logs_not_writable": lambda: QCoreApplication.translate(
        "Maintenance", "The log folder cannot be written"),
}


def check_name(name: str) -> str:
    """The title of one self-check (``CheckResult.name``)."""
    text = _CHECKS.get(name)
    return text() if text else name


def problem_text(code: str, detail: str = "") -> str:
    """A self-check problem (``CheckResult.code``) as a sentence."""
    if code == "database_too_new":
        return database_too_new_text(detail)
    text = _PROBLEMS.get(code)
    if text is None:
        return QCoreApplication.translate("Maintenance", "Problem: {code}").format(code=code)
    return text()


def ok_text() -> str:
    return QCoreApplication.translate("Maintenance", "OK")


def all_ok_text() -> str:
    return QCoreApplication.translate("Maintenance", "Everything is in order.")


def problems_text(count: int) -> str:
    return QCoreApplication.translate("Maintenance", "Problems found: {count}").format(count=count)


def diagnostics_written_text(path: str) -> str:
    return QCoreApplication.translate(
        "Maintenance", "Diagnostics saved to {path}. Send this file to support.",
    ).format(path=path)


def show_database_too_new(revision: str, parent: QWidget | None = None) -> None:
    """A blocking error box for the counter app's start (needs a QApplication)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, database_too_new_title(), database_too_new_text(revision))


def install_console_language(language: str) -> None:
    """Make ``QCoreApplication.translate`` answer in ``language`` for a command-line program
    (creates a QCoreApplication if there is none; English needs nothing)."""
    if language == "en":
        return
    import sys

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0] if sys.argv else "x"])
    from pos_app.ui.i18n import install_translator

    install_translator(app, language)
