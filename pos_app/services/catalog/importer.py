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

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pos_app.db.database import Database, set_meta
from pos_app.db.models import Barcode, Producer, Product
from pos_app.domain.barcodes import BarcodeError, BarcodeProblem, validate
from pos_app.domain.money import VAT_RATES, parse_vnd
from pos_app.domain.ocop import MAX_STARS, MIN_STARS, CertStatus, ProducerKind, ProductGroup
from pos_app.domain.text import fold, normalize
from pos_app.services.catalog.files import FileProblem, Table, TableKind, read_tables

CATALOG_VERSION_KEY = "catalog_version"
"""AppMeta key bumped by every change to the catalog (the search index reloads when it moves)."""

_CHUNK = 500  # SQLite host parameters per IN (...) query, well under its limit


class RowProblemCode(Enum):
    """Why a row (or one of its values) was refused."""

    MISSING_VALUE = "missing_value"
    TOO_LONG = "too_long"  # detail: the maximum length
    BAD_BARCODE = "bad_barcode"  # detail: domain BarcodeProblem value
    BAD_CHECK_DIGIT = "bad_check_digit"  # detail: the expected check digit
    DUPLICATE_BARCODE = "duplicate_barcode"  # twice in the file; detail: the other row's SKU
    BARCODE_TAKEN = "barcode_taken"  # already on another product in the DB; detail: its SKU
    DUPLICATE_SKU = "duplicate_sku"  # detail: the row that had it first ("file row n")
    DUPLICATE_PRODUCER = "duplicate_producer"  # detail: the row that had it first
    UNKNOWN_PRODUCER = "unknown_producer"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_PRODUCER_KIND = "unknown_producer_kind"
    UNKNOWN_CERT_STATUS = "unknown_cert_status"
    UNKNOWN_VAT_RATE = "unknown_vat_rate"
    BAD_STARS = "bad_stars"  # not a whole number from 3 to 5
    BAD_PRICE = "bad_price"  # negative or not a whole number of đồng
    BAD_DATE = "bad_date"
    EXPIRY_BEFORE_ISSUE = "expiry_before_issue"  # detail: the issue date


@dataclass(frozen=True)
class RowProblem:
    source: str  # file name, or "book.xlsx › Sheet"
    row: int  # spreadsheet row number (the header is row 1)
    column: str  # the column header as written in the file
    code: RowProblemCode
    value: str
    detail: str = ""


class ChangeKind(Enum):
    ADD = "add"
    CHANGE = "change"
    SAME = "same"


@dataclass(frozen=True)
class ProducerRow:
    source: str
    row: int
    code: str
    name: str
    kind: str
    commune: str
    district: str
    phone: str
    present: frozenset[str] = frozenset()  # optional columns the file had

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        for name in sorted(OPTIONAL_PRODUCER_FIELDS):
            if name in self.present:
                out[name] = getattr(self, name)
        return out


@dataclass(frozen=True)
class ProductRow:
    source: str
    row: int
    sku: str
    barcodes: tuple[str, ...]
    name_vi: str
    name_en: str
    producer_code: str
    product_group: str
    stars: int
    certificate_no: str
    cert_issued: dt.date | None
    cert_expires: dt.date | None
    cert_status: str
    unit: str
    price: int
    vat_rate: int
    story: str
    trace_url: str
    # Which optional columns the file had: a column the file lacks leaves the stored value alone.
    present: frozenset[str] = frozenset()

    def values(self) -> dict[str, Any]:
        """The product's column values this row sets (barcodes and producer apart)."""
        out: dict[str, Any] = {
            "name_vi": self.name_vi,
            "product_group": self.product_group,
            "stars": self.stars,
            "price": self.price,
            "vat_rate": self.vat_rate,
        }
        for name in _OPTIONAL_PRODUCT_FIELDS:
            if name in self.present:
                out[name] = getattr(self, name)
        return out


_OPTIONAL_PRODUCT_FIELDS = (
    "name_en", "certificate_no", "cert_issued", "cert_expires", "cert_status", "unit", "story",
    "trace_url",
)
OPTIONAL_PRODUCT_FIELDS: frozenset[str] = frozenset(_OPTIONAL_PRODUCT_FIELDS)
"""ProductRow fields a file may leave out; put the ones a source provides in ``present``."""
OPTIONAL_PRODUCER_FIELDS: frozenset[str] = frozenset({"commune", "district", "phone"})
"""ProducerRow fields a file may leave out; put the ones a source provides in ``present``."""
# file field name → ProductRow attribute
_FIELD_ATTR = {"group": "product_group"}


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


def _vocab(pairs: dict[str, Iterable[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, labels in pairs.items():
        for label in (code, *labels):
            out[_key(label)] = code
    return out


def _key(text: str) -> str:
    return " ".join(re.sub(r"[-,;/&.]+", " ", fold(text).replace("_", " ")).split())


GROUP_LABELS = _vocab(
    {
        ProductGroup.FOOD.value: ("Thực phẩm", "Nhóm thực phẩm", "Food"),
        ProductGroup.BEVERAGES.value: ("Đồ uống", "Nhóm đồ uống", "Beverages", "Drinks"),
        ProductGroup.HERBAL.value: (
            "Thảo dược", "Nhóm thảo dược", "Dược liệu", "Herbal", "Herbal products",
        ),
        ProductGroup.TEXTILES.value: (
            "Vải và may mặc", "Vải - may mặc", "Nhóm vải và may mặc", "Textiles",
            "Textiles and garments",
        ),
        ProductGroup.HANDICRAFTS.value: (
            "Lưu niệm - nội thất - trang trí", "Lưu niệm, nội thất, trang trí",
            "Đồ lưu niệm - nội thất - trang trí", "Thủ công mỹ nghệ", "Handicrafts",
            "Souvenirs, furniture and decorations", "Souvenirs furniture decoration",
        ),
        ProductGroup.TOURISM.value: (
            "Dịch vụ du lịch", "Du lịch", "Dịch vụ du lịch cộng đồng, du lịch và điểm du lịch",
            "Tourism", "Tourism services",
        ),
    }
)
KIND_LABELS = _vocab(
    {
        ProducerKind.ENTERPRISE.value: ("Doanh nghiệp", "Công ty", "Company", "Enterprise"),
        ProducerKind.COOPERATIVE.value: ("Hợp tác xã", "HTX", "Tổ hợp tác", "Cooperative", "Coop"),
        ProducerKind.HOUSEHOLD.value: (
            "Hộ kinh doanh", "Hộ gia đình", "Hộ sản xuất", "Cơ sở sản xuất", "Household",
        ),
    }
)
CERT_STATUS_LABELS = _vocab(
    {
        CertStatus.ACTIVE.value: ("Còn hiệu lực", "Hiệu lực", "Đang hiệu lực", "Valid", "Active"),
        CertStatus.EXPIRED.value: ("Hết hạn", "Hết hiệu lực", "Expired"),
        CertStatus.REVOKED.value: ("Thu hồi", "Đã thu hồi", "Bị thu hồi", "Revoked"),
    }
)

_BARCODE_SPLIT = re.compile(r"[;|,\s]+")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_MAX_LEN = {
    "code": 32, "name": 200, "commune": 100, "district": 100, "phone": 40,
    "sku": 32, "name_vi": 200, "name_en": 200, "producer_code": 32, "certificate_no": 64,
    "unit": 20, "trace_url": 500,
}
DEFAULT_UNIT = "cái"


def split_barcodes(text: str) -> list[str]:
    return [code for code in _BARCODE_SPLIT.split(text) if code]


def parse_date(text: str) -> dt.date:
    cleaned = text.strip()
    if " " in cleaned or "T" in cleaned:  # "2024-12-20 00:00:00" from a spreadsheet
        cleaned = cleaned.replace("T", " ").split(" ", 1)[0]
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_vat_rate(text: str) -> int:
    cleaned = text.strip().replace("%", "").replace(",", ".").strip()
    try:
        number = float(cleaned)
    except ValueError as exc:
        raise ValueError(text) from exc
    if 0 < number < 1:  # a spreadsheet percentage cell: 0.08
        number *= 100
    rounded = round(number)
    if abs(number - rounded) > 1e-9 or rounded not in VAT_RATES:
        raise ValueError(text)
    return int(rounded)


def parse_stars(text: str) -> int:
    cleaned = text.strip()
    if cleaned and set(cleaned) == {"★"}:
        stars = len(cleaned)
    else:
        cleaned = cleaned.lower().replace("sao", "").replace("stars", "").replace("*", "").strip()
        if not cleaned.isdigit():
            raise ValueError(text)
        stars = int(cleaned)
    if not MIN_STARS <= stars <= MAX_STARS:
        raise ValueError(text)
    return stars


def parse_price(text: str) -> int:
    value = int(parse_vnd(text))
    if value < 0:
        raise ValueError(text)
    return value


def product_search_text(
    name_vi: str, name_en: str, sku: str, producer_name: str, commune: str, district: str
) -> str:
    """The folded text search looks in (see CatalogService.search)."""
    return fold(" ".join((name_vi, name_en, sku, producer_name, commune, district)))


# --- Checking rows (no database) ----------------------------------------------------------------


class _RowReader:
    """Reads one row's values, collecting problems with the file's own column headers."""

    def __init__(self, table: Table, row: int, values: dict[str, str],
                 problems: list[RowProblem]) -> None:
        self.table, self.row, self.values, self.problems = table, row, values, problems

    def problem(self, name: str, code: RowProblemCode, value: str, detail: str = "") -> None:
        column = self.table.headers.get(name, name)
        self.problems.append(RowProblem(self.table.source, self.row, column, code, value, detail))

    def text(self, name: str, *, required: bool = False) -> str:
        value = normalize(self.values.get(name, ""))
        if required and not value:
            self.problem(name, RowProblemCode.MISSING_VALUE, value)
        limit = _MAX_LEN.get(name)
        if limit is not None and len(value) > limit:
            self.problem(name, RowProblemCode.TOO_LONG, value[:40] + "…", str(limit))
        return value

    def choice(self, name: str, labels: dict[str, str], code: RowProblemCode,
               default: str | None = None) -> str:
        raw = self.text(name, required=default is None)
        if not raw:
            return default or ""
        found = labels.get(_key(raw))
        if found is None:
            self.problem(name, code, raw)
            return default or ""
        return found

    def parsed(self, name: str, parse: Any, code: RowProblemCode, *, required: bool) -> Any:
        raw = self.text(name, required=required)
        if not raw:
            return None
        try:
            return parse(raw)
        except ValueError:
            self.problem(name, code, raw)
            return None


def _check_producers(table: Table, problems: list[RowProblem]) -> list[ProducerRow]:
    rows: list[ProducerRow] = []
    present = frozenset(table.headers)
    for number, values in table.rows:
        before = len(problems)
        r = _RowReader(table, number, values, problems)
        row = ProducerRow(
            source=table.source,
            row=number,
            code=r.text("code", required=True),
            name=r.text("name", required=True),
            kind=r.choice("kind", KIND_LABELS, RowProblemCode.UNKNOWN_PRODUCER_KIND),
            commune=r.text("commune"),
            district=r.text("district"),
            phone=r.text("phone"),
            present=present,
        )
        if len(problems) == before:
            rows.append(row)
    return rows


def _check_products(table: Table, problems: list[RowProblem],
                    refs: list[tuple[str, int, str]]) -> list[ProductRow]:
    rows: list[ProductRow] = []
    present = frozenset(
        _FIELD_ATTR.get(name, name) for name in table.headers if name in _OPTIONAL_PRODUCT_FIELDS
    )
    for number, values in table.rows:
        before = len(problems)
        r = _RowReader(table, number, values, problems)
        if normalize(values.get("producer_code", "")):
            refs.append((table.source, number, normalize(values["producer_code"])))
        codes: list[str] = []
        for raw in split_barcodes(values.get("barcodes", "")):
            try:
                code = validate(raw)
            except BarcodeError as exc:
                if exc.problem is BarcodeProblem.BAD_CHECK_DIGIT:
                    r.problem("barcodes", RowProblemCode.BAD_CHECK_DIGIT, raw,
                              str(exc.expected_check_digit))
                else:
                    r.problem("barcodes", RowProblemCode.BAD_BARCODE, raw, exc.problem.value)
                continue
            if code not in codes:
                codes.append(code)
        issued = r.parsed("cert_issued", parse_date, RowProblemCode.BAD_DATE, required=False)
        expires = r.parsed("cert_expires", parse_date, RowProblemCode.BAD_DATE, required=False)
        if issued is not None and expires is not None and expires < issued:
            r.problem("cert_expires", RowProblemCode.EXPIRY_BEFORE_ISSUE,
                      values.get("cert_expires", ""), issued.isoformat())
        row = ProductRow(
            source=table.source,
            row=number,
            sku=r.text("sku", required=True),
            barcodes=tuple(codes),
            name_vi=r.text("name_vi", required=True),
            name_en=r.text("name_en"),
            producer_code=r.text("producer_code", required=True),
            product_group=r.choice("group", GROUP_LABELS, RowProblemCode.UNKNOWN_GROUP),
            stars=r.parsed("stars", parse_stars, RowProblemCode.BAD_STARS, required=True) or 0,
            certificate_no=r.text("certificate_no"),
            cert_issued=issued,
            cert_expires=expires,
            cert_status=r.choice("cert_status", CERT_STATUS_LABELS,
                                 RowProblemCode.UNKNOWN_CERT_STATUS, CertStatus.ACTIVE.value),
            unit=r.text("unit") or DEFAULT_UNIT,
            price=r.parsed("price", parse_price, RowProblemCode.BAD_PRICE, required=True) or 0,
            vat_rate=r.parsed("vat_rate", parse_vat_rate, RowProblemCode.UNKNOWN_VAT_RATE,
                              required=True) or 0,
            story=values.get("story", "").strip(),
            trace_url=r.text("trace_url"),
            present=present,
        )
        if len(problems) == before:
            rows.append(row)
    return rows


def _check_duplicates(
    producers: list[ProducerRow], products: list[ProductRow], tables: list[Table],
    problems: list[RowProblem],
) -> None:
    headers = {t.source: t.headers for t in tables}

    def add(source: str, row: int, name: str, code: RowProblemCode, value: str,
            detail: str) -> None:
        column = headers.get(source, {}).get(name, name)
        problems.append(RowProblem(source, row, column, code, value, detail))

    seen_producers: dict[str, ProducerRow] = {}
    for p in producers:
        first_producer = seen_producers.setdefault(p.code.casefold(), p)
        if first_producer is not p:
            add(p.source, p.row, "code", RowProblemCode.DUPLICATE_PRODUCER, p.code,
                str(first_producer.row))
    seen_skus: dict[str, ProductRow] = {}
    seen_codes: dict[str, ProductRow] = {}
    for product in products:
        first = seen_skus.setdefault(product.sku.casefold(), product)
        if first is not product:
            add(product.source, product.row, "sku", RowProblemCode.DUPLICATE_SKU, product.sku,
                str(first.row))
        for code in product.barcodes:
            owner = seen_codes.setdefault(code, product)
            if owner is not product:
                add(product.source, product.row, "barcodes", RowProblemCode.DUPLICATE_BARCODE,
                    code, owner.sku)


def _check_tables(
    tables: list[Table], refs: list[tuple[str, int, str]]
) -> tuple[list[ProducerRow], list[ProductRow], list[RowProblem]]:
    problems: list[RowProblem] = []
    producers: list[ProducerRow] = []
    products: list[ProductRow] = []
    for table in tables:
        if table.kind is TableKind.PRODUCERS:
            producers.extend(_check_producers(table, problems))
        else:
            products.extend(_check_products(table, problems, refs))
    _check_duplicates(producers, products, tables, problems)
    # A row repeating an earlier key is refused as a whole: do not compare it further.
    refused = {(p.source, p.row) for p in problems}
    producers = [p for p in producers if (p.source, p.row) not in refused]
    products = [p for p in products if (p.source, p.row) not in refused]
    return producers, products, problems


# --- Comparing with the database ----------------------------------------------------------------


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


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
    for chunk in _chunks(producer_codes):
        for producer in session.scalars(select(Producer).where(Producer.code.in_(chunk))):
            producers[producer.code] = producer
    products: dict[str, Product] = {}
    for chunk in _chunks(skus):
        query = (select(Product).where(Product.sku.in_(chunk))
                 .options(selectinload(Product.barcodes), selectinload(Product.producer)))
        for product in session.scalars(query):
            products[product.sku] = product
    owners: dict[str, str] = {}
    for chunk in _chunks(codes):
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
    producers, products, problems = _check_tables(tables, refs)
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
