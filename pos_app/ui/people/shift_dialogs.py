"""Shift dialogs: open with a float, cash in/out with a reason, X report, close with a count.

Each dialog calls the shifts service (``services.shifts``) itself and shows the service's error
codes in words; nothing changes when the service refuses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_vnd, parse_vnd
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.people.approval import Actor
from pos_app.services.people.shifts import DENOMINATIONS, ShiftError, ShiftReport, ZReportInfo
from pos_app.ui.common.dialogs import dialog_layout, error_label
from pos_app.ui.common.style import ACCENT, DANGER, INK, MUTED, SELL_STYLE
from pos_app.ui.messages import people as messages
from pos_app.ui.messages.people import People

SHIFT_STYLE = SELL_STYLE + f"""
QLabel#Note {{ font-size: 18px; font-weight: bold; color: {INK}; }}
QLabel#Times {{ font-size: 18px; color: {MUTED}; }}
QLabel#LineAmount {{ font-size: 18px; color: {INK}; }}
QLabel#FigureName {{ font-size: 16px; color: {MUTED}; }}
QLabel#Figure {{ font-size: 18px; color: {INK}; }}
QLabel#FigureStrong {{ font-size: 22px; font-weight: bold; color: {INK}; }}
QLabel#Over {{ font-size: 30px; font-weight: bold; color: {ACCENT}; }}
QLabel#Short {{ font-size: 30px; font-weight: bold; color: {DANGER}; }}
QSpinBox {{ font-size: 20px; padding: 6px 8px; min-width: 96px; border: 1px solid #c5ced6;
    border-radius: 8px; background: white; }}
QSpinBox:focus {{ border: 2px solid {ACCENT}; }}
"""




def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("DialogTitle")
    return label


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QHBoxLayout, QPushButton]:
    row = QHBoxLayout()
    row.addStretch(1)
    cancel = QPushButton(QCoreApplication.translate("People", "Cancel (Esc)"), dialog)
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(ok_text, dialog)
    ok.setObjectName("Primary")
    ok.setDefault(True)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok


def signed_vnd(amount: int) -> str:
    return ("+" if amount > 0 else "") + format_vnd(amount)


class _Base(QDialog):
    def __init__(self, shifts: Any, actor: Actor, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.shifts = shifts
        self.actor = actor
        self.layout_ = dialog_layout(self, "", SHIFT_STYLE, spacing=14)
        self.error = error_label(self)

    def fail(self, exc: ShiftError) -> None:
        self.error.setText(messages.shift_error(exc.code))
        self.error.show()


class AmountDialog(_Base):
    """Open a shift (counted float) or put cash in / take cash out (amount and reason)."""

    def __init__(self, shifts: Any, actor: Actor, kind: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(shifts, actor, parent)
        self.kind = kind  # "open" | "in" | "out"
        self.setMinimumWidth(520)
        titles = {"open": self.tr("Open the shift"), "in": self.tr("Cash in"),
                  "out": self.tr("Cash out")}
        self.setWindowTitle(titles[kind])
        self.layout_.addWidget(_title(titles[kind], self))
        intro = QLabel({
            "open": self.tr("Count the cash in the drawer (the float) and enter it."),
            "in": self.tr("Money put into the drawer, e.g. small notes for change."),
            "out": self.tr("Money taken from the drawer, e.g. a payment or a bank deposit."),
        }[kind], self)
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("Amount in đồng, e.g. 1.000.000"))
        self.layout_.addWidget(self.amount)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason"))
        self.reason.setVisible(kind != "open")
        self.layout_.addWidget(self.reason)
        self.layout_.addWidget(self.error)
        row, self.ok = _buttons(self, self.tr("Confirm (Enter)"))
        self.ok.clicked.connect(self.confirm)
        self.layout_.addLayout(row)
        self.amount.setFocus()
        self.result_value: Any = None

    def confirm(self) -> None:
        try:
            amount = parse_vnd(self.amount.text()) if self.amount.text().strip() else 0
        except ValueError:
            self.fail(ShiftError("bad_amount"))
            return
        try:
            if self.kind == "open":
                self.result_value = self.shifts.open(self.actor, amount)
            else:
                self.result_value = self.shifts.cash_move(self.actor, self.kind, amount,
                                                          self.reason.text())
        except ShiftError as exc:
            self.fail(exc)
            return
        self.accept()


class ReportView(QFrame):
    """The figures of an X or Z report in two columns."""

    def __init__(self, report: ShiftReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        grid = QGridLayout(self)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        rows: list[tuple[str, int, bool]] = [
            (self.tr("Opening float"), report.opening_float, False),
            (self.tr("Sales ({count})").format(count=report.sales_count), report.sales_total,
             False),
            (self.tr("Returns ({count})").format(count=report.returns_count),
             report.returns_total, False),
            (self.tr("  Cash"), report.by_method.get("cash", 0), False),
            (self.tr("  Card"), report.by_method.get("card", 0), False),
            (self.tr("  Bank transfer (VietQR)"), report.by_method.get("transfer", 0), False),
            (self.tr("Cash in"), report.cash_in, False),
            (self.tr("Cash out"), -report.cash_out, False),
            (self.tr("Cash expected in the drawer"), report.cash_expected, True),
        ]
        self.values: dict[str, QLabel] = {}
        for index, (name, amount, strong) in enumerate(rows):
            label = QLabel(name, self)
            label.setObjectName("FigureName")
            value = QLabel(format_vnd(amount), self)
            value.setObjectName("FigureStrong" if strong else "Figure")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(label, index, 0)
            grid.addWidget(value, index, 1)
            self.values[name.strip()] = value
        self.expected = rows[-1][1]


class XReportDialog(_Base):
    def __init__(self, shifts: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(shifts, actor, parent)
        self.setWindowTitle(self.tr("X report"))
        self.setMinimumWidth(520)
        self.layout_.addWidget(_title(self.tr("X report (shift so far)"), self))
        self.report: ShiftReport | None = None
        try:
            self.report = shifts.x_report()
        except ShiftError as exc:
            self.fail(exc)
        else:
            opened = self.report.opened_at.astimezone(hanoi_tz()).strftime("%H:%M %d/%m")
            times = QLabel(self.tr("Opened {time} by {name}").format(
                time=opened, name=self.report.opened_by), self)
            times.setObjectName("Times")
            self.layout_.addWidget(times)
            self.layout_.addWidget(ReportView(self.report, self))
        self.layout_.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("Print"), self)
        self.print_button.setEnabled(self.report is not None)
        row.addWidget(self.print_button)
        close = QPushButton(self.tr("Close (Esc)"), self)
        close.setObjectName("Primary")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        self.layout_.addLayout(row)


class ShiftCloseDialog(_Base):
    """Count the drawer note by note; expected, counted and over/short update as you type."""

    def __init__(self, shifts: Any, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(shifts, actor, parent)
        self.setWindowTitle(self.tr("Close the shift"))
        self.setMinimumWidth(1040)
        self.z: ZReportInfo | None = None
        self.layout_.addWidget(_title(self.tr("Close the shift"), self))
        try:
            self.report: ShiftReport | None = shifts.x_report()
        except ShiftError as exc:
            self.report = None
            self.fail(exc)
        if self.report is not None:
            opened = self.report.opened_at.astimezone(hanoi_tz()).strftime("%H:%M %d/%m")
            times = QLabel(self.tr("Opened {time} by {name} · closing: {closer}").format(
                time=opened, name=self.report.opened_by, closer=actor.name), self)
            times.setObjectName("Times")
            self.layout_.addWidget(times)

        body = QHBoxLayout()
        body.setSpacing(24)
        count_card = QFrame(self)
        count_card.setObjectName("Card")
        grid = QGridLayout(count_card)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        head = QLabel(self.tr("Cash counted"), count_card)
        head.setObjectName("SectionTitle")
        grid.addWidget(head, 0, 0, 1, 3)
        self.counts: dict[int, QSpinBox] = {}
        self.line_amounts: dict[int, QLabel] = {}
        for row, denomination in enumerate(DENOMINATIONS, start=1):
            note = QLabel(format_vnd(denomination), count_card)
            note.setObjectName("Note")
            spin = QSpinBox(count_card)
            spin.setRange(0, 9999)
            spin.setAccessibleName(self.tr("Number of {note} notes").format(
                note=format_vnd(denomination)))
            spin.valueChanged.connect(self.recount)
            amount = QLabel(format_vnd(0), count_card)
            amount.setObjectName("LineAmount")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            amount.setMinimumWidth(170)
            grid.addWidget(note, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(amount, row, 2)
            self.counts[denomination] = spin
            self.line_amounts[denomination] = amount
        body.addWidget(count_card, 1)

        right = QVBoxLayout()
        right.setSpacing(12)
        if self.report is not None:
            right.addWidget(ReportView(self.report, self))
        totals = QFrame(self)
        totals.setObjectName("Card")
        tgrid = QGridLayout(totals)
        tgrid.setContentsMargins(18, 14, 18, 14)
        name = QLabel(self.tr("Counted"), totals)
        name.setObjectName("FigureName")
        self.counted_label = QLabel(format_vnd(0), totals)
        self.counted_label.setObjectName("FigureStrong")
        self.counted_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        tgrid.addWidget(name, 0, 0)
        tgrid.addWidget(self.counted_label, 0, 1)
        self.diff_name = QLabel(totals)
        self.diff_name.setObjectName("FigureName")
        self.diff_label = QLabel(totals)
        self.diff_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        tgrid.addWidget(self.diff_name, 1, 0)
        tgrid.addWidget(self.diff_label, 1, 1)
        right.addWidget(totals)
        right.addStretch(1)
        body.addLayout(right, 1)
        self.layout_.addLayout(body)
        note = QLabel(self.tr("Closing prints the Z report, sends it to the registry and backs "
                              "up the database. A closed shift cannot be changed."), self)
        note.setObjectName("Muted")
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.layout_.addWidget(self.error)
        button_row, self.ok = _buttons(self, self.tr("Close shift and print Z"))
        self.ok.clicked.connect(self.confirm)
        self.ok.setEnabled(self.report is not None)
        self.layout_.addLayout(button_row)
        self.recount()
        self.counts[DENOMINATIONS[0]].setFocus()
        self.counts[DENOMINATIONS[0]].selectAll()

    def counted(self) -> dict[int, int]:
        return {d: spin.value() for d, spin in self.counts.items() if spin.value()}

    def recount(self) -> None:
        total = 0
        for denomination, spin in self.counts.items():
            amount = denomination * spin.value()
            total += amount
            self.line_amounts[denomination].setText(format_vnd(amount))
        self.counted_label.setText(format_vnd(total))
        expected = self.report.cash_expected if self.report is not None else 0
        diff = total - expected
        if diff == 0:
            self.diff_name.setText(self.tr("Balanced"))
            self.diff_label.setObjectName("Over")
            self.diff_label.setText(format_vnd(0))
        elif diff > 0:
            self.diff_name.setText(self.tr("Over"))
            self.diff_label.setObjectName("Over")
            self.diff_label.setText(signed_vnd(diff))
        else:
            self.diff_name.setText(self.tr("Short"))
            self.diff_label.setObjectName("Short")
            self.diff_label.setText(signed_vnd(diff))
        self.diff_label.style().unpolish(self.diff_label)
        self.diff_label.style().polish(self.diff_label)

    def confirm(self) -> None:
        shift_id = self.report.shift_id if self.report is not None else None
        try:
            self.z = self.shifts.close(self.actor, self.counted(), shift_id=shift_id)
        except ShiftError as exc:
            self.fail(exc)
            return
        self.accept()


def report_rows(report: ShiftReport, *, z: ZReportInfo | None = None,
                showroom: str = "") -> list[tuple[str, str, str]]:
    """The printed X or Z report: ``(left, right, style)`` rows for ``print_document``."""
    tz = hanoi_tz()
    rows: list[tuple[str, str, str]] = []
    if showroom:
        rows.append((showroom, "", "bold"))
    title = People.tr("Z REPORT {z}").format(z=z.label) if z else People.tr("X REPORT")
    rows.append((title, "", "title"))
    rows.append((People.tr("Till {till}").format(till=report.till_code), "", ""))
    rows.append((People.tr("Opened"), report.opened_at.astimezone(tz).strftime(
        "%d/%m/%Y %H:%M") + " · " + report.opened_by, ""))
    closed = z.created_at if z else report.at
    rows.append((People.tr("Closed") if z else People.tr("Printed"),
                 closed.astimezone(tz).strftime("%d/%m/%Y %H:%M")
                 + (" · " + z.closed_by if z else ""), ""))
    rows.append(("", "", "rule"))
    rows += [
        (People.tr("Sales ({count})").format(count=report.sales_count),
         format_vnd(report.sales_total), ""),
        (People.tr("Returns ({count})").format(count=report.returns_count),
         format_vnd(report.returns_total), ""),
        (People.tr("Voided sales"), str(report.voided_count), ""),
        ("", "", "rule"),
        (People.tr("Cash"), format_vnd(report.by_method.get("cash", 0)), ""),
        (People.tr("Card"), format_vnd(report.by_method.get("card", 0)), ""),
        (People.tr("Bank transfer (VietQR)"),
         format_vnd(report.by_method.get("transfer", 0)), ""),
        ("", "", "rule"),
        (People.tr("Opening float"), format_vnd(report.opening_float), ""),
        (People.tr("Cash in"), format_vnd(report.cash_in), ""),
        (People.tr("Cash out"), format_vnd(-report.cash_out), ""),
        (People.tr("Cash expected"), format_vnd(report.cash_expected), "bold"),
    ]
    if z is not None:
        rows.append(("", "", "rule"))
        for denomination, count in sorted(z.counted.items(), reverse=True):
            rows.append((f"{format_vnd(denomination)} × {count}",
                         format_vnd(denomination * count), ""))
        rows.append((People.tr("Cash counted"), format_vnd(z.counted_cash), "bold"))
        rows.append((People.tr("Over / short"), signed_vnd(z.over_short), "bold"))
    return rows
