"""``stock``: stock on hand (or only what is low); ``receive``: a goods receipt from the
command line (``SKU:QTY[:UNIT_COST]`` per line)."""

from __future__ import annotations

import argparse
import sys

from pos_app.cli import identity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stock", parents=[common], help="stock on hand per product")
    p.add_argument("--low", action="store_true",
                   help="only products at or under their low-stock threshold")
    p.set_defaults(func=_stock)

    p = sub.add_parser("receive", parents=[common],
                       help="record goods received from a producer")
    p.add_argument("--producer", required=True, metavar="CODE", help="producer code")
    p.add_argument("--doc", default="", metavar="NO", help="delivery note number")
    p.add_argument("--consignment", action="store_true",
                   help="goods on consignment (every line needs a unit cost)")
    p.add_argument("lines", nargs="+", metavar="SKU:QTY[:COST]")
    identity.add_arguments(p)
    p.set_defaults(func=_receive)


def _stock(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        assert ctx.services.stock is not None
        rows = ctx.services.stock.low_stock() if args.low else ctx.services.stock.stock_rows()
    for r in rows:
        threshold = "" if r.threshold is None else str(r.threshold)
        flag = "LOW" if r.low else ""
        print(f"{r.sku:<14} {r.on_hand:>8} {threshold:>6} {flag:<3} {r.name_vi}")
    return 0


def _receive(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from pos_app.app import open_context
    from pos_app.config import LANGUAGE
    from pos_app.db.models import Producer
    from pos_app.services.people.approval import Actor
    from pos_app.services.stock.desk import ReceiptInput, ReceiptLine, StockError

    with open_context(args.data_dir) as ctx:
        stock = ctx.services.stock
        assert stock is not None and ctx.services.users is not None
        # a manager signs for the goods; the receipt and its audit entry name them
        actor = identity.require(args, ctx.services.users, identity.MANAGER)
        user = actor or Actor(None, "admin", "admin")
        from pos_app.ui.messages import maintenance as msg
        from pos_app.ui.messages.stock import stock_error

        msg.install_console_language(ctx.settings.get(LANGUAGE))
        with ctx.db.reader() as session:
            producer = session.scalar(select(Producer.id).where(Producer.code == args.producer))
        if producer is None:
            print(stock_error("no_such_producer") + f" ({args.producer[:40]})", file=sys.stderr)
            return 2
        lines = []
        for item in args.lines:
            parts = item.split(":")
            try:
                if len(parts) not in (2, 3) or not parts[0].strip():
                    raise ValueError(item)
                qty = int(parts[1])
                cost = int(parts[2]) if len(parts) > 2 and parts[2] else None
            except ValueError:
                print(msg.receive_line_error(item), file=sys.stderr)
                return 2
            product = stock.find_product(parts[0].strip())
            if product is None:
                print(stock_error("no_such_product") + f" ({parts[0][:40]})", file=sys.stderr)
                return 2
            lines.append(ReceiptLine(product, qty, cost))
        try:
            done = stock.receive(ReceiptInput(producer, args.doc, args.consignment, lines),
                                 user=user)
        except StockError as exc:
            print(stock_error(exc.code, exc.info), file=sys.stderr)
            return 2
    print(f"{done.receipt_id} {done.lines} {done.total_qty} {done.total_cost}")
    return 0
