"""Words for the users, shifts and backup services' codes (Qt translation, context "People").

Used by the people screens and by ``ocop-pos-admin users / shift / backup / restore``. Every
string is written out as ``People.tr("...")`` in a table by code, so lupdate files it under
"People"; placeholders are filled with ``.format`` after translation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pos_app.domain.receipt import hanoi_tz
from pos_app.ui.messages import Context
from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands

People = Context("People")


def _clock(at: Any) -> str:
    if isinstance(at, dt.datetime):
        return at.astimezone(hanoi_tz()).strftime("%H:%M")
    return str(at)


def _user_errors() -> dict[str, str]:
    return {
        "wrong_pin": People.tr("Wrong PIN. {remaining} tries left before this user is locked."),
        "locked": People.tr("Too many wrong PINs: this user is locked until {time}."),
        "disabled": People.tr("This user is disabled. Ask an admin."),
        "no_such_user": People.tr("No such user."),
        "bad_pin": People.tr("A PIN is 4 to 8 digits; a password at least 8 characters."),
        "bad_login": People.tr("A login is 1 to 40 lowercase letters, digits, dots or dashes."),
        "bad_name": People.tr("A name is required (at most 100 letters)."),
        "bad_role": People.tr("The role must be cashier, manager or admin."),
        "login_taken": People.tr("That login is already used."),
        "self_approval": People.tr(
            "You cannot approve your own action. Another manager must enter their PIN."),
        "not_manager": People.tr("Only a manager or admin can approve."),
        "last_admin": People.tr("This is the last active admin: create another admin first."),
    }


def _shift_errors() -> dict[str, str]:
    return {
        "shift_open": People.tr("A shift is already open on this till."),
        "no_open_shift": People.tr("No shift is open on this till."),
        "already_closed": People.tr(
            "This shift is already closed; its Z report stands. Nothing was changed."),
        "bad_amount": People.tr("Enter an amount in đồng, more than zero."),
        "reason_required": People.tr("Say why the cash goes in or out."),
        "bad_denomination": People.tr("That is not a Vietnamese note."),
        "no_such_report": People.tr("No such Z report."),
    }


def _backup_errors() -> dict[str, str]:
    return {
        "not_found": People.tr("The backup file was not found."),
        "not_sqlite": People.tr("That file is not a database backup."),
        "truncated": People.tr("That backup is incomplete (cut short); it cannot be restored."),
        "corrupt": People.tr("That backup is damaged: {detail}"),
        "foreign": People.tr("That database is not a backup of this POS app."),
        "too_new": People.tr(
            "That backup comes from a newer version of the app; update the app first."),
        "app_running": People.tr(
            "The counter app is running (process {pid}); close it, then restore."),
        "io_error": People.tr("Could not write the backup: {detail}"),
    }


def _not_possible() -> str:
    return People.tr("Not possible: {code}")


def user_error(code: str, info: dict[str, Any] | None = None) -> str:
    info = info or {}
    return _user_errors().get(code, _not_possible()).format(
        code=code, remaining=info.get("remaining", 0), time=_clock(info.get("until")))


def shift_error(code: str) -> str:
    return _shift_errors().get(code, _not_possible()).format(code=code)


def backup_error(code: str, info: dict[str, Any] | None = None) -> str:
    info = info or {}
    return _backup_errors().get(code, _not_possible()).format(
        code=code, detail=info.get("detail", ""), pid=info.get("pid", "?"))


def role_name(role: str) -> str:
    names = {"cashier": People.tr("Cashier"), "manager": People.tr("Manager"),
             "admin": People.tr("Admin")}
    return names.get(role, role)
