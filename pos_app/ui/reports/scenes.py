"""Screenshot scenes of the reports: sales by product with its chart, and the producer
settlement (after a consignment receipt and a few sales made through checkout)."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtWidgets import QWidget

from pos_app.domain.cart import PaymentInput
from pos_app.services.people.approval import Actor
from pos_app.services.stock.desk import ReceiptInput, ReceiptLine
from pos_app.ui.screenshots import SceneContext, register_scene

CASHIER = Actor(None, "Thu ngân", "cashier")


def _seed(ctx: SceneContext) -> None:
    services = ctx.services
    if getattr(ctx, "_reports_seeded", False):
        return
    setattr(ctx, "_reports_seeded", True)  # noqa: B010 (a mark on someone else's object)
    rows = [r for r in services.stock.stock_rows() if r.cert_status == "active"]
    rng = random.Random(4)
    producer = rows[0].producer_id
    consigned = [r for r in rows if r.producer_id == producer][:3]
    services.stock.receive(ReceiptInput(producer, "PN-2026-0099", True, [
        ReceiptLine(r.id, 20, int(r.price * 0.7) // 1000 * 1000) for r in consigned]),
        user=CASHIER)
    co = services.checkout
    for n in range(14):
        cart = co.open_cart()
        picks = [*rng.sample(rows[:40], 3), consigned[n % len(consigned)]]
        for row in picks:
            co.add_product(cart, row.id, qty=rng.choice((1, 1, 2, 3)))
        co.save_cart(cart)
        method = ("cash", "card", "transfer")[n % 3]
        co.complete_sale(cart, [PaymentInput(method, cart.total,
                                             reference="" if method == "cash" else "A1")],
                         cashier=CASHIER)


def _report(ctx: SceneContext, name: str) -> Any:
    _seed(ctx)
    ctx.window.show_area("reports")
    screen = ctx.window.reports
    screen.range.setCurrentIndex(2)  # this month
    screen.name.setCurrentIndex(screen.name.findData(name))
    ctx.wait_until(lambda: screen.report is not None and screen.report.name == name)
    ctx.settle(250)
    return ctx.window


def by_product(ctx: SceneContext) -> QWidget:
    return _report(ctx, "by-product")  # type: ignore[no-any-return]


def by_payment(ctx: SceneContext) -> QWidget:
    return _report(ctx, "by-payment")  # type: ignore[no-any-return]


def settlement(ctx: SceneContext) -> QWidget:
    return _report(ctx, "producer-settlement")  # type: ignore[no-any-return]


register_scene("reports-by-product", by_product, order=320)
register_scene("reports-by-payment", by_payment, order=321)
register_scene("reports-settlement", settlement, order=322)
