"""First-run setup of a till (see :mod:`pos_app.ui.setup_wizard.wizard`).

``run_gui`` calls :func:`needs_first_setup` and :func:`run_first_setup` before it builds the
counter window; the settings screen calls :func:`rerun_from_settings` (admins only).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from pos_app import config
from pos_app.ui.setup_wizard.wizard import STEPS, SetupWizard

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.settings_screen import SettingsScreen

__all__ = ["STEPS", "SetupWizard", "needs_first_setup", "rerun_from_settings",
           "run_first_setup"]

log = logging.getLogger(__name__)


def needs_first_setup(services: Services) -> bool:
    """No users and this database never went through setup (an unreadable answer: no)."""
    try:
        return services.setup.needs_wizard()
    except Exception:
        log.exception("cannot tell whether the till was set up")
        return False


def fit_to_screen(widget: QWidget, width: int = 1120, height: int = 700) -> None:
    """``width`` x ``height``, or the screen's free area if that is smaller (a 1024x768 POS
    terminal: a 1120 px wizard ran off its edge)."""
    screen = widget.screen() or QApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width()), min(height, free.height())
    widget.resize(width, height)


def run_first_setup(services: Services, app: QApplication) -> bool:
    """The wizard, modal, before the counter window exists; True once it was finished (False:
    the user left it; what was saved so far stays)."""
    from pos_app.ui.tasks import Lanes

    lanes = Lanes()
    try:
        wizard = SetupWizard(services, lanes, first_run=True)
        fit_to_screen(wizard)
        finished = wizard.exec() == QDialog.DialogCode.Accepted
        wizard.deleteLater()
        app.processEvents()
        return finished
    finally:
        lanes.shutdown(wait=True)


def _is_admin(screen: SettingsScreen) -> bool:
    actor = screen.session.actor
    return actor is not None and actor.role == "admin"


def rerun_from_settings(screen: SettingsScreen) -> bool:
    """Run the wizard again from the settings screen (admins only); afterwards the screen and
    the window show the new values. Returns whether it was finished."""
    if not _is_admin(screen):
        QMessageBox.information(
            screen, QCoreApplication.translate("SetupWizard", "Setup"),
            QCoreApplication.translate("SetupWizard", "Only an admin can run the setup again."))
        return False
    wizard = SetupWizard(screen.services, screen.lanes, first_run=False, parent=screen)
    fit_to_screen(wizard)
    finished = wizard.exec() == QDialog.DialogCode.Accepted
    wizard.deleteLater()
    screen.load()
    keys = [s.key for s in (config.SHOWROOM_NAME, config.SHOWROOM_ADDRESS,
                            config.SHOWROOM_TAX_CODE, config.SHOWROOM_CODE, config.TILL_CODE,
                            config.PRINTER_URI, config.PAPER_WIDTH_MM, config.LANGUAGE)]
    screen.saved.emit(keys)
    return finished
