"""The registry store's stock: levels per showroom ("who else has it?") and movements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from pos_app.domain.batches import chunks
from pos_app.domain.utc import naive_utc
from pos_app.formats import protocol as p
from pos_app.registry.models import (
    RegProduct,
    RegStockLevel,
    RegStockMovement,
    Till,
)
from pos_app.registry.store_base import (
    StoreBase,
    TillIdentity,
    _now,
    decode_cursor,
    encode_cursor,
)


class LevelStore(StoreBase):
    @staticmethod
    def _move_levels(session: Session, showroom: str, moves: Sequence[p.StockMovementOut],
                     now: dt.datetime) -> None:
        deltas: dict[str, int] = {}
        for move in moves:
            deltas[move.sku] = deltas.get(move.sku, 0) + move.qty
        have: set[str] = set()
        for chunk in chunks(sorted(deltas)):
            have.update(session.scalars(select(RegStockLevel.sku).where(
                RegStockLevel.showroom_code == showroom, RegStockLevel.sku.in_(chunk))))
        for sku in sorted(have):  # a fixed order: two pushes never deadlock on these rows
            session.execute(update(RegStockLevel).where(
                RegStockLevel.showroom_code == showroom, RegStockLevel.sku == sku)
                .values(qty=RegStockLevel.qty + deltas[sku], updated_at=now))
        new = [{"showroom_code": showroom, "sku": sku, "qty": deltas[sku], "updated_at": now}
               for sku in sorted(deltas) if sku not in have]
        if new:  # a concurrent first insert fails the push, which runs again (see push)
            session.execute(insert(RegStockLevel), new)

    def _rebuild_levels(self, session: Session) -> None:
        now = naive_utc(_now())
        by_showroom: dict[str, list[p.StockMovementOut]] = {}
        for showroom, data in session.execute(
                select(RegStockMovement.showroom_code, RegStockMovement.data)):
            by_showroom.setdefault(showroom, []).append(
                p.StockMovementOut.model_validate_json(data))
        for showroom, moves in by_showroom.items():
            self._move_levels(session, showroom, moves, now)

    def stock_elsewhere(self, till: TillIdentity, sku: str) -> p.StockElsewhere:
        """The level of ``sku`` at every other showroom, as of that showroom's last push."""
        with self.read() as session:
            rows = list(session.execute(
                select(RegStockLevel.showroom_code, RegStockLevel.qty)
                .where(RegStockLevel.sku == sku, RegStockLevel.showroom_code != till.showroom)
                .order_by(RegStockLevel.showroom_code).limit(p.MAX_PAGE)))
            pushed = dict(session.execute(
                select(Till.showroom_code, func.max(Till.last_push_at))
                .where(Till.showroom_code.in_([code for code, _ in rows]))
                .group_by(Till.showroom_code)).all()) if rows else {}
        showrooms = []
        for code, qty in rows:
            at = pushed.get(code)
            showrooms.append(p.ShowroomStock(showroom=code, qty=int(qty),
                                             as_of=p.utc(at) if at is not None else None))
        return p.StockElsewhere(sku=sku, showrooms=showrooms)

    @staticmethod
    def _sku_flag(session: Session, skus: Sequence[str], cache: dict[str, str]) -> str:
        missing = [s for s in set(skus) if s not in cache]
        for chunk in chunks(missing):
            query = select(RegProduct.sku, RegProduct.cert_status).where(RegProduct.sku.in_(chunk))
            for sku, status in session.execute(query):
                cache[sku] = status
        for sku in missing:
            cache.setdefault(sku, "")
        if any(cache[s] == "" for s in skus):
            return "unknown_sku"
        if any(cache[s] == "revoked" for s in skus):
            return "revoked_product"
        return ""

    def stock_page(self, till: TillIdentity, cursor: str | None, limit: int) -> p.StockPage:
        after = decode_cursor("stock", cursor)
        limit = max(1, min(limit, p.MAX_PAGE))
        with self.read() as session:
            rows = list(session.execute(
                select(RegStockMovement.seq, RegStockMovement.till_code, RegStockMovement.data)
                .where(RegStockMovement.showroom_code == till.showroom,
                       RegStockMovement.seq > after)
                .order_by(RegStockMovement.seq).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        movements = [p.StockMovementOut.model_validate_json(data)
                     for _, code, data in rows if code != till.code]
        return p.StockPage(movements=movements, next_cursor=encode_cursor("stock", last),
                           has_more=more)
