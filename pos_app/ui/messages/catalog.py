"""Words for the catalog importer's codes, in the user's language (Qt translation, context
"CatalogImport"). Used by ``ocop-pos-admin import-catalog`` / ``init --demo`` and by the UI.

English source text; placeholders are filled with ``.format`` after translation. Every text is a
literal in ``CatalogImport.tr("...")`` or ``QCoreApplication.translate("CatalogImport", "...")``,
the forms ``pyside6-lupdate`` files under the right context (see :mod:`pos_app.ui.messages`);
codes map to texts through tables.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.formats.catalog_tables import FileProblem, FileProblemCode
from pos_app.services.catalog.importer import ChangeKind, ImportPlan, RowProblem, RowProblemCode
from pos_app.services.catalog.lookup import CatalogCounts
from pos_app.ui.messages import Context
from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands

CatalogImport = Context("CatalogImport")


def _barcode_problem(detail: str) -> str:
    texts = {
        "empty": CatalogImport.tr("empty"),
        "too_long": CatalogImport.tr("too long"),
        "bad_characters": CatalogImport.tr("characters a scanner cannot send"),
    }
    return texts.get(detail, detail)


def _row_texts() -> dict[RowProblemCode, str]:
    """Each row problem's phrase: ``{code}``/``{value}`` is the value refused, ``{sku}``,
    ``{row}``, ``{limit}``, ``{digit}``, ``{issued}`` the problem's detail (see ``reason``)."""
    c = RowProblemCode
    return {
        c.MISSING_VALUE: CatalogImport.tr("a value is required"),
        c.TOO_LONG: CatalogImport.tr("too long (at most {limit} characters)"),
        c.BAD_BARCODE: CatalogImport.tr("barcode {code} cannot be used: {why}"),
        c.BAD_CHECK_DIGIT: CatalogImport.tr(
            "barcode {code} has a wrong check digit (expected {digit})"),
        c.DUPLICATE_BARCODE: CatalogImport.tr(
            "barcode {code} is listed twice in the file (also for {sku})"),
        c.BARCODE_TAKEN: CatalogImport.tr("barcode {code} already belongs to product {sku}"),
        c.DUPLICATE_SKU: CatalogImport.tr(
            "SKU {sku} is listed twice in the file (first on row {row})"),
        c.DUPLICATE_PRODUCER: CatalogImport.tr(
            "producer code {code} is listed twice in the file (first on row {row})"),
        c.UNKNOWN_PRODUCER: CatalogImport.tr(
            "producer {code} is neither in the files nor in the database"),
        c.UNKNOWN_GROUP: CatalogImport.tr('unknown product group "{value}"'),
        c.UNKNOWN_PRODUCER_KIND: CatalogImport.tr('unknown producer type "{value}"'),
        c.UNKNOWN_CERT_STATUS: CatalogImport.tr('unknown certificate status "{value}"'),
        c.UNKNOWN_VAT_RATE: CatalogImport.tr('VAT rate "{value}" is not 0, 5, 8 or 10 %'),
        c.BAD_STARS: CatalogImport.tr('star rating "{value}" is not 3, 4 or 5'),
        c.BAD_PRICE: CatalogImport.tr(
            'price "{value}" is not a whole, non-negative number of đồng'),
        c.BAD_DATE: CatalogImport.tr(
            '"{value}" is not a date (write 2026-12-31 or 31/12/2026)'),
        c.EXPIRY_BEFORE_ISSUE: CatalogImport.tr(
            "expiry date {value} is before the issue date {issued}"),
    }


def reason(problem: RowProblem) -> str:
    """Why the value was refused, in one short phrase."""
    code, value, detail = problem.code, problem.value, problem.detail
    text = _row_texts().get(code)
    if text is None:
        return code.value
    if code is RowProblemCode.DUPLICATE_SKU:  # the only one whose SKU is the value itself
        return text.format(sku=value, row=detail)
    why = _barcode_problem(detail) if code is RowProblemCode.BAD_BARCODE else ""
    return text.format(code=value, value=value, sku=detail, row=detail, limit=detail,
                       digit=detail, issued=detail, why=why)


def row_problem_line(problem: RowProblem) -> str:
    """``products.csv row 7, column "Số sao": star rating "7" is not 3, 4 or 5``"""
    return QCoreApplication.translate(
        "CatalogImport", '{source} row {row}, column "{column}": {reason}'
    ).format(source=problem.source, row=problem.row, column=problem.column,
             reason=reason(problem))


def file_problem_line(problem: FileProblem) -> str:
    c = FileProblemCode
    texts = {
        c.UNREADABLE: CatalogImport.tr("cannot be read ({detail})"),
        c.NOT_UTF8: CatalogImport.tr("is not UTF-8 text (save it as CSV UTF-8)"),
        c.UNSUPPORTED_FORMAT: CatalogImport.tr("is not a CSV or XLSX file"),
        c.UNKNOWN_TABLE: CatalogImport.tr(
            "is neither a producers nor a products table (columns: {columns})"),
        c.MISSING_COLUMN: CatalogImport.tr("lacks required columns: {columns}"),
        c.EMPTY: CatalogImport.tr("is empty"),
    }
    text = texts.get(problem.code)
    said = text.format(detail=problem.detail, columns=problem.detail) if text else \
        problem.code.value
    return CatalogImport.tr("{source}: {problem}").format(source=problem.source, problem=said)


def problem_lines(plan: ImportPlan) -> list[str]:
    return [file_problem_line(p) for p in plan.file_problems] + [
        row_problem_line(p) for p in plan.problems
    ]


def summary_lines(plan: ImportPlan, *, details: bool) -> list[str]:
    """Counts of new / changed / unchanged producers and products; with ``details``, which."""
    lines = [
        QCoreApplication.translate(
            "CatalogImport", "Producers: {added} new, {changed} changed, {same} unchanged"
        ).format(added=plan.count("producers", ChangeKind.ADD),
                 changed=plan.count("producers", ChangeKind.CHANGE),
                 same=plan.count("producers", ChangeKind.SAME)),
        QCoreApplication.translate(
            "CatalogImport", "Products: {added} new, {changed} changed, {same} unchanged"
        ).format(added=plan.count("products", ChangeKind.ADD),
                 changed=plan.count("products", ChangeKind.CHANGE),
                 same=plan.count("products", ChangeKind.SAME)),
    ]
    if not details:
        return lines
    for change in plan.producer_changes:
        if change.kind is ChangeKind.ADD:
            lines.append(QCoreApplication.translate(
                "CatalogImport", "  new producer {code}").format(code=change.key))
        elif change.kind is ChangeKind.CHANGE:
            lines.append(QCoreApplication.translate(
                "CatalogImport", "  changed producer {code}: {fields}"
            ).format(code=change.key, fields=", ".join(change.fields)))
    for change in plan.product_changes:
        if change.kind is ChangeKind.ADD:
            lines.append(QCoreApplication.translate(
                "CatalogImport", "  new product {sku}").format(sku=change.key))
        elif change.kind is ChangeKind.CHANGE:
            lines.append(QCoreApplication.translate(
                "CatalogImport", "  changed product {sku}: {fields}"
            ).format(sku=change.key, fields=", ".join(change.fields)))
    return lines


def rejected_line(count: int) -> str:
    return QCoreApplication.translate(
        "CatalogImport", "{count} problems: nothing was imported."
    ).format(count=count)


def dry_run_line() -> str:
    return QCoreApplication.translate("CatalogImport", "Dry run: nothing was written.")


def imported_line() -> str:
    return QCoreApplication.translate("CatalogImport", "Imported.")


def counts_line(counts: CatalogCounts) -> str:
    return QCoreApplication.translate(
        "CatalogImport",
        "Catalog: {products} products from {producers} producers; certificates: "
        "{expiring} expiring soon, {expired} expired, {revoked} revoked",
    ).format(products=counts.products, producers=counts.producers,
             expiring=counts.expiring_soon, expired=counts.expired, revoked=counts.revoked)
