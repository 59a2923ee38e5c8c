"""Step 2: the showroom's name, address, tax code and the showroom and till codes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit

from pos_app import config
from pos_app.ui.setup_wizard.pages.base import WizardPage


class ShowroomPage(WizardPage):
    def build(self) -> None:
        s = self.settings
        self.showroom_name = self.line(s.get(config.SHOWROOM_NAME), name="showroomName")
        self.showroom_address = self.line(s.get(config.SHOWROOM_ADDRESS),
                                          self.tr("Street, ward, district, Hà Nội"))
        self.tax_code = self.line(s.get(config.SHOWROOM_TAX_CODE), "0101234567")
        self.showroom_code = self.line(s.get(config.SHOWROOM_CODE), "HN01")
        self.till_code = self.line(s.get(config.TILL_CODE), "Q01")
        self.showroom_notes = {
            "name": self.row(self.tr("Showroom name"), self.showroom_name),
            "address": self.row(self.tr("Address"), self.showroom_address),
            "tax": self.row(self.tr("Tax code (MST)"), self.tax_code,
                            self.tr("10 digits, or 10 digits, a dash and 3 digits")),
            "showroom": self.row(self.tr("Showroom code"), self.showroom_code,
                                 self.tr("As the city registry knows the showroom, e.g. HN01")),
            "till": self.row(self.tr("Till code"), self.till_code,
                             self.tr("Printed in receipt numbers, e.g. Q01-20261123-0042")),
        }
        self.fields: dict[config.Setting[Any], tuple[QLineEdit, QLabel]] = {
            config.SHOWROOM_NAME: (self.showroom_name, self.showroom_notes["name"]),
            config.SHOWROOM_ADDRESS: (self.showroom_address, self.showroom_notes["address"]),
            config.SHOWROOM_TAX_CODE: (self.tax_code, self.showroom_notes["tax"]),
            config.SHOWROOM_CODE: (self.showroom_code, self.showroom_notes["showroom"]),
            config.TILL_CODE: (self.till_code, self.showroom_notes["till"]),
        }
        self.first_field = self.showroom_name

    def values(self) -> dict[config.Setting[Any], str]:
        codes = (config.SHOWROOM_CODE, config.TILL_CODE)  # typed in any case, kept in capitals
        return {s: w.text().strip().upper() if s in codes else w.text().strip()
                for s, (w, _note) in self.fields.items()}

    def validate(self) -> bool:
        return self.mark_settings(self.fields, self.values())

    def save(self) -> bool:
        return self.wizard.store(dict(self.values()))

    def show_codes(self, showroom: str, till: str) -> None:
        """The registry knows the codes better (after enrolment)."""
        self.showroom_code.setText(showroom)
        self.till_code.setText(till)
