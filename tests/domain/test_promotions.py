"""Promotion rules: reading them, their windows, what they take off a line, the best one."""

from __future__ import annotations

import datetime as dt

import pytest

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.promotions import (
    PromoItem,
    PromotionError,
    apply_promotions,
    is_active,
    line_discount,
    parse_promotion,
    stamp,
)
from pos_app.domain.vat import vat_by_rate

WEEK = {"id": "OCOP-W48", "name": "Tuần lễ OCOP", "kind": "percent", "value": "10",
        "starts": "2026-11-20", "ends": "30/11/2026", "stars": "4,5"}
NOON = dt.datetime(2026, 11, 23, 12, 0)


def item(line_id="a", *, sku="TEA01", group="beverages", producer="NSX01", stars=4, qty=3,
         price=120_000):
    return PromoItem(line_id, sku, group, producer, stars, qty, price, qty * price)


def test_percent_on_stars_inside_its_window_only():
    week = parse_promotion(WEEK)
    assert line_discount(week, item()) == 36_000
    assert line_discount(week, item(stars=3)) == 0
    assert is_active(week, NOON) and not is_active(week, dt.datetime(2026, 12, 1, 9, 0))
    assert apply_promotions([item()], [week], dt.datetime(2026, 12, 1, 9, 0)) == {}


def test_amount_off_buy_x_get_y_hours_and_showrooms():
    fixed = parse_promotion({**WEEK, "id": "F", "kind": "amount", "value": "5.000",
                             "stars": "", "producers": ["NSX01"]})
    assert line_discount(fixed, item(qty=2)) == 10_000
    b2g1 = parse_promotion({**WEEK, "id": "B", "kind": "buy_x_get_y", "value": "", "buy": 2,
                            "get": 1, "skus": "KEO01", "stars": ""})
    assert line_discount(b2g1, item(sku="KEO01", qty=7, price=35_000)) == 70_000
    assert line_discount(b2g1, item(sku="TEA01")) == 0
    morning = parse_promotion({**WEEK, "id": "M", "hours": "08:00-11:00",
                               "showrooms": "HN-HK"})
    assert is_active(morning, dt.datetime(2026, 11, 23, 9, 30), "HN-HK")
    assert not is_active(morning, NOON, "HN-HK")
    assert not is_active(morning, dt.datetime(2026, 11, 23, 9, 30), "HN-CG")


def test_the_best_promotion_wins_per_line_and_ties_go_by_id():
    ten = parse_promotion(WEEK)
    twenty = parse_promotion({**WEEK, "id": "Z-BIG", "value": "20", "groups": "food"})
    same = parse_promotion({**WEEK, "id": "A-SAME"})
    applied = apply_promotions(
        [item("tea"), item("candy", sku="KEO01", group="food", price=35_000)],
        [ten, twenty, same], NOON)
    assert applied["tea"].promotion_id == "A-SAME" and applied["tea"].amount == 36_000
    assert applied["candy"].promotion_id == "Z-BIG" and applied["candy"].amount == 21_000


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"kind": "gift"}, "bad_kind", "kind"), ({"value": "150"}, "bad_value", "value"),
    ({"value": "mười"}, "bad_value", "value"), ({"starts": "2026-13-01"}, "bad_date", "starts"),
    ({"ends": "2026-11-01"}, "dates_reversed", "ends"), ({"hours": "11:00-08:00"}, "bad_hours",
                                                          "hours"),
    ({"stars": "6"}, "bad_stars", "stars"), ({"name": ""}, "missing", "name"),
    ({"kind": "buy_x_get_y", "buy": "2"}, "bad_buy_get", "get"),
])
def test_a_bad_rule_names_its_field(change, code, field):
    with pytest.raises(PromotionError) as info:
        parse_promotion({**WEEK, **change})
    assert (info.value.code, info.value.field) == (code, field)


def test_stamped_discounts_flow_into_the_vat_parts_once():
    cart = Cart()
    tea = cart.add(CartLine(product_id=1, sku="TEA01", name_vi="Trà", list_price=120_000,
                            vat_rate=8, qty=3, stars=4))
    silk = cart.add(CartLine(product_id=2, sku="LUA01", name_vi="Lụa", list_price=450_000,
                             vat_rate=10, stars=3))
    items = [item(tea.id), item(silk.id, sku="LUA01", stars=3, qty=1, price=450_000)]
    assert stamp(cart, apply_promotions(items, [parse_promotion(WEEK)], NOON))
    assert (tea.promo_id, tea.promo_discount, tea.total) == ("OCOP-W48", 36_000, 324_000)
    assert silk.promo_id == "" and cart.total == 774_000
    totals = cart.totals()
    assert totals.vat == vat_by_rate([(324_000, 8), (450_000, 10)])
    again = Cart.from_json(cart.to_json())
    assert again.lines[0].promo_discount == 36_000 and again.total == 774_000
    assert not stamp(cart, apply_promotions(items, [parse_promotion(WEEK)], NOON))
    cart.set_qty(tea.id, 1)  # the stored amount no longer fits: dropped until re-applied
    assert stamp(cart, apply_promotions([item(tea.id, qty=1)], [parse_promotion(WEEK)], NOON))
    assert tea.promo_discount == 12_000
