"""Screenshot scenes: the log-in screen, manager approval by PIN, closing a shift.

Scenes never write: the lock screen only lists the demo users, the approval dialog is shown
without a PIN typed, and the shift dialogs read a sample shift from a stand-in service.
The first scene ("people-login", before the main areas) leaves the counter logged in as the demo
cashier (without writing a log-in) so the other scenes show a working till.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from pos_app.services.people.shifts import ShiftReport
from pos_app.ui.common.approval import PinApprovalDialog
from pos_app.ui.messages import people as messages
from pos_app.ui.people.session import CounterLock
from pos_app.ui.people.shift_dialogs import ShiftCloseDialog, XReportDialog
from pos_app.ui.people.users_dialog import UsersDialog
from pos_app.ui.screenshots import SceneContext, register_scene

OPENED = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # 8:00 in Hanoi


class SampleShifts:
    """Reads like the shifts service, writes nothing."""

    def x_report(self) -> ShiftReport:
        return ShiftReport(
            shift_id="sample", till_code="Q01", opened_at=OPENED, opened_by="Thu ngân Lan",
            at=OPENED + dt.timedelta(hours=9), opening_float=1_000_000, sales_count=47,
            sales_total=18_730_000, returns_count=2, returns_total=-385_000, voided_count=1,
            by_method={"cash": 6_415_000, "card": 7_280_000, "transfer": 4_650_000},
            cash_in=200_000, cash_out=350_000, cash_expected=7_265_000)

    def close(self, *_args: Any, **_kwargs: Any) -> None:  # pragma: no cover (never clicked)
        raise RuntimeError("sample")


def _session(ctx: SceneContext) -> CounterLock:
    lock: CounterLock = ctx.window.people
    return lock


def _cashier(ctx: SceneContext) -> Any:
    users = ctx.services.users
    cashiers = [u for u in users.active_users() if u.role == "cashier"]
    return (cashiers or users.active_users())[0]


def login(ctx: SceneContext) -> QWidget:
    session = _session(ctx)
    session.lock()
    cashier = _cashier(ctx)
    session.lock_screen.select(cashier)
    session.lock_screen.pad.field.setText("11")
    ctx.settle()
    # afterwards the counter is "logged in" as the demo cashier, without writing a log-in
    ctx.add_cleanup(lambda: session._unlocked(cashier.actor()))
    return ctx.window  # type: ignore[no-any-return]


def login_wrong_pin(ctx: SceneContext) -> QWidget:
    session = _session(ctx)
    session.lock()
    session.lock_screen.select(_cashier(ctx))
    session.lock_screen.show_error(messages.user_error("wrong_pin", {"remaining": 3}))
    ctx.settle()
    ctx.add_cleanup(lambda: session._unlocked(_cashier(ctx).actor()))
    return ctx.window  # type: ignore[no-any-return]


def _approval(ctx: SceneContext) -> PinApprovalDialog:
    dialog = PinApprovalDialog(ctx.services.users, ("price_override", "cart_discount"),
                               _cashier(ctx).actor(), parent=ctx.window)
    dialog.show()
    ctx.settle()
    return dialog


def approval(ctx: SceneContext) -> QWidget:
    return _approval(ctx)


def approval_wrong_pin(ctx: SceneContext) -> QWidget:
    dialog = _approval(ctx)
    dialog.show_error(messages.user_error("wrong_pin", {"remaining": 4}))
    ctx.settle()
    return dialog


def shift_close(ctx: SceneContext) -> QWidget:
    dialog = ShiftCloseDialog(SampleShifts(), _cashier(ctx).actor(), parent=ctx.window)
    for denomination, count in ((500_000, 9), (200_000, 8), (100_000, 9), (50_000, 6),
                                (20_000, 9), (10_000, 6), (5_000, 2), (2_000, 4)):
        dialog.counts[denomination].setValue(count)
    dialog.show()
    ctx.settle()
    return dialog


def x_report(ctx: SceneContext) -> QWidget:
    dialog = XReportDialog(SampleShifts(), _cashier(ctx).actor(), parent=ctx.window)
    dialog.show()
    ctx.settle()
    return dialog


def users_admin(ctx: SceneContext) -> QWidget:
    users = ctx.services.users
    admin = next((u for u in users.active_users() if u.role == "admin"), _cashier(ctx))
    dialog = UsersDialog(users, admin.actor(), parent=ctx.window)
    dialog.table.selectRow(0)
    dialog.show()
    ctx.settle()
    return dialog


register_scene("people-login", login, order=-10)
register_scene("people-login-wrong-pin", login_wrong_pin, order=-9)
register_scene("people-approval", approval, order=55)
register_scene("people-approval-wrong-pin", approval_wrong_pin, order=56)
register_scene("people-shift-close", shift_close, order=60)
register_scene("people-x-report", x_report, order=61)
register_scene("people-users", users_admin, order=62)
