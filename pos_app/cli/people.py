"""``users``, ``shift``, ``backup`` and ``restore``: people, the cash drawer's shifts and the
database's safety copies, from the command line."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.cli import identity

if TYPE_CHECKING:
    from pos_app.services.people.approval import Actor
    from pos_app.services.people.users import UserInfo, UsersService

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("users", parents=[common], help="list, add, enable/disable users")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    q = users.add_parser("list", parents=[common], help="every user with role and state")
    q.set_defaults(func=_users_list)
    q = users.add_parser("add", parents=[common], help="add a user")
    q.add_argument("login")
    q.add_argument("--name", required=True, help="name shown at the till and on receipts")
    q.add_argument("--role", required=True, choices=("cashier", "manager", "admin"))
    identity.add_arguments(q)
    q.set_defaults(func=_users_add)
    for action, helptext in (("disable", "stop a user from logging in"),
                             ("enable", "let a disabled user log in again"),
                             ("unlock", "lift a lock-out after wrong PINs"),
                             ("set-pin", "give a user a new PIN (prompted)")):
        q = users.add_parser(action, parents=[common], help=helptext)
        q.add_argument("login")
        identity.add_arguments(q)
        q.set_defaults(func=_users_change, action=action)

    p = sub.add_parser("shift", parents=[common], help="this till's shift: status / X / Z")
    shift = p.add_subparsers(dest="shift_command", metavar="ACTION", required=True)
    q = shift.add_parser("x", parents=[common], help="X report of the open shift")
    identity.add_arguments(q)
    q.set_defaults(func=_shift_x)
    q = shift.add_parser("z", parents=[common], help="show a stored Z report (default: last)")
    q.add_argument("number", nargs="?", help="Z number, e.g. 3 or Z-0003")
    identity.add_arguments(q)
    q.set_defaults(func=_shift_z)

    p = sub.add_parser("backup", parents=[common],
                       help="online backup of the database (SQLite backup API)")
    p.add_argument("dest", nargs="?", metavar="DEST",
                   help="folder or file (default: the backup_dir setting / data/backups)")
    p.set_defaults(func=_backup)

    p = sub.add_parser("restore", parents=[common],
                       help="replace the database by a backup (the counter app must be closed)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    identity.add_arguments(p)
    p.set_defaults(func=_restore)


def _say(args: argparse.Namespace) -> None:
    from pos_app.config import LANGUAGE, Settings, SettingsError
    from pos_app.ui.messages import people as messages

    try:
        lang = Settings.load(args.data_dir).get(LANGUAGE)
    except SettingsError:
        lang = "vi"
    messages.ensure_translation(lang)


def _secret(prompt: str) -> str:
    """A new PIN: asked for twice at a terminal, else the next line of standard input (after
    the ``--as`` person's own PIN) — never an argument, where ``ps`` and history keep it."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass(prompt)
    if getpass.getpass("again: ") != first:
        print("the two entries differ", file=sys.stderr)
        raise SystemExit(2)
    return first


# --- users ---------------------------------------------------------------------------------------


def _users_list(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        assert ctx.services.users is not None
        for u in ctx.services.users.users():
            state = "active" if u.active else "disabled"
            if u.locked_until is not None:
                state += f", locked until {u.locked_until.isoformat(timespec='seconds')}"
            print(f"{u.login:<16} {u.role:<8} {state:<10} {u.name}")
    return 0


def _users_add(args: argparse.Namespace) -> int:
    def add(users: UsersService, actor: Actor) -> UserInfo:
        return users.create(login=args.login, name=args.name, role=args.role,
                            secret=_secret("PIN: "), by=actor)

    user = _as_admin(args, add)
    if user is None:
        return 1
    print(f"added {user.login} ({user.role}): {user.name}")
    return 0


def _users_change(args: argparse.Namespace) -> int:
    def change(users: UsersService, actor: Actor) -> UserInfo:
        if args.action in ("disable", "enable"):
            return users.set_active(args.login, args.action == "enable", by=actor)
        if args.action == "unlock":
            return users.unlock(args.login, by=actor)
        return users.set_secret(args.login, _secret("new PIN: "), by=actor)

    user = _as_admin(args, change)
    if user is None:
        return 1
    print(f"{args.action}: {user.login} ({user.name})")
    return 0


def _as_admin(args: argparse.Namespace,
              change: Callable[[UsersService, Actor], UserInfo]) -> UserInfo | None:
    """``change`` by the admin the command names; a refusal is worded on stderr (None)."""
    from pos_app.app import open_context
    from pos_app.services.people.users import UserError
    from pos_app.ui.messages import people as messages

    with open_context(args.data_dir) as ctx:
        users = ctx.services.users
        actor = identity.require(args, users, identity.ADMIN)
        try:
            return change(users, actor)
        except UserError as exc:
            _say(args)
            print(messages.user_error(exc.code, exc.info), file=sys.stderr)
            return None


# --- shifts --------------------------------------------------------------------------------------


def _print_report(report: object) -> None:
    from pos_app.domain.money import format_vnd
    from pos_app.domain.receipt import hanoi_tz
    from pos_app.services.people.shifts import ShiftReport

    assert isinstance(report, ShiftReport)
    opened = report.opened_at.astimezone(hanoi_tz()).strftime("%Y-%m-%d %H:%M")
    print(f"till {report.till_code}, opened {opened} by {report.opened_by}")
    print(f"opening float     {format_vnd(report.opening_float):>16}")
    print(f"sales ({report.sales_count:>3})       {format_vnd(report.sales_total):>16}")
    print(f"returns ({report.returns_count:>3})     {format_vnd(report.returns_total):>16}")
    for method, amount in report.by_method.items():
        print(f"  {method:<15} {format_vnd(amount):>16}")
    print(f"cash in           {format_vnd(report.cash_in):>16}")
    print(f"cash out          {format_vnd(report.cash_out):>16}")
    print(f"cash expected     {format_vnd(report.cash_expected):>16}")


def _shift_x(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.services.people.shifts import ShiftError
    from pos_app.ui.messages import people as messages

    with open_context(args.data_dir) as ctx:
        assert ctx.services.shifts is not None and ctx.services.users is not None
        identity.require(args, ctx.services.users, identity.MANAGER)
        try:
            report = ctx.services.shifts.x_report()
        except ShiftError as exc:
            _say(args)
            print(messages.shift_error(exc.code), file=sys.stderr)
            return 1
        print("X report")
        _print_report(report)
    return 0


def _shift_z(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.domain.money import format_vnd
    from pos_app.services.people.shifts import ShiftError
    from pos_app.ui.messages import people as messages

    with open_context(args.data_dir) as ctx:
        shifts = ctx.services.shifts
        assert shifts is not None and ctx.services.users is not None
        identity.require(args, ctx.services.users, identity.MANAGER)
        try:
            if args.number:
                z = shifts.z_report(args.number)
            else:
                last = shifts.z_reports(1)
                if not last:
                    raise ShiftError("no_such_report")
                z = last[0]
        except ShiftError as exc:
            _say(args)
            print(messages.shift_error(exc.code), file=sys.stderr)
            return 1
        print(f"{z.label}  closed by {z.closed_by}")
        _print_report(z.report)
        print(f"cash counted      {format_vnd(z.counted_cash):>16}")
        print(f"over / short      {format_vnd(z.over_short):>16}")
    return 0


# --- backup and restore --------------------------------------------------------------------------


def _backup(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.db.engine import integrity_check
    from pos_app.services.maintenance.backup import BackupError
    from pos_app.ui.messages import people as messages

    with open_context(args.data_dir) as ctx:
        assert ctx.services.backup is not None
        try:
            path = ctx.services.backup.backup(Path(args.dest) if args.dest else None)
        except BackupError as exc:
            _say(args)
            print(messages.backup_error(exc.code, exc.info), file=sys.stderr)
            return 1
    check = integrity_check(path)
    print(f"backup: {path} ({path.stat().st_size} bytes, integrity {check})")
    return 0 if check == "ok" else 1


def _restore(args: argparse.Namespace) -> int:
    from pos_app.config import Settings
    from pos_app.services.maintenance.backup import BackupError, check_backup_file, restore
    from pos_app.ui.messages import people as messages

    settings = Settings.load(args.data_dir)
    settings.paths.ensure()
    source = Path(args.file)
    if settings.paths.database.exists():  # who replaces this database? asked of the database
        from pos_app.app import open_context

        with open_context(args.data_dir) as ctx:
            assert ctx.services.users is not None
            actor = identity.require(args, ctx.services.users, identity.ADMIN)
    else:
        actor = None
    try:
        check_backup_file(source)
        if not args.yes:
            if not sys.stdin.isatty():
                print("restore replaces the database: add --yes to confirm", file=sys.stderr)
                return 2
            answer = input(f"replace {settings.paths.database} with {source}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "c", "co", "có"):
                return 1
        result = restore(source, settings)
    except BackupError as exc:
        _say(args)
        print(messages.backup_error(exc.code, exc.info), file=sys.stderr)
        for difference in exc.info.get("differences", [])[:20]:  # what makes it foreign
            print(f"  {difference}", file=sys.stderr)
        return 1
    from pos_app.app import open_context as reopen

    with reopen(args.data_dir) as ctx:  # the restored database's own audit log says who
        assert ctx.services.audit is not None
        with ctx.services.db.transaction() as session:
            ctx.services.audit.append(
                session, action="restore", user=actor.name if actor else "",
                target=source.name,
                detail={"safety_copy": str(result.safety_copy or ""),
                        "revision": result.revision})
    log.warning("restore: %s replaced from %s by %s (safety copy %s)", settings.paths.database,
                result.restored_from, actor.name if actor else "(no users yet)",
                result.safety_copy)
    print(f"restored {settings.paths.database} from {result.restored_from} "
          f"(schema {result.revision})")
    if result.safety_copy is not None:
        print(f"the previous database is kept as {result.safety_copy}")
    return 0
