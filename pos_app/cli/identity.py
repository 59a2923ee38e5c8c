"""Who is typing: guarded ``ocop-pos-admin`` commands ask for a login and PIN (issue 13).

Commands that change people, money, stock, the catalog or the database itself call
:func:`require` before doing anything: an admin for ``users add/disable/enable/unlock/set-pin``,
``restore``, ``enroll`` and ``init --admin-name`` on a till that has users; a manager or admin
for ``receive``, ``import-catalog`` (not ``--dry-run``) and ``shift x/z``. A new PIN (``users
add``, ``users set-pin``, the first admin's) is read the same way, after the person's own: asked
twice at a terminal, else the next line of standard input. The person
names themself with ``--as LOGIN`` (or is asked for it at a terminal); the PIN is read with
``getpass`` at a terminal, else from the first line of standard input — never from the command
line, where ``ps`` and shell history would keep it. The check is the till's own
(``UsersService.login``: wrong PINs count, five lock the user out, the audit log records the
login) and the audit entry of the change names that person.

Open without a login: a database with no users yet (``init`` and the first ``users add`` on a new
installation), and read-only commands.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos_app.app import AppContext
    from pos_app.services.people.approval import Actor

ADMIN = ("admin",)
MANAGER = ("manager", "admin")
EXIT_WHO = 4
"""Exit code: the person could not be identified, or may not run this command."""


class IdentityRefused(SystemExit):
    def __init__(self, message: str) -> None:
        print(message, file=sys.stderr)
        super().__init__(EXIT_WHO)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_login", metavar="LOGIN",
                        help="who runs this (an admin or manager); the PIN is asked for, or "
                             "read from the first line of standard input in a script")


def _read_pin(login: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"PIN for {login}: ")
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def require(args: argparse.Namespace, users: Any, roles: tuple[str, ...] = ADMIN) -> Any:
    """The :class:`~pos_app.services.people.approval.Actor` running this command, checked
    against ``users`` (a ``UsersService``); ``None`` when the database has no users yet.
    Exits with :data:`EXIT_WHO` (and a sentence on stderr) when refused."""
    from pos_app.services.people.users import UserError
    from pos_app.ui.messages import maintenance as msg

    if users.count() == 0:
        return None
    from pos_app.cli.maintenance import _language

    msg.install_console_language(_language(getattr(args, "data_dir", None)))
    login = (getattr(args, "as_login", None) or "").strip()
    if not login:
        if sys.stdin is not None and sys.stdin.isatty():
            login = input("login: ").strip()
        if not login:
            raise IdentityRefused(msg.identity_text("needs_login"))
    pin = _read_pin(login)
    try:
        actor = users.login(login, pin)
    except UserError as exc:
        raise IdentityRefused(msg.identity_text(exc.code)) from exc
    if actor.role not in roles:
        raise IdentityRefused(msg.identity_text("not_allowed"))
    return actor


@contextmanager
def acting(
    args: argparse.Namespace, roles: tuple[str, ...] = MANAGER, *, guard: bool = True
) -> Iterator[tuple[AppContext, Actor]]:
    """Open the till's data (``args.data_dir``) with who runs the command: the person
    :func:`require` checked, else the script user ``admin`` (a database with no users yet, or
    ``guard=False`` for a dry run that writes nothing). The one home of "open, check --as"."""
    from pos_app.app import open_context
    from pos_app.services.people.approval import Actor

    with open_context(args.data_dir) as ctx:
        actor = require(args, ctx.services.users, roles) if guard else None
        yield ctx, actor or Actor(None, "admin", "admin")
