"""``ocop-pos-admin report NAME --from D --to D [--format] [--out]`` on the hand fixture."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from pos_app.cli import main
from pos_app.services.reports.service import REPORTS
from tests.services.stock_fixtures import hand_fixture


@pytest.fixture
def data(tmp_path):
    services, _, _ = hand_fixture(tmp_path)
    services.db.close()
    return str(tmp_path / "data")


def test_help_lists_every_report(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in REPORTS)


def test_table_on_screen(data, capsys):
    assert main(["report", "by-product", "--from", "2026-11-23", "--to", "2026-11-23",
                 "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "TEA01" in out and "360.000" in out and "430.000" in out


def test_xlsx_file_with_the_right_numbers(data, tmp_path, capsys):
    out = tmp_path / "settlement.xlsx"
    assert main(["report", "producer-settlement", "--from", "2026-11-23", "--to",
                 "2026-11-23", "--out", str(out), "--data-dir", data]) == 0
    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert values[0][2:] == ["TEA01", "Trà shan tuyết", 3, 85_000, 255_000]


def test_csv_format(data, tmp_path):
    out = tmp_path / "days.csv"
    assert main(["report", "sales-by-day", "--from", "2026-11-23", "--to", "2026-11-23",
                 "--format", "csv", "--out", str(out), "--data-dir", data]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].split(",") == ["2026-11-23", "2", "1", "550000", "120000", "0", "430000"]


def test_range_ending_before_it_starts_is_refused(data, capsys, tmp_path):
    out = tmp_path / "never.xlsx"
    assert main(["report", "by-product", "--from", "2026-11-23", "--to", "2026-11-01",
                 "--out", str(out), "--data-dir", data]) == 2
    assert capsys.readouterr().err.strip()
    assert not out.exists()


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\";\"bấm\")", "+1+2", "-3+4", "@SUM(A1)",
                                  "\tTab", "\rCR"])
def test_csv_text_cells_never_start_a_formula(tmp_path, name):
    import csv
    import sqlite3

    services, _, _ = hand_fixture(tmp_path)
    database = services.settings.paths.database
    services.db.close()
    connection = sqlite3.connect(database)
    with connection:  # a product name as a planted catalog file could bring it
        connection.execute("UPDATE products SET name_vi = ?", (name,))
        connection.execute("UPDATE sale_lines SET name_vi = ?", (name,))
    connection.close()
    out = tmp_path / "products.csv"
    assert main(["report", "by-product", "--from", "2026-11-23", "--to", "2026-11-23",
                 "--format", "csv", "--out", str(out), "--data-dir", str(tmp_path / "data")]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    cells = [c for row in rows[1:] for c in row]
    assert "'" + name in cells or "'" + name.strip() in cells, rows
    assert not any(c and c[0] in "=+@\t\r" for c in cells)
    assert not any(c.startswith("-") and not c.lstrip("-").isdigit() for c in cells)
