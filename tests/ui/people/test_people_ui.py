"""The counter's people screens as a cashier and a manager use them: log in with a PIN, lock and
unlock, a manager approving with their own PIN, closing a shift by counting notes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from pos_app.db.models import AuditEntry
from pos_app.domain.cart import PaymentInput
from pos_app.services.people.approval import Actor
from pos_app.ui.common.approval import PinApprovalDialog
from pos_app.ui.people.shift_dialogs import AmountDialog, ShiftCloseDialog


@pytest.fixture
def session(main_window):
    session = main_window.people
    assert session is not None
    session.lock()
    assert session.locked
    return session


def user_id(ctx, login: str) -> int:
    return ctx.services.users.get(login).id


def type_pin(qtbot, pad, pin: str) -> None:
    pad.clear()
    qtbot.keyClicks(pad.field, pin)
    qtbot.keyClick(pad.field, Qt.Key.Key_Return)


def test_login_with_pin_sets_the_cashier_everywhere(qtbot, main_window, session, demo_ctx):
    lock = session.lock_screen
    lan = demo_ctx.services.users.get("lan")
    qtbot.mouseClick(lock.user_buttons[lan.id], Qt.MouseButton.LeftButton)
    assert lock.who.text().endswith("Thu ngân Lan")
    # digits by touch on the pad, then Enter on the keyboard
    for digit in "1111":
        qtbot.mouseClick(lock.pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.keyClick(lock.pad.field, Qt.Key.Key_Return)
    assert not session.locked
    assert main_window.sell.cashier == Actor(lan.id, "Thu ngân Lan", "cashier")
    assert "Thu ngân Lan" in main_window.meta_label.text()


def test_wrong_pin_keeps_the_counter_locked_with_a_clear_message(qtbot, session, demo_ctx):
    lock = session.lock_screen
    lock.select(demo_ctx.services.users.get("lan"))
    type_pin(qtbot, lock.pad, "4321")
    assert session.locked
    assert lock.error.isVisible() and "4" in lock.error.text()
    assert lock.pad.field.text() == ""


def test_a_scan_while_locked_sells_nothing(qtbot, main_window, session):
    before = list(main_window.sell.cart.lines) if hasattr(main_window.sell, "cart") else []
    main_window.on_scanned("8936000000000")
    after = list(main_window.sell.cart.lines) if hasattr(main_window.sell, "cart") else []
    assert before == after


def test_lock_and_switch_cashier(qtbot, main_window, session, demo_ctx):
    lock = session.lock_screen
    lock.select(demo_ctx.services.users.get("lan"))
    type_pin(qtbot, lock.pad, "1111")
    assert not session.locked
    # Ctrl+L locks; the same person is preselected
    qtbot.keyClick(main_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert session.locked
    assert lock.selected.login == "lan"
    # another person takes over the till
    qtbot.keyClick(lock, Qt.Key.Key_Up)
    lock.select(demo_ctx.services.users.get("minh"))
    type_pin(qtbot, lock.pad, "9999")
    assert main_window.sell.cashier.name == "Quản lý Minh"


def test_idle_timeout_locks_the_counter(qtbot, session, demo_ctx):
    lock = session.lock_screen
    lock.select(demo_ctx.services.users.get("lan"))
    type_pin(qtbot, lock.pad, "1111")
    session.idle_ms = 30
    session.idle.start(session.idle_ms)
    qtbot.waitUntil(lambda: session.locked, timeout=5000)


def _answer_dialog(qtbot, manager: str, pins: list[str], seen: list[str]) -> None:
    """When the approval dialog is up: pick ``manager``, type each PIN (recording errors)."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinApprovalDialog):
            QTimer.singleShot(20, act)
            return
        target = next(m for m in dialog.managers if m.login == manager)
        qtbot.mouseClick(dialog.manager_buttons[target.id], Qt.MouseButton.LeftButton)
        for pin in pins:
            type_pin(qtbot, dialog.pad, pin)
            if dialog.result() == PinApprovalDialog.DialogCode.Accepted:
                return
            assert dialog.error.isVisibleTo(dialog)
            seen.append(dialog.error.text())
        dialog.reject()
    QTimer.singleShot(0, act)


def test_manager_pin_approves_a_discount_in_the_sell_flow(qtbot, main_window, demo_ctx):
    users = demo_ctx.services.users
    checkout = demo_ctx.services.checkout
    cashier = users.login("lan", "1111")
    product = demo_ctx.services.catalog.search("tra", 1)[0]
    cart = checkout.open_cart()
    line = checkout.add_product(cart, product.id)
    cart.override_price(line.id, max(1_000, line.unit_price // 2))
    assert cart.approvals
    seen: list[str] = []
    _answer_dialog(qtbot, "minh", ["1234", "9999"], seen)
    main_window.session.set_actor(cashier)
    approval = main_window.session.approve(main_window, cart.approvals)
    assert approval is not None and approval.approver.name == "Quản lý Minh"
    assert len(seen) == 1 and "4" in seen[0]  # the wrong PIN was explained, not accepted
    done = checkout.complete_sale(cart, [PaymentInput("cash", cart.total)], cashier=cashier,
                                  approval=approval)
    with demo_ctx.db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.target == done.sale_id)).one()
    assert (entry.user_name, entry.approved_by) == ("Thu ngân Lan", "Quản lý Minh")


def test_a_manager_cannot_approve_their_own_action(qtbot, main_window, demo_ctx):
    users = demo_ctx.services.users
    minh = users.login("minh", "9999")
    seen: list[str] = []
    _answer_dialog(qtbot, "minh", ["9999"], seen)
    main_window.session.set_actor(minh)
    approval = main_window.session.approve(main_window, ("void",))
    assert approval is None
    assert seen and seen[0]  # a clear message, no approval


def test_close_a_shift_by_counting_notes(qtbot, main_window, demo_ctx):
    shifts = demo_ctx.services.shifts
    lan = demo_ctx.services.users.login("lan", "1111")
    opening = AmountDialog(shifts, lan, "open", main_window)
    qtbot.addWidget(opening)
    qtbot.keyClicks(opening.amount, "1.000.000")
    qtbot.mouseClick(opening.ok, Qt.MouseButton.LeftButton)
    assert shifts.current() is not None
    dialog = ShiftCloseDialog(shifts, lan, main_window)
    qtbot.addWidget(dialog)
    dialog.counts[500_000].setValue(1)
    dialog.counts[200_000].setValue(2)
    dialog.counts[50_000].setValue(1)
    assert dialog.counted_label.text() == "950.000 ₫"
    assert dialog.diff_label.text() == "-50.000 ₫"
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.z is not None and dialog.z.label == "Z-0001" and dialog.z.over_short == -50_000
    assert shifts.current() is None
    # a second close of the same shift is refused with a message, nothing changes
    again = ShiftCloseDialog(shifts, lan, main_window)
    qtbot.addWidget(again)
    assert again.error.isVisibleTo(again) and not again.ok.isEnabled()


def test_z_report_prints_through_the_print_queue(qtbot, main_window, demo_ctx, tmp_path):
    from pos_app import config
    from pos_app.hardware.escpos_decode import decode_escpos
    from pos_app.ui.people.shift_dialogs import report_rows

    out = tmp_path / "printer.bin"
    demo_ctx.settings.set(config.PRINTER_URI, f"file://{out}")
    shifts = demo_ctx.services.shifts
    lan = demo_ctx.services.users.login("lan", "1111")
    shifts.open(lan, 500_000)
    shifts.cash_move(lan, "out", 100_000, "mua nước")
    z = shifts.close(lan, {200_000: 2})
    rows = report_rows(z.report, z=z, showroom="OCOP Hà Nội")
    job = demo_ctx.services.printing.print_document(rows)
    info = demo_ctx.services.printing.wait(job, timeout=30)
    assert info.status == "printed", info
    data = out.read_bytes()
    assert b"\x1dv0" in data  # raster, like receipts
    image = decode_escpos(data)
    image.save(tmp_path / "z-report.png")
    assert image.height > 400


def test_admin_adds_and_disables_a_user(qtbot, main_window, demo_ctx):
    from pos_app.ui.people.users_dialog import UsersDialog

    users = demo_ctx.services.users
    admin = users.login("admin", "0000")
    dialog = UsersDialog(users, admin, main_window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Thu ngân Hoa")  # QTest types ASCII only; an IME would type this
    qtbot.keyClicks(dialog.login, "hoa")
    qtbot.keyClicks(dialog.pin, "12")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.message.property("kind") == "error" and users.count() == 3
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.selected().login == "hoa"
    assert users.login("hoa", "2468").role == "cashier"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    assert not users.get("hoa").active
    assert "hoa" not in {u.login for u in main_window.people.users.active_users()}


def test_first_run_creates_the_first_admin(qtbot, tmp_path):
    from pos_app.ui.people.users_dialog import FirstAdminDialog
    from tests.services.people_fixtures import people_services

    services, _ = people_services(tmp_path)
    try:
        dialog = FirstAdminDialog(services.users)
        qtbot.addWidget(dialog)
        dialog.name.setText("Quản trị Hà")
        qtbot.keyClicks(dialog.pin, "2468")
        qtbot.keyClicks(dialog.again, "2469")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert dialog.error.isVisibleTo(dialog) and services.users.count() == 0
        dialog.again.clear()
        qtbot.keyClicks(dialog.again, "2468")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert dialog.created is not None
        assert services.users.login("admin", "2468").role == "admin"
    finally:
        services.db.close()


# -- the lock screen starts on the last person at this till; nobody chosen is said ----------------

def test_the_lock_screen_starts_on_the_last_person_logged_in_here(qtbot, main_window, demo_ctx):
    users = demo_ctx.services.users
    main_window.session.set_actor(None)
    users.login("lan", "1111")  # the last log-in at this till (its audit log)
    main_window.people.lock()
    lock = main_window.people.lock_screen
    assert lock.selected is not None and lock.selected.login == "lan"


def test_with_no_one_to_resume_nobody_is_chosen_and_a_pin_says_so(qtbot, main_window, demo_ctx):
    main_window.session.set_actor(None)
    main_window.people.lock()  # nobody has logged in on this fresh till
    lock = main_window.people.lock_screen
    assert lock.selected is None
    assert not any(b.isChecked() for b in lock.user_buttons.values())
    type_pin(qtbot, lock.pad, "1111")
    assert main_window.people.locked
    assert lock.error.isVisibleTo(lock) and lock.error.text()
    qtbot.keyClick(lock.pad.field, Qt.Key.Key_Down)  # one arrow key to the first name
    assert lock.selected is not None and lock.selected.id == lock._users[0].id


def test_with_nobody_logged_in_an_approval_says_so_and_approves_nothing(qtbot, main_window):
    session = main_window.session
    session.set_actor(None)
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_box)
            return
        seen.append(box.findChild(QLabel, "qt_msgbox_label").text())
        box.close()

    QTimer.singleShot(0, close_box)
    assert session.approve(main_window, ("void",)) is None
    assert seen and "Ctrl+L" in seen[0]
