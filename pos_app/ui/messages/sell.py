"""Codes from the domain and services → sentences in the cashier's language.

Non-UI layers return codes (``CartError("bad_qty")``, ``BarcodeError(BAD_CHECK_DIGIT)``,
``ApprovalRequired(["price_override"])``); this module is the one place that words them.
Unknown codes fall back to a generic sentence naming the code, so nothing is ever silent.
"""

from __future__ import annotations

from pos_app.domain.barcodes import BarcodeError, BarcodeProblem
from pos_app.domain.money import format_vnd as money
from pos_app.ui.messages import Context

Sell = Context("Sell")


def error_text(code: str, **info: object) -> str:
    """A cart / checkout / return error code as one sentence (``info``: figures such as
    ``shortfall`` or ``remaining`` from ``CartError.info``)."""
    texts = {
        # quantities and prices (domain.cart.CartError)
        "qty_not_whole": Sell.tr("Quantity must be a whole number, e.g. 2."),
        "qty_not_positive": Sell.tr("Quantity must be at least 1."),
        "qty_too_large": Sell.tr("Quantity is too large (at most 9,999 pieces or 100,000 g)."),
        "bad_unit": Sell.tr("Unknown unit for this product."),
        "bad_vat_rate": Sell.tr("This product has an unknown VAT rate; fix it in the catalog."),
        "price_not_positive": Sell.tr("Price must be a whole number of đồng above 0."),
        "price_too_large": Sell.tr("Price is too large (at most 1,000,000,000 ₫)."),
        "discount_negative": Sell.tr("Discount must be a whole number of đồng, 0 or more."),
        "discount_too_large": Sell.tr("Discount cannot be more than the line amount."),
        "no_such_line": Sell.tr("That line is no longer in the cart."),
        "empty_cart": Sell.tr("The cart is empty."),
        "bad_cart_data": Sell.tr("The saved cart could not be read; a new cart was started."),
        # payments (domain.cart.settle)
        "bad_method": Sell.tr("Unknown payment method."),
        "amount_not_positive": Sell.tr("Amount must be a whole number of đồng above 0."),
        "tendered_below_amount": Sell.tr("The cash handed over is less than the amount."),
        "exceeds_remaining": Sell.tr(
            "Card or transfer cannot be more than the amount still due ({remaining})."
        ),
        "already_paid": Sell.tr("The total is already paid."),
        "card_needs_reference": Sell.tr("Enter the card terminal's approval code."),
        "underpaid": Sell.tr("The payment is less than the total: {shortfall} still due."),
        "no_payments": Sell.tr("Add a payment first."),
        # catalog / OCOP guard (services.checkout.CheckoutError)
        "revoked": Sell.tr("This product's OCOP certificate has been revoked: it cannot be sold."),
        "expired_blocked": Sell.tr(
            "This product's OCOP certificate has expired: the showroom does not sell it."
        ),
        "cert_expired": Sell.tr(
            "This product's OCOP certificate has expired: the showroom does not sell it."
        ),
        "needs_weight": Sell.tr(
            "This product is sold by weight: scan its scale label or type grams."),
        "no_such_cart": Sell.tr("That held sale is no longer there."),
        # customers and channel orders (services/customers/sale_links.py)
        "no_such_customer": Sell.tr("This sale's customer was erased: choose again (Ctrl+G)."),
        "order_not_pending": Sell.tr("This order was already sold or cancelled at a till."),
        "reserved_stock": Sell.tr("The rest of this product is held for shop orders (Ctrl+O)."),
        "disk_full": Sell.tr("The disk is full: the sale was NOT recorded and the cart is kept. "
                             "Free some space (or call IT), then take the payment again."),
        "void_window_passed": Sell.tr("This sale is too old to void; make a return instead."),
        "unknown_product": Sell.tr("This product is not in the catalog."),
        "no_such_product": Sell.tr("This product is not in the catalog."),
        "inactive": Sell.tr("This product is no longer sold."),
        # returns and voids
        "not_found": Sell.tr("No sale with that receipt number."),
        "no_such_sale": Sell.tr("No sale with that receipt number."),
        "sale_not_found": Sell.tr("No sale with that receipt number."),
        "over_return": Sell.tr("That is more than can still be returned."),
        "return_too_many": Sell.tr("That is more than can still be returned."),
        "nothing_to_return": Sell.tr("Choose at least one item to return."),
        "already_voided": Sell.tr("This sale has been voided."),
        "voided": Sell.tr("This sale has been voided."),
        "sale_voided": Sell.tr("This sale has been voided."),
        "not_a_sale": Sell.tr("That receipt is a return, not a sale."),
        "not_last_sale": Sell.tr("Only the last sale of this till can be voided."),
        "void_too_late": Sell.tr("This sale is too old to void; make a return instead."),
        "too_late": Sell.tr("This sale is too old to void; make a return instead."),
        "has_returns": Sell.tr("Items of this sale were returned; it can no longer be voided."),
        "no_sale": Sell.tr("There is no sale to void."),
        "bad_receipt_no": Sell.tr("That is not a receipt number (e.g. Q01-20261123-0042)."),
        "reason_required": Sell.tr("Enter a reason."),
        # approval (services.approval.ApprovalRequired.problem)
        "missing": Sell.tr("A manager must approve this."),
        "self_approval": Sell.tr("The cashier cannot approve their own action."),
        "not_manager": Sell.tr("Only a manager can approve this."),
    }
    found = texts.get(code)
    if found is None:
        return Sell.tr("Could not do that ({code}).").format(code=code)
    figures = {k: money(v) if isinstance(v, int) else v for k, v in info.items()}
    figures.setdefault("remaining", "")
    figures.setdefault("shortfall", "")
    return found.format(**figures)


def approval_reason(code: str) -> str:
    """Why a manager must approve (codes of ``ApprovalRequired``)."""
    texts = {
        "price_override": Sell.tr("Price lowered beyond the allowed limit"),
        "line_discount": Sell.tr("Line discount beyond the allowed limit"),
        "cart_discount": Sell.tr("Discount on the whole sale beyond the allowed limit"),
        "expired_cert": Sell.tr("Product with an expired OCOP certificate"),
        "refund": Sell.tr("Refund to the customer"),
        "void": Sell.tr("Void the last sale"),
        "no_sale": Sell.tr("Open the cash drawer without a sale"),
        "settings_change": Sell.tr("Change the till's settings"),
        "sync_retry": Sell.tr("Send events the registry refused again"),
        "instore_codes": Sell.tr("Give products in-store codes"),
        "price_set": Sell.tr("Change the showroom's selling price"),
    }
    found = texts.get(code)
    if found is not None:
        return found
    return Sell.tr("Needs approval ({code})").format(code=code)


def barcode_text(error: BarcodeError) -> str:
    if error.problem is BarcodeProblem.BAD_CHECK_DIGIT:
        return Sell.tr("Wrong barcode check digit (should be {digit}): {code}").format(
            digit=error.expected_check_digit, code=error.code
        )
    if error.problem is BarcodeProblem.TOO_LONG:
        return Sell.tr("Barcode too long: {code}").format(code=error.code)
    if error.problem is BarcodeProblem.EMPTY:
        return Sell.tr("Empty barcode.")
    return Sell.tr("Barcode has characters a scanner does not send: {code}").format(code=error.code)


def method_name(method: str) -> str:
    texts = {
        "cash": Sell.tr("Cash"),
        "card": Sell.tr("Card"),
        "transfer": Sell.tr("VietQR transfer"),
    }
    return texts.get(method, method)


def printer_error_text(code: str) -> str:
    """A print-service error code as a sentence (worded by the printing helper's module)."""
    from pos_app.ui.messages.printing import error_text as printing_error_text

    return printing_error_text(code)
