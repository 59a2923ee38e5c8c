"""Reports to files: XLSX (our streaming writer,
:mod:`pos_app.services.reports.xlsx_writer`) and CSV
(UTF-8 with BOM, so Excel reads Vietnamese).

``titles`` maps column keys to the header text (the caller's language); ``labels`` maps code
values (groups, payment methods, certificate states, valuation basis) to words. Both default to
the keys themselves. Money cells are integers with the format ``#,##0 "₫"``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pos_app.services.reports.service import Report
from pos_app.services.reports.xlsx_writer import XlsxWriter

VND_FORMAT = '#,##0 "₫"'
CODE_KINDS = frozenset({"group", "method", "cert", "basis"})
NUMBER_FORMATS = {"money": VND_FORMAT, "int": "#,##0", "date": "DD/MM/YYYY"}


def _cell(kind: str, value: Any, labels: Mapping[str, str]) -> Any:
    if value is None:  # a totals row's blank under a code column stays blank, not "None"
        return None
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
    labels = labels or {}
    header = _header(report, titles)
    kinds = [c.kind for c in report.columns]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows: Iterable[tuple[Any, ...]] = report.rows
    worded = [i for i, kind in enumerate(kinds) if kind in CODE_KINDS or kind == "hour"]
    if worded:
        rows = (_worded(values, kinds, worded, labels) for values in report.rows)
    height = len(report.rows) + 1 + bool(heading) + (report.totals is not None)
    with XlsxWriter(target) as book:
        body = [book.style(number_format=NUMBER_FORMATS.get(kind)) for kind in kinds]
        sheet = book.sheet(report.name, widths=_widths(report, header, labels),
                           freeze_rows=2 if heading else 1, size=(height, len(kinds)))
        if heading:
            sheet.append([heading], book.style(bold=True, size=13))
        sheet.append(header, book.style(bold=True, fill="E3F1EC", vertical="center"))
        sheet.extend(rows, body)
        if report.totals is not None:
            totals = list(report.totals)
            totals[0] = total_label
            sheet.append([_cell(kind, value, labels) for kind, value in zip(kinds, totals,
                                                                              strict=True)],
                         [book.style(bold=True, number_format=NUMBER_FORMATS.get(kind))
                          for kind in kinds])
    return target


def _worded(values: tuple[Any, ...], kinds: list[str], worded: list[int],
            labels: Mapping[str, str]) -> tuple[Any, ...]:
    out = list(values)
    for i in worded:
        out[i] = _cell(kinds[i], out[i], labels)
    return tuple(out)


def _widths(report: Report, header: list[str], labels: Mapping[str, str]) -> list[int]:
    """Header length, at least 16 for money and 12 for dates; text columns fit their longest
    value among the first 200 rows, up to 60."""
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
    return widths


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A CSV text cell starting with one of these would be a formula in a spreadsheet (OWASP "CSV
injection"): a product or producer name from a catalog file must stay text."""


def _csv_value(kind: str, value: Any, labels: Mapping[str, str]) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    cell = _cell(kind, value, labels)
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell  # numbers stay numbers; only text is neutralised
    return cell
