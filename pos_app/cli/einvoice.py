"""``ocop-pos-admin einvoice …``: cash-register e-invoices (setup, status, list, show, issue,
send, retry, replace, export).

Exit codes: 0 done; 1 refused or the provider could not be reached (the reason printed in the
interface language; the invoices wait, nothing is lost); 2 bad arguments.
The provider's token is kept in the token store (``einvoice token`` reads it from stdin), like
the registry token; never in settings.json or the environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    top = sub.add_parser("einvoice", parents=[common],
                         help="cash-register e-invoices (hóa đơn MTT)")
    cmds = top.add_subparsers(dest="einvoice_command", metavar="ACTION", required=True)

    p = cmds.add_parser("setup", parents=[common], help="switch e-invoicing on/off and set "
                                                        "the symbol, code range and provider")
    p.add_argument("--on", dest="enabled", action="store_true", default=None)
    p.add_argument("--off", dest="enabled", action="store_false")
    p.add_argument("--vat-method", choices=("credit", "direct"))
    p.add_argument("--symbol-letters", metavar="XY", help="this till's 2 letters: C<yy>M<XY>")
    p.add_argument("--authority-code", metavar="XXXXX",
                   help="the 5 characters the tax authority issued for MTT codes")
    p.add_argument("--till-slot", type=int, metavar="N", help="0-99, unique per till")
    p.add_argument("--provider", metavar="URL", help="the provider / gateway base URL")
    p.add_argument("--provider-tax-code", metavar="MST")
    p.add_argument("--lookup-url", metavar="URL", help="the buyer's lookup page")
    p.set_defaults(func=_setup)

    p = cmds.add_parser("token", parents=[common],
                        help="keep the provider's token (read from stdin) in the token store")
    p.set_defaults(func=_token)

    p = cmds.add_parser("pdf", parents=[common], help="the invoice for the buyer as a PDF "
                                                      "(Vietnamese)")
    p.add_argument("ref", help="id, code or symbol-number")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument("--html", action="store_true", help="write the HTML instead")
    p.set_defaults(func=_pdf)

    p = cmds.add_parser("status", parents=[common], help="what waits, what is late or refused")
    p.set_defaults(func=_status)

    p = cmds.add_parser("list", parents=[common], help="invoices, newest first")
    p.add_argument("--date", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--status", choices=("queued", "sent", "refused"))
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=_list)

    p = cmds.add_parser("show", parents=[common], help="one invoice (id, code or symbol-number)")
    p.add_argument("ref")
    p.add_argument("--xml", action="store_true", help="print its XML")
    p.set_defaults(func=_show)

    p = cmds.add_parser("issue", parents=[common], help="invoice the sales that have none yet")
    p.set_defaults(func=_issue)

    p = cmds.add_parser("send", parents=[common], help="send what waits to the provider")
    p.add_argument("--all", action="store_true", help="also those still backing off")
    p.set_defaults(func=_send)

    p = cmds.add_parser("retry", parents=[common], help="queue refused invoices again")
    p.add_argument("refs", nargs="*", help="ids or codes (default: all refused)")
    p.set_defaults(func=_retry)

    p = cmds.add_parser("replace", parents=[common],
                        help="issue a replacement invoice with the buyer's details")
    p.add_argument("ref")
    for field in ("name", "tax-code", "address", "phone", "email", "id-number"):
        p.add_argument(f"--buyer-{field}", default="")
    p.set_defaults(func=_replace)

    p = cmds.add_parser("export", parents=[common], help="a day's invoices as XML files")
    p.add_argument("--date", type=dt.date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(func=_export)


def _say(lang: str) -> ModuleType:
    from pos_app.ui.messages import einvoice as messages

    messages.ensure_translation(lang)
    return messages


@contextmanager
def _service(args: argparse.Namespace) -> Iterator[tuple[Any, ModuleType]]:
    from pos_app import config
    from pos_app.app import open_context

    with open_context(args.data_dir) as ctx:
        yield ctx.services.einvoice, _say(ctx.settings.get(config.LANGUAGE))


def _setup(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from pos_app.domain.einvoice import EInvoiceError

    with _service(args) as (svc, say):
        values = svc.config()
        changes = {key: value for key, value in (
            ("enabled", args.enabled), ("vat_method", args.vat_method),
            ("symbol_letters", args.symbol_letters), ("authority_code", args.authority_code),
            ("till_slot", args.till_slot), ("provider_url", args.provider),
            ("provider_tax_code", args.provider_tax_code), ("lookup_url", args.lookup_url),
        ) if value is not None}
        try:
            svc.configure(replace(values, **changes))
        except EInvoiceError as exc:
            print(say.error_text(exc.code))
            return 1
        cfg = svc.config()
        print(f"einvoice: {'on' if cfg.enabled else 'off'}  template {cfg.template}  "
              f"symbol {cfg.symbol(dt.date.today().year)}  code {cfg.authority_code}  "
              f"slot {cfg.till_slot}  provider {cfg.provider_url or '-'}")
    return 0


def _token(args: argparse.Namespace) -> int:
    import sys

    token = sys.stdin.readline().strip()
    if not token:
        print("no token on stdin", file=sys.stderr)
        return 2
    with _service(args) as (svc, _):
        print(f"token kept ({svc.set_token(token)})")
    return 0


def _find(svc: Any, say: Any, ref: str) -> Any:
    """``svc.find(ref)`` (row, xml, buyer), or None once the error is printed."""
    from pos_app.domain.einvoice import EInvoiceError

    try:
        return svc.find(ref)
    except EInvoiceError as exc:
        print(say.error_text(exc.code))
        return None


def _pdf(args: argparse.Namespace) -> int:
    from pos_app.formats.einvoice_html import invoice_html
    from pos_app.ui.einvoice_pdf import gui_application, write_pdf

    if not args.html:
        gui_application()  # before the messages make a plain QCoreApplication
    with _service(args) as (svc, say):
        found = _find(svc, say, args.ref)
        if found is None:
            return 1
        row, xml, _ = found
        page = invoice_html(xml)
        if args.html:
            args.out.write_text(page, encoding="utf-8")
        else:
            write_pdf(page, args.out, f"{row.symbol}-{row.number:08d}")
        print(args.out)
    return 0


def _status(args: argparse.Namespace) -> int:
    with _service(args) as (svc, say):
        st = svc.status()
        print(say.status_line(st.queued, st.sent, st.refused, st.late))
        if st.last_error:
            print(say.error_text(st.last_error))
        for row in svc.invoices(status="refused", limit=20):
            print(f"  {row.symbol}-{row.number:08d}  {row.mccqt}  "
                  f"{say.error_text(row.last_error)}")
    return 0


def _print_row(row: Any) -> None:
    from pos_app.domain.money import format_vnd

    print(f"{row.symbol}-{row.number:08d}  {row.mccqt}  {row.issued_at:%Y-%m-%d %H:%M}  "
          f"{row.kind:<11} {format_vnd(row.total):>14}  {row.status}")


def _list(args: argparse.Namespace) -> int:
    with _service(args) as (svc, _):
        for row in svc.invoices(status=args.status, local_date=args.date, limit=args.limit):
            _print_row(row)
    return 0


def _show(args: argparse.Namespace) -> int:
    with _service(args) as (svc, say):
        found = _find(svc, say, args.ref)
        if found is None:
            return 1
        row, xml, buyer = found
        if args.xml:
            print(xml.decode("utf-8"))
            return 0
        _print_row(row)
        print(f"  sale {row.sale_id}  attempts {row.attempts}  {row.last_error}")
        if any(buyer.values()):
            print("  buyer: " + ", ".join(f"{k}={v}" for k, v in buyer.items() if v))
    return 0


def _issue(args: argparse.Namespace) -> int:
    with _service(args) as (svc, say):
        issued, errors = svc.issue_pending()
        print(f"issued {issued}")
        for receipt_no, code in errors:
            print(f"  {receipt_no}: {say.error_text(code)}")
    return 1 if errors else 0


def _send(args: argparse.Namespace) -> int:
    with _service(args) as (svc, say):
        svc.issue_pending()
        result = svc.send_once(force=args.all)
        print(say.sent_line(result.sent, result.refused))
        if result.error:
            print(say.error_text(result.error))
            return 1
    return 0


def _retry(args: argparse.Namespace) -> int:
    with _service(args) as (svc, _):
        print(f"queued {svc.retry(args.refs)}")
    return 0


def _replace(args: argparse.Namespace) -> int:
    from pos_app.domain.einvoice import EInvoiceError

    with _service(args) as (svc, say):
        buyer = {"name": args.buyer_name, "tax_code": args.buyer_tax_code,
                 "address": args.buyer_address, "phone": args.buyer_phone,
                 "email": args.buyer_email, "id_number": args.buyer_id_number}
        try:
            row, _, _ = svc.find(args.ref)
            new = svc.replace(row.id, buyer)
        except EInvoiceError as exc:
            print(say.error_text(exc.code))
            return 1
        _print_row(new)
    return 0


def _export(args: argparse.Namespace) -> int:
    with _service(args) as (svc, _):
        args.out.mkdir(parents=True, exist_ok=True)
        rows = svc.invoices(local_date=args.date, limit=1_000_000)
        for row in rows:
            xml = svc.find(row.id)[1]
            (args.out / f"{row.symbol}-{row.number:08d}.xml").write_bytes(xml)
        print(f"{len(rows)} invoices → {args.out}")
    return 0
