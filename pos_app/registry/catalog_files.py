"""Reading catalog files for the registry, in exactly the till's CSV / XLSX formats.

The file reading and the row checks are the till's own (:mod:`pos_app.formats.catalog_tables`
and :func:`pos_app.formats.catalog_rows.check_tables`, which the till's importer uses too), so a
file the till accepts, the registry accepts, with the same problems named for the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from pos_app.formats import protocol as p
from pos_app.formats.catalog_rows import ProducerRow, ProductRow, check_tables
from pos_app.formats.catalog_tables import read_tables
from pos_app.registry.store import RegistryError


def read_catalog(paths: Sequence[Path]) -> tuple[list[p.CatalogProducer], list[p.CatalogProduct]]:
    """Producers and products of the files; raises RegistryError ``bad_catalog`` listing the
    first problems (file, row, column, code) when any row or file is wrong. Producers named by
    products but not in the files must exist in the registry (``RegistryStore.load_catalog``)."""
    tables, file_problems = read_tables([Path(x) for x in paths])
    refs: list[tuple[str, int, str]] = []
    producer_rows, product_rows, problems = check_tables(tables, refs)

    if file_problems or problems:
        described = [f"{fp.source}: {fp.code.value} {fp.detail}".strip() for fp in file_problems]
        described += [f"{rp.source} row {rp.row} [{rp.column}]: {rp.code.value} {rp.value!r}"
                      for rp in problems]
        raise RegistryError("bad_catalog", "; ".join(described[:20]))
    # A value the row checks let through but the protocol does not is refused the same way.
    return _convert(producer_rows, product_rows)


def _convert(producer_rows: Sequence[ProducerRow], product_rows: Sequence[ProductRow],
             ) -> tuple[list[p.CatalogProducer], list[p.CatalogProduct]]:
    problems: list[str] = []
    producers = _each(producer_rows, _producer, problems)
    products = _each(product_rows, _product, problems)
    if problems:
        raise RegistryError("bad_catalog", "; ".join(problems[:20]))
    return producers, products


_Row = TypeVar("_Row", ProducerRow, ProductRow)
_Wire = TypeVar("_Wire")


def _each(rows: Sequence[_Row], convert: Callable[[_Row], _Wire], problems: list[str],
          ) -> list[_Wire]:
    """``convert`` every row; a row the protocol refuses is named in ``problems`` instead."""
    converted = []
    for row in rows:
        try:
            converted.append(convert(row))
        except ValidationError as exc:
            problems.append(_where(row.source, row.row, exc))
    return converted


def _where(source: str, row: int, exc: ValidationError) -> str:
    errors = exc.errors()
    column = ".".join(str(x) for x in errors[0]["loc"]) if errors else ""
    kind = errors[0]["type"] if errors else ""
    return f"{source} row {row} [{column}]: {kind}"


def _producer(r: ProducerRow) -> p.CatalogProducer:
    return p.CatalogProducer(code=r.code, name=r.name, kind=r.kind,  # type: ignore[arg-type]
                          commune=r.commune, district=r.district, phone=r.phone)


def _product(r: ProductRow) -> p.CatalogProduct:
    return p.CatalogProduct(
            sku=r.sku, barcodes=list(r.barcodes), name_vi=r.name_vi, name_en=r.name_en,
            producer_code=r.producer_code, group=r.product_group,  # type: ignore[arg-type]
            stars=r.stars, certificate_no=r.certificate_no, cert_issued=r.cert_issued,
            cert_expires=r.cert_expires, cert_status=r.cert_status,  # type: ignore[arg-type]
            unit=r.unit, price=r.price, vat_rate=r.vat_rate,  # type: ignore[arg-type]
            story=r.story, trace_url=r.trace_url,
        )
