"""A small showroom with stock desk services: receipts, sales, a partial return and a void."""

from __future__ import annotations

from pathlib import Path

from pos_app.domain.cart import PaymentInput
from pos_app.services import Services
from pos_app.services.ports import FixedClock
from pos_app.services.reports.service import ReportService
from pos_app.services.stock.desk import ReceiptInput, ReceiptLine, StockService
from tests.services.fixtures import APPROVAL, CASHIER, MANAGER, Catalog, add_catalog, make_services


def stock_services(tmp_path: Path) -> tuple[Services, FixedClock, Catalog]:
    services, clock = make_services(tmp_path)
    services.stock = StockService(services.db, services.settings, clock, services.audit)
    services.reports = ReportService(services.db, services.settings, clock)
    catalog = add_catalog(services.db)
    return services, clock, catalog


def producer_id(services: Services) -> int:
    return services.stock.producers()[0][0]  # type: ignore[union-attr]


def sell(services: Services, items: list[tuple[int, int]], method: str = "cash") -> str:
    co = services.checkout
    assert co is not None
    cart = co.open_cart()
    for product_id, qty in items:
        co.add_product(cart, product_id, qty=qty)
    co.save_cart(cart)
    ref = "" if method == "cash" else "REF123"
    done = co.complete_sale(cart, [PaymentInput(method, cart.total, reference=ref)],
                            cashier=CASHIER)
    return done.receipt_no


def hand_fixture(tmp_path: Path) -> tuple[Services, FixedClock, Catalog]:
    """Day 2026-11-23 (Hanoi): tea received on consignment twice (10 @ 80.000, 10 @ 90.000),
    candy bought (20 @ 20.000); sale 1 tea×3 + candy×2 cash (430.000); sale 2 tea×1 card
    (120.000); one tea of sale 1 returned (−120.000 cash); sale 3 candy×5 voided."""
    services, clock, cat = stock_services(tmp_path)
    stock = services.stock
    assert stock is not None
    pid = producer_id(services)
    stock.receive(ReceiptInput(pid, "PN-001", True, [ReceiptLine(cat.tea, 10, 80_000)]),
                  user=MANAGER)
    stock.receive(ReceiptInput(pid, "PN-002", False, [ReceiptLine(cat.candy, 20, 20_000)]),
                  user=MANAGER)
    clock.advance(minutes=5)
    stock.receive(ReceiptInput(pid, "PN-003", True, [ReceiptLine(cat.tea, 10, 90_000)]),
                  user=MANAGER)
    clock.advance(minutes=5)
    first = sell(services, [(cat.tea, 3), (cat.candy, 2)])
    clock.advance(minutes=5)
    sell(services, [(cat.tea, 1)], method="card")
    clock.advance(minutes=5)
    co = services.checkout
    assert co is not None
    detail = co.find_sale(first)
    tea_line = next(line for line in detail.lines if line.product_id == cat.tea)
    co.return_items(first, {tea_line.id: 1}, cashier=CASHIER, approval=APPROVAL, reason="vỡ")
    clock.advance(minutes=5)
    third = sell(services, [(cat.candy, 5)])
    co.void_sale(co.find_sale(third).summary.id, cashier=CASHIER, approval=APPROVAL,
                 reason="nhầm")
    return services, clock, cat
