"""``ocop-pos-admin``: the admin command line (IT and managers; no window needed).

Each area registers its subcommands from its own module (``pos_app/cli/<area>.py``, listed in
``COMMAND_MODULES``) through one function ``register(sub, common)``, where ``common`` is the parent
parser carrying ``--data-dir``. A handler takes the parsed arguments and returns the exit code.
Modules import heavy things (Qt, openpyxl, escpos) inside their handlers, so ``--help`` and quick
commands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from pos_app import __version__

COMMAND_MODULES: tuple[str, ...] = (
    "pos_app.cli.setup",
    "pos_app.cli.catalog",
    "pos_app.cli.printing",
    "pos_app.cli.labels",
    "pos_app.cli.ui_commands",
    "pos_app.cli.sales",
    "pos_app.cli.maintenance",
    "pos_app.cli.sync",
    "pos_app.cli.stock",
    "pos_app.cli.reports",
    "pos_app.cli.people",
    "pos_app.cli.bench",
    "pos_app.cli.einvoice",
    "pos_app.cli.transfer",
    "pos_app.cli.customers",
    "pos_app.cli.promotions",
    "pos_app.cli.orders",
)


EXIT_SETTINGS = 3
"""Exit code: the settings file was refused (the reason is printed)."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line. ``--data-dir`` is accepted at every level (``ocop-pos-admin
    --data-dir D users add …``, ``users --data-dir D add …``, ``users add --data-dir D …``): its
    default is *suppressed*, so a nested parser that was not given it leaves the value an outer
    level took alone instead of overwriting it with ``None`` (argparse copies a sub-parser's
    defaults over the parent's); :func:`parse_args` fills in ``None`` when no level had it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep the database, settings, backups and logs in DIR "
        "(default: the platform's data folder, or $OCOP_POS_DATA_DIR)",
    )
    parser = argparse.ArgumentParser(
        prog="ocop-pos-admin",
        description="OCOP showroom POS — administration commands",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ocop-pos {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line, ``data_dir`` always present (``None``: the default folder)."""
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    _start_log_file(args.data_dir)
    from pos_app.config import SettingsError
    from pos_app.db.migrate import DatabaseTooNewError

    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except SystemExit as exc:  # identity.IdentityRefused and the like: already said on stderr
        if isinstance(exc.code, int):
            return exc.code
        raise
    except BrokenPipeError:  # `ocop-pos-admin sales | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SettingsError as exc:  # a broken or planted settings.json: say which value, no trace
        from pos_app.ui.messages import maintenance as msg

        msg.install_console_language("vi")  # the file that names the language is the broken one
        print(msg.settings_refused(str(exc)), file=sys.stderr)
        return EXIT_SETTINGS
    except DatabaseTooNewError as exc:  # any command: refuse, in the user's language
        from pos_app.cli.maintenance import report_database_too_new

        return report_database_too_new(exc.revision, getattr(args, "data_dir", None))
    return code


def _start_log_file(data_dir: str | None) -> None:
    """Log to the data folder's rotating ``logs/ocop-pos.log`` (pos_app.logging_setup)."""
    from pos_app.logging_setup import start_logging

    start_logging(data_dir, logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
