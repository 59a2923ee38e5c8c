"""Ctrl+O at the counter: an imported shop order taken into the sale, paid, gone from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos_app.domain.cart import PaymentInput


def test_take_a_pending_order_into_the_sale(ctx, screen, qtbot, tmp_path):
    from pos_app.ui.sell.orders_dialog import OrdersDialog, pick_order

    stock = ctx.services.stock
    product = next(p for p in ctx.services.catalog.search("tra", 20)
                   if p.price > 0 and p.unit != "kg"
                   and next(r.on_hand for r in stock.stock_rows() if r.sku == p.sku) >= 2)
    path = tmp_path / "tt.csv"
    path.write_text("Order ID,Seller SKU,Quantity,SKU Unit Original Price,Recipient,Phone #\n"
                    f"577001,{product.sku},2,{product.price},Lê Hoa,0911222333\n",
                    encoding="utf-8")
    stock_before = next(r.on_hand for r in stock.stock_rows() if r.sku == product.sku)
    result = ctx.services.orders.import_file(path, user="Hùng")
    assert result.ok, result.problems
    seen = {}

    def take():
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, OrdersDialog) and w.isVisible())
        seen["rows"] = dialog.list.count()
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    QTimer.singleShot(50, take)
    pick_order(screen)
    assert seen["rows"] == 1
    assert [(ln.sku, ln.qty) for ln in screen.cart.lines] == [(product.sku, 2)]
    assert screen.cart.order_id
    qtbot.waitUntil(lambda: screen.idle)
    cart = ctx.services.checkout.open_cart()
    ctx.services.checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                        cashier=screen.cashier)
    assert ctx.services.orders.pending() == []
    after = next(r.on_hand for r in stock.stock_rows() if r.sku == product.sku)
    assert after == stock_before - 2
