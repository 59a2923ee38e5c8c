"""Printing codes as sentences in the user's language (the counter UI and ``ocop-pos-admin``).

The print service and the printer adapter return codes (``paper_out``, ``no_such_sale`` …); this
module is the one place that words them, through Qt translation (context "Printing"). Every
string is a literal inside ``QCoreApplication.translate("Printing", ...)`` so lupdate files it
under that context (a helper such as ``_tr(text)`` would land in the empty context).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

_PROBLEMS: dict[str, Callable[[], str]] = {
    "offline": lambda: QCoreApplication.translate(
        "Printing", "The printer is switched off or not connected"),
    "paper_out": lambda: QCoreApplication.translate("Printing", "The printer is out of paper"),
    "cover_open": lambda: QCoreApplication.translate("Printing", "The printer cover is open"),
    "timeout": lambda: QCoreApplication.translate(
        "Printing", "The printer did not answer in time"),
    "not_found": lambda: QCoreApplication.translate(
        "Printing", "The printer was not found; check its cable and the printer setting"),
    "io_error": lambda: QCoreApplication.translate(
        "Printing", "The connection to the printer was lost while printing"),
    "not_configured": lambda: QCoreApplication.translate(
        "Printing", "No receipt printer is set up"),
    "bad_uri": lambda: QCoreApplication.translate(
        "Printing", "The printer address in the settings is not valid"),
    "bad_mode": lambda: QCoreApplication.translate("Printing", "Unknown print mode"),
    "unsupported": lambda: QCoreApplication.translate(
        "Printing", "This kind of printer cannot be used on this computer"),
    "render_failed": lambda: QCoreApplication.translate(
        "Printing", "The receipt could not be prepared for printing"),
    "interrupted": lambda: QCoreApplication.translate(
        "Printing", "Printing was interrupted when the program stopped"),
    "no_such_sale": lambda: QCoreApplication.translate(
        "Printing", "No sale has that receipt number"),
    "no_such_job": lambda: QCoreApplication.translate("Printing", "No such print job"),
    "not_failed": lambda: QCoreApplication.translate(
        "Printing", "That print job has not failed; there is nothing to retry"),
}


def error_text(code: str) -> str:
    """One sentence for a print error or print-service code."""
    problem = _PROBLEMS.get(code)
    if problem is not None:
        return problem()
    return QCoreApplication.translate("Printing", "Printing failed ({code})").format(code=code)


def job_failed_text(code: str, receipt_no: str = "") -> str:
    """What the cashier sees when a job fails, e.g. "Máy in hết giấy — hóa đơn Q01-… chờ in
    lại"."""
    if not receipt_no:
        return error_text(code)
    return QCoreApplication.translate(
        "Printing", "{problem} — receipt {receipt_no} is waiting to be printed again").format(
        problem=error_text(code), receipt_no=receipt_no)


def status_text(status: str) -> str:
    """The printer status from ``PrintService.printer_status()``."""
    if status == "ok":
        return QCoreApplication.translate("Printing", "Printer ready")
    if status == "unknown":
        return QCoreApplication.translate(
            "Printing", "Printer connected; it does not report paper or cover")
    return error_text(status)
