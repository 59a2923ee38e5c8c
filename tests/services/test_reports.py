"""Report figures against a hand computation (see tests/services/stock_fixtures.hand_fixture),
exports, and the range check."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from pos_app.services.reports.export import VND_FORMAT, to_csv, to_xlsx
from pos_app.services.reports.service import REPORTS, ReportError
from tests.services.stock_fixtures import hand_fixture

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def shop(tmp_path):
    services, clock, cat = hand_fixture(tmp_path)
    yield services, cat
    services.db.close()


def run(services, name, start=DAY, end=DAY):
    return services.reports.run(name, start, end)


def as_dicts(report):
    keys = [c.key for c in report.columns]
    return [dict(zip(keys, row, strict=True)) for row in report.rows]


def test_sales_by_day_net_of_returns_without_the_voided_sale(shop):
    services, _ = shop
    report = run(services, "sales-by-day", DAY - dt.timedelta(days=1), DAY)
    rows = as_dicts(report)
    assert rows[0]["net"] == 0  # the day before: filled with zeros
    today = rows[1]
    assert (today["sales"], today["returns"]) == (2, 1)
    assert (today["sold"], today["refunded"], today["net"]) == (550_000, 120_000, 430_000)
    assert report.totals[report.column("net")] == 430_000


def test_by_product_producer_group_stars(shop):
    services, _ = shop
    by_product = {r["sku"]: (r["qty"], r["amount"]) for r in as_dicts(run(services,
                                                                         "by-product"))}
    assert by_product == {"TEA01": (3, 360_000), "KEO01": (2, 70_000)}
    producers = as_dicts(run(services, "by-producer"))
    assert [(r["producer_code"], r["qty"], r["amount"]) for r in producers] == [
        ("NSX01", 5, 430_000)]
    groups = {r["group"]: r["amount"] for r in as_dicts(run(services, "by-group"))}
    assert groups == {"beverages": 360_000, "food": 70_000}
    stars = as_dicts(run(services, "by-stars"))
    assert [(r["stars"], r["amount"]) for r in stars] == [(4, 430_000)]


def test_payments_and_cashiers(shop):
    services, _ = shop
    methods = {r["method"]: (r["receipts"], r["amount"]) for r in as_dicts(
        run(services, "by-payment"))}
    assert methods == {"cash": (2, 430_000 - 120_000), "card": (1, 120_000)}
    cashiers = as_dicts(run(services, "by-cashier"))
    assert [(r["cashier"], r["sales"], r["returns"], r["net"]) for r in cashiers] == [
        ("Lan", 2, 1, 430_000)]
    hours = {r["hour"]: r["net"] for r in as_dicts(run(services, "sales-by-hour"))}
    assert hours[10] == 430_000  # 10:00 Hanoi (03:00 UTC)


def test_producer_settlement_consigned_goods_at_average_cost(shop):
    services, _ = shop
    report = run(services, "producer-settlement")
    rows = as_dicts(report)
    # tea: 3 + 1 − 1 returned = 3 sold net; cost (10×80.000 + 10×90.000) / 20 = 85.000
    assert [(r["sku"], r["qty"], r["unit_cost"], r["owed"]) for r in rows] == [
        ("TEA01", 3, 85_000, 255_000)]
    assert "settlement_rule" in report.notes
    statements = services.reports.settlement_statements(DAY, DAY)
    assert [(s.producer_code, s.total) for s in statements] == [("NSX01", 255_000)]


def test_stock_valuation_and_sellers(shop):
    services, cat = shop
    rows = {r["sku"]: r for r in as_dicts(run(services, "stock-valuation"))}
    # tea: 20 in − 3 − 1 + 1 = 17 at 85.000; candy: 20 − 2 (void gave 5 back) = 18 at 20.000
    assert (rows["TEA01"]["on_hand"], rows["TEA01"]["basis"], rows["TEA01"]["value"]) == (
        17, "cost", 17 * 85_000)
    assert (rows["KEO01"]["on_hand"], rows["KEO01"]["value"]) == (18, 18 * 20_000)
    top = as_dicts(run(services, "top-sellers"))
    assert top[0]["sku"] == "TEA01"
    slow = as_dicts(run(services, "slow-sellers"))
    assert [r["sku"] for r in slow] == ["KEO01", "TEA01"]


def test_cert_expiry_lists_expired_and_revoked(shop):
    services, _ = shop
    rows = {r["sku"]: r["cert_status"] for r in as_dicts(run(services, "cert-expiry"))}
    assert rows == {"MIEN01": "expired", "MAM01": "revoked"}


def test_every_report_runs_and_a_reversed_range_is_refused(shop):
    services, _ = shop
    for name in REPORTS:
        assert run(services, name).name == name
        with pytest.raises(ReportError) as err:
            run(services, name, DAY, DAY - dt.timedelta(days=1))
        assert err.value.code == "bad_range"
    with pytest.raises(ReportError) as err:
        run(services, "nope")
    assert err.value.code == "no_such_report"


def test_xlsx_has_header_numbers_and_vnd_format(shop, tmp_path):
    services, _ = shop
    report = run(services, "by-product")
    path = to_xlsx(report, tmp_path / "p.xlsx", titles={"sku": "Mã", "amount": "Tiền"},
                   heading="Doanh số theo sản phẩm", total_label="Tổng")
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Doanh số theo sản phẩm"
    assert [c.value for c in sheet[2]] == ["Mã", "product", "producer", "qty", "Tiền"]
    assert [c.value for c in sheet[3]] == ["TEA01", "Trà shan tuyết", "HTX Làng nghề", 3,
                                           360_000]
    assert sheet["E3"].number_format == VND_FORMAT
    assert [c.value for c in sheet[5]][0::4] == ["Tổng", 430_000]
    assert sheet.column_dimensions["B"].width >= len("Trà shan tuyết")


def test_csv_is_utf8_with_bom(shop, tmp_path):
    services, _ = shop
    path = to_csv(run(services, "by-product"), tmp_path / "p.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[1] == ["TEA01", "Trà shan tuyết", "HTX Làng nghề", "3", "360000"]
