"""Installation and maintenance codes as sentences in the user's language (context
"Maintenance"): a database newer than the app, self-check problems.

Used by ``ocop-pos-admin`` (``pos_app/cli/maintenance.py``) and by the counter app at start:
``pos_app.app.run_gui`` catches ``DatabaseTooNewError`` (the UI may not import ``pos_app.db``)
and calls :func:`show_database_too_new` with the exception's ``revision``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

from pos_app import __version__
from pos_app.ui.messages import Context, ensure_translation

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

Maintenance = Context("Maintenance")


def database_too_new_text(revision: str) -> str:
    """Why the app refuses to open the database, and what to do."""
    return Maintenance.tr(
        "This database was written by a newer version of OCOP POS (database schema "
        "{revision}). Version {version} cannot open it without risking its sales. Install "
        "the newer version again, or restore a backup made by this version.",
    ).format(revision=revision, version=__version__)


def database_too_new_title() -> str:
    return Maintenance.tr("Database from a newer version")


def _checks() -> dict[str, str]:
    return {
        "database_open": Maintenance.tr("Database opens"),
        "integrity": Maintenance.tr("Database integrity"),
        "migrations": Maintenance.tr("Database schema up to date"),
        "schema": Maintenance.tr("Database holds only this app's tables"),
        "resources": Maintenance.tr("Program files present"),
        "translations": Maintenance.tr("Translations present"),
        "printer_capabilities": Maintenance.tr("Printer support files present"),
        "logs_writable": Maintenance.tr("Log folder writable"),
    }


def _problems() -> dict[str, str]:
    return {
        "database_unreadable": Maintenance.tr("The database cannot be opened"),
        "corrupt": Maintenance.tr("The database is damaged: restore the latest backup"),
        "not_at_head": Maintenance.tr("The database schema is not the one this version expects"),
        "schema_mismatch": Maintenance.tr(
            "The database has tables, triggers or views this app did not create: "
            "restore a backup and call support"),
        "missing_resources": Maintenance.tr("Program files are missing: reinstall OCOP POS"),
        "missing_translations": Maintenance.tr(
            "Translation files are missing: the interface will be in English"),
        "escpos_missing": Maintenance.tr("The printer library is missing: reinstall OCOP POS"),
        "capabilities_missing": Maintenance.tr(
            "The printer support files are missing: reinstall OCOP POS"),
        "logs_not_writable": Maintenance.tr("The log folder cannot be written"),
    }


def check_name(name: str) -> str:
    """The title of one self-check (``CheckResult.name``)."""
    return _checks().get(name, name)


def problem_text(code: str, detail: str = "") -> str:
    """A self-check problem (``CheckResult.code``) as a sentence."""
    if code == "database_too_new":
        return database_too_new_text(detail)
    text = _problems().get(code)
    if text is None:
        return Maintenance.tr("Problem: {code}").format(code=code)
    return text


def ok_text() -> str:
    return Maintenance.tr("OK")


def all_ok_text() -> str:
    return Maintenance.tr("Everything is in order.")


def problems_text(count: int) -> str:
    return Maintenance.tr("Problems found: {count}").format(count=count)


def diagnostics_written_text(path: str) -> str:
    return Maintenance.tr("Diagnostics saved to {path}. Send this file to support.",
    ).format(path=path)


def show_database_too_new(revision: str, parent: QWidget | None = None) -> None:
    """A blocking error box for the counter app's start (needs a QApplication)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, database_too_new_title(), database_too_new_text(revision))


install_console_language = ensure_translation
"""The maintenance commands' name for :func:`pos_app.ui.messages.ensure_translation`."""


def identity_text(code: str) -> str:
    """Why a guarded ``ocop-pos-admin`` command did not run (``pos_app.cli.identity``)."""
    texts = {
        "needs_login": Maintenance.tr(
            "This command needs an admin: add --as LOGIN (the PIN is asked for, "
            "or read from the first line of standard input)."),
        "not_allowed": Maintenance.tr("Your role may not run this command."),
        "wrong_pin": Maintenance.tr("Wrong login or PIN."),
        "no_such_user": Maintenance.tr("Wrong login or PIN."),
        "locked": Maintenance.tr(
            "This user is locked after too many wrong PINs; try again later."),
        "disabled": Maintenance.tr("This user is disabled."),
    }
    text = texts.get(code)
    if text is None:
        return Maintenance.tr("Problem: {code}").format(code=code)
    return text


def receive_line_error(item: str) -> str:
    """``ocop-pos-admin receive``: a goods line that is not ``SKU:QTY[:COST]``."""
    return Maintenance.tr(
        "Line \"{line}\": write SKU:QTY or SKU:QTY:COST (whole numbers); nothing was "
        "received.").format(line=item[:60])


def settings_refused(reason: str) -> str:
    """A settings file the till will not use (``pos_app.config.Settings.load`` refused it)."""
    return Maintenance.tr(
        "The settings file was refused, nothing was done: {reason}. Fix or remove the value "
        "in settings.json (the settings screen shows what is allowed).").format(
            reason=reason[:300])
