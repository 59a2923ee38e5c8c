"""``enroll``, ``sync`` and ``sync-status``: connect the till to the city registry and sync.

Exit codes: 0 done; 1 the registry could not be reached or refused (the reason is printed in
the interface language); 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from types import ModuleType

from pos_app.cli import identity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("enroll", parents=[common],
                       help="connect this till to the city registry (checks the token first)")
    p.add_argument("--registry", required=True, metavar="URL",
                   help="registry base URL, e.g. https://ocop.hanoi.example")
    p.add_argument("--token", required=True, help="this till's token from `ocop-registry "
                                                  "enroll-till` (kept in the keyring or a "
                                                  "private file, never in settings.json)")
    p.add_argument("--ca-bundle", metavar="FILE", default="",
                   help="CA certificates to verify the registry's TLS certificate")
    identity.add_arguments(p)
    p.set_defaults(func=_enroll)

    p = sub.add_parser("sync", parents=[common],
                       help="send waiting events and pull the catalog and stock (until Ctrl+C)")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    p.set_defaults(func=_sync)

    p = sub.add_parser("sync-status", parents=[common],
                       help="registry state, events waiting and refused, last sync")
    p.set_defaults(func=_sync_status)


def _say(lang: str) -> ModuleType:
    """The messages module, imported late (it loads Qt), in ``lang``."""
    from pos_app.ui.messages import sync as sync_messages

    sync_messages.ensure_translation(lang)
    return sync_messages


def _enroll(args: argparse.Namespace) -> int:
    from pos_app import config
    from pos_app.app import enroll, open_context
    from pos_app.services.maintenance.setup import EnrollError

    # who connects this till to the city's registry (and so speaks for it there): an admin
    with open_context(args.data_dir) as ctx:
        assert ctx.services.users is not None
        identity.require(args, ctx.services.users, identity.ADMIN)
    settings = config.Settings.load(args.data_dir)
    say = _say(settings.get(config.LANGUAGE))
    try:
        done = enroll(settings, args.registry, args.token, ca_bundle=args.ca_bundle)
    except EnrollError as exc:
        if exc.code == "token_not_accepted":
            print(say.token_not_accepted_line())
        else:
            print(say.enroll_failed_line(exc.code))
        return 1
    print(say.enrolled_line(done.url, done.showroom, done.till, done.token_place))
    return 0


def _sync(args: argparse.Namespace) -> int:
    from pos_app import config
    from pos_app.app import open_context
    from pos_app.services.sync.service import PullResult, PushResult

    with open_context(args.data_dir) as ctx:
        say = _say(ctx.settings.get(config.LANGUAGE))
        sync = ctx.services.sync
        if sync is None or sync.transport is None:
            print(say.failed_line("not_configured"))
            return 1
        if not args.once:
            stop = threading.Event()
            try:
                sync.run_pump(stop)
            except KeyboardInterrupt:
                stop.set()
            return 0
        pushed = sync.push_once()
        print(say.push_line(pushed.sent, pushed.duplicates, pushed.rejected, pushed.remaining))
        if pushed.error:
            print(say.failed_line(pushed.error))
            return 1
        results: list[PushResult | PullResult] = []
        catalog = sync.pull_catalog()
        print(say.catalog_line(catalog.pages, catalog.products, catalog.revocations))
        results.append(catalog)
        if not catalog.error:
            stock = sync.pull_stock()
            print(say.stock_line(stock.movements))
            results.append(stock)
        errors = [r.error for r in results if r.error]
        for code in errors:
            print(say.failed_line(code))
        return 1 if errors else 0


def _sync_status(args: argparse.Namespace) -> int:
    from pos_app import config
    from pos_app.app import open_context
    from pos_app.domain.receipt import hanoi_tz

    with open_context(args.data_dir) as ctx:
        say = _say(ctx.settings.get(config.LANGUAGE))
        sync = ctx.services.sync
        if sync is None:
            print(say.failed_line("not_configured"))
            return 1
        status = sync.status()
        def wall(at: dt.datetime | None) -> str:
            return at.astimezone(hanoi_tz()).strftime("%d/%m/%Y %H:%M") if at else ""

        for line in say.status_lines(status.online, status.pending, status.rejected,
                                     wall(status.last_success),
                                     status.last_error if status.configured else "not_configured",
                                     contact=wall(status.last_contact)):
            print(line)
        if status.audit_warning:
            print(say.audit_warning_line(status.audit_warning))
        for event_id, kind, reason in sync.rejected_events(20):
            print(f"  {event_id} {kind}: {say.reject_reason(reason)}")
    return 0
