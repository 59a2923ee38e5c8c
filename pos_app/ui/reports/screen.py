"""Báo cáo: today's figures, then any report over a range (today / this week / this month /
custom) as a table with a bar chart, exported to Excel (XLSX), CSV or PDF; the producer
settlement prints as one statement per producer."""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QMarginsF, Qt, Signal
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.reports.export import to_csv, to_xlsx
from pos_app.services.reports.service import REPORTS, Report, ReportError
from pos_app.services.sync.status import day_figures
from pos_app.ui.areas import figure_card
from pos_app.ui.common.widgets import page_heading
from pos_app.ui.reports import labels
from pos_app.ui.reports.widgets import BarChart, ReportModel, cell_text
from pos_app.ui.theme import count, hanoi_now, money, set_role

if TYPE_CHECKING:
    from pos_app.services import Services
    from pos_app.ui.tasks import Lanes

log = logging.getLogger(__name__)

RANGES = ("today", "week", "month", "custom")


def range_dates(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if kind == "today":
        return today, today
    if kind == "week":
        return today - dt.timedelta(days=today.weekday()), today
    if kind == "month":
        return today.replace(day=1), today
    return today, today


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportsScreen(QWidget):
    """The Reports area. ``report_ready`` fires when a report is shown."""

    report_ready = Signal(object)

    def __init__(self, services: Services, lanes: Lanes | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.lanes = lanes
        self.report: Report | None = None
        self.figures: Any = None
        titles = labels.report_titles()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(12)

        top = QHBoxLayout()
        top.addWidget(page_heading(self.tr("Reports"), self))
        top.addStretch(1)
        self.sales_card = figure_card("—", self.tr("Sales today"), self, name="today_sales")
        self.returns_card = figure_card("—", self.tr("Returns today"), self,
                                        name="today_returns")
        self.takings_card = figure_card("—", self.tr("Net takings today"), self,
                                        name="today_takings")
        self._cards = (self.sales_card, self.returns_card, self.takings_card)
        for card in self._cards:
            card.setMinimumHeight(0)
            card.setFixedHeight(100)  # a two-line caption ("Phiếu trả hàng hôm nay") whole
            card.setMinimumWidth(190)
            margins = card.layout()
            assert margins is not None  # figure_card lays the card out
            margins.setContentsMargins(16, 8, 16, 8)
            top.addWidget(card)
        layout.addLayout(top)

        controls = QHBoxLayout()
        controls.setSpacing(8)
        self._controls = controls
        self._controls_more = QHBoxLayout()  # the buttons' own row on a narrow window
        self._controls_more.setSpacing(8)
        self.name = QComboBox(self)
        self.name.setObjectName("reportName")
        for name in REPORTS:
            self.name.addItem(titles[name], name)
        self.name.setMinimumWidth(300)
        controls.addWidget(self.name, 2)
        self.range = QComboBox(self)
        for kind, text in zip(RANGES, (self.tr("Today"), self.tr("This week"),
                                       self.tr("This month"), self.tr("Custom")), strict=True):
            self.range.addItem(text, kind)
        self.range.setCurrentIndex(2)
        controls.addWidget(self.range, 1)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            controls.addWidget(edit)
        self.run_button = set_role(QPushButton(self.tr("Show"), self), "primary")
        self.xlsx_button = QPushButton(self.tr("Excel"), self)
        self.csv_button = QPushButton(self.tr("CSV"), self)
        self.pdf_button = QPushButton(self.tr("Print / PDF"), self)
        self._buttons = (self.run_button, self.xlsx_button, self.csv_button, self.pdf_button)
        for button in self._buttons:
            controls.addWidget(button)
        layout.addLayout(controls)
        layout.addLayout(self._controls_more)

        self.error = set_role(QLabel("", self), "error")
        self.error.setObjectName("reportError")
        self.error.hide()
        layout.addWidget(self.error)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ReportModel(self)
        self.table = QTableView(self.splitter)
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.chart = BarChart(self.splitter)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 380])
        layout.addWidget(self.splitter, 1)
        self.notes = set_role(QLabel("", self), "muted")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

        self.range.currentIndexChanged.connect(self._range_changed)
        self.name.currentIndexChanged.connect(lambda _i: self.run())
        self.run_button.clicked.connect(self.run)
        self.xlsx_button.clicked.connect(lambda: self.export_dialog("xlsx"))
        self.csv_button.clicked.connect(lambda: self.export_dialog("csv"))
        self.pdf_button.clicked.connect(lambda: self.export_dialog("pdf"))
        self._range_changed()

    def set_compact(self, compact: bool) -> None:
        """Narrow window (1024 px): Show / Excel / CSV / PDF on a row of their own under the
        report and dates (one row pushed the boxes over each other), more room for the table."""
        self.name.setMinimumWidth(220 if compact else 300)
        self.splitter.setStretchFactor(0, 7 if compact else 3)
        self.splitter.setStretchFactor(1, 3 if compact else 2)
        total = max(self.splitter.width(), 10)
        self.splitter.setSizes([total * 7 // 10, total * 3 // 10] if compact
                               else [total * 3 // 5, total * 2 // 5])
        source, target = ((self._controls, self._controls_more) if compact
                          else (self._controls_more, self._controls))
        for button in self._buttons:
            source.removeWidget(button)
        if compact:
            target.addStretch(1)
            for button in self._buttons:
                target.addWidget(button)
        else:
            while self._controls_more.count():
                self._controls_more.takeAt(0)  # the stretch
            for button in self._buttons:
                target.addWidget(button)

    # --- dates ------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return hanoi_now(self.services.clock.now()).date()

    def _range_changed(self) -> None:
        kind = self.range.currentData()
        custom = kind == "custom"
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
        if not custom:
            start, end = range_dates(kind, self.today())
            self.date_from.setDate(_qdate(start))
            self.date_to.setDate(_qdate(end))
            self.run()

    def set_range(self, start: dt.date, end: dt.date) -> None:
        self.range.blockSignals(True)
        self.range.setCurrentIndex(RANGES.index("custom"))
        self.range.blockSignals(False)
        self._range_changed()
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))

    def dates(self) -> tuple[dt.date, dt.date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    # --- running ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Today's figures and the current report (when the area is shown)."""
        today = self.today()
        if self.lanes is not None:
            self.lanes.run("io", day_figures, self.services.db, today, on_done=self._figures,
                           on_error=lambda exc: log.warning("day figures failed: %s", exc))
        else:
            self._figures(day_figures(self.services.db, today))
        if self.range.currentData() != "custom":
            start, end = range_dates(self.range.currentData(), today)
            self.date_from.setDate(_qdate(start))
            self.date_to.setDate(_qdate(end))
        self.run()

    def _figures(self, figures: Any) -> None:
        self.figures = figures
        for card, text in ((self.sales_card, count(figures.sales)),
                           (self.returns_card, count(figures.returns)),
                           (self.takings_card, money(figures.takings))):
            label = card.findChild(QLabel, "figure")
            if label is not None:
                label.setText(text)

    def run(self) -> None:
        reports = self.services.reports
        name = self.name.currentData()
        start, end = self.dates()
        if self.lanes is None:
            try:
                self._show(reports.run(name, start, end))
            except ReportError as exc:
                self._failed(exc)
            return
        self.lanes.run("io", reports.run, name, start, end, on_done=self._show,
                       on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        code = exc.code if isinstance(exc, ReportError) else type(exc).__name__
        self.error.setText(labels.error_text(code))
        self.error.show()
        self.model.set_report(None)
        self.report = None
        self.chart.set_bars([], is_money=True)
        for button in (self.xlsx_button, self.csv_button, self.pdf_button):
            button.setEnabled(False)

    def _show(self, report: Report) -> None:
        if report.name != self.name.currentData() or (report.date_from, report.date_to) != \
                self.dates():
            return  # an older answer: a newer one is on its way
        self.report = report
        self.error.hide()
        self.model.set_report(report)
        header = self.table.horizontalHeader()
        for i, column in enumerate(report.columns):
            mode = QHeaderView.ResizeMode.Stretch if column.key in ("product", "producer") \
                and column.kind == "text" else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        if not any(c.key in ("product", "producer") for c in report.columns):
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._chart(report)
        self.notes.setText("  ".join(labels.note_text(n) for n in report.notes))
        for button in (self.xlsx_button, self.csv_button, self.pdf_button):
            button.setEnabled(True)
        self.report_ready.emit(report)

    def _chart(self, report: Report) -> None:
        if report.chart is None:
            self.chart.hide()
            return
        label_key, value_key = report.chart
        li, vi = report.column(label_key), report.column(value_key)
        kind = report.columns[li].kind
        codes = labels.code_labels()
        rows = report.rows
        if kind not in ("date", "hour"):
            rows = sorted(rows, key=lambda r: -abs(int(r[vi] or 0)))
        else:
            rows = rows[-31:]
        if kind not in ("date", "hour"):
            rows = rows[:12]  # the twelve biggest: a longer list reads better in the table
        bars = [(labels.stars_text(r[li]) if kind == "stars" else
                 cell_text(kind, r[li], codes), int(r[vi] or 0)) for r in rows]
        self.chart.set_bars(bars, is_money=report.columns[vi].kind == "money",
                            title=labels.column_titles().get(value_key, value_key))
        self.chart.show()

    # --- exporting ----------------------------------------------------------------------------

    def heading(self) -> str:
        assert self.report is not None
        return self.tr("{title}: {start} – {end}").format(
            title=labels.report_titles()[self.report.name],
            start=self.report.date_from.strftime("%d/%m/%Y"),
            end=self.report.date_to.strftime("%d/%m/%Y"))

    def export_dialog(self, fmt: str) -> None:
        if self.report is None:
            return
        filters = {"xlsx": self.tr("Excel workbook (*.xlsx)"), "csv": self.tr("CSV (*.csv)"),
                   "pdf": self.tr("PDF (*.pdf)")}
        name = f"{self.report.name}_{self.report.date_from}_{self.report.date_to}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"),
                                              str(Path.home() / name), filters[fmt])
        if path:
            self.export(fmt, path)

    def export(self, fmt: str, path: str | Path) -> Path:
        assert self.report is not None
        titles, codes = labels.column_titles(), labels.code_labels()
        if fmt == "xlsx":
            return to_xlsx(self.report, path, titles=titles, labels=codes,
                           heading=self.heading(), total_label=labels.total_label())
        if fmt == "csv":
            return to_csv(self.report, path, titles=titles, labels=codes,
                          total_label=labels.total_label())
        return self.print_pdf(path)

    def report_html(self) -> str:
        assert self.report is not None
        report = self.report
        codes = labels.code_labels()
        titles = labels.column_titles()
        if report.name == "producer-settlement":
            return self._statements_html()
        head = "".join(f"<th>{html.escape(titles.get(c.key, c.key))}</th>"
                       for c in report.columns)
        body = []
        rows = list(report.rows)
        if report.totals is not None:
            totals = list(report.totals)
            totals[0] = labels.total_label()
            rows.append(tuple(totals))
        for row in rows:
            cells = []
            for column, value in zip(report.columns, row, strict=True):
                align = ' align="right"' if column.kind in ("int", "money") else ""
                cells.append(f"<td{align}>{html.escape(cell_text(column.kind, value, codes))}"
                             "</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        notes = "".join(f"<p><small>{html.escape(labels.note_text(n))}</small></p>"
                        for n in report.notes)
        return (f"<h2>{html.escape(self.heading())}</h2>"
                f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                f"<tr>{head}</tr>{''.join(body)}</table>{notes}")

    def _statements_html(self) -> str:
        assert self.report is not None
        statements = self.services.reports.settlement_statements(self.report.date_from,
                                                                  self.report.date_to)
        from pos_app import config

        showroom = self.services.settings.get(config.SHOWROOM_NAME)
        parts = []
        for i, st in enumerate(statements):
            brk = " style='page-break-before: always'" if i else ""
            rows = "".join(
                f"<tr><td>{html.escape(ln.sku)}</td><td>{html.escape(ln.name_vi)}</td>"
                f"<td align='right'>{count(ln.qty)}</td>"
                f"<td align='right'>{money(ln.unit_cost)}</td>"
                f"<td align='right'>{money(ln.owed)}</td></tr>" for ln in st.lines)
            parts.append(
                f"<div{brk}><h2>{html.escape(self.tr('Consignment statement'))}</h2>"
                f"<p>{html.escape(showroom)}</p>"
                f"<p><b>{html.escape(st.producer_name)}</b> ({html.escape(st.producer_code)})"
                f"<br>{html.escape(self.tr('Period: {start} – {end}').format(start=st.date_from.strftime('%d/%m/%Y'), end=st.date_to.strftime('%d/%m/%Y')))}</p>"  # noqa: E501
                "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>"
                f"<th>{html.escape(labels.column_titles()['sku'])}</th>"
                f"<th>{html.escape(labels.column_titles()['product'])}</th>"
                f"<th>{html.escape(labels.column_titles()['qty'])}</th>"
                f"<th>{html.escape(labels.column_titles()['unit_cost'])}</th>"
                f"<th>{html.escape(labels.column_titles()['owed'])}</th></tr>{rows}"
                f"<tr><td colspan='4'><b>{html.escape(labels.total_label())}</b></td>"
                f"<td align='right'><b>{money(st.total)}</b></td></tr></table>"
                f"<p><small>{html.escape(labels.note_text('settlement_rule'))}</small></p>"
                f"<p><br>{html.escape(self.tr('Producer'))}: ____________ &nbsp;&nbsp; "
                f"{html.escape(self.tr('Showroom manager'))}: ____________</p></div>")
        if not parts:
            parts.append(f"<h2>{html.escape(self.heading())}</h2>"
                         f"<p>{html.escape(self.tr('Nothing owed in this period.'))}</p>")
        return "".join(parts)

    def print_pdf(self, path: str | Path) -> Path:
        target = Path(path)
        writer = QPdfWriter(str(target))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        writer.setResolution(150)
        writer.setTitle(self.heading())
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setHtml(self.report_html())
        doc.print_(writer)
        return target
