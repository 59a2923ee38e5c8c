"""Step 7: what was set up; confirming it marks the till as set up (the wizard's ``finish``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pos_app import config
from pos_app.ui.setup_wizard.pages.base import LABEL_WIDTH, WizardPage
from pos_app.ui.theme import set_role


class DonePage(WizardPage):
    def build(self) -> None:
        captions = {"showroom": self.tr("Showroom"), "till": self.tr("Till"),
                    "registry": self.tr("City registry"), "printer": self.tr("Receipt printer"),
                    "admin": self.tr("Admin"), "language": self.tr("Language")}
        self.summary: dict[str, QLabel] = {}
        for key, text in captions.items():
            value = QLabel(self.card)
            value.setObjectName(f"summary_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary[key] = value
            caption = set_role(QLabel(text, self.card), "muted")
            caption.setFixedWidth(LABEL_WIDTH)
            caption.setWordWrap(True)  # "Hệ thống OCOP thành phố" takes two lines, never cut
            row = self.grid.rowCount()
            self.grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.setRowMinimumHeight(row, 40)

    def shown(self) -> None:
        s = self.settings
        address = s.get(config.SHOWROOM_ADDRESS)
        self.summary["showroom"].setText(s.get(config.SHOWROOM_NAME) + (
            f"\n{address}" if address else ""))
        self.summary["till"].setText(self.tr("{till} of showroom {showroom}").format(
            till=s.get(config.TILL_CODE), showroom=s.get(config.SHOWROOM_CODE)))
        url = s.get(config.REGISTRY_URL)
        self.summary["registry"].setText(
            self.tr("Connected to {url}").format(url=url) if url else
            self.tr("Not connected yet: enrol later (ocop-pos-admin enroll)"))
        uri = s.get(config.PRINTER_URI)
        self.summary["printer"].setText(uri or self.tr("None yet: receipts wait until one is "
                                                       "set"))
        admin = self.wizard.admin_created
        self.summary["admin"].setText(
            f"{admin.name} ({admin.login})" if admin is not None else
            self.tr("Unchanged") if not self.wizard.first_run else self.tr("Not created"))
        self.summary["language"].setText(
            "Tiếng Việt" if s.get(config.LANGUAGE) == "vi" else "English")

    def save(self) -> bool:
        return self.wizard.finish()
