"""Screenshot scenes of the stock desk: the screen with a low-stock alert, a goods receipt being
entered, a count in progress."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from pos_app.services.people.approval import Actor
from pos_app.ui.screenshots import SceneContext, register_scene

MANAGER = Actor(None, "Quản lý", "manager")


def _screen(ctx: SceneContext) -> Any:
    ctx.window.show_area("stock")
    ctx.settle(200)
    return ctx.window.stock


def stock_low(ctx: SceneContext) -> QWidget:
    screen = _screen(ctx)
    stock = ctx.services.stock
    rows = stock.stock_rows()
    for row in rows[:3]:
        stock.set_threshold(row.id, row.on_hand + 5, user=MANAGER)
    screen.refresh()
    ctx.wait_until(lambda: screen.model.low_count >= 3)
    screen.search.setText("banh")
    screen.apply_filter()
    ctx.settle(200)
    return ctx.window  # type: ignore[no-any-return]


def stock_receipt(ctx: SceneContext) -> QWidget:
    from pos_app.ui.stock.dialogs import ReceiptDialog

    screen = _screen(ctx)
    dialog = ReceiptDialog(ctx.services, screen.session, ctx.window)
    rows = [r for r in ctx.services.stock.stock_rows()
            if r.producer_id == dialog.producer.currentData()][:4]
    dialog.doc_no.setText("PN-2026-0142")
    dialog.consignment.setChecked(True)
    for n, row in enumerate(rows):
        dialog.add_line(row.id, 6 + 6 * n, int(row.price * 0.7) // 1000 * 1000)
    dialog.show()
    ctx.settle(200)
    return dialog


def stock_count(ctx: SceneContext) -> QWidget:
    from pos_app.ui.stock.dialogs import CountDialog

    screen = _screen(ctx)
    dialog = CountDialog(ctx.services, screen.session, ctx.window)
    dialog.scope.setCurrentIndex(1)  # the first group
    dialog.start()
    scope, value = dialog.scope.currentData()
    rows = [r for r in ctx.services.stock.stock_rows() if r.group == value][:5]
    for n, row in enumerate(rows):
        dialog.record(row.id, max(0, row.on_hand - (n % 3)))
    dialog.show()
    ctx.settle(200)
    ctx.add_cleanup(lambda: ctx.services.stock.cancel_count(dialog.count_id, user=MANAGER))
    return dialog


register_scene("stock-low", stock_low, order=310)
register_scene("stock-receipt", stock_receipt, order=311)
register_scene("stock-count", stock_count, order=312)
