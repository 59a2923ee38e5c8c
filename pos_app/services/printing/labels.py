"""Printing price labels: to a TSPL / ZPL label printer, or to A4 decal sheets as a PDF.

A request names products by SKU with a number of copies and a template. Everything is checked
and drawn before the first byte goes out — unknown SKU, a product with no EAN-13 to print, a
sheet layout that does not fit the page, a printer address that is not a printer URI — so a bad
request prints nothing. The one job is then sent whole (a printer that is off refuses the
connection before any label), or the PDF is written under a temporary name and moved into place.

What a label says comes from the catalog (:class:`CatalogService`): the Vietnamese name, the
price formatted by the domain (``125.000 ₫``), the producer, the OCOP stars only while the
certificate is in force (an expired or revoked product is never labelled as certified), the
traceability link for the QR. The barcode is the product's GS1 EAN-13 when it has one, else its
in-store code (see :mod:`pos_app.services.catalog.codes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pos_app.domain.barcodes import is_valid_gtin
from pos_app.domain.errors import CodedValueError
from pos_app.domain.labels import LABEL_LANGUAGES, LabelContent, LabelOutputError, LabelSize
from pos_app.domain.money import format_vnd
from pos_app.domain.ocop import CertStatus
from pos_app.services.catalog.lookup import CatalogService, ProductInfo
from pos_app.services.ports import LabelOutput

MAX_COPIES = 999


@dataclass(frozen=True)
class LabelTemplate:
    """A label design: its size on a label printer, and whether it carries the QR."""

    name: str
    size: LabelSize
    with_qr: bool


TEMPLATES: dict[str, LabelTemplate] = {
    "standard": LabelTemplate("standard", LabelSize(50, 30), with_qr=False),
    "trace": LabelTemplate("trace", LabelSize(60, 40), with_qr=True),
}
DEFAULT_TEMPLATE = "standard"


class LabelError(CodedValueError):
    """Nothing was printed. ``code``: no_such_product | no_barcode | bad_copies |
    unknown_template | unknown_sheet | sheet_does_not_fit | bad_uri | nothing_to_print |
    write_failed, or a printer's code (offline, not_found, timeout, io_error, unsupported …);
    ``detail`` names the SKU, sheet or printer."""


@dataclass(frozen=True)
class LabelRequest:
    sku: str
    copies: int = 1


@dataclass(frozen=True)
class PrintedLabels:
    labels: int  # pieces of paper, copies included
    products: int
    pages: int = 0  # PDF pages (0 for a label printer)
    size: int = 0  # bytes sent to the printer


def label_barcode(product: ProductInfo) -> str | None:
    """The code to print: a GS1 EAN-13 first, then an in-store one (prefix 2x)."""
    codes = [c for c in product.barcodes if len(c) == 13 and is_valid_gtin(c)]
    codes.sort(key=lambda c: (c.startswith("2"), c))
    return codes[0] if codes else None


def label_content(product: ProductInfo, barcode: str) -> LabelContent:
    certified = product.cert_status is CertStatus.ACTIVE
    return LabelContent(
        name=product.name_vi,
        price_text=format_vnd(product.price),
        barcode=barcode,
        stars=product.stars if certified else 0,
        producer=product.producer_name,
        qr=product.trace_url,
        unit=product.unit,
    )


class LabelService:
    def __init__(self, catalog: CatalogService, output: LabelOutput) -> None:
        self.catalog = catalog
        self.output = output

    @staticmethod
    def template(name: str | None) -> LabelTemplate:
        found = TEMPLATES.get(name or DEFAULT_TEMPLATE)
        if found is None:
            raise LabelError("unknown_template", name or "")
        return found

    def contents(self, requests: Sequence[LabelRequest]) -> list[tuple[LabelContent, int]]:
        """Each request's label and copies; raises LabelError for the first bad one."""
        if not requests:
            raise LabelError("nothing_to_print")
        out: list[tuple[LabelContent, int]] = []
        for request in requests:
            if not 1 <= request.copies <= MAX_COPIES:
                raise LabelError("bad_copies", str(request.copies))
            product = self.catalog.by_sku(request.sku)
            if product is None:
                raise LabelError("no_such_product", request.sku)
            barcode = label_barcode(product)
            if barcode is None:
                raise LabelError("no_barcode", product.sku)
            out.append((label_content(product, barcode), request.copies))
        return out

    def print_labels(self, uri: str, requests: Sequence[LabelRequest], *,
                     template: str | None = None, language: str = "tspl") -> PrintedLabels:
        """Draw every label, then send them as one job to the label printer at ``uri``."""
        chosen = self.template(template)
        if language not in LABEL_LANGUAGES:
            raise LabelError("bad_uri", language)
        contents = self.contents(requests)
        try:
            size = self.output.print_labels(uri, contents, chosen.size, with_qr=chosen.with_qr,
                                            language=language)
        except LabelOutputError as exc:
            raise LabelError(exc.code, exc.detail) from exc
        return PrintedLabels(sum(n for _, n in contents), len(contents), size=size)

    def print_pdf(self, path: Path, requests: Sequence[LabelRequest], *,
                  template: str | None = None, sheet: str = "5x13",
                  top_mm: float | None = None, left_mm: float | None = None) -> PrintedLabels:
        """Fill A4 decal sheets (one cell per copy) and write them to ``path`` as a PDF."""
        chosen = self.template(template)
        contents = self.contents(requests)
        try:
            pages = self.output.write_sheets(path, contents, sheet=sheet, top_mm=top_mm,
                                             left_mm=left_mm, with_qr=chosen.with_qr)
        except LabelOutputError as exc:
            raise LabelError(exc.code, exc.detail) from exc
        return PrintedLabels(sum(n for _, n in contents), len(contents), pages=pages)
