"""Words for the users, shifts and backup services' codes (Qt translation, context "People").

Used by the people screens and by ``ocop-pos-admin users / shift / backup / restore``. Every
string is written out as ``QCoreApplication.translate("People", "...")`` so lupdate finds it;
placeholders are filled with ``.format`` after translation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_app.domain.receipt import hanoi_tz
from pos_app.ui.messages import Context
from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands

People = Context("People")
"""For module-level texts of the people screens (the printed X and Z reports)."""


def _clock(at: Any) -> str:
    if isinstance(at, dt.datetime):
        return at.astimezone(hanoi_tz()).strftime("%H:%M")
    return str(at)


def user_error(code: str, info: dict[str, Any] | None = None) -> str:
    info = info or {}
    if code == "wrong_pin":
        return QCoreApplication.translate(
            "People", "Wrong PIN. {remaining} tries left before this user is locked."
        ).format(remaining=info.get("remaining", 0))
    if code == "locked":
        return QCoreApplication.translate(
            "People", "Too many wrong PINs: this user is locked until {time}."
        ).format(time=_clock(info.get("until")))
    if code == "disabled":
        return QCoreApplication.translate("People", "This user is disabled. Ask an admin.")
    if code == "no_such_user":
        return QCoreApplication.translate("People", "No such user.")
    if code == "bad_pin":
        return QCoreApplication.translate(
            "People", "A PIN is 4 to 8 digits; a password at least 8 characters.")
    if code == "bad_login":
        return QCoreApplication.translate(
            "People", "A login is 1 to 40 lowercase letters, digits, dots or dashes.")
    if code == "bad_name":
        return QCoreApplication.translate("People", "A name is required (at most 100 letters).")
    if code == "bad_role":
        return QCoreApplication.translate("People", "The role must be cashier, manager or admin.")
    if code == "login_taken":
        return QCoreApplication.translate("People", "That login is already used.")
    if code == "self_approval":
        return QCoreApplication.translate(
            "People", "You cannot approve your own action. Another manager must enter their PIN.")
    if code == "not_manager":
        return QCoreApplication.translate("People", "Only a manager or admin can approve.")
    if code == "last_admin":
        return QCoreApplication.translate(
            "People", "This is the last active admin: create another admin first.")
    return QCoreApplication.translate("People", "Not possible: {code}").format(code=code)


def shift_error(code: str) -> str:
    if code == "shift_open":
        return QCoreApplication.translate("People", "A shift is already open on this till.")
    if code == "no_open_shift":
        return QCoreApplication.translate("People", "No shift is open on this till.")
    if code == "already_closed":
        return QCoreApplication.translate(
            "People", "This shift is already closed; its Z report stands. Nothing was changed.")
    if code == "bad_amount":
        return QCoreApplication.translate("People", "Enter an amount in đồng, more than zero.")
    if code == "reason_required":
        return QCoreApplication.translate("People", "Say why the cash goes in or out.")
    if code == "bad_denomination":
        return QCoreApplication.translate("People", "That is not a Vietnamese note.")
    if code == "no_such_report":
        return QCoreApplication.translate("People", "No such Z report.")
    return QCoreApplication.translate("People", "Not possible: {code}").format(code=code)


def backup_error(code: str, info: dict[str, Any] | None = None) -> str:
    info = info or {}
    if code == "not_found":
        return QCoreApplication.translate("People", "The backup file was not found.")
    if code == "not_sqlite":
        return QCoreApplication.translate("People", "That file is not a database backup.")
    if code == "truncated":
        return QCoreApplication.translate(
            "People", "That backup is incomplete (cut short); it cannot be restored.")
    if code == "corrupt":
        return QCoreApplication.translate(
            "People", "That backup is damaged: {detail}").format(detail=info.get("detail", ""))
    if code == "foreign":
        return QCoreApplication.translate(
            "People", "That database is not a backup of this POS app.")
    if code == "too_new":
        return QCoreApplication.translate(
            "People", "That backup comes from a newer version of the app; update the app first.")
    if code == "app_running":
        return QCoreApplication.translate(
            "People", "The counter app is running (process {pid}); close it, then restore."
        ).format(pid=info.get("pid", "?"))
    if code == "io_error":
        return QCoreApplication.translate(
            "People", "Could not write the backup: {detail}").format(detail=info.get("detail", ""))
    return QCoreApplication.translate("People", "Not possible: {code}").format(code=code)


def role_name(role: str) -> str:
    if role == "cashier":
        return QCoreApplication.translate("People", "Cashier")
    if role == "manager":
        return QCoreApplication.translate("People", "Manager")
    if role == "admin":
        return QCoreApplication.translate("People", "Admin")
    return role
