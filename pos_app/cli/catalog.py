"""``import-catalog``: load producers and products from CSV / XLSX files (all rows or none)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.cli import identity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import-catalog",
        parents=[common],
        help="import producers and products from CSV/XLSX files (all rows or none)",
        description="Check whole files, then import them in one transaction. Any bad row: "
        "nothing is imported and each problem is listed with its file, row and column.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", type=Path,
                   help="producers and/or products table (.csv UTF-8, or .xlsx)")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be added or changed, write nothing")
    identity.add_arguments(p)
    p.set_defaults(func=_import_catalog)


def _import_catalog(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.config import LANGUAGE
    from pos_app.services.catalog.importer import ImportRejected, apply_import, plan_import
    from pos_app.ui.messages import catalog as say

    with open_context(args.data_dir) as ctx:
        assert ctx.services.users is not None
        if not args.dry_run:  # a dry run writes nothing: open to anyone
            identity.require(args, ctx.services.users, identity.MANAGER)
        say.ensure_translation(ctx.settings.get(LANGUAGE))
        plan = plan_import(ctx.db, args.files)
        if plan.ok and not args.dry_run:
            try:
                apply_import(ctx.db, plan)
            except ImportRejected as rejected:  # the database changed since the check
                plan = rejected.plan
    if not plan.ok:
        for line in say.problem_lines(plan):
            print(line)
        print(say.rejected_line(len(plan.problems) + len(plan.file_problems)))
        return 1
    for line in say.summary_lines(plan, details=args.dry_run):
        print(line)
    print(say.dry_run_line() if args.dry_run else say.imported_line())
    return 0
