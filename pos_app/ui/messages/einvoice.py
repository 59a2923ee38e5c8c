"""Words for the e-invoice codes, in the user's language (Qt translation, context "EInvoice").

Used by ``ocop-pos-admin einvoice …`` now and by the counter and the manager's "E-invoices" view
in round 2. English source text; the Vietnamese goes in resources/translations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "EInvoice"
_app: QCoreApplication | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ensure_translation(lang: str) -> None:
    global _app
    if QCoreApplication.instance() is not None:
        return
    _app = QCoreApplication([])
    from pos_app.ui.i18n import install_translator

    install_translator(_app, lang)


def error_text(code: str) -> str:
    """One phrase for an e-invoice error code (domain, service, client, gateway refusals)."""
    texts = {
        "bad_tax_code": _tr("the tax code must be 10 digits, or 10-3 digits for a branch"),
        "tax_code_check_digit": _tr("the tax code's check digit is wrong (a typing error?)"),
        "bad_symbol": _tr("the invoice symbol must be C, the year's 2 digits, M and 2 letters "
                          "(e.g. C26MAA)"),
        "symbol_year": _tr("the invoice symbol is for another year"),
        "bad_authority_code": _tr("the tax authority's code range must be 5 letters or digits"),
        "bad_till_slot": _tr("the till number for e-invoices must be 0 to 99"),
        "bad_vat_method": _tr("the VAT method must be credit or direct"),
        "seller_incomplete": _tr("the showroom's legal name and address are missing"),
        "buyer_incomplete": _tr("a buyer with a tax code needs a name and an address"),
        "vat_mismatch": _tr("the sale's VAT does not add up; the invoice waits"),
        "no_such_invoice": _tr("no such e-invoice"),
        "not_replaceable": _tr("this invoice cannot be replaced (an adjustment?)"),
        "already_replaced": _tr("this invoice has already been replaced"),
        "offline": _tr("the e-invoice provider cannot be reached; invoices wait and go later"),
        "timeout": _tr("the e-invoice provider did not answer in time; invoices wait"),
        "tls": _tr("the e-invoice provider's certificate could not be verified"),
        "http_429": _tr("the e-invoice provider asked us to slow down"),
        "http_5xx": _tr("the e-invoice provider had an internal error; invoices wait"),
        "bad_response": _tr("the e-invoice provider's answer was not understood; invoices wait"),
        "too_large": _tr("the e-invoice provider's answer was too large; invoices wait"),
        "unauthorized": _tr("the e-invoice provider refused this till's credentials"),
        "bad_request": _tr("the e-invoice provider refused the request"),
        "not_configured": _tr("no e-invoice provider is set up"),
        "refused_by_authority": _tr("the tax authority refused the invoice"),
        "mccqt_conflict": _tr("the provider holds another invoice under this code"),
        "wrong_authority_code": _tr("the code range does not match the one the tax authority "
                                    "issued"),
        "unknown_seller": _tr("the provider does not know this seller's tax code"),
        "schema": _tr("the invoice XML does not match the format"),
        "internal": _tr("an internal error stopped the sending (see the log)"),
    }
    return texts.get(code.split(":", 1)[0], code)


def status_line(queued: int, sent: int, refused: int, late: int) -> str:
    return _tr("E-invoices: {queued} waiting ({late} from an earlier day), {sent} sent, "
               "{refused} refused").format(queued=queued, late=late, sent=sent,
                                           refused=refused)


def sent_line(sent: int, refused: int) -> str:
    return _tr("{sent} e-invoices sent, {refused} refused").format(sent=sent, refused=refused)
