"""``init``: create (or migrate) this till's database, optionally with the demo showroom."""

from __future__ import annotations

import argparse

from pos_app.app import open_context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database")
    p.add_argument("--demo", action="store_true", help="load the demo OCOP showroom")
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    with open_context(args.data_dir, demo=args.demo) as ctx:
        print(f"database: {ctx.settings.paths.database}")
        if ctx.db.migration.backup is not None:
            print(f"backup before upgrade: {ctx.db.migration.backup}")
    return 0
