"""Checking catalog rows (producers, products) read from CSV / XLSX files; no database.

The till's importer (:mod:`pos_app.services.catalog.importer`) and the registry's ``load-catalog``
both use :func:`check_tables`, so a row one of them refuses the other refuses too, with the same
file, spreadsheet row, column header as written and :class:`RowProblemCode`. Values may be
Vietnamese labels as in ``resources/demo`` or English codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

from pos_app.domain.barcodes import BarcodeError, BarcodeProblem, validate
from pos_app.domain.money import VAT_RATES, parse_vnd
from pos_app.domain.ocop import MAX_STARS, MIN_STARS, CertStatus, ProducerKind, ProductGroup
from pos_app.domain.text import fold, normalize
from pos_app.formats.catalog_tables import Table, TableKind


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
MAX_STORY = 4000
"""Longest product story (characters); the protocol says the same."""


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


MAX_PRICE = 10**12
"""Dearest price (đồng) a catalog row may carry; the protocol and the registry use the same."""


def parse_price(text: str) -> int:
    value = int(parse_vnd(text))
    if not 0 <= value <= MAX_PRICE:
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
        story = values.get("story", "").strip()
        if len(story) > MAX_STORY:
            r.problem("story", RowProblemCode.TOO_LONG, story[:40] + "…", str(MAX_STORY))
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
            story=story,
            trace_url=r.text("trace_url"),
            present=present,
        )
        if len(problems) == before:
            rows.append(row)
    return rows


_Row = TypeVar("_Row")


class _FirstSeen(Generic[_Row]):
    """The first row seen under each key: what a later row with that key repeats."""

    def __init__(self) -> None:
        self._first: dict[str, _Row] = {}

    def earlier(self, key: str, row: _Row) -> _Row | None:
        """The earlier row with ``key`` (None when ``row`` is the first, now kept)."""
        first = self._first.setdefault(key, row)
        return None if first is row else first


def _check_duplicates(
    producers: list[ProducerRow], products: list[ProductRow], tables: list[Table],
    problems: list[RowProblem],
) -> None:
    headers = {t.source: t.headers for t in tables}

    def add(source: str, row: int, name: str, code: RowProblemCode, value: str,
            detail: str) -> None:
        column = headers.get(source, {}).get(name, name)
        problems.append(RowProblem(source, row, column, code, value, detail))

    producer_codes: _FirstSeen[ProducerRow] = _FirstSeen()
    for p in producers:
        if (first_producer := producer_codes.earlier(p.code.casefold(), p)) is not None:
            add(p.source, p.row, "code", RowProblemCode.DUPLICATE_PRODUCER, p.code,
                str(first_producer.row))
    skus: _FirstSeen[ProductRow] = _FirstSeen()
    codes: _FirstSeen[ProductRow] = _FirstSeen()
    for product in products:
        if (first := skus.earlier(product.sku.casefold(), product)) is not None:
            add(product.source, product.row, "sku", RowProblemCode.DUPLICATE_SKU, product.sku,
                str(first.row))
        for code in product.barcodes:
            if (owner := codes.earlier(code, product)) is not None:
                add(product.source, product.row, "barcodes", RowProblemCode.DUPLICATE_BARCODE,
                    code, owner.sku)


def check_tables(
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


