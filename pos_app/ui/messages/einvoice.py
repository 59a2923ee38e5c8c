"""Words for the e-invoice codes, in the user's language (Qt translation, context "EInvoice").

Used by ``ocop-pos-admin einvoice …`` now and by the counter and the manager's "E-invoices" view
in round 2. English source text; the Vietnamese goes in resources/translations.
"""

from __future__ import annotations

from pos_app.ui.messages import Context, ensure_translation

__all__ = ["ensure_translation"]

EInvoice = Context("EInvoice")


def error_text(code: str) -> str:
    """One phrase for an e-invoice error code (domain, service, client, gateway refusals)."""
    texts = {
        "bad_tax_code": EInvoice.tr("the tax code must be 10 digits, or 10-3 digits for a branch"),
        "tax_code_check_digit": EInvoice.tr(
            "the tax code's check digit is wrong (a typing error?)"
        ),
        "bad_symbol": EInvoice.tr(
            "the invoice symbol must be C, the year's 2 digits, M and 2 letters (e.g. C26MAA)"
        ),
        "symbol_year": EInvoice.tr("the invoice symbol is for another year"),
        "bad_authority_code": EInvoice.tr(
            "the tax authority's code range must be 5 letters or digits"
        ),
        "bad_till_slot": EInvoice.tr("the till number for e-invoices must be 0 to 99"),
        "bad_vat_method": EInvoice.tr("the VAT method must be credit or direct"),
        "seller_incomplete": EInvoice.tr("the showroom's legal name and address are missing"),
        "buyer_incomplete": EInvoice.tr("a buyer with a tax code needs a name and an address"),
        "vat_mismatch": EInvoice.tr("the sale's VAT does not add up; the invoice waits"),
        "no_such_invoice": EInvoice.tr("no such e-invoice"),
        "not_replaceable": EInvoice.tr("this invoice cannot be replaced (an adjustment?)"),
        "already_replaced": EInvoice.tr("this invoice has already been replaced"),
        "offline": EInvoice.tr(
            "the e-invoice provider cannot be reached; invoices wait and go later"
        ),
        "timeout": EInvoice.tr("the e-invoice provider did not answer in time; invoices wait"),
        "tls": EInvoice.tr("the e-invoice provider's certificate could not be verified"),
        "http_429": EInvoice.tr("the e-invoice provider asked us to slow down"),
        "http_5xx": EInvoice.tr("the e-invoice provider had an internal error; invoices wait"),
        "bad_response": EInvoice.tr(
            "the e-invoice provider's answer was not understood; invoices wait"
        ),
        "too_large": EInvoice.tr("the e-invoice provider's answer was too large; invoices wait"),
        "unauthorized": EInvoice.tr("the e-invoice provider refused this till's credentials"),
        "bad_request": EInvoice.tr("the e-invoice provider refused the request"),
        "not_configured": EInvoice.tr("no e-invoice provider is set up"),
        "refused_by_authority": EInvoice.tr("the tax authority refused the invoice"),
        "mccqt_conflict": EInvoice.tr("the provider holds another invoice under this code"),
        "wrong_authority_code": EInvoice.tr(
            "the code range does not match the one the tax authority issued"
        ),
        "unknown_seller": EInvoice.tr("the provider does not know this seller's tax code"),
        "schema": EInvoice.tr("the invoice XML does not match the format"),
        "internal": EInvoice.tr("an internal error stopped the sending (see the log)"),
    }
    return texts.get(code.split(":", 1)[0], code)


def status_line(queued: int, sent: int, refused: int, late: int) -> str:
    return EInvoice.tr(
        "E-invoices: {queued} waiting ({late} from an earlier day), {sent} sent, {refused} refused"
    ).format(queued=queued, late=late, sent=sent, refused=refused)


def sent_line(sent: int, refused: int) -> str:
    return EInvoice.tr("{sent} e-invoices sent, {refused} refused").format(
        sent=sent, refused=refused
    )


def bar_text(queued: int, late: int, refused: int) -> str:
    """The status bar's short line (queued / late / refused)."""
    if not (queued or refused):
        return EInvoice.tr("E-invoices: all sent")
    text = EInvoice.tr("E-invoices waiting: {queued}").format(queued=queued)
    if late:
        text += " · " + EInvoice.tr("late: {late}").format(late=late)
    if refused:
        text += " · " + EInvoice.tr("refused: {refused}").format(refused=refused)
    return text
