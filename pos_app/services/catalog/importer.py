"""Importing the catalog (producers, products, barcodes) from CSV / XLSX files.

Two steps, so a manager can look before anything changes:

* :func:`plan_import` reads and checks whole files and compares them with the database. Every bad
  row is a :class:`RowProblem` (file, spreadsheet row, column header as written, code, value);
  nothing is written.
* :func:`apply_import` writes a clean plan in ONE transaction: all rows or none. It checks the
  plan again against the database inside that transaction (someone may have imported meanwhile).

Rows are upserted by SKU (products) and producer code (producers). A product row lists the
product's complete set of barcodes. Values may be Vietnamese labels as in ``resources/demo`` or
English codes. Nothing here returns sentences: the CLI / UI words the codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.database import Database, set_meta
from pos_app.db.models import Barcode, Producer, Product
from pos_app.domain.batches import chunks
from pos_app.domain.ocop import CertStatus
from pos_app.formats.catalog_rows import (
    CERT_STATUS_LABELS,
    DEFAULT_UNIT,
    GROUP_LABELS,
    KIND_LABELS,
    OPTIONAL_PRODUCER_FIELDS,
    OPTIONAL_PRODUCT_FIELDS,
    ProducerRow,
    ProductRow,
    RowProblem,
    RowProblemCode,
    check_tables,
    parse_date,
    parse_price,
    parse_stars,
    parse_vat_rate,
    product_search_text,
    split_barcodes,
)
from pos_app.formats.catalog_tables import FileProblem, read_tables

__all__ = [  # the row vocabulary lives in pos_app.formats.catalog_rows; named here for callers
    "CATALOG_VERSION_KEY", "CERT_STATUS_LABELS", "DEFAULT_UNIT", "GROUP_LABELS", "KIND_LABELS",
    "OPTIONAL_PRODUCER_FIELDS", "OPTIONAL_PRODUCT_FIELDS", "Change", "ChangeKind", "ImportPlan",
    "ImportRejected", "ImportResult", "ProducerRow", "ProductRow", "RowProblem", "RowProblemCode",
    "apply_import", "apply_in_session", "bump_catalog_version", "parse_date", "parse_price",
    "parse_stars", "parse_vat_rate", "plan_import", "product_search_text", "split_barcodes",
]

CATALOG_VERSION_KEY = "catalog_version"
"""AppMeta key bumped by every change to the catalog (the search index reloads when it moves)."""


class ChangeKind(Enum):
    ADD = "add"
    CHANGE = "change"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    key: str  # producer code or SKU
    kind: ChangeKind
    fields: tuple[str, ...] = ()  # the fields that change (CHANGE only)


@dataclass
class ImportPlan:
    """What an import would do, or why it cannot."""

    sources: tuple[str, ...]
    producers: list[ProducerRow] = field(default_factory=list)
    products: list[ProductRow] = field(default_factory=list)
    file_problems: list[FileProblem] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    producer_changes: list[Change] = field(default_factory=list)
    product_changes: list[Change] = field(default_factory=list)
    headers: dict[tuple[str, str], str] = field(default_factory=dict)
    """(source, field) → the column header as written in that file."""
    producer_refs: list[tuple[str, int, str]] = field(default_factory=list)
    """(source, row, producer code) of every product row, good or bad."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.file_problems

    def count(self, what: str, kind: ChangeKind) -> int:
        changes = self.producer_changes if what == "producers" else self.product_changes
        return sum(1 for c in changes if c.kind is kind)

    def summary(self) -> dict[str, dict[str, int]]:
        return {
            what: {k.value: self.count(what, k) for k in ChangeKind}
            for what in ("producers", "products")
        }


@dataclass(frozen=True)
class ImportResult:
    producers: dict[str, int]  # add / change / same → count
    products: dict[str, int]


class ImportRejected(ValueError):
    """apply_import was handed a plan with problems (or one the database no longer allows)."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(
            f"{len(plan.problems)} row problems, {len(plan.file_problems)} file problems"
        )
        self.plan = plan


# --- Vocabulary: Vietnamese labels and English codes ----------------------------------------------


@dataclass
class _DbState:
    producers: dict[str, Producer]  # by code, those named in the files
    products: dict[str, Product]  # by SKU, those named in the files
    barcode_owner: dict[str, str]  # code → SKU of the product holding it, for the files' codes


def _load_state(session: Session, plan: ImportPlan) -> _DbState:
    producer_codes = sorted({p.code for p in plan.producers} |
                            {code for _, _, code in plan.producer_refs})
    skus = sorted({p.sku for p in plan.products})
    codes = sorted({c for p in plan.products for c in p.barcodes})
    producers: dict[str, Producer] = {}
    for chunk in chunks(producer_codes):
        for producer in session.scalars(select(Producer).where(Producer.code.in_(chunk))):
            producers[producer.code] = producer
    products: dict[str, Product] = {}
    for chunk in chunks(skus):
        query = (select(Product).where(Product.sku.in_(chunk))
                 .options(selectinload(Product.barcodes), selectinload(Product.producer)))
        for product in session.scalars(query):
            products[product.sku] = product
    owners: dict[str, str] = {}
    for chunk in chunks(codes):
        owned = (select(Barcode.code, Product.sku).join(Product, Barcode.product_id == Product.id)
                 .where(Barcode.code.in_(chunk)))
        for code, sku in session.execute(owned):
            owners[code] = sku
    return _DbState(producers, products, owners)


def _diff(session: Session, plan: ImportPlan) -> _DbState:
    """Fill the plan's DB-dependent problems and its add/change/same lists."""
    state = _load_state(session, plan)
    plan.producer_changes = []
    plan.product_changes = []
    file_producers = {p.code for p in plan.producers}
    file_barcodes = {p.sku: set(p.barcodes) for p in plan.products}
    for source, row, producer_code in plan.producer_refs:
        if producer_code not in file_producers and producer_code not in state.producers:
            plan.problems.append(RowProblem(
                source, row, plan.headers.get((source, "producer_code"), "producer_code"),
                RowProblemCode.UNKNOWN_PRODUCER, producer_code))
    for product in plan.products:
        for code in product.barcodes:
            owner = state.barcode_owner.get(code)
            # If the owner is in the files too, the code either moves away from it (fine) or is
            # listed twice (reported as DUPLICATE_BARCODE already).
            if owner is not None and owner != product.sku and owner not in file_barcodes:
                plan.problems.append(RowProblem(
                    product.source, product.row, _header(plan, product, "barcodes"),
                    RowProblemCode.BARCODE_TAKEN, code, owner))
    for producer_row in plan.producers:
        existing = state.producers.get(producer_row.code)
        if existing is None:
            plan.producer_changes.append(Change(producer_row.code, ChangeKind.ADD))
            continue
        changed = tuple(k for k, v in producer_row.values().items() if getattr(existing, k) != v)
        plan.producer_changes.append(
            Change(producer_row.code, ChangeKind.CHANGE if changed else ChangeKind.SAME, changed))
    for product_row in plan.products:
        current = state.products.get(product_row.sku)
        if current is None:
            plan.product_changes.append(Change(product_row.sku, ChangeKind.ADD))
            continue
        changed_fields = [k for k, v in product_row.values().items() if getattr(current, k) != v]
        if current.producer.code != product_row.producer_code:
            changed_fields.append("producer_code")
        if sorted(b.code for b in current.barcodes) != sorted(product_row.barcodes):
            changed_fields.append("barcodes")
        plan.product_changes.append(Change(
            product_row.sku, ChangeKind.CHANGE if changed_fields else ChangeKind.SAME,
            tuple(changed_fields)))
    return state


def _header(plan: ImportPlan, row: ProductRow, name: str) -> str:
    return plan.headers.get((row.source, name), name)


# --- Public API -----------------------------------------------------------------------------------


def plan_import(db: Database, paths: Iterable[Path | str]) -> ImportPlan:
    """Read and check the files, compare them with the database; write nothing."""
    path_list = [Path(p) for p in paths]
    tables, file_problems = read_tables(path_list)
    refs: list[tuple[str, int, str]] = []
    producers, products, problems = check_tables(tables, refs)
    plan = ImportPlan(
        sources=tuple(p.name for p in path_list),
        producers=producers,
        products=products,
        file_problems=file_problems,
        problems=problems,
        headers={(t.source, name): header for t in tables for name, header in t.headers.items()},
        producer_refs=refs,
    )
    if not file_problems:
        with db.reader() as session:
            _diff(session, plan)
    _sort_problems(plan)
    return plan


def _sort_problems(plan: ImportPlan) -> None:
    order = {source: i for i, source in enumerate(dict.fromkeys(
        [p.source for p in plan.producers] + [p.source for p in plan.products] +
        [p.source for p in plan.problems]))}
    plan.problems.sort(key=lambda p: (order.get(p.source, 0), p.row))


def apply_import(db: Database, plan: ImportPlan) -> ImportResult:
    """Write the plan in one transaction. Raises :class:`ImportRejected` (nothing written) when
    the plan has problems, or when the database changed since the plan in a way that makes a
    row wrong (e.g. another product took a barcode)."""
    if not plan.ok:
        raise ImportRejected(plan)
    with db.transaction() as session:
        return apply_in_session(session, plan)


def apply_in_session(session: Session, plan: ImportPlan) -> ImportResult:
    """:func:`apply_import` inside a transaction the caller holds (e.g. loading the demo with
    its opening stock). Raises :class:`ImportRejected`; the caller's transaction rolls back."""
    if not plan.ok:
        raise ImportRejected(plan)
    checked = replace(plan, problems=[])
    state = _diff(session, checked)
    if checked.problems:
        _sort_problems(checked)
        raise ImportRejected(checked)
    plan.producer_changes = checked.producer_changes
    plan.product_changes = checked.product_changes

    producers = dict(state.producers)
    touched_producers: set[str] = set()
    for row, change in zip(plan.producers, plan.producer_changes, strict=True):
        if change.kind is ChangeKind.ADD:
            producer = Producer(
                code=row.code, **{"commune": "", "district": "", "phone": "", **row.values()})
            session.add(producer)
            producers[row.code] = producer
        elif change.kind is ChangeKind.CHANGE:
            producer = producers[row.code]
            for name, value in row.values().items():
                setattr(producer, name, value)
            touched_producers.add(row.code)
    session.flush()

    # Free barcodes that move away first, so a code can change hands in one import.
    products = dict(state.products)
    for product_row in plan.products:
        product = products.get(product_row.sku)
        if product is not None:
            keep = set(product_row.barcodes)
            for barcode in list(product.barcodes):
                if barcode.code not in keep:
                    product.barcodes.remove(barcode)
    session.flush()

    for item, product_change in zip(plan.products, plan.product_changes, strict=True):
        producer = producers[item.producer_code]
        if product_change.kind is ChangeKind.SAME and item.producer_code not in touched_producers:
            continue
        product = products.get(item.sku)
        if product is None:
            product = Product(sku=item.sku, producer=producer, **{**_defaults(), **item.values()})
            session.add(product)
        else:
            for name, value in item.values().items():
                setattr(product, name, value)
            product.producer = producer
        held = {b.code for b in product.barcodes}
        for code in item.barcodes:
            if code not in held:
                product.barcodes.append(Barcode(code=code))
        product.search_text = product_search_text(
            product.name_vi, product.name_en, product.sku, producer.name, producer.commune,
            producer.district)
    # Products not in the files whose producer's name or place changed: refresh their search text.
    if touched_producers:
        listed = {item.sku for item in plan.products}
        ids = [producers[c].id for c in touched_producers]
        query = select(Product).where(Product.producer_id.in_(ids)).options(
            selectinload(Product.producer))
        for product in session.scalars(query):
            if product.sku not in listed:
                p = product.producer
                product.search_text = product_search_text(
                    product.name_vi, product.name_en, product.sku, p.name, p.commune, p.district)
    session.flush()
    if any(c.kind is not ChangeKind.SAME for c in plan.producer_changes + plan.product_changes):
        bump_catalog_version(session)
    summary = plan.summary()
    return ImportResult(producers=summary["producers"], products=summary["products"])


def _defaults() -> dict[str, Any]:
    return {"name_en": "", "certificate_no": "", "cert_status": CertStatus.ACTIVE.value,
            "unit": DEFAULT_UNIT, "story": "", "trace_url": ""}


def bump_catalog_version(session: Session) -> None:
    """Call in any transaction that changes products, producers or barcodes (imports, registry
    pulls): search indexes in this and other processes reload when the version moves."""
    from pos_app.domain.ids import new_id

    set_meta(session, CATALOG_VERSION_KEY, new_id())
