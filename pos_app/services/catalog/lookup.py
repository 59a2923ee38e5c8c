"""The catalog at the counter: what a scanned code is, finding products by name, product details.

* :meth:`CatalogService.lookup_code` answers a scanner: one indexed query per code, scale labels
  (weight / price embedded) decoded by the ``scale_barcode_pattern`` setting.
* :meth:`CatalogService.search` finds products as cashiers type: without tone marks ("banh dau
  xanh" finds "Bánh đậu xanh"), by SKU or barcode prefix, best matches first. It searches an
  in-memory folded index (a few MB for 20,000 products) that reloads when the catalog version
  (``app_meta.catalog_version``, bumped by every catalog write) moves.
* :class:`ProductInfo` carries everything the counter shows, including the certificate's
  effective status and whether the product may be sold today, and the stock level.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, bindparam, case, func, literal_column, or_, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session

from pos_app.config import CERT_EXPIRY_WARNING_DAYS, SCALE_BARCODE_PATTERN, Settings
from pos_app.db.database import Database, get_meta
from pos_app.db.models import Barcode, Producer, Product, StockMovement
from pos_app.domain.barcodes import validate
from pos_app.domain.batches import chunks
from pos_app.domain.money import Dong
from pos_app.domain.ocop import CertStatus, Saleability, effective_status, saleability
from pos_app.domain.scale import ScaleError, ScalePattern, weighed_amount
from pos_app.domain.text import fold
from pos_app.services.catalog.importer import CATALOG_VERSION_KEY
from pos_app.services.ports import Clock
from pos_app.services.till import business_date

log = logging.getLogger(__name__)

WEIGHED_UNITS = frozenset({"kg"})
"""Units whose catalog price is per kilogram and whose stock is kept in grams."""

_SEP = "\x1f"  # between barcodes in group_concat: codes are printable, so never contain it


class ProductNotFound(LookupError):
    """No product has this id."""


@dataclass(frozen=True)
class ProductInfo:
    """One product as the counter shows it. Money in đồng; dates are Hanoi calendar dates."""

    id: int
    sku: str
    barcodes: tuple[str, ...]
    name_vi: str
    name_en: str
    producer_id: int
    producer_code: str
    producer_name: str
    producer_kind: str  # 'enterprise' | 'cooperative' | 'household'
    commune: str
    district: str
    group: str  # ProductGroup code
    stars: int
    unit: str
    price: Dong  # per unit; per kg when sold_by_weight
    vat_rate: int
    certificate_no: str
    cert_issued: dt.date | None
    cert_expires: dt.date | None
    cert_status: CertStatus  # effective today: an active certificate past expiry is EXPIRED
    saleability: Saleability
    trace_url: str
    story: str
    stock: int  # sum of the stock ledger, in the unit (grams when sold_by_weight)

    @property
    def sold_by_weight(self) -> bool:
        return self.unit.casefold() in WEIGHED_UNITS


@dataclass(frozen=True)
class ScanResult:
    """What a scanned code is. ``product`` None: unknown code (the UI offers search)."""

    code: str
    product: ProductInfo | None
    grams: int | None = None  # a scale label's weight
    price: Dong | None = None  # a scale label's amount (printed, or weight × price per kg)
    scale_item: str | None = None  # a scale label's item code

    @property
    def found(self) -> bool:
        return self.product is not None

    @property
    def is_scale_label(self) -> bool:
        return self.scale_item is not None


@dataclass(frozen=True)
class CatalogCounts:
    products: int
    producers: int
    revoked: int
    expired: int  # stored as expired, or active past the expiry date
    expiring_soon: int  # active, expiring within cert_expiry_warning_days


def _info_columns() -> Select[Any]:
    barcodes = (
        select(func.group_concat(Barcode.code, _SEP))
        .where(Barcode.product_id == Product.id)
        .correlate(Product)
        .scalar_subquery()
    )
    stock = (
        select(func.coalesce(func.sum(StockMovement.qty), 0))
        .where(StockMovement.product_id == Product.id)
        .correlate(Product)
        .scalar_subquery()
    )
    return select(
        Product.id, Product.sku, barcodes.label("barcodes"), Product.name_vi, Product.name_en,
        Producer.id.label("producer_id"), Producer.code.label("producer_code"),
        Producer.name.label("producer_name"), Producer.kind.label("producer_kind"),
        Producer.commune, Producer.district, Product.product_group, Product.stars, Product.unit,
        Product.price, Product.vat_rate, Product.certificate_no, Product.cert_issued,
        Product.cert_expires, Product.cert_status, Product.trace_url, Product.story,
        stock.label("stock"),
    ).join(Producer, Product.producer_id == Producer.id)


_INFO = _info_columns()
_BY_CODE = _INFO.join(Barcode, Barcode.product_id == Product.id).where(
    Barcode.code == bindparam("code")
)
# Search results: the ids as one JSON array parameter, so one compiled statement serves any count.
_BY_IDS = _INFO.where(Product.id.in_(
    select(literal_column("value")).select_from(func.json_each(bindparam("ids")))
))
_VERSION_SQL = "SELECT value FROM app_meta WHERE key = ?"
_DATES = ("cert_issued", "cert_expires")


class _Prepared:
    """A query compiled once to SQLite's SQL and run with ``exec_driver_sql``: a scan's lookup
    skips the ORM session, statement caching and compiling (~1 ms of CPU per scan here)."""

    def __init__(self, statement: Select[Any], dialect: Dialect,
                 dates: tuple[str, ...] = ()) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        self._defaults = {name: bind.value for name, bind in compiled.binds.items()}
        self._order = tuple(compiled.positiontup or ())
        self._dates = dates  # SQLite hands DATE columns back as ISO text

    def run(self, connection: Connection, **values: Any) -> list[Any]:
        params = {**self._defaults, **values}
        rows = []
        for row in connection.exec_driver_sql(
            self.sql, tuple(params[name] for name in self._order)
        ):
            fields = row._asdict()
            for name in self._dates:
                if isinstance(fields[name], str):
                    fields[name] = dt.date.fromisoformat(fields[name])
            rows.append(SimpleNamespace(**fields))
        return rows


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _ascii(folded: str) -> str:
    """Folded text is ASCII but for a few signs (×, –, ★): blank them, so the index stays one
    byte per character and str.find runs at full speed."""
    return _NON_ASCII.sub(" ", folded) if not folded.isascii() else folded


@functools.lru_cache(maxsize=1 << 17)
def _fold(text: str) -> str:
    """:func:`fold`, remembered (an index rebuilt after an import folds only new names), and
    quicker for the ASCII text SKUs and English names mostly are."""
    return " ".join(text.lower().split()) if text.isascii() else fold(text)


class _SearchIndex:
    """Every product's folded words, for typing-speed search over tens of thousands of products.

    Rows are numbered in folded-name order. Each distinct word of the search texts maps to the
    rows holding it, as an int bitmask (bit n = row n; rare words as a tuple of rows). A query
    word matches the words that contain it (or, for the better tier, start with it): OR of their
    rows, cached per query word; the words of a query are ANDed. Names starting with the query
    are a contiguous range of rows, found by bisection.
    """

    _RARE = 16  # words in at most this many rows keep a tuple, not a bitmask
    _CACHE = 4096

    def __init__(self, version: str | None, rows: Sequence[Any], codes: Sequence[Any]) -> None:
        self.version = version
        keyed = sorted(((_ascii(_fold(r.name_vi)), r.id, r) for r in rows),
                       key=lambda k: (k[0], k[1]))
        ordered = [r for _, _, r in keyed]
        self.ids: list[int] = [r.id for r in ordered]
        self.names_vi: list[str] = [name for name, _, _ in keyed]
        self.names_en: list[tuple[str, int]] = sorted(
            (_ascii(_fold(r.name_en)), row) for row, r in enumerate(ordered) if r.name_en
        )
        sku_words = [_fold(r.sku) for r in ordered]
        self.skus: list[tuple[str, int]] = sorted(zip(sku_words, self.ids, strict=True))
        self.sku_exact: dict[str, int] = dict(self.skus)
        self.codes: list[tuple[str, int]] = sorted((c.code, c.product_id) for c in codes)
        self.code_exact: dict[str, int] = dict(self.codes)
        self.size = len(ordered)
        self._bytes = self.size // 8 + 1
        positions: dict[str, list[int]] = {}
        for row, r in enumerate(ordered):
            text = _ascii(r.search_text or fold(f"{r.name_vi} {r.name_en}"))
            # SKUs are one distinct word per product: served by the SKU tiers, not by the words.
            for word in set(text.split()) - set(sku_words[row].split()):
                positions.setdefault(word, []).append(row)
        self.words: list[str] = sorted(positions)
        self.rows: list[int | tuple[int, ...]] = [
            self._mask(found) if len(found) > self._RARE else tuple(found)
            for found in (positions[w] for w in self.words)
        ]
        # All words in one string between "\n"s: str.find jumps from hit to hit in C.
        self.blob = "\n" + "\n".join(self.words) + "\n"
        self.starts: list[int] = []
        offset = 1
        for word in self.words:
            self.starts.append(offset)
            offset += len(word) + 1
        self._contains: dict[str, int] = {}
        self._prefix: dict[str, int] = {}

    def _mask(self, rows: Iterable[int]) -> int:
        bits = bytearray(self._bytes)
        for row in rows:
            bits[row >> 3] |= 1 << (row & 7)
        return int.from_bytes(bits, "little")

    def _union(self, word_indexes: Iterable[int]) -> int:
        mask = 0
        rare: list[int] = []
        for index in word_indexes:
            found = self.rows[index]
            if isinstance(found, int):
                mask |= found
            else:
                rare.extend(found)
        return mask | self._mask(rare) if rare else mask

    def _cached(self, cache: dict[str, int], word: str, mask: int) -> int:
        if len(cache) >= self._CACHE:
            cache.clear()
        cache[word] = mask
        return mask

    def containing(self, word: str) -> int:
        """Rows with a word that contains ``word``."""
        found = self._contains.get(word)
        if found is not None:
            return found
        blob, starts, hits = self.blob, self.starts, []
        at = blob.find(word)
        while at != -1:
            index = bisect.bisect_right(starts, at) - 1
            hits.append(index)
            at = blob.find(word, starts[index + 1]) if index + 1 < len(starts) else -1
        return self._cached(self._contains, word, self._union(hits))

    def starting(self, word: str) -> int:
        """Rows with a word that starts with ``word``."""
        found = self._prefix.get(word)
        if found is not None:
            return found
        words = self.words
        first = bisect.bisect_left(words, word)
        last = first
        while last < len(words) and words[last].startswith(word):
            last += 1
        return self._cached(self._prefix, word, self._union(range(first, last)))

    def name_rows(self, folded: str) -> list[int]:
        """Rows whose Vietnamese or English name starts with ``folded``, best first."""
        lo = bisect.bisect_left(self.names_vi, folded)
        hi = lo
        while hi < self.size and self.names_vi[hi].startswith(folded):
            hi += 1
        found = list(range(lo, hi))
        at = bisect.bisect_left(self.names_en, (folded, -1))
        english = []
        while at < len(self.names_en) and self.names_en[at][0].startswith(folded):
            english.append(self.names_en[at][1])
            at += 1
        return found + sorted(english)

    @staticmethod
    def _rows_of(mask: int, limit: int) -> Iterator[int]:
        bits = bin(mask)[:1:-1]  # bit 0 first
        at = bits.find("1")
        while at != -1 and limit > 0:
            yield at
            limit -= 1
            at = bits.find("1", at + 1)

    @staticmethod
    def _prefixed(items: list[tuple[str, int]], prefix: str, limit: int) -> list[int]:
        start = bisect.bisect_left(items, (prefix, -1))
        found: list[int] = []
        for key, product_id in items[start:]:
            if not key.startswith(prefix) or len(found) >= limit:
                break
            found.append(product_id)
        return found

    def search(self, query: str, limit: int) -> list[int]:
        raw = query.strip()
        folded = fold(raw)
        if not folded or limit <= 0:
            return []
        ranked: list[int] = []
        seen: set[int] = set()

        def take(ids: Iterable[int]) -> bool:
            for product_id in ids:
                if product_id not in seen:
                    seen.add(product_id)
                    ranked.append(product_id)
                    if len(ranked) >= limit:
                        return True
            return False

        # 1. exact barcode or SKU, 2. barcode or SKU prefix
        exact = [self.code_exact.get(raw), self.sku_exact.get(folded)]
        if take(i for i in exact if i is not None):
            return ranked
        if " " not in folded and (
            take(self._prefixed(self.codes, raw, limit))
            or take(self._prefixed(self.skus, folded, limit))
        ):
            return ranked
        # a code-like query (digits, dashes) may be the middle of a SKU: "001" finds "BT-001"
        code_like = any(ch.isdigit() or ch in "-_/." for ch in folded)
        if not ranked and " " not in folded and code_like and take(
            [product_id for sku, product_id in self.skus if folded in sku][:limit]
        ):
            return ranked
        # 3. name starts with the query, 4. every word starts a word, 5. every word anywhere
        folded = _ascii(folded).strip()
        words = sorted(set(folded.split()), key=len, reverse=True)
        if not words:
            return ranked
        anywhere = -1
        for word in words:
            anywhere &= self.containing(word)
            if not anywhere:
                return ranked
        ids = self.ids
        if take(ids[row] for row in self.name_rows(folded)):
            return ranked
        starts = -1
        for word in words:
            starts &= self.starting(word)
        if take(ids[row] for row in self._rows_of(starts & anywhere, limit + len(ranked))):
            return ranked
        take(ids[row] for row in self._rows_of(anywhere & ~starts, limit + len(ranked)))
        return ranked


class CatalogService:
    """Lookup, search and details of products, for the counter and the back office."""

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self._index: _SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._pattern_text: str | None = None
        self._pattern: ScalePattern | None = None
        self._by_code: _Prepared | None = None
        self._by_ids: _Prepared | None = None

    # --- dates and status ------------------------------------------------------------------

    def today(self) -> dt.date:
        """The business date in Hanoi."""
        return business_date(self.clock)

    def _info(self, row: Any, today: dt.date, warning_days: int) -> ProductInfo:
        stored = CertStatus(row.cert_status)
        return ProductInfo(
            id=row.id,
            sku=row.sku,
            barcodes=tuple(sorted(row.barcodes.split(_SEP))) if row.barcodes else (),
            name_vi=row.name_vi,
            name_en=row.name_en,
            producer_id=row.producer_id,
            producer_code=row.producer_code,
            producer_name=row.producer_name,
            producer_kind=row.producer_kind,
            commune=row.commune,
            district=row.district,
            group=row.product_group,
            stars=row.stars,
            unit=row.unit,
            price=Dong(row.price),
            vat_rate=row.vat_rate,
            certificate_no=row.certificate_no,
            cert_issued=row.cert_issued,
            cert_expires=row.cert_expires,
            cert_status=effective_status(stored, row.cert_expires, today),
            saleability=saleability(stored, row.cert_expires, today, warning_days),
            trace_url=row.trace_url,
            story=row.story,
            stock=int(row.stock or 0),
        )

    def _infos(self, session: Session, query: Select[Any]) -> list[ProductInfo]:
        return self._to_infos(session.execute(query))

    def _to_infos(self, rows: Iterable[Any]) -> list[ProductInfo]:
        today = self.today()
        warning_days = self.settings.get(CERT_EXPIRY_WARNING_DAYS)
        return [self._info(row, today, warning_days) for row in rows]

    # --- public API ------------------------------------------------------------------------

    def get(self, product_id: int) -> ProductInfo:
        with self.db.reader() as session:
            found = self._infos(session, _INFO.where(Product.id == product_id))
        if not found:
            raise ProductNotFound(product_id)
        return found[0]

    def get_many(self, product_ids: Sequence[int]) -> list[ProductInfo]:
        """Products in the order asked (unknown ids left out)."""
        by_id: dict[int, ProductInfo] = {}
        with self.db.reader() as session:
            for chunk in chunks(product_ids):
                for info in self._infos(session, _INFO.where(Product.id.in_(chunk))):
                    by_id[info.id] = info
        return [by_id[i] for i in product_ids if i in by_id]

    def by_sku(self, sku: str) -> ProductInfo | None:
        with self.db.reader() as session:
            found = self._infos(session, _INFO.where(Product.sku == sku.strip()))
        return found[0] if found else None

    def scale_pattern(self) -> ScalePattern | None:
        """The configured scale label layout; None (scale labels not decoded) if unusable."""
        text = self.settings.get(SCALE_BARCODE_PATTERN).strip()
        if text != self._pattern_text:
            self._pattern_text = text
            try:
                self._pattern = ScalePattern.parse(text) if text else None
            except ScaleError:
                log.warning("scale_barcode_pattern %r is not usable; scale labels ignored", text)
                self._pattern = None
        return self._pattern

    def lookup_code(self, code: str) -> ScanResult:
        """What a scanner sent. Raises the domain ``BarcodeError`` for a wrong check digit, a
        too long code or bad characters; an unknown code gives ``product=None``."""
        cleaned = validate(code)
        if self._by_code is None:
            self._by_code = _Prepared(_BY_CODE, self.db.read_engine.dialect, dates=_DATES)
        with self.db.read_engine.connect() as connection:
            found = self._to_infos(self._by_code.run(connection, code=cleaned))
        if found:
            return ScanResult(cleaned, found[0])
        with self.db.reader() as session:
            pattern = self.scale_pattern()
            if pattern is None or not pattern.matches(cleaned):
                return ScanResult(cleaned, None)
            reading = pattern.decode(cleaned)
            item = reading.item_code
            variants = list(dict.fromkeys((item, item.lstrip("0") or "0")))
            by_item = _INFO.where(
                or_(
                    Product.sku.in_(variants),
                    Product.id.in_(select(Barcode.product_id).where(Barcode.code.in_(variants))),
                )
            ).order_by(Product.sku.in_(variants).desc(), Product.id)
            matches = self._infos(session, by_item.limit(1))
        product = matches[0] if matches else None
        price = reading.price
        if price is None and product is not None and reading.grams is not None:
            price = weighed_amount(product.price, reading.grams)
        return ScanResult(cleaned, product, reading.grams, price, item)

    def search(self, query: str, limit: int = 50) -> list[ProductInfo]:
        """Products matching what the cashier typed, best first: exact barcode / SKU, barcode /
        SKU prefix, name starting with the query, words starting words, words anywhere."""
        if self._by_ids is None:
            self._by_ids = _Prepared(_BY_IDS, self.db.read_engine.dialect, dates=_DATES)
        with self.db.read_engine.connect() as connection:
            version = connection.exec_driver_sql(_VERSION_SQL, (CATALOG_VERSION_KEY,)).scalar()
            index = self._index
            if index is None or index.version != version:
                with self.db.reader() as session:
                    index = self._current_index(session)
            ids = index.search(query, limit)
            if not ids:
                return []
            rows = self._by_ids.run(connection, ids=json.dumps(ids))
        by_id = {info.id: info for info in self._to_infos(rows)}
        return [by_id[i] for i in ids if i in by_id]

    def invalidate(self) -> None:
        """Forget the search index (it reloads on the next search)."""
        with self._index_lock:
            self._index = None

    def _current_index(self, session: Session) -> _SearchIndex:
        version = get_meta(session, CATALOG_VERSION_KEY)
        index = self._index
        if index is not None and index.version == version:
            return index
        with self._index_lock:
            if self._index is not None and self._index.version == version:
                return self._index
            rows = session.execute(
                select(Product.id, Product.sku, Product.name_vi, Product.name_en,
                       Product.search_text)
            ).all()
            codes = session.execute(select(Barcode.code, Barcode.product_id)).all()
            self._index = _SearchIndex(version, rows, codes)
            return self._index

    def warm_up(self) -> None:
        """Build the search index now (e.g. on a background lane at start-up), not on the
        first keystroke."""
        with self.db.reader() as session:
            self._current_index(session)

    def stock_levels(self, product_ids: Iterable[int]) -> dict[int, int]:
        """Current stock (sum of the ledger) of each product, 0 for none; one grouped query
        per 500 ids."""
        wanted = list(dict.fromkeys(product_ids))
        levels = dict.fromkeys(wanted, 0)
        with self.db.reader() as session:
            for chunk in chunks(wanted):
                query = (
                    select(StockMovement.product_id, func.sum(StockMovement.qty))
                    .where(StockMovement.product_id.in_(chunk))
                    .group_by(StockMovement.product_id)
                )
                for product_id, qty in session.execute(query):
                    levels[product_id] = int(qty or 0)
        return levels

    def counts(self) -> CatalogCounts:
        today = self.today()
        soon = today + dt.timedelta(days=self.settings.get(CERT_EXPIRY_WARNING_DAYS))
        active = Product.cert_status == CertStatus.ACTIVE.value
        has_expiry = Product.cert_expires.is_not(None)

        def total(condition: Any) -> Any:
            return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

        query = select(
            func.count(Product.id),
            total(Product.cert_status == CertStatus.REVOKED.value),
            total(or_(Product.cert_status == CertStatus.EXPIRED.value,
                      active & has_expiry & (Product.cert_expires < today))),
            total(active & has_expiry & (Product.cert_expires >= today)
                  & (Product.cert_expires <= soon)),
        )
        with self.db.reader() as session:
            products, revoked, expired, expiring = session.execute(query).one()
            producers = session.scalar(select(func.count(Producer.id))) or 0
        return CatalogCounts(int(products), int(producers), int(revoked), int(expired),
                             int(expiring))
