"""The cart: lines, coded refusals, totals with VAT parts, approvals, JSON, split tender."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.cart import (
    APPROVE_CART_DISCOUNT,
    APPROVE_EXPIRED_CERT,
    APPROVE_LINE_DISCOUNT,
    APPROVE_PRICE,
    GRAM,
    Cart,
    CartError,
    CartLine,
    PaymentInput,
    VatLine,
    allocate,
    parse_qty,
    settle,
)
from pos_app.domain.vat import vat_by_rate


def tea(qty: int = 1) -> CartLine:
    return CartLine(product_id=1, sku="TEA01", name_vi="Trà", list_price=120_000, vat_rate=8,
                    qty=qty)


def silk() -> CartLine:
    return CartLine(product_id=2, sku="LUA01", name_vi="Khăn lụa", list_price=450_000,
                    vat_rate=10)


def book() -> CartLine:
    return CartLine(product_id=3, sku="SACH01", name_vi="Sách", list_price=99_000, vat_rate=0)


def rice(grams: int) -> CartLine:
    return CartLine(product_id=4, sku="GAO01", name_vi="Gạo", list_price=80_000, vat_rate=5,
                    unit=GRAM, qty=grams)


def fixture_cart() -> tuple[Cart, CartLine]:
    cart = Cart()
    cart.add(tea(2))
    s = cart.add(silk())
    cart.set_line_discount(s.id, 50_000)
    cart.add(book())
    cart.add(rice(1_250))
    return cart, s


def code_of(excinfo: pytest.ExceptionInfo[CartError]) -> str:
    return excinfo.value.code


# --- totals and VAT -----------------------------------------------------------------------------


def test_totals_and_vat_parts_hand_computed():
    cart, _ = fixture_cart()
    totals = cart.totals()
    # 2 × 120.000 + (450.000 − 50.000) + 99.000 + 1,25 kg × 80.000 = 839.000
    assert totals.subtotal == 839_000
    assert totals.total == 839_000
    assert totals.vat == (
        VatLine(0, 99_000, 0),
        VatLine(5, 100_000, 4_762),  # 100.000 × 5/105 = 4.761,9
        VatLine(8, 240_000, 17_778),  # 240.000 × 8/108 = 17.777,8
        VatLine(10, 400_000, 36_364),  # 400.000 × 10/110 = 36.363,6
    )
    assert totals.vat_total == 58_904
    assert totals.items == 2 + 1 + 1 + 1


def test_cart_discount_is_shared_over_the_lines_for_vat():
    cart, _ = fixture_cart()
    cart.set_discount(83_900)  # exactly 10 %: shares 24.000 / 40.000 / 9.900 / 10.000
    totals = cart.totals()
    assert totals.total == 755_100
    assert totals.vat == (
        VatLine(0, 89_100, 0),
        VatLine(5, 90_000, 4_286),
        VatLine(8, 216_000, 16_000),
        VatLine(10, 360_000, 32_727),
    )
    assert sum(cart.net_line_totals().values()) == totals.total
    assert APPROVE_CART_DISCOUNT not in cart.approvals  # 10 % is not above 10 %


def test_weighed_price_rounds_half_up_per_kilogram():
    line = rice(333)  # 333 g × 80.000 đ/kg = 26.640
    assert line.total == 26_640
    assert rice(7).total == 560
    odd = CartLine(product_id=9, sku="X", name_vi="X", list_price=1_001, vat_rate=0, unit=GRAM,
                   qty=500)  # 500,5 đ → 501
    assert odd.total == 501


def test_allocate_adds_up_exactly():
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(0, [5, 5]) == [0, 0]
    assert allocate(10, [0, 0]) == [0, 0]


@given(st.integers(0, 10**7), st.lists(st.integers(0, 10**7), min_size=1, max_size=20))
def test_allocate_property(amount, weights):
    shares = allocate(amount, weights)
    if sum(weights):
        assert sum(shares) == amount
        assert all(s >= 0 for s in shares)


def test_vat_breakdown_of_refund_mirrors_the_sale():
    sale = vat_by_rate([(240_000, 8), (100_000, 5)])
    refund = vat_by_rate([(-240_000, 8), (-100_000, 5)])
    assert [v.amount for v in refund] == [-v.amount for v in sale]


# --- adding and changing lines ------------------------------------------------------------------


def test_scanning_the_same_product_again_increments_qty():
    cart = Cart()
    first = cart.add(tea())
    again = cart.add(tea())
    assert again is first and first.qty == 2 and len(cart.lines) == 1


def test_weighed_goods_get_a_line_each():
    cart = Cart()
    cart.add(rice(500))
    cart.add(rice(700))
    assert [ln.qty for ln in cart.lines] == [500, 700]


def test_set_qty_remove_clear():
    cart = Cart()
    line = cart.add(tea())
    cart.set_qty(line.id, 5)
    assert cart.total == 600_000
    cart.add(book())
    cart.remove(line.id)
    assert [ln.sku for ln in cart.lines] == ["SACH01"]
    with pytest.raises(CartError) as err:
        cart.remove(line.id)
    assert code_of(err) == "no_such_line"
    cart.set_discount(1_000)
    cart.clear()
    assert cart.empty and cart.discount == 0


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("abc", "piece", "qty_not_whole"),
        ("3a", "piece", "qty_not_whole"),
        ("1.5", "piece", "qty_not_whole"),
        ("", "piece", "qty_not_whole"),
        ("٣", "piece", "qty_not_whole"),  # Arabic-Indic digit: not ASCII
        ("-2", "piece", "qty_not_positive"),
        ("0", "piece", "qty_not_positive"),
        ("10000", "piece", "qty_too_large"),
        ("10000000000", "piece", "qty_too_large"),
        ("100001", "gram", "qty_too_large"),
    ],
)
def test_parse_qty_refuses_with_a_code(text, unit, code):
    with pytest.raises(CartError) as err:
        parse_qty(text, unit)
    assert code_of(err) == code


def test_parse_qty_accepts_limits():
    assert parse_qty(" 12 ") == 12
    assert parse_qty("9999") == 9_999
    assert parse_qty("100000", "gram") == 100_000
    assert parse_qty("1", "gram") == 1


@pytest.mark.parametrize(("qty", "code"), [(0, "qty_not_positive"), (-1, "qty_not_positive"),
                                           (10_000_000_000, "qty_too_large"),
                                           (True, "qty_not_whole")])
def test_set_qty_refuses_and_changes_nothing(qty, code):
    cart = Cart()
    line = cart.add(tea(2))
    with pytest.raises(CartError) as err:
        cart.set_qty(line.id, qty)
    assert code_of(err) == code
    assert line.qty == 2


@pytest.mark.parametrize(
    ("price", "code"),
    [(0, "price_not_positive"), (-5_000, "price_not_positive"),
     (1_000_000_001, "price_too_large"), (10_000_000_000, "price_too_large")],
)
def test_price_override_limits(price, code):
    cart = Cart()
    line = cart.add(tea())
    with pytest.raises(CartError) as err:
        cart.override_price(line.id, price)
    assert code_of(err) == code
    assert line.unit_price == 120_000


def test_price_override_up_to_a_billion_is_fine():
    cart = Cart()
    line = cart.add(tea())
    cart.override_price(line.id, 1_000_000_000)
    assert cart.total == 1_000_000_000 and not line.approvals


def test_discount_limits():
    cart = Cart()
    line = cart.add(tea())
    for value, code in [(-1, "discount_negative"), (120_001, "discount_too_large")]:
        with pytest.raises(CartError) as err:
            cart.set_line_discount(line.id, value)
        assert code_of(err) == code
    with pytest.raises(CartError) as err:
        cart.set_discount(120_001)
    assert code_of(err) == "discount_too_large"
    cart.set_line_discount(line.id, 120_000)  # whole line free: allowed, needs approval
    assert line.total == 0 and APPROVE_LINE_DISCOUNT in line.approvals


def test_big_cuts_need_approval_and_small_ones_do_not():
    cart = Cart(approval_percent=10)
    line = cart.add(tea())
    cart.override_price(line.id, 108_000)  # exactly 10 % off
    assert cart.approvals == ()
    cart.override_price(line.id, 107_999)
    assert cart.approvals == (APPROVE_PRICE,)
    cart.override_price(line.id, 120_000)
    assert cart.approvals == ()
    cart.set_line_discount(line.id, 12_001)
    assert cart.approvals == (APPROVE_LINE_DISCOUNT,)
    cart.set_line_discount(line.id, 0)
    cart.set_discount(12_001)
    assert cart.approvals == (APPROVE_CART_DISCOUNT,)
    cart.set_qty(line.id, 2)  # the same discount is now a smaller share
    assert cart.approvals == ()


def test_json_round_trip_keeps_everything():
    cart, silk_line = fixture_cart()
    cart.lines[0].approvals.append(APPROVE_EXPIRED_CERT)
    cart.set_discount(100_000)
    again = Cart.from_json(cart.to_json())
    assert again.to_json() == cart.to_json()
    assert again.totals() == cart.totals()
    assert again.line(silk_line.id).discount == 50_000
    assert set(again.approvals) == {APPROVE_EXPIRED_CERT, APPROVE_LINE_DISCOUNT,
                                    APPROVE_CART_DISCOUNT}


def test_bad_json_is_a_code():
    with pytest.raises(CartError) as err:
        Cart.from_json("{not json")
    assert code_of(err) == "bad_cart_data"


# --- payments -----------------------------------------------------------------------------------


def test_cash_makes_change():
    s = settle(455_000, [PaymentInput("cash", 455_000, tendered=500_000)])
    assert s.change == 45_000 and s.tendered == 500_000
    assert s.payments[0].amount == 455_000


def test_cash_amount_above_total_is_change_too():
    s = settle(455_000, [PaymentInput("cash", 500_000)])
    assert s.change == 45_000 and s.payments[0].amount == 455_000


def test_split_card_then_cash():
    s = settle(1_000_000, [PaymentInput("card", 600_000, reference="A1B2C3"),
                           PaymentInput("cash", 400_000, tendered=500_000)])
    assert [(p.method, p.amount) for p in s.payments] == [("card", 600_000), ("cash", 400_000)]
    assert s.change == 100_000


def test_split_transfer_card_cash():
    s = settle(900_000, [PaymentInput("transfer", 300_000, reference="FT123"),
                         PaymentInput("card", 300_000, reference="778899"),
                         PaymentInput("cash", 300_000)])
    assert s.change == 0 and sum(p.amount for p in s.payments) == 900_000


@pytest.mark.parametrize(
    ("payments", "code"),
    [
        ([PaymentInput("card", 100_000)], "card_needs_reference"),
        ([PaymentInput("card", 100_000, reference="  ")], "card_needs_reference"),
        ([PaymentInput("card", 200_001, reference="X")], "exceeds_remaining"),
        ([PaymentInput("cash", 150_000), PaymentInput("transfer", 60_000, reference="FT")],
         "exceeds_remaining"),
        ([PaymentInput("cash", 200_000), PaymentInput("cash", 1_000)], "already_paid"),
        ([PaymentInput("cheque", 200_000)], "bad_method"),
        ([PaymentInput("cash", 0)], "amount_not_positive"),
        ([PaymentInput("cash", -5)], "amount_not_positive"),
        ([PaymentInput("cash", 200_000, tendered=100_000)], "tendered_below_amount"),
        ([], "underpaid"),
    ],
)
def test_payment_refusals(payments, code):
    with pytest.raises(CartError) as err:
        settle(200_000, payments)
    assert code_of(err) == code


def test_underpaid_names_the_shortfall():
    with pytest.raises(CartError) as err:
        settle(200_000, [PaymentInput("card", 50_000, reference="OK1"),
                         PaymentInput("cash", 100_000)])
    assert err.value.code == "underpaid"
    assert err.value.info["shortfall"] == 50_000


def test_a_free_cart_settles_without_payments():
    assert settle(0, []).payments == ()
