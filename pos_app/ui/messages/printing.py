"""Printing codes as sentences in the user's language (the counter UI and ``ocop-pos-admin``).

The print service and the printer adapter return codes (``paper_out``, ``no_such_sale`` …); this
module is the one place that words them, through Qt translation (context "Printing"). Every
string is a literal inside ``Printing.tr(...)`` so lupdate files it
under that context (a helper such as ``_tr(text)`` would land in the empty context).
"""

from __future__ import annotations

from pos_app.ui.messages import Context

Printing = Context("Printing")


def _problems() -> dict[str, str]:
    return {
        "offline": Printing.tr("The printer is switched off or not connected"),
        "paper_out": Printing.tr("The printer is out of paper"),
        "cover_open": Printing.tr("The printer cover is open"),
        "timeout": Printing.tr("The printer did not answer in time"),
        "not_found": Printing.tr(
            "The printer was not found; check its cable and the printer setting"),
        "io_error": Printing.tr("The connection to the printer was lost while printing"),
        "not_configured": Printing.tr("No receipt printer is set up"),
        "bad_uri": Printing.tr("The printer address in the settings is not valid"),
        "bad_mode": Printing.tr("Unknown print mode"),
        "unsupported": Printing.tr("This kind of printer cannot be used on this computer"),
        "render_failed": Printing.tr("The receipt could not be prepared for printing"),
        "interrupted": Printing.tr("Printing was interrupted when the program stopped"),
        "no_such_sale": Printing.tr("No sale has that receipt number"),
        "no_such_job": Printing.tr("No such print job"),
        "not_failed": Printing.tr("That print job has not failed; there is nothing to retry"),
    }


def error_text(code: str) -> str:
    """One sentence for a print error or print-service code."""
    problem = _problems().get(code)
    if problem is not None:
        return problem
    return Printing.tr("Printing failed ({code})").format(code=code)


def job_failed_text(code: str, receipt_no: str = "") -> str:
    """What the cashier sees when a job fails, e.g. "Máy in hết giấy — hóa đơn Q01-… chờ in
    lại"."""
    if not receipt_no:
        return error_text(code)
    return Printing.tr("{problem} — receipt {receipt_no} is waiting to be printed again").format(
        problem=error_text(code), receipt_no=receipt_no)


def status_text(status: str) -> str:
    """The printer status from ``PrintService.printer_status()``."""
    if status == "ok":
        return Printing.tr("Printer ready")
    if status == "unknown":
        return Printing.tr("Printer connected; it does not report paper or cover")
    return error_text(status)
