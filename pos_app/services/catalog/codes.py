"""In-store codes for products without a barcode: assigned by a manager, audited, all or nothing.

A code is an EAN-13 in the showroom's restricted-circulation prefix
(:mod:`pos_app.domain.instore_codes`, setting ``instore_code_prefix``), never one the scale's
labels use. It is added as one more row of ``barcodes``: a product keeps every code it has, and
the counter's :meth:`CatalogService.lookup_code` finds it like any other barcode.

:meth:`CodesService.assign` gives the next free codes to the products asked for (or, with
``all_missing``, to every product that has no barcode at all) in one write transaction with one
audit entry; :meth:`CodesService.add_code` adds a code a manager typed (a label printed before).
Any problem — an unknown SKU, a product that already has a barcode, a code in use, a wrong check
digit, a scale prefix, a prefix setting that is not usable — raises :class:`CodesError` and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.config import INSTORE_CODE_PREFIX, SCALE_BARCODE_PATTERN, Settings
from pos_app.db.database import Database
from pos_app.db.models import Barcode, Product
from pos_app.domain.errors import CodedValueError
from pos_app.domain.instore_codes import InStoreCodeError, InStoreScheme
from pos_app.domain.scale import ScaleError, ScalePattern
from pos_app.services.audit import AuditLog
from pos_app.services.catalog.importer import bump_catalog_version
from pos_app.services.ports import Clock

AUDIT_ACTION = "instore_codes_assigned"


class CodesError(CodedValueError):
    """Nothing was assigned. ``code``: no_such_product | has_barcode | code_taken | bad_code |
    bad_prefix | scale_prefix | bad_check_digit | nothing_to_do | exhausted; ``detail`` names the
    SKU or code; ``expected`` is the right check digit for bad_check_digit."""

    def __init__(self, code: str, detail: str = "", expected: int | None = None) -> None:
        super().__init__(code, detail)
        self.expected = expected


@dataclass(frozen=True)
class Assigned:
    """What one call assigned: ``codes`` maps SKU → its new code, in the order asked."""

    codes: dict[str, str] = field(default_factory=dict)


def _domain_error(exc: InStoreCodeError) -> CodesError:
    code = {"bad_length": "bad_code", "not_this_prefix": "bad_code"}.get(
        exc.problem.value, exc.problem.value)
    return CodesError(code, exc.text, exc.expected_check_digit)


class CodesService:
    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 audit: AuditLog | None = None) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.audit = audit or AuditLog(clock)

    def scale_pattern(self) -> ScalePattern | None:
        text = self.settings.get(SCALE_BARCODE_PATTERN).strip()
        try:
            return ScalePattern.parse(text) if text else None
        except ScaleError:
            return None  # the counter ignores an unusable pattern too

    def scheme(self) -> InStoreScheme:
        """The configured prefix, checked against the scale pattern; raises CodesError."""
        try:
            return InStoreScheme.parse(self.settings.get(INSTORE_CODE_PREFIX),
                                       self.scale_pattern())
        except InStoreCodeError as exc:
            raise _domain_error(exc) from None

    def missing(self) -> list[str]:
        """SKUs of the products that have no barcode at all, in SKU order."""
        with self.db.reader() as session:
            return list(session.scalars(
                select(Product.sku).where(~Product.barcodes.any()).order_by(Product.sku)))

    def assign(self, skus: Sequence[str] = (), *, all_missing: bool = False,
               user: str, approved_by: str = "") -> Assigned:
        """Give each product asked for (or every product without a barcode) its next in-store
        code, in one transaction with one audit entry. A product that already has a barcode is
        refused when named (it keeps its codes; use :meth:`add_code` for one more)."""
        scheme = self.scheme()
        with self.db.transaction() as session:
            if all_missing:
                products = list(session.scalars(
                    select(Product).where(~Product.barcodes.any()).order_by(Product.sku)))
            else:
                products = self._named(session, skus)
                for product in products:
                    if product.barcodes:
                        raise CodesError("has_barcode", product.sku)
            if not products:
                raise CodesError("nothing_to_do")
            taken = session.scalars(
                select(Barcode.code).where(Barcode.code.like(scheme.prefix + "%")))
            try:
                new_codes = list(scheme.next_codes(taken, len(products)))
            except InStoreCodeError as exc:
                raise _domain_error(exc) from None
            done: dict[str, str] = {}
            for product, code in zip(products, new_codes, strict=True):
                session.add(Barcode(code=code, product_id=product.id))
                done[product.sku] = code
            self._audit(session, done, user, approved_by)
        return Assigned(done)

    def add_code(self, sku: str, code: str, *, user: str, approved_by: str = "") -> Assigned:
        """Add one in-store code a manager typed (e.g. from a label printed earlier)."""
        scheme = self.scheme()
        try:
            cleaned = scheme.check(code, self.scale_pattern())
        except InStoreCodeError as exc:
            raise _domain_error(exc) from None
        with self.db.transaction() as session:
            (product,) = self._named(session, [sku])
            owner = session.scalar(
                select(Product.sku).join(Barcode).where(Barcode.code == cleaned))
            if owner is not None:
                raise CodesError("code_taken", f"{cleaned} ({owner})")
            session.add(Barcode(code=cleaned, product_id=product.id))
            done = {product.sku: cleaned}
            self._audit(session, done, user, approved_by)
        return Assigned(done)

    @staticmethod
    def _named(session: Session, skus: Sequence[str]) -> list[Product]:
        wanted = list(dict.fromkeys(s.strip() for s in skus if s.strip()))
        if not wanted:
            raise CodesError("no_such_product", ", ".join(skus))
        found = {p.sku: p for p in session.scalars(select(Product).where(Product.sku.in_(wanted)))}
        for sku in wanted:
            if sku not in found:
                raise CodesError("no_such_product", sku)
        return [found[s] for s in wanted]

    def _audit(self, session: Session, done: dict[str, str], user: str,
               approved_by: str) -> None:
        session.flush()
        bump_catalog_version(session)
        self.audit.append(session, action=AUDIT_ACTION, user=user, approved_by=approved_by,
                          target=",".join(done) if len(done) <= 5 else f"{len(done)} products",
                          detail={"codes": done})
