"""``diagnostics`` and ``self-check``: what IT runs after installing, and sends to support.

Exit codes: ``self-check`` 0 when every fatal check passed, 1 otherwise; ``diagnostics`` 0 when
the zip was written (even if the database could not be opened: that is what the zip is for),
1 when it could not be written. A database written by a newer app version is refused by every
command with exit code :data:`EXIT_DATABASE_TOO_NEW` (see :func:`report_database_too_new`).
Sentences come from ``pos_app.ui.messages.maintenance``, in the interface language.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

EXIT_DATABASE_TOO_NEW = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("diagnostics", parents=[common],
                       help="write a zip for support: versions, settings (no secrets), "
                            "database facts, recent logs, printer status")
    p.add_argument("--out", metavar="FILE",
                   help="zip file (or folder) to write; default: a dated file in the "
                        "current folder")
    p.add_argument("--no-printer", action="store_true",
                   help="do not contact the receipt printer")
    p.set_defaults(func=_diagnostics)

    p = sub.add_parser("self-check", parents=[common],
                       help="check the database, schema, program files and log folder; "
                            "exit 0 if the till can run, 1 if not")
    p.set_defaults(func=_self_check)


def _language(data_dir: str | None) -> str:
    from pos_app import config

    try:
        return config.Settings.load(data_dir).get(config.LANGUAGE)
    except config.SettingsError:
        return config.LANGUAGE.default


def report_database_too_new(revision: str, data_dir: str | None) -> int:
    """Say (in the interface language, on stderr) that the database is newer than this app;
    returns the exit code. ``pos_app.cli.main`` calls this for any command."""
    from pos_app.ui.messages import maintenance as msg

    msg.install_console_language(_language(data_dir))
    print(msg.database_too_new_text(revision), file=sys.stderr)
    return EXIT_DATABASE_TOO_NEW


def _diagnostics(args: argparse.Namespace) -> int:
    from pos_app.config import Settings
    from pos_app.db.database import Database
    from pos_app.db.migrate import DatabaseTooNewError
    from pos_app.services.maintenance.diagnostics import export_diagnostics
    from pos_app.ui.messages import maintenance as msg

    settings = Settings.load(args.data_dir)
    settings.paths.ensure()
    out = Path(args.out) if args.out else Path.cwd()
    db: Database | None = None
    printer_status = None
    try:
        db = Database(settings.paths.database, settings.paths.backups)
    except DatabaseTooNewError as exc:  # still worth a zip: that is what support needs
        log.warning("diagnostics: database %s is newer than this app", exc.revision)
    except Exception:
        log.exception("diagnostics: the database did not open")
    try:
        if not args.no_printer:
            from pos_app.hardware.receipt_printer import EscposReceiptPrinter

            printer_status = EscposReceiptPrinter().status
        try:
            path = export_diagnostics(settings, db, out, printer_status=printer_status)
        except OSError as exc:
            print(f"{out}: {exc}", file=sys.stderr)
            return 1
    finally:
        if db is not None:
            db.close()
    msg.install_console_language(_language(args.data_dir))
    print(msg.diagnostics_written_text(str(path)))
    return 0


def _self_check(args: argparse.Namespace) -> int:
    from pos_app.config import Settings
    from pos_app.services.maintenance.diagnostics import self_check
    from pos_app.ui.messages import maintenance as msg

    settings = Settings.load(args.data_dir)
    results = self_check(settings)
    msg.install_console_language(_language(args.data_dir))
    failed = 0
    for result in results:
        if result.ok:
            line = f"{msg.ok_text():>8}  {msg.check_name(result.name)}"
        else:
            mark = "FAIL" if result.fatal else "WARN"
            failed += result.fatal
            line = (f"{mark:>8}  {msg.check_name(result.name)}: "
                    f"{msg.problem_text(result.code, result.detail)}")
            if result.detail and result.code != "database_too_new":
                line += f" ({result.detail})"
        print(line)
    print(msg.all_ok_text() if not failed else msg.problems_text(failed))
    return 1 if failed else 0
