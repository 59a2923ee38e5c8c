"""Applying pulled pages (catalog, stock) to the till's database, record by record.

A page is applied in one transaction together with its cursor. What cannot be applied — a record
the client could not read (``page.skipped``), a product with a bad barcode, a product or producer
the local catalog refuses, a movement for a SKU this till does not know — is parked
(:mod:`pos_app.services.sync.parked`) and the cursor moves on: one bad record never stalls a
pull. Parked products, producers and movements are tried again at the start of the next pull.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, set_meta
from pos_app.db.models import (
    Product,
    StockMovement,
    Transfer,
    TransferLine,
    TransferReceipt,
    TransferReceiptLine,
)
from pos_app.domain.barcodes import BarcodeError
from pos_app.domain.barcodes import validate as validate_barcode
from pos_app.domain.batches import chunks
from pos_app.services.catalog import importer as ci
from pos_app.services.promotions.service import store_pulled
from pos_app.services.stock import ledger
from pos_app.services.sync import parked as pk


def _lazy_module(name: str) -> Any:
    """``name`` imported on its first attribute use (the standard library's LazyLoader)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from pydantic import BaseModel

    from pos_app.formats import protocol as p
else:
    # The protocol's pydantic models (~0.3 s of imports) load when sync first runs, not while
    # the counter starts.
    p = _lazy_module("pos_app.formats.protocol")

log = logging.getLogger(__name__)
_M = TypeVar("_M", bound="BaseModel")
_ALL_PRODUCT_FIELDS = ci.OPTIONAL_PRODUCT_FIELDS  # the registry sends every field
_ALL_PRODUCER_FIELDS = ci.OPTIONAL_PRODUCER_FIELDS
CATALOG_CURSOR_KEY = "sync_catalog_cursor"
STOCK_CURSOR_KEY = "sync_stock_cursor"
TRANSFER_CURSOR_KEY = "sync_transfer_cursor"
_ATTEMPTS = 3  # catalog plans tried per page, each without the rows the last one refused


def _skipped(prefix: str, page: Any) -> list[pk.ParkedRecord]:
    return [pk.ParkedRecord(id=f"{prefix}:{s.list}:{s.key or s.index}", what=s.list,
                            reason="pulled_bad_record", data={"problem": s.problem})
            for s in page.skipped]


# --- catalog ------------------------------------------------------------------------------


def _barcodes_ok(product: p.CatalogProduct, parked: list[pk.ParkedRecord]) -> bool:
    try:
        for raw in product.barcodes:
            validate_barcode(raw)
    except BarcodeError:
        parked.append(_parked_product(product, "pulled_bad_barcode"))
        return False
    return True


def _plan(producers: Sequence[p.CatalogProducer], products: Sequence[p.CatalogProduct],
          parked: list[pk.ParkedRecord]) -> ci.ImportPlan:
    plan = ci.ImportPlan(sources=("registry",))
    for producer in producers:
        plan.producers.append(ci.ProducerRow(
            source="registry", row=0, code=producer.code, name=producer.name,
            kind=producer.kind, commune=producer.commune, district=producer.district,
            phone=producer.phone, present=_ALL_PRODUCER_FIELDS))
    for number, product in enumerate(products, start=1):
        codes: list[str] = []
        try:
            for raw in product.barcodes:
                code = validate_barcode(raw)
                if code not in codes:
                    codes.append(code)
        except BarcodeError:
            parked.append(_parked_product(product, "pulled_bad_barcode"))
            continue
        plan.products.append(ci.ProductRow(
            source="registry", row=number, sku=product.sku, barcodes=tuple(codes),
            name_vi=product.name_vi, name_en=product.name_en,
            producer_code=product.producer_code, product_group=product.group,
            stars=product.stars, certificate_no=product.certificate_no,
            cert_issued=product.cert_issued, cert_expires=product.cert_expires,
            cert_status=product.cert_status, unit=product.unit, price=product.price,
            vat_rate=product.vat_rate, story=product.story, trace_url=product.trace_url,
            present=_ALL_PRODUCT_FIELDS))
        plan.producer_refs.append(("registry", number, product.producer_code))
    return plan


def _parked_product(product: p.CatalogProduct, reason: str) -> pk.ParkedRecord:
    return pk.ParkedRecord(id=f"catalog:products:{product.sku}", what="product", reason=reason,
                           data=product.model_dump(mode="json"))


def _parked_producer(producer: p.CatalogProducer, reason: str) -> pk.ParkedRecord:
    return pk.ParkedRecord(id=f"catalog:producers:{producer.code}", what="producer",
                           reason=reason, data=producer.model_dump(mode="json"))


def _reread(records: Sequence[pk.ParkedRecord], what: str, model: type[_M]) -> list[_M]:
    """The parked records of one kind, read again as ``model`` (one that no longer reads is
    left out)."""
    out: list[_M] = []
    for record in records:
        if record.what == what:
            try:
                out.append(model.model_validate(record.data))
            except ValueError:  # pydantic's ValidationError
                continue
    return out


def _retry_catalog(session: Session) -> tuple[list[p.CatalogProducer], list[p.CatalogProduct]]:
    records = pk.load(session)
    return (_reread(records, "producer", p.CatalogProducer),
            _reread(records, "product", p.CatalogProduct))


def apply_catalog_page(db: Database, page: p.CatalogPage, today: dt.date) -> int:
    """Apply one page and move the cursor, in one transaction; how many records were parked.

    Products and producers parked before are tried again with the page (the page's own
    version of a record wins)."""
    with db.transaction() as session:
        old_producers, old_products = _retry_catalog(session)
        in_page = {x.sku for x in page.products}
        producers = {x.code: x for x in (*old_producers, *page.producers)}
        products = [x for x in old_products if x.sku not in in_page] + list(page.products)
        parked = _skipped("catalog", page)
        # _plan leaves out (and parks) products with bad barcodes; a plan the local catalog
        # refuses (a barcode another product holds, an unknown producer) is tried again without
        # the rows named, and parked as a whole if that does not settle it.
        products = [x for x in products if _barcodes_ok(x, parked)]
        for _attempt in range(_ATTEMPTS):
            plan = _plan(list(producers.values()), products, parked)
            try:
                if plan.producers or plan.products:
                    ci.apply_in_session(session, plan)  # checks everything before writing
                break
            except ci.ImportRejected as exc:
                log.warning("registry catalog rows refused: %s",
                            [(pr.code.value, pr.value) for pr in exc.plan.problems[:5]])
                bad_rows = {pr.row for pr in exc.plan.problems if pr.row}
                bad_codes = {pr.value for pr in exc.plan.problems if not pr.row}
                kept = [x for number, x in enumerate(products, start=1)
                        if number not in bad_rows and x.producer_code not in bad_codes]
                if len(kept) == len(products) and not bad_codes & set(producers):
                    kept = []  # nothing named that can be left out: park the whole plan
                    bad_codes = set(producers)
                parked += [_parked_product(x, "pulled_catalog_conflict")
                           for x in products if x not in kept]
                parked += [_parked_producer(producers.pop(code), "pulled_catalog_conflict")
                           for code in sorted(bad_codes & set(producers))]
                products = kept
        else:
            parked += [_parked_product(x, "pulled_catalog_conflict") for x in products]
            parked += [_parked_producer(x, "pulled_catalog_conflict")
                       for x in producers.values()]
            products, producers = [], {}
        applied = {f"catalog:products:{x.sku}" for x in products}
        applied |= {f"catalog:producers:{code}" for code in producers}
        pk.drop(session, applied - {r.id for r in parked})
        if page.revocations:
            _apply_revocations(session, page, today)
        if page.campaigns:  # city campaigns (services/promotions)
            parked += [pk.ParkedRecord(id=f"catalog:campaigns:{key}", what="campaign",
                                       reason=reason)
                       for key, reason in store_pulled(
                           session, [c.model_dump(mode="json") for c in page.campaigns])]
        if parked:
            pk.park(session, parked)
        set_meta(session, CATALOG_CURSOR_KEY, page.next_cursor)
    return len(parked)


def _apply_revocations(session: Session, page: p.CatalogPage, today: dt.date) -> None:
    in_page = {pr.sku for pr in page.products}
    for revocation in page.revocations:
        target = revocation.target
        rows = session.scalars(select(Product).where(
            (Product.sku == target) | (Product.certificate_no == target)))
        for product in rows:
            if revocation.revoked:
                product.cert_status = "revoked"
            elif product.sku not in in_page and product.cert_status == "revoked":
                expired = product.cert_expires is not None and product.cert_expires < today
                product.cert_status = "expired" if expired else "active"
    ci.bump_catalog_version(session)


# --- stock --------------------------------------------------------------------------------


def apply_stock_page(db: Database, settings: Settings, page: p.StockPage) -> tuple[int, int]:
    """Add the page's movements not yet here and move the cursor; (added, parked). Movements
    parked before (their SKU was unknown) are tried again first."""
    own_till = settings.get(config.TILL_CODE)
    with db.transaction() as session:
        retry = _reread(pk.load(session), "movement", p.StockMovementOut)
        movements = [*retry, *page.movements]
        ids = [m.id for m in movements]
        have: set[str] = set()
        for chunk in chunks(ids):
            have.update(session.scalars(
                select(StockMovement.id).where(StockMovement.id.in_(chunk))))
        skus = sorted({m.sku for m in movements})
        products: dict[str, int] = {}
        for chunk in chunks(skus):
            found = session.execute(select(Product.sku, Product.id).where(Product.sku.in_(chunk)))
            products.update({sku: product_id for sku, product_id in found})
        added = 0
        parked = _skipped("stock", page)
        done: list[str] = []
        pulled: list[dict[str, Any]] = []
        for m in movements:
            if m.id in have or m.till == own_till:
                done.append(f"stock:{m.id}")
                continue
            product_id = products.get(m.sku)
            if product_id is None:
                parked.append(pk.ParkedRecord(id=f"stock:{m.id}", what="movement",
                                              reason="pulled_unknown_sku",
                                              data=m.model_dump(mode="json")))
                continue
            pulled.append(ledger.movement(
                id=m.id, product_id=product_id, qty=m.qty, kind=m.kind, till_code=m.till,
                at=p.utc(m.created_at), reason=m.reason, ref_id=m.ref_id))
            have.add(m.id)
            done.append(f"stock:{m.id}")
            added += 1
        ledger.record(session, pulled)
        if retry:
            pk.drop(session, done)
        if parked:
            pk.park(session, parked)
        set_meta(session, STOCK_CURSOR_KEY, page.next_cursor)
    return added, len(parked) - sum(1 for m in retry if f"stock:{m.id}" not in done)


# --- transfers between showrooms -----------------------------------------------------------


def _parked_transfer(prefix: str, key: str, reason: str, data: dict[str, Any],
                     what: str) -> pk.ParkedRecord:
    return pk.ParkedRecord(id=f"{prefix}:{key}", what=what, reason=reason, data=data)


def apply_transfer_page(db: Database, settings: Settings, page: p.TransferPage) -> tuple[int, int]:
    """Keep the page's transfers sent to this showroom ("in transit" until received here) and
    the receipts of transfers this showroom sent or received, and move the cursor, in one
    transaction; (applied, parked).

    Nothing a pulled record says is taken on trust: a transfer for another showroom, from this
    one, or naming a SKU this till does not know, and a receipt that does not match a transfer
    held here line for line (or leaves a difference without its reason), is parked
    (``transfer:<id>`` / ``transfer-receipt:<id>``) and the cursor moves on. Those parked for
    an unknown SKU or an unknown transfer are tried again at the next pull. Pulled records
    never move stock: only a person receiving a transfer does (its ``transfer_in``
    movements)."""
    own = settings.get(config.SHOWROOM_CODE).strip()
    with db.transaction() as session:
        records = pk.load(session)
        retry_transfers = _reread(records, "transfer", p.Transfer)
        retry_receipts = _reread(records, "transfer_receipt", p.TransferReceipt)
        parked = _skipped("transfers", page)
        done: list[str] = []
        applied = 0
        for transfer in [*retry_transfers, *page.transfers]:
            key = f"transfer:{transfer.id}"
            data = transfer.model_dump(mode="json")
            if session.get(Transfer, transfer.id) is not None:
                done.append(key)
                continue
            if transfer.to_showroom != own or transfer.from_showroom == own:
                parked.append(_parked_transfer("transfer", transfer.id, "pulled_bad_record",
                                               data, "transfer"))
                continue
            skus = [line.sku for line in transfer.lines]
            known = set(session.scalars(select(Product.sku).where(Product.sku.in_(skus))))
            if set(skus) - known:
                parked.append(_parked_transfer("transfer", transfer.id, "pulled_unknown_sku",
                                               data, "transfer"))
                continue
            session.add(Transfer(
                id=transfer.id, number=transfer.number, direction="in",
                from_showroom=transfer.from_showroom, from_till=transfer.from_till,
                to_showroom=transfer.to_showroom, sent_by=transfer.sent_by, approved_by="",
                sent_at=p.utc(transfer.sent_at), note=transfer.note))
            session.flush()
            session.add_all([TransferLine(transfer_id=transfer.id, sku=line.sku, qty=line.qty)
                             for line in transfer.lines])
            session.flush()
            done.append(key)
            applied += 1
        for receipt in [*retry_receipts, *page.receipts]:
            key = f"transfer-receipt:{receipt.transfer_id}"
            data = receipt.model_dump(mode="json")
            row = session.get(Transfer, receipt.transfer_id)
            if row is None:
                parked.append(_parked_transfer("transfer-receipt", receipt.transfer_id,
                                               "pulled_unknown_sku", data, "transfer_receipt"))
                continue
            if session.get(TransferReceipt, row.id) is not None:
                done.append(key)
                continue
            sent = {line.sku: line.qty for line in session.scalars(
                select(TransferLine).where(TransferLine.transfer_id == row.id))}
            if (receipt.from_showroom, receipt.to_showroom) != (row.from_showroom,
                                                                row.to_showroom) \
                    or own not in (row.from_showroom, row.to_showroom) \
                    or len(receipt.lines) != len(sent) \
                    or any(sent.get(line.sku) != line.sent for line in receipt.lines) \
                    or any(line.received != line.sent and not line.reason
                           for line in receipt.lines):
                parked.append(_parked_transfer("transfer-receipt", receipt.transfer_id,
                                               "pulled_bad_record", data, "transfer_receipt"))
                continue
            session.add(TransferReceipt(transfer_id=row.id, received_by=receipt.received_by,
                                        approved_by="", received_at=p.utc(receipt.received_at)))
            session.flush()
            session.add_all([TransferReceiptLine(
                transfer_id=row.id, sku=line.sku, sent=line.sent, received=line.received,
                difference=line.sent - line.received, reason=line.reason)
                for line in receipt.lines])
            session.flush()
            done.append(key)
            applied += 1
        if retry_transfers or retry_receipts:
            pk.drop(session, done)
        if parked:
            pk.park(session, parked)
        set_meta(session, TRANSFER_CURSOR_KEY, page.next_cursor)
    retried = {f"transfer:{t.id}" for t in retry_transfers} | {
        f"transfer-receipt:{r.transfer_id}" for r in retry_receipts}
    return applied, len({r.id for r in parked} - retried)

