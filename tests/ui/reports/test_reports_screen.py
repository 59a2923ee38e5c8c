"""The manager opens a report on the real reports screen, reads it, exports it."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from pos_app.domain.cart import PaymentInput
from pos_app.services.people.approval import Actor
from pos_app.services.stock.desk import ReceiptInput, ReceiptLine

CASHIER = Actor(None, "Thu ngân", "cashier")


@pytest.fixture
def shop(demo_ctx):
    """Two demo products received on consignment and sold today."""
    services = demo_ctx.services
    rows = services.stock.stock_rows()[:2]
    producer = rows[0].producer_id
    services.stock.receive(ReceiptInput(producer, "PN-1", True, [
        ReceiptLine(rows[0].id, 5, 50_000)]), user=CASHIER)
    co = services.checkout
    cart = co.open_cart()
    co.add_product(cart, rows[0].id, qty=2)
    co.add_product(cart, rows[1].id, qty=1)
    co.save_cart(cart)
    co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    return demo_ctx, rows, cart.total


@pytest.fixture
def screen(qtbot, themed_app, shop):
    from pos_app.ui.reports.screen import ReportsScreen

    ctx, _, _ = shop
    widget = ReportsScreen(ctx.services)
    qtbot.addWidget(widget)
    widget.resize(1134, 670)
    widget.show()
    widget.refresh()
    return widget


def pick(screen, name):
    screen.name.setCurrentIndex(screen.name.findData(name))


def test_today_figures_and_sales_by_product(screen, shop, tmp_path):
    ctx, rows, total = shop
    assert screen.figures.sales == 1
    screen.range.setCurrentIndex(0)  # today
    pick(screen, "by-product")
    report = screen.report
    assert report.name == "by-product"
    assert {r[0] for r in report.rows} == {rows[0].sku, rows[1].sku}
    assert screen.model.rowCount() == 3  # two products and the totals row
    assert screen.chart.isVisible() and len(screen.chart.bars) == 2
    path = screen.export("xlsx", tmp_path / "by-product.xlsx")
    sheet = load_workbook(path).active
    assert sheet.max_row == 2 + 2 + 1  # heading, header, two rows, totals
    assert sheet.cell(5, 5).value == total
    assert sheet.cell(3, 5).number_format == '#,##0 "₫"'
    csv_path = screen.export("csv", tmp_path / "by-product.csv")
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_settlement_prints_a_statement_per_producer(screen, shop, tmp_path):
    _, rows, _ = shop
    pick(screen, "producer-settlement")
    assert [(r[2], r[4], r[6]) for r in screen.report.rows] == [(rows[0].sku, 2, 100_000)]
    html = screen.report_html()
    assert rows[0].sku in html and "100.000" in html
    pdf = screen.print_pdf(tmp_path / "statement.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_range_that_ends_before_it_starts_shows_an_error(screen):
    today = screen.today()
    screen.set_range(today, today - dt.timedelta(days=3))
    screen.run()
    assert screen.error.isVisible() and screen.error.text()
    assert screen.report is None and screen.model.rowCount() == 0
    assert not screen.xlsx_button.isEnabled()
