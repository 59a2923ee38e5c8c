"""The streaming XLSX writer, read back with openpyxl (no LibreOffice needed)."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from enum import Enum
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from pos_app.services.reports import xlsx_writer
from pos_app.services.reports.export import VND_FORMAT, to_xlsx
from pos_app.services.reports.service import Column, Report
from pos_app.services.reports.xlsx_writer import XlsxWriter, column_letter, sheet_title

DAY = dt.date(2026, 11, 23)
NAME = 'Trà shan tuyết "Cổ thụ" <Suối Giàng> & mật ong'


def sample_report(rows: list[tuple] | None = None, totals: bool = True) -> Report:
    columns = (Column("date", "date"), Column("sku"), Column("product"), Column("group", "group"),
               Column("hour", "hour"), Column("qty", "int"), Column("amount", "money"))
    rows = [(DAY, "TEA01", NAME, "tea", 9, 3, 360_000),
            (DAY + dt.timedelta(days=1), "MIEN01", "Miến dong\x07 Cự Đà\x1f", "food", 14, 1,
             70_000)] if rows is None else rows
    total = (None, None, None, None, None, sum(r[5] for r in rows), sum(r[6] for r in rows))
    return Report("daily-by-product", DAY, DAY, columns, rows, total if totals else None)


def test_a_report_reads_back_with_values_types_and_formats(tmp_path):
    path = to_xlsx(sample_report(), tmp_path / "out" / "r.xlsx",
                   titles={"date": "Ngày", "product": "Sản phẩm", "amount": "Tiền"},
                   labels={"tea": "Trà & đồ uống", "food": "Thực phẩm"},
                   heading="Doanh số theo ngày <2026>", total_label="Tổng")
    sheet = load_workbook(path).active
    assert sheet.title == "daily-by-product"
    assert sheet["A1"].value == "Doanh số theo ngày <2026>"
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 13
    assert [c.value for c in sheet[2]] == ["Ngày", "sku", "Sản phẩm", "group", "hour", "qty",
                                           "Tiền"]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("E3F1EC") for c in sheet[2])
    assert sheet["A2"].alignment.vertical == "center"
    assert [c.value for c in sheet[3]] == [dt.datetime(2026, 11, 23), "TEA01", NAME,
                                           "Trà & đồ uống", "09:00", 3, 360_000]
    assert [c.value for c in sheet[4]][1:5] == ["MIEN01", "Miến dong Cự Đà", "Thực phẩm",
                                                "14:00"]
    date, qty, amount = sheet["A3"], sheet["F3"], sheet["G3"]
    assert date.is_date and date.number_format == "DD/MM/YYYY"
    assert type(qty.value) is int and qty.number_format == "#,##0"
    assert type(amount.value) is int and amount.number_format == VND_FORMAT
    assert sheet["C3"].data_type == "s" and not sheet["C3"].font.b
    totals = [c.value for c in sheet[5]]
    assert totals == ["Tổng", None, None, None, None, 4, 430_000]
    assert sheet["A5"].font.b and sheet["G5"].font.b and sheet["G5"].number_format == VND_FORMAT
    assert sheet.max_row == 5 and sheet.max_column == 7
    assert sheet.freeze_panes == "A3"
    widths = {k: d.width for k, d in sheet.column_dimensions.items()}
    assert widths["A"] == 12 and widths["G"] == 16 and widths["C"] == len(NAME) + 2


def test_an_empty_report_is_a_header_frozen_under_it(tmp_path):
    path = to_xlsx(sample_report(rows=[], totals=False), tmp_path / "empty.xlsx")
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["date", "sku", "product", "group", "hour", "qty",
                                           "amount"]
    assert sheet.max_row == 1
    assert sheet.freeze_panes == "A2"


def test_the_parts_are_well_formed_xml_in_a_deflated_zip(tmp_path):
    path = to_xlsx(sample_report(), tmp_path / "r.xlsx", heading="x")
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} <= set(names)
        for name in names:
            ElementTree.fromstring(archive.read(name))
        assert archive.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_DEFLATED
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:G5"/>' in sheet and '<c r="G4"' in sheet


class Cert(str, Enum):  # noqa: UP042 -- str() of this kind is "Cert.VALID", not the text
    VALID = "valid"


def test_values_of_every_type(tmp_path):
    when = dt.datetime(2026, 11, 23, 18, 30)
    values = [1.5, Decimal("2.25"), True, None, when, DAY, "  padded  ", "a\nb", float("nan"),
              dt.time(8, 0), Cert.VALID]
    expected = (1.5, 2.25, True, None, when, dt.datetime(2026, 11, 23), "  padded  ", "a\nb",
                "nan", "08:00:00", "valid")
    with XlsxWriter(tmp_path / "t.xlsx") as book:
        sheet = book.sheet("t")
        sheet.append(values)
        sheet.extend([values, values], [0] * len(values))
    got = list(load_workbook(tmp_path / "t.xlsx").active.iter_rows(values_only=True))
    assert got == [expected] * 3


def test_rows_across_chunks_share_strings_and_count_on(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_writer, "CHUNK_ROWS", 3)
    rows = [(DAY + dt.timedelta(days=i % 2), f"P{i % 4}", i, None) for i in range(10)]
    with XlsxWriter(tmp_path / "c.xlsx") as book:
        date = book.style(number_format="DD/MM/YYYY")
        sheet = book.sheet("c", freeze_rows=1)
        sheet.append(["day", "product", "n", "blank"])
        sheet.extend(rows, [date, 0, 0, 0])
        sheet.extend([], [date, 0, 0, 0])
        sheet.append(["end", ""])
    got = list(load_workbook(tmp_path / "c.xlsx").active.iter_rows(values_only=True))
    assert got[1:11] == [(dt.datetime.combine(d, dt.time()), p, n, None) for d, p, n, _ in rows]
    assert got[11] == ("end", None, None, None)  # "" is an empty cell, not a string
    with zipfile.ZipFile(tmp_path / "c.xlsx") as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert strings.count("<si>") == 4 + 4 + 1  # the header, P0..P3, "end"


def test_a_row_of_the_wrong_width_fails_and_leaves_no_file(tmp_path):
    target = tmp_path / "bad.xlsx"
    with pytest.raises(ValueError), XlsxWriter(target) as book:
        book.sheet("x").extend([(1, 2), (3,)], [0, 0])
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_and_column_letters():
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("Q1/2026: [sales]?") == "Q1_2026_ _sales__"
    assert sheet_title("''") == "Sheet1"
    assert [column_letter(i) for i in (1, 26, 27, 702, 703)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_two_sheets_with_the_same_name(tmp_path):
    with XlsxWriter(tmp_path / "two.xlsx") as book:
        book.sheet("Bán hàng").append(["một"])
        book.sheet("bán hàng").append(["hai"])
    workbook = load_workbook(tmp_path / "two.xlsx")
    assert workbook.sheetnames == ["Bán hàng", "bán hàng (2)"]
    assert workbook["bán hàng (2)"]["A1"].value == "hai"


def test_a_target_that_cannot_be_replaced_leaves_no_part_file(tmp_path, monkeypatch):
    def locked(source: object, target: object) -> None:
        raise PermissionError("open in Excel")

    monkeypatch.setattr(xlsx_writer.os, "replace", locked)
    with pytest.raises(PermissionError), XlsxWriter(tmp_path / "locked.xlsx") as book:
        book.sheet("x").append([1])
    assert list(tmp_path.iterdir()) == []
