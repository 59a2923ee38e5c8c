"""Reports to files: XLSX (openpyxl) and CSV (UTF-8 with BOM, so Excel reads Vietnamese).

``titles`` maps column keys to the header text (the caller's language); ``labels`` maps code
values (groups, payment methods, certificate states, valuation basis) to words. Both default to
the keys themselves. Money cells are integers with the format ``#,##0 "₫"``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pos_app.services.reports import Report

VND_FORMAT = '#,##0 "₫"'
CODE_KINDS = frozenset({"group", "method", "cert", "basis"})


def _cell(kind: str, value: Any, labels: Mapping[str, str]) -> Any:
    if kind in CODE_KINDS:
        return labels.get(str(value), str(value))
    if kind == "hour" and isinstance(value, int):
        return f"{value:02d}:00"
    return value


def _header(report: Report, titles: Mapping[str, str] | None) -> list[str]:
    titles = titles or {}
    return [titles.get(c.key, c.key) for c in report.columns]


def to_xlsx(report: Report, path: Path | str, *, titles: Mapping[str, str] | None = None,
            labels: Mapping[str, str] | None = None, heading: str = "",
            total_label: str = "Total") -> Path:
    """Write ``report`` as one sheet: optional heading line, header row, rows, totals."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    labels = labels or {}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(report.name[:31])
    header = _header(report, titles)
    widths = [max(10, len(h) + 2) for h in header]
    kinds = [c.kind for c in report.columns]
    for i, kind in enumerate(kinds):
        if kind == "money":
            widths[i] = max(widths[i], 16)
        elif kind == "date":
            widths[i] = max(widths[i], 12)
    sample = report.rows[:200]
    for i, kind in enumerate(kinds):
        if kind in ("text", *CODE_KINDS):
            longest = max((len(str(_cell(kind, r[i], labels))) for r in sample), default=0)
            widths[i] = min(60, max(widths[i], longest + 2))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3" if heading else "A2"
    bold = Font(bold=True)
    if heading:
        title = WriteOnlyCell(sheet, value=heading)
        title.font = Font(bold=True, size=13)
        sheet.append([title])
    fill = PatternFill("solid", fgColor="E3F1EC")
    head_cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
        head_cells.append(cell)
    sheet.append(head_cells)

    def row_cells(values: tuple[Any, ...], font: Any = None) -> list[Any]:
        cells = []
        for kind, value in zip(kinds, values, strict=True):
            cell = WriteOnlyCell(sheet, value=_cell(kind, value, labels))
            if kind == "money":
                cell.number_format = VND_FORMAT
            elif kind == "int":
                cell.number_format = "#,##0"
            elif kind == "date":
                cell.number_format = "DD/MM/YYYY"
            if font is not None:
                cell.font = font
            cells.append(cell)
        return cells

    # Write-only sheets serialise each row as it is appended, so one styled cell per column
    # is reused for every row: styles are resolved once, not once per cell (a year of daily
    # sales by product is about a million rows).
    templates = row_cells(tuple(None for _ in kinds))
    code_columns = [i for i, kind in enumerate(kinds) if kind in CODE_KINDS or kind == "hour"]
    for values in report.rows:
        for cell, value in zip(templates, values, strict=True):
            cell.value = value
        for i in code_columns:
            templates[i].value = _cell(kinds[i], values[i], labels)
        sheet.append(templates)
    if report.totals is not None:
        totals = list(report.totals)
        totals[0] = total_label
        sheet.append(row_cells(tuple(totals), bold))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def to_csv(report: Report, path: Path | str, *, titles: Mapping[str, str] | None = None,
           labels: Mapping[str, str] | None = None, total_label: str = "Total") -> Path:
    """UTF-8 with BOM, comma separated; money as plain integers of đồng; dates ISO."""
    labels = labels or {}
    kinds = [c.kind for c in report.columns]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_header(report, titles))
        for values in report.rows:
            writer.writerow([_csv_value(k, v, labels) for k, v in zip(kinds, values,
                                                                        strict=True)])
        if report.totals is not None:
            totals = list(report.totals)
            totals[0] = total_label
            writer.writerow([_csv_value(k, v, labels) for k, v in zip(kinds, totals,
                                                                        strict=True)])
    return target


def _csv_value(kind: str, value: Any, labels: Mapping[str, str]) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return _cell(kind, value, labels)
