"""Promotions kept on the till and applied to the open cart.

API (plain Python; writes on the DB lane)::

    svc = PromotionService(db, settings, clock, audit)
    result = svc.load_file(Path("ocop-week.csv"), user="Hùng", dry_run=False)
        # -> LoadResult(promotions, problems=[(row, column, code)]); any problem: nothing kept
    svc.save([...Promotion], source="registry", user="sync")   # upsert by id
    svc.all() -> list[Promotion]; svc.apply(cart) -> bool      # True if the cart changed
    svc.usage(start, end) -> list[PromotionUse]                # sales and đồng per promotion

A campaign file is CSV (UTF-8) with a header row naming the columns ``id, name, kind, value,
buy, get, starts, ends, hours, skus, groups, producers, stars, showrooms`` (lists separated by
``;``). Rows are checked whole: the first bad field of each row is reported by row and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from pos_app import config
from pos_app.db.customer_models import Promotion as PromotionRow
from pos_app.db.customer_models import SalePromotion
from pos_app.db.database import Database
from pos_app.db.models import Producer, Product, Sale
from pos_app.domain.cart import GRAM, Cart
from pos_app.domain.promotions import (
    PromoItem,
    Promotion,
    PromotionError,
    apply_promotions,
    parse_promotion,
    stamp,
)
from pos_app.domain.receipt import hanoi_tz
from pos_app.services.audit import AuditLog
from pos_app.services.ports import Clock, SystemClock

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


@dataclass(frozen=True)
class PromotionUse:
    promotion_id: str
    name: str
    sales: int
    discount: int


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


class PromotionService:
    def __init__(self, db: Database, settings: config.Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)
        self._rules: list[Promotion] | None = None
        self._products: dict[int, tuple[str, str]] = {}  # product id → (group, producer code)

    # --- loading

    def load_file(self, path: Path, *, user: str, dry_run: bool = False) -> LoadResult:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return LoadResult(problems=[(0, "", "not_utf8")])
        except OSError:
            return LoadResult(problems=[(0, "", "unreadable")])
        result = read_campaign_csv(text)
        if result.ok and not dry_run:
            self.save(result.promotions, source="file", user=user)
        return result

    def save(self, promotions: Sequence[Promotion], *, source: str, user: str) -> int:
        """Insert or replace rules by id, in one transaction (audited)."""
        now = self.clock.now()
        with self.db.transaction() as session:
            for p in promotions:
                row = session.get(PromotionRow, p.id)
                if row is None:
                    row = PromotionRow(id=p.id)
                    session.add(row)
                row.name, row.rule = p.name, json.dumps(p.to_dict(), ensure_ascii=False)
                row.starts, row.ends, row.source = p.starts, p.ends, source
                row.active, row.updated_at = True, now
            self.audit.append(session, action="promotions_load", user=user,
                              detail={"source": source, "ids": [p.id for p in promotions]})
        self._rules = None
        return len(promotions)

    # --- reading

    def all(self) -> list[Promotion]:
        if self._rules is None:
            with self.db.reader() as session:
                rows = session.scalars(select(PromotionRow).where(PromotionRow.active)
                                       .order_by(PromotionRow.id)).all()
                self._rules = [parse_promotion(json.loads(r.rule)) for r in rows]
        return list(self._rules)

    def invalidate(self) -> None:
        self._rules = None
        self._products.clear()

    def _meta(self, product_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        missing = [pid for pid in product_ids if pid not in self._products]
        if missing:
            with self.db.reader() as session:
                for pid, group, code in session.execute(
                    select(Product.id, Product.product_group, Producer.code)
                    .join(Producer, Producer.id == Product.producer_id)
                    .where(Product.id.in_(missing))
                ):
                    self._products[pid] = (group, code)
        return self._products

    # --- applying

    def apply(self, cart: Cart, at: dt.datetime | None = None) -> bool:
        """Evaluate the rules in force now on ``cart`` and put the result on its lines."""
        rules = self.all()
        if not rules and not any(ln.promo_id for ln in cart.lines):
            return False
        local = (at or self.clock.now()).astimezone(hanoi_tz())
        meta = self._meta([ln.product_id for ln in cart.lines])
        items = [
            PromoItem(
                line_id=ln.id, sku=ln.sku, group=meta.get(ln.product_id, ("", ""))[0],
                producer=meta.get(ln.product_id, ("", ""))[1], stars=ln.stars,
                qty=0 if ln.unit == GRAM else ln.qty, unit_price=ln.unit_price,
                base=ln.gross - ln.discount,
            )
            for ln in cart.lines
        ]
        applied = apply_promotions(items, rules, local,
                                   self.settings.get(config.SHOWROOM_CODE))
        return stamp(cart, applied)

    def usage(self, start: dt.date, end: dt.date) -> list[PromotionUse]:
        """Per promotion: how many sales it touched and the đồng it took off (Hanoi dates,
        both inclusive; voided sales left out)."""
        with self.db.reader() as session:
            rows = session.execute(
                select(SalePromotion.promotion_id, func.max(SalePromotion.name),
                       func.count(func.distinct(SalePromotion.sale_id)),
                       func.sum(SalePromotion.amount))
                .join(Sale, Sale.id == SalePromotion.sale_id)
                .where(Sale.local_date >= start, Sale.local_date <= end,
                       Sale.status == "completed")
                .group_by(SalePromotion.promotion_id).order_by(SalePromotion.promotion_id)
            ).all()
        return [PromotionUse(r[0], r[1], int(r[2]), int(r[3] or 0)) for r in rows]
