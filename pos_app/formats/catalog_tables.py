"""Reading catalog files (CSV, XLSX) into plain rows with spreadsheet row numbers.

A file or sheet is a *producers* table or a *products* table, recognised by its headers, which may
be Vietnamese or English. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pos_app.domain.text import fold


class TableKind(Enum):
    PRODUCERS = "producers"
    PRODUCTS = "products"


# field → header spellings accepted (compared after folding: no tone marks, lower case, "_"→" ")
PRODUCER_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("Mã NSX", "Mã nhà sản xuất", "producer_code", "code"),
    "name": ("Tên nhà sản xuất", "Tên NSX", "name", "producer_name"),
    "kind": ("Loại hình", "kind", "type"),
    "commune": ("Xã/Phường", "Xã", "Xã phường", "commune", "ward"),
    "district": ("Quận/Huyện", "Huyện", "Quận huyện", "district"),
    "phone": ("Điện thoại", "Số điện thoại", "phone"),
}
PRODUCT_COLUMNS: dict[str, tuple[str, ...]] = {
    "sku": ("Mã hàng", "Mã sản phẩm", "sku"),
    "barcodes": ("Mã vạch", "barcodes", "barcode", "ean"),
    "name_vi": ("Tên sản phẩm", "Tên tiếng Việt", "name_vi", "name"),
    "name_en": ("Tên tiếng Anh", "name_en", "english_name"),
    "producer_code": ("Mã NSX", "Mã nhà sản xuất", "producer_code", "producer"),
    "group": ("Nhóm sản phẩm", "Nhóm", "group", "product_group", "category"),
    "stars": ("Số sao", "Hạng sao", "stars", "star_rating"),
    "certificate_no": ("Số chứng nhận", "Số giấy chứng nhận", "certificate_no", "certificate"),
    "cert_issued": ("Ngày cấp", "certificate_issued", "issued"),
    "cert_expires": ("Ngày hết hạn", "certificate_expires", "expires", "expiry"),
    "cert_status": ("Trạng thái chứng nhận", "Trạng thái", "certificate_status", "status"),
    "unit": ("Đơn vị tính", "Đơn vị", "unit"),
    "price": ("Giá bán", "Giá", "price"),
    "vat_rate": ("Thuế GTGT (%)", "Thuế GTGT", "VAT (%)", "vat_rate", "vat"),
    "story": ("Câu chuyện sản phẩm", "Câu chuyện", "story"),
    "trace_url": ("Truy xuất nguồn gốc", "Truy xuất", "trace_url", "traceability"),
}
REQUIRED: dict[TableKind, tuple[str, ...]] = {
    TableKind.PRODUCERS: ("code", "name", "kind"),
    TableKind.PRODUCTS: (
        "sku", "barcodes", "name_vi", "producer_code", "group", "stars", "price", "vat_rate",
    ),
}
# Columns that tell the two tables apart when both have "Mã NSX".
_PRODUCT_MARKERS = {"sku", "barcodes", "price"}


def header_key(text: str) -> str:
    return " ".join(fold(str(text)).replace("_", " ").split())


def _alias_map(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(alias): name for name, aliases in columns.items() for alias in aliases}


_PRODUCER_ALIASES = _alias_map(PRODUCER_COLUMNS)
_PRODUCT_ALIASES = _alias_map(PRODUCT_COLUMNS)


class FileProblemCode(Enum):
    UNREADABLE = "unreadable"
    NOT_UTF8 = "not_utf8"
    UNSUPPORTED_FORMAT = "unsupported_format"
    UNKNOWN_TABLE = "unknown_table"
    MISSING_COLUMN = "missing_column"
    EMPTY = "empty"


@dataclass(frozen=True)
class FileProblem:
    source: str
    code: FileProblemCode
    detail: str = ""


@dataclass
class Table:
    """One producers or products table: its source name, column headers and data rows."""

    source: str  # "products.csv" or "catalog.xlsx › Sản phẩm"
    kind: TableKind
    headers: dict[str, str]  # field → header as written in the file (for messages)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _cell_text(value: Any) -> str:
    """Spreadsheet cells come typed; turn them into the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _build_table(
    source: str, header_row: list[Any], data: Iterable[tuple[int, list[Any]]]
) -> Table | FileProblem:
    headers = [_cell_text(h) for h in header_row]
    keys = [header_key(h) for h in headers]
    product_fields = {_PRODUCT_ALIASES[k] for k in keys if k in _PRODUCT_ALIASES}
    if product_fields & _PRODUCT_MARKERS:
        kind, aliases = TableKind.PRODUCTS, _PRODUCT_ALIASES
    elif any(k in _PRODUCER_ALIASES for k in keys):
        kind, aliases = TableKind.PRODUCERS, _PRODUCER_ALIASES
    else:
        found = ", ".join(h for h in headers if h)
        return FileProblem(source, FileProblemCode.UNKNOWN_TABLE, found)
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    for index, key in enumerate(keys):
        name = aliases.get(key)
        if name and name not in positions:
            positions[name] = index
            written[name] = headers[index]
    missing = [name for name in REQUIRED[kind] if name not in positions]
    if missing:
        columns = PRODUCT_COLUMNS if kind is TableKind.PRODUCTS else PRODUCER_COLUMNS
        return FileProblem(
            source, FileProblemCode.MISSING_COLUMN, ", ".join(columns[m][0] for m in missing)
        )
    table = Table(source=source, kind=kind, headers=written)
    for row_number, cells in data:
        values = {
            name: _cell_text(cells[i]) if i < len(cells) else "" for name, i in positions.items()
        }
        if any(values.values()):
            table.rows.append((row_number, values))
    return table


MAX_TABLE_BYTES = 64 * 1024 * 1024
"""A catalog file past this is refused unread (the whole city's catalog is a few megabytes)."""
MAX_TABLE_ROWS = 200_000
MAX_TABLE_COLUMNS = 200
"""A sheet is read no further than this: a crafted XLSX that claims a million rows of sixteen
thousand columns costs nothing."""


def _too_big(path: Path) -> FileProblem | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return FileProblem(path.name, FileProblemCode.UNREADABLE, str(exc))
    if size > MAX_TABLE_BYTES:
        return FileProblem(path.name, FileProblemCode.UNREADABLE,
                           f"{size} bytes > {MAX_TABLE_BYTES}")
    return None


def _read_csv(path: Path) -> list[Table | FileProblem]:
    if (refused := _too_big(path)) is not None:
        return [refused]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [FileProblem(path.name, FileProblemCode.UNREADABLE, str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [FileProblem(path.name, FileProblemCode.NOT_UTF8)]
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:  # a field over the csv module's limit, a stray quote…
        return [FileProblem(path.name, FileProblemCode.UNREADABLE,
                            f"{exc} (line {reader.line_num})")]
    if not rows:
        return [FileProblem(path.name, FileProblemCode.EMPTY)]
    return [_build_table(path.name, rows[0], ((n, r) for n, r in enumerate(rows[1:], start=2)))]


def _read_xlsx(path: Path) -> list[Table | FileProblem]:
    from openpyxl import load_workbook  # imported here: a CSV-only import need not load it

    if (refused := _too_big(path)) is not None:
        return [refused]
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        return [FileProblem(path.name, FileProblemCode.UNREADABLE, type(exc).__name__)]
    results: list[Table | FileProblem] = []
    try:
        for sheet in workbook.worksheets:
            rows: list[list[object]] = []
            for row in sheet.iter_rows(values_only=True, max_col=MAX_TABLE_COLUMNS):
                if len(rows) >= MAX_TABLE_ROWS:
                    return [FileProblem(f"{path.name} › {sheet.title}",
                                        FileProblemCode.UNREADABLE,
                                        f"more than {MAX_TABLE_ROWS} rows")]
                rows.append(list(row))
            while rows and not any(_cell_text(c) for c in rows[-1]):
                rows.pop()
            if not rows:
                continue
            source = f"{path.name} › {sheet.title}"
            results.append(
                _build_table(source, rows[0], ((n, r) for n, r in enumerate(rows[1:], start=2)))
            )
    finally:
        workbook.close()
    return results or [FileProblem(path.name, FileProblemCode.EMPTY)]


def read_tables(paths: Iterable[Path]) -> tuple[list[Table], list[FileProblem]]:
    tables: list[Table] = []
    problems: list[FileProblem] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix in (".csv", ".txt"):
            found = _read_csv(path)
        elif suffix in (".xlsx", ".xlsm"):
            found = _read_xlsx(path)
        else:
            found = [FileProblem(path.name, FileProblemCode.UNSUPPORTED_FORMAT, suffix)]
        for item in found:
            (tables if isinstance(item, Table) else problems).append(item)  # type: ignore[arg-type]
    return tables, problems
