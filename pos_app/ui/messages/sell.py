"""Codes from the domain and services → sentences in the cashier's language.

Non-UI layers return codes (``CartError("bad_qty")``, ``BarcodeError(BAD_CHECK_DIGIT)``,
``ApprovalRequired(["price_override"])``); this module is the one place that words them.
Unknown codes fall back to a generic sentence naming the code, so nothing is ever silent.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.domain.barcodes import BarcodeError, BarcodeProblem
from pos_app.domain.money import format_vnd as money


def _t(text: str) -> str:
    return QCoreApplication.translate("Sell", text)


def error_text(code: str, **info: object) -> str:
    """A cart / checkout / return error code as one sentence (``info``: figures such as
    ``shortfall`` or ``remaining`` from ``CartError.info``)."""
    texts = {
        # quantities and prices (domain.cart.CartError)
        "qty_not_whole": _t("Quantity must be a whole number, e.g. 2."),
        "qty_not_positive": _t("Quantity must be at least 1."),
        "qty_too_large": _t("Quantity is too large (at most 9,999 pieces or 100,000 g)."),
        "bad_unit": _t("Unknown unit for this product."),
        "bad_vat_rate": _t("This product has an unknown VAT rate; fix it in the catalog."),
        "price_not_positive": _t("Price must be a whole number of đồng above 0."),
        "price_too_large": _t("Price is too large (at most 1,000,000,000 ₫)."),
        "discount_negative": _t("Discount must be a whole number of đồng, 0 or more."),
        "discount_too_large": _t("Discount cannot be more than the line amount."),
        "no_such_line": _t("That line is no longer in the cart."),
        "empty_cart": _t("The cart is empty."),
        "bad_cart_data": _t("The saved cart could not be read; a new cart was started."),
        # payments (domain.cart.settle)
        "bad_method": _t("Unknown payment method."),
        "amount_not_positive": _t("Amount must be a whole number of đồng above 0."),
        "tendered_below_amount": _t("The cash handed over is less than the amount."),
        "exceeds_remaining": _t(
            "Card or transfer cannot be more than the amount still due ({remaining})."
        ),
        "already_paid": _t("The total is already paid."),
        "card_needs_reference": _t("Enter the card terminal's approval code."),
        "underpaid": _t("The payment is less than the total: {shortfall} still due."),
        "no_payments": _t("Add a payment first."),
        # catalog / OCOP guard (services.checkout.CheckoutError)
        "revoked": _t("This product's OCOP certificate has been revoked: it cannot be sold."),
        "expired_blocked": _t(
            "This product's OCOP certificate has expired: the showroom does not sell it."
        ),
        "cert_expired": _t(
            "This product's OCOP certificate has expired: the showroom does not sell it."
        ),
        "needs_weight": _t("This product is sold by weight: scan its scale label or type grams."),
        "no_such_cart": _t("That held sale is no longer there."),
        "disk_full": _t("The disk is full: the sale was NOT recorded and the cart is kept. "
                        "Free some space (or call IT), then take the payment again."),
        "void_window_passed": _t("This sale is too old to void; make a return instead."),
        "unknown_product": _t("This product is not in the catalog."),
        "no_such_product": _t("This product is not in the catalog."),
        "inactive": _t("This product is no longer sold."),
        # returns and voids
        "not_found": _t("No sale with that receipt number."),
        "no_such_sale": _t("No sale with that receipt number."),
        "sale_not_found": _t("No sale with that receipt number."),
        "over_return": _t("That is more than can still be returned."),
        "return_too_many": _t("That is more than can still be returned."),
        "nothing_to_return": _t("Choose at least one item to return."),
        "already_voided": _t("This sale has been voided."),
        "voided": _t("This sale has been voided."),
        "sale_voided": _t("This sale has been voided."),
        "not_a_sale": _t("That receipt is a return, not a sale."),
        "not_last_sale": _t("Only the last sale of this till can be voided."),
        "void_too_late": _t("This sale is too old to void; make a return instead."),
        "too_late": _t("This sale is too old to void; make a return instead."),
        "has_returns": _t("Items of this sale were returned; it can no longer be voided."),
        "no_sale": _t("There is no sale to void."),
        "bad_receipt_no": _t("That is not a receipt number (e.g. Q01-20261123-0042)."),
        "reason_required": _t("Enter a reason."),
        # approval (services.approval.ApprovalRequired.problem)
        "missing": _t("A manager must approve this."),
        "self_approval": _t("The cashier cannot approve their own action."),
        "not_manager": _t("Only a manager can approve this."),
    }
    found = texts.get(code)
    if found is None:
        return _t("Could not do that ({code}).").format(code=code)
    figures = {k: money(v) if isinstance(v, int) else v for k, v in info.items()}
    figures.setdefault("remaining", "")
    figures.setdefault("shortfall", "")
    return found.format(**figures)


def approval_reason(code: str) -> str:
    """Why a manager must approve (codes of ``ApprovalRequired``)."""
    texts = {
        "price_override": _t("Price lowered beyond the allowed limit"),
        "line_discount": _t("Line discount beyond the allowed limit"),
        "cart_discount": _t("Discount on the whole sale beyond the allowed limit"),
        "expired_cert": _t("Product with an expired OCOP certificate"),
        "refund": _t("Refund to the customer"),
        "void": _t("Void the last sale"),
        "no_sale": _t("Open the cash drawer without a sale"),
        "settings_change": _t("Change the till's settings"),
        "sync_retry": _t("Send events the registry refused again"),
    }
    found = texts.get(code)
    if found is not None:
        return found
    return _t("Needs approval ({code})").format(code=code)


def barcode_text(error: BarcodeError) -> str:
    if error.problem is BarcodeProblem.BAD_CHECK_DIGIT:
        return _t("Wrong barcode check digit (should be {digit}): {code}").format(
            digit=error.expected_check_digit, code=error.code
        )
    if error.problem is BarcodeProblem.TOO_LONG:
        return _t("Barcode too long: {code}").format(code=error.code)
    if error.problem is BarcodeProblem.EMPTY:
        return _t("Empty barcode.")
    return _t("Barcode has characters a scanner does not send: {code}").format(code=error.code)


def method_name(method: str) -> str:
    texts = {
        "cash": _t("Cash"),
        "card": _t("Card"),
        "transfer": _t("VietQR transfer"),
    }
    return texts.get(method, method)


def printer_error_text(code: str) -> str:
    """A print-service error code as a sentence (worded by the printing helper's module)."""
    from pos_app.ui.messages.printing import error_text as printing_error_text

    return printing_error_text(code)
