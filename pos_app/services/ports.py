"""What the services need from the outside world, as narrow interfaces.

``app.py`` hands real implementations in (hardware printers, the registry transport, the wall
clock); tests hand in fakes or the virtual printer. Services never import hardware or sync for
these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from pos_app.domain.receipt import Receipt

if TYPE_CHECKING:
    from pathlib import Path

    from pos_app.domain.labels import LabelContent, LabelSize
    from pos_app.formats import protocol as sync_protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that stands still until moved (tests, demo data, benchmarks)."""

    def __init__(self, at: dt.datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


# -- receipt printer -------------------------------------------------------------------------

PRINT_ERROR_CODES: tuple[str, ...] = (
    "offline", "paper_out", "cover_open", "timeout", "not_found", "io_error", "not_configured",
    "bad_uri", "bad_mode", "unsupported", "render_failed", "interrupted",
)
"""Why a print job failed; the UI words each (``ui/messages/printing.py``)."""


class ReceiptPrinter(Protocol):
    """Renders receipts to printer bytes and delivers them (``hardware.receipt_printer``).

    ``send`` raises an exception whose ``code`` attribute is one of :data:`PRINT_ERROR_CODES`;
    ``status`` never raises and answers "ok", "unknown" or one of those codes.
    """

    def render(self, receipt: Receipt, paper_mm: int, mode: str, kick_drawer: bool) -> bytes: ...

    def test_page(self, paper_mm: int, mode: str | None) -> bytes: ...

    def drawer_kick(self) -> bytes: ...

    def send(self, uri: str, data: bytes) -> None: ...

    def status(self, uri: str) -> str: ...

    def warm_up(self) -> None:
        """Load what the first print would (fonts, codecs) now; any thread, never raises."""
        ...


class LabelOutput(Protocol):
    """Draws price labels and prints them (``hardware.label_printer.LabelOutput``): one TSPL/ZPL
    job to a label printer, or A4 decal sheets into a PDF. Both draw every label before the
    first byte goes out and raise :class:`pos_app.domain.labels.LabelOutputError`."""

    def print_labels(self, uri: str, labels: Sequence[tuple[LabelContent, int]], size: LabelSize,
                     *, with_qr: bool, language: str) -> int:
        """Send the labels (content, copies) as one job; the job's size in bytes."""
        ...

    def write_sheets(self, path: Path, labels: Sequence[tuple[LabelContent, int]], *,
                     sheet: str, top_mm: float | None, left_mm: float | None,
                     with_qr: bool) -> int:
        """Fill the named sheet layout (one cell per copy) into a PDF; the number of pages."""
        ...


# -- registry transport ----------------------------------------------------------------------


class RegistryTransport(Protocol):
    """The city registry, protocol v1 (``pos_app.sync.client.RegistryClient``).

    Every call returns a validated protocol model or raises an exception whose ``code`` is one of
    ``pos_app.sync.client.SYNC_ERROR_CODES`` and whose ``retry_after`` is seconds or None.
    """

    def health(self) -> sync_protocol.Health: ...

    def push_events(self, request: sync_protocol.PushRequest) -> sync_protocol.PushResponse: ...

    def catalog(self, cursor: str | None, limit: int = 200) -> sync_protocol.CatalogPage: ...

    def stock_movements(self, cursor: str | None, limit: int = 500) -> sync_protocol.StockPage: ...

    def transfers(self, cursor: str | None, limit: int = 200) -> sync_protocol.TransferPage: ...

    def stock_elsewhere(self, sku: str) -> sync_protocol.StockElsewhere: ...

    def close(self) -> None: ...


class RegistryConnector(Protocol):
    """Opens a :class:`RegistryTransport` to the registry at ``url`` (``app.py``: the HTTP
    client of ``pos_app.sync.client``)."""

    def connect(self, url: str, token: str, *, ca_bundle: str,
                read_timeout: float) -> RegistryTransport: ...


class TokenStore(Protocol):
    """Where the till's registry token is kept, outside settings.json
    (``pos_app.sync.token_store``: the OS keyring, or a private file)."""

    def get(self) -> str:
        """The kept token, "" when none."""
        ...

    def set(self, token: str) -> str:
        """Keep ``token``; returns where it went ("keyring" or "file")."""
        ...


# -- printer discovery -----------------------------------------------------------------------


class DiscoveredPrinter(Protocol):
    @property
    def uri(self) -> str: ...

    @property
    def description(self) -> str: ...


class PrinterDiscovery(Protocol):
    """Receipt printers and serial ports this machine offers (``pos_app.hardware.printers``).
    Slow (a second or so) and never raises: a bus that cannot be read offers nothing."""

    def discover(self) -> Sequence[DiscoveredPrinter]: ...
