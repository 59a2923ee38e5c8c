"""Ctrl+G at the counter: a new customer added by phone and attached to the sale, found again by
the start of the number, a refused number worded in the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos_app.domain.cart import PaymentInput
from tests.ui.sell.conftest import BANH_DAU_CODE


def _dialog():
    from pos_app.ui.sell.customer_dialog import CustomerDialog

    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, CustomerDialog) and w.isVisible())


def test_add_a_customer_by_phone_attach_and_find_again(ctx, screen, qtbot):
    from pos_app.ui.sell.customer_dialog import attach_customer

    screen.on_scanned(BANH_DAU_CODE)
    seen: dict[str, str] = {}

    def add_new():
        dialog = _dialog()
        qtbot.keyClicks(dialog.search, "+84 912 000 111")
        assert dialog.results.count() == 0
        dialog.show_form()
        assert dialog.phone.text() == "+84 912 000 111"
        dialog.phone.setText("0241 234 567")  # a landline first: refused, nothing saved
        dialog.name.setText("Khách sạn Phố Cổ")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy)
        seen["error"] = dialog.error.text()
        dialog.phone.setText("+84 912 000 111")
        dialog.consent.setChecked(True)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(50, add_new)
    attach_customer(screen)
    assert "di động" in seen["error"] or "mobile" in seen["error"]
    customer = ctx.services.customers.by_phone("0912000111")
    assert customer is not None and customer.consent
    assert screen.cart.customer_id == customer.id
    assert customer.name in screen.message.text()

    def pick_again():
        dialog = _dialog()
        qtbot.keyClicks(dialog.search, "0912 000")
        assert dialog.results.count() == 1
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    screen.cart.customer_id = ""
    QTimer.singleShot(50, pick_again)
    attach_customer(screen)
    assert screen.cart.customer_id == customer.id
    qtbot.waitUntil(lambda: screen.idle)
    stored = ctx.services.checkout.open_cart()
    assert stored.customer_id == customer.id
    done = ctx.services.checkout.complete_sale(
        stored, [PaymentInput("cash", stored.total)], cashier=screen.cashier)
    assert [p.receipt_no for p in ctx.services.customers.history(customer.id)] == [
        done.receipt_no]



def test_ctrl_g_and_ctrl_o_are_the_sell_screens_shortcuts_for_the_dialogs(ctx, screen, qtbot):
    from PySide6.QtGui import QKeySequence

    from pos_app.ui.sell.customer_dialog import CustomerDialog
    from pos_app.ui.sell.orders_dialog import OrdersDialog

    opened = []

    def close(kind):
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, kind) and w.isVisible())
        opened.append(kind)
        dialog.reject()

    keys = {s.key().toString(QKeySequence.SequenceFormat.PortableText): s
            for s in screen._shortcut_list}
    QTimer.singleShot(50, lambda: close(CustomerDialog))
    keys["Ctrl+G"].activated.emit()
    QTimer.singleShot(50, lambda: close(OrdersDialog))
    keys["Ctrl+O"].activated.emit()
    assert opened == [CustomerDialog, OrdersDialog]
