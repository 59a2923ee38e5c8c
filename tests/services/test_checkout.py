"""Checkout on a real SQLite file: carts that survive, the OCOP guard, one-transaction sales."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from pos_app.db.database import Database
from pos_app.db.models import (
    AuditEntry,
    OutboxEvent,
    Sale,
    SaleLine,
    SalePayment,
    SaleVat,
    StockMovement,
)
from pos_app.db.models import Cart as CartRow
from pos_app.domain.cart import APPROVE_EXPIRED_CERT, APPROVE_PRICE, CartError, PaymentInput
from pos_app.services.audit import verify
from pos_app.services.people.approval import Actor, Approval, ApprovalRequired, check_approval
from pos_app.services.ports import FixedClock
from pos_app.services.sales import checkout as checkout_module
from pos_app.services.sales.checkout import CheckoutError, CheckoutService, bench_checkout
from pos_app.services.sync.outbox import pending_count
from tests.services.fixtures import (
    APPROVAL,
    CASHIER,
    MANAGER,
    MORNING,
    add_catalog,
    make_services,
)

COUNTED = (Sale, SaleLine, SalePayment, SaleVat, StockMovement, OutboxEvent, AuditEntry)


def counts(db: Database) -> dict[str, int]:
    with db.reader() as session:
        return {
            m.__tablename__: int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (*COUNTED, CartRow)
        }


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db)
    yield services, services.checkout, catalog, clock
    services.db.close()


def pay_cash(cart):
    return [PaymentInput("cash", cart.total)]


# --- the open cart ------------------------------------------------------------------------------


def test_open_cart_survives_reopening_the_database(tmp_path):
    services, _ = make_services(tmp_path)
    catalog = add_catalog(services.db)
    co = services.checkout
    cart = co.open_cart()
    co.add_product(cart, catalog.tea, qty=2, barcode="8930000000019")
    co.add_product(cart, catalog.rice, grams=750)
    co.save_cart(cart)
    services.db.close()  # the power goes out

    again, _ = make_services(tmp_path)
    restored = again.checkout.open_cart()
    assert restored.id == cart.id
    assert restored.to_json() == cart.to_json()
    assert restored.total == 2 * 120_000 + 60_000
    again.db.close()


def test_a_new_cart_is_empty_and_stored_only_when_saved(env):
    services, co, _, _ = env
    cart = co.open_cart()
    assert cart.empty
    assert counts(services.db)["carts"] == 0
    co.save_cart(cart)
    assert co.open_cart().id == cart.id


def test_park_and_recall(env):
    services, co, catalog, clock = env
    first = co.open_cart()
    co.add_product(first, catalog.tea)
    co.save_cart(first)
    co.park(first, "bà áo xanh")
    second = co.open_cart()
    assert second.id != first.id and second.empty
    co.add_product(second, catalog.silk)
    co.save_cart(second)
    clock.advance(minutes=1)

    parked = co.parked()
    assert [(p.label, p.lines, p.total) for p in parked] == [("bà áo xanh", 1, 120_000)]

    recalled = co.recall(first.id)
    assert recalled.id == first.id and recalled.lines[0].sku == "TEA01"
    assert co.open_cart().id == first.id
    # the cart that was open had a line: it is parked, not lost
    assert [p.id for p in co.parked()] == [second.id]
    with pytest.raises(CheckoutError) as err:
        co.recall(first.id)
    assert err.value.code == "no_such_cart"


def test_recall_drops_an_empty_open_cart(env):
    services, co, catalog, _ = env
    held = co.open_cart()
    co.add_product(held, catalog.candy)
    co.park(held, "")
    empty = co.open_cart()
    co.save_cart(empty)
    co.recall(held.id)
    assert co.parked() == []
    assert counts(services.db)["carts"] == 1


def test_park_empty_cart_is_refused(env):
    _, co, _, _ = env
    with pytest.raises(CheckoutError) as err:
        co.park(co.open_cart(), "x")
    assert err.value.code == "empty_cart"


# --- the OCOP guard -----------------------------------------------------------------------------


def test_revoked_product_cannot_be_sold(env):
    _, co, catalog, _ = env
    cart = co.open_cart()
    with pytest.raises(CheckoutError) as err:
        co.add_product(cart, catalog.revoked)
    assert err.value.code == "revoked"
    assert cart.empty


def test_unknown_product(env):
    _, co, _, _ = env
    with pytest.raises(CheckoutError) as err:
        co.add_product(co.open_cart(), 99_999)
    assert err.value.code == "no_such_product"


@pytest.mark.parametrize("policy", ["allow", "approve", "block"])
def test_expired_certificate_follows_the_policy(tmp_path, policy):
    services, _ = make_services(tmp_path, expired_cert_policy=policy)
    catalog = add_catalog(services.db)
    co = services.checkout
    cart = co.open_cart()
    if policy == "block":
        with pytest.raises(CheckoutError) as err:
            co.add_product(cart, catalog.expired)
        assert err.value.code == "cert_expired"
        assert cart.empty
    else:
        line = co.add_product(cart, catalog.expired)
        expected = [APPROVE_EXPIRED_CERT] if policy == "approve" else []
        assert line.approvals == expected
    services.db.close()


def test_weighed_product_needs_grams(env):
    _, co, catalog, _ = env
    cart = co.open_cart()
    with pytest.raises(CheckoutError) as err:
        co.add_product(cart, catalog.rice)
    assert err.value.code == "needs_weight"
    line = co.add_product(cart, catalog.rice, grams=1_500)
    assert line.unit == "gram" and line.total == 120_000


def test_bad_qty_through_the_service_is_a_cart_error(env):
    _, co, catalog, _ = env
    cart = co.open_cart()
    for qty in (0, -1, 10_000_000_000):
        with pytest.raises(CartError):
            co.add_product(cart, catalog.tea, qty=qty)
    assert cart.empty


# --- completing a sale --------------------------------------------------------------------------


def test_complete_sale_writes_all_six_kinds_of_rows_together(env):
    services, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea, qty=2)
    co.add_product(cart, catalog.silk)
    co.add_product(cart, catalog.rice, grams=1_250)
    co.save_cart(cart)
    before = counts(services.db)
    done = co.complete_sale(
        cart,
        [PaymentInput("card", 500_000, reference="APP123"),
         PaymentInput("cash", 290_000, tendered=300_000)],
        cashier=CASHIER,
    )
    after = counts(services.db)
    assert {k: after[k] - before[k] for k in after} == {
        "sales": 1, "sale_lines": 3, "sale_payments": 2, "sale_vat": 3, "stock_movements": 3,
        "outbox": 1, "audit_log": 1, "carts": -1,
    }
    assert done.receipt_no == "Q01-20261123-0001"
    assert done.total == 790_000 and done.change == 10_000
    assert [(p.method, p.amount) for p in done.paid_by] == [("card", 500_000), ("cash", 290_000)]

    with services.db.reader() as session:
        sale = session.get(Sale, done.sale_id)
        assert sale is not None
        assert (sale.subtotal, sale.total, sale.tendered, sale.change) == (
            790_000, 790_000, 800_000, 10_000)
        assert sale.vat_total == 17_778 + 40_909 + 4_762
        assert sale.cashier_name == "Lan" and sale.approved_by == ""
        assert [(ln.sku, ln.qty, ln.unit, ln.line_total) for ln in sale.lines] == [
            ("TEA01", 2, "piece", 240_000), ("LUA01", 1, "piece", 450_000),
            ("GAO01", 1_250, "gram", 100_000)]
        moves = session.scalars(
            select(StockMovement).where(StockMovement.ref_id == done.sale_id)
        ).all()
        assert sorted((m.kind, m.qty) for m in moves) == [
            ("sale", -1_250), ("sale", -2), ("sale", -1)]
        assert {(m.till_code, m.user_name, m.created_at) for m in moves} == {
            ("Q01", "Lan", MORNING)}  # read back aware UTC
        assert sale.created_at == MORNING == done.created_at
        # VAT per rate stored with the sale: 100.000 at 5 %, 240.000 at 8 %, 450.000 at 10 %
        assert [(v.rate, v.net, v.vat, v.gross) for v in sale.vat] == [
            (5, 95_238, 4_762, 100_000), (8, 222_222, 17_778, 240_000),
            (10, 409_091, 40_909, 450_000)]
        payments = [(p.method, p.amount, p.tendered, p.reference) for p in sale.payments]
        assert sorted(payments) == [("card", 500_000, 500_000, "APP123"),
                                    ("cash", 290_000, 300_000, "")]
        event = session.scalars(select(OutboxEvent)).one()
        payload = json.loads(event.payload)
    assert event.kind == "sale" and event.status == "pending"
    assert payload["sale_id"] == done.sale_id and payload["receipt_no"] == done.receipt_no
    assert payload["till"] == "Q01" and payload["created_at"] == "2026-11-23T03:00:00.000Z"
    assert [
        (ln["sku"], ln["qty"], ln["unit_price"], ln["vat_rate"]) for ln in payload["lines"]
    ] == [
        ("TEA01", 2, 120_000, 8), ("LUA01", 1, 450_000, 10), ("GAO01", 1_250, 80_000, 5)]
    assert [p["method"] for p in payload["payments"]] == ["card", "cash"]
    assert payload["vat"] == [{"rate": 5, "gross": 100_000, "amount": 4_762},
                              {"rate": 8, "gross": 240_000, "amount": 17_778},
                              {"rate": 10, "gross": 450_000, "amount": 40_909}]
    assert payload["vat_total"] == sale.vat_total == sum(v["amount"] for v in payload["vat"])
    assert (payload["subtotal"], payload["total"], payload["tendered"], payload["change"]) == (
        790_000, 790_000, 800_000, 10_000)
    assert pending_count(services.db) == 1
    assert verify(services.db).ok
    assert co.open_cart().empty


def test_failure_mid_transaction_writes_nothing(env, monkeypatch):
    services, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    co.save_cart(cart)
    before = counts(services.db)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(checkout_module.outbox, "add_event", broken)
    with pytest.raises(RuntimeError):
        co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    assert counts(services.db) == before
    assert co.open_cart().id == cart.id  # the cart is still there to try again
    monkeypatch.undo()
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    assert done.receipt_no.endswith("-0001")  # the failed attempt used no number
    after = counts(services.db)
    assert {k: after[k] - before[k] for k in after} == {
        "sales": 1, "sale_lines": 1, "sale_payments": 1, "sale_vat": 1, "stock_movements": 1,
        "outbox": 1, "audit_log": 1, "carts": -1,
    }


@pytest.mark.parametrize(
    ("payments", "code"),
    [([PaymentInput("cash", 100_000)], "underpaid"),
     ([PaymentInput("card", 120_000)], "card_needs_reference")],
)
def test_refused_payment_writes_nothing(env, payments, code):
    services, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    before = counts(services.db)
    with pytest.raises(CartError) as err:
        co.complete_sale(cart, payments, cashier=CASHIER)
    assert err.value.code == code
    assert counts(services.db) == before


def test_empty_cart_cannot_be_sold(env):
    _, co, _, _ = env
    with pytest.raises(CheckoutError) as err:
        co.complete_sale(co.open_cart(), [], cashier=CASHIER)
    assert err.value.code == "empty_cart"


def test_product_revoked_after_scanning_is_refused_at_payment(env):
    services, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    from pos_app.db.models import Product

    with services.db.transaction() as session:
        product = session.get(Product, catalog.tea)
        assert product is not None
        product.cert_status = "revoked"
    before = counts(services.db)
    with pytest.raises(CheckoutError) as err:
        co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    assert err.value.code == "revoked"
    assert counts(services.db) == before


# --- approvals ----------------------------------------------------------------------------------


def overridden_cart(co, catalog):
    cart = co.open_cart()
    line = co.add_product(cart, catalog.silk)
    cart.override_price(line.id, 300_000)
    assert cart.approvals == (APPROVE_PRICE,)
    return cart


@pytest.mark.parametrize(
    ("approval", "problem"),
    [
        (None, "missing"),
        (Approval(Actor(None, "Lan", "manager")), "self_approval"),
        (Approval(Actor(None, "Mai", "cashier")), "not_manager"),
    ],
)
def test_override_needs_a_real_manager(env, approval, problem):
    services, co, catalog, _ = env
    cart = overridden_cart(co, catalog)
    before = counts(services.db)
    with pytest.raises(ApprovalRequired) as err:
        co.complete_sale(cart, pay_cash(cart), cashier=CASHIER, approval=approval)
    assert err.value.codes == (APPROVE_PRICE,) and err.value.problem == problem
    assert counts(services.db) == before


def test_approved_override_records_the_approver(env):
    services, co, catalog, _ = env
    cart = overridden_cart(co, catalog)
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER, approval=APPROVAL)
    with services.db.reader() as session:
        sale = session.get(Sale, done.sale_id)
        assert sale is not None and sale.approved_by == MANAGER.name
        assert sale.lines[0].list_price == 450_000 and sale.lines[0].unit_price == 300_000
        entry = session.scalars(select(AuditEntry)).one()
        assert entry.approved_by == MANAGER.name
        assert json.loads(entry.detail)["approvals"] == [APPROVE_PRICE]


def test_check_approval_by_user_id():
    cashier = Actor(7, "Lan", "manager")
    with pytest.raises(ApprovalRequired):
        check_approval(["void"], cashier, Approval(Actor(7, "Lan B", "manager")))
    assert check_approval(["void"], cashier, Approval(Actor(8, "Lan", "admin"))) == "Lan"
    assert check_approval([], cashier, None) == ""


# --- receipt numbers and the Hanoi day ----------------------------------------------------------


def test_receipt_numbers_increase_and_restart_on_the_next_hanoi_day(tmp_path):
    # 16:59 UTC = 23:59 in Hanoi on the 23rd; 17:00 UTC is already the 24th there.
    clock = FixedClock(dt.datetime(2026, 11, 23, 16, 58, tzinfo=dt.UTC))
    services, _ = make_services(tmp_path, clock)
    catalog = add_catalog(services.db)
    co = services.checkout

    def sell() -> str:
        cart = co.open_cart()
        co.add_product(cart, catalog.candy)
        return co.complete_sale(cart, pay_cash(cart), cashier=CASHIER).receipt_no

    numbers = [sell()]
    clock.advance(minutes=1, seconds=59)  # 16:59:59 UTC
    numbers.append(sell())
    clock.advance(seconds=1)  # 17:00:00 UTC = 00:00 in Hanoi
    numbers.append(sell())
    numbers.append(sell())
    assert numbers == ["Q01-20261123-0001", "Q01-20261123-0002",
                       "Q01-20261124-0001", "Q01-20261124-0002"]
    with services.db.reader() as session:
        dates = session.scalars(select(Sale.local_date).order_by(Sale.created_at)).all()
    assert dates == [dt.date(2026, 11, 23)] * 2 + [dt.date(2026, 11, 24)] * 2
    services.db.close()


def test_last_sale_after_restart(tmp_path):
    services, _ = make_services(tmp_path)
    catalog = add_catalog(services.db)
    co = services.checkout
    assert co.last_sale() is None
    cart = co.open_cart()
    co.add_product(cart, catalog.book)
    done = co.complete_sale(cart, [PaymentInput("transfer", 99_000, reference="FT26")],
                            cashier=CASHIER)
    services.db.close()
    again, _ = make_services(tmp_path)
    last = again.checkout.last_sale()
    assert last is not None
    assert (last.receipt_no, last.total, last.methods, last.status) == (
        done.receipt_no, 99_000, ("transfer",), "completed")
    assert [s.receipt_no for s in again.checkout.recent_sales(5)] == [done.receipt_no]
    again.db.close()


def test_find_sale_by_number_or_id(env):
    _, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea, qty=3)
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    by_no = co.find_sale(done.receipt_no.lower())
    by_id = co.find_sale(done.sale_id)
    assert by_no == by_id
    assert by_no.summary.receipt_no == done.receipt_no and by_no.summary.id == done.sale_id
    assert (by_no.summary.kind, by_no.summary.status, by_no.summary.total) == (
        "sale", "completed", 360_000)
    assert by_no.summary.created_at == MORNING
    (line,) = by_no.lines
    assert (line.sku, line.qty, line.unit_price, line.line_total, line.vat_rate) == (
        "TEA01", 3, 120_000, 360_000, 8)
    assert (line.returned, line.returnable) == (0, 3)
    assert (by_no.subtotal, by_no.discount, by_no.vat_total, by_no.change) == (
        360_000, 0, 26_667, 0)
    assert [(p.method, p.amount) for p in by_no.payments] == [("cash", 360_000)]
    assert by_no.returns == ()
    with pytest.raises(CheckoutError) as err:
        co.find_sale("Q01-20990101-0001")
    assert err.value.code == "no_such_sale"


def test_bench_checkout_reports_percentiles(tmp_path):
    services, _ = make_services(tmp_path)
    figures = bench_checkout(services, 5, lines_per_sale=20)
    assert figures["n"] == 5 and figures["lines"] == 20
    assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    print(f"complete_sale, 20 lines: p50 {figures['p50_ms']:.2f} ms, "
          f"p99 {figures['p99_ms']:.2f} ms")
    services.db.close()


def test_service_without_an_explicit_clock_or_audit(tmp_path):
    services, _ = make_services(tmp_path)
    co = CheckoutService(services.db, services.settings)
    assert co.open_cart().empty
    catalog = add_catalog(services.db)
    cart = co.open_cart()
    co.add_product(cart, catalog.book)
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    # the system clock and a default audit log: the sale is dated now, in UTC, and audited
    assert done.created_at.tzinfo is not None
    assert abs(done.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert verify(services.db).ok
    services.db.close()


def test_an_unreadable_open_cart_does_not_stop_the_till(env):
    import sqlite3

    services, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    co.save_cart(cart)
    con = sqlite3.connect(str(services.db.path))
    con.execute("UPDATE carts SET data = '{broken'")
    con.commit()
    con.close()
    fresh = co.open_cart()
    assert fresh.empty and fresh.id != cart.id
    co.save_cart(fresh)
    assert counts(services.db)["carts"] == 1


def test_approval_threshold_is_a_setting(tmp_path):
    services, _ = make_services(tmp_path, discount_approval_percent=20)
    catalog = add_catalog(services.db)
    co = services.checkout
    cart = co.open_cart()
    line = co.add_product(cart, catalog.tea)
    cart.override_price(line.id, 100_000)  # 16,7 % off: fine at 20 %
    co.save_cart(cart)
    assert co.open_cart().approvals == ()
    cart.override_price(line.id, 95_000)  # 20,8 % off
    assert cart.approvals == (APPROVE_PRICE,)
    services.db.close()


@pytest.mark.parametrize("policy", ["allow", "approve", "block"])
def test_guard_on_the_catalogs_product_matches_the_guard_on_a_fresh_read(tmp_path, policy):
    """``add_product(known=info)`` (the scan's lookup, no second read) decides exactly as the
    read-again path: revoked refused, expired per policy, weighed asks for grams."""
    from pos_app.services.catalog.lookup import CatalogService

    services, clock = make_services(tmp_path, expired_cert_policy=policy)
    catalog = add_catalog(services.db)
    co = services.checkout
    infos = CatalogService(services.db, services.settings, clock)
    for product_id in (catalog.tea, catalog.rice, catalog.expired, catalog.revoked):
        known = infos.get(product_id)
        outcomes = []
        for extra in ({}, {"known": known}):
            cart = co.open_cart()
            try:
                line = co.add_product(cart, product_id, **extra)
            except CheckoutError as exc:
                outcomes.append(("refused", exc.code, cart.lines))
            else:
                outcomes.append(("added", line.approvals, line.unit, line.qty,
                                 line.list_price, line.vat_rate, line.name_vi, line.stars))
        assert outcomes[0] == outcomes[1], product_id
    services.db.close()


# --- the receipt number the sale will get (VietQR purpose) ---------------------------------------


def test_reserved_receipt_number_is_the_one_the_sale_gets(env):
    _, co, catalog, _ = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    number = co.reserve_receipt_no(cart.id)
    assert number == "Q01-20261123-0001"
    assert co.reserve_receipt_no(cart.id) == number  # asking again does not move it
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    assert done.receipt_no == number
    # the next cart is offered the next number
    assert co.reserve_receipt_no(co.open_cart().id) == "Q01-20261123-0002"


def test_another_sale_in_between_skips_the_reserved_number(env):
    _, co, catalog, _ = env
    waiting = co.open_cart()
    co.add_product(waiting, catalog.silk)
    reserved = co.reserve_receipt_no(waiting.id)  # the customer is scanning the VietQR code
    co.park(waiting, "chờ chuyển khoản")
    other = co.open_cart()
    co.add_product(other, catalog.tea)
    first = co.complete_sale(other, pay_cash(other), cashier=CASHIER)
    assert first.receipt_no == "Q01-20261123-0002" != reserved
    again = co.recall(waiting.id)
    done = co.complete_sale(again, [PaymentInput("transfer", again.total, reference=reserved)],
                            cashier=CASHIER)
    assert done.receipt_no == reserved == "Q01-20261123-0001"


def test_a_reservation_from_yesterday_is_renewed_and_a_released_one_reused(env):
    _, co, catalog, clock = env
    cart = co.open_cart()
    co.add_product(cart, catalog.tea)
    assert co.reserve_receipt_no(cart.id) == "Q01-20261123-0001"
    clock.advance(days=1)
    assert co.reserve_receipt_no(cart.id) == "Q01-20261124-0001"
    co.release_receipt_no(cart.id)
    other = co.open_cart()
    assert co.reserve_receipt_no("someone-else") == "Q01-20261124-0001"
    done = co.complete_sale(cart, pay_cash(cart), cashier=CASHIER)
    assert done.receipt_no == "Q01-20261124-0002"  # 0001 is promised to the other cart
    assert other.empty
