"""Screenshot scenes of the sell screen for ``ocop-pos-admin screenshots`` (see
``pos_app/ui/screenshots.py``): the screen with a realistic cart, a search, the payment dialog
(cash, VietQR), the success view, the approval dialog, the returns dialog, the customer display.

Scenes never write: the cart is built in memory and put back afterwards, the returns dialog is
fed a sale detail made here, and a VietQR scene without bank settings uses a sample account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.domain.cart import Cart, SettledPayment
from pos_app.services.people.approval import Actor
from pos_app.services.sales.checkout import SaleDetail, SaleLineDetail, SaleSummary
from pos_app.ui.common.approval import PinApprovalDialog
from pos_app.ui.screenshots import SceneContext, register_scene
from pos_app.ui.sell.payment import BankAccount, PaymentDialog
from pos_app.ui.sell.returns import ReturnsDialog

# Products of the demo showroom, by what a cashier would type (first match is taken).
DEMO_BASKET: tuple[tuple[str, int], ...] = (
    ("keo lac duong lam", 3),
    ("ao dai lua", 1),
    ("bat huong men lam", 1),
    ("giao co lam", 2),
    ("cao ich mau", 1),
    ("che lam duong lam", 2),
)
SAMPLE_CASHIER = Actor(None, "Thu ngân Lan", "cashier")
"""Who the scenes sell as when nobody is logged in (scenes log nobody in)."""
SAMPLE_BANK = BankAccount("970436", "0011004321987", "CONG TY TNHH OCOP HA NOI")


def _screen(ctx: SceneContext) -> Any:
    ctx.window.show_area("sell")
    return ctx.window.sell


def fill_demo_cart(screen: Any) -> Cart:
    """A realistic cart in memory (not saved): stars, an override needing approval, an
    expiring certificate, an expired one under the approval policy."""
    catalog, checkout = screen.catalog, screen.checkout
    cart = Cart(approval_percent=checkout.approval_percent)
    for query, qty in DEMO_BASKET:
        found = catalog.search(query, 1)
        if not found:
            continue
        screen.model.saleability[found[0].id] = found[0].saleability
        try:
            line = checkout.add_product(cart, found[0].id)
        except Exception:  # revoked or blocked in this catalog: skip it
            continue
        if qty > 1:
            cart.set_qty(line.id, qty)
    if len(cart.lines) > 2:
        line = cart.lines[2]
        cart.override_price(line.id, line.list_price * 8 // 10 // 1000 * 1000)
    return cart


def _with_cart(ctx: SceneContext) -> Any:
    screen = _screen(ctx)
    original = screen.cart
    screen._set_cart(fill_demo_cart(screen))
    ctx.add_cleanup(lambda: screen._set_cart(original))
    return screen


def sell_with_cart(ctx: SceneContext) -> QWidget:
    screen = _with_cart(ctx)
    screen.show_message(QCoreApplication.translate("SellScreen", "Added {name} — {price}").format(
        name=screen.cart.lines[-1].name_vi, price="45.000 ₫"), "info")
    ctx.settle()
    return ctx.window  # type: ignore[no-any-return]


def sell_search(ctx: SceneContext) -> QWidget:
    screen = _with_cart(ctx)
    screen.scan_field.setText("lua van phuc")
    screen._run_search("lua van phuc")
    ctx.add_cleanup(screen.clear_search)
    ctx.settle()
    return ctx.window  # type: ignore[no-any-return]


def _payment(ctx: SceneContext, method: str) -> PaymentDialog:
    screen = _with_cart(ctx)
    bank = screen.bank_account()
    if not bank.complete:
        bank = SAMPLE_BANK
    dialog = PaymentDialog(screen.cart.total, bank, screen.transfer_note(), screen)
    dialog.resize(980, 660)
    dialog.show()
    dialog.select_method(method)
    if method == "cash":
        dialog.cash_field.setText(str((screen.cart.total // 500_000 + 1) * 500_000))
    ctx.settle()
    return dialog


def payment_cash(ctx: SceneContext) -> QWidget:
    return _payment(ctx, "cash")


def payment_vietqr(ctx: SceneContext) -> QWidget:
    return _payment(ctx, "transfer")


def payment_done(ctx: SceneContext) -> QWidget:
    dialog = _payment(ctx, "cash")
    printed = QCoreApplication.translate("SellScreen", "Receipt printed.")
    dialog.show_success("Q01-20261123-0042", 155_000, printed)
    ctx.settle()
    return dialog


def approval(ctx: SceneContext) -> QWidget:
    screen = _with_cart(ctx)
    dialog = PinApprovalDialog(screen.session.users, screen.cart.approvals or ("price_override",),
                               screen.session.actor or SAMPLE_CASHIER, parent=screen)
    dialog.show()
    ctx.settle()
    return dialog


def sample_sale(screen: Any) -> SaleDetail:
    """A sale detail for the returns scene (never written)."""
    cart = fill_demo_cart(screen)
    at = dt.datetime(2026, 11, 23, 3, 42, tzinfo=dt.UTC)
    lines = tuple(
        SaleLineDetail(
            id=line.id, line_no=n + 1, product_id=line.product_id, sku=line.sku,
            name_vi=line.name_vi, name_en=line.name_en, unit=line.unit, qty=line.qty,
            unit_price=line.unit_price, discount=line.discount, line_total=line.total,
            vat_rate=line.vat_rate, returned=1 if n == 0 else 0,
            returnable=line.qty - (1 if n == 0 else 0),
        )
        for n, line in enumerate(cart.lines)
    )
    card = min(1_000_000, cart.total)
    payments = (
        SettledPayment("card", card, card, "004512"),
        SettledPayment("cash", cart.total - card, cart.total - card + 50_000),
    )
    summary = SaleSummary(
        id="0193f000-0000-7000-8000-000000000042", receipt_no="Q01-20261123-0042", kind="sale",
        status="completed", created_at=at, total=cart.total, methods=("card", "cash"),
        cashier_name=screen.session.actor_name or SAMPLE_CASHIER.name,
    )
    return SaleDetail(summary=summary, lines=lines, payments=payments, subtotal=cart.total,
                      discount=0, vat_total=0, change=50_000, approved_by="")


def returns(ctx: SceneContext) -> QWidget:
    screen = _screen(ctx)
    dialog = ReturnsDialog(screen)
    dialog.receipt_field.setText("Q01-20261123-0042")
    dialog.load(sample_sale(screen))
    dialog.set_quantity(0, 1)
    dialog.reason.setText("Vỡ khi vận chuyển")
    dialog.resize(1000, 660)
    dialog.show()
    ctx.settle()
    return dialog


def customer_display(ctx: SceneContext) -> QWidget:
    screen = _with_cart(ctx)
    screen.toggle_customer_display()
    display = screen.customer_display
    display.resize(1280, 720)
    ctx.add_cleanup(lambda: screen.customer_display and screen.customer_display.close())
    ctx.settle()
    return display  # type: ignore[no-any-return]


def customer_display_qr(ctx: SceneContext) -> QWidget:
    dialog = _payment(ctx, "transfer")
    screen = _screen(ctx)
    screen.toggle_customer_display()
    display = screen.customer_display
    display.resize(1280, 720)
    display.show_qr(dialog.qr_payload, screen.cart.total, dialog.bank.holder, dialog.bank.account)

    def close_dialog() -> None:
        dialog.close()

    ctx.add_cleanup(close_dialog)
    ctx.add_cleanup(lambda: screen.customer_display and screen.customer_display.close())
    ctx.settle()
    return display  # type: ignore[no-any-return]


register_scene("sell", sell_with_cart, order=0)
register_scene("sell-search", sell_search, order=1)
register_scene("sell-payment-cash", payment_cash, order=2)
register_scene("sell-payment-vietqr", payment_vietqr, order=3)
register_scene("sell-payment-done", payment_done, order=4)
register_scene("sell-approval", approval, order=5)
register_scene("sell-returns", returns, order=6)
register_scene("sell-customer-display", customer_display, order=7)
register_scene("sell-customer-display-qr", customer_display_qr, order=8)
