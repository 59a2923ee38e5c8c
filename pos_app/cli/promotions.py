"""``promotions list|load FILE [--dry-run]|usage``: the showroom's campaigns from the back
office (a campaign CSV: see ``pos_app/services/promotions/service.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pos_app.cli import identity
from pos_app.cli.shared import add_day_range, refused_rows


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("promotions", parents=[common], help="campaigns and promotions")
    cmds = p.add_subparsers(dest="promotions_command", metavar="ACTION", required=True)
    q = cmds.add_parser("list", parents=[common], help="promotions kept on this till")
    q.set_defaults(func=_list)
    for name in ("load", "add"):
        q = cmds.add_parser(name, parents=[common],
                            help="load the promotions of a campaign CSV (all or nothing)")
        q.add_argument("file", type=Path)
        q.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        identity.add_arguments(q)
        q.set_defaults(func=_load)
    q = cmds.add_parser("usage", parents=[common],
                        help="sales and discounts per promotion over a range of days")
    add_day_range(q)
    q.set_defaults(func=_usage)


def _list(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        rules = ctx.services.promotions.all()
    for p in rules:
        print(f"{p.id:<16} {p.kind:<12} {p.value:>9} {p.starts} {p.ends} {p.name}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from pos_app.ui.messages.customers import promotion_problem

    with identity.acting(args, guard=not args.dry_run) as (ctx, actor):
        result = ctx.services.promotions.load_file(
            args.file, user=actor.name, dry_run=args.dry_run)
    if refused_rows(args, result.ok, result.problems, promotion_problem):
        return 2
    for p in result.promotions:
        print(f"{p.id:<16} {p.kind:<12} {p.starts} {p.ends} {p.name}")
    print("dry run" if args.dry_run else f"loaded {len(result.promotions)}")
    return 0


def _usage(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        rows = ctx.services.promotions.usage(args.start, args.end)
    for u in rows:
        print(f"{u.promotion_id:<16} {u.sales:>6} {u.discount:>12} {u.name}")
    return 0
