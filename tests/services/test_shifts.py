"""Shifts: float, cash in/out, X report, close with a count by denomination, Z report."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import func, select

from pos_app.db.models import AuditEntry, OutboxEvent, Sale, Shift, ZReport
from pos_app.domain.cart import PaymentInput
from pos_app.services.audit import verify
from pos_app.services.people.shifts import DENOMINATIONS, ShiftError, counted_total
from tests.services.fixtures import APPROVAL, CASHIER, MANAGER, add_catalog
from tests.services.people_fixtures import people_services


@pytest.fixture
def env(tmp_path):
    services, clock = people_services(tmp_path)
    catalog = add_catalog(services.db, opening_stock=100)
    yield services, clock, catalog
    services.db.close()


def sell(services, product_id, qty, payments):
    co = services.checkout
    cart = co.open_cart()
    line = co.add_product(cart, product_id)
    cart.set_qty(line.id, qty)
    co.save_cart(cart)
    return co.complete_sale(cart, payments(cart.total), cashier=CASHIER)


def test_a_whole_shift_on_a_hand_computation(env):
    services, clock, catalog = env
    shifts = services.shifts
    shifts.open(CASHIER, 1_000_000)
    # tea 120.000 × 2 cash; silk 450.000 card; candy 35.000 × 3: 50.000 transfer + 55.000 cash
    first = sell(services, catalog.tea, 2, lambda t: [PaymentInput("cash", t, tendered=500_000)])
    sell(services, catalog.silk, 1, lambda t: [PaymentInput("card", t, reference="A1")])
    sell(services, catalog.candy, 3, lambda t: [PaymentInput("transfer", 50_000),
                                               PaymentInput("cash", t - 50_000)])
    # return one tea (cash back 120.000)
    line_id = services.checkout.find_sale(first.receipt_no).lines[0].id
    services.checkout.return_items(first.receipt_no, {line_id: 1}, cashier=CASHIER,
                                   approval=APPROVAL, reason="vỡ")
    shifts.cash_move(CASHIER, "in", 200_000, "đổi tiền lẻ")
    shifts.cash_move(CASHIER, "out", 150_000, "mua nước")

    x = shifts.x_report()
    assert (x.sales_count, x.sales_total) == (3, 240_000 + 450_000 + 105_000)
    assert (x.returns_count, x.returns_total) == (1, -120_000)
    assert x.by_method == {"cash": 240_000 + 55_000 - 120_000, "card": 450_000,
                           "transfer": 50_000}
    expected = 1_000_000 + 175_000 + 200_000 - 150_000
    assert x.cash_expected == expected == 1_225_000
    assert [m.reason for m in x.moves] == ["đổi tiền lẻ", "mua nước"]

    # counted: 2×500k + 1×200k + 2×10k + 1×2k = 1.222.000 → 3.000 short
    counted = {500_000: 2, 200_000: 1, 10_000: 2, 2_000: 1}
    clock.advance(hours=8)
    z = shifts.close(MANAGER, counted)
    assert (z.label, z.counted_cash, z.over_short) == ("Z-0001", 1_222_000, -3_000)
    assert z.report.cash_expected == expected
    assert shifts.current() is None
    # stored, immutable, sent and audited
    assert shifts.z_report("Z-0001").over_short == -3_000
    with services.db.reader() as session:
        event = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "z_report")).one()
        assert json.loads(event.payload)["z_no"] == "Z-0001"
        assert session.scalars(select(AuditEntry.action).order_by(
            AuditEntry.seq.desc())).first() == "shift_close"
        shift = session.scalars(select(Shift)).one()
        assert (shift.status, shift.counted_cash, shift.expected_cash) == (
            "closed", 1_222_000, 1_225_000)
    assert verify(services.db).ok


def test_sales_record_the_open_shift(env):
    services, _, catalog = env
    before = sell(services, catalog.tea, 1, lambda t: [PaymentInput("cash", t)])
    shift = services.shifts.open(CASHIER, 0)
    during = sell(services, catalog.tea, 1, lambda t: [PaymentInput("cash", t)])
    services.shifts.close(CASHIER, {})
    after = sell(services, catalog.tea, 1, lambda t: [PaymentInput("cash", t)])
    with services.db.reader() as session:
        stamped = dict(session.execute(select(Sale.id, Sale.shift_id)).all())
    assert stamped == {before.sale_id: None, during.sale_id: shift.id, after.sale_id: None}


def test_z_numbers_count_up_per_till_and_over_is_positive(env):
    services, _, catalog = env
    shifts = services.shifts
    for n in (1, 2, 3):
        shifts.open(CASHIER, 500_000)
        z = shifts.close(CASHIER, {500_000: 1, 1_000: n})
        assert (z.label, z.over_short) == (f"Z-000{n}", n * 1_000)
    assert [z.number for z in shifts.z_reports()] == [3, 2, 1]


def test_closing_twice_is_refused_and_changes_nothing(env):
    services, _, _ = env
    shifts = services.shifts
    opened = shifts.open(CASHIER, 100_000)
    shifts.close(CASHIER, {100_000: 1})

    def snapshot():
        with services.db.reader() as session:
            return [session.scalar(select(func.count()).select_from(m))
                    for m in (ZReport, OutboxEvent, AuditEntry)]
    before = snapshot()
    with pytest.raises(ShiftError) as err:
        shifts.close(CASHIER, {100_000: 1}, shift_id=opened.id)
    assert err.value.code == "already_closed"
    with pytest.raises(ShiftError) as err:
        shifts.close(CASHIER, {100_000: 1})
    assert err.value.code == "no_open_shift"
    assert snapshot() == before


def test_one_open_shift_per_till(env):
    services, _, _ = env
    services.shifts.open(CASHIER, 0)
    with pytest.raises(ShiftError) as err:
        services.shifts.open(MANAGER, 0)
    assert err.value.code == "shift_open"


@pytest.mark.parametrize(("kind", "amount", "reason", "code"), [
    ("in", 0, "x", "bad_amount"), ("out", -5, "x", "bad_amount"), ("sideways", 1, "x", "bad_kind"),
    ("out", 10_000, "   ", "reason_required"),
])
def test_bad_cash_moves_change_nothing(env, kind, amount, reason, code):
    services, _, _ = env
    services.shifts.open(CASHIER, 0)
    with pytest.raises(ShiftError) as err:
        services.shifts.cash_move(CASHIER, kind, amount, reason)
    assert err.value.code == code
    assert services.shifts.x_report().moves == ()


def test_cash_move_needs_an_open_shift(env):
    services, _, _ = env
    with pytest.raises(ShiftError) as err:
        services.shifts.cash_move(CASHIER, "in", 1000, "x")
    assert err.value.code == "no_open_shift"
    with pytest.raises(ShiftError):
        services.shifts.x_report()


def test_bad_denominations_are_refused():
    assert counted_total({d: 1 for d in DENOMINATIONS}) == 888_000
    with pytest.raises(ShiftError) as err:
        counted_total({300_000: 1})
    assert err.value.code == "bad_denomination"
    with pytest.raises(ShiftError):
        counted_total({1_000: -1})


def test_z_reports_cannot_be_edited_or_deleted(env):
    services, _, _ = env
    services.shifts.open(CASHIER, 0)
    services.shifts.close(CASHIER, {})
    connection = sqlite3.connect(services.db.path)
    try:
        for sql in ("UPDATE z_reports SET number = 9", "DELETE FROM z_reports"):
            with pytest.raises(sqlite3.IntegrityError, match="z_report_immutable"):
                connection.execute(sql)
    finally:
        connection.close()


def test_close_backs_up_through_the_after_close_hook(env, tmp_path):
    services, _, _ = env
    made = []
    services.shifts.after_close.append(
        lambda z: made.append(services.backup.backup(reason=f"z{z.number:04d}")))
    services.shifts.after_close.insert(0, lambda z: 1 / 0)  # a failing hook changes nothing
    services.shifts.open(CASHIER, 0)
    z = services.shifts.close(CASHIER, {})
    assert z.number == 1 and len(made) == 1 and made[0].name.endswith("-z0001.sqlite3")
