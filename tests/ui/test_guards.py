"""Manager-only actions from the real main window: "no sale" drawer opening, saving settings,
"sync now" and the registry's refused events, and every guarded approval code with real PINs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from pos_app import config
from pos_app.db.models import AuditEntry, OutboxEvent
from pos_app.domain.cart import PaymentInput
from pos_app.services.people.users import UserError
from pos_app.services.sync.service import PushResult
from pos_app.ui.common.approval import PinApprovalDialog
from tests.ui.people.test_people_ui import type_pin

GUARDED_CODES = ("price_override", "line_discount", "cart_discount", "void", "refund",
                 "expired_cert", "stock_adjustment", "writeoff", "stock_count", "no_sale",
                 "settings_change", "sync_retry")


def log_in(window, ctx, login: str, pin: str):
    actor = ctx.services.users.login(login, pin)
    window.people._unlocked(actor)
    return actor


def answer(qtbot, manager: str | None, pin: str = "", asked: list[str] | None = None) -> None:
    """When the PIN dialog is up: cancel it (``manager`` None) or approve as ``manager``."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinApprovalDialog):
            QTimer.singleShot(20, act)
            return
        if asked is not None:
            asked.extend(dialog.codes)
        if manager is None:
            dialog.reject()
            return
        target = next(m for m in dialog.managers if m.login == manager)
        qtbot.mouseClick(dialog.manager_buttons[target.id], Qt.MouseButton.LeftButton)
        type_pin(qtbot, dialog.pad, pin)
        if dialog.result() != PinApprovalDialog.DialogCode.Accepted:
            dialog.reject()
    QTimer.singleShot(0, act)


def drawer_audits(ctx) -> list[tuple[str, str]]:
    with ctx.db.reader() as s:
        return [(e.user_name, e.approved_by) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "drawer_open"))]


# -- every guarded code: refused without a PIN, a manager's PIN approves, never oneself ----------

@pytest.mark.parametrize("code", GUARDED_CODES)
def test_each_guarded_action_needs_a_real_manager_pin(qtbot, main_window, demo_ctx, code):
    users = demo_ctx.services.users
    lan = users.login("lan", "1111")
    main_window.session.set_actor(lan)
    provider = main_window.session.approve
    asked: list[str] = []
    answer(qtbot, None, asked=asked)
    assert provider(main_window, (code,)) is None  # cancelled: no approval
    assert asked == [code]
    answer(qtbot, "minh", "1234")
    assert provider(main_window, (code,)) is None  # a wrong PIN approves nothing
    answer(qtbot, "minh", "9999")
    approval = provider(main_window, (code,))
    assert approval is not None and approval.approver.name == "Quản lý Minh"
    with pytest.raises(UserError) as refused:  # the cashier's own PIN is no approval
        users.approve(users.get("lan").id, "1111", cashier=lan, codes=(code,))
    assert refused.value.code == "self_approval"
    minh = users.login("minh", "9999")
    with pytest.raises(UserError) as own:  # nor is a manager approving their own action
        users.approve(users.get("minh").id, "9999", cashier=minh, codes=(code,))
    assert own.value.code == "self_approval"


# -- "no sale": open the drawer ----------------------------------------------------------------

def test_cashier_opens_the_drawer_only_with_a_manager_pin(qtbot, main_window, demo_ctx):
    sell = main_window.sell
    log_in(main_window, demo_ctx, "lan", "1111")
    assert "Ctrl+K" in sell.action_buttons and any(
        label.text() for label in sell.hint_labels if "drawer" in label.text().lower()
        or "két" in label.text().lower())
    main_window.activateWindow()
    sell.scan_field.setFocus()
    answer(qtbot, None)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert drawer_audits(demo_ctx) == []
    assert sell.message.isVisible()  # refused, and said so

    answer(qtbot, "minh", "9999")
    qtbot.mouseClick(sell.action_buttons["Ctrl+K"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drawer_audits(demo_ctx) != [], timeout=5000)
    assert drawer_audits(demo_ctx) == [("Thu ngân Lan", "Quản lý Minh")]


def test_manager_opens_the_drawer_without_a_dialog(qtbot, main_window, demo_ctx, monkeypatch):
    sell = main_window.sell
    log_in(main_window, demo_ctx, "minh", "9999")
    monkeypatch.setattr(main_window.session, "approve",
                        lambda *a: pytest.fail("a manager is not asked for approval"))
    sell.open_drawer()
    qtbot.waitUntil(lambda: drawer_audits(demo_ctx) != [], timeout=5000)
    assert drawer_audits(demo_ctx) == [("Quản lý Minh", "")]


def test_drawer_errors_are_shown_clearly(qtbot, main_window, demo_ctx, monkeypatch):
    from pos_app.services.events import PrintJobState
    from pos_app.services.printing.queue import PrintServiceError

    sell = main_window.sell
    log_in(main_window, demo_ctx, "minh", "9999")

    def offline(**_kw):
        error = PrintServiceError("offline")
        error.code = "offline"  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(demo_ctx.services.printing, "open_drawer", offline)
    seen: list[tuple[str, str]] = []
    sell.message_shown.connect(lambda text, kind: seen.append((text, kind)))
    sell.open_drawer()
    qtbot.waitUntil(lambda: any(kind == "error" for _t, kind in seen), timeout=5000)
    # a drawer job that fails later (printer unplugged) says the drawer did not open; the event
    # comes from the core's bus through the window's one Qt bridge
    seen.clear()
    demo_ctx.services.events.publish(PrintJobState("j1", "drawer", "failed", error_code="offline"))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[-1][1] == "error" and "Ctrl+P" not in seen[-1][0]


# -- settings ------------------------------------------------------------------------------------

def test_a_cashier_saves_settings_only_with_approval(qtbot, main_window, demo_ctx):
    screen = main_window.settings_screen
    log_in(main_window, demo_ctx, "lan", "1111")
    main_window.show_area("settings")
    assert "Thu ngân Lan" in screen.message.text()  # told up front that saving needs a manager
    screen.fields["till_code"].widget.setText("Q09")
    asked: list[str] = []
    answer(qtbot, None, asked=asked)
    assert screen.save() is False
    assert asked == ["settings_change"]
    assert demo_ctx.settings.get(config.TILL_CODE) != "Q09"
    assert screen.message.text()

    answer(qtbot, "minh", "9999")
    assert screen.save() is True
    assert demo_ctx.settings.get(config.TILL_CODE) == "Q09"


def test_an_admin_saves_settings_without_a_dialog(qtbot, main_window, demo_ctx, monkeypatch):
    screen = main_window.settings_screen
    log_in(main_window, demo_ctx, "admin", "0000")
    monkeypatch.setattr(main_window.session, "approve",
                        lambda *a: pytest.fail("an admin is not asked for approval"))
    screen.fields["till_code"].widget.setText("Q08")
    assert screen.save() is True
    assert demo_ctx.settings.get(config.TILL_CODE) == "Q08"


# -- sync now, refused events, a sale asks the pump to push --------------------------------------

def test_sync_now_without_a_registry_says_so(main_window):
    bar = main_window.status
    assert bar.sync_button.isVisible()
    assert bar.sync_now() is False
    assert bar.last_sync_result and bar.currentMessage() == bar.last_sync_result


def test_sync_now_reports_what_was_sent_or_why_not(qtbot, main_window, demo_ctx, monkeypatch):
    bar = main_window.status
    sync = demo_ctx.services.sync
    monkeypatch.setattr(sync, "transport", object())
    results = iter([PushResult(sent=3, remaining=0), PushResult(error="offline")])
    monkeypatch.setattr(sync, "sync_once", lambda: next(results))
    assert bar.sync_now() is True
    qtbot.waitUntil(lambda: bar.sync_button.isEnabled(), timeout=5000)
    assert "3" in bar.last_sync_result
    assert bar.sync_now() is True
    qtbot.waitUntil(lambda: bar.sync_button.isEnabled(), timeout=5000)
    from pos_app.ui.messages.sync import failed_line

    assert bar.last_sync_result == failed_line("offline")


def _sell_one(ctx) -> str:
    checkout = ctx.services.checkout
    cashier = ctx.services.users.login("minh", "9999")
    cart = checkout.open_cart()
    checkout.add_product(cart, ctx.services.catalog.search("keo lac", 1)[0].id)
    return checkout.complete_sale(cart, [PaymentInput("cash", cart.total)],
                                  cashier=cashier).sale_id


def test_refused_events_are_listed_and_a_manager_sends_them_again(qtbot, main_window, demo_ctx):
    _sell_one(demo_ctx)
    with demo_ctx.db.transaction() as s:
        s.execute(update(OutboxEvent).where(OutboxEvent.status == "pending")
                  .values(status="rejected", last_error="conflict"))
    with demo_ctx.db.reader() as s:
        refused = set(s.scalars(select(OutboxEvent.id).where(OutboxEvent.status == "rejected")))
    assert refused
    bar = main_window.status
    bar.refresh()
    qtbot.waitUntil(lambda: bar.rejected_button.isVisibleTo(bar), timeout=5000)

    log_in(main_window, demo_ctx, "lan", "1111")
    dialog = bar.open_rejected()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(refused), timeout=5000)
    assert dialog.table.item(0, 2).text()  # the reason, in words
    answer(qtbot, None)
    assert dialog.retry([e[0] for e in dialog.events]) is False  # a cashier alone: refused
    answer(qtbot, "minh", "9999")
    assert dialog.retry([e[0] for e in dialog.events]) is True
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    with demo_ctx.db.reader() as s:
        assert not s.scalars(select(OutboxEvent.id).where(
            OutboxEvent.status == "rejected")).all()
    dialog.close()
    qtbot.waitUntil(lambda: not bar.rejected_button.isVisibleTo(bar), timeout=5000)


def test_a_finished_sale_asks_the_pump_to_push(qtbot, main_window, demo_ctx, monkeypatch):
    sell = main_window.sell
    log_in(main_window, demo_ctx, "minh", "9999")
    woken: list[bool] = []
    monkeypatch.setattr(demo_ctx.services.sync, "notify", lambda: woken.append(True))
    info = sell.catalog.search("keo lac duong lam", 1)[0]
    main_window.on_scanned(info.barcodes[0])
    main_window.activateWindow()
    sell.scan_field.setFocus()
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: sell.payment_dialog is not None)
    dialog = sell.payment_dialog
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.done_ok, timeout=5000)
    assert woken
    qtbot.waitUntil(lambda: sell.idle)
    dialog.accept()


# -- stock: adjustment and write-off by a cashier -------------------------------------------------

@pytest.mark.parametrize("kind", ["writeoff", "adjust"])
def test_a_cashier_changes_stock_only_with_a_manager_pin(qtbot, main_window, demo_ctx, kind):
    from tests.ui.stock.test_stock_screen import in_dialog

    log_in(main_window, demo_ctx, "lan", "1111")
    main_window.show_area("stock")
    screen = main_window.stock
    screen.refresh()
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5000)
    screen.table.selectRow(0)
    product = screen.model.rows[0]
    before = demo_ctx.services.stock.level(product.id)
    asked: list[str] = []

    def fill(manager: str | None, pin: str):
        def act(dialog) -> None:
            getattr(dialog, kind).setChecked(True)
            dialog.qty.setValue(1)
            answer(qtbot, manager, pin, asked)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            if dialog.isVisible():
                assert dialog.error.text()  # refused, and said why
                dialog.reject()
        return act

    in_dialog(fill(None, ""))
    screen.open_adjust()
    assert demo_ctx.services.stock.level(product.id) == before
    in_dialog(fill("minh", "9999"))
    screen.open_adjust()
    assert demo_ctx.services.stock.level(product.id) == before + (1 if kind == "adjust" else -1)
    assert asked == ["writeoff" if kind == "writeoff" else "stock_adjustment"] * 2
