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
