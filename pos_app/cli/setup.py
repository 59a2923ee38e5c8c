"""``init``: create (or migrate) this till's database, optionally with the demo showroom."""

from __future__ import annotations

import argparse

from pos_app.app import open_context


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="create or upgrade the database")
    p.add_argument("--demo", action="store_true",
                   help="load the demo OCOP showroom (catalog and opening stock) into an empty "
                   "database")
    p.set_defaults(func=_init)


def _init(args: argparse.Namespace) -> int:
    from pos_app.config import LANGUAGE
    from pos_app.services.catalog_import import ImportRejected

    try:
        with open_context(args.data_dir, demo=args.demo) as ctx:
            print(f"database: {ctx.settings.paths.database}")
            if ctx.db.migration.backup is not None:
                print(f"backup before upgrade: {ctx.db.migration.backup}")
            if args.demo:
                from pos_app.ui import catalog_messages as say

                say.ensure_translation(ctx.settings.get(LANGUAGE))
                assert ctx.services.catalog is not None
                print(say.counts_line(ctx.services.catalog.counts()))
    except ImportRejected as rejected:  # the demo files themselves are broken
        from pos_app.ui import catalog_messages as say

        for line in say.problem_lines(rejected.plan):
            print(line)
        print(say.rejected_line(len(rejected.plan.problems) + len(rejected.plan.file_problems)))
        return 1
    return 0
