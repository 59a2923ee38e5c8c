"""What a price label says and how big it is: the values the label service hands the label
output port (``services/ports.py``), which the hardware draws and prints."""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.domain.errors import CodedValueError


@dataclass(frozen=True)
class LabelContent:
    """What one label says. ``price_text`` is already formatted (``125.000 ₫``) by the
    caller with the domain's money formatting; ``stars`` 0 prints no OCOP mark."""

    name: str
    price_text: str
    barcode: str
    stars: int = 0
    producer: str = ""
    qr: str = ""  # traceability link; printed when the template asks and it fits
    unit: str = ""


@dataclass(frozen=True)
class LabelSize:
    width_mm: float
    height_mm: float


LABEL_LANGUAGES = ("tspl", "zpl")
"""What a label printer speaks: TSPL (TSC, Xprinter) or ZPL (Zebra)."""


class LabelOutputError(CodedValueError):
    """The label output refused or failed, nothing printed or written: ``bad_uri``,
    ``unknown_sheet``, ``sheet_does_not_fit``, ``write_failed`` or a printer's own code
    (``offline``, ``timeout``, ``io_error`` …); ``detail`` names the printer, sheet or file."""
