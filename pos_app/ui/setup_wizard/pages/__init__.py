"""The setup wizard's steps, one page class each (see :class:`.base.WizardPage`)."""

from __future__ import annotations

from pos_app.ui.setup_wizard.pages.admin import AdminPage
from pos_app.ui.setup_wizard.pages.base import WizardPage
from pos_app.ui.setup_wizard.pages.done import DonePage
from pos_app.ui.setup_wizard.pages.language import LanguagePage
from pos_app.ui.setup_wizard.pages.printer import PrinterPage
from pos_app.ui.setup_wizard.pages.registry import RegistryPage
from pos_app.ui.setup_wizard.pages.scanner import ScannerPage
from pos_app.ui.setup_wizard.pages.showroom import ShowroomPage

PAGES: dict[str, type[WizardPage]] = {
    "language": LanguagePage, "showroom": ShowroomPage, "registry": RegistryPage,
    "printer": PrinterPage, "scanner": ScannerPage, "admin": AdminPage, "done": DonePage,
}
"""Step name → its page, in the order the wizard shows them."""

__all__ = ["PAGES", "AdminPage", "DonePage", "LanguagePage", "PrinterPage", "RegistryPage",
           "ScannerPage", "ShowroomPage", "WizardPage"]
