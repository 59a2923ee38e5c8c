"""Step 5: scan any barcode; the wizard's own keyboard-wedge recogniser says whether it was a
scan or typing (may be skipped)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from pos_app.ui.setup_wizard.pages.base import WizardPage
from pos_app.ui.theme import set_role


class ScannerPage(WizardPage):
    def build(self) -> None:
        layout = QVBoxLayout()
        layout.setSpacing(12)
        self.scan_field = self.line("", self.tr("Put the cursor here and scan a barcode"),
                                    "scanTest")
        self.scan_field.setMinimumHeight(56)
        self.scan_field.returnPressed.connect(self._typed_enter)
        layout.addWidget(self.scan_field)
        self.scan_result = QLabel(self.card)
        self.scan_result.setObjectName("scanResult")
        self.scan_result.setWordWrap(True)
        layout.addWidget(self.scan_result)
        self.scan_hint = set_role(QLabel(self.card), "muted")
        self.scan_hint.setWordWrap(True)
        layout.addWidget(self.scan_hint)
        self.grid.addLayout(layout, 0, 0, 1, 2)
        self.scan_result.setText(self.tr("Waiting for a scan…"))
        self.scan_hint.setText(self.tr("A USB scanner in keyboard mode types the code quickly "
                                       "and ends with Enter. Serial scanners are set in "
                                       "Settings."))
        self.first_field = self.scan_field

    def scanned(self, code: str) -> None:
        self.scan_field.setText(code)
        self.scan_field.selectAll()
        self.scan_result.setText(self.tr("Scanner read: {code} ({n} characters)").format(
            code=code, n=len(code)))
        self.scan_hint.setText(self.tr("The scanner works. Scan a product's barcode to compare "
                                       "it with the label."))

    def _typed_enter(self) -> None:
        text = self.scan_field.text().strip()
        if not text or text == self.wizard.last_scan:
            return
        self.scan_result.setText(self.tr("Typed, not scanned: {code}").format(code=text))
        self.scan_hint.setText(self.tr("If this came from the scanner, it types too slowly for "
                                       "the till: raise \"Longest gap between keys\" in "
                                       "Settings."))
