"""``labels assign-codes`` / ``labels add-code`` / ``labels print`` and ``virtual-label-printer``.

Exit codes: 0 done; 1 the printer failed (off, unplugged, dropped the job); 2 the request
cannot be served as given (an unknown SKU, a code in use, a wrong check digit, a scale prefix, a
sheet that does not fit …). On any error one sentence in the interface language goes to stderr
and nothing is assigned or printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from pos_app.cli.printing import _install_language, serve_virtual

PRINTER_CODES = frozenset({"offline", "not_found", "timeout", "io_error", "unsupported",
                           "paper_out", "cover_open"})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    labels = sub.add_parser("labels", parents=[common],
                            help="in-store codes for products without a barcode; price labels")
    inner = labels.add_subparsers(dest="labels_command", metavar="ACTION", required=True)

    p = inner.add_parser("assign-codes", parents=[common],
                         help="give products an in-store EAN-13 code (prefix setting "
                              "instore_code_prefix)")
    # one or the other, checked by the handler (argparse groups cannot hold a positional well)
    p.add_argument("--all-missing", action="store_true",
                   help="every product that has no barcode at all")
    p.add_argument("skus", nargs="*", metavar="SKU", default=[],
                   help="these products (each must have no barcode yet)")
    p.add_argument("--user", default="admin", help="who assigns the codes (audit log)")
    p.set_defaults(func=_assign)

    p = inner.add_parser("add-code", parents=[common],
                         help="add an in-store code typed by hand (e.g. from an old label)")
    p.add_argument("sku", metavar="SKU")
    p.add_argument("code", metavar="CODE", help="13 digits with the in-store prefix")
    p.add_argument("--user", default="admin", help="who adds the code (audit log)")
    p.set_defaults(func=_add_code)

    p = inner.add_parser("set-price", parents=[common],
                         help="set the showroom's selling price of a product (audited, sent to "
                              "the registry, put on the labels-to-reprint list)")
    p.add_argument("sku", metavar="SKU")
    p.add_argument("price", type=int, metavar="DONG", help="new price in đồng, e.g. 125000")
    p.add_argument("--user", default="admin", help="who sets the price (audit log)")
    p.set_defaults(func=_set_price)

    p = inner.add_parser("print", parents=[common], help="print price labels")
    p.add_argument("items", nargs="*", metavar="SKU[:N]",
                   help="products; SKU:N prints N labels of that one")
    p.add_argument("--changed-since", metavar="YYYY-MM-DD",
                   help="also every product whose showroom price was set on or after this day")
    p.add_argument("--receipt", metavar="DOC",
                   help="also everything received in goods receipt DOC (one label a piece)")
    p.add_argument("--reprint", action="store_true",
                   help="also every product on the labels-to-reprint list (price changed)")
    p.add_argument("--copies", type=int, default=None, metavar="N",
                   help="labels per product (default 1; for --receipt the pieces received)")
    p.add_argument("--template", default="standard", metavar="T",
                   help="standard (50×30 mm) or trace (60×40 mm, with the traceability QR)")
    p.add_argument("--printer", metavar="URI",
                   help="label printer, e.g. tcp://192.168.1.60:9100 or usb://1fc9:2016")
    p.add_argument("--pdf", metavar="FILE", help="write A4 label sheets to this PDF (or give "
                                                  "--printer: one of the two)")
    p.add_argument("--language", choices=("tspl", "zpl"), default="tspl",
                   help="printer language: tspl (TSC, Xprinter) or zpl (Zebra)")
    p.add_argument("--sheet", default="5x13", metavar="LAYOUT", help="5x13 or 3x7 (A4)")
    p.add_argument("--margin-top", type=float, metavar="MM", help="sheet top margin (mm)")
    p.add_argument("--margin-left", type=float, metavar="MM", help="sheet left margin (mm)")
    p.set_defaults(func=_print)

    p = sub.add_parser("virtual-label-printer", parents=[common],
                       help="run a pretend TSPL/ZPL label printer that saves each label as PNG")
    p.add_argument("--port", type=int, default=9100, help="TCP port (0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the .bin and .png")
    p.set_defaults(func=_virtual_label_printer)


def _language(ctx: Any) -> str:
    from pos_app import config

    language: str = ctx.settings.get(config.LANGUAGE)
    _install_language(language)
    return language


def _assign(args: argparse.Namespace) -> int:
    if args.all_missing == bool(args.skus):
        print("labels assign-codes: give either --all-missing or SKU…", file=sys.stderr)
        return 2
    return _codes(args, lambda codes: codes.assign(args.skus, all_missing=args.all_missing,
                                                   user=args.user))


def _add_code(args: argparse.Namespace) -> int:
    return _codes(args, lambda codes: codes.add_code(args.sku, args.code, user=args.user))


def _codes(args: argparse.Namespace, change: Callable[[Any], Any]) -> int:
    """``change(codes service)`` in the interface language; print the codes it gave."""
    from pos_app.app import open_context
    from pos_app.services.catalog.codes import CodesError
    from pos_app.ui.messages.labels import assigned_text, error_text

    with open_context(args.data_dir) as ctx:
        _language(ctx)
        try:
            done = change(ctx.services.codes)
        except CodesError as exc:
            print(error_text(exc.code, exc.detail, exc.expected), file=sys.stderr)
            return 2
    for sku, code in done.codes.items():
        print(f"{sku}\t{code}")
    print(assigned_text(len(done.codes)))
    return 0


def _set_price(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.domain.money import format_vnd
    from pos_app.services.catalog.prices import PriceError
    from pos_app.ui.messages.labels import error_text, price_set_text

    with open_context(args.data_dir) as ctx:
        _language(ctx)
        try:
            done = ctx.services.prices.set_price(args.sku, args.price, user=args.user)
        except PriceError as exc:
            print(error_text(exc.code, exc.detail), file=sys.stderr)
            return 2
    print(price_set_text(done.sku, format_vnd(done.old_price), format_vnd(done.new_price)))
    return 0


def _print(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pos_app.app import open_context
    from pos_app.services.catalog.prices import PriceError
    from pos_app.services.printing.labels import LabelError, LabelRequest
    from pos_app.ui.messages.labels import error_text, printed_text

    if (args.printer is None) == (args.pdf is None):
        print("labels print: give either --printer URI or --pdf FILE", file=sys.stderr)
        return 2
    with open_context(args.data_dir) as ctx:
        _language(ctx)
        requests: list[LabelRequest] = []
        copies = 1 if args.copies is None else args.copies
        for item in args.items:
            sku, sep, count = item.rpartition(":")
            if not sep:
                requests.append(LabelRequest(item, copies))
            elif count.isdigit():
                requests.append(LabelRequest(sku, int(count)))
            else:
                print(error_text("bad_copies", item), file=sys.stderr)
                return 2
        try:
            requests += _chosen(ctx.services.prices, args, copies)
        except (PriceError, ValueError) as exc:
            code, detail = ((exc.code, exc.detail) if isinstance(exc, PriceError)
                            else ("bad_date", args.changed_since))
            print(error_text(code, detail), file=sys.stderr)
            return 2
        service = ctx.services.labels
        try:
            if args.printer:
                done = service.print_labels(args.printer, requests, template=args.template,
                                            language=args.language)
                where = args.printer
            else:
                done = service.print_pdf(Path(args.pdf), requests, template=args.template,
                                         sheet=args.sheet, top_mm=args.margin_top,
                                         left_mm=args.margin_left)
                where = args.pdf
        except LabelError as exc:
            print(error_text(exc.code, exc.detail), file=sys.stderr)
            return 1 if exc.code in PRINTER_CODES else 2
        ctx.services.prices.mark_printed([r.sku for r in requests])
    print(printed_text(done.labels, done.products, where))
    return 0


def _chosen(prices: Any, args: argparse.Namespace, copies: int) -> list[Any]:
    """The products --receipt, --changed-since and --reprint add, each once."""
    import datetime as dt

    from pos_app.services.printing.labels import MAX_COPIES, LabelRequest

    out: list[LabelRequest] = []
    if args.receipt:
        for sku, pieces in prices.received_in(args.receipt):
            n = args.copies if args.copies is not None else min(MAX_COPIES, max(1, pieces))
            out.append(LabelRequest(sku, n))
    skus: list[str] = []
    if args.changed_since:
        skus += prices.changed_since(dt.date.fromisoformat(args.changed_since))
    if args.reprint:
        skus += prices.to_reprint()
    named = {r.sku for r in out} | {item.rpartition(":")[0] or item for item in args.items}
    out += [LabelRequest(sku, copies) for sku in dict.fromkeys(skus) if sku not in named]
    return out


def _virtual_label_printer(args: argparse.Namespace) -> int:
    from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter

    return serve_virtual(
        args, lambda: VirtualLabelPrinter(args.out, args.host, args.port),
        lambda p: f"virtual label printer {p.uri} (TSPL, ZPL), labels in {p.out_dir}",
        lambda job: getattr(job, "labels", ()) or (job.bin_path,))
