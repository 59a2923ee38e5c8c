"""Campaign files: promotions as CSV rows, read the same by the till's back office and the city
registry (``ocop-registry load-campaigns``).

A campaign file is CSV (UTF-8) with a header row naming the columns ``id, name, kind, value,
buy, get, starts, ends, hours, skus, groups, producers, stars, showrooms`` (lists separated by
``;``). Every row is checked; any problem refuses the whole file, each reported by row (as a
spreadsheet numbers it, the header is row 1) and column, as a code the caller words.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from pos_app.domain.promotions import Promotion, PromotionError, parse_promotion

COLUMNS = ("id", "name", "kind", "value", "buy", "get", "starts", "ends", "hours", "skus",
           "groups", "producers", "stars", "showrooms")
REQUIRED = ("id", "name", "kind", "starts", "ends")
LIST_COLUMNS = ("skus", "groups", "producers", "stars", "showrooms")


@dataclass(frozen=True)
class LoadResult:
    promotions: list[Promotion] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """(row number as a spreadsheet shows it, column, code); row 1 is the header."""

    @property
    def ok(self) -> bool:
        return not self.problems



def read_campaign_csv(text: str) -> LoadResult:
    """Rules from a campaign CSV, or every problem by row and column."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    problems = [(1, c, "missing_column") for c in missing]
    problems += [(1, c, "unknown_column") for c in unknown]
    if problems:
        return LoadResult(problems=problems)
    promotions: list[Promotion] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        for key in LIST_COLUMNS:
            row[key] = row.get(key, "").replace(";", ",")
        try:
            promotion = parse_promotion(row)
        except PromotionError as exc:
            problems.append((number, exc.field, exc.code))
            continue
        if promotion.id in seen:
            problems.append((number, "id", "duplicate_id"))
            continue
        seen[promotion.id] = number
        promotions.append(promotion)
    if not promotions and not problems:
        problems.append((1, "", "empty"))
    return LoadResult(promotions=[] if problems else promotions, problems=problems)
