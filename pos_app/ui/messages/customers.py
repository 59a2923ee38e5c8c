"""Customer, promotion and channel-order codes in the user's language (contexts "Customers",
"Promotions", "Orders"). Used by the sell-screen dialogs and by ``ocop-pos-admin``."""

from __future__ import annotations

from typing import Any

from pos_app.ui.messages import Context

Customers = Context("Customers")
Promotions = Context("Promotions")
Orders = Context("Orders")


def customer_error(code: str, info: dict[str, Any] | None = None) -> str:
    texts = {
        "phone_empty": Customers.tr("Enter the customer's mobile number."),
        "phone_not_digits": Customers.tr("A phone number has only digits (and +84)."),
        "phone_wrong_length": Customers.tr(
            "A Vietnamese mobile number has 10 digits (0912 345 678 or +84 912 345 678)."),
        "phone_not_mobile": Customers.tr(
            "This is not a Vietnamese mobile number (it should start 03, 05, 07, 08 or 09)."),
        "phone_not_vietnamese": Customers.tr(
            "Only Vietnamese mobile numbers can be kept (+84 or 0…)."),
        "name_empty": Customers.tr("Enter the customer's name."),
        "name_too_long": Customers.tr("The name is too long."),
        "email_invalid": Customers.tr("This e-mail address is not valid."),
        "address_too_long": Customers.tr("The address is too long."),
        "bad_tax_code": Customers.tr("A tax code has 10 digits, or 10 digits, a dash and 3."),
        "tax_code_check_digit": Customers.tr(
            "This tax code's check digit is wrong: check the number."),
        "no_such_customer": Customers.tr("This customer no longer exists."),
        "customer_erased": Customers.tr("This customer's data was erased on request."),
        "phone_taken": Customers.tr("Another customer already has this number."),
    }
    return texts.get(code, Customers.tr("The customer could not be saved ({code}).")
                     .format(code=code))


def _promotion_codes() -> dict[str, str]:
    return {
        "missing": Promotions.tr("a value is required"),
        "bad_kind": Promotions.tr("the kind is not percent, amount or buy_x_get_y"),
        "bad_value": Promotions.tr("not a valid number for this kind (percent 1–100)"),
        "bad_date": Promotions.tr("not a date (write 2026-11-20 or 20/11/2026)"),
        "dates_reversed": Promotions.tr("the end date is before the start date"),
        "bad_hours": Promotions.tr("hours are written 08:00-11:00"),
        "bad_stars": Promotions.tr("stars are 3, 4 or 5"),
        "bad_buy_get": Promotions.tr("buy X get Y needs both numbers"),
        "duplicate_id": Promotions.tr("this id is already on an earlier row"),
        "missing_column": Promotions.tr("this column is missing"),
        "unknown_column": Promotions.tr("this column is not a campaign column"),
        "empty": Promotions.tr("the file has no promotions"),
        "not_utf8": Promotions.tr("the file is not UTF-8 text (save it as CSV UTF-8)"),
        "unreadable": Promotions.tr("the file cannot be read"),
    }


def promotion_problem(source: str, row: int, column: str, code: str) -> str:
    """One problem of a campaign file, by row and column."""
    reason = _promotion_codes().get(code, code)
    if row <= 0:
        return Promotions.tr("{source}: {reason}").format(source=source, reason=reason)
    return Promotions.tr('{source} row {row}, column "{column}": {reason}').format(
        source=source, row=row, column=column, reason=reason)


def _order_codes() -> dict[str, str]:
    return {
        "missing": Orders.tr("a value is required"),
        "missing_column": Orders.tr("this column is missing: the export's layout changed"),
        "unknown_layout": Orders.tr(
            "the columns are not those of a known shop export (give --channel)"),
        "unknown_channel": Orders.tr("no column mapping for this channel"),
        "bad_qty": Orders.tr("the quantity is not a whole number above zero"),
        "bad_price": Orders.tr("the price is not a whole number of đồng above zero"),
        "unknown_sku": Orders.tr("no product here has this SKU or barcode"),
        "duplicate_order": Orders.tr("this order was already imported"),
        "not_enough_stock": Orders.tr("not enough stock for the orders (some is held by "
                                      "other orders)"),
        "empty": Orders.tr("the file has no orders"),
        "unreadable": Orders.tr("the file cannot be read"),
    }


def order_problem(source: str, row: int, column: str, code: str) -> str:
    """One problem of an order file, by row and column; nothing of the file was imported."""
    reason = _order_codes().get(code, code)
    if row <= 1 and not column:
        return Orders.tr("{source}: {reason}").format(source=source, reason=reason)
    return Orders.tr('{source} row {row}, column "{column}": {reason}').format(
        source=source, row=row, column=column, reason=reason)
