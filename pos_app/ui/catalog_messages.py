"""Words for the catalog importer's codes, in the user's language (Qt translation, context
"CatalogImport"). Used by ``ocop-pos-admin import-catalog`` and by the UI's import screen.

English source text; placeholders are filled with ``.format`` after translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.services.catalog import CatalogCounts
from pos_app.services.catalog_files import FileProblem, FileProblemCode
from pos_app.services.catalog_import import ChangeKind, ImportPlan, RowProblem, RowProblemCode

CONTEXT = "CatalogImport"
_app: QCoreApplication | None = None  # kept alive while the process runs


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ensure_translation(lang: str) -> None:
    """For command-line use: make sure translations work in ``lang``.

    Creates a QCoreApplication only if none exists, and installs the language only on the one it
    created (an application that already runs has chosen its language)."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    _app = QCoreApplication([])
    from pos_app.ui.i18n import install_translator

    install_translator(_app, lang)


def _barcode_problem(detail: str) -> str:
    texts = {
        "empty": tr("empty"),
        "too_long": tr("too long"),
        "bad_characters": tr("characters a scanner cannot send"),
    }
    return texts.get(detail, detail)


def reason(problem: RowProblem) -> str:
    """Why the value was refused, in one short phrase."""
    code, value, detail = problem.code, problem.value, problem.detail
    if code is RowProblemCode.MISSING_VALUE:
        return tr("a value is required")
    if code is RowProblemCode.TOO_LONG:
        return tr("too long (at most {limit} characters)").format(limit=detail)
    if code is RowProblemCode.BAD_BARCODE:
        return tr("barcode {code} cannot be used: {why}").format(
            code=value, why=_barcode_problem(detail))
    if code is RowProblemCode.BAD_CHECK_DIGIT:
        return tr("barcode {code} has a wrong check digit (expected {digit})").format(
            code=value, digit=detail)
    if code is RowProblemCode.DUPLICATE_BARCODE:
        return tr("barcode {code} is listed twice in the file (also for {sku})").format(
            code=value, sku=detail)
    if code is RowProblemCode.BARCODE_TAKEN:
        return tr("barcode {code} already belongs to product {sku}").format(
            code=value, sku=detail)
    if code is RowProblemCode.DUPLICATE_SKU:
        return tr("SKU {sku} is listed twice in the file (first on row {row})").format(
            sku=value, row=detail)
    if code is RowProblemCode.DUPLICATE_PRODUCER:
        return tr("producer code {code} is listed twice in the file (first on row {row})").format(
            code=value, row=detail)
    if code is RowProblemCode.UNKNOWN_PRODUCER:
        return tr("producer {code} is neither in the files nor in the database").format(
            code=value)
    if code is RowProblemCode.UNKNOWN_GROUP:
        return tr('unknown product group "{value}"').format(value=value)
    if code is RowProblemCode.UNKNOWN_PRODUCER_KIND:
        return tr('unknown producer type "{value}"').format(value=value)
    if code is RowProblemCode.UNKNOWN_CERT_STATUS:
        return tr('unknown certificate status "{value}"').format(value=value)
    if code is RowProblemCode.UNKNOWN_VAT_RATE:
        return tr('VAT rate "{value}" is not 0, 5, 8 or 10 %').format(value=value)
    if code is RowProblemCode.BAD_STARS:
        return tr('star rating "{value}" is not 3, 4 or 5').format(value=value)
    if code is RowProblemCode.BAD_PRICE:
        return tr('price "{value}" is not a whole, non-negative number of đồng').format(
            value=value)
    if code is RowProblemCode.BAD_DATE:
        return tr('"{value}" is not a date (write 2026-12-31 or 31/12/2026)').format(value=value)
    if code is RowProblemCode.EXPIRY_BEFORE_ISSUE:
        return tr("expiry date {value} is before the issue date {issued}").format(
            value=value, issued=detail)
    return code.value


def row_problem_line(problem: RowProblem) -> str:
    """``products.csv row 7, column "Số sao": star rating "7" is not 3, 4 or 5``"""
    return tr('{source} row {row}, column "{column}": {reason}').format(
        source=problem.source, row=problem.row, column=problem.column, reason=reason(problem))


def file_problem_line(problem: FileProblem) -> str:
    code, detail = problem.code, problem.detail
    if code is FileProblemCode.UNREADABLE:
        text = tr("cannot be read ({detail})").format(detail=detail)
    elif code is FileProblemCode.NOT_UTF8:
        text = tr("is not UTF-8 text (save it as CSV UTF-8)")
    elif code is FileProblemCode.UNSUPPORTED_FORMAT:
        text = tr("is not a CSV or XLSX file")
    elif code is FileProblemCode.UNKNOWN_TABLE:
        text = tr("is neither a producers nor a products table (columns: {columns})").format(
            columns=detail)
    elif code is FileProblemCode.MISSING_COLUMN:
        text = tr("lacks required columns: {columns}").format(columns=detail)
    elif code is FileProblemCode.EMPTY:
        text = tr("is empty")
    else:
        text = code.value
    return tr("{source}: {problem}").format(source=problem.source, problem=text)


def problem_lines(plan: ImportPlan) -> list[str]:
    return [file_problem_line(p) for p in plan.file_problems] + [
        row_problem_line(p) for p in plan.problems
    ]


def summary_lines(plan: ImportPlan, *, details: bool) -> list[str]:
    """Counts of new / changed / unchanged producers and products; with ``details``, which."""
    lines = [
        tr("Producers: {added} new, {changed} changed, {same} unchanged").format(
            added=plan.count("producers", ChangeKind.ADD),
            changed=plan.count("producers", ChangeKind.CHANGE),
            same=plan.count("producers", ChangeKind.SAME)),
        tr("Products: {added} new, {changed} changed, {same} unchanged").format(
            added=plan.count("products", ChangeKind.ADD),
            changed=plan.count("products", ChangeKind.CHANGE),
            same=plan.count("products", ChangeKind.SAME)),
    ]
    if details:
        for change in plan.producer_changes:
            if change.kind is ChangeKind.ADD:
                lines.append(tr("  new producer {code}").format(code=change.key))
            elif change.kind is ChangeKind.CHANGE:
                lines.append(tr("  changed producer {code}: {fields}").format(
                    code=change.key, fields=", ".join(change.fields)))
        for change in plan.product_changes:
            if change.kind is ChangeKind.ADD:
                lines.append(tr("  new product {sku}").format(sku=change.key))
            elif change.kind is ChangeKind.CHANGE:
                lines.append(tr("  changed product {sku}: {fields}").format(
                    sku=change.key, fields=", ".join(change.fields)))
    return lines


def rejected_line(count: int) -> str:
    return tr("{count} problems: nothing was imported.").format(count=count)


def dry_run_line() -> str:
    return tr("Dry run: nothing was written.")


def imported_line() -> str:
    return tr("Imported.")


def counts_line(counts: CatalogCounts) -> str:
    return tr(
        "Catalog: {products} products from {producers} producers; certificates: "
        "{expiring} expiring soon, {expired} expired, {revoked} revoked"
    ).format(products=counts.products, producers=counts.producers,
             expiring=counts.expiring_soon, expired=counts.expired, revoked=counts.revoked)
