"""Arguments several commands take the same way (one spelling, one parser each)."""

from __future__ import annotations

import argparse
import datetime as dt


def add_day_range(parser: argparse.ArgumentParser) -> None:
    """``--from YYYY-MM-DD --to YYYY-MM-DD`` (both days included) as ``args.start``/``args.end``."""
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True,
                        metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True,
                        metavar="YYYY-MM-DD")
