"""Promotions on a real SQLite file: a campaign file refused whole with row and column, the
best rule applied to the open cart, stored with the sale once, and what the campaign cost."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pos_app.db.customer_models import SalePromotion
from pos_app.db.models import SaleLine, SaleVat
from pos_app.domain.cart import PaymentInput
from pos_app.domain.vat import vat_by_rate
from tests.services.fixtures import CASHIER, add_catalog, make_services

HEADER = "id,name,kind,value,buy,get,starts,ends,hours,skus,groups,producers,stars,showrooms\n"
GOOD = (HEADER
        + "OCOP-W48,Tuần lễ OCOP,percent,10,,,2026-11-20,2026-11-30,,,,,4;5,\n"
        + "KEO-B2G1,Mua 2 tặng 1 kẹo lạc,buy_x_get_y,,2,1,2026-11-01,2026-12-31,,KEO01,,,,\n"
        + "OLD,Đã hết hạn,amount,5000,,,2026-01-01,2026-01-31,,,,,,\n")


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=50)
    yield services, catalog, tmp_path
    services.db.close()


def test_a_file_with_a_bad_row_is_refused_whole_by_row_and_column(env):
    services, _, tmp_path = env
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "X,Sai,percent,120,,,2026-11-01,2026-11-30,,,,,,\n"
                   + "OCOP-W48,Trùng,percent,5,,,2026-11-01,2026-11-30,,,,,,\n",
                   encoding="utf-8")
    result = services.promotions.load_file(bad, user="Hùng")
    assert result.problems == [(5, "value", "bad_value"), (6, "id", "duplicate_id")]
    assert services.promotions.all() == []
    changed = tmp_path / "changed.csv"
    changed.write_text("ma,ten\nA,B\n", encoding="utf-8")
    problems = services.promotions.load_file(changed, user="Hùng").problems
    assert (1, "id", "missing_column") in problems and (1, "ma", "unknown_column") in problems
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    assert services.promotions.load_file(good, user="Hùng", dry_run=True).ok
    assert services.promotions.all() == []
    assert services.promotions.load_file(good, user="Hùng").ok
    assert [p.id for p in services.promotions.all()] == ["KEO-B2G1", "OCOP-W48", "OLD"]


def test_applied_to_the_cart_stored_with_the_sale_once_and_its_cost_reported(env):
    services, catalog, tmp_path = env
    path = tmp_path / "week.csv"
    path.write_text(GOOD, encoding="utf-8")
    services.promotions.load_file(path, user="Hùng")
    checkout = services.checkout
    cart = checkout.open_cart()
    tea = checkout.add_product(cart, catalog.tea, qty=2)  # 4 stars: 10 % off
    candy = checkout.add_product(cart, catalog.candy, qty=3)  # buy 2 get 1 beats 10 %
    assert services.promotions.apply(cart)
    assert (tea.promo_id, tea.promo_discount) == ("OCOP-W48", 24_000)
    assert (candy.promo_id, candy.promo_discount) == ("KEO-B2G1", 35_000)
    assert cart.total == 240_000 - 24_000 + 105_000 - 35_000
    checkout.save_cart(cart)
    cart = checkout.open_cart()
    done = checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER)
    assert done.total == 286_000
    with services.db.reader() as session:
        promos = session.execute(select(SalePromotion.promotion_id, SalePromotion.amount)
                                 .order_by(SalePromotion.promotion_id)).all()
        lines = session.execute(select(SaleLine.line_total, SaleLine.discount, SaleLine.vat_rate)
                                .order_by(SaleLine.line_no)).all()
        vat = session.execute(select(SaleVat.rate, SaleVat.gross, SaleVat.vat)).all()
    assert promos == [("KEO-B2G1", 35_000), ("OCOP-W48", 24_000)]
    assert [(t, d) for t, d, _ in lines] == [(216_000, 24_000), (70_000, 35_000)]
    expected = vat_by_rate([(216_000, 8), (70_000, 8)])
    assert [(r, g, v) for r, g, v in vat] == [(p.rate, p.gross, p.amount) for p in expected]
    use = services.promotions.usage(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert [(u.promotion_id, u.sales, u.discount) for u in use] == [
        ("KEO-B2G1", 1, 35_000), ("OCOP-W48", 1, 24_000)]


def test_the_receipt_prints_the_promotion_under_its_line(env):
    from pos_app.hardware.receipt_layout import Paper, layout_receipt

    services, catalog, tmp_path = env
    path = tmp_path / "week.csv"
    path.write_text(GOOD, encoding="utf-8")
    services.promotions.load_file(path, user="Hùng")
    cart = services.checkout.open_cart()
    services.checkout.add_product(cart, catalog.tea, qty=2)
    services.promotions.apply(cart)
    done = services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                           cashier=CASHIER)
    receipt = services.printing.receipt_for(done.sale_id)
    (line,) = receipt.lines
    assert (line.promotion, line.discount, line.line_total) == ("Tuần lễ OCOP", 24_000, 216_000)
    text = repr(layout_receipt(receipt, Paper.MM80))
    assert "Tuần lễ OCOP" in text and "-24.000" in text
