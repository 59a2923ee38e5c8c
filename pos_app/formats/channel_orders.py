"""Marketplace order exports (Shopee, TikTok Shop…) read into order drafts, mapped by header
names. The mapping of each channel is a data file, ``resources/channels/<channel>.json``:
``columns`` maps a field (``order_ref``, ``sku``, ``qty``, ``unit_price``, ``buyer_name``,
``buyer_phone``, ``address``) to the header spellings accepted; ``required`` lists the fields a
file must have. Rows of one order (one line per SKU) share its ``order_ref``.

Problems are ``(row, column, code)``, row as a spreadsheet numbers it (header = 1); the caller
refuses the whole file on any. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.domain.money import parse_vnd
from pos_app.domain.text import fold

FIELDS = ("order_ref", "sku", "qty", "unit_price", "buyer_name", "buyer_phone", "address")
MAX_QTY = 9_999


@dataclass(frozen=True)
class ChannelFormat:
    channel: str
    name: str
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]


@dataclass(frozen=True)
class DraftLine:
    row: int
    sku: str
    qty: int
    unit_price: int


@dataclass
class OrderDraft:
    channel: str
    ref: str
    buyer_name: str = ""
    buyer_phone: str = ""
    address: str = ""
    lines: list[DraftLine] = field(default_factory=list)


@dataclass
class ReadResult:
    channel: str = ""
    orders: list[OrderDraft] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)


def load_formats(folder: Path) -> dict[str, ChannelFormat]:
    formats = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        formats[data["channel"]] = ChannelFormat(
            channel=data["channel"], name=data.get("name", data["channel"]),
            columns={k: tuple(v) for k, v in data["columns"].items() if k in FIELDS},
            required=tuple(data["required"]),
        )
    return formats


def _key(text: str) -> str:
    return fold(text).replace("_", " ")


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV (UTF-8, with or without BOM) or XLSX file (first sheet)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [["" if c is None else str(c).strip() for c in r]
                for r in sheet.iter_rows(values_only=True)]
        book.close()
    else:
        text = path.read_bytes().decode("utf-8-sig")
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    if not rows:
        return [], []
    return rows[0], rows[1:]


def _mapping(header: Sequence[str], fmt: ChannelFormat) -> dict[str, int]:
    index = {_key(h): i for i, h in enumerate(header) if h}
    found: dict[str, int] = {}
    for name, spellings in fmt.columns.items():
        for spelling in spellings:
            if _key(spelling) in index:
                found[name] = index[_key(spelling)]
                break
    return found


def detect(header: Sequence[str], formats: dict[str, ChannelFormat]) -> str:
    """The channel whose required columns the header has ("" if none)."""
    for channel, fmt in formats.items():
        if all(f in _mapping(header, fmt) for f in fmt.required):
            return channel
    return ""


def read_orders(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: ChannelFormat
                ) -> ReadResult:
    result = ReadResult(channel=fmt.channel)
    columns = _mapping(header, fmt)
    for name in fmt.required:
        if name not in columns:
            result.problems.append((1, fmt.columns[name][0], "missing_column"))
    if result.problems:
        return result
    orders: dict[str, OrderDraft] = {}

    def cell(row: Sequence[str], name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def header_of(name: str) -> str:
        return header[columns[name]]

    for number, row in enumerate(rows, start=2):
        if not any(c.strip() for c in row):
            continue
        ref, sku = cell(row, "order_ref"), cell(row, "sku")
        if not ref:
            result.problems.append((number, header_of("order_ref"), "missing"))
            continue
        if not sku:
            result.problems.append((number, header_of("sku"), "missing"))
            continue
        try:
            qty = int(parse_vnd(cell(row, "qty")))
        except ValueError:
            qty = 0
        if not 0 < qty <= MAX_QTY:
            result.problems.append((number, header_of("qty"), "bad_qty"))
            continue
        try:
            price = int(parse_vnd(cell(row, "unit_price")))
        except ValueError:
            price = -1
        if price <= 0:
            result.problems.append((number, header_of("unit_price"), "bad_price"))
            continue
        order = orders.get(ref)
        if order is None:
            order = orders[ref] = OrderDraft(
                channel=fmt.channel, ref=ref[:64], buyer_name=cell(row, "buyer_name")[:200],
                buyer_phone=cell(row, "buyer_phone")[:16], address=cell(row, "address")[:400])
        order.lines.append(DraftLine(row=number, sku=sku, qty=qty, unit_price=price))
    result.orders = list(orders.values())
    if not result.orders and not result.problems:
        result.problems.append((1, "", "empty"))
    return result

