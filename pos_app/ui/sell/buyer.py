"""The payment dialog's "Xuất hóa đơn cho khách" step: the buyer's details for the sale's
e-invoice, only when the customer asks (most give nothing and the invoice names no buyer).

The tax code is checked by the domain (10 digits with the check digit, or 10-3 for a branch) and
a company needs its name and address (``services.einvoice.service.buyer_party``, the one home of
that rule); the dialog refuses to close on a wrong entry and says why, in the user's language.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.einvoice import EInvoiceError
from pos_app.services.einvoice.service import buyer_party
from pos_app.ui.messages.einvoice import error_text

FIELDS: tuple[str, ...] = ("tax_code", "name", "address", "email")


class BuyerDialog(QDialog):
    """Tax code, name, address, e-mail; :attr:`buyer` is the checked result (None: nothing)."""

    def __init__(self, current: dict[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SellDialog")
        self.setWindowTitle(self.tr("E-invoice for the customer"))
        self.setMinimumWidth(560)
        self.buyer: dict[str, str] | None = dict(current) if current else None
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(
            "Only what the customer asks to appear on the invoice. A company gives its tax "
            "code, name and address; the e-mail receives the invoice."))
        hint.setWordWrap(True)
        hint.setObjectName("Muted")
        layout.addWidget(hint)
        form = QFormLayout()
        labels = {
            "tax_code": self.tr("Tax code (MST)"),
            "name": self.tr("Name / company"),
            "address": self.tr("Address"),
            "email": self.tr("E-mail"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for key in FIELDS:
            field = QLineEdit((current or {}).get(key, ""))
            field.setObjectName(f"buyer_{key}")
            field.setMaxLength(14 if key == "tax_code" else 200)
            form.addRow(labels[key], field)
            self.fields[key] = field
        self.fields["tax_code"].setPlaceholderText(self.tr("e.g. 0101248141"))
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("Message")
        self.message.setProperty("kind", "error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.Reset)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Use these details"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText(self.tr("No details"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self.clear)
        buttons.accepted.connect(self.check_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fields["tax_code"].setFocus()

    def values(self) -> dict[str, str]:
        return {key: field.text().strip() for key, field in self.fields.items()}

    def problem(self) -> str:
        """Why the details cannot go on an invoice ("" when they can)."""
        values = self.values()
        email = values["email"]
        if email and ("@" not in email or " " in email or email.startswith("@")
                      or email.endswith("@")):
            return self.tr("The e-mail address is not valid.")
        try:
            buyer_party(values)
        except EInvoiceError as exc:
            return error_text(exc.code)
        return ""

    def check_and_accept(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            self.message.show()
            return
        values: dict[str, Any] = self.values()
        if values["tax_code"]:
            values["tax_code"] = "".join(values["tax_code"].split())
        self.buyer = values if any(values.values()) else None
        self.accept()

    def clear(self) -> None:
        for field in self.fields.values():
            field.clear()
        self.buyer = None
        self.message.hide()
        self.accept()
