"""The settings screen's "E-invoices (cash register)" card.

These settings are not :class:`pos_app.config.Setting` values: they live in the till's database
(``app_meta``, ``pos_app.services.einvoice.settings``) because the invoice numbering depends on
them, and they are checked by that module's :meth:`EInvoiceSettings.check` (the domain's rules
for the tax code, symbol and code range) — the one home of those rules; the card only words the
answer. The seller's name, address and tax code are the showroom's (the card above). The
provider's token goes to the token store (keyring or a private file), never to a settings file.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.einvoice import EInvoiceError, Party
from pos_app.services.einvoice.settings import EInvoiceSettings
from pos_app.ui.messages.einvoice import error_text
from pos_app.ui.theme import set_role

if TYPE_CHECKING:
    from pos_app.services.einvoice.service import EInvoiceService

log = logging.getLogger(__name__)

FIELD_OF_CODE = {
    "bad_symbol": "symbol_letters", "symbol_year": "symbol_letters",
    "bad_authority_code": "authority_code", "bad_till_slot": "till_slot",
    "bad_vat_method": "vat_method",
}
"""Which field an error code of :meth:`EInvoiceSettings.check` points at (others: the card)."""


class EInvoiceCard(QFrame):
    """On/off, VAT method (template), the till's symbol letters, the tax authority's code range,
    the till's slot, the provider and its token, the buyer's lookup page."""

    def __init__(self, service: EInvoiceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        set_role(self, "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(set_role(QLabel(self.tr("E-invoices (cash register)"), self),
                                  "subtitle"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.enabled = QCheckBox(self.tr("Issue an e-invoice for every sale"), self)
        self.enabled.setObjectName("einvoice_enabled")
        grid.addWidget(self.enabled, 0, 0, 1, 2)
        self.vat_method = QComboBox(self)
        # the long choice names must not widen the settings page past a 1280 px window
        self.vat_method.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.vat_method.setMinimumContentsLength(16)
        self.vat_method.addItem(self.tr("VAT credit method (template 1)"), "credit")
        self.vat_method.addItem(self.tr("Direct method (template 2, sales invoice)"), "direct")
        self.symbol_letters = QLineEdit(self)
        self.symbol_letters.setMaxLength(2)
        self.symbol_letters.setPlaceholderText("AA")
        self.authority_code = QLineEdit(self)
        self.authority_code.setMaxLength(5)
        self.authority_code.setPlaceholderText("A1B2C")
        self.till_slot = QSpinBox(self)
        self.till_slot.setRange(0, 99)
        self.provider_url = QLineEdit(self)
        self.provider_url.setPlaceholderText("https://einvoice.example.vn")
        self.provider_tax_code = QLineEdit(self)
        self.lookup_url = QLineEdit(self)
        self.lookup_url.setPlaceholderText("https://einvoice.example.vn/tra-cuu")
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors: dict[str, QLabel] = {}
        rows = (
            ("vat_method", self.tr("VAT method"), self.vat_method, ""),
            ("symbol_letters", self.tr("Invoice symbol letters"), self.symbol_letters,
             self.tr("This till's 2 letters: the symbol is C + year + M + letters")),
            ("authority_code", self.tr("Tax authority code range"), self.authority_code,
             self.tr("The 5 characters the tax authority issued for cash-register codes")),
            ("till_slot", self.tr("Till number for e-invoices"), self.till_slot,
             self.tr("0-99, different on every till of the showroom")),
            ("provider_url", self.tr("Provider address"), self.provider_url, ""),
            ("provider_tax_code", self.tr("Provider tax code"), self.provider_tax_code, ""),
            ("lookup_url", self.tr("Lookup page for buyers"), self.lookup_url,
             self.tr("Printed as a QR code on the receipt")),
            ("token", self.tr("Provider token"), self.token, ""),
        )
        for key, label, widget, hint in rows:
            row = grid.rowCount()
            widget.setObjectName(f"einvoice_{key}")
            widget.setMinimumHeight(42)
            caption = QLabel(label, self)
            caption.setWordWrap(True)
            caption.setFixedWidth(176)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1)
            note = set_role(QLabel(hint, self), "muted")
            note.setWordWrap(True)
            note.setProperty("hint", hint)
            note.setVisible(bool(hint))
            grid.addWidget(note, row + 1, 1)
            self.errors[key] = note
        self.symbol_letters.textChanged.connect(self._preview)
        self.status = set_role(QLabel("", self), "muted")
        self.status.setObjectName("einvoice_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.list_button = QPushButton(self.tr("E-invoices of a day…"), self)
        self.list_button.setObjectName("einvoice_list_open")
        self.list_button.clicked.connect(self.open_list)
        layout.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.load()

    def open_list(self) -> None:
        """The manager's list of a day's invoices (status, retry refused, the buyer's PDF)."""
        from pos_app.ui.einvoice_list import EInvoiceListDialog

        EInvoiceListDialog(self.service, self).exec()

    # --- values -------------------------------------------------------------------------------

    def load(self) -> None:
        cfg = self.service.config()
        self.stored = cfg
        self.enabled.setChecked(cfg.enabled)
        self.vat_method.setCurrentIndex(max(self.vat_method.findData(cfg.vat_method), 0))
        self.symbol_letters.setText(cfg.symbol_letters)
        self.authority_code.setText(cfg.authority_code)
        self.till_slot.setValue(cfg.till_slot)
        self.provider_url.setText(cfg.provider_url)
        self.provider_tax_code.setText(cfg.provider_tax_code)
        self.lookup_url.setText(cfg.lookup_url)
        self.token.clear()
        self.token.setPlaceholderText(
            self.tr("kept — type a new one to replace it") if self.service.has_token()
            else self.tr("none yet"))
        self._show_errors({})
        self._preview()

    def values(self, seller: Party | None = None) -> EInvoiceSettings:
        return replace(
            self.stored, enabled=self.enabled.isChecked(),
            vat_method=str(self.vat_method.currentData()),
            symbol_letters=self.symbol_letters.text().strip().upper(),
            authority_code=self.authority_code.text().strip().upper(),
            till_slot=self.till_slot.value(), provider_url=self.provider_url.text().strip(),
            provider_tax_code=self.provider_tax_code.text().strip(),
            lookup_url=self.lookup_url.text().strip(),
            seller=seller if seller is not None else self.stored.seller)

    def changed(self) -> bool:
        return self.values() != self.stored or bool(self.token.text().strip())

    def validate(self, seller: Party) -> dict[str, str]:
        """Field key → message (key ``card`` for the seller's details); shown on the card."""
        errors: dict[str, str] = {}
        values = self.values(seller)
        if values.enabled:
            try:
                values.check()
            except EInvoiceError as exc:
                errors[FIELD_OF_CODE.get(exc.code, "card")] = error_text(exc.code)
        self._show_errors(errors)
        return errors

    def save(self) -> str:
        """Store the card (after :meth:`validate`); returns a sentence for the screen."""
        try:
            if self.values() != self.stored:
                self.service.configure(self.values())
            token = self.token.text().strip()
            where = self.service.set_token(token) if token else ""
        except EInvoiceError as exc:
            return error_text(exc.code)
        self.load()
        if where:
            return self.tr("The provider's token is kept ({where}).").format(where=where)
        return ""

    # --- display ------------------------------------------------------------------------------

    def _preview(self) -> None:
        letters = self.symbol_letters.text().strip().upper() or "??"
        year = dt.date.today().year % 100
        template = 1 if self.vat_method.currentData() == "credit" else 2
        self.status.setText(self.tr("Invoices are numbered {template}C{year:02d}M{letters}-…")
                            .format(template=template, year=year, letters=letters))

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            message = errors.get(key)
            hint = label.property("hint") or ""
            set_role(label, "error" if message else "muted")
            label.setText(message or hint)
            label.setVisible(bool(message or hint))
        if "card" in errors:
            set_role(self.status, "error")
            self.status.setText(errors["card"])
        else:
            set_role(self.status, "muted")
            self._preview()
