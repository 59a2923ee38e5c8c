"""Words for the registry sync's codes, in the user's language (Qt translation, context "Sync").

Used by ``ocop-pos-admin sync`` / ``enroll`` / ``sync-status`` and by the UI (status bar, the
list of parked events). English source text; placeholders filled with ``.format`` after
translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "Sync"
_app: QCoreApplication | None = None  # kept alive while the process runs


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def ensure_translation(lang: str) -> None:
    """For command-line use (see ``catalog_messages.ensure_translation``)."""
    global _app
    if QCoreApplication.instance() is not None:
        return
    _app = QCoreApplication([])
    from pos_app.ui.i18n import install_translator

    install_translator(_app, lang)


def error_text(code: str) -> str:
    """One phrase for a sync error code (``SYNC_ERROR_CODES`` and the service's own)."""
    texts = {
        "offline": tr("the registry cannot be reached (no network?)"),
        "timeout": tr("the registry did not answer in time"),
        "tls": tr("the registry's certificate could not be verified"),
        "http_429": tr("the registry asked us to slow down"),
        "http_5xx": tr("the registry had an internal error"),
        "bad_response": tr("the registry's answer was not understood"),
        "unauthorized": tr("the registry refused this till's token (enroll again)"),
        "bad_request": tr("the registry refused the request"),
        "not_configured": tr("no registry is set up (ocop-pos-admin enroll)"),
        "catalog_conflict": tr("the registry's catalog clashes with local products "
                               "(barcodes or producers)"),
        "bad_catalog": tr("the registry sent a catalog with invalid barcodes"),
        "unknown_sku": tr("stock movements name products not in the catalog yet"),
        "unanswered": tr("the registry answered none of the events"),
        "internal": tr("an internal error stopped the sync (see the log)"),
    }
    return texts.get(code, code)


def reject_reason(reason: str) -> str:
    """Why the registry refused an event (a parked event)."""
    texts = {
        "conflict": tr("the registry holds different data under this event's id"),
        "bad_event": tr("the registry could not read this event"),
        "bad_local_event": tr("this event is damaged in the local database"),
    }
    return texts.get(reason, reason)


def push_line(sent: int, duplicates: int, rejected: int, remaining: int) -> str:
    return tr("Sent {sent} events ({duplicates} already there), {rejected} refused, "
              "{remaining} still waiting").format(sent=sent, duplicates=duplicates,
                                                  rejected=rejected, remaining=remaining)


def catalog_line(pages: int, products: int, revocations: int) -> str:
    return tr("Catalog: {products} products and {revocations} revocations in {pages} "
              "pages").format(products=products, revocations=revocations, pages=pages)


def stock_line(movements: int) -> str:
    return tr("Stock: {count} movements from other tills").format(count=movements)


def failed_line(code: str) -> str:
    return tr("Sync failed: {reason}").format(reason=error_text(code))


def status_lines(online: bool | None, pending: int, rejected: int, last: str,
                 last_error: str) -> list[str]:
    state = {True: tr("online"), False: tr("offline"), None: tr("not tried yet")}[online]
    lines = [
        tr("Registry: {state}").format(state=state),
        tr("Events waiting: {count}").format(count=pending),
        tr("Events refused: {count}").format(count=rejected),
        tr("Last successful sync: {when}").format(when=last or tr("never")),
    ]
    if last_error:
        lines.append(tr("Last problem: {reason}").format(reason=error_text(last_error)))
    return lines


def enrolled_line(url: str, showroom: str, till: str, where: str) -> str:
    place = tr("the system keyring") if where == "keyring" else tr("a private file")
    return tr("Enrolled with {url} as till {till} of showroom {showroom}; the token is kept "
              "in {place}").format(url=url, till=till, showroom=showroom, place=place)


def enroll_failed_line(code: str) -> str:
    return tr("Enrolment failed: {reason}").format(reason=error_text(code))


def token_not_accepted_line() -> str:
    return tr("Enrolment failed: the registry did not recognise the token")
