"""Nhãn giá: the Labels dialog of the stock screen — choose products (a search, or every product
without a barcode), give them in-store codes, and print their price labels on the configured
label printer (setting ``label_printer_uri``) or as A4 decal sheets in a PDF.

The work is the services' (:class:`~pos_app.services.catalog.codes.CodesService`,
:class:`~pos_app.services.printing.labels.LabelService`); this dialog only gathers the request.
Assigning codes writes, so it runs on the db lane and a cashier needs a manager's approval through
the :class:`~pos_app.ui.common.session.CounterSession`; printing runs on the print lane. Without
lanes (tests, the screenshot tool) both run at once. Every failure is one Vietnamese sentence from
:mod:`pos_app.ui.messages.labels`; nothing is assigned or printed half.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.domain.money import format_vnd
from pos_app.services.catalog.codes import CodesError
from pos_app.services.catalog.prices import PriceError
from pos_app.services.people.approval import APPROVER_ROLES, Actor
from pos_app.services.printing.labels import (
    MAX_COPIES,
    TEMPLATES,
    LabelError,
    LabelRequest,
    PrintedLabels,
    label_barcode,
)
from pos_app.ui.common.session import CounterSession
from pos_app.ui.messages.labels import assigned_text, error_text, price_set_text, printed_text
from pos_app.ui.theme import set_role

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)

INSTORE_CODES = "instore_codes"
"""What a cashier asks a manager to approve before codes are assigned."""

PRICE_SET = "price_set"
"""... and before the showroom's selling price of a product is changed."""

PRINTER = "printer"
SHEETS = ("5x13", "3x7")


class LabelsDialog(QDialog):
    """Products to label (one row each, with its copies), codes, template and target."""

    def __init__(self, services: Services, lanes: Lanes | None, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.lanes = lanes
        self.session = session
        actor = session.actor
        assert actor is not None, "the stock screen opens its dialogs for someone logged in"
        self.actor: Actor = actor
        self.busy = False
        self.last_printed: PrintedLabels | None = None
        self.setProperty("acceptsScans", True)
        self.setWindowTitle(self.tr("Price labels"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(set_role(QLabel(self.tr("Price labels and in-store codes"), self),
                                  "subtitle"))

        add = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setObjectName("labelsSearch")
        self.code.setPlaceholderText(self.tr("Scan or type a SKU, barcode or name"))
        self.code.returnPressed.connect(self.add_from_search)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_from_search)
        self.missing_button = QPushButton(self.tr("Every product without a barcode"), self)
        self.missing_button.clicked.connect(self.add_missing)
        add.addWidget(self.code, 1)
        add.addWidget(self.add_button)
        add.addWidget(self.missing_button)
        layout.addLayout(add)
        more = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("Labels to reprint (price changed)"), self)
        self.reprint_button.clicked.connect(self.add_reprint)
        self.receipt_doc = QLineEdit(self)
        self.receipt_doc.setPlaceholderText(self.tr("Goods receipt document, e.g. PN-2026-11"))
        self.receipt_doc.returnPressed.connect(self.add_receipt)
        self.receipt_button = QPushButton(self.tr("Everything received"), self)
        self.receipt_button.clicked.connect(self.add_receipt)
        more.addWidget(self.reprint_button)
        more.addStretch(1)
        more.addWidget(self.receipt_doc)
        more.addWidget(self.receipt_button)
        layout.addLayout(more)

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("SKU"),
                                              self.tr("Barcode"), self.tr("Labels")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.assign_button = QPushButton(self.tr("Assign in-store codes"), self)
        self.assign_button.setObjectName("assignCodes")
        self.assign_button.clicked.connect(self.assign_codes)
        self.price = QLineEdit(self)
        self.price.setObjectName("showroomPrice")
        self.price.setPlaceholderText(self.tr("New price, e.g. 125.000"))
        self.price.setMaximumWidth(180)
        self.price_button = QPushButton(self.tr("Set showroom price"), self)
        self.price_button.clicked.connect(self.set_price)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.price)
        row.addWidget(self.price_button)
        row.addWidget(self.assign_button)
        layout.addLayout(row)

        form = QFormLayout()
        self.copies = QSpinBox(self)
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setToolTip(self.tr("Labels for each product added from now on"))
        form.addRow(self.tr("Labels per product"), self.copies)
        self.template = QComboBox(self)
        self.template.addItem(self.tr("Standard 50×30 mm"), "standard")
        self.template.addItem(self.tr("With traceability QR 60×40 mm"), "trace")
        assert all(self.template.findData(name) >= 0 for name in TEMPLATES)
        form.addRow(self.tr("Template"), self.template)
        self.target = QComboBox(self)
        uri = self.printer_uri()
        self.target.addItem(self.tr("Label printer ({uri})").format(uri=uri) if uri
                            else self.tr("Label printer (not set up in Settings)"), PRINTER)
        for sheet in SHEETS:
            self.target.addItem(self.tr("A4 PDF, sheet {sheet}").format(sheet=sheet), sheet)
        if not uri:
            self.target.setCurrentIndex(1)
        form.addRow(self.tr("Print to"), self.target)
        pdf_row = QHBoxLayout()
        self.pdf_path = QLineEdit(str(Path.home() / "nhan-gia.pdf"), self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self.choose_pdf)
        pdf_row.addWidget(self.pdf_path, 1)
        pdf_row.addWidget(browse)
        form.addRow(self.tr("PDF file"), pdf_row)
        layout.addLayout(form)

        self.message = set_role(QLabel("", self), "muted")
        self.message.setObjectName("labelsMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        self.print_button = set_role(QPushButton(self.tr("Print labels"), self), "primary")
        self.print_button.setObjectName("printLabels")
        self.print_button.setMinimumHeight(44)
        self.print_button.clicked.connect(self.print_labels)
        bottom.addWidget(close)
        bottom.addWidget(self.print_button)
        layout.addLayout(bottom)

    # --- helpers ------------------------------------------------------------------------------

    def printer_uri(self) -> str:
        return str(self.services.settings.get(config.LABEL_PRINTER_URI)).strip()

    def _say(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "muted")
        style = self.message.style()
        style.unpolish(self.message)
        style.polish(self.message)
        self.message.setText(text)

    def _work(self, lane: str, fn: Callable[..., Any], *args: Any,
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
              **kwargs: Any) -> None:
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            on_error(exc)

        if self.lanes is None:
            try:
                result = fn(*args, **kwargs)
            except Exception as exc:  # delivered like the lane's on_error
                failed(exc)
                return
            done(result)
            return
        self.lanes.run(lane, fn, *args, on_done=done, on_error=failed, **kwargs)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.assign_button, self.print_button, self.missing_button,
                       self.price_button):
            button.setEnabled(not busy)

    def skus(self) -> list[str]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            if item is not None:
                out.append(item.text())
        return out

    def _copies_box(self, row: int) -> QSpinBox:
        box = self.table.cellWidget(row, 3)
        assert isinstance(box, QSpinBox)
        return box

    def requests(self) -> list[LabelRequest]:
        return [LabelRequest(sku, self._copies_box(row).value())
                for row, sku in enumerate(self.skus())]

    # --- choosing products --------------------------------------------------------------------

    def add_sku(self, sku: str, copies: int | None = None) -> bool:
        product = self.services.catalog.by_sku(sku)
        if product is None:
            self._say(error_text("no_such_product", sku), error=True)
            return False
        wanted = copies or self.copies.value()
        if product.sku in self.skus():
            box = self._copies_box(self.skus().index(product.sku))
            box.setValue(min(MAX_COPIES, box.value() + wanted))
            return True
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(product.name_vi))
        self.table.setItem(row, 1, QTableWidgetItem(product.sku))
        self.table.setItem(row, 2, QTableWidgetItem(label_barcode(product) or "—"))
        box = QSpinBox(self.table)
        box.setRange(1, MAX_COPIES)
        box.setValue(wanted)
        self.table.setCellWidget(row, 3, box)
        return True

    def add_from_search(self) -> None:
        text = self.code.text().strip()
        if not text:
            return
        product_id = self.services.stock.find_product(text)
        if product_id is not None:
            sku = self.services.catalog.get(product_id).sku
        else:
            found = self.services.catalog.search(text, limit=2)
            if len(found) != 1:
                self._say(self.tr("No single product matches “{text}”; type more of the name "
                                  "or its SKU.").format(text=text), error=True)
                return
            sku = found[0].sku
        if self.add_sku(sku):
            self.code.clear()
            self._say(self.tr("{n} products chosen.").format(n=self.table.rowCount()))

    def on_scanned(self, code: str) -> None:
        self.code.setText(code)
        self.add_from_search()

    def add_missing(self) -> None:
        missing = self.services.codes.missing()
        for sku in missing:
            self.add_sku(sku)
        self._say(self.tr("{n} products have no barcode; they were added to the list.")
                  .format(n=len(missing)) if missing
                  else error_text("nothing_to_do"))

    def add_reprint(self) -> None:
        skus = self.services.prices.to_reprint()
        for sku in skus:
            self.add_sku(sku)
        self._say(self.tr("{n} products changed price since their last label.")
                  .format(n=len(skus)))

    def add_receipt(self) -> None:
        doc = self.receipt_doc.text().strip()
        if not doc:
            return
        try:
            received = self.services.prices.received_in(doc)
        except PriceError as exc:
            self._say(error_text(exc.code, exc.detail), error=True)
            return
        for sku, pieces in received:
            self.add_sku(sku, min(MAX_COPIES, max(1, pieces)))
        self._say(self.tr("{n} products of goods receipt {doc} added, one label a piece.")
                  .format(n=len(received), doc=doc))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def choose_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save labels as PDF"),
                                                    self.pdf_path.text(), "PDF (*.pdf)")
        if path:
            self.pdf_path.setText(path)

    # --- actions ------------------------------------------------------------------------------

    def assign_codes(self) -> None:
        """Give every listed product without a barcode its in-store code (one transaction)."""
        without = [sku for row, sku in enumerate(self.skus())
                   if (item := self.table.item(row, 2)) is not None and item.text() == "—"]
        if not without:
            self._say(error_text("nothing_to_do"), error=True)
            return
        approved_by = self._approved_by(INSTORE_CODES)
        if approved_by is None:
            return
        self._say(self.tr("Assigning in-store codes…"))
        self._work("db", self.services.codes.assign, without, user=self.actor.name,
                   approved_by=approved_by, on_done=self._assigned, on_error=self._failed)

    def _approved_by(self, code: str) -> str | None:
        """"" for a manager, the approver's name, or None when nobody approved (said so)."""
        if self.actor.role in APPROVER_ROLES:
            return ""
        approval = self.session.approve(self, [code])
        if approval is None:
            self._say(self.tr("A manager did not approve; nothing was changed."), error=True)
            return None
        return approval.approver.name

    def set_price(self) -> None:
        """The showroom's selling price of the selected product (audited, sent to the
        registry, and the product goes on the labels-to-reprint list)."""
        row = self.table.currentRow()
        item = self.table.item(row, 1) if row >= 0 else None
        if item is None:
            self._say(self.tr("Choose the product in the list first."), error=True)
            return
        digits = self.price.text().replace(".", "").replace("₫", "").replace(" ", "")
        if not digits.isdigit():
            self._say(error_text("bad_price", self.price.text()), error=True)
            return
        approved_by = self._approved_by(PRICE_SET)
        if approved_by is None:
            return
        self._work("db", self.services.prices.set_price, item.text(), int(digits),
                   user=self.actor.name, approved_by=approved_by, on_done=self._price_set,
                   on_error=self._failed)

    def _price_set(self, done: Any) -> None:
        self.price.clear()
        self._say(price_set_text(done.sku, format_vnd(done.old_price),
                                 format_vnd(done.new_price)))

    def _assigned(self, done: Any) -> None:
        codes: dict[str, str] = done.codes
        for row, sku in enumerate(self.skus()):
            if sku in codes:
                self.table.setItem(row, 2, QTableWidgetItem(codes[sku]))
        self._say(assigned_text(len(codes)))

    def print_labels(self) -> None:
        requests = self.requests()
        if not requests:
            self._say(error_text("nothing_to_print"), error=True)
            return
        template = str(self.template.currentData())
        target = str(self.target.currentData())
        labels = self.services.labels
        if target == PRINTER:
            uri = self.printer_uri()
            if not uri:
                self._say(self.tr("No label printer is set up: enter its address in Settings, "
                                  "or print to an A4 PDF."), error=True)
                return
            where = uri
            self._say(self.tr("Sending the labels to {where}…").format(where=where))
            self._work("print", labels.print_labels, uri, requests, template=template,
                       on_done=lambda done: self._printed(done, where, requests),
                       on_error=self._failed)
            return
        where = self.pdf_path.text().strip()
        if not where:
            self._say(self.tr("Choose where to save the PDF."), error=True)
            return
        self._say(self.tr("Writing the label sheets to {where}…").format(where=where))
        self._work("io", labels.print_pdf, Path(where), requests, template=template,
                   sheet=target, on_done=lambda done: self._printed(done, where, requests),
                   on_error=self._failed)

    def _printed(self, done: PrintedLabels, where: str, requests: list[LabelRequest]) -> None:
        # printed with the current price: off the labels-to-reprint list (a write: db lane)
        skus = [r.sku for r in requests]
        if self.lanes is None:
            self.services.prices.mark_printed(skus)
        else:
            self.lanes.run("db", self.services.prices.mark_printed, skus,
                           on_error=lambda exc: log.warning("reprint list not cleared: %s",
                                                            exc))
        self.last_printed = done
        self._say(printed_text(done.labels, done.products, where))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CodesError):
            self._say(error_text(exc.code, exc.detail, exc.expected), error=True)
        elif isinstance(exc, (LabelError, PriceError)):
            self._say(error_text(exc.code, exc.detail), error=True)
        else:
            self._say(self.tr("Something went wrong; nothing was printed ({error}).")
                      .format(error=exc), error=True)

