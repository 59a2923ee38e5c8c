"""One URI names a printer everywhere: settings, CLI, logs, support calls.

``tcp://192.168.1.50:9100``, ``usb://04b8:0e15?in_ep=0x82&out_ep=0x01&timeout=5000``,
``serial:///dev/ttyUSB0?baudrate=19200``, ``win32://EPSON TM-T82``, ``file:///tmp/out.bin``.

Why our own layer over python-escpos: its constructors changed argument order in 3.x (USB
endpoints), ``Usb(timeout=0)`` blocks forever, and its errors are one exception type with a
sentence. Here the URI is validated once into a frozen :class:`PrinterSpec`, connections are
built with keyword arguments only and a finite timeout, and every failure becomes a
:class:`PrintError` whose ``code`` the UI translates.
"""

from __future__ import annotations

import logging
import math
import socket
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from pos_app.domain.errors import CodedError, CodedValueError

log = logging.getLogger(__name__)

DEFAULT_TCP_PORT = 9100
DEFAULT_TCP_TIMEOUT = 10.0  # seconds
DEFAULT_USB_TIMEOUT_MS = 5000
DEFAULT_SERIAL_TIMEOUT = 5.0
DEFAULT_BAUDRATE = 9600
STATUS_TIMEOUT = 3.0  # seconds to wait for a DLE EOT answer

# Vendors whose receipt printers often report a vendor-specific USB class instead of 7.
KNOWN_PRINTER_VENDORS: dict[int, str] = {
    0x04B8: "Epson",
    0x0483: "Xprinter",  # STMicro id used by many Xprinter / clone boards
    0x1FC9: "Xprinter",  # NXP id, ditto
    0x0416: "Winbond (POS clones)",
    0x0519: "Star Micronics",
    0x0DD4: "Custom",
    0x154F: "SNBC",
    0x20D1: "Rongta",
    0x28E9: "GD32 (POS clones)",
    0x6868: "Gprinter",
}


class PrinterKind(Enum):
    TCP = "tcp"
    USB = "usb"
    SERIAL = "serial"
    WIN32 = "win32"
    FILE = "file"


class PrinterUriError(CodedValueError):
    """A printer URI that cannot name a printer; ``code`` says which part is wrong."""

    def __init__(self, code: str, uri: str = "") -> None:
        super().__init__(code, uri)
        self.uri = uri


class PrintError(CodedError):
    """A print job that did not reach paper: offline, timeout, paper_out, cover_open,
    not_found, io_error or unsupported."""


@dataclass(frozen=True)
class PrinterSpec:
    kind: PrinterKind
    host: str = ""
    port: int = DEFAULT_TCP_PORT
    vendor_id: int = 0
    product_id: int = 0
    in_ep: int = 0x82
    out_ep: int = 0x01
    device: str = ""  # serial port or file path
    baudrate: int = DEFAULT_BAUDRATE
    printer_name: str = ""  # Windows spooler name
    timeout: float = DEFAULT_TCP_TIMEOUT  # seconds (USB: converted to ms when opening)
    profile: str | None = None
    status: bool = True  # ask the printer for DLE EOT status around the job

    @property
    def uri(self) -> str:
        """The canonical URI: parse_printer_uri(spec.uri) == spec."""
        query: list[str] = []
        if self.kind is PrinterKind.TCP:
            host = f"[{self.host}]" if ":" in self.host else self.host
            base = f"tcp://{host}:{self.port}"
            if self.timeout != DEFAULT_TCP_TIMEOUT:
                query.append(f"timeout={self.timeout:g}")
        elif self.kind is PrinterKind.USB:
            base = f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
            query += [f"in_ep=0x{self.in_ep:02x}", f"out_ep=0x{self.out_ep:02x}",
                      f"timeout={round(self.timeout * 1000)}"]
        elif self.kind is PrinterKind.SERIAL:
            base = f"serial://{quote(self.device)}"  # serial:///dev/ttyUSB0, serial://COM3
            query.append(f"baudrate={self.baudrate}")
            if self.timeout != DEFAULT_SERIAL_TIMEOUT:
                query.append(f"timeout={self.timeout:g}")
        elif self.kind is PrinterKind.WIN32:
            base = f"win32://{quote(self.printer_name, safe=' ')}"
        else:
            base = f"file://{quote(self.device)}"
        if self.profile:
            query.append(f"profile={quote(self.profile)}")
        if not self.status and self.kind in (PrinterKind.TCP, PrinterKind.USB,
                                             PrinterKind.SERIAL):
            query.append("status=0")
        return base + ("?" + "&".join(query) if query else "")


_ALLOWED = {
    PrinterKind.TCP: {"timeout", "profile", "status"},
    PrinterKind.USB: {"in_ep", "out_ep", "timeout", "profile", "status"},
    PrinterKind.SERIAL: {"baudrate", "timeout", "profile", "status"},
    PrinterKind.WIN32: {"profile"},
    PrinterKind.FILE: {"profile"},
}
_BAUDRATES = {1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200}


def _int(text: str, code: str, uri: str, lo: int, hi: int, base: int = 0) -> int:
    try:
        value = int(text, base)
    except ValueError:
        raise PrinterUriError(code, uri) from None
    if not lo <= value <= hi:
        raise PrinterUriError(code, uri)
    return value


def _timeout(text: str, uri: str, max_value: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise PrinterUriError("bad_timeout", uri) from None
    if not math.isfinite(value) or value <= 0 or value > max_value:
        raise PrinterUriError("bad_timeout", uri)  # 0 would mean "wait forever" to pyusb
    return value


def parse_printer_uri(uri: str) -> PrinterSpec:
    """Validate a printer URI into a :class:`PrinterSpec`; raise :class:`PrinterUriError`."""
    text = uri.strip()
    if not text:
        raise PrinterUriError("empty", uri)
    if "://" not in text:
        raise PrinterUriError("bad_scheme", uri)
    parts = urlsplit(text)
    try:
        kind = PrinterKind(parts.scheme.lower())
    except ValueError:
        raise PrinterUriError("bad_scheme", uri) from None
    query: dict[str, str] = {}
    for key, values in parse_qs(parts.query, keep_blank_values=True).items():
        if key not in _ALLOWED[kind]:
            raise PrinterUriError("unknown_option", uri)
        if len(values) != 1:
            raise PrinterUriError("repeated_option", uri)
        query[key] = values[0]
    profile = query.get("profile") or None
    status_text = query.get("status", "1")
    if status_text not in ("0", "1"):
        raise PrinterUriError("bad_status", uri)
    common: dict[str, Any] = {"profile": profile, "status": status_text == "1"}
    netloc = unquote(parts.netloc)

    if kind is PrinterKind.TCP:
        try:
            host, port = parts.hostname or "", parts.port
        except ValueError:
            raise PrinterUriError("bad_port", uri) from None
        if not host or parts.path not in ("", "/"):
            raise PrinterUriError("bad_host", uri)
        if port is None and parts.netloc.rstrip().endswith(":"):
            raise PrinterUriError("bad_port", uri)
        if port == 0:
            raise PrinterUriError("bad_port", uri)
        timeout = _timeout(query["timeout"], uri, 600) if "timeout" in query else (
            DEFAULT_TCP_TIMEOUT)
        return PrinterSpec(PrinterKind.TCP, host=host, port=port or DEFAULT_TCP_PORT,
                           timeout=timeout, **common)

    if kind is PrinterKind.USB:
        ids = netloc.split(":")
        if len(ids) != 2 or not all(len(i) == 4 for i in ids) or parts.path not in ("", "/"):
            raise PrinterUriError("bad_usb_id", uri)
        vendor = _int(ids[0], "bad_usb_id", uri, 1, 0xFFFF, 16)
        product = _int(ids[1], "bad_usb_id", uri, 0, 0xFFFF, 16)
        in_ep = _int(query.get("in_ep", "0x82"), "bad_endpoint", uri, 0x81, 0x8F)
        out_ep = _int(query.get("out_ep", "0x01"), "bad_endpoint", uri, 0x01, 0x0F)
        ms = _timeout(query.get("timeout", str(DEFAULT_USB_TIMEOUT_MS)), uri, 600_000)
        return PrinterSpec(PrinterKind.USB, vendor_id=vendor, product_id=product, in_ep=in_ep,
                           out_ep=out_ep, timeout=ms / 1000, **common)

    if kind is PrinterKind.SERIAL:
        device = netloc or unquote(parts.path)  # serial://COM3 or serial:///dev/ttyUSB0
        if netloc and parts.path not in ("", "/"):
            device = netloc + unquote(parts.path)
        if not device or device == "/":
            raise PrinterUriError("missing_path", uri)
        baud = _int(query.get("baudrate", str(DEFAULT_BAUDRATE)), "bad_baudrate", uri, 1,
                    10_000_000, 10)
        if baud not in _BAUDRATES:
            raise PrinterUriError("bad_baudrate", uri)
        timeout = _timeout(query["timeout"], uri, 600) if "timeout" in query else (
            DEFAULT_SERIAL_TIMEOUT)
        return PrinterSpec(PrinterKind.SERIAL, device=device, baudrate=baud, timeout=timeout,
                           **common)

    if kind is PrinterKind.WIN32:
        name = unquote(text.split("://", 1)[1].split("?", 1)[0]).strip()
        if not name:
            raise PrinterUriError("missing_name", uri)
        return PrinterSpec(PrinterKind.WIN32, printer_name=name, **common)

    path = unquote(parts.path)
    if parts.netloc and parts.netloc != "localhost":
        raise PrinterUriError("bad_host", uri)
    if not path or path.endswith("/"):
        raise PrinterUriError("missing_path", uri)
    return PrinterSpec(PrinterKind.FILE, device=path, **common)


def _escpos_kwargs(spec: PrinterSpec) -> dict[str, Any]:
    return {"profile": spec.profile} if spec.profile else {}


def open_printer(spec: PrinterSpec) -> Any:
    """An opened python-escpos printer for ``spec``; failures raise :class:`PrintError`.

    Constructors get keyword arguments only: python-escpos 3.x reordered ``Usb``'s.
    """
    from escpos import printer as ep  # lazily: importing escpos pulls in its profile database

    extra = _escpos_kwargs(spec)
    if spec.kind is PrinterKind.TCP:
        conn: Any = ep.Network(host=spec.host, port=spec.port, timeout=spec.timeout, **extra)
    elif spec.kind is PrinterKind.USB:
        conn = ep.Usb(idVendor=spec.vendor_id, idProduct=spec.product_id, in_ep=spec.in_ep,
                      out_ep=spec.out_ep, timeout=max(1, round(spec.timeout * 1000)), **extra)
    elif spec.kind is PrinterKind.SERIAL:
        conn = ep.Serial(devfile=spec.device, baudrate=spec.baudrate, timeout=spec.timeout,
                         **extra)
    elif spec.kind is PrinterKind.WIN32:
        try:
            from escpos.printer import Win32Raw
        except ImportError:
            raise PrintError("unsupported", "win32") from None
        if not Win32Raw.is_usable():
            raise PrintError("unsupported", "win32")
        conn = Win32Raw(printer_name=spec.printer_name, **extra)
    else:
        conn = ep.File(devfile=spec.device, **extra)
    try:
        conn.open()
    except PrintError:
        raise
    except Exception as exc:  # python-escpos wraps the OS error in DeviceNotFoundError
        raise _map_error(spec, exc) from exc
    return conn


def _map_error(spec: PrinterSpec, exc: BaseException) -> PrintError:
    """An OS / pyusb / pyserial / python-escpos failure as a PrintError code."""
    cause: BaseException = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        nxt = cause.__cause__ or cause.__context__
        assert nxt is not None
        cause = nxt
    detail = f"{type(cause).__name__}: {cause}"
    if isinstance(cause, TimeoutError):
        return PrintError("timeout", detail)
    if type(cause).__name__ == "USBTimeoutError":
        return PrintError("timeout", detail)
    if type(cause).__name__ == "NoBackendError":  # pyusb without libusb on this PC
        return PrintError("unsupported", detail)
    if isinstance(cause, ConnectionRefusedError) or (
        spec.kind is PrinterKind.TCP and isinstance(cause, socket.gaierror | OSError)
        and type(exc).__name__ == "DeviceNotFoundError"
    ):
        return PrintError("offline", detail)
    if isinstance(cause, ConnectionError | BrokenPipeError):
        return PrintError("io_error", detail)
    if type(exc).__name__ == "DeviceNotFoundError" or isinstance(cause, FileNotFoundError):
        return PrintError("not_found", detail)
    return PrintError("io_error", detail)


# DLE EOT n answers (ESC/POS real-time status). Fixed bits 1 and 4 are set in every answer.
def _status_error(offline_cause: int | None, paper: int | None) -> str | None:
    if paper is not None and paper & 0x60:  # roll sensor: paper end
        return "paper_out"
    if offline_cause is not None:
        if offline_cause & 0x04:
            return "cover_open"
        if offline_cause & 0x20:
            return "paper_out"
    return None


def _query(conn: Any, n: int, spec: PrinterSpec) -> int | None:
    """Send DLE EOT n and read one byte; None when the printer gives no answer in time."""
    conn._raw(b"\x10\x04" + bytes([n]))
    try:
        answer = conn._read()
    except TimeoutError:
        return None
    except Exception as exc:
        if type(exc).__name__ == "USBTimeoutError":
            return None
        raise
    if not answer:
        if spec.kind is PrinterKind.TCP:  # an empty read on a socket is the peer's close
            raise ConnectionResetError("closed before answering status")
        return None  # pyserial: read timed out
    return int(answer[-1])


def check_status(conn: Any, spec: PrinterSpec) -> None:
    """Raise PrintError(paper_out | cover_open) if the printer says so; silence is not an error.

    Cheap printers that ignore DLE EOT must still print, so no answer means "unknown".
    """
    if spec.kind is PrinterKind.TCP:
        conn.device.settimeout(min(spec.timeout, STATUS_TIMEOUT))
    error = _status_error(_query(conn, 2, spec), _query(conn, 4, spec))
    if spec.kind is PrinterKind.TCP:
        conn.device.settimeout(spec.timeout)
    if error:
        raise PrintError(error)


def send_job(spec: PrinterSpec, data: bytes) -> None:
    """Open, write ``data`` raw, confirm, close. Any failure raises :class:`PrintError`.

    For network printers a status query after the data doubles as a delivery receipt: the
    answer arrives only after the printer has read everything sent before it, so a printer
    that dropped the connection mid-job is noticed here instead of reported as printed.
    """
    conn = open_printer(spec)
    readable = spec.status and spec.kind in (PrinterKind.TCP, PrinterKind.USB, PrinterKind.SERIAL)
    try:
        if readable:
            check_status(conn, spec)
        conn._raw(data)
        if readable and spec.kind is PrinterKind.TCP:
            conn.device.settimeout(spec.timeout)
            conn._raw(b"\x10\x04\x01")
            if not conn._read():
                raise ConnectionResetError("printer closed the connection")
        if hasattr(conn, "flush"):
            conn.flush()
    except PrintError:
        raise
    except Exception as exc:
        raise _map_error(spec, exc) from exc
    finally:
        try:
            conn.close()
        except Exception:  # closing a broken connection must not hide the real error
            log.debug("closing printer %s failed", spec.uri, exc_info=True)


# -- discovery ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundPrinter:
    uri: str
    description: str


def discover_usb() -> list[FoundPrinter]:
    """USB printers: interface class 7, or a vendor known for receipt printers.

    Returns [] when pyusb has no backend (no libusb on the PC) or the bus cannot be read.
    """
    try:
        import usb.core
    except ImportError:
        return []
    try:
        devices = list(usb.core.find(find_all=True))
    except Exception:  # NoBackendError, permission problems
        log.info("USB discovery unavailable", exc_info=True)
        return []
    found: list[FoundPrinter] = []
    for dev in devices:
        vid, pid = int(dev.idVendor), int(dev.idProduct)
        is_printer = getattr(dev, "bDeviceClass", 0) == 7
        in_ep, out_ep = 0x82, 0x01
        try:
            for cfg in dev:
                for intf in cfg:
                    if intf.bInterfaceClass == 7:
                        is_printer = True
                    for ep in intf:
                        addr = int(ep.bEndpointAddress)
                        if ep.bmAttributes & 0x03 == 0x02:  # bulk
                            if addr & 0x80:
                                in_ep = addr
                            else:
                                out_ep = addr
        except Exception:
            log.debug("cannot read USB descriptors of %04x:%04x", vid, pid, exc_info=True)
        if not is_printer and vid not in KNOWN_PRINTER_VENDORS:
            continue
        spec = PrinterSpec(PrinterKind.USB, vendor_id=vid, product_id=pid, in_ep=in_ep,
                           out_ep=out_ep, timeout=DEFAULT_USB_TIMEOUT_MS / 1000)
        found.append(FoundPrinter(spec.uri, KNOWN_PRINTER_VENDORS.get(vid, "USB printer")))
    return found


def discover_serial() -> list[FoundPrinter]:
    """Serial ports (USB-COM adapters, built-in COM) that might have a printer on them."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    found: list[FoundPrinter] = []
    for port in list_ports.comports():
        spec = PrinterSpec(PrinterKind.SERIAL, device=port.device, timeout=DEFAULT_SERIAL_TIMEOUT)
        found.append(FoundPrinter(spec.uri, port.description or port.device))
    return found
