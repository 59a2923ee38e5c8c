"""What several commands take or say the same way: one spelling, one home each."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterable


def add_day_range(parser: argparse.ArgumentParser) -> None:
    """``--from YYYY-MM-DD --to YYYY-MM-DD`` (both days included) as ``args.start``/``args.end``."""
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True,
                        metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True,
                        metavar="YYYY-MM-DD")


def refused_rows(args: argparse.Namespace, ok: bool, problems: Iterable[tuple[int, str, str]],
                 word: Callable[[str, int, str, str], str]) -> bool:
    """In the till's language, print each (row, column, code) of a refused CSV ``args.file``
    as ``word(file name, row, column, code)`` on stderr; True when it was refused (nothing
    written: all or nothing)."""
    from pos_app.cli.maintenance import _language
    from pos_app.ui.messages import ensure_translation

    ensure_translation(_language(args.data_dir))
    if ok:
        return False
    for row, column, code in problems:
        print(word(args.file.name, row, column, code), file=sys.stderr)
    return True
