"""VAT per rate has one home: whatever the cart, the receipt, the registry event and the VAT
report say the same thing, rate by rate, to the đồng.

Random discounted multi-rate carts go through the real checkout on a real SQLite file; the
receipt is built by the print service, the event is read back from the outbox and the report
is the per-rate VAT report's difference before and after the sale.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pos_app.db.models import OutboxEvent, Sale
from pos_app.domain.cart import PaymentInput
from pos_app.domain.vat import vat_by_rate
from pos_app.services.printing.queue import PrintService
from pos_app.services.reports.service import ReportService
from tests.services.fixtures import APPROVAL, CASHIER, MORNING, add_catalog, make_services

# products of the fixture catalog by VAT rate (rice is weighed: grams)
PIECE_PRODUCTS = ("tea", "candy", "silk", "vase", "book")


class _NoPrinter:
    """The receipt is only built here, never printed."""


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    services, _ = make_services(tmp_path_factory.mktemp("vat"))
    catalog = add_catalog(services.db)
    printing = PrintService(services.db, services.settings, services.clock,
                            _NoPrinter())  # type: ignore[arg-type]
    reports = ReportService(services.db, services.settings, services.clock)
    yield services, catalog, printing, reports
    services.db.close()


line_st = st.tuples(
    st.sampled_from((*PIECE_PRODUCTS, "rice")),
    st.integers(1, 7),  # pieces, or hundreds of grams for rice
    st.integers(0, 40),  # line discount, percent of the line
)


def _report_by_rate(reports: ReportService) -> dict[int, tuple[int, int, int]]:
    day = MORNING.date()
    report = reports.vat_by_rate(day, day)
    return {row[0]: (row[2], row[3], row[4]) for row in report.rows}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line_st, min_size=1, max_size=8),
       cart_discount_permille=st.integers(0, 300))
def test_receipt_event_and_report_agree_per_rate(shop, lines, cart_discount_permille):
    services, catalog, printing, reports = shop
    co = services.checkout
    cart = co.open_cart()
    for name, amount, discount_pct in lines:
        if name == "rice":
            line = co.add_product(cart, catalog.rice, grams=amount * 100)
        else:
            line = co.add_product(cart, getattr(catalog, name), qty=amount)
        cart.set_line_discount(line.id, 0)
        cart.set_line_discount(line.id, line.gross * discount_pct // 100)
    cart.set_discount(cart.subtotal * cart_discount_permille // 1000)
    before = _report_by_rate(reports)

    done = co.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=CASHIER,
                            approval=APPROVAL)

    receipt = printing.receipt_for(done.sale_id)
    with services.db.reader() as session:
        sale = session.get(Sale, done.sale_id)
        assert sale is not None
        stored = [(v.rate, v.net, v.vat, v.gross) for v in sale.vat]
        vat_total, total = sale.vat_total, sale.total
        event = json.loads(session.scalars(
            select(OutboxEvent.payload).where(OutboxEvent.kind == "sale")
            .order_by(OutboxEvent.created_at.desc(), OutboxEvent.id.desc())).first() or "{}")
    after = _report_by_rate(reports)

    assert event["sale_id"] == done.sale_id
    by_receipt = [(p.rate, p.amount) for p in receipt.totals.vat]
    by_event = [(v["rate"], v["amount"]) for v in event["vat"]]
    zero = (0, 0, 0)
    by_report = [(rate, after[rate][1] - before.get(rate, zero)[1])
                 for rate, *_ in stored]
    by_store = [(rate, vat) for rate, _, vat, _ in stored]
    # every rate in the cart has its part, in rate order
    assert [r for r, *_ in stored] == sorted({cart_line.vat_rate for cart_line in cart.lines})
    assert by_receipt == by_event == by_report == by_store
    # the report moved by exactly this sale's parts and nothing else
    assert {r: v for r, v in after.items() if r not in {s[0] for s in stored}} == {
        r: v for r, v in before.items() if r not in {s[0] for s in stored}}
    for rate, net, vat, gross in stored:
        assert net + vat == gross
        prev = before.get(rate, zero)
        assert after[rate] == (prev[0] + net, prev[1] + vat, prev[2] + gross)
    assert [(v["rate"], v["gross"]) for v in event["vat"]] == [(r, g) for r, _, _, g in stored]
    # the parts add up to the sale's VAT total and its total, to the đồng
    assert sum(a for _, a in by_receipt) == vat_total == event["vat_total"]
    assert sum(g for *_, g in stored) == total
    # and they are the domain function's answer for these lines and this discount
    expected = vat_by_rate([(ln.total, ln.vat_rate) for ln in cart.lines], cart.discount)
    assert stored == [(v.rate, v.net, v.amount, v.gross) for v in expected]
