"""Returns (F10) and voiding the last sale (F11), with a manager's approval."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.sell.conftest import BANH_DAU_CODE, barcode_of


def sell(screen, qtbot, codes, method="cash"):
    for code in codes:
        screen.on_scanned(code)
    dialog = screen.open_payment()
    if method == "card":
        dialog.select_method("card")
        dialog.card_code.setText("7788")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.done_ok)
    qtbot.waitUntil(lambda: screen.idle)
    dialog.accept()
    return screen.last_completed


def test_partial_return_by_receipt_number(ctx, screen, qtbot, approvals):
    code, _info = barcode_of(ctx, "keo lac duong lam")
    sale = sell(screen, qtbot, [BANH_DAU_CODE, BANH_DAU_CODE, BANH_DAU_CODE, code])
    dialog = screen.open_returns()
    qtbot.keyClicks(dialog.receipt_field, sale.receipt_no.lower())  # typed, any case
    qtbot.keyClick(dialog.receipt_field, Qt.Key.Key_Return)
    assert dialog.sale is not None and len(dialog.sale.lines) == 2
    row = next(i for i, ln in enumerate(dialog.sale.lines) if ln.name_vi.startswith("Bánh đậu"))
    dialog.set_quantity(row, 5)  # more than sold
    dialog.reason.setText("vỡ hộp")
    dialog.submit()
    assert dialog.message.property("kind") == "error" and not dialog.busy
    dialog.set_quantity(row, 2)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.result_sale is not None)
    qtbot.waitUntil(lambda: screen.idle)
    assert approvals.asked[-1] == ("refund",)
    done = dialog.result_sale
    assert done.total == -90_000
    assert [(p.method, p.amount) for p in done.paid_by] == [("cash", -90_000)]
    detail = ctx.services.checkout.find_sale(sale.receipt_no)
    returned = {ln.name_vi[:8]: (ln.returned, ln.returnable) for ln in detail.lines}
    assert returned["Bánh đậu"] == (2, 1)
    assert "90.000 ₫" in dialog.message.text()


def test_return_needs_a_reason_and_an_approval(ctx, screen, qtbot, approvals):
    sale = sell(screen, qtbot, [BANH_DAU_CODE])
    dialog = screen.open_returns(sale.receipt_no)
    dialog.select_all()
    dialog.submit()
    assert dialog.message.property("kind") == "error"  # no reason
    dialog.reason.setText("khách đổi ý")
    approvals.refuse = True
    dialog.submit()
    assert not dialog.busy and dialog.result_sale is None
    qtbot.waitUntil(lambda: screen.idle)
    assert ctx.services.checkout.find_sale(sale.receipt_no).lines[0].returned == 0


def test_unknown_or_malformed_receipt_number(ctx, screen, qtbot):
    dialog = screen.open_returns()
    assert not dialog.find_receipt("Q01-2026")
    assert dialog.message.property("kind") == "error"
    assert not dialog.find_receipt("Q01-20261123-9999")
    assert dialog.sale is None
    dialog.reject()


def test_card_sale_refunds_to_the_card(ctx, screen, qtbot):
    sale = sell(screen, qtbot, [BANH_DAU_CODE], method="card")
    dialog = screen.open_returns(sale.receipt_no)
    dialog.select_all()
    dialog.reason.setText("lỗi sản phẩm")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result_sale is not None)
    qtbot.waitUntil(lambda: screen.idle)
    assert [p.method for p in dialog.result_sale.paid_by] == ["card"]


def test_void_last_sale_with_approval(ctx, screen, qtbot, approvals):
    sale = sell(screen, qtbot, [BANH_DAU_CODE])
    screen.void_last_sale(reason="quét nhầm")
    qtbot.waitUntil(lambda: screen.idle)
    assert approvals.asked[-1] == ("void",)
    assert ctx.services.checkout.find_sale(sale.receipt_no).summary.status == "voided"
    assert sale.receipt_no in screen.message.text()


def test_void_refused_without_approval(ctx, screen, qtbot, approvals):
    sale = sell(screen, qtbot, [BANH_DAU_CODE])
    approvals.refuse = True
    screen.void_last_sale(reason="quét nhầm")
    qtbot.waitUntil(lambda: screen.idle)
    assert ctx.services.checkout.find_sale(sale.receipt_no).summary.status == "completed"
    assert screen.message.property("kind") == "warn"


def test_customer_display_mirrors_cart_and_qr(ctx, screen, qtbot):
    screen.toggle_customer_display()
    display = screen.customer_display
    qtbot.addWidget(display)
    screen.on_scanned(BANH_DAU_CODE)
    assert display.model.rowCount() == 1
    assert display.total_label.text() == "45.000 ₫"
    dialog = screen.open_payment()
    dialog.select_method("transfer")
    assert display.pages.currentIndex() == 1
    assert not display.qr_label.pixmap().isNull()
    dialog.select_method("cash")
    assert display.pages.currentIndex() == 0
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.done_ok)
    assert display.pages.currentIndex() == 2  # thank you
    qtbot.waitUntil(lambda: screen.idle)
    dialog.accept()


def test_scanning_the_receipt_barcode_in_the_returns_dialog(ctx, screen, qtbot):
    sale = sell(screen, qtbot, [BANH_DAU_CODE])
    dialog = screen.open_returns()
    screen.on_scanned(sale.receipt_no)  # the scanner reads the receipt's Code 128
    assert dialog.sale is not None and dialog.sale.summary.receipt_no == sale.receipt_no
    assert screen.cart.empty  # nothing went into the cart
    dialog.reject()
