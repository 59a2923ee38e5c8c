"""In-store codes and label printing codes as sentences (the Stock screen and ``ocop-pos-admin
labels``), through Qt translation (context "Labels").

The codes come from :class:`pos_app.services.catalog.codes.CodesError` and
:class:`pos_app.services.printing.labels.LabelError`; a printer's own codes (offline, paper_out
…) are worded by :mod:`pos_app.ui.messages.printing`. Every string is a literal inside
``QCoreApplication.translate("Labels", ...)`` so lupdate files it under that context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from pos_app.ui.messages.printing import error_text as printing_error_text

_PROBLEMS: dict[str, Callable[[], str]] = {
    "no_such_product": lambda: QCoreApplication.translate(
        "Labels", "No product has the SKU {detail}"),
    "has_barcode": lambda: QCoreApplication.translate(
        "Labels", "{detail} already has a barcode; nothing was assigned"),
    "code_taken": lambda: QCoreApplication.translate(
        "Labels", "The code {detail} is already in use; nothing was changed"),
    "bad_check_digit": lambda: QCoreApplication.translate(
        "Labels", "The check digit of {detail} is wrong (it should be {expected})"),
    "bad_code": lambda: QCoreApplication.translate(
        "Labels", "{detail} is not an in-store code of this showroom (13 digits, starting with "
                  "the in-store prefix)"),
    "bad_prefix": lambda: QCoreApplication.translate(
        "Labels", "The in-store code prefix {detail} is not valid: it must be 2 or 3 digits "
                  "from 20 to 29"),
    "scale_prefix": lambda: QCoreApplication.translate(
        "Labels", "{detail} starts like the weighing scale's labels; choose another in-store "
                  "code prefix"),
    "exhausted": lambda: QCoreApplication.translate(
        "Labels", "Every in-store code with the prefix {detail} is in use"),
    "nothing_to_do": lambda: QCoreApplication.translate(
        "Labels", "Every product already has a barcode; nothing was assigned"),
    "no_barcode": lambda: QCoreApplication.translate(
        "Labels", "{detail} has no EAN-13 barcode to print; assign it an in-store code first"),
    "bad_copies": lambda: QCoreApplication.translate(
        "Labels", "The number of copies must be from 1 to 999"),
    "unknown_template": lambda: QCoreApplication.translate(
        "Labels", "There is no label template called {detail}"),
    "unknown_sheet": lambda: QCoreApplication.translate(
        "Labels", "There is no label sheet layout called {detail}"),
    "sheet_does_not_fit": lambda: QCoreApplication.translate(
        "Labels", "The label sheet layout does not fit on an A4 page with these margins "
                  "(labels; left / top margin: {detail}); nothing was printed"),
    "nothing_to_print": lambda: QCoreApplication.translate(
        "Labels", "No products were chosen for labels"),
    "write_failed": lambda: QCoreApplication.translate(
        "Labels", "The PDF file could not be written ({detail})"),
    "bad_uri": lambda: QCoreApplication.translate(
        "Labels", "{detail} is not a printer address (e.g. tcp://192.168.1.60:9100)"),
    "no_such_receipt": lambda: QCoreApplication.translate(
        "Labels", "No goods receipt has the document number {detail}; nothing was printed"),
    "bad_date": lambda: QCoreApplication.translate(
        "Labels", "{detail} is not a date (YYYY-MM-DD)"),
    "bad_price": lambda: QCoreApplication.translate(
        "Labels", "{detail} is not a price in đồng; nothing was changed"),
    "same_price": lambda: QCoreApplication.translate(
        "Labels", "{detail} already sells at this price; nothing was changed"),
}


def error_text(code: str, detail: str = "", expected: int | None = None) -> str:
    """One sentence for a codes / labels error; a printer's codes as the receipt printer's."""
    problem = _PROBLEMS.get(code)
    if problem is None:
        text = printing_error_text(code)
        if detail:
            text += f" ({detail})"
        return text + QCoreApplication.translate("Labels", "; no label was printed")
    return problem().format(detail=detail, expected="" if expected is None else expected)


def assigned_text(count: int) -> str:
    return QCoreApplication.translate("Labels", "In-store codes assigned: {count}").format(
        count=count)


def printed_text(labels: int, products: int, where: str) -> str:
    return QCoreApplication.translate(
        "Labels", "Printed {labels} labels for {products} products on {where}").format(
        labels=labels, products=products, where=where)


def price_set_text(sku: str, old: str, new: str) -> str:
    return QCoreApplication.translate(
        "Labels", "{sku}: price {old} → {new}; its label is on the reprint list").format(
        sku=sku, old=old, new=new)
