"""``ocop-pos-admin import-catalog`` and ``init --demo``: exit codes and what the user reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.cli import main
from pos_app.config import DB_FILE
from tests.services.catalog_samples import product_rows, snapshot, write_samples


@pytest.fixture(autouse=True)
def english(qapp):
    """An application exists (the CLI then leaves its language alone): English, the source."""
    from pos_app.ui.i18n import install_translator

    install_translator(qapp, "en")


def run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().out.splitlines()


def test_bad_rows_exit_1_with_one_line_each_and_nothing_imported(tmp_path, capsys):
    data = str(tmp_path / "data")
    good = write_samples(tmp_path / "good")
    assert run(capsys, "import-catalog", "--data-dir", data, *map(str, good))[0] == 0
    before = snapshot(tmp_path / "data" / DB_FILE)
    rows = product_rows()
    rows[1][6] = "7"  # Số sao
    rows[2][12] = "-45.000"  # Giá bán
    rows[0][0] = "BT-009"
    rows[0][1] = rows[0][1][:-1] + str((int(rows[0][1][-1]) + 1) % 10)
    bad = write_samples(tmp_path / "bad", rows)
    code, out = run(capsys, "import-catalog", "--data-dir", data, *map(str, bad))
    assert code == 1
    expected_digit = product_rows()[0][1][-1]
    assert out == [
        f'products.csv row 2, column "Mã vạch": barcode {rows[0][1]} has a wrong check digit '
        f"(expected {expected_digit})",
        'products.csv row 3, column "Số sao": star rating "7" is not 3, 4 or 5',
        'products.csv row 4, column "Giá bán": price "-45.000" is not a whole, non-negative '
        "number of đồng",
        "3 problems: nothing was imported.",
    ]
    assert snapshot(tmp_path / "data" / DB_FILE) == before


def test_dry_run_lists_what_would_change_and_writes_nothing(tmp_path, capsys):
    data = str(tmp_path / "data")
    files = write_samples(tmp_path / "in")
    code, out = run(capsys, "import-catalog", "--dry-run", "--data-dir", data, *map(str, files))
    assert code == 0
    assert out[:2] == ["Producers: 2 new, 0 changed, 0 unchanged",
                       "Products: 4 new, 0 changed, 0 unchanged"]
    assert "  new producer NSX001" in out and "  new product BT-001" in out
    assert out[-1] == "Dry run: nothing was written."
    assert snapshot(tmp_path / "data" / DB_FILE)[1] == ()  # no products


def test_import_then_reimport(tmp_path, capsys):
    data = str(tmp_path / "data")
    files = list(map(str, write_samples(tmp_path / "in")))
    code, out = run(capsys, "import-catalog", "--data-dir", data, *files)
    assert (code, out[-1]) == (0, "Imported.")
    assert "Products: 4 new, 0 changed, 0 unchanged" in out
    rows = product_rows()
    rows[0][12] = "1.500.000"
    changed = list(map(str, write_samples(tmp_path / "changed", rows)))
    code, out = run(capsys, "import-catalog", "--dry-run", "--data-dir", data, *changed)
    assert "Products: 0 new, 1 changed, 3 unchanged" in out
    assert "  changed product BT-001: price" in out


def test_missing_file_and_unknown_table(tmp_path, capsys):
    other = tmp_path / "notes.csv"
    other.write_text("Ghi chú,Ngày\nabc,1\n", encoding="utf-8")
    code, out = run(capsys, "import-catalog", "--data-dir", str(tmp_path / "data"),
                    str(tmp_path / "nowhere.csv"), str(other))
    assert code == 1
    assert out[0].startswith("nowhere.csv: cannot be read")
    assert out[1] == ("notes.csv: is neither a producers nor a products table "
                      "(columns: Ghi chú, Ngày)")


def test_init_demo(tmp_path, capsys):
    code, out = run(capsys, "init", "--demo", "--data-dir", str(tmp_path))
    assert code == 0
    assert out[-1].startswith("Catalog: 335 products from 65 producers; certificates: ")
    assert out[-1].endswith("2 revoked")
    code, again = run(capsys, "init", "--demo", "--data-dir", str(tmp_path))
    assert code == 0 and again[-1].startswith("Catalog: 335 products")  # loaded once


def test_as_a_separate_process_in_the_default_language(tmp_path):
    rows = product_rows()
    rows[1][6] = "7"
    files = list(map(str, write_samples(tmp_path / "in", rows)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCOP_POS_")}
    env["OCOP_POS_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from pos_app.cli import main; sys.exit(main())",
         "import-catalog", *files],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert "products.csv" in lines[0] and "3" in lines[0] and '"Số sao"' in lines[0]
    assert "7" in lines[0]


def test_a_hostile_csv_or_xlsx_is_a_file_problem_not_a_traceback(tmp_path, capsys,
                                                                  monkeypatch):
    from openpyxl import Workbook

    import pos_app.formats.catalog_tables as tables

    data = str(tmp_path / "data")
    huge_field = tmp_path / "products.csv"
    huge_field.write_text("sku,name_vi\nA," + "x" * 200_000 + "\n", encoding="utf-8")
    code, out = run(capsys, "import-catalog", "--data-dir", data, str(huge_field))
    assert code == 1 and any(line.startswith("products.csv:") for line in out), out
    # a sheet that goes on past the row cap (a crafted file may claim a million rows)
    monkeypatch.setattr(tables, "MAX_TABLE_ROWS", 10)
    book = Workbook()
    sheet = book.active
    sheet.append(["sku", "name_vi"])
    for n in range(20):
        sheet.append([f"S{n}", "x"])
    long_sheet = tmp_path / "long.xlsx"
    book.save(long_sheet)
    code, out = run(capsys, "import-catalog", "--data-dir", data, str(long_sheet))
    assert code == 1 and any("long.xlsx" in line and "10" in line for line in out), out
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 100)  # and a file past the size cap
    code, out = run(capsys, "import-catalog", "--data-dir", data, str(huge_field))
    assert code == 1 and any("products.csv" in line and "bytes" in line for line in out), out


@pytest.mark.parametrize("content", [b"not a spreadsheet at all", b"PK\x03\x04" + b"\x00" * 64],
                         ids=["garbage", "truncated-zip"])
def test_a_malformed_xlsx_is_a_clear_error_not_a_traceback(tmp_path, capsys, content):
    """Issue 13: ``import-catalog`` on a damaged or foreign .xlsx says so in one line and changes
    nothing (openpyxl raises many kinds of errors; none reaches the user)."""
    data = str(tmp_path / "data")
    good = write_samples(tmp_path / "good")
    assert run(capsys, "import-catalog", "--data-dir", data, *map(str, good))[0] == 0
    before = snapshot(tmp_path / "data" / DB_FILE)
    broken = tmp_path / "catalog.xlsx"
    broken.write_bytes(content)
    code, out = run(capsys, "import-catalog", "--data-dir", data, str(broken))
    captured = capsys.readouterr()
    assert code != 0
    text = "\n".join(out) + captured.err
    assert "catalog.xlsx" in text and "Traceback" not in text
    assert snapshot(tmp_path / "data" / DB_FILE) == before
