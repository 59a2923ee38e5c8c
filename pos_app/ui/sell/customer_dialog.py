"""Ctrl+G at the counter: find the customer by phone (or name without tone marks), or add one, and
attach them to the sale. Reads are quick look-ups; adding goes through the db lane."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.customers import CustomerError, CustomerInput
from pos_app.services.customers import CustomerInfo, CustomerService
from pos_app.ui.common.dialogs import (
    button_row,
    dialog_title,
    error_label,
    show_error,
    side_button,
)
from pos_app.ui.common.style import SELL_STYLE
from pos_app.ui.messages.customers import Customers, customer_error

if TYPE_CHECKING:
    from pos_app.ui.tasks import Lanes


class CustomerDialog(QDialog):
    """Search as you type; Enter attaches the highlighted customer. "New customer" opens the
    form (the typed number is carried over). ``chosen`` is the customer on accept, ``None``
    when the cashier removed the sale's customer."""

    def __init__(self, customers: CustomerService, lanes: Lanes, *, user: str,
                 current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SellDialog")
        self.setStyleSheet(SELL_STYLE)
        self.setWindowTitle(self.tr("Customer"))
        self.setMinimumWidth(560)
        self.customers, self.lanes, self.user = customers, lanes, user
        self.chosen: CustomerInfo | None = None
        self.busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(dialog_title(self.tr("Customer of this sale"), self))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Mobile number or name, e.g. 0912 345 678"))
        self.search.setStyleSheet("font-size: 22px; padding: 8px;")
        self.search.textChanged.connect(self._find)
        layout.addWidget(self.search)
        self.results = QListWidget(self)
        self.results.itemActivated.connect(lambda _item: self._pick())
        layout.addWidget(self.results)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        self.name = QLineEdit(self.form)
        self.phone = QLineEdit(self.form)
        self.email = QLineEdit(self.form)
        self.tax_code = QLineEdit(self.form)
        self.address = QLineEdit(self.form)
        self.consent = QCheckBox(self.tr("Agrees to be contacted (offers, events)"), self.form)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Tax code (invoices)"), self.tax_code)
        form.addRow(self.tr("Address"), self.address)
        form.addRow("", self.consent)
        self.form.hide()
        layout.addWidget(self.form)
        self.error = error_label(self)
        layout.addWidget(self.error)

        row, ok = button_row(self, self.tr("Attach (Enter)"))
        assert ok is not None
        self.ok = ok
        ok.clicked.connect(self._submit)
        self.new_button = side_button(self.tr("New customer"), self.show_form, self)
        row.insertWidget(0, self.new_button)
        self.remove_button = side_button(self.tr("No customer"), self._remove, self)
        self.remove_button.setVisible(bool(current))
        row.insertWidget(1, self.remove_button)
        layout.addLayout(row)
        self.search.setFocus()

    # --- finding

    def _find(self, text: str) -> None:
        self.results.clear()
        self.error.hide()
        for info in self.customers.search(text):
            item = QListWidgetItem(f"{info.phone}   {info.name}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, info)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _pick(self) -> None:
        item = self.results.currentItem()
        if item is None:
            show_error(self.error, self.tr("No customer has this number: add them (New "
                                           "customer)."))
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

    def _remove(self) -> None:
        self.chosen = None
        self.accept()

    # --- adding

    def show_form(self) -> None:
        typed = self.search.text().strip()
        if typed and sum(ch.isdigit() for ch in typed) >= len(typed) // 2:
            self.phone.setText(typed)
        elif typed:
            self.name.setText(typed)
        self.form.show()
        self.results.hide()
        self.ok.setText(self.tr("Save and attach (Enter)"))
        (self.phone if self.name.text() else self.name).setFocus()

    def _submit(self) -> None:
        if not self.form.isVisible():
            self._pick()
            return
        if self.busy:
            return
        data = CustomerInput(
            self.name.text(), self.phone.text(), email=self.email.text(),
            address=self.address.text(), tax_code=self.tax_code.text(),
            consent=self.consent.isChecked(),
        )
        self.busy = True
        self.lanes.run("db", self.customers.add, data, user=self.user,
                       on_done=self._added, on_error=self._refused)

    def _added(self, info: Any) -> None:
        self.busy = False
        self.chosen = info
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.busy = False
        code = exc.code if isinstance(exc, CustomerError) else "unexpected"
        show_error(self.error, customer_error(code))


def attach_customer(screen: Any) -> None:
    """Ctrl+G on the sell screen: choose the sale's customer (stored with the open cart)."""
    cashier = screen.cashier
    dialog = CustomerDialog(
        screen.services.customers, screen.lanes, user=cashier.name if cashier else "",
        current=screen.cart.customer_id, parent=screen,
    )
    if not screen.run_modal(dialog):
        return
    chosen = dialog.chosen
    screen.cart.customer_id = chosen.id if chosen is not None else ""
    screen._changed()
    if chosen is not None:
        screen.show_message(Customers.tr("Customer: {name} ({phone})").format(
            name=chosen.name, phone=chosen.phone))
    else:
        screen.show_message(Customers.tr("The sale has no customer now."))
