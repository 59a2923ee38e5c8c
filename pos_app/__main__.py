"""``python -m pos_app`` / ``ocop-pos``: the counter app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app import __version__


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ocop-pos", description="OCOP showroom point of sale")
    parser.add_argument("--data-dir", metavar="DIR", help="folder for database and settings")
    parser.add_argument("--demo", action="store_true", help="open on the demo showroom")
    parser.add_argument("--lang", choices=("vi", "en"), help="interface language")
    parser.add_argument(
        "--self-check", action="store_true",
        help="open the database and the main window offscreen, then exit 0 (ok) or 1",
    )
    parser.add_argument("--version", action="version", version=f"ocop-pos {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from pos_app.logging_setup import start_logging

    start_logging(args.data_dir)  # logs/ocop-pos.log in the data folder, secrets masked
    if not args.self_check:  # --self-check runs offscreen and needs no desktop libraries
        from pos_app.ui.desktop_libs import check_or_explain

        if not check_or_explain():  # a sentence with the apt-get line, not Qt's abort
            return 1
    from pos_app.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
