"""``init``: create (or migrate) this till's database, optionally with the demo showroom."""

from __future__ import annotations

import argparse
from typing import Any

from pos_app.app import AppContext, open_context
from pos_app.cli import identity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database")
    p.add_argument("--demo", action="store_true",
                   help="load the demo OCOP showroom (catalog and opening stock) into an empty "
                   "database")
    p.add_argument("--admin-name", metavar="NAME",
                   help="create the first admin with this name (prompted when interactive)")
    p.add_argument("--admin-pin", metavar="PIN",
                   help="the first admin's PIN (4-8 digits) or password; better left out: it "
                   "is then asked for, or read from the first line of standard input")
    identity.add_arguments(p)
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    from pos_app.config import LANGUAGE
    from pos_app.services.catalog.importer import ImportRejected

    try:
        with open_context(args.data_dir, demo=args.demo) as ctx:
            print(f"database: {ctx.settings.paths.database}")
            if ctx.db.migration.backup is not None:
                print(f"backup before upgrade: {ctx.db.migration.backup}")
            if _first_admin(ctx, args) != 0:
                return 1
            if args.demo:
                from pos_app.ui.messages import catalog as say

                say.ensure_translation(ctx.settings.get(LANGUAGE))
                assert ctx.services.catalog is not None
                print(say.counts_line(ctx.services.catalog.counts()))
    except ImportRejected as rejected:  # the demo files themselves are broken
        from pos_app.ui.messages import catalog as say

        for line in say.problem_lines(rejected.plan):
            print(line)
        print(say.rejected_line(len(rejected.plan.problems) + len(rejected.plan.file_problems)))
        return 1
    return 0


def _first_admin(ctx: AppContext, args: argparse.Namespace) -> int:
    """The first admin: from --admin-name/--admin-pin, else asked for when interactive."""
    import getpass
    import sys

    from pos_app.services.people.users import UserError

    users = ctx.services.users
    if users is None or users.count() and not args.admin_name:
        return 0
    # another admin on a till that has users already: only an admin may add one (issue 13)
    actor = identity.require(args, users, identity.ADMIN)
    name, pin = args.admin_name, args.admin_pin
    if not name and sys.stdin.isatty():
        name = input("first admin's name: ").strip()
    if not name:
        print("no users yet: create the first admin with --admin-name NAME --admin-pin PIN")
        return 0
    if not pin:  # asked for, or the first line of stdin: better than on the command line
        pin = (getpass.getpass("admin PIN (4-8 digits): ") if sys.stdin.isatty()
               else sys.stdin.readline().strip())
    try:
        user = users.create(login=_login_for(users, name), name=name, role="admin",
                            secret=pin or "", by=actor)
    except UserError as exc:
        from pos_app.config import LANGUAGE
        from pos_app.ui.messages import people as messages

        messages.ensure_translation(ctx.settings.get(LANGUAGE))
        print(messages.user_error(exc.code, exc.info), file=sys.stderr)
        return 1
    print(f"admin created: {user.name} (login {user.login})")
    return 0


def _login_for(users: Any, name: str) -> str:
    """A login from a name: "Quản trị Hà" -> "quan.tri.ha" (a digit added if taken)."""
    import re

    from pos_app.domain.text import fold

    base = re.sub(r"[^a-z0-9]+", ".", fold(name).lower()).strip(".")[:36] or "admin"
    taken = {u.login for u in users.users()}
    login, n = base, 1
    while login in taken:
        n += 1
        login = f"{base}{n}"
    return login
