"""``orders import FILE [--channel shopee|tiktok] [--dry-run]``, ``orders list [--all]``,
``orders cancel ID``: channel orders from the back office."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pos_app.cli import identity
from pos_app.cli.shared import add_day_range, refused_rows


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("orders", parents=[common], help="orders from online shops and livestreams")
    cmds = p.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    q = cmds.add_parser("import", parents=[common],
                        help="import a marketplace order export (all or nothing)")
    q.add_argument("file", type=Path)
    q.add_argument("--channel", default=None,
                   help="shopee, tiktok… (default: recognised from the columns)")
    q.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    identity.add_arguments(q)
    q.set_defaults(func=_import)
    q = cmds.add_parser("list", parents=[common], help="pending orders (or --all)")
    q.add_argument("--all", action="store_true")
    q.set_defaults(func=_list)
    q = cmds.add_parser("channels", parents=[common],
                        help="sales per channel (counter, shopee, tiktok…) over a range of days")
    add_day_range(q)
    q.set_defaults(func=_channels)
    q = cmds.add_parser("cancel", parents=[common], help="cancel a pending order (frees stock)")
    q.add_argument("order_id")
    identity.add_arguments(q)
    q.set_defaults(func=_cancel)


def _import(args: argparse.Namespace) -> int:
    from pos_app.ui.messages.customers import order_problem

    with identity.acting(args, guard=not args.dry_run) as (ctx, actor):
        result = ctx.services.orders.import_file(
            args.file, channel=args.channel, dry_run=args.dry_run, user=actor.name)
    if refused_rows(args, result.ok, result.problems, order_problem):
        return 2
    for order in result.orders:
        total = sum(ln.qty * ln.unit_price for ln in order.lines)
        print(f"{result.channel:<8} {order.ref:<20} {len(order.lines):>3} {total:>12} "
              f"{order.buyer_name}")
    print("dry run" if args.dry_run else f"imported {len(result.orders)}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        rows = ctx.services.orders.orders(None if args.all else "pending")
    for o in rows:
        print(f"{o.id} {o.channel:<8} {o.ref:<20} {o.status:<9} {o.lines:>3} {o.total:>12} "
              f"{o.buyer_name}")
    return 0


def _channels(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        rows = ctx.services.orders.by_channel(args.start, args.end)
    for channel, (count, total) in sorted(rows.items()):
        print(f"{channel:<10} {count:>6} {total:>14}")
    return 0


def _cancel(args: argparse.Namespace) -> int:
    from pos_app.services.orders import OrderError

    with identity.acting(args) as (ctx, actor):
        try:
            ctx.services.orders.cancel(args.order_id, user=actor.name)
        except OrderError as exc:
            print(f"error: {exc.code}", file=sys.stderr)
            return 2
    print("cancelled")
    return 0
