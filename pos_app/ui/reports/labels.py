"""Words for the reports' codes: report titles, column titles, code values, notes and errors.

Used by the reports screen, its exports and the ``ocop-pos-admin report`` command. Every string
is a literal inside ``QCoreApplication.translate("Reports", …)`` so lupdate files it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands


def report_titles() -> dict[str, str]:
    return {
        "sales-by-day": QCoreApplication.translate("Reports", "Sales by day"),
        "sales-by-hour": QCoreApplication.translate("Reports", "Sales by hour"),
        "by-product": QCoreApplication.translate("Reports", "Sales by product"),
        "by-producer": QCoreApplication.translate("Reports", "Sales by producer"),
        "by-group": QCoreApplication.translate("Reports", "Sales by OCOP group"),
        "by-stars": QCoreApplication.translate("Reports", "Sales by star rating"),
        "by-payment": QCoreApplication.translate("Reports", "Takings by payment method"),
        "by-cashier": QCoreApplication.translate("Reports", "Sales by cashier"),
        "top-sellers": QCoreApplication.translate("Reports", "Top sellers"),
        "slow-sellers": QCoreApplication.translate("Reports", "Slow sellers (in stock)"),
        "stock-valuation": QCoreApplication.translate("Reports", "Stock valuation"),
        "producer-settlement": QCoreApplication.translate(
            "Reports", "Producer settlement (consignment)"),
        "cert-expiry": QCoreApplication.translate("Reports", "OCOP certificates to renew"),
        "daily-by-product": QCoreApplication.translate("Reports", "Daily sales by product"),
    }


def column_titles() -> dict[str, str]:
    return {
        "date": QCoreApplication.translate("Reports", "Date"),
        "hour": QCoreApplication.translate("Reports", "Hour"),
        "sales": QCoreApplication.translate("Reports", "Sales"),
        "returns": QCoreApplication.translate("Reports", "Returns"),
        "sold": QCoreApplication.translate("Reports", "Sold"),
        "refunded": QCoreApplication.translate("Reports", "Refunded"),
        "discounts": QCoreApplication.translate("Reports", "Discounts"),
        "net": QCoreApplication.translate("Reports", "Net takings"),
        "sku": QCoreApplication.translate("Reports", "SKU"),
        "product": QCoreApplication.translate("Reports", "Product"),
        "producer": QCoreApplication.translate("Reports", "Producer"),
        "producer_code": QCoreApplication.translate("Reports", "Producer code"),
        "qty": QCoreApplication.translate("Reports", "Qty sold"),
        "amount": QCoreApplication.translate("Reports", "Amount"),
        "group": QCoreApplication.translate("Reports", "OCOP group"),
        "stars": QCoreApplication.translate("Reports", "Stars"),
        "method": QCoreApplication.translate("Reports", "Payment method"),
        "receipts": QCoreApplication.translate("Reports", "Receipts"),
        "cashier": QCoreApplication.translate("Reports", "Cashier"),
        "on_hand": QCoreApplication.translate("Reports", "On hand"),
        "basis": QCoreApplication.translate("Reports", "Valued at"),
        "unit_value": QCoreApplication.translate("Reports", "Unit value"),
        "value": QCoreApplication.translate("Reports", "Value"),
        "unit_cost": QCoreApplication.translate("Reports", "Unit cost"),
        "owed": QCoreApplication.translate("Reports", "Owed"),
        "certificate": QCoreApplication.translate("Reports", "Certificate"),
        "expires": QCoreApplication.translate("Reports", "Expires"),
        "cert_status": QCoreApplication.translate("Reports", "Certificate state"),
    }


def code_labels() -> dict[str, str]:
    return {
        "food": QCoreApplication.translate("Reports", "Food"),
        "beverages": QCoreApplication.translate("Reports", "Beverages"),
        "herbal": QCoreApplication.translate("Reports", "Herbal products"),
        "textiles": QCoreApplication.translate("Reports", "Textiles and garments"),
        "handicrafts": QCoreApplication.translate("Reports", "Handicrafts and decoration"),
        "tourism": QCoreApplication.translate("Reports", "Rural tourism services"),
        "cash": QCoreApplication.translate("Reports", "Cash"),
        "card": QCoreApplication.translate("Reports", "Card"),
        "transfer": QCoreApplication.translate("Reports", "VietQR transfer"),
        "active": QCoreApplication.translate("Reports", "Valid"),
        "expired": QCoreApplication.translate("Reports", "Expired"),
        "revoked": QCoreApplication.translate("Reports", "Revoked"),
        "expiring": QCoreApplication.translate("Reports", "Expiring soon"),
        "cost": QCoreApplication.translate("Reports", "cost"),
        "price": QCoreApplication.translate("Reports", "price"),
    }


def note_text(code: str) -> str:
    texts = {
        "line_totals": QCoreApplication.translate(
            "Reports", "Amounts are line totals after line discounts, before discounts on the "
            "whole sale."),
        "valuation_rule": QCoreApplication.translate(
            "Reports", "Stock on hand now, valued at the average cost of goods received; "
            "products never received with a cost are valued at their selling price."),
        "settlement_rule": QCoreApplication.translate(
            "Reports", "Consigned goods sold in the period, net of returns, at the average "
            "unit cost of their consignment receipts up to the period's last day."),
        "mixed_receipts": QCoreApplication.translate(
            "Reports", "Some products were both bought and consigned: all their sales are "
            "counted as consigned."),
    }
    return texts.get(code, code)


def error_text(code: str) -> str:
    if code == "bad_range":
        return QCoreApplication.translate("Reports", "The end date is before the start date.")
    if code == "no_such_report":
        return QCoreApplication.translate("Reports", "There is no such report.")
    return QCoreApplication.translate("Reports", "The report failed ({code}).").format(code=code)


def total_label() -> str:
    return QCoreApplication.translate("Reports", "Total")


def stars_text(n: int) -> str:
    return QCoreApplication.translate("Reports", "{n} stars").format(n=n)
