"""The manager's "E-invoices" view (Hóa đơn điện tử): a day's invoices with their status
(waiting, sent, refused, late = still waiting from an earlier day) and the reason of a refusal;
refused ones are queued again on request, and any invoice opens as the buyer's A4 PDF.

Opened from the e-invoice settings card. The reads are one small indexed query for a day, so
they run in the dialog; the buyer's PDF is written to a temporary file and opened with the
desktop's viewer (``open_file``, replaceable in tests).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.einvoice import EInvoiceError
from pos_app.domain.receipt import hanoi_tz
from pos_app.ui.common.style import money
from pos_app.ui.messages.einvoice import error_text

if TYPE_CHECKING:
    from pos_app.services.einvoice.service import EInvoiceService, InvoiceRow


def _open_with_desktop(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EInvoiceListDialog(QDialog):
    COLUMNS = 7

    def __init__(self, service: EInvoiceService, parent: QWidget | None = None, *,
                 open_file: Callable[[Path], None] = _open_with_desktop) -> None:
        super().__init__(parent)
        self.service = service
        self.open_file = open_file
        self.rows: list[InvoiceRow] = []
        self.setWindowTitle(self.tr("E-invoices"))
        self.setMinimumSize(980, 480)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day"), self))
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        today = self.service.clock.now().astimezone(hanoi_tz()).date()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(self.load)
        top.addWidget(self.day)
        top.addStretch(1)
        self.summary = QLabel(self)
        top.addWidget(self.summary)
        layout.addLayout(top)
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("einvoice_list")
        self.table.setHorizontalHeaderLabels([
            self.tr("Invoice"), self.tr("Tax authority code"), self.tr("Time"),
            self.tr("Kind"), self.tr("Total"), self.tr("Status"), self.tr("Reason")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col in range(self.COLUMNS - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("einvoice_list_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_button = QPushButton(self.tr("Send refused again"), self)
        self.retry_button.clicked.connect(self.retry)
        self.pdf_button = QPushButton(self.tr("Open buyer's PDF"), self)
        self.pdf_button.clicked.connect(self.open_pdf)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.load)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        for button in (self.retry_button, self.pdf_button, refresh, close):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.load()

    # --- reading ------------------------------------------------------------------------------

    def selected_day(self) -> dt.date:
        d = self.day.date()
        return dt.date(d.year(), d.month(), d.day())

    def status_of(self, row: InvoiceRow) -> str:
        today = self.service.clock.now().astimezone(hanoi_tz()).date()
        if row.status == "queued" and row.issued_at.replace(tzinfo=dt.UTC).astimezone(
                hanoi_tz()).date() < today:
            return "late"
        return row.status

    def status_text(self, status: str) -> str:
        return {"queued": self.tr("waiting"), "sent": self.tr("sent"),
                "refused": self.tr("refused"), "late": self.tr("late (from an earlier day)")
                }.get(status, status)

    def kind_text(self, row: InvoiceRow) -> str:
        return {"sale": self.tr("sale"), "return": self.tr("return (adjustment)"),
                "void": self.tr("void (adjustment)"), "replace": self.tr("replacement")
                }.get(row.purpose, row.purpose)

    @staticmethod
    def reason_text(last_error: str) -> str:
        if not last_error:
            return ""
        code, _, detail = last_error.partition(": ")
        text = error_text(code)
        return f"{text} ({detail})" if detail else text

    def load(self) -> None:
        self.rows = self.service.invoices(local_date=self.selected_day(), limit=5000)
        self.table.setRowCount(len(self.rows))
        counts: dict[str, int] = {}
        for r, row in enumerate(self.rows):
            status = self.status_of(row)
            counts[status] = counts.get(status, 0) + 1
            local = row.issued_at.replace(tzinfo=dt.UTC).astimezone(hanoi_tz())
            cells = (f"{row.symbol}-{row.number:08d}", row.mccqt, local.strftime("%H:%M:%S"),
                     self.kind_text(row), money(row.total), self.status_text(status),
                     self.reason_text(row.last_error))
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                item.setData(Qt.ItemDataRole.UserRole, status)
                self.table.setItem(r, c, item)
        self.summary.setText(self.tr("{n} invoices: {sent} sent, {queued} waiting, {late} late, "
                                     "{refused} refused").format(
            n=len(self.rows), sent=counts.get("sent", 0), queued=counts.get("queued", 0),
            late=counts.get("late", 0), refused=counts.get("refused", 0)))
        self._enable()

    def selected(self) -> list[InvoiceRow]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    def _enable(self) -> None:
        self.retry_button.setEnabled(any(r.status == "refused" for r in self.rows))
        self.pdf_button.setEnabled(len(self.selected()) == 1)

    # --- actions ------------------------------------------------------------------------------

    def retry(self) -> int:
        """Queue the selected refused invoices again (none selected: all refused of the day)."""
        chosen = [r for r in self.selected() if r.status == "refused"] or [
            r for r in self.rows if r.status == "refused"]
        if not chosen:
            return 0
        count = self.service.retry([r.id for r in chosen])
        self.service.wake()
        self.message.setText(self.tr("{n} invoices queued to be sent again.").format(n=count))
        self.load()
        return count

    def open_pdf(self) -> Path | None:
        from pos_app.formats.einvoice_html import invoice_html
        from pos_app.ui.einvoice_pdf import write_pdf

        chosen = self.selected()
        if len(chosen) != 1:
            return None
        row = chosen[0]
        try:
            _, xml, _ = self.service.find(row.id)
        except EInvoiceError as exc:
            self.message.setText(error_text(exc.code))
            return None
        name = f"{row.symbol}-{row.number:08d}"
        folder = Path(tempfile.mkdtemp(prefix="hoa-don-"))
        path = write_pdf(invoice_html(xml), folder / f"{name}.pdf", name)
        self.open_file(path)
        self.message.setText(self.tr("Opened {path}").format(path=path))
        return path
