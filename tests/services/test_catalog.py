"""The catalog at the counter: scanner lookup, search as cashiers type, product details, counts,
the demo showroom and the benchmark helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_app.app import open_context
from pos_app.config import SCALE_BARCODE_PATTERN, Settings
from pos_app.db.database import Database
from pos_app.db.models import Barcode, Producer, Product, StockMovement
from pos_app.domain.barcodes import BarcodeError, BarcodeProblem, is_valid_gtin, make_ean13
from pos_app.domain.ocop import CertStatus, Saleability
from pos_app.domain.scale import ScalePattern, weighed_amount
from pos_app.services.catalog.demo import (
    bench_catalog,
    fixed_clock_at,
    load_demo_catalog,
    seed_bulk_catalog,
)
from pos_app.services.catalog.importer import apply_import, plan_import
from pos_app.services.catalog.lookup import CatalogService, ProductNotFound
from tests.services.catalog_samples import (
    CANDY_CODE,
    PRODUCT_HEADERS,
    RICE_CODE,
    VASE_CODE,
    product_rows,
    write_csv,
    write_samples,
)

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def db(tmp_path: Path):
    database = Database(tmp_path / "pos.sqlite3", tmp_path / "backups")
    yield database
    database.close()


def make_service(db: Database, tmp_path: Path, day: dt.date = TODAY, **env: str):
    settings = Settings.load(tmp_path, env={f"OCOP_POS_{k.upper()}": v for k, v in env.items()})
    return CatalogService(db, settings, fixed_clock_at(day))


@pytest.fixture
def catalog(db, tmp_path):
    plan = plan_import(db, write_samples(tmp_path / "in"))
    apply_import(db, plan)
    return make_service(db, tmp_path)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo showroom, loaded once through open_context(demo=True) (read-only tests)."""
    folder = tmp_path_factory.mktemp("demo")
    with open_context(str(folder), demo=True, clock=fixed_clock_at(TODAY)) as ctx:
        yield ctx


# --- lookup_code ---------------------------------------------------------------------------------


def test_lookup_a_valid_ean(catalog):
    result = catalog.lookup_code(f"  {VASE_CODE}\r\n")
    assert result.found and not result.is_scale_label
    product = result.product
    assert (product.sku, product.price, product.stars, product.vat_rate) == (
        "BT-001", 1_450_000, 4, 8)
    assert product.producer_name == "Hợp tác xã Gốm sứ Bát Tràng"
    assert (product.commune, product.district, product.group) == (
        "Bát Tràng", "Gia Lâm", "handicrafts")
    assert product.barcodes == (VASE_CODE,)
    assert product.cert_status is CertStatus.ACTIVE and product.saleability is Saleability.OK
    assert product.stock == 0


def test_lookup_a_second_barcode_of_a_product(catalog):
    assert catalog.lookup_code(CANDY_CODE).product.sku == "DL-001"
    assert catalog.lookup_code(make_ean13("893909100097")).product.sku == "DL-001"


def test_lookup_wrong_check_digit_says_which_digit(catalog):
    wrong = VASE_CODE[:-1] + str((int(VASE_CODE[-1]) + 3) % 10)
    with pytest.raises(BarcodeError) as error:
        catalog.lookup_code(wrong)
    assert error.value.problem is BarcodeProblem.BAD_CHECK_DIGIT
    assert error.value.expected_check_digit == int(VASE_CODE[-1])


def test_lookup_refuses_a_200_character_code_and_garbage(catalog):
    with pytest.raises(BarcodeError) as error:
        catalog.lookup_code("8" * 200)
    assert error.value.problem is BarcodeProblem.TOO_LONG
    with pytest.raises(BarcodeError) as error:
        catalog.lookup_code("89\x0093")
    assert error.value.problem is BarcodeProblem.BAD_CHARACTERS
    with pytest.raises(BarcodeError):
        catalog.lookup_code("   ")


def test_unknown_code_gives_no_product(catalog):
    result = catalog.lookup_code(make_ean13("893000000000"))
    assert result.product is None and not result.found


def test_scale_label_by_internal_barcode(catalog):
    label = ScalePattern.parse("26IIIIIWWWWWC").encode("00777", grams=1250)
    result = catalog.lookup_code(label)
    assert result.is_scale_label and result.scale_item == "00777"
    assert result.product.sku == "12345" and result.product.sold_by_weight
    assert result.grams == 1250
    assert result.price == weighed_amount(80_000, 1250) == 100_000


def test_scale_label_by_sku(catalog):
    label = ScalePattern.parse("26IIIIIWWWWWC").encode("12345", grams=333)
    result = catalog.lookup_code(label)
    assert result.product.sku == "12345" and result.price == weighed_amount(80_000, 333)


def test_scale_label_of_an_unknown_item_still_gives_the_weight(catalog):
    label = ScalePattern.parse("26IIIIIWWWWWC").encode("99999", grams=500)
    result = catalog.lookup_code(label)
    assert result.product is None and result.grams == 500 and result.price is None


def test_scale_pattern_with_price_from_settings(db, tmp_path):
    apply_import(db, plan_import(db, write_samples(tmp_path / "in")))
    service = make_service(db, tmp_path, scale_barcode_pattern="27IIIIIPPPPPC P*100")
    assert service.settings.get(SCALE_BARCODE_PATTERN) == "27IIIIIPPPPPC P*100"
    label = ScalePattern.parse("27IIIIIPPPPPC P*100").encode("12345", price=123_400)
    result = service.lookup_code(label)
    assert result.product.sku == "12345" and result.price == 123_400 and result.grams is None
    # the default pattern's labels are now just unknown codes
    other = ScalePattern.parse("26IIIIIWWWWWC").encode("12345", grams=100)
    assert service.lookup_code(other).product is None


def test_unusable_scale_pattern_is_ignored_not_fatal(db, tmp_path):
    service = make_service(db, tmp_path, scale_barcode_pattern="XYZ")
    assert service.scale_pattern() is None
    assert service.lookup_code(make_ean13("260000000000")).product is None


# --- search --------------------------------------------------------------------------------------


def skus(results):
    return [p.sku for p in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banh dau xanh", "DL-001"),
        ("Bánh đậu xanh", "DL-001"),
        ("BANH DAU", "DL-001"),
        ("dau xanh", "DL-001"),
        ("mung bean", "DL-001"),
        ("gao nep", "12345"),
        ("binh hut loc", "BT-001"),
        ("ấm chén", "BT-002"),
    ],
)
def test_search_folds_tone_marks_and_d(catalog, query, expected):
    assert skus(catalog.search(query))[:1] == [expected]


def test_search_finds_products_of_a_place_and_a_producer(catalog):
    assert set(skus(catalog.search("duong lam"))) == {"DL-001", "12345"}
    assert set(skus(catalog.search("bat trang"))) == {"BT-001", "BT-002"}
    assert set(skus(catalog.search("gia lam"))) == {"BT-001", "BT-002"}


def test_search_by_sku_and_barcode_prefix_and_exact_code_first(catalog):
    assert skus(catalog.search("BT-00")) == ["BT-001", "BT-002"]
    assert skus(catalog.search("bt-002")) == ["BT-002"]
    assert skus(catalog.search(CANDY_CODE[:7]))[:1] == ["BT-001"]  # 8939091… all share it
    assert skus(catalog.search(RICE_CODE))[:1] == ["12345"]
    assert skus(catalog.search("00777")) == ["12345"]
    assert skus(catalog.search("001")) == ["BT-001", "DL-001"]  # the middle of SKUs


def test_search_ranks_name_prefix_before_word_start_before_contains(db, tmp_path):
    rows = []
    for n, name in enumerate(["Trà sen Tây Hồ", "Bánh trà xanh", "Hộp quà trà", "Chè lam"]):
        rows.append([f"T-{n}", make_ean13(f"89312345678{n}"), name, "", "NSX002", "food", "3",
                     "", "", "", "", "", "10000", "8"])
    rows.append(["T-9", "", "Kẹo dừa", "Coconut candy", "NSX002", "food", "3", "", "", "", "",
                 "", "10000", "8"])
    files = write_samples(tmp_path / "in", rows)
    apply_import(db, plan_import(db, files))
    service = make_service(db, tmp_path)
    # "tra": name starts (Trà sen) → a word starts (Bánh trà xanh, Hộp quà trà), in name order;
    # "Chè lam" has no "tra" (its producer, NSX002 of Đường Lâm, neither)
    assert skus(service.search("tra")) == ["T-0", "T-1", "T-2"]
    assert skus(service.search("ua")) == ["T-2", "T-9"]  # inside "quà" and "dừa" only
    assert skus(service.search("coconut")) == ["T-9"]  # English name
    assert skus(service.search("tra", limit=2)) == ["T-0", "T-1"]
    assert service.search("") == [] and service.search("   ") == []
    assert service.search("khong co gi") == []


def test_search_sees_an_import_without_restarting(catalog, db, tmp_path):
    assert catalog.search("khan lua") == []
    row = ["VP-1", make_ean13("893222222222"), "Khăn lụa Vạn Phúc", "", "NSX001", "textiles",
           "4", "", "", "", "", "", "350000", "10"]
    apply_import(db, plan_import(db, [write_csv(tmp_path / "more.csv", PRODUCT_HEADERS, [row])]))
    assert skus(catalog.search("khan lua")) == ["VP-1"]
    assert catalog.lookup_code(row[1]).product.sku == "VP-1"


def test_search_index_is_shared_until_the_catalog_changes(catalog):
    catalog.search("banh")
    first = catalog._index
    catalog.search("gom")
    assert catalog._index is first
    catalog.invalidate()
    catalog.search("gom")
    assert catalog._index is not first


# --- get, status, stock, counts -----------------------------------------------------------------


def test_get_and_unknown_id(catalog):
    info = catalog.lookup_code(VASE_CODE).product
    assert catalog.get(info.id) == info
    with pytest.raises(ProductNotFound):
        catalog.get(999_999)


def test_certificate_status_is_effective_today(db, tmp_path):
    rows = product_rows()
    rows[0][9] = "2026-12-20"  # BT-001 expires within 60 days of 2026-11-23
    rows[1][9] = "2026-11-22"  # BT-002 expired yesterday, still marked active
    rows[2][10] = "Thu hồi"  # DL-001 revoked
    apply_import(db, plan_import(db, write_samples(tmp_path / "in", rows)))
    service = make_service(db, tmp_path)
    by_sku = {p.sku: p for p in service.search("a", limit=50)} | {
        p.sku: p for p in service.search("12345")}
    assert by_sku["BT-001"].saleability is Saleability.EXPIRING
    assert by_sku["BT-001"].cert_status is CertStatus.ACTIVE
    assert by_sku["BT-002"].cert_status is CertStatus.EXPIRED
    assert by_sku["BT-002"].saleability is Saleability.EXPIRED
    assert by_sku["DL-001"].saleability is Saleability.REVOKED
    assert by_sku["12345"].saleability is Saleability.OK  # no expiry date
    counts = service.counts()
    assert (counts.products, counts.producers, counts.revoked, counts.expired,
            counts.expiring_soon) == (4, 2, 1, 1, 1)
    # with a shorter warning window BT-001 is no longer "expiring"
    short = make_service(db, tmp_path, cert_expiry_warning_days="20")
    assert short.get(by_sku["BT-001"].id).saleability is Saleability.OK
    assert short.counts().expiring_soon == 0


def test_stock_levels_sum_the_ledger_in_one_query(catalog, db):
    vase = catalog.lookup_code(VASE_CODE).product.id
    candy = catalog.lookup_code(CANDY_CODE).product.id
    with db.transaction() as session:
        for n, (product_id, qty) in enumerate([(vase, 10), (vase, -3), (candy, 7)]):
            session.add(StockMovement(id=f"m{n}", product_id=product_id, qty=qty,
                                      kind="receipt" if qty > 0 else "sale", till_code="Q01"))
    assert catalog.stock_levels([vase, candy, 424242]) == {vase: 7, candy: 7, 424242: 0}
    assert catalog.get(vase).stock == 7


# --- the demo showroom ---------------------------------------------------------------------------


def test_demo_showroom_has_what_a_demo_needs(demo):
    counts = demo.services.catalog.counts()
    assert counts.products >= 300 and counts.producers >= 40
    assert 1 <= counts.revoked <= 2
    assert counts.expiring_soon >= 3
    with demo.db.reader() as session:
        codes = list(session.scalars(select(Barcode.code)))
        movements = session.execute(
            select(StockMovement.kind, StockMovement.qty, StockMovement.consignment,
                   Producer.kind).join(Product, StockMovement.product_id == Product.id)
            .join(Producer, Product.producer_id == Producer.id)).all()
    assert all(is_valid_gtin(c) and len(c) == 13 and c.startswith("893") for c in codes)
    assert len(movements) == counts.products
    assert {m[0] for m in movements} == {"receipt"}
    assert all(m[1] > 0 for m in movements)
    assert all(m[2] == (m[3] == "household") for m in movements)
    assert any(m[2] for m in movements) and not all(m[2] for m in movements)


def test_demo_search_and_lookup(demo):
    catalog = demo.services.catalog
    found = catalog.search("duong lam")
    assert found and all("Đường Lâm" in (p.commune + p.name_vi + p.producer_name)
                         for p in found)
    assert {p.commune for p in found} == {"Đường Lâm"}
    vase = catalog.lookup_code("8939091000946").product
    assert vase.sku == "BT-001" and 5 <= vase.stock <= 60
    assert catalog.search("binh hut loc")[0].sku == "BT-001"


def test_demo_loads_once_and_reproducibly(tmp_path):
    quantities = []
    for name in ("a", "b"):
        with open_context(str(tmp_path / name), demo=True, clock=fixed_clock_at(TODAY)) as ctx:
            assert load_demo_catalog(ctx.db, ctx.settings, ctx.services.clock) is None
            with ctx.db.reader() as session:
                quantities.append(session.execute(
                    select(Product.sku, StockMovement.qty).join(Product)
                    .order_by(Product.sku)).all())
                assert session.scalar(select(func.count(Product.id))) == 335
    assert quantities[0] == quantities[1]


def test_demo_loaded_later_still_has_certificates_expiring_soon(tmp_path):
    later = dt.date(2027, 9, 1)
    with open_context(str(tmp_path), demo=True, clock=fixed_clock_at(later)) as ctx:
        counts = ctx.services.catalog.counts()
        assert counts.expiring_soon >= 3 and counts.revoked == 2
        with ctx.db.reader() as session:
            vase = session.scalars(select(Product).where(Product.sku == "BT-001")).one()
        assert vase.cert_expires == dt.date(2027, 12, 20) + (later - TODAY)


# --- benchmark helpers ---------------------------------------------------------------------------


def test_bulk_catalog_and_benchmark(db, tmp_path, capsys):
    seeded = seed_bulk_catalog(db, 2000, 40, seed=5)
    assert seeded.products == 2000
    with db.reader() as session:
        codes = list(session.scalars(select(Barcode.code)))
    assert len(codes) == 2000 and all(is_valid_gtin(c) and c.startswith("893") for c in codes)
    service = make_service(db, tmp_path)
    assert service.search(codes[0])[0].barcodes == (codes[0],)
    figures = bench_catalog(db, 100)
    assert figures["products"] == 2000
    assert figures["lookup_code"]["n"] == 100 and figures["search"]["n"] == 100
    with capsys.disabled():
        print(f"\ncatalog bench, 2,000 products: {figures}")
