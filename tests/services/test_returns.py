"""Returns and voids: what comes back, how the money goes back, and the stock ledger."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from pos_app.db.models import AuditEntry, OutboxEvent, Sale, SalePayment, StockMovement
from pos_app.domain.cart import PaymentInput
from pos_app.services.audit import verify
from pos_app.services.people.approval import ApprovalRequired
from pos_app.services.sales.checkout import CheckoutError
from tests.services.fixtures import APPROVAL, CASHIER, add_catalog, make_services, stock_level


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=50_000)
    yield services, services.checkout, catalog, clock
    services.db.close()


def sell(co, items, payments=None, discount=0):
    cart = co.open_cart()
    for product_id, qty in items:
        if isinstance(qty, tuple):  # ("g", grams)
            co.add_product(cart, product_id, grams=qty[1])
        else:
            co.add_product(cart, product_id, qty=qty)
    if discount:
        cart.set_discount(discount)
    return co.complete_sale(cart, payments or [PaymentInput("cash", cart.total)],
                            cashier=CASHIER)


def lines_by_sku(co, ref):
    return {ln.sku: ln for ln in co.find_sale(ref).lines}


def refund(co, ref, quantities, **kw):
    return co.return_items(ref, quantities, cashier=CASHIER, approval=APPROVAL,
                           reason=kw.get("reason", "khách đổi ý"))


# --- returns ------------------------------------------------------------------------------------


def test_partial_then_full_return(env):
    services, co, catalog, _ = env
    sale = sell(co, [(catalog.tea, 3), (catalog.book, 1)])
    lines = lines_by_sku(co, sale.receipt_no)
    first = refund(co, sale.receipt_no, {lines["TEA01"].id: 1})
    assert first.kind == "return" and first.total == -120_000
    assert first.receipt_no == "Q01-20261123-0002"
    assert [(p.method, p.amount) for p in first.paid_by] == [("cash", -120_000)]
    assert stock_level(services.db, catalog.tea) == 50_000 - 3 + 1

    after = lines_by_sku(co, sale.receipt_no)
    assert (after["TEA01"].returned, after["TEA01"].returnable) == (1, 2)
    rest = refund(co, sale.receipt_no, {lines["TEA01"].id: 2, lines["SACH01"].id: 1})
    assert rest.total == -(240_000 + 99_000)
    assert all(ln.returnable == 0 for ln in co.find_sale(sale.sale_id).lines)
    assert co.find_sale(sale.sale_id).returns == (first.receipt_no, rest.receipt_no)

    with services.db.reader() as session:
        ret = session.get(Sale, rest.sale_id)
        assert ret is not None
        assert ret.kind == "return" and ret.original_sale_id == sale.sale_id
        assert ret.total == ret.subtotal == -339_000
        assert [(ln.sku, ln.qty, ln.line_total) for ln in ret.lines] == [
            ("TEA01", -2, -240_000), ("SACH01", -1, -99_000)]
        assert all(ln.original_line_id for ln in ret.lines)
        assert ret.vat_total == -17_778  # 240.000 at 8 %; the book is 0 %
        moves = session.scalars(select(StockMovement).where(StockMovement.ref_id == rest.sale_id))
        assert sorted((m.kind, m.qty, m.reason) for m in moves) == [
            ("return", 1, "khách đổi ý"), ("return", 2, "khách đổi ý")]
        events = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "return")).all()
        assert len(events) == 2
        payload = json.loads(events[-1].payload)
        assert payload["original_sale_id"] == sale.sale_id and payload["total"] == -339_000
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
        assert actions == ["sale", "return", "return"]
    assert verify(services.db).ok


def test_over_return_is_refused(env):
    services, co, catalog, _ = env
    sale = sell(co, [(catalog.tea, 2)])
    line = lines_by_sku(co, sale.receipt_no)["TEA01"]
    with pytest.raises(CheckoutError) as err:
        refund(co, sale.receipt_no, {line.id: 3})
    assert err.value.code == "over_return" and err.value.info["returnable"] == 2
    refund(co, sale.receipt_no, {line.id: 1})
    with services.db.reader() as session:
        before = session.scalar(select(func.count()).select_from(Sale))
    with pytest.raises(CheckoutError) as err:
        refund(co, sale.receipt_no, {line.id: 2})
    assert err.value.code == "over_return" and err.value.info["returnable"] == 1
    with services.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == before


def test_return_refusals(env):
    _, co, catalog, _ = env
    sale = sell(co, [(catalog.tea, 2)])
    line = lines_by_sku(co, sale.receipt_no)["TEA01"]
    cases = [
        ("Q01-20261123-0099", {line.id: 1}, "no_such_sale"),
        (sale.receipt_no, {}, "nothing_to_return"),
        (sale.receipt_no, {"not-a-line": 1}, "no_such_line"),
    ]
    for ref, quantities, code in cases:
        with pytest.raises(CheckoutError) as err:
            refund(co, ref, quantities)
        assert err.value.code == code
    ret = refund(co, sale.receipt_no, {line.id: 1})
    with pytest.raises(CheckoutError) as err:
        refund(co, ret.receipt_no, {line.id: 1})
    assert err.value.code == "not_a_sale"


def test_refund_needs_a_manager(env):
    services, co, catalog, _ = env
    sale = sell(co, [(catalog.tea, 2)])
    line = lines_by_sku(co, sale.receipt_no)["TEA01"]
    with pytest.raises(ApprovalRequired) as err:
        co.return_items(sale.receipt_no, {line.id: 1}, cashier=CASHIER, approval=None)
    assert err.value.codes == ("refund",)
    assert stock_level(services.db, catalog.tea) == 50_000 - 2


def test_refund_goes_back_to_card_first_and_cash_last(env):
    services, co, catalog, _ = env
    sale = sell(
        co, [(catalog.tea, 2), (catalog.silk, 1), (catalog.rice, ("g", 1_250))],
        [PaymentInput("card", 500_000, reference="APP123"),
         PaymentInput("cash", 290_000, tendered=300_000)],
    )
    lines = lines_by_sku(co, sale.receipt_no)
    one = refund(co, sale.sale_id, {lines["TEA01"].id: 1})
    assert [(p.method, p.amount, p.reference) for p in one.paid_by] == [
        ("card", -120_000, "APP123")]
    two = refund(co, sale.sale_id, {lines["LUA01"].id: 1})
    assert [(p.method, p.amount) for p in two.paid_by] == [("card", -380_000), ("cash", -70_000)]
    three = refund(co, sale.sale_id, {lines["TEA01"].id: 1, lines["GAO01"].id: 1_250})
    assert [(p.method, p.amount) for p in three.paid_by] == [("cash", -220_000)]
    with services.db.reader() as session:
        by_method = dict(
            session.execute(
                select(SalePayment.method, func.sum(SalePayment.amount)).group_by(
                    SalePayment.method)
            ).all()
        )
    assert by_method == {"card": 0, "cash": 0}
    assert stock_level(services.db, catalog.rice) == 50_000


def test_weighed_goods_partly_returned(env):
    services, co, catalog, _ = env
    sale = sell(co, [(catalog.rice, ("g", 1_000))])  # 80.000
    line = lines_by_sku(co, sale.receipt_no)["GAO01"]
    ret = refund(co, sale.receipt_no, {line.id: 333})
    assert ret.total == -26_640
    assert stock_level(services.db, catalog.rice) == 50_000 - 1_000 + 333


def test_cart_discount_is_refunded_pro_rata_and_adds_up(env):
    services, co, catalog, _ = env
    # 3 × 120.000 + 99.000 = 459.000, less 10.000: the tea line's share is 7.843
    sale = sell(co, [(catalog.tea, 3), (catalog.book, 1)], discount=10_000)
    assert sale.total == 449_000
    tea = lines_by_sku(co, sale.receipt_no)["TEA01"]
    book = lines_by_sku(co, sale.receipt_no)["SACH01"]
    refunds = [refund(co, sale.receipt_no, {tea.id: 1}).total for _ in range(3)]
    assert refunds == [-117_386, -117_386, -117_385]  # 352.157 in thirds, the last takes the rest
    last = refund(co, sale.receipt_no, {book.id: 1})
    assert last.total == -96_843
    assert sum(refunds) + last.total == -sale.total
    with services.db.reader() as session:
        row = session.get(Sale, last.sale_id)
        assert row is not None
        line = row.lines[0]
        assert line.qty * line.unit_price - line.discount == line.line_total


# --- voids --------------------------------------------------------------------------------------


def test_void_the_sale_just_made(env):
    services, co, catalog, clock = env
    sale = sell(co, [(catalog.tea, 2), (catalog.candy, 3)])
    clock.advance(minutes=9)
    summary = co.void_sale(sale.sale_id, cashier=CASHIER, approval=APPROVAL, reason="nhầm hàng")
    assert summary.status == "voided"
    assert stock_level(services.db, catalog.tea) == 50_000
    assert stock_level(services.db, catalog.candy) == 50_000
    with services.db.reader() as session:
        row = session.get(Sale, sale.sale_id)
        assert row is not None and row.void_reason == "nhầm hàng" and row.voided_at is not None
        moves = session.scalars(
            select(StockMovement).where(StockMovement.ref_id == sale.sale_id,
                                        StockMovement.qty > 0)
        ).all()
        assert {(m.kind, m.reason) for m in moves} == {("return", "void")}
        event = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "sale_voided")).one()
        assert json.loads(event.payload)["receipt_no"] == sale.receipt_no
        assert session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all() == [
            "sale", "void"]
    with pytest.raises(CheckoutError) as err:
        co.void_sale(sale.sale_id, cashier=CASHIER, approval=APPROVAL)
    assert err.value.code == "sale_voided"
    line = co.find_sale(sale.sale_id).lines[0]
    assert line.returnable == 0
    with pytest.raises(CheckoutError) as err:
        refund(co, sale.sale_id, {line.id: 1})
    assert err.value.code == "sale_voided"
    # the next sale does not reuse the voided number
    assert sell(co, [(catalog.tea, 1)]).receipt_no == "Q01-20261123-0002"


def test_void_refusals(env):
    services, co, catalog, clock = env
    first = sell(co, [(catalog.tea, 1)])
    second = sell(co, [(catalog.tea, 1)])
    with pytest.raises(CheckoutError) as err:
        co.void_sale(first.sale_id, cashier=CASHIER, approval=APPROVAL)
    assert err.value.code == "not_last_sale"
    with pytest.raises(ApprovalRequired) as approval_err:
        co.void_sale(second.sale_id, cashier=CASHIER, approval=None)
    assert approval_err.value.codes == ("void",)
    clock.advance(minutes=10, seconds=1)
    with pytest.raises(CheckoutError) as err:
        co.void_sale(second.sale_id, cashier=CASHIER, approval=APPROVAL)
    assert err.value.code == "void_window_passed"
    line = co.find_sale(second.sale_id).lines[0]
    ret = refund(co, second.sale_id, {line.id: 1})
    with pytest.raises(CheckoutError) as err:
        co.void_sale(ret.sale_id, cashier=CASHIER, approval=APPROVAL)
    assert err.value.code == "not_a_sale"
    with services.db.reader() as session:
        assert session.scalar(
            select(func.count()).select_from(Sale).where(Sale.status == "voided")) == 0


# --- the ledger property ------------------------------------------------------------------------

OPENING = 1_000
operation = st.one_of(
    st.tuples(st.just("sell"), st.integers(0, 2), st.integers(1, 5)),
    st.tuples(st.just("return"), st.integers(0, 50), st.integers(1, 5)),
    st.tuples(st.just("void"), st.just(0), st.just(0)),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=12))
def test_stock_is_opening_minus_sold_plus_returned(ops):
    folder = Path(tempfile.mkdtemp(prefix="pos-ledger-"))
    services, _ = make_services(folder)
    try:
        catalog = add_catalog(services.db, opening_stock=OPENING)
        co = services.checkout
        products = [catalog.tea, catalog.candy, catalog.silk]
        sold = dict.fromkeys(products, 0)
        returned = dict.fromkeys(products, 0)
        sales: list[tuple[str, str, int, int]] = []  # sale id, line id, product, qty left
        last_kind = ""
        for kind, a, b in ops:
            if kind == "sell":
                product = products[a]
                done = sell(co, [(product, b)])
                line = co.find_sale(done.sale_id).lines[0]
                sales.append((done.sale_id, line.id, product, b))
                sold[product] += b
                last_kind = "sale"
            elif kind == "return" and sales:
                index = a % len(sales)
                sale_id, line_id, product, left = sales[index]
                if left == 0:
                    continue
                qty = min(b, left)
                refund(co, sale_id, {line_id: qty})
                sales[index] = (sale_id, line_id, product, left - qty)
                returned[product] += qty
                last_kind = "return"
            elif kind == "void" and sales and last_kind == "sale":
                sale_id, line_id, product, left = sales[-1]
                co.void_sale(sale_id, cashier=CASHIER, approval=APPROVAL)
                sold[product] -= left
                sales[-1] = (sale_id, line_id, product, 0)
                last_kind = "void"
            for p in products:
                assert stock_level(services.db, p) == OPENING - sold[p] + returned[p]
        with services.db.reader() as session:
            net = session.scalar(
                select(func.coalesce(func.sum(Sale.total), 0)).where(Sale.status == "completed"))
            paid = session.scalar(
                select(func.coalesce(func.sum(SalePayment.amount), 0))
                .join(Sale, Sale.id == SalePayment.sale_id)
                .where(Sale.status == "completed"))
        assert net == paid
        assert verify(services.db).ok
    finally:
        services.db.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_void_window_is_a_setting(tmp_path):
    services, clock = make_services(tmp_path, void_window_minutes=30)
    catalog = add_catalog(services.db)
    sale = sell(services.checkout, [(catalog.tea, 1)])
    clock.advance(minutes=29)
    services.checkout.void_sale(sale.sale_id, cashier=CASHIER, approval=APPROVAL)
    assert services.checkout.last_sale().status == "voided"
    assert services.checkout.last_sale().created_at == dt.datetime(2026, 11, 23, 3, 0,
                                                                    tzinfo=dt.UTC)
    services.db.close()
