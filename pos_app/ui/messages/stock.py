"""Stock desk error codes in the user's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication


def stock_error(code: str, info: dict[str, Any] | None = None) -> str:
    info = info or {}
    if code == "writeoff_exceeds_stock":
        return QCoreApplication.translate(
            "Stock", "Cannot write off more than the {n} in stock.").format(
                n=info.get("on_hand", 0))
    if code == "already_counted":
        return QCoreApplication.translate(
            "Stock", "Already counted in this session ({n}).").format(n=info.get("previous", 0))
    texts = {
        "bad_qty": QCoreApplication.translate("Stock", "Enter a quantity above zero."),
        "empty_receipt": QCoreApplication.translate("Stock", "Add at least one product."),
        "bad_cost": QCoreApplication.translate(
            "Stock", "Enter a unit cost for every line (consigned goods need one)."),
        "reason_required": QCoreApplication.translate("Stock", "Give a reason."),
        "no_such_product": QCoreApplication.translate("Stock", "No product has this code."),
        "no_such_producer": QCoreApplication.translate("Stock", "Choose the producer."),
        "no_such_count": QCoreApplication.translate("Stock", "This count no longer exists."),
        "count_closed": QCoreApplication.translate(
            "Stock", "This count is already posted or cancelled; it cannot change."),
        "out_of_scope": QCoreApplication.translate(
            "Stock", "This product is not part of this count."),
        "bad_scope": QCoreApplication.translate("Stock", "Choose what to count."),
        "nothing_counted": QCoreApplication.translate("Stock", "Nothing has been counted yet."),
        "bad_threshold": QCoreApplication.translate("Stock", "Enter a threshold of 0 or more."),
        "approval": QCoreApplication.translate(
            "Stock", "A manager did not approve; nothing was changed."),
    }
    found = texts.get(code)
    if found is not None:
        return found
    return QCoreApplication.translate("Stock", "Refused ({code}).").format(code=code)
