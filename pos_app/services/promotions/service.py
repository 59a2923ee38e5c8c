"""Promotions kept on the till and applied to the open cart.

API (plain Python; writes on the DB lane)::

    svc = PromotionService(db, settings, clock, audit)
    result = svc.load_file(Path("ocop-week.csv"), user="Hùng", dry_run=False)
        # -> LoadResult(promotions, problems=[(row, column, code)]); any problem: nothing kept
    svc.save([...Promotion], source="registry", user="sync")   # upsert by id
    svc.all() -> list[Promotion]; svc.apply(cart) -> bool      # True if the cart changed
    svc.usage(start, end) -> list[PromotionUse]                # sales and đồng per promotion

A campaign file is read by :mod:`pos_app.formats.campaigns` (the registry reads the same).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.db.customer_models import Promotion as PromotionRow
from pos_app.db.customer_models import SalePromotion
from pos_app.db.database import Database, get_meta
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
from pos_app.formats.campaigns import LoadResult, read_campaign_csv
from pos_app.services.audit import AuditLog
from pos_app.services.catalog.importer import CATALOG_VERSION_KEY, bump_catalog_version
from pos_app.services.ports import Clock, SystemClock


@dataclass(frozen=True)
class PromotionUse:
    promotion_id: str
    name: str
    sales: int
    discount: int


def store_pulled(session: Session, campaigns: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Keep the registry's campaigns (pulled with the catalog) inside the pull's transaction;
    a campaign the domain refuses is left out: (id, reason) for each, to park."""
    refused: list[tuple[str, str]] = []
    now = dt.datetime.now(dt.UTC)
    for data in campaigns:
        try:
            promotion = parse_promotion(data)
        except PromotionError as exc:
            refused.append((str(data.get("id", ""))[:64], f"pulled_campaign_{exc.code}"))
            continue
        _upsert(session, promotion, source="registry", at=now)
    bump_catalog_version(session)
    return refused


def _upsert(session: Session, p: Promotion, *, source: str, at: dt.datetime) -> None:
    row = session.get(PromotionRow, p.id)
    if row is None:
        row = PromotionRow(id=p.id)
        session.add(row)
    row.name, row.rule = p.name, json.dumps(p.to_dict(), ensure_ascii=False)
    row.starts, row.ends, row.source = p.starts, p.ends, source
    row.active, row.updated_at = True, at


class PromotionService:
    def __init__(self, db: Database, settings: config.Settings, clock: Clock | None = None,
                 audit: AuditLog | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)
        self._rules: list[Promotion] | None = None
        self._version: str | None = None
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
                _upsert(session, p, source=source, at=now)
            bump_catalog_version(session)
            self.audit.append(session, action="promotions_load", user=user,
                              detail={"source": source, "ids": [p.id for p in promotions]})
        self._rules = None
        return len(promotions)

    # --- reading

    def all(self) -> list[Promotion]:
        """The rules kept here (read again when the catalog version moves: a pull or a load,
        in this process or another)."""
        with self.db.reader() as session:
            version = get_meta(session, CATALOG_VERSION_KEY)
            if self._rules is None or version != self._version:
                self._version = version
                self._products.clear()
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
