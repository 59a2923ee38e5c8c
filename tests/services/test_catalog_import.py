"""The catalog importer: whole-file checks with file/row/column problems, all-or-nothing writes,
upserts, CSV dialects and XLSX, Vietnamese labels and English codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.db.database import Database
from pos_app.db.models import Barcode, Producer, Product
from pos_app.domain.barcodes import make_ean13
from pos_app.domain.text import fold
from pos_app.services.catalog.demo import demo_files
from pos_app.services.catalog.importer import (
    ChangeKind,
    ImportRejected,
    RowProblem,
    RowProblemCode,
    apply_import,
    plan_import,
)
from tests.services.catalog_samples import (
    CANDY_CODE,
    PRODUCER_HEADERS,
    PRODUCERS,
    PRODUCT_HEADERS,
    VASE_CODE,
    product_rows,
    snapshot,
    write_csv,
    write_samples,
)

COL = {name: i for i, name in enumerate(PRODUCT_HEADERS)}


@pytest.fixture
def db(tmp_path: Path):
    database = Database(tmp_path / "pos.sqlite3", tmp_path / "backups")
    yield database
    database.close()


def import_ok(db: Database, paths: list[Path]):
    plan = plan_import(db, paths)
    assert plan.ok, (plan.file_problems, plan.problems)
    return plan, apply_import(db, plan)


def count(db: Database, model: type) -> int:
    with db.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --- good files ------------------------------------------------------------------------------


def test_demo_files_import_then_reimport_changes_nothing(db):
    plan, result = import_ok(db, demo_files())
    assert result.producers == {"add": 65, "change": 0, "same": 0}
    assert result.products == {"add": 335, "change": 0, "same": 0}
    assert count(db, Product) == 335
    before = snapshot(db.path)
    again, result = import_ok(db, demo_files())
    assert result.products == {"add": 0, "change": 0, "same": 335}
    assert result.producers == {"add": 0, "change": 0, "same": 65}
    assert snapshot(db.path) == before  # not even the catalog version moved


def test_values_as_written_in_vietnamese(db, tmp_path):
    import_ok(db, write_samples(tmp_path / "in"))
    with db.reader() as session:
        vase = session.scalars(select(Product).where(Product.sku == "BT-001")).one()
        assert (vase.price, vase.product_group, vase.stars, vase.vat_rate) == (
            1_450_000, "handicrafts", 4, 8)
        assert vase.cert_status == "active"
        assert vase.cert_expires == dt.date(2027, 12, 20)
        tea_set = session.scalars(select(Product).where(Product.sku == "BT-002")).one()
        assert tea_set.cert_issued == dt.date(2026, 5, 29)  # 29/05/2026
        candy = session.scalars(select(Product).where(Product.sku == "DL-001")).one()
        assert sorted(b.code for b in candy.barcodes) == sorted([CANDY_CODE,
                                                                 make_ean13("893909100097")])
        assert candy.producer.kind == "household"
        assert candy.search_text == fold(
            "Bánh đậu xanh Đường Lâm Mung bean cake DL-001 Hộ kinh doanh Kẹo lạc Đường Lâm "
            "Đường Lâm Sơn Tây")
        rice = session.scalars(select(Product).where(Product.sku == "12345")).one()
        assert len(rice.barcodes) == 2  # separated by a space; "00777" is an internal code
        assert rice.cert_status == "active" and rice.cert_expires is None


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(",", True), (",", False), (";", False), (";", True), ("\t", False)]
)
def test_csv_dialects(db, tmp_path, delimiter, bom):
    _, result = import_ok(db, write_samples(tmp_path / "in", delimiter=delimiter, bom=bom))
    assert result.products["add"] == 4


def test_english_headers_and_codes_in_xlsx(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "producers"
    sheet.append(["producer_code", "name", "kind", "commune", "district"])
    sheet.append(["P1", "Van Phuc Silk Cooperative", "cooperative", "Vạn Phúc", "Hà Đông"])
    products = book.create_sheet("products")
    products.append(["sku", "barcodes", "name_vi", "name_en", "producer_code", "group", "stars",
                     "price", "vat_rate", "certificate_status", "expires", "issued"])
    code = make_ean13("893111111111")
    products.append(["VP-1", int(code), "Khăn lụa Vạn Phúc", "Silk scarf", "P1", "textiles", 5,
                     450000, 10, "active", dt.date(2027, 3, 1), dt.datetime(2024, 3, 1)])
    products.append(["VP-2", make_ean13("893111111112"), "Khăn đũi", "", "P1", "Vải và may mặc",
                     4.0, 120000.0, 0.08, "Hết hạn", "01/01/2026", "2023-01-01"])
    path = tmp_path / "catalog.xlsx"
    book.save(path)
    _, result = import_ok(db, [path])
    assert result.products["add"] == 2 and result.producers["add"] == 1
    with db.reader() as session:
        scarf = session.scalars(select(Product).where(Product.sku == "VP-1")).one()
        assert (scarf.stars, scarf.price, scarf.vat_rate, scarf.product_group) == (
            5, 450_000, 10, "textiles")
        assert scarf.cert_expires == dt.date(2027, 3, 1)
        assert [b.code for b in scarf.barcodes] == [code]
        other = session.scalars(select(Product).where(Product.sku == "VP-2")).one()
        assert (other.stars, other.price, other.vat_rate, other.cert_status) == (
            4, 120_000, 8, "expired")


def test_xlsx_problem_names_the_sheet_and_header(db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sản phẩm"
    sheet.append(PRODUCT_HEADERS)
    row = product_rows()[0]
    row[COL["Số sao"]] = 7
    sheet.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    producers = write_csv(tmp_path / "producers.csv", PRODUCER_HEADERS, PRODUCERS)
    plan = plan_import(db, [producers, path])
    assert plan.problems == [RowProblem("book.xlsx › Sản phẩm", 2, "Số sao",
                                        RowProblemCode.BAD_STARS, "7")]


def test_dry_run_plan_writes_nothing_and_says_what_would_change(db, tmp_path):
    files = write_samples(tmp_path / "in")
    import_ok(db, files)
    rows = product_rows()
    rows[0][COL["Giá bán"]] = "1.500.000"
    rows[2][COL["Mã vạch"]] = CANDY_CODE  # one barcode dropped
    rows.append(["BT-003", make_ean13("893909100099"), "Đĩa sứ", "", "NSX001",
                 "handicrafts", "3", "", "", "", "", "cái", "200000", "8"])
    changed = write_samples(tmp_path / "changed", rows)
    before = snapshot(db.path)
    plan = plan_import(db, changed)
    assert snapshot(db.path) == before
    assert plan.ok
    assert plan.summary()["products"] == {"add": 1, "change": 2, "same": 2}
    changes = {c.key: c for c in plan.product_changes}
    assert changes["BT-001"].kind is ChangeKind.CHANGE and changes["BT-001"].fields == ("price",)
    assert changes["DL-001"].fields == ("barcodes",)
    assert changes["BT-003"].kind is ChangeKind.ADD
    apply_import(db, plan)
    assert count(db, Product) == 5
    with db.reader() as session:
        assert session.scalar(select(Product.price).where(Product.sku == "BT-001")) == 1_500_000
        assert session.scalar(select(func.count()).select_from(Barcode)) == 6


def test_renamed_producer_refreshes_search_text_of_products_not_in_the_file(db, tmp_path):
    import_ok(db, write_samples(tmp_path / "in"))
    producers = [row[:] for row in PRODUCERS]
    producers[1][1] = "Hộ kinh doanh Chè lam Bà Hạnh"
    path = write_csv(tmp_path / "producers2.csv", PRODUCER_HEADERS, producers)
    plan, result = import_ok(db, [path])
    assert result.producers == {"add": 0, "change": 1, "same": 1}
    with db.reader() as session:
        text = session.scalar(select(Product.search_text).where(Product.sku == "DL-001"))
    assert "che lam ba hanh" in text


def test_a_barcode_may_move_between_products_in_one_import(db, tmp_path):
    import_ok(db, write_samples(tmp_path / "in"))
    rows = product_rows()
    moved = rows[1][COL["Mã vạch"]]
    rows[0][COL["Mã vạch"]] = moved
    rows[1][COL["Mã vạch"]] = VASE_CODE
    import_ok(db, write_samples(tmp_path / "swap", rows))
    with db.reader() as session:
        owner = session.scalar(select(Product.sku).join(Barcode).where(Barcode.code == moved))
    assert owner == "BT-001"


# --- bad rows: reported with file, row and column; nothing written ----------------------------


def _bad(rows: list[list[str]], row: int, column: str, value: str) -> list[list[str]]:
    rows[row][COL[column]] = value
    return rows


BODY = "893909100094"
WRONG = BODY + str((int(VASE_CODE[-1]) + 1) % 10)

BAD_ROWS = [
    # (what, rows change, file row, column, code, value, detail)
    ("check digit", lambda r: _bad(r, 0, "Mã vạch", WRONG), 2, "Mã vạch",
     RowProblemCode.BAD_CHECK_DIGIT, WRONG, VASE_CODE[-1]),
    ("barcode chars", lambda r: _bad(r, 0, "Mã vạch", "89390ß"), 2, "Mã vạch",
     RowProblemCode.BAD_BARCODE, "89390ß", "bad_characters"),
    ("stars 7", lambda r: _bad(r, 1, "Số sao", "7"), 3, "Số sao", RowProblemCode.BAD_STARS, "7",
     ""),
    ("stars text", lambda r: _bad(r, 1, "Số sao", "bốn"), 3, "Số sao", RowProblemCode.BAD_STARS,
     "bốn", ""),
    ("negative price", lambda r: _bad(r, 2, "Giá bán", "-45000"), 4, "Giá bán",
     RowProblemCode.BAD_PRICE, "-45000", ""),
    ("fractional price", lambda r: _bad(r, 2, "Giá bán", "45000.5"), 4, "Giá bán",
     RowProblemCode.BAD_PRICE, "45000.5", ""),
    ("barcode twice in file", lambda r: _bad(r, 3, "Mã vạch", VASE_CODE), 5, "Mã vạch",
     RowProblemCode.DUPLICATE_BARCODE, VASE_CODE, "BT-001"),
    ("sku twice in file", lambda r: _bad(r, 1, "Mã hàng", "BT-001"), 3, "Mã hàng",
     RowProblemCode.DUPLICATE_SKU, "BT-001", "2"),
    ("unknown producer", lambda r: _bad(r, 0, "Mã NSX", "NSX404"), 2, "Mã NSX",
     RowProblemCode.UNKNOWN_PRODUCER, "NSX404", ""),
    ("unknown group", lambda r: _bad(r, 0, "Nhóm sản phẩm", "Đồ chơi"), 2, "Nhóm sản phẩm",
     RowProblemCode.UNKNOWN_GROUP, "Đồ chơi", ""),
    ("unknown cert status", lambda r: _bad(r, 0, "Trạng thái chứng nhận", "Tạm dừng"), 2,
     "Trạng thái chứng nhận", RowProblemCode.UNKNOWN_CERT_STATUS, "Tạm dừng", ""),
    ("unknown VAT", lambda r: _bad(r, 0, "Thuế GTGT (%)", "7"), 2, "Thuế GTGT (%)",
     RowProblemCode.UNKNOWN_VAT_RATE, "7", ""),
    ("bad date", lambda r: _bad(r, 0, "Ngày hết hạn", "31/02/2027"), 2, "Ngày hết hạn",
     RowProblemCode.BAD_DATE, "31/02/2027", ""),
    ("missing name", lambda r: _bad(r, 0, "Tên sản phẩm", " "), 2, "Tên sản phẩm",
     RowProblemCode.MISSING_VALUE, "", ""),
    ("missing price", lambda r: _bad(r, 0, "Giá bán", ""), 2, "Giá bán",
     RowProblemCode.MISSING_VALUE, "", ""),
    ("expiry before issue", lambda r: _bad(r, 0, "Ngày hết hạn", "2024-01-01"), 2,
     "Ngày hết hạn", RowProblemCode.EXPIRY_BEFORE_ISSUE, "2024-01-01", "2024-12-20"),
]


@pytest.mark.parametrize(
    ("change", "row", "column", "code", "value", "detail"),
    [case[1:] for case in BAD_ROWS],
    ids=[case[0] for case in BAD_ROWS],
)
def test_each_bad_row_is_reported_and_nothing_is_written(
    db, tmp_path, change, row, column, code, value, detail
):
    import_ok(db, write_samples(tmp_path / "base"))
    rows = change(product_rows())
    rows.append(["NEW-1", make_ean13("893909100199"), "Sản phẩm mới", "", "NSX001",
                 "Thực phẩm", "3", "", "", "", "", "", "10000", "8"])
    before = snapshot(db.path)
    plan = plan_import(db, write_samples(tmp_path / "bad", rows))
    assert not plan.ok
    assert plan.problems == [RowProblem("products.csv", row, column, code, value, detail)]
    with pytest.raises(ImportRejected):
        apply_import(db, plan)
    assert snapshot(db.path) == before


def test_barcode_already_on_another_product_in_the_database(db, tmp_path):
    import_ok(db, write_samples(tmp_path / "base"))
    rows = [["NEW-1", VASE_CODE, "Bình mới", "", "NSX001", "handicrafts", "3", "", "", "", "",
             "", "10000", "8"]]
    before = snapshot(db.path)
    plan = plan_import(db, [write_csv(tmp_path / "new.csv", PRODUCT_HEADERS, rows)])
    assert plan.problems == [RowProblem("new.csv", 2, "Mã vạch", RowProblemCode.BARCODE_TAKEN,
                                        VASE_CODE, "BT-001")]
    assert snapshot(db.path) == before


def test_bad_producer_rows(db, tmp_path):
    producers = [row[:] for row in PRODUCERS]
    producers[0][2] = "Tập đoàn"
    producers.append(PRODUCERS[1][:])
    path = write_csv(tmp_path / "producers.csv", PRODUCER_HEADERS, producers)
    plan = plan_import(db, [path])
    assert plan.problems == [
        RowProblem("producers.csv", 2, "Loại hình", RowProblemCode.UNKNOWN_PRODUCER_KIND,
                   "Tập đoàn"),
        RowProblem("producers.csv", 4, "Mã NSX", RowProblemCode.DUPLICATE_PRODUCER, "NSX002",
                   "3"),
    ]
    assert count(db, Producer) == 0


def test_many_problems_in_one_file_are_all_reported_in_row_order(db, tmp_path):
    rows = product_rows()
    _bad(rows, 3, "Số sao", "7")
    _bad(rows, 0, "Giá bán", "-1")
    _bad(rows, 0, "Mã NSX", "NSX404")
    plan = plan_import(db, write_samples(tmp_path / "bad", rows))
    assert [(p.row, p.column, p.code) for p in plan.problems] == [
        (2, "Giá bán", RowProblemCode.BAD_PRICE),
        (2, "Mã NSX", RowProblemCode.UNKNOWN_PRODUCER),
        (5, "Số sao", RowProblemCode.BAD_STARS),
    ]
    assert count(db, Product) == 0


def test_file_problems_stop_the_import(db, tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("Mã hàng,Giá bán\n".encode("latin-1"))
    missing = write_csv(tmp_path / "short.csv", ["Mã hàng", "Mã vạch", "Giá bán"], [["A", "", "1"]])
    plan = plan_import(db, [latin1, missing, tmp_path / "nowhere.csv"])
    assert not plan.ok
    assert {p.source for p in plan.file_problems} == {"latin1.csv", "short.csv", "nowhere.csv"}
    with pytest.raises(ImportRejected):
        apply_import(db, plan)


def test_apply_checks_again_if_the_database_changed_since_the_plan(db, tmp_path):
    import_ok(db, write_samples(tmp_path / "base"))
    code = make_ean13("893909100299")
    row = ["NEW-1", code, "Bình mới", "", "NSX001", "handicrafts", "3", "", "", "", "", "",
           "10000", "8"]
    first = plan_import(db, [write_csv(tmp_path / "a.csv", PRODUCT_HEADERS, [row])])
    other = row[:]
    other[0] = "NEW-2"
    import_ok(db, [write_csv(tmp_path / "b.csv", PRODUCT_HEADERS, [other])])
    before = snapshot(db.path)
    with pytest.raises(ImportRejected) as rejected:
        apply_import(db, first)
    assert [p.code for p in rejected.value.plan.problems] == [RowProblemCode.BARCODE_TAKEN]
    assert snapshot(db.path) == before
