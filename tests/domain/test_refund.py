"""Refund arithmetic: pro-rata amounts that add up to the sale, and money back the way it came."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.cart import SettledPayment
from pos_app.domain.refund import SoldLine, net_line_totals, refund_amounts, refund_tender

LINES = [SoldLine("a", 3, 360_000), SoldLine("b", 1, 450_000), SoldLine("c", 2, 70_000)]


def test_net_line_totals_share_the_discount_and_add_up():
    net = net_line_totals(LINES, 88_000)
    assert sum(net.values()) == 880_000 - 88_000
    assert net == {"a": 324_000, "b": 405_000, "c": 63_000}


def test_without_discount_a_line_refunds_pro_rata():
    assert refund_amounts(LINES, 0, {"a": 1}) == {"a": 120_000}
    assert refund_amounts(LINES, 0, {"a": 3, "c": 1}) == {"a": 360_000, "c": 35_000}


def test_pro_rata_rounds_half_up():
    lines = [SoldLine("x", 3, 100_001)]
    # 100.001 / 3 = 33.333,67 → 33.334; 2/3 → 66.667,33 → 66.667
    assert refund_amounts(lines, 0, {"x": 1}) == {"x": 33_334}
    assert refund_amounts(lines, 0, {"x": 2}) == {"x": 66_667}


def test_the_last_return_of_a_line_gives_back_exactly_what_is_left():
    lines = [SoldLine("x", 3, 100_001)]
    first = refund_amounts(lines, 0, {"x": 1})["x"]
    second = refund_amounts(lines, 0, {"x": 1}, {"x": (1, first)})["x"]
    last = refund_amounts(lines, 0, {"x": 1}, {"x": (2, first + second)})["x"]
    assert (first, second, last) == (33_334, 33_334, 33_333)
    assert first + second + last == 100_001


@given(qtys=st.lists(st.integers(1, 20), min_size=1, max_size=6),
       prices=st.lists(st.integers(1_000, 2_000_000), min_size=6, max_size=6),
       discount_permille=st.integers(0, 500), data=st.data())
def test_a_sale_returned_piece_by_piece_refunds_exactly_its_total(qtys, prices,
                                                                  discount_permille, data):
    lines = [SoldLine(str(i), q, q * prices[i]) for i, q in enumerate(qtys)]
    total = sum(ln.line_total for ln in lines)
    discount = total * discount_permille // 1000
    returned: dict[str, tuple[int, int]] = {}
    refunded = 0
    while any(returned.get(ln.id, (0, 0))[0] < ln.qty for ln in lines):
        open_lines = [ln for ln in lines if returned.get(ln.id, (0, 0))[0] < ln.qty]
        line = data.draw(st.sampled_from(open_lines))
        left = line.qty - returned.get(line.id, (0, 0))[0]
        qty = data.draw(st.integers(1, left))
        amount = refund_amounts(lines, discount, {line.id: qty}, returned)[line.id]
        assert amount >= 0
        done_qty, done_amount = returned.get(line.id, (0, 0))
        returned[line.id] = (done_qty + qty, done_amount + amount)
        refunded += amount
    assert refunded == total - discount


def test_refund_goes_back_to_card_and_transfer_first_then_cash():
    paid = [SettledPayment("cash", 100_000, 200_000), SettledPayment("card", 300_000, 300_000,
                                                                      "AP123")]
    assert refund_tender(paid, 350_000) == (
        SettledPayment("card", -300_000, -300_000, "AP123"),
        SettledPayment("cash", -50_000, -50_000, ""),
    )


def test_refund_tender_counts_what_earlier_returns_gave_back():
    paid = [SettledPayment("transfer", 200_000, 200_000, "FT1"),
            SettledPayment("cash", 100_000, 100_000)]
    again = refund_tender(paid, 150_000, {("transfer", "FT1"): 120_000})
    assert again == (SettledPayment("transfer", -80_000, -80_000, "FT1"),
                     SettledPayment("cash", -70_000, -70_000, ""))


def test_a_cash_sale_refunds_cash_and_an_unmatched_rest_is_cash():
    assert refund_tender([SettledPayment("cash", 50_000, 100_000)], 20_000) == (
        SettledPayment("cash", -20_000, -20_000, ""),)
    assert refund_tender([SettledPayment("card", 10_000, 10_000, "X")], 15_000) == (
        SettledPayment("card", -10_000, -10_000, "X"),
        SettledPayment("cash", -5_000, -5_000, ""),
    )
    assert refund_tender([], 0) == ()
