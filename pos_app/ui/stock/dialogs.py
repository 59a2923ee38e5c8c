"""Goods receipt, stock count and adjust / write-off dialogs of the stock screen.

Each dialog calls the stock service directly: its writes are single short transactions (a few
milliseconds), and the dialog must know the outcome before it closes. Manager approval goes
through the counter session: :meth:`pos_app.ui.common.session.CounterSession.approve`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import parse_vnd
from pos_app.services.people.approval import Actor, ApprovalRequired
from pos_app.services.stock.desk import (
    ADJUST,
    COUNT,
    WRITEOFF,
    CountLine,
    ReceiptInput,
    ReceiptLine,
    StockError,
    StockRow,
)
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.widgets import read_only_table, table_item
from pos_app.ui.messages.stock import stock_error
from pos_app.ui.reports.labels import code_labels
from pos_app.ui.theme import count, money, set_role

if TYPE_CHECKING:
    from pos_app.services import Services

GROUPS = ("food", "beverages", "herbal", "textiles", "handicrafts", "tourism")


def _right(text: str) -> QTableWidgetItem:
    return table_item(text, right=True)


class _StockDialog(QDialog):
    def __init__(self, services: Services, session: CounterSession, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.services = services
        self.stock = services.stock
        self.session = session
        actor = session.actor
        assert actor is not None, "the stock screen opens its dialogs for someone logged in"
        self.actor: Actor = actor
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 20)
        self.layout_.setSpacing(12)
        self.error = set_role(QLabel("", self), "error")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)

    def title(self, text: str, subtitle: str) -> None:
        self.setWindowTitle(text)
        self.layout_.addWidget(set_role(QLabel(text, self), "subtitle"))
        sub = set_role(QLabel(subtitle, self), "muted")
        sub.setWordWrap(True)
        self.layout_.addWidget(sub)

    def scanning(self, text: str, subtitle: str, width: int, height: int) -> None:
        """The title of a dialog the scanner types into (its code field), and its size."""
        self.setProperty("acceptsScans", True)
        self.title(text, subtitle)
        self.resize(width, height)

    def code_entry(self, placeholder: str, minimum: int, prefix: str) -> QHBoxLayout:
        """The "barcode or SKU" field (``self.code``) and a quantity (``self.qty``) in a row;
        the caller adds its own fields and button to the row, then the row to the dialog."""
        entry = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(placeholder)
        entry.addWidget(self.code, 3)
        self.qty = QSpinBox(self)
        self.qty.setRange(minimum, 1_000_000)
        self.qty.setPrefix(prefix)
        entry.addWidget(self.qty, 1)
        return entry

    def lines_table(self, columns: list[str], caption_role: str) -> QLabel:
        """The table of lines (``self.table``), a caption under it and the error line."""
        self.table = read_only_table(columns, self)
        self.layout_.addWidget(self.table, 1)
        caption = set_role(QLabel("", self), caption_role)
        self.layout_.addWidget(caption)
        self.layout_.addWidget(self.error)
        return caption

    def action_row(self, left: QPushButton, close_text: str, primary: QPushButton,
                   on_primary: Callable[[], None]) -> None:
        """``left`` | stretch | a close button (rejects) | the primary button."""
        buttons = QHBoxLayout()
        buttons.addWidget(left)
        buttons.addStretch(1)
        close = QPushButton(close_text, self)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        primary.clicked.connect(on_primary)
        buttons.addWidget(primary)
        self.layout_.addLayout(buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def product_by_code(self, code: str) -> int | None:
        product = self.stock.find_product(code)
        if product is None:
            results = self.services.catalog.search(code, 1) if self.services.catalog else []
            product = results[0].id if results else None
        if product is None:
            self.show_error(stock_error("no_such_product"))
        return None if product is None else int(product)

    def name_of(self, product_id: int) -> tuple[str, str]:
        info = self.services.catalog.get(product_id)
        return info.name_vi, info.sku

    def approve(self, code: str) -> Any:
        return self.session.approve_for(self.actor, self, [code])


class ReceiptDialog(_StockDialog):
    """Goods in from one producer: scan each product, its quantity and unit cost."""

    def __init__(self, services: Services, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, session, parent)
        self.scanning(self.tr("Goods receipt"),
                      self.tr("Scan or type each product, its quantity and the unit cost on the "
                              "producer's delivery note."), 900, 620)
        form = QFormLayout()
        form.setSpacing(10)
        self.producer = QComboBox(self)
        for pid, name in self.stock.producers():
            self.producer.addItem(name, pid)
        form.addRow(self.tr("Producer"), self.producer)
        self.doc_no = QLineEdit(self)
        self.doc_no.setPlaceholderText(self.tr("e.g. PN-0042"))
        form.addRow(self.tr("Delivery note no."), self.doc_no)
        self.consignment = QCheckBox(self.tr("On consignment (paid to the producer when sold)"),
                                     self)
        form.addRow("", self.consignment)
        self.layout_.addLayout(form)

        entry = self.code_entry(self.tr("Barcode or SKU"), 1, self.tr("Qty "))
        self.code.setObjectName("code")
        self.cost = QLineEdit(self)
        self.cost.setPlaceholderText(self.tr("Unit cost (₫)"))
        entry.addWidget(self.cost, 2)
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.clicked.connect(self.add_from_entry)
        entry.addWidget(self.add_button)
        self.layout_.addLayout(entry)
        self.code.returnPressed.connect(self.add_from_entry)

        self.total = self.lines_table([self.tr("Product"), self.tr("Qty"), self.tr("Unit cost"),
                                       self.tr("Line cost")], "subtitle")
        self.lines: list[ReceiptLine] = []
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = set_role(QPushButton(self.tr("Save receipt"), self), "primary")
        self.action_row(self.remove_button, self.tr("Cancel"), self.save_button, self.save)
        self.result_id = ""
        self._update_total()

    def on_scanned(self, code: str) -> None:
        self.code.setText(code)
        self.add_from_entry()

    def add_from_entry(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        product = self.product_by_code(code)
        if product is None:
            return
        cost_text = self.cost.text().strip()
        cost: int | None = None
        if cost_text:
            try:
                cost = int(parse_vnd(cost_text))
            except ValueError:
                self.show_error(stock_error("bad_cost"))
                return
        self.add_line(product, self.qty.value(), cost)
        self.code.clear()
        self.qty.setValue(1)
        self.code.setFocus()

    def add_line(self, product_id: int, qty: int, unit_cost: int | None) -> None:
        """Add a line; the same product at the same cost again adds to its line (scanning
        each piece counts them up)."""
        self.show_error("")
        for row, line in enumerate(self.lines):
            if line.product_id == product_id and line.unit_cost == unit_cost:
                self.lines[row] = ReceiptLine(product_id, line.qty + qty, unit_cost)
                self._fill(row, product_id, line.qty + qty, unit_cost)
                return
        self.lines.append(ReceiptLine(product_id, qty, unit_cost))
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fill(row, product_id, qty, unit_cost)

    def _fill(self, row: int, product_id: int, qty: int, unit_cost: int | None) -> None:
        name, sku = self.name_of(product_id)
        self.table.setItem(row, 0, QTableWidgetItem(f"{name}  ·  {sku}"))
        self.table.setItem(row, 1, _right(count(qty)))
        self.table.setItem(row, 2, _right("" if unit_cost is None else money(unit_cost)))
        self.table.setItem(row, 3, _right("" if unit_cost is None else money(unit_cost * qty)))
        self._update_total()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self.lines[row]
            self._update_total()

    def _update_total(self) -> None:
        qty = sum(line.qty for line in self.lines)
        cost = sum(line.qty * (line.unit_cost or 0) for line in self.lines)
        self.total.setText(self.tr("{lines} lines · {qty} items · cost {cost}").format(
            lines=len(self.lines), qty=count(qty), cost=money(cost)))

    def save(self) -> None:
        receipt = ReceiptInput(int(self.producer.currentData() or 0), self.doc_no.text(),
                               self.consignment.isChecked(), list(self.lines))
        try:
            done = self.stock.receive(receipt, user=self.actor)
        except StockError as exc:
            self.show_error(stock_error(exc.code, exc.info))
            return
        self.result_id = done.receipt_id
        self.accept()


class AdjustDialog(_StockDialog):
    """Correct a product's stock (found, mistake) or write goods off (damaged, expired)."""

    def __init__(self, services: Services, session: CounterSession, product: StockRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, session, parent)
        self.product = product
        self.title(self.tr("Adjust or write off"),
                   self.tr("{name} · {sku} — {n} {unit} in stock").format(
                       name=product.name_vi, sku=product.sku, n=count(product.on_hand),
                       unit=product.unit))
        self.resize(560, 420)
        kinds = QHBoxLayout()
        self.writeoff = QRadioButton(self.tr("Write off (damaged, expired)"), self)
        self.adjust = QRadioButton(self.tr("Correct the count (+ or −)"), self)
        self.writeoff.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.writeoff, self.adjust):
            group.addButton(button)
            kinds.addWidget(button)
        self.layout_.addLayout(kinds)
        form = QFormLayout()
        self.qty = QSpinBox(self)
        self.qty.setRange(-1_000_000, 1_000_000)
        self.qty.setValue(1)
        form.addRow(self.tr("Quantity"), self.qty)
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.addItems([self.tr("Damaged"), self.tr("Expired"), self.tr("Found in stock"),
                              self.tr("Entry mistake")])
        form.addRow(self.tr("Reason"), self.reason)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(-1, 1_000_000)
        self.threshold.setSpecialValueText(self.tr("no alert"))
        self.threshold.setValue(-1 if product.threshold is None else product.threshold)
        form.addRow(self.tr("Low-stock alert at"), self.threshold)
        self.layout_.addLayout(form)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.save_button = set_role(QPushButton(self.tr("Save"), self), "primary")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        self.layout_.addLayout(buttons)

    def save(self) -> None:
        qty = self.qty.value()
        reason = self.reason.currentText()
        threshold = self.threshold.value()
        try:
            wanted = None if threshold < 0 else threshold
            if wanted != self.product.threshold:
                self.stock.set_threshold(self.product.id, wanted, user=self.actor)
            if qty != 0 or self.writeoff.isChecked():
                code = WRITEOFF if self.writeoff.isChecked() else ADJUST
                if not reason.strip():
                    raise StockError("reason_required")
                if self.writeoff.isChecked() and qty > self.product.on_hand:
                    raise StockError("writeoff_exceeds_stock", on_hand=self.product.on_hand)
                if self.writeoff.isChecked() and qty <= 0:
                    raise StockError("bad_qty")
                approval = self.approve(code)
                if self.writeoff.isChecked():
                    self.stock.write_off(self.product.id, qty, reason, user=self.actor,
                                         approval=approval)
                else:
                    self.stock.adjust(self.product.id, qty, reason, user=self.actor,
                                      approval=approval)
        except StockError as exc:
            self.show_error(stock_error(exc.code, exc.info))
            return
        except ApprovalRequired:
            self.show_error(stock_error("approval"))
            return
        self.accept()


class CountDialog(_StockDialog):
    """A stock count session: choose what to count, scan and type counts, post differences."""

    def __init__(self, services: Services, session: CounterSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, session, parent)
        self.scanning(self.tr("Stock count"),
                      self.tr("Count what is on the shelves. Differences are posted after a "
                              "manager approves; products not counted stay as they are."),
                      900, 640)
        self.count_id = ""
        scope = QHBoxLayout()
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("Everything"), ("all", ""))
        labels = code_labels()
        for group in GROUPS:
            self.scope.addItem(self.tr("Group: {name}").format(name=labels[group]),
                               ("group", group))
        for pid, name in self.stock.producers():
            self.scope.addItem(self.tr("Producer: {name}").format(name=name),
                               ("producer", str(pid)))
        scope.addWidget(self.scope, 1)
        self.start_button = set_role(QPushButton(self.tr("Start count"), self), "primary")
        self.start_button.clicked.connect(self.start)
        scope.addWidget(self.start_button)
        self.layout_.addLayout(scope)

        entry = self.code_entry(self.tr("Barcode or SKU"), 0, self.tr("Counted "))
        self.record_button = QPushButton(self.tr("Record"), self)
        self.record_button.clicked.connect(self.record_from_entry)
        entry.addWidget(self.record_button)
        self.code.returnPressed.connect(self._to_qty)  # scan (or type) the code, then count
        self.qty.lineEdit().returnPressed.connect(self.record_from_entry)
        self.layout_.addLayout(entry)

        self.summary = self.lines_table([self.tr("Product"), self.tr("Expected"),
                                         self.tr("Counted"), self.tr("Difference")], "muted")
        self.cancel_count_button = set_role(QPushButton(self.tr("Cancel count"), self),
                                            "danger")
        self.cancel_count_button.clicked.connect(self.cancel_count)
        self.post_button = set_role(QPushButton(self.tr("Post differences"), self), "primary")
        self.action_row(self.cancel_count_button, self.tr("Close (keep open)"), self.post_button,
                        self.post)
        self.ask_twice = self._ask_twice
        self._enable(False)

    def _to_qty(self) -> None:
        if self.code.text().strip():
            self.qty.setFocus()
            self.qty.selectAll()

    def _enable(self, counting: bool) -> None:
        for widget in (self.code, self.qty, self.record_button, self.post_button,
                       self.cancel_count_button):
            widget.setEnabled(counting)
        self.scope.setEnabled(not counting)
        self.start_button.setEnabled(not counting)

    def start(self) -> None:
        scope, value = self.scope.currentData()
        try:
            self.count_id = self.stock.open_count(scope, value, user=self.actor).id
        except StockError as exc:
            self.show_error(stock_error(exc.code, exc.info))
            return
        self._enable(True)
        self.refresh()
        self.code.setFocus()

    def resume(self, count_id: str) -> None:
        self.count_id = count_id
        self._enable(True)
        self.refresh()

    def on_scanned(self, code: str) -> None:
        if self.count_id:
            self.code.setText(code)
            self.code.setFocus()
            self.qty.selectAll()

    def _ask_twice(self, previous: int, counted: int) -> str | None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Counted already"))
        box.setText(self.tr("This product was already counted: {previous}. Add {n} to it, or "
                            "replace it with {n}?").format(previous=previous, n=counted))
        add = box.addButton(self.tr("Add to previous"), QMessageBox.ButtonRole.AcceptRole)
        replace = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is add:
            return "add"
        if box.clickedButton() is replace:
            return "replace"
        return None

    def record_from_entry(self) -> None:
        code = self.code.text().strip()
        if not code or not self.count_id:
            return
        product = self.product_by_code(code)
        if product is None:
            return
        self.record(product, self.qty.value())

    def record(self, product_id: int, counted: int) -> CountLine | None:
        self.show_error("")
        try:
            line: CountLine = self.stock.record_count(self.count_id, product_id, counted,
                                                      user=self.actor)
        except StockError as exc:
            if exc.code != "already_counted":
                self.show_error(stock_error(exc.code, exc.info))
                return None
            mode = self.ask_twice(int(exc.info.get("previous", 0)), counted)
            if mode is None:
                return None
            line = self.stock.record_count(self.count_id, product_id, counted,
                                           user=self.actor, mode=mode)
        self.code.clear()
        self.qty.setValue(0)
        self.refresh()
        return line

    def refresh(self) -> None:
        sheet = self.stock.count_sheet(self.count_id)
        self.table.setRowCount(0)
        for line in sheet.lines:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(f"{line.name_vi}  ·  {line.sku}"))
            self.table.setItem(row, 1, _right(count(line.expected)))
            self.table.setItem(row, 2, _right(count(line.counted)))
            diff = line.difference
            item = _right(("+" if diff > 0 else "") + count(diff))
            if diff:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(row, 3, item)
        self.summary.setText(self.tr("{counted} of {total} products counted · {diff} with a "
                                     "difference").format(
            counted=count(len(sheet.lines)), total=count(sheet.in_scope),
            diff=count(sum(1 for ln in sheet.lines if ln.difference))))

    def post(self) -> None:
        try:
            approval = self.approve(COUNT)
            self.stock.post_count(self.count_id, user=self.actor, approval=approval)
        except StockError as exc:
            self.show_error(stock_error(exc.code, exc.info))
            return
        except ApprovalRequired:
            self.show_error(stock_error("approval"))
            return
        self.accept()

    def cancel_count(self) -> None:
        try:
            self.stock.cancel_count(self.count_id, user=self.actor)
        except StockError as exc:
            self.show_error(stock_error(exc.code, exc.info))
            return
        self.reject()
