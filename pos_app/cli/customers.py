"""``customers list|add|show|export|erase``: the showroom's customers from the back office."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pos_app.cli import identity

if TYPE_CHECKING:
    from pos_app.app import AppContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("customers", parents=[common], help="the showroom's customers")
    cmds = p.add_subparsers(dest="customers_command", metavar="ACTION", required=True)
    q = cmds.add_parser("list", parents=[common], help="customers, or those matching SEARCH")
    q.add_argument("search", nargs="?", default="", help="phone (or its start) or name")
    q.set_defaults(func=_list)
    q = cmds.add_parser("add", parents=[common], help="add a customer")
    q.add_argument("--name", required=True)
    q.add_argument("--phone", required=True, help="Vietnamese mobile number")
    q.add_argument("--email", default="")
    q.add_argument("--address", default="")
    q.add_argument("--tax-code", default="")
    q.add_argument("--consent", action="store_true", help="agrees to be contacted")
    identity.add_arguments(q)
    q.set_defaults(func=_add)
    q = cmds.add_parser("show", parents=[common], help="a customer and their purchases")
    q.add_argument("phone")
    q.set_defaults(func=_show)
    q = cmds.add_parser("export", parents=[common],
                        help="everything kept about a customer, as JSON (privacy request)")
    q.add_argument("phone")
    q.set_defaults(func=_export)
    q = cmds.add_parser("erase", parents=[common],
                        help="erase a customer's personal data on request (sales stay)")
    q.add_argument("phone")
    identity.add_arguments(q)
    q.set_defaults(func=_erase)


def _fail(args: argparse.Namespace, code: str) -> int:
    from pos_app.cli.maintenance import _language
    from pos_app.ui.messages import ensure_translation
    from pos_app.ui.messages.customers import customer_error

    ensure_translation(_language(args.data_dir))
    print(f"error: {customer_error(code)}", file=sys.stderr)
    return 2


def _list(args: argparse.Namespace) -> int:
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        svc = ctx.services.customers
        rows = svc.search(args.search) if args.search else svc.all()
    for c in rows:
        print(f"{c.phone:<11} {c.name:<30} {c.email:<28} {'consent' if c.consent else ''}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from pos_app.domain.customers import CustomerError, CustomerInput

    with identity.acting(args) as (ctx, actor):
        try:
            c = ctx.services.customers.add(CustomerInput(
                args.name, args.phone, email=args.email, address=args.address,
                tax_code=args.tax_code, consent=args.consent,
            ), user=actor.name)
        except CustomerError as exc:
            return _fail(args, exc.code)
    print(f"{c.id} {c.phone} {c.name}")
    return 0


def _find(args: argparse.Namespace, ctx: AppContext) -> str | None:
    customer = ctx.services.customers.by_phone(args.phone)
    return None if customer is None else customer.id


def _read(args: argparse.Namespace, read: Callable[[Any, str], None]) -> int:
    """``read(customers service, id)`` for the customer ``args.phone`` names (2 if none)."""
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        found = _find(args, ctx)
        if found is None:
            return _fail(args, "no_such_customer")
        read(ctx.services.customers, found)
    return 0


def _show(args: argparse.Namespace) -> int:
    def show(customers: Any, found: str) -> None:
        c = customers.get(found)
        print(f"{c.name} {c.phone} {c.email} {c.tax_code} {c.address}")
        for p in customers.history(found):
            print(f"  {p.receipt_no:<20} {p.created_at:%Y-%m-%d %H:%M} {p.kind:<6} {p.total:>12}")

    return _read(args, show)


def _export(args: argparse.Namespace) -> int:
    return _read(args, lambda customers, found: print(
        json.dumps(customers.export(found), ensure_ascii=False, indent=2)))


def _erase(args: argparse.Namespace) -> int:
    with identity.acting(args) as (ctx, actor):
        found = _find(args, ctx)
        if found is None:
            return _fail(args, "no_such_customer")
        ctx.services.customers.erase(found, user=actor.name, approved_by=actor.name)
    print("erased")
    return 0
