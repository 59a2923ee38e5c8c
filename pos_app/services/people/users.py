"""People at the till: log-in by PIN, lock-outs, roles and what each role may do.

API (plain Python, no Qt)::

    users = services.users                                   # UsersService
    users.create(login="lan", name="Thu ngân Lan", role="cashier", secret="1111", by=admin)
    users.active_users() -> list[UserInfo]                    # the lock screen's list
    actor = users.login(user_id, "1111")                      # -> Actor, audited
    approval = users.approve(manager_id, "9999", cashier=actor, codes=("void",))
    users.set_active(user_id, False, by=admin); users.set_pin(...); users.set_role(...)
    can("cashier", VOID) -> False

Secrets are a PIN (4–8 digits) or a password (8+ characters, not all digits), stored as
argon2id hashes. Five wrong secrets in a row lock the user for five minutes (the clock is
injected, so tests move time). Errors are :class:`UserError` codes; the UI words them:
``no_such_user``, ``wrong_pin`` (info ``remaining``), ``locked`` (info ``until``), ``disabled``,
``bad_pin``, ``bad_login``, ``bad_name``, ``bad_role``, ``login_taken``, ``self_approval``,
``not_manager``, ``last_admin``.

Audit actions: ``login``, ``login_failed``, ``user_locked``, ``approval``, ``approval_failed``,
``user_created``, ``user_changed``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app.db.database import Database
from pos_app.db.models import AuditEntry, User
from pos_app.domain.errors import CodedError
from pos_app.services.audit import AuditLog
from pos_app.services.people.approval import APPROVER_ROLES, Actor, Approval
from pos_app.services.ports import Clock, SystemClock

ROLES: tuple[str, ...] = ("cashier", "manager", "admin")

DEMO_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("lan", "Thu ngân Lan", "cashier", "1111"),
    ("minh", "Quản lý Minh", "manager", "9999"),
    ("admin", "Quản trị", "admin", "0000"),
)
"""The demo showroom's people (login, name, role, PIN) — ``--demo`` only."""
MAX_FAILED = 5
LOCK_MINUTES = 5

# -- permissions ----------------------------------------------------------------------------------

PRICE_OVERRIDE = "price_override"
DISCOUNT_OVER_THRESHOLD = "discount_over_threshold"
VOID = "void"
REFUND = "refund"
STOCK_ADJUSTMENT = "stock_adjustment"
STOCK_WRITEOFF = "stock_writeoff"
NO_SALE = "no_sale"
SELL_EXPIRED_CERT = "sell_expired_cert"
SETTINGS_CHANGE = "settings_change"
MANAGE_USERS = "manage_users"
CASH_IN_OUT = "cash_in_out"
CLOSE_SHIFT = "close_shift"
OPEN_SHIFT = "open_shift"
X_REPORT = "x_report"
SELL = "sell"

_MANAGERS = frozenset({"manager", "admin"})
_EVERYONE = frozenset(ROLES)

PERMISSIONS: dict[str, frozenset[str]] = {
    SELL: _EVERYONE,
    OPEN_SHIFT: _EVERYONE,
    CLOSE_SHIFT: _EVERYONE,
    X_REPORT: _EVERYONE,
    CASH_IN_OUT: _EVERYONE,
    PRICE_OVERRIDE: _MANAGERS,
    DISCOUNT_OVER_THRESHOLD: _MANAGERS,
    VOID: _MANAGERS,
    REFUND: _MANAGERS,
    STOCK_ADJUSTMENT: _MANAGERS,
    STOCK_WRITEOFF: _MANAGERS,
    NO_SALE: _MANAGERS,
    SELL_EXPIRED_CERT: _MANAGERS,
    SETTINGS_CHANGE: frozenset({"admin"}),
    MANAGE_USERS: frozenset({"admin"}),
}
"""Which roles may do an action themselves. Anything else needs a manager's approval
(a manager typing their own PIN at the till)."""

APPROVAL_CODE_ACTIONS: dict[str, str] = {
    "price_override": PRICE_OVERRIDE,
    "line_discount": DISCOUNT_OVER_THRESHOLD,
    "cart_discount": DISCOUNT_OVER_THRESHOLD,
    "expired_cert": SELL_EXPIRED_CERT,
    "refund": REFUND,
    "void": VOID,
}
"""Checkout's approval reason codes → the guarded action they stand for."""


def can(role: str, action: str) -> bool:
    """May someone with ``role`` do ``action`` without asking a manager? Unknown actions: no."""
    return role in PERMISSIONS.get(action, frozenset())


def needs_approval(role: str, codes: Sequence[str]) -> tuple[str, ...]:
    """The approval codes among ``codes`` that ``role`` may not grant themself."""
    return tuple(c for c in codes if not can(role, APPROVAL_CODE_ACTIONS.get(c, c)))


class UserError(CodedError):
    """A log-in, approval or user change that cannot go ahead; ``code`` says why."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    role: str
    active: bool
    locked_until: dt.datetime | None  # aware UTC, None when not locked

    def actor(self) -> Actor:
        return Actor(self.id, self.name, self.role)


_PIN = re.compile(r"\d{4,8}")
_LOGIN = re.compile(r"[a-z0-9._-]{1,40}")


def check_secret(secret: str) -> None:
    """A PIN of 4–8 digits, or a password of 8–64 characters that is not all digits."""
    if secret.isdigit() and secret.isascii():
        if not _PIN.fullmatch(secret):
            raise UserError("bad_pin")
    elif not 8 <= len(secret) <= 64 or secret.strip() != secret:
        raise UserError("bad_pin")


class UsersService:
    def __init__(self, db: Database, clock: Clock | None = None, audit: AuditLog | None = None,
                 *, hasher: PasswordHasher | None = None) -> None:
        self.db = db
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)
        # argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 35 ms per
        # check on a 2-core till (the library default, 64 MiB x 3 x 4 lanes, took 340 ms, a
        # visible pause at every log-in). Older hashes are upgraded at the next log-in.
        self.hasher = hasher or PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

    # -- reading ---------------------------------------------------------------------------------

    def _info(self, user: User) -> UserInfo:
        until = user.locked_until
        if until is not None and until <= self.clock.now():
            until = None
        return UserInfo(user.id, user.login, user.name, user.role, bool(user.active), until)

    def users(self, *, active_only: bool = False) -> list[UserInfo]:
        with self.db.reader() as session:
            query = select(User).order_by(User.name)
            if active_only:
                query = query.where(User.active.is_(True))
            return [self._info(u) for u in session.scalars(query)]

    def active_users(self) -> list[UserInfo]:
        return self.users(active_only=True)

    def managers(self) -> list[UserInfo]:
        return [u for u in self.active_users() if u.role in APPROVER_ROLES]

    def count(self) -> int:
        with self.db.reader() as session:
            return int(session.scalar(select(func.count()).select_from(User)) or 0)

    def last_login(self) -> int | None:
        """The id of the person who last logged in at this till (its audit log), or None."""
        with self.db.reader() as session:
            target = session.scalar(select(AuditEntry.target).where(
                AuditEntry.action == "login").order_by(AuditEntry.seq.desc()).limit(1))
        return int(target) if target and target.isdigit() else None

    def get(self, user: int | str) -> UserInfo:
        with self.db.reader() as session:
            return self._info(self._row(session, user))

    @staticmethod
    def _row(session: Session, user: int | str) -> User:
        if isinstance(user, int):
            row = session.get(User, user)
        else:
            row = session.scalar(select(User).where(User.login == user.strip().lower()))
        if row is None:
            raise UserError("no_such_user")
        return row

    # -- changes ---------------------------------------------------------------------------------

    def create(self, *, login: str, name: str, role: str, secret: str,
               by: Actor | None = None) -> UserInfo:
        login = login.strip().lower()
        name = " ".join(name.split())
        if not _LOGIN.fullmatch(login):
            raise UserError("bad_login")
        if not name or len(name) > 100:
            raise UserError("bad_name")
        if role not in ROLES:
            raise UserError("bad_role")
        check_secret(secret)
        pin_hash = self.hasher.hash(secret)
        with self.db.transaction() as session:
            if session.scalar(select(User.id).where(User.login == login)) is not None:
                raise UserError("login_taken")
            user = User(login=login, name=name, role=role, pin_hash=pin_hash, active=True,
                        failed_attempts=0, locked_until=None,
                        created_at=self.clock.now())
            session.add(user)
            session.flush()
            self.audit.append(session, action="user_created", user=by.name if by else "",
                              target=str(user.id), detail={"login": login, "name": name,
                                                           "role": role})
            return self._info(user)

    def _change(self, user: int | str, by: Actor | None, what: dict[str, Any],
                apply: Any) -> UserInfo:
        with self.db.transaction() as session:
            row = self._row(session, user)
            apply(session, row)
            self.audit.append(session, action="user_changed", user=by.name if by else "",
                              target=str(row.id), detail={"login": row.login, **what})
            return self._info(row)

    def _admins_left(self, session: Session, without: int) -> int:
        return int(session.scalar(select(func.count()).select_from(User).where(
            User.role == "admin", User.active.is_(True), User.id != without)) or 0)

    def set_active(self, user: int | str, active: bool, *, by: Actor | None = None) -> UserInfo:
        def apply(session: Session, row: User) -> None:
            if not active and row.role == "admin" and not self._admins_left(session, row.id):
                raise UserError("last_admin")
            row.active = active
        return self._change(user, by, {"active": active}, apply)

    def set_role(self, user: int | str, role: str, *, by: Actor | None = None) -> UserInfo:
        if role not in ROLES:
            raise UserError("bad_role")

        def apply(session: Session, row: User) -> None:
            if row.role == "admin" and role != "admin" and not self._admins_left(session, row.id):
                raise UserError("last_admin")
            row.role = role
        return self._change(user, by, {"role": role}, apply)

    def set_secret(self, user: int | str, secret: str, *, by: Actor | None = None) -> UserInfo:
        check_secret(secret)
        pin_hash = self.hasher.hash(secret)

        def apply(_session: Session, row: User) -> None:
            row.pin_hash = pin_hash
            row.failed_attempts = 0
            row.locked_until = None
        return self._change(user, by, {"pin": "changed"}, apply)

    def unlock(self, user: int | str, *, by: Actor | None = None) -> UserInfo:
        def apply(_session: Session, row: User) -> None:
            row.failed_attempts = 0
            row.locked_until = None
        return self._change(user, by, {"unlocked": True}, apply)

    # -- log-in and approval ---------------------------------------------------------------------

    def _check(self, session: Session, row: User, secret: str, failed_action: str,
               detail: dict[str, Any]) -> UserError | None:
        """Check ``secret`` against ``row`` inside the caller's write transaction; counts a
        failure (and locks after the fifth). Returns the error to raise AFTER the commit."""
        now = self.clock.now()
        if not row.active:
            self.audit.append(session, action=failed_action, user=row.name, target=str(row.id),
                              detail={**detail, "problem": "disabled"})
            return UserError("disabled")
        until = row.locked_until
        if until is not None and until > now:
            self.audit.append(session, action=failed_action, user=row.name, target=str(row.id),
                              detail={**detail, "problem": "locked"})
            return UserError("locked", until=until)
        try:
            ok: bool = self.hasher.verify(row.pin_hash, secret)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok:
            row.failed_attempts = 0
            row.locked_until = None
            if self.hasher.check_needs_rehash(row.pin_hash):
                row.pin_hash = self.hasher.hash(secret)
            return None
        row.failed_attempts = (row.failed_attempts or 0) + 1
        self.audit.append(session, action=failed_action, user=row.name, target=str(row.id),
                          detail={**detail, "problem": "wrong_pin",
                                  "attempt": row.failed_attempts})
        if row.failed_attempts >= MAX_FAILED:
            lock_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            row.failed_attempts = 0
            row.locked_until = lock_until
            self.audit.append(session, action="user_locked", user=row.name, target=str(row.id),
                              detail={"until": lock_until.isoformat()})
            return UserError("locked", until=lock_until)
        return UserError("wrong_pin", remaining=MAX_FAILED - row.failed_attempts)

    def login(self, user: int | str, secret: str) -> Actor:
        """Log ``user`` in with their PIN or password; the :class:`Actor` for the till."""
        with self.db.transaction() as session:
            row = self._row(session, user)
            error = self._check(session, row, secret, "login_failed", {})
            if error is None:
                self.audit.append(session, action="login", user=row.name, target=str(row.id))
            actor = Actor(row.id, row.name, row.role)
        if error is not None:
            raise error
        return actor

    def approve(self, approver: int | str, secret: str, *, cashier: Actor,
                codes: Sequence[str] = ()) -> Approval:
        """A manager's consent given by typing THEIR OWN PIN. Refuses the cashier approving
        themself (``self_approval``) and someone who is not a manager (``not_manager``) before
        looking at the PIN; a wrong PIN counts towards the approver's lock-out."""
        with self.db.transaction() as session:
            row = self._row(session, approver)
            detail = {"codes": list(codes), "cashier": cashier.name}
            problem = ""
            if cashier.user_id is not None and cashier.user_id == row.id or (
                    cashier.user_id is None and cashier.name.strip().casefold()
                    == row.name.strip().casefold()):
                problem = "self_approval"
            elif row.role not in APPROVER_ROLES:
                problem = "not_manager"
            error: UserError | None
            if problem:
                self.audit.append(session, action="approval_failed", user=cashier.name,
                                  approved_by=row.name, target=str(row.id),
                                  detail={**detail, "problem": problem})
                error = UserError(problem)
            else:
                error = self._check(session, row, secret, "approval_failed", detail)
            actor = Actor(row.id, row.name, row.role)
        if error is not None:
            raise error
        return Approval(approver=actor)
