"""Words for the registry sync's codes, in the user's language (Qt translation, context "Sync").

Used by ``ocop-pos-admin sync`` / ``enroll`` / ``sync-status`` and by the UI (status bar, the
list of parked events). English source text; placeholders filled with ``.format`` after
translation.
"""

from __future__ import annotations

from pos_app.ui.messages import Context
from pos_app.ui.messages import ensure_translation as ensure_translation  # for the commands

Sync = Context("Sync")


def error_text(code: str) -> str:
    """One phrase for a sync error code (``SYNC_ERROR_CODES`` and the service's own)."""
    texts = {
        "offline": Sync.tr("the registry cannot be reached (no network?)"),
        "timeout": Sync.tr("the registry did not answer in time"),
        "tls": Sync.tr("the registry's certificate could not be verified"),
        "http_429": Sync.tr("the registry asked us to slow down"),
        "http_5xx": Sync.tr("the registry had an internal error"),
        "bad_response": Sync.tr("the registry's answer was not understood"),
        "unauthorized": Sync.tr("the registry refused this till's token (enroll again)"),
        "bad_request": Sync.tr("the registry refused the request"),
        "not_configured": Sync.tr("no registry is set up (ocop-pos-admin enroll)"),
        "bad_url": Sync.tr("the registry address must start with https:// (or http://)"),
        "catalog_conflict": Sync.tr("the registry's catalog clashes with local products "
                               "(barcodes or producers)"),
        "bad_catalog": Sync.tr("the registry sent a catalog with invalid barcodes"),
        "unknown_sku": Sync.tr("stock movements name products not in the catalog yet"),
        "unanswered": Sync.tr("the registry answered none of the events"),
        "internal": Sync.tr("an internal error stopped the sync (see the log)"),
        "too_large": Sync.tr("the registry's answer was too large and was not read"),
        "redirect": Sync.tr("the registry answered with a redirect, which is not followed"),
        "bad_protocol": Sync.tr("the registry speaks another protocol version"),
        "insecure_url": Sync.tr("plain http:// is only for a registry on this computer; "
                            "use https://"),
        "cursor_stuck": Sync.tr("the registry keeps sending the same page"),
        "too_many_pages": Sync.tr("the registry sent too many pages in one pull"),
    }
    return texts.get(code, code)


def reject_reason(reason: str) -> str:
    """Why the registry refused an event (a parked event)."""
    texts = {
        "conflict": Sync.tr("the registry holds different data under this event's id"),
        "bad_event": Sync.tr("the registry could not read this event"),
        "bad_local_event": Sync.tr("this event is damaged in the local database"),
        "too_large": Sync.tr("this event is larger than the registry accepts"),
        "pulled_unknown_sku": Sync.tr("a stock movement from another till names a product this "
                                  "till does not know yet (tried again at every sync)"),
        "pulled_bad_record": Sync.tr("the registry sent a record that could not be read"),
        "pulled_catalog_conflict": Sync.tr("a product from the registry clashes with local "
                                       "products (barcodes or producers)"),
        "pulled_bad_barcode": Sync.tr("a product from the registry has an invalid barcode"),
    }
    return texts.get(reason, reason)


def push_line(sent: int, duplicates: int, rejected: int, remaining: int) -> str:
    return Sync.tr("Sent {sent} events ({duplicates} already there), {rejected} refused, "
              "{remaining} still waiting").format(sent=sent, duplicates=duplicates,
                                                  rejected=rejected, remaining=remaining)


def catalog_line(pages: int, products: int, revocations: int) -> str:
    return Sync.tr("Catalog: {products} products and {revocations} revocations in {pages} "
              "pages").format(products=products, revocations=revocations, pages=pages)


def stock_line(movements: int) -> str:
    return Sync.tr("Stock: {count} movements from other tills").format(count=movements)


def failed_line(code: str) -> str:
    return Sync.tr("Sync failed: {reason}").format(reason=error_text(code))


def status_lines(online: bool | None, pending: int, rejected: int, last: str,
                 last_error: str, contact: str = "") -> list[str]:
    """``contact``: when the registry was last called, reached or not ("" if never)."""
    states = {True: Sync.tr("online"), False: Sync.tr("offline"), None: Sync.tr("not tried yet")}
    state = states[online]
    lines = [
        Sync.tr("Registry: {state}").format(state=state),
        Sync.tr("Events waiting: {count}").format(count=pending),
        Sync.tr("Events refused: {count}").format(count=rejected),
        Sync.tr("Last successful sync: {when}").format(when=last or Sync.tr("never")),
    ]
    if contact:
        lines.append(Sync.tr("Last contact with the registry: {when}").format(when=contact))
    if last_error:
        lines.append(Sync.tr("Last problem: {reason}").format(reason=error_text(last_error)))
    return lines


def audit_warning_line(warning: str) -> str:
    """The registry says this till's audit log disagrees with what it reported before."""
    return Sync.tr("Warning: the city registry says this till's audit log was changed or cut "
               "({warning}); tell the manager").format(warning=warning)


def enrolled_line(url: str, showroom: str, till: str, where: str) -> str:
    place = Sync.tr("the system keyring") if where == "keyring" else Sync.tr("a private file")
    return Sync.tr("Enrolled with {url} as till {till} of showroom {showroom}; the token is kept "
              "in {place}").format(url=url, till=till, showroom=showroom, place=place)


def enroll_failed_line(code: str) -> str:
    return Sync.tr("Enrolment failed: {reason}").format(reason=error_text(code))


def token_not_accepted_line() -> str:
    return Sync.tr("Enrolment failed: the registry did not recognise the token")
