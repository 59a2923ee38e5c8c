"""The sell screen, driven like a cashier: scanner bursts, typing, keys; real demo database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pos_app.domain.barcodes import make_ean13
from tests.ui.sell.conftest import BANH_DAU_CODE, barcode_of


def wrong_check_digit(code: str) -> tuple[str, int]:
    right = int(code[-1])
    return code[:-1] + str((right + 1) % 10), right


def test_scan_adds_a_line_and_the_same_code_again_adds_one(ctx, screen, qtbot):
    code, info = barcode_of(ctx, "keo lac duong lam")
    screen.on_scanned(code)
    screen.on_scanned(code)
    assert len(screen.cart.lines) == 1
    line = screen.cart.lines[0]
    assert (line.product_id, line.qty) == (info.id, 2)
    assert screen.total_value.text() == screen.model.data(screen.model.index(0, 4))
    assert "₫" in screen.total_value.text()


class FakeClock:
    def __init__(self):
        self.ms = 1000.0

    def __call__(self):
        return self.ms


def test_real_scanner_filter_burst_reaches_the_screen(ctx, screen, qtbot, qapp):
    """Key bursts through the app-wide filter: digits never land in the search field."""
    from pos_app.ui.scanner import ScannerFilter

    code, _info = barcode_of(ctx, "che lam duong lam")
    clock = FakeClock()
    scanner = ScannerFilter(max_gap_ms=30, min_length=6, clock=clock)
    scanner.scanned.connect(screen.on_scanned)
    qapp.installEventFilter(scanner)
    try:
        for _burst in range(2):
            screen.scan_field.setFocus()
            for char in code:
                clock.ms += 8
                qtbot.keyClick(screen.scan_field, char)
            clock.ms += 8
            qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
            clock.ms += 2000
    finally:
        qapp.removeEventFilter(scanner)
    assert [ln.qty for ln in screen.cart.lines] == [2]
    assert screen.scan_field.text() == ""


def test_wrong_check_digit_says_which_digit(ctx, screen):
    code, _info = barcode_of(ctx, "keo lac duong lam")
    bad, right = wrong_check_digit(code)
    screen.on_scanned(bad)
    assert screen.cart.empty
    assert screen.message.isVisible()
    assert f"({right})" in screen.message.text() or f" {right})" in screen.message.text()
    assert screen.message.property("kind") == "error"


def test_unknown_code_offers_search(ctx, screen):
    unknown = make_ean13("893000000001")
    screen.on_scanned(unknown)
    assert screen.cart.empty
    assert screen.scan_field.text() == unknown
    assert unknown in screen.message.text()


def test_search_without_tone_marks_and_pick_with_keys(ctx, screen, qtbot):
    qtbot.keyClicks(screen.scan_field, "banh dau")
    assert screen.results_list.isVisible()
    names = [r.name_vi for r in screen.results]
    assert any(n.startswith("Bánh đậu") for n in names)
    index = next(i for i, n in enumerate(names) if n.startswith("Bánh đậu"))
    for _ in range(index):
        qtbot.keyClick(screen.scan_field, Qt.Key.Key_Down)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert screen.cart.lines[0].name_vi.startswith("Bánh đậu")
    assert screen.scan_field.text() == ""
    assert not screen.results_list.isVisible()


def test_escape_clears_the_search(ctx, screen, qtbot):
    qtbot.keyClicks(screen.scan_field, "lua")
    assert screen.results_list.isVisible()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Escape)
    assert screen.scan_field.text() == ""
    assert not screen.results_list.isVisible()


def test_bad_quantities_change_nothing(ctx, screen):
    screen.on_scanned(BANH_DAU_CODE)
    line = screen.cart.lines[0]
    for text in ("abc", "-2", "0", "10000000000", "1.5"):
        assert not screen.set_qty_text(line.id, text)
        assert line.qty == 1
        assert screen.message.property("kind") == "error"
    assert screen.set_qty_text(line.id, "4")
    assert line.qty == 4


def test_plus_minus_and_delete_keys(ctx, screen, qtbot):
    screen.on_scanned(BANH_DAU_CODE)
    screen.scan_field.setFocus()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Plus)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Plus)
    assert screen.cart.lines[0].qty == 3
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Minus)
    assert screen.cart.lines[0].qty == 2
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Delete)  # Del shortcut removes the line
    assert screen.cart.empty


def test_price_override_refuses_zero_and_flags_approval(ctx, screen):
    screen.on_scanned(BANH_DAU_CODE)
    line = screen.cart.lines[0]
    assert screen.set_price_text(line.id, "0") is not None
    assert screen.set_price_text(line.id, "-5000") is not None
    assert line.unit_price == 45_000
    assert screen.set_price_text(line.id, "44.000") is None  # a small cut: no approval
    assert line.approvals == []
    assert screen.set_price_text(line.id, "30.000") is None
    assert "price_override" in line.approvals
    assert screen.model.badges(line)  # the warning chip is on the row


def test_revoked_product_is_refused_with_the_reason(ctx, screen):
    from pos_app.domain.ocop import Saleability

    revoked = next(
        p for p in (ctx.services.catalog.get(i) for i in range(1, 340))
        if p.saleability is Saleability.REVOKED
    )
    screen.on_scanned(revoked.barcodes[0])
    assert screen.cart.empty
    assert revoked.name_vi in screen.message.text()
    assert screen.message.property("kind") == "error"


def test_expiring_and_expired_certificates_are_marked(ctx, screen):
    from pos_app.domain.ocop import Saleability

    products = [ctx.services.catalog.get(i) for i in range(1, 340) if i < 336]
    expiring = next(p for p in products if p.saleability is Saleability.EXPIRING)
    expired = next(p for p in products if p.saleability is Saleability.EXPIRED)
    screen.on_scanned(expiring.barcodes[0])
    assert screen.message.property("kind") == "warn"
    chips = screen.model.badges(screen.cart.lines[0])
    assert chips and chips[0][1] == "info"
    screen.on_scanned(expired.barcodes[0])  # default policy: approve
    assert "expired_cert" in screen.cart.lines[1].approvals


def test_open_cart_survives_closing_and_reopening(ctx, make_screen, qtbot):
    first = make_screen()
    first.on_scanned(BANH_DAU_CODE)
    first.set_qty_text(first.cart.lines[0].id, "5")
    qtbot.waitUntil(lambda: first.idle)
    first.close()
    second = make_screen()
    assert [(ln.name_vi[:8], ln.qty) for ln in second.cart.lines] == [("Bánh đậu", 5)]


def test_a_burst_of_scans_is_saved_once_after_the_rows_are_shown(ctx, make_screen, qtbot):
    """The open cart is saved when control is back in the event loop, once for a burst, and
    a screen hidden before that (another area, the window closing) sends the save at once."""
    first = make_screen()
    calls = []
    save = ctx.services.checkout.save_cart
    ctx.services.checkout.save_cart = lambda cart, **kw: (calls.append(len(cart.lines)),
                                                          save(cart, **kw))
    try:
        code, _info = barcode_of(ctx, "keo lac duong lam")
        first.on_scanned(BANH_DAU_CODE)
        first.on_scanned(code)
        first.on_scanned(code)
        assert not first.idle  # the save is due, not yet sent
        qtbot.waitUntil(lambda: first.idle)
        assert calls == [2]
        first.on_scanned(BANH_DAU_CODE)
        first.hide()  # no event loop in between: hiding sends the due save
        qtbot.waitUntil(lambda: first.idle)
        assert calls == [2, 2]
    finally:
        ctx.services.checkout.save_cart = save
    second = make_screen()
    assert [ln.qty for ln in second.cart.lines] == [2, 2]


def test_hold_and_recall(ctx, make_screen, qtbot):
    screen = make_screen()
    screen.on_scanned(BANH_DAU_CODE)
    assert screen.hold("bà áo xanh")
    assert screen.cart.empty
    qtbot.waitUntil(lambda: screen.idle)
    parked = ctx.services.checkout.parked()
    assert [p.label for p in parked] == ["bà áo xanh"]
    code, _info = barcode_of(ctx, "keo lac duong lam")
    screen.on_scanned(code)  # serve the next customer meanwhile
    screen.recall(parked[0].id)
    qtbot.waitUntil(lambda: screen.idle)
    assert screen.cart.lines[0].name_vi.startswith("Bánh đậu")
    assert [p.lines for p in ctx.services.checkout.parked()] == [1]  # the other one is held


def test_recall_dialog_by_keyboard(ctx, screen, qtbot):
    from pos_app.ui.sell.dialogs import RecallDialog

    screen.on_scanned(BANH_DAU_CODE)
    screen.hold("khách Nhật")
    qtbot.waitUntil(lambda: screen.idle)
    dialog = RecallDialog(ctx.services.checkout.parked(), screen)
    dialog.show()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen().label == "khách Nhật"


def test_shortcut_hint_bar_lists_the_keys(screen):
    keys = " ".join(label.text() for label in screen.findChildren(type(screen.message))
                    if label.objectName() == "Key")
    for key in ("F12", "F8", "F9", "F10", "F11", "Del", "Esc", "Ctrl+P"):
        assert key in keys


def test_scan_while_a_dialog_is_open_is_announced(screen):
    screen.on_scanned_while_busy("8930000000017")
    assert "8930000000017" in screen.message.text()
    QApplication.processEvents()


def test_new_sale_holds_the_current_cart_and_del_discards_a_held_one(ctx, screen, qtbot):
    from pos_app.ui.sell.dialogs import RecallDialog

    screen.on_scanned(BANH_DAU_CODE)
    screen.new_sale()
    assert screen.cart.empty
    qtbot.waitUntil(lambda: screen.idle)
    assert len(ctx.services.checkout.parked()) == 1

    def in_the_dialog():
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, RecallDialog) and w.isVisible())
        qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)

    QTimer.singleShot(50, in_the_dialog)
    screen.open_recall()  # F9: blocks until the dialog closes
    qtbot.waitUntil(lambda: screen.idle)
    assert ctx.services.checkout.parked() == []


def test_barcode_typed_by_hand_and_enter_adds_it(ctx, screen, qtbot):
    qtbot.keyClicks(screen.scan_field, BANH_DAU_CODE)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return)
    assert screen.cart.lines[0].barcode == BANH_DAU_CODE
    assert screen.scan_field.text() == ""


def test_product_sold_by_weight_asks_for_grams(ctx, screen, qtbot):
    from pos_app.ui.sell.dialogs import ValueDialog

    weighed = next(
        p for p in (ctx.services.catalog.get(i) for i in range(1, 336))
        if p.unit == "kg" and p.saleability.value == "ok"
    )

    def type_grams():
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ValueDialog) and w.isVisible())
        dialog.field.setText("abc")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # refused, stays open
        assert dialog.isVisible() and dialog.error.isVisible()
        dialog.field.setText("250")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    QTimer.singleShot(50, type_grams)
    screen.on_scanned(weighed.barcodes[0])
    line = screen.cart.lines[0]
    assert (line.unit, line.qty) == ("gram", 250)
    assert line.total == (250 * weighed.price + 500) // 1000


def test_messages_are_in_vietnamese_by_default(ctx, themed_app, screen):
    code, _info = barcode_of(ctx, "keo lac duong lam")
    bad, right = wrong_check_digit(code)
    screen.on_scanned(bad)
    assert screen.message.text().startswith(f"Mã vạch sai số kiểm tra (đúng phải là {right})")
