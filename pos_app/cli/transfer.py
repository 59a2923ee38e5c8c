"""``transfer``: stock between showrooms — ``send --to SHOWROOM SKU=QTY…``,
``receive DOC [SKU=QTY…] [--reason R]`` (lines not named arrived as sent), ``list``,
``elsewhere SKU`` ("who else has it?"). Sending and receiving change stock: they ask who you are
(``--as LOGIN``, a manager or admin; see :mod:`pos_app.cli.identity`). The documents travel on
the next sync (``ocop-pos-admin sync``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from pos_app.cli import identity

if TYPE_CHECKING:
    from pos_app.services.people.approval import Actor

T = TypeVar("T")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("transfer", parents=[common], help="stock transfers between showrooms")
    tsub = p.add_subparsers(dest="transfer_command", metavar="ACTION", required=True)

    q = tsub.add_parser("send", parents=[common], help="send stock to another showroom")
    q.add_argument("--to", required=True, metavar="SHOWROOM", help="destination showroom code")
    q.add_argument("--note", default="", help="a note on the transfer document")
    identity.add_arguments(q)
    q.add_argument("lines", nargs="+", metavar="SKU=QTY")
    q.set_defaults(func=_send)

    q = tsub.add_parser("receive", parents=[common],
                        help="confirm what arrived of a transfer sent here")
    q.add_argument("doc", metavar="DOC", help="the transfer's number or id")
    q.add_argument("lines", nargs="*", metavar="SKU=QTY",
                   help="what arrived, for the lines that differ from what was sent")
    q.add_argument("--reason", default="", help="why what arrived differs")
    identity.add_arguments(q)
    q.set_defaults(func=_receive)

    q = tsub.add_parser("list", parents=[common], help="transfers sent and received")
    q.add_argument("--in-transit", action="store_true", help="only those not yet received")
    q.set_defaults(func=_list)

    q = tsub.add_parser("elsewhere", parents=[common],
                        help="stock of a product at the other showrooms")
    q.add_argument("sku")
    q.set_defaults(func=_elsewhere)


def parse_lines(items: list[str]) -> dict[str, int]:
    """``SKU=QTY`` items; ValueError naming the first bad item (or a SKU given twice)."""
    lines: dict[str, int] = {}
    for item in items:
        sku, sep, qty = item.partition("=")
        sku = sku.strip()
        if not sep or not sku or not qty.strip().isdigit() or sku in lines:
            raise ValueError(item)
        lines[sku] = int(qty)
    return lines


def _fail(code: str, info: object = "") -> int:
    print(f"error: {code} {info}".rstrip(), file=sys.stderr)
    return 2


def _moved(args: argparse.Namespace, move: Callable[[Any, dict[str, int], Actor], T]) -> T | int:
    """Read the ``SKU=QTY`` lines, open as a manager and ``move(transfers, lines, actor)``;
    the exit code 2 (and the error on stderr) when a line or the move is refused."""
    from pos_app.services.stock.transfers import TransferError

    try:
        lines = parse_lines(args.lines)
    except ValueError as exc:
        return _fail("bad_line", exc)
    with identity.acting(args) as (ctx, actor):
        try:
            return move(ctx.services.transfers, lines, actor)
        except TransferError as exc:
            return _fail(exc.code, exc.info)


def _send(args: argparse.Namespace) -> int:
    done = _moved(args, lambda transfers, lines, actor: transfers.send(
        args.to, lines, user=actor, note=args.note))
    if isinstance(done, int):
        return done
    print(f"{done.number} {done.id} -> {done.to_showroom} {done.sent_total} in_transit")
    return 0


def _receive(args: argparse.Namespace) -> int:
    done = _moved(args, lambda transfers, lines, actor: transfers.receive(
        args.doc, lines, reason=args.reason, user=actor))
    if isinstance(done, int):
        return done
    print(f"{done.number} {done.id} received {done.received_total} of {done.sent_total}"
          f" difference {done.difference_total}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        rows = ctx.services.transfers.list_transfers(in_transit_only=args.in_transit)
    for t in rows:
        other = t.to_showroom if t.direction == "out" else t.from_showroom
        arrow = "->" if t.direction == "out" else "<-"
        print(f"{t.number:<24} {t.sent_at:%Y-%m-%d %H:%M} {arrow} {other:<8} {t.status:<10} "
              f"sent {t.sent_total} received {t.received_total} difference {t.difference_total}"
              f"  {t.id}")
        for line in t.lines:
            got = "" if line.received is None else f" received {line.received}"
            why = f" ({line.reason})" if line.reason else ""
            print(f"    {line.sku:<14} {line.sent:>6}{got}{why}")
    return 0


def _elsewhere(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        found = ctx.services.transfers.stock_elsewhere(args.sku)
    if found.cached:
        when = f"{found.fetched_at:%Y-%m-%d %H:%M}" if found.fetched_at else "never"
        print(f"(offline: {found.error or 'cached'}; last answer {when})", file=sys.stderr)
    for level in found.showrooms:
        as_of = f"{level.as_of:%Y-%m-%d %H:%M}" if level.as_of else "-"
        print(f"{level.showroom:<10} {level.qty:>8}  as of {as_of}")
    return 0
