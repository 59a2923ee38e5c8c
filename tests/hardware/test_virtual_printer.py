import socket
import threading

import pytest
import zxingcpp
from PIL import Image

from pos_app.hardware.printers import PrintError, parse_printer_uri, send_job
from pos_app.hardware.raster import receipt_job
from pos_app.hardware.receipt_layout import Paper
from pos_app.hardware.virtual_printer import VirtualPrinter, serve
from tests.hardware.samples import VIETQR, sample_receipt


@pytest.fixture
def printer(tmp_path):
    with VirtualPrinter(tmp_path, "127.0.0.1", 0, idle_timeout=0.5) as vp:
        yield vp


def test_print_over_tcp_writes_bin_and_png(printer):
    receipt = sample_receipt(6, bill=True)
    job = receipt_job(receipt, Paper.MM80)
    send_job(parse_printer_uri(printer.uri), job)
    (saved,) = printer.wait_for_jobs(1)
    assert saved.complete
    assert job in saved.bin_path.read_bytes()  # plus the status queries around it
    assert saved.bin_path.name.startswith("0001-")
    image = Image.open(saved.png_path)
    assert image.width == 576 and image.height > 1000
    found = {r.text for r in zxingcpp.read_barcodes(image.convert("L"))}
    assert {receipt.number, VIETQR, receipt.trace_url} <= found


def test_status_query_answers_online_paper_ok(printer):
    with socket.create_connection(printer.address, timeout=2) as sock:
        for n, expected in ((1, 0x12), (2, 0x12), (4, 0x12)):
            sock.sendall(b"\x10\x04" + bytes([n]))
            assert sock.recv(1) == bytes([expected])


def test_closed_mid_job_is_io_error(printer):
    printer.faults.close_after = 2000
    with pytest.raises(PrintError) as err:
        send_job(parse_printer_uri(printer.uri), receipt_job(sample_receipt(20), Paper.MM80))
    assert err.value.code == "io_error"
    (saved,) = printer.wait_for_jobs(1)
    assert not saved.complete and saved.size == 2000


def test_paper_out_and_cover_open_are_reported_before_printing(printer):
    printer.faults.paper_out = True
    with pytest.raises(PrintError) as err:
        send_job(parse_printer_uri(printer.uri), b"hello\n")
    assert err.value.code == "paper_out"
    printer.faults.paper_out, printer.faults.cover_open = False, True
    with pytest.raises(PrintError) as err:
        send_job(parse_printer_uri(printer.uri), b"hello\n")
    assert err.value.code == "cover_open"


def test_slow_printer_times_out(printer):
    printer.faults.delay_s = 3
    with pytest.raises(PrintError) as err:
        send_job(parse_printer_uri(printer.uri + "?timeout=0.5"), b"hello\n")
    assert err.value.code == "timeout"


def test_nobody_listening_is_offline():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(PrintError) as err:
        send_job(parse_printer_uri(f"tcp://127.0.0.1:{port}?timeout=2"), b"x")
    assert err.value.code == "offline"


def test_serve_runs_until_stopped(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=("127.0.0.1", port, tmp_path, stop),
                              kwargs={"idle_timeout": 0.3})
    thread.start()
    try:
        for _ in range(50):
            try:
                send_job(parse_printer_uri(f"tcp://127.0.0.1:{port}?timeout=2"), b"hi\n")
                break
            except PrintError:
                stop.wait(0.1)
        for _ in range(50):
            if list(tmp_path.glob("*.png")):
                break
            stop.wait(0.1)
        assert list(tmp_path.glob("0001-*.bin")) and list(tmp_path.glob("0001-*.png"))
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
