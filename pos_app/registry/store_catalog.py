"""The registry store's catalog: producers, products, revocations, campaigns, pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.domain.batches import chunks
from pos_app.domain.utc import naive_utc
from pos_app.formats import protocol as p
from pos_app.registry.models import (
    RegCampaign,
    RegProducer,
    RegProduct,
    RegRevocation,
)
from pos_app.registry.store_base import (
    CATALOG_REV,
    LoadResult,
    RegistryError,
    StoreBase,
    _now,
    decode_cursor,
    encode_cursor,
)

_Doc = TypeVar("_Doc", RegProducer, RegCampaign)


class CatalogStore(StoreBase):
    def load_catalog(
        self, producers: Sequence[p.CatalogProducer], products: Sequence[p.CatalogProduct]
    ) -> LoadResult:
        """Upsert producers by code and products by SKU; only real changes move the rev."""
        changed_producers = changed_products = unchanged = 0
        with self.write() as session:
            for producer in producers:
                if self._put_doc(session, RegProducer, producer.code, producer.model_dump_json()):
                    changed_producers += 1
                else:
                    unchanged += 1
            session.flush()
            for product in products:
                if session.get(RegProducer, product.producer_code) is None:
                    raise RegistryError("unknown_producer", f"{product.sku}: "
                                                            f"{product.producer_code}")
                row_p = session.get(RegProduct, product.sku)
                if row_p is not None and row_p.cert_status == "revoked":
                    # A revocation stands until restored, whatever a later file says.
                    product = product.model_copy(update={"cert_status": "revoked"})
                data = product.model_dump_json()
                if row_p is not None and row_p.data == data:
                    unchanged += 1
                    continue
                rev = self._bump(session, CATALOG_REV)
                if row_p is None:
                    session.add(RegProduct(
                        sku=product.sku, producer_code=product.producer_code,
                        certificate_no=product.certificate_no, cert_status=product.cert_status,
                        rev=rev, data=data))
                else:
                    row_p.producer_code = product.producer_code
                    row_p.certificate_no = product.certificate_no
                    row_p.cert_status = product.cert_status
                    row_p.rev, row_p.data = rev, data
                changed_products += 1
        return LoadResult(changed_producers, changed_products, unchanged)

    def set_revoked(self, target: str, revoked: bool, reason: str = "",
                    today: dt.date | None = None) -> list[str]:
        """Revoke (or restore) a certificate number or a SKU; returns the SKUs it touched."""
        target = target.strip()
        today = today or _now().date()
        with self.write() as session:
            rows = list(session.scalars(select(RegProduct).where(
                (RegProduct.sku == target) | (RegProduct.certificate_no == target))))
            if not rows:
                raise RegistryError("unknown_target", target)
            for row in rows:
                product = p.CatalogProduct.model_validate_json(row.data)
                if revoked:
                    status = "revoked"
                elif product.cert_expires is not None and product.cert_expires < today:
                    status = "expired"
                else:
                    status = "active"
                rev = self._bump(session, CATALOG_REV)
                row.cert_status = status
                row.data = product.model_copy(update={"cert_status": status}).model_dump_json()
                row.rev = rev
            rev = self._bump(session, CATALOG_REV)
            session.add(RegRevocation(rev=rev, target=target, revoked=revoked,
                                      at=naive_utc(_now()), reason=reason[:200]))
            return sorted(r.sku for r in rows)

    def catalog_page(self, cursor: str | None, limit: int) -> p.CatalogPage:
        after = decode_cursor("catalog", cursor)
        limit = max(1, min(limit, p.MAX_PAGE))
        with self.read() as session:
            items: list[tuple[int, str, Any]] = []
            models: tuple[tuple[Any, str], ...] = (
                (RegProducer, "producer"), (RegProduct, "product"), (RegRevocation, "revocation"),
                (RegCampaign, "campaign"))
            for model, kind in models:
                for row in session.scalars(
                        select(model).where(model.rev > after).order_by(model.rev)
                        .limit(limit + 1)):
                    items.append((row.rev, kind, row))
            items.sort(key=lambda item: item[0])
            more = len(items) > limit
            items = items[:limit]
            last = items[-1][0] if items else after
            producers: dict[str, p.CatalogProducer] = {}
            products: list[p.CatalogProduct] = []
            revocations: list[p.Revocation] = []
            campaigns: list[p.Campaign] = []
            for _, kind, row in items:
                if kind == "campaign":
                    campaigns.append(p.Campaign.model_validate_json(row.data))
                elif kind == "producer":
                    producers[row.code] = p.CatalogProducer.model_validate_json(row.data)
                elif kind == "product":
                    products.append(p.CatalogProduct.model_validate_json(row.data))
                else:
                    revocations.append(p.Revocation(target=row.target, revoked=row.revoked,
                                                    at=p.utc(row.at), reason=row.reason))
            # Every producer a product of this page names travels with it, so a page applies
            # on its own even when the producer changed later (and so sits in a later page).
            wanted = sorted({pr.producer_code for pr in products} - set(producers))
            for chunk in chunks(wanted):
                for producer_row in session.scalars(
                        select(RegProducer).where(RegProducer.code.in_(chunk))):
                    producers[producer_row.code] = p.CatalogProducer.model_validate_json(
                        producer_row.data)
        return p.CatalogPage(
            producers=list(producers.values()), products=products, revocations=revocations,
            campaigns=campaigns, next_cursor=encode_cursor("catalog", last), has_more=more)

    def load_campaigns(self, campaigns: Sequence[p.Campaign]) -> int:
        """Upsert city campaigns by id; each real change moves the catalog rev (tills pull
        it with the catalog). Returns how many changed."""
        changed = 0
        with self.write() as session:
            for campaign in campaigns:
                changed += self._put_doc(session, RegCampaign, campaign.id,
                                         campaign.model_dump_json())
        return changed

    @classmethod
    def _put_doc(cls, session: Session, model: type[_Doc], key: str,
                 data: str) -> bool:
        """Store one JSON document row (a producer by code, a campaign by id) unless it is
        already so; a real change moves the catalog rev. Returns whether it changed."""
        row = session.get(model, key)
        if row is not None and row.data == data:
            return False
        rev = cls._bump(session, CATALOG_REV)
        if row is None:
            key_field = "code" if model is RegProducer else "id"
            session.add(model(**{key_field: key, "rev": rev, "data": data}))
        else:
            row.data, row.rev = data, rev
        return True

    def load_catalog_files(self, paths: Sequence[Path]) -> LoadResult:
        """Read CSV / XLSX files in the till's formats and load them (all or nothing)."""
        from pos_app.registry.catalog_files import read_catalog

        producers, products = read_catalog(paths)
        return self.load_catalog(producers, products)
