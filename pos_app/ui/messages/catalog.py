"""Words for the catalog importer's codes, in the user's language (Qt translation, context
"CatalogImport"). Used by ``ocop-pos-admin import-catalog`` / ``init --demo`` and by the UI.

English source text; placeholders are filled with ``.format`` after translation. Every call is
written out as ``QCoreApplication.translate("CatalogImport", "...")``: that is the form
``pyside6-lupdate`` recognises (a wrapper function would hide the context from it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.services.catalog.files import FileProblem, FileProblemCode
from pos_app.services.catalog.importer import ChangeKind, ImportPlan, RowProblem, RowProblemCode
from pos_app.services.catalog.lookup import CatalogCounts
from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands

CONTEXT = "CatalogImport"


def _barcode_problem(detail: str) -> str:
    if detail == "empty":
        return QCoreApplication.translate("CatalogImport", "empty")
    if detail == "too_long":
        return QCoreApplication.translate("CatalogImport", "too long")
    if detail == "bad_characters":
        return QCoreApplication.translate("CatalogImport", "characters a scanner cannot send")
    return detail


def reason(problem: RowProblem) -> str:
    """Why the value was refused, in one short phrase."""
    code, value, detail = problem.code, problem.value, problem.detail
    if code is RowProblemCode.MISSING_VALUE:
        return QCoreApplication.translate("CatalogImport", "a value is required")
    if code is RowProblemCode.TOO_LONG:
        return QCoreApplication.translate(
            "CatalogImport", "too long (at most {limit} characters)"
        ).format(limit=detail)
    if code is RowProblemCode.BAD_BARCODE:
        return QCoreApplication.translate(
            "CatalogImport", "barcode {code} cannot be used: {why}"
        ).format(code=value, why=_barcode_problem(detail))
    if code is RowProblemCode.BAD_CHECK_DIGIT:
        return QCoreApplication.translate(
            "CatalogImport", "barcode {code} has a wrong check digit (expected {digit})"
        ).format(code=value, digit=detail)
    if code is RowProblemCode.DUPLICATE_BARCODE:
        return QCoreApplication.translate(
            "CatalogImport", "barcode {code} is listed twice in the file (also for {sku})"
        ).format(code=value, sku=detail)
    if code is RowProblemCode.BARCODE_TAKEN:
        return QCoreApplication.translate(
            "CatalogImport", "barcode {code} already belongs to product {sku}"
        ).format(code=value, sku=detail)
    if code is RowProblemCode.DUPLICATE_SKU:
        return QCoreApplication.translate(
            "CatalogImport", "SKU {sku} is listed twice in the file (first on row {row})"
        ).format(sku=value, row=detail)
    if code is RowProblemCode.DUPLICATE_PRODUCER:
        return QCoreApplication.translate(
            "CatalogImport",
            "producer code {code} is listed twice in the file (first on row {row})",
        ).format(code=value, row=detail)
    if code is RowProblemCode.UNKNOWN_PRODUCER:
        return QCoreApplication.translate(
            "CatalogImport", "producer {code} is neither in the files nor in the database"
        ).format(code=value)
    if code is RowProblemCode.UNKNOWN_GROUP:
        return QCoreApplication.translate(
            "CatalogImport", 'unknown product group "{value}"'
        ).format(value=value)
    if code is RowProblemCode.UNKNOWN_PRODUCER_KIND:
        return QCoreApplication.translate(
            "CatalogImport", 'unknown producer type "{value}"'
        ).format(value=value)
    if code is RowProblemCode.UNKNOWN_CERT_STATUS:
        return QCoreApplication.translate(
            "CatalogImport", 'unknown certificate status "{value}"'
        ).format(value=value)
    if code is RowProblemCode.UNKNOWN_VAT_RATE:
        return QCoreApplication.translate(
            "CatalogImport", 'VAT rate "{value}" is not 0, 5, 8 or 10 %'
        ).format(value=value)
    if code is RowProblemCode.BAD_STARS:
        return QCoreApplication.translate(
            "CatalogImport", 'star rating "{value}" is not 3, 4 or 5'
        ).format(value=value)
    if code is RowProblemCode.BAD_PRICE:
        return QCoreApplication.translate(
            "CatalogImport", 'price "{value}" is not a whole, non-negative number of đồng'
        ).format(value=value)
    if code is RowProblemCode.BAD_DATE:
        return QCoreApplication.translate(
            "CatalogImport", '"{value}" is not a date (write 2026-12-31 or 31/12/2026)'
        ).format(value=value)
    if code is RowProblemCode.EXPIRY_BEFORE_ISSUE:
        return QCoreApplication.translate(
            "CatalogImport", "expiry date {value} is before the issue date {issued}"
        ).format(value=value, issued=detail)
    return code.value


def row_problem_line(problem: RowProblem) -> str:
    """``products.csv row 7, column "Số sao": star rating "7" is not 3, 4 or 5``"""
    return QCoreApplication.translate(
        "CatalogImport", '{source} row {row}, column "{column}": {reason}'
    ).format(source=problem.source, row=problem.row, column=problem.column,
             reason=reason(problem))


def file_problem_line(problem: FileProblem) -> str:
    code, detail = problem.code, problem.detail
    if code is FileProblemCode.UNREADABLE:
        text = QCoreApplication.translate(
            "CatalogImport", "cannot be read ({detail})"
        ).format(detail=detail)
    elif code is FileProblemCode.NOT_UTF8:
        text = QCoreApplication.translate(
            "CatalogImport", "is not UTF-8 text (save it as CSV UTF-8)")
    elif code is FileProblemCode.UNSUPPORTED_FORMAT:
        text = QCoreApplication.translate("CatalogImport", "is not a CSV or XLSX file")
    elif code is FileProblemCode.UNKNOWN_TABLE:
        text = QCoreApplication.translate(
            "CatalogImport", "is neither a producers nor a products table (columns: {columns})"
        ).format(columns=detail)
    elif code is FileProblemCode.MISSING_COLUMN:
        text = QCoreApplication.translate(
            "CatalogImport", "lacks required columns: {columns}"
        ).format(columns=detail)
    elif code is FileProblemCode.EMPTY:
        text = QCoreApplication.translate("CatalogImport", "is empty")
    else:
        text = code.value
    return QCoreApplication.translate("CatalogImport", "{source}: {problem}").format(
        source=problem.source, problem=text)


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
