import sys
import types

import pytest

from pos_app.hardware import printers
from pos_app.hardware.printers import (
    PrinterKind,
    PrintError,
    PrinterSpec,
    PrinterUriError,
    open_printer,
    parse_printer_uri,
)


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("tcp://192.168.1.50", PrinterSpec(PrinterKind.TCP, host="192.168.1.50")),
        ("tcp://printer.local:9101?timeout=3",
         PrinterSpec(PrinterKind.TCP, host="printer.local", port=9101, timeout=3.0)),
        ("usb://04b8:0e15", PrinterSpec(PrinterKind.USB, vendor_id=0x04B8, product_id=0x0E15,
                                        timeout=5.0)),
        ("usb://04B8:0E15?in_ep=0x81&out_ep=0x02&timeout=2000&profile=TM-T88V",
         PrinterSpec(PrinterKind.USB, vendor_id=0x04B8, product_id=0x0E15, in_ep=0x81,
                     out_ep=0x02, timeout=2.0, profile="TM-T88V")),
        ("serial:///dev/ttyUSB0?baudrate=19200",
         PrinterSpec(PrinterKind.SERIAL, device="/dev/ttyUSB0", baudrate=19200, timeout=5.0)),
        ("serial://COM3", PrinterSpec(PrinterKind.SERIAL, device="COM3", timeout=5.0)),
        ("win32://EPSON TM-T82 Receipt", PrinterSpec(PrinterKind.WIN32,
                                                      printer_name="EPSON TM-T82 Receipt")),
        ("win32://XP-80C%20(copy%201)", PrinterSpec(PrinterKind.WIN32,
                                                     printer_name="XP-80C (copy 1)")),
        ("file:///tmp/out.bin", PrinterSpec(PrinterKind.FILE, device="/tmp/out.bin")),
        ("tcp://127.0.0.1:9100?status=0", PrinterSpec(PrinterKind.TCP, host="127.0.0.1",
                                                      status=False)),
    ],
)
def test_good_uris(uri, expected):
    spec = parse_printer_uri(uri)
    assert spec == expected
    assert parse_printer_uri(spec.uri) == spec


@pytest.mark.parametrize(
    ("uri", "code"),
    [
        ("", "empty"),
        ("192.168.1.50", "bad_scheme"),
        ("lpt://1", "bad_scheme"),
        ("tcp://", "bad_host"),
        ("tcp://host:99999", "bad_port"),
        ("tcp://host:abc", "bad_port"),
        ("tcp://host:0", "bad_port"),
        ("tcp://host?timeout=0", "bad_timeout"),
        ("tcp://host?timeout=inf", "bad_timeout"),
        ("tcp://host?colour=red", "unknown_option"),
        ("usb://04b8", "bad_usb_id"),
        ("usb://zzzz:0e15", "bad_usb_id"),
        ("usb://04b8:0e15?timeout=0", "bad_timeout"),
        ("usb://04b8:0e15?timeout=-5", "bad_timeout"),
        ("usb://04b8:0e15?in_ep=0x01", "bad_endpoint"),
        ("usb://04b8:0e15?out_ep=0x82", "bad_endpoint"),
        ("serial://", "missing_path"),
        ("serial:///dev/ttyS0?baudrate=12345", "bad_baudrate"),
        ("serial:///dev/ttyS0?baudrate=fast", "bad_baudrate"),
        ("win32://", "missing_name"),
        ("file://", "missing_path"),
        ("file://otherhost/tmp/x", "bad_host"),
        ("tcp://host?timeout=1&timeout=2", "repeated_option"),
    ],
)
def test_bad_uris(uri, code):
    with pytest.raises(PrinterUriError) as err:
        parse_printer_uri(uri)
    assert err.value.code == code


def test_usb_printer_gets_keywords_and_a_finite_timeout(monkeypatch):
    """The only mock here: a USB device cannot exist on a test machine."""
    calls = {}

    class FakeUsb:
        def __init__(self, *args, **kwargs):
            assert not args, "python-escpos 3.x reordered Usb's arguments: keywords only"
            calls.update(kwargs)

        def open(self):
            calls["opened"] = True

    from escpos import printer as ep
    monkeypatch.setattr(ep, "Usb", FakeUsb)
    open_printer(parse_printer_uri("usb://04b8:0e15?timeout=1500&profile=TM-T88V"))
    assert calls == {"idVendor": 0x04B8, "idProduct": 0x0E15, "in_ep": 0x82, "out_ep": 0x01,
                     "timeout": 1500, "profile": "TM-T88V", "opened": True}


def test_missing_usb_device_is_not_found(monkeypatch):
    from escpos import printer as ep
    from escpos.exceptions import DeviceNotFoundError

    class Missing:
        def __init__(self, **kwargs):
            pass

        def open(self):
            raise DeviceNotFoundError("Unable to open USB printer")

    monkeypatch.setattr(ep, "Usb", Missing)
    with pytest.raises(PrintError) as err:
        open_printer(parse_printer_uri("usb://04b8:0e15"))
    assert err.value.code == "not_found"


def test_usb_without_libusb_is_unsupported(monkeypatch):
    import usb.core

    def no_backend(**kwargs):
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)  # a PC without libusb-1.0
    with pytest.raises(PrintError) as err:
        open_printer(parse_printer_uri("usb://04b8:0e15"))
    assert err.value.code == "unsupported"


def test_file_printer_writes_bytes(tmp_path):
    out = tmp_path / "job.bin"
    printers.send_job(parse_printer_uri(f"file://{out}"), b"\x1b@hello\n")
    assert out.read_bytes() == b"\x1b@hello\n"


def test_file_printer_in_missing_folder_is_not_found(tmp_path):
    with pytest.raises(PrintError) as err:
        printers.send_job(parse_printer_uri(f"file://{tmp_path}/no/such/dir/x.bin"), b"x")
    assert err.value.code == "not_found"


def test_discover_usb_without_backend_is_empty(monkeypatch):
    import usb.core

    def no_backend(**kwargs):
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    assert printers.discover_usb() == []


def test_discover_usb_finds_printer_class_and_known_vendors(monkeypatch):
    import usb.core

    def ep(addr):
        return types.SimpleNamespace(bEndpointAddress=addr, bmAttributes=2)

    class _Intf(list):
        def __init__(self, cls, eps):
            super().__init__(eps)
            self.bInterfaceClass = cls

    class _Dev(list):
        def __init__(self, vid, pid, intfs):
            super().__init__([intfs])
            self.idVendor, self.idProduct, self.bDeviceClass = vid, pid, 0

    devices = [
        _Dev(0x1234, 0x0001, [_Intf(7, [ep(0x81), ep(0x02)])]),  # printer class
        _Dev(0x0483, 0x5743, [_Intf(0xFF, [ep(0x82), ep(0x01)])]),  # Xprinter vendor id
        _Dev(0x046D, 0xC077, [_Intf(3, [ep(0x81)])]),  # a mouse
    ]
    monkeypatch.setattr(usb.core, "find", lambda **kw: iter(devices))
    found = printers.discover_usb()
    assert [f.uri for f in found] == [
        "usb://1234:0001?in_ep=0x81&out_ep=0x02&timeout=5000",
        "usb://0483:5743?in_ep=0x82&out_ep=0x01&timeout=5000",
    ]
    assert all(parse_printer_uri(f.uri).kind is PrinterKind.USB for f in found)


def test_discover_serial_lists_ports(monkeypatch):
    from serial.tools import list_ports

    port = types.SimpleNamespace(device="/dev/ttyUSB0", description="USB-Serial")
    monkeypatch.setattr(list_ports, "comports", lambda: [port])
    assert [f.uri for f in printers.discover_serial()] == ["serial:///dev/ttyUSB0?baudrate=9600"]


def test_win32_is_unsupported_off_windows():
    if sys.platform == "win32":
        pytest.skip("real spooler here")
    with pytest.raises(PrintError) as err:
        open_printer(parse_printer_uri("win32://EPSON TM-T82"))
    assert err.value.code == "unsupported"
