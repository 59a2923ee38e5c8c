"""Printer commands: ``print-test``, ``reprint``, ``virtual-printer``, ``printers``.

Exit codes: 0 printed (or listed); 1 the printer failed (one line saying why, in the interface
language); 2 the request cannot be served as given (an unknown receipt, no printer set up, a
printer address that is not a printer URI).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from typing import Any

from pos_app.domain.receipt import PRINT_MODES as MODES

WAIT_S = 120.0  # a job that has not ended by then is reported as still queued


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("print-test", parents=[common],
                       help="print the self-test page (or a demo receipt in one --mode)")
    p.add_argument("--printer", metavar="URI",
                   help="printer to use instead of the configured one, e.g. tcp://10.0.0.9:9100")
    p.add_argument("--mode", choices=MODES,
                   help="print a demo receipt in this mode; without it, the self-test page "
                        "that shows every mode side by side")
    p.set_defaults(func=_print_test)

    p = sub.add_parser("reprint", parents=[common], help="print a copy of a past receipt")
    p.add_argument("receipt_no", metavar="RECEIPT_NO", help="e.g. Q01-20261123-0042")
    p.add_argument("--printer", metavar="URI", help="printer to use instead of the configured one")
    p.set_defaults(func=_reprint)

    p = sub.add_parser("virtual-printer", parents=[common],
                       help="run a pretend network printer that saves each job as PNG")
    p.add_argument("--port", type=int, default=9100, help="TCP port (0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the .bin and .png")
    p.add_argument("--paper", type=int, choices=(58, 80), default=80, help="paper width, mm")
    p.set_defaults(func=_virtual_printer)

    p = sub.add_parser("printers", parents=[common],
                       help="list USB printers and serial ports with their printer URIs")
    p.set_defaults(func=_printers)


def _fail(code: str, language: str) -> None:
    """Print one translated line for ``code`` on stderr."""
    from pos_app.ui.messages.printing import error_text

    _install_language(language)
    print(error_text(code), file=sys.stderr)


def _install_language(language: str) -> None:
    if language == "en":  # the source language: nothing to install, no Qt application needed
        return
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    from pos_app.ui.i18n import install_translator

    install_translator(app, language)


def _run_job(args: argparse.Namespace, submit: str) -> int:
    from pos_app import config
    from pos_app.app import open_context
    from pos_app.services.printing.queue import PrintServiceError

    with open_context(args.data_dir) as ctx:
        language = ctx.settings.get(config.LANGUAGE)
        service = ctx.services.printing
        assert service is not None
        try:
            if submit == "test":
                job_id = service.print_test_page(args.mode, uri=args.printer)
            else:
                job_id = service.reprint(args.receipt_no, uri=args.printer)
        except PrintServiceError as exc:
            _fail(exc.code, language)
            return 2
        info = service.wait(job_id, WAIT_S)
        if info.status == "printed":
            what = f"receipt {info.receipt_no}" if info.receipt_no else "test page"
            print(f"printed {what} on {info.printer_uri}")
            return 0
        code = info.error_code or "timeout"
        _fail(code, language)
        return 2 if code in ("bad_uri", "not_configured") else 1


def _print_test(args: argparse.Namespace) -> int:
    return _run_job(args, "test")


def _reprint(args: argparse.Namespace) -> int:
    return _run_job(args, "reprint")


def _virtual_printer(args: argparse.Namespace) -> int:
    from pos_app.hardware.virtual_printer import VirtualPrinter

    dots = 384 if args.paper == 58 else 576
    return serve_virtual(
        args, lambda: VirtualPrinter(args.out, args.host, args.port, paper_dots=dots),
        lambda p: f"virtual printer {p.uri} ({args.paper} mm), jobs in {p.out_dir}",
        lambda job: (job.png_path or job.bin_path,))


def serve_virtual(args: argparse.Namespace, start: Callable[[], Any],
                  banner: Callable[[Any], str], files: Callable[[Any], Iterable[object]]) -> int:
    """Run a virtual printer (``start()``) until Ctrl-C, printing each job's ``files`` as it
    comes; 1 when it cannot listen on ``args.host``:``args.port``."""
    try:
        printer = start()
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    with printer:
        print(f"{banner(printer)}; Ctrl-C stops", flush=True)
        seen = 0
        try:
            while True:
                jobs = printer.wait_for_jobs(seen + 1, timeout=0.5)
                for job in jobs[seen:]:
                    for path in files(job):
                        print(path, flush=True)
                seen = len(jobs)
        except KeyboardInterrupt:
            pass
    return 0


def _printers(args: argparse.Namespace) -> int:
    from pos_app import config
    from pos_app.config import Settings
    from pos_app.hardware.printers import discover_serial, discover_usb

    configured = Settings.load(args.data_dir).get(config.PRINTER_URI)
    print(f"configured: {configured or '(none)'}")
    found = discover_usb() + discover_serial()
    for printer in found:
        print(f"{printer.uri}\t{printer.description}")
    if not found:
        print("no USB printers or serial ports found")
    return 0
