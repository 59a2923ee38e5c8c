"""Chuyển kho: the Transfers dialog of the stock screen — send stock to another showroom, see
what is in transit, receive a transfer with its differences — and "who else has it?".

The dialog calls :class:`pos_app.services.stock.transfers.TransferService` directly (its writes
are single short transactions, as the other stock dialogs); a cashier needs a manager's
approval through the :class:`~pos_app.ui.common.session.CounterSession`. "Who else has it?"
asks the registry, so it runs on the sync lane when there are lanes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.people.approval import Actor, Approval, ApprovalRequired
from pos_app.services.stock.transfers import (
    TRANSFER,
    Elsewhere,
    TransferError,
    TransferService,
    TransferView,
)
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.widgets import read_only_table, table_item
from pos_app.ui.theme import count, hanoi_now, set_role

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes


def transfer_error(code: str, info: dict[str, Any] | None = None) -> str:
    """A :class:`TransferError` code in the user's language."""
    info = info or {}
    if code == "exceeds_stock":
        return translate("Transfers", "Only {n} of {sku} in stock.").format(
            n=count(int(info.get("on_hand", 0))), sku=info.get("sku", ""))
    texts = {
        "no_showroom": translate("Transfers", "This till has no showroom code yet (Settings)."),
        "bad_showroom": translate("Transfers", "Enter the destination showroom's code."),
        "same_showroom": translate("Transfers", "A transfer goes to another showroom."),
        "empty_transfer": translate("Transfers", "Add at least one product."),
        "too_many_lines": translate("Transfers", "Too many lines for one transfer."),
        "bad_qty": translate("Transfers", "Enter a quantity above zero."),
        "no_such_product": translate("Transfers", "No product has this code."),
        "no_such_transfer": translate("Transfers", "No transfer has this number."),
        "not_incoming": translate("Transfers", "This transfer was sent from here."),
        "already_received": translate("Transfers", "This transfer was already received."),
        "not_on_transfer": translate("Transfers", "This product is not on the transfer."),
        "reason_required": translate("Transfers", "Give a reason for the difference."),
        "approval": translate("Transfers", "A manager did not approve; nothing was changed."),
    }
    return texts.get(code, translate("Transfers", "Not possible ({code}).").format(code=code))


def status_text(status: str) -> str:
    texts = {"in_transit": translate("Transfers", "In transit"),
             "received": translate("Transfers", "Received")}
    return texts.get(status, status)


def _table(columns: list[str], parent: QWidget) -> QTableWidget:
    return read_only_table(columns, parent, single=True)


class TransfersDialog(QDialog):
    """Three tabs: Send, In transit (receive), All transfers."""

    def __init__(self, services: Services, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.transfers: TransferService = services.transfers
        self.session = session
        actor = session.actor
        assert actor is not None, "the stock screen opens its dialogs for someone logged in"
        self.actor: Actor = actor
        self.setProperty("acceptsScans", True)  # the scanner types into the product field
        self.setWindowTitle(self.tr("Transfers"))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(set_role(QLabel(self.tr("Transfers between showrooms"), self),
                                  "subtitle"))
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        self.error = set_role(QLabel("", self), "error")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self._build_send()
        self._build_incoming()
        self._build_all()
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.lines: dict[str, int] = {}
        self.refresh()

    # --- send ---------------------------------------------------------------------------

    def _build_send(self) -> None:
        page = QWidget(self)
        box = QVBoxLayout(page)
        form = QFormLayout()
        self.destination = QLineEdit(page)
        self.destination.setPlaceholderText(self.tr("e.g. HN02"))
        form.addRow(self.tr("To showroom"), self.destination)
        self.note = QLineEdit(page)
        form.addRow(self.tr("Note"), self.note)
        box.addLayout(form)
        add = QHBoxLayout()
        self.code = QLineEdit(page)
        self.code.setPlaceholderText(self.tr("Scan or type a SKU or barcode"))
        self.qty = QSpinBox(page)
        self.qty.setRange(1, 1_000_000)
        self.add_button = QPushButton(self.tr("Add"), page)
        self.add_button.clicked.connect(self.add_line)
        self.code.returnPressed.connect(self.add_line)
        add.addWidget(self.code, 1)
        add.addWidget(self.qty)
        add.addWidget(self.add_button)
        box.addLayout(add)
        self.send_table = _table([self.tr("Product"), self.tr("SKU"), self.tr("Quantity")], page)
        box.addWidget(self.send_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.send_button = set_role(QPushButton(self.tr("Send"), page), "primary")
        self.send_button.setMinimumHeight(44)
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.send_button)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("Send"))

    def on_scanned(self, code: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.code.setText(code)
        self.add_line()

    def add_line(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        product = self.services.stock.find_product(text)
        if product is None:
            self.error.setText(transfer_error("no_such_product"))
            return
        info = self.services.catalog.get(product)
        self.lines[info.sku] = self.lines.get(info.sku, 0) + self.qty.value()
        self.code.clear()
        self.qty.setValue(1)
        self.error.clear()
        self._show_lines()

    def _show_lines(self) -> None:
        self.send_table.setRowCount(0)
        for sku, qty in self.lines.items():
            product = self.services.stock.find_product(sku)
            name = self.services.catalog.get(product).name_vi if product is not None else ""
            row = self.send_table.rowCount()
            self.send_table.insertRow(row)
            self.send_table.setItem(row, 0, table_item(name))
            self.send_table.setItem(row, 1, table_item(sku))
            self.send_table.setItem(row, 2, table_item(count(qty), right=True))

    def _approval(self) -> Approval | None:
        # refused: None, and the service refuses with ApprovalRequired (worded on the error line)
        return self.session.approve_for(self.actor, self, [TRANSFER])

    def _attempt(self, move: Callable[[], TransferView]) -> TransferView | None:
        """``move()`` (a send or a receipt); None, with the reason on the error line, when it is
        refused or a manager does not approve."""
        try:
            return move()
        except TransferError as exc:
            self.error.setText(transfer_error(exc.code, exc.info))
        except ApprovalRequired:
            self.error.setText(transfer_error("approval"))
        return None

    def send(self) -> TransferView | None:
        def move() -> TransferView:
            if not self.lines:
                raise TransferError("empty_transfer")
            return self.transfers.send(self.destination.text(), dict(self.lines),
                                       user=self.actor, approval=self._approval(),
                                       note=self.note.text())

        done = self._attempt(move)
        if done is None:
            return None
        self.lines.clear()
        self._show_lines()
        self.note.clear()
        self.error.setText(self.tr("Transfer {number} sent to {showroom}: {n} in transit.")
                           .format(number=done.number, showroom=done.to_showroom,
                                   n=count(done.sent_total)))
        self.refresh()
        return done

    # --- in transit: receive ---------------------------------------------------------------

    def _build_incoming(self) -> None:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.incoming = _table([self.tr("Number"), self.tr("From"), self.tr("Sent"),
                                self.tr("Quantity")], page)
        self.incoming.itemSelectionChanged.connect(self._show_receipt)
        box.addWidget(self.incoming, 1)
        box.addWidget(QLabel(self.tr("What arrived (change the lines that differ):"), page))
        self.receipt_table = _table([self.tr("Product"), self.tr("Sent"),
                                     self.tr("Arrived")], page)
        box.addWidget(self.receipt_table, 1)
        form = QFormLayout()
        self.reason = QLineEdit(page)
        self.reason.setPlaceholderText(self.tr("e.g. broken in transport"))
        form.addRow(self.tr("Reason for a difference"), self.reason)
        box.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.receive_button = set_role(QPushButton(self.tr("Receive"), page), "primary")
        self.receive_button.setMinimumHeight(44)
        self.receive_button.clicked.connect(self.receive)
        row.addWidget(self.receive_button)
        box.addLayout(row)
        self.tabs.addTab(page, self.tr("In transit"))
        self.in_transit: list[TransferView] = []
        self.arrived: list[tuple[str, QSpinBox]] = []

    def selected_incoming(self) -> TransferView | None:
        rows = self.incoming.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.in_transit):
            return None
        return self.in_transit[rows[0].row()]

    def _show_receipt(self) -> None:
        transfer = self.selected_incoming()
        self.receipt_table.setRowCount(0)
        self.arrived = []
        if transfer is None:
            return
        for line in transfer.lines:
            row = self.receipt_table.rowCount()
            self.receipt_table.insertRow(row)
            self.receipt_table.setItem(row, 0, table_item(f"{line.name} · {line.sku}"))
            self.receipt_table.setItem(row, 1, table_item(count(line.sent), right=True))
            spin = QSpinBox(self.receipt_table)
            spin.setRange(0, 1_000_000)
            spin.setValue(line.sent)
            self.receipt_table.setCellWidget(row, 2, spin)
            self.arrived.append((line.sku, spin))

    def receive(self) -> TransferView | None:
        transfer = self.selected_incoming()
        if transfer is None:
            self.error.setText(transfer_error("no_such_transfer"))
            return None
        sent = {line.sku: line.sent for line in transfer.lines}
        received = {sku: spin.value() for sku, spin in self.arrived if spin.value() != sent[sku]}

        def move() -> TransferView:
            if received and not self.reason.text().strip():
                raise TransferError("reason_required")
            return self.transfers.receive(transfer.id, received, reason=self.reason.text(),
                                          user=self.actor, approval=self._approval())

        done = self._attempt(move)
        if done is None:
            return None
        self.reason.clear()
        self.error.setText(self.tr("Transfer {number} received: {got} of {sent}.").format(
            number=done.number, got=count(done.received_total), sent=count(done.sent_total)))
        self.refresh()
        return done

    # --- all ----------------------------------------------------------------------------

    def _build_all(self) -> None:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.all_table = _table([self.tr("Number"), self.tr("Direction"), self.tr("Showroom"),
                                 self.tr("Status"), self.tr("Sent"), self.tr("Received"),
                                 self.tr("Difference")], page)
        box.addWidget(self.all_table, 1)
        self.tabs.addTab(page, self.tr("All transfers"))

    def refresh(self) -> None:
        self.in_transit = self.transfers.list_transfers("in", in_transit_only=True)
        self.incoming.setRowCount(0)
        for transfer in self.in_transit:
            row = self.incoming.rowCount()
            self.incoming.insertRow(row)
            self.incoming.setItem(row, 0, table_item(transfer.number or transfer.id))
            self.incoming.setItem(row, 1, table_item(transfer.from_showroom))
            self.incoming.setItem(row, 2, table_item(f"{hanoi_now(transfer.sent_at):%d/%m %H:%M}"))
            self.incoming.setItem(row, 3, table_item(count(transfer.sent_total), right=True))
        self.tabs.setTabText(1, self.tr("In transit ({n})").format(n=len(self.in_transit)))
        self._show_receipt()
        self.all_table.setRowCount(0)
        for transfer in self.transfers.list_transfers():
            row = self.all_table.rowCount()
            self.all_table.insertRow(row)
            out = transfer.direction == "out"
            values = [
                transfer.number or transfer.id,
                self.tr("Sent") if out else self.tr("Received from"),
                transfer.to_showroom if out else transfer.from_showroom,
                status_text(transfer.status),
            ]
            for column, value in enumerate(values):
                self.all_table.setItem(row, column, table_item(value))
            received = transfer.status == "received"
            for column, n in ((4, transfer.sent_total),
                              (5, transfer.received_total if received else None),
                              (6, transfer.difference_total if received else None)):
                self.all_table.setItem(row, column,
                                       table_item("" if n is None else count(n), right=True))


# --- "who else has it?" ----------------------------------------------------------------------


def elsewhere_text(found: Elsewhere) -> str:
    """The answer as a few lines for a message box."""
    if not found.showrooms:
        text = translate("Transfers", "No other showroom has reported stock of {sku}.").format(
            sku=found.sku)
    else:
        lines = []
        for level in found.showrooms:
            when = (f"{hanoi_now(level.as_of):%d/%m %H:%M}" if level.as_of is not None
                    else translate("Transfers", "never synced"))
            lines.append(translate("Transfers", "{showroom}: {n} (as of {when})").format(
                showroom=level.showroom, n=count(level.qty), when=when))
        text = "\n".join(lines)
    if found.cached:
        when = (f"{hanoi_now(found.fetched_at):%d/%m %H:%M}" if found.fetched_at is not None
                else translate("Transfers", "never"))
        text += "\n\n" + translate(
            "Transfers", "The registry cannot be reached; last answer kept: {when}.").format(
                when=when)
    return text


def show_elsewhere(parent: QWidget, services: Services, lanes: Lanes | None, sku: str) -> None:
    """Ask the registry (on the sync lane) and show the answer."""
    title = translate("Transfers", "Who else has it? — {sku}").format(sku=sku)

    def done(found: Elsewhere) -> None:
        QMessageBox.information(parent, title, elsewhere_text(found))

    if lanes is None:
        done(services.transfers.stock_elsewhere(sku))
        return
    def failed(exc: BaseException) -> None:
        QMessageBox.warning(parent, title, str(exc))

    lanes.run("sync", services.transfers.stock_elsewhere, sku, on_done=done, on_error=failed)
