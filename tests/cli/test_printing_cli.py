"""``ocop-pos-admin print-test | reprint | virtual-printer | printers`` as IT types them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from pos_app.cli import main
from pos_app.hardware import printers as hw_printers
from pos_app.hardware.printers import FoundPrinter, parse_printer_uri, send_job
from pos_app.hardware.raster import receipt_job
from pos_app.hardware.receipt_layout import Paper
from pos_app.hardware.receipt_printer import demo_receipt
from pos_app.hardware.virtual_printer import VirtualPrinter
from tests.services.print_fixtures import insert_sale, make_shop

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages in the source language, and no Qt application created inside pytest."""
    monkeypatch.setenv("OCOP_POS_LANGUAGE", "en")


@pytest.fixture
def printer(tmp_path):
    with VirtualPrinter(tmp_path / "vp", idle_timeout=0.5) as vp:
        yield vp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_print_test_page_on_the_given_printer(tmp_path, printer, capsys):
    code = main(["print-test", "--data-dir", str(tmp_path / "d"), "--printer", printer.uri])
    assert code == 0
    assert f"printed test page on {printer.uri}" in capsys.readouterr().out
    (job,) = printer.wait_for_jobs(1)
    assert b"== CP1258" in job.bin_path.read_bytes()


def test_print_test_in_one_mode_prints_a_demo_receipt(tmp_path, printer):
    code = main(["print-test", "--data-dir", str(tmp_path / "d"), "--printer", printer.uri,
                 "--mode", "raster"])
    assert code == 0
    (job,) = printer.wait_for_jobs(1)
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(job.png_path).convert("L"))}
    assert demo_receipt().number in found


def test_print_test_offline_printer_says_why_and_exits_1(tmp_path, capsys):
    uri = f"tcp://127.0.0.1:{_free_port()}?timeout=2"
    code = main(["print-test", "--data-dir", str(tmp_path / "d"), "--printer", uri])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["The printer is switched off or not connected"]


def test_print_test_without_a_printer_or_with_a_bad_uri_exits_2(tmp_path, capsys):
    assert main(["print-test", "--data-dir", str(tmp_path / "d")]) == 2
    assert capsys.readouterr().err.strip() == "No receipt printer is set up"
    assert main(["print-test", "--data-dir", str(tmp_path / "d"), "--printer", "lpt1"]) == 2
    assert capsys.readouterr().err.strip() == (
        "The printer address in the settings is not valid")


def test_reprint_a_receipt_by_number(tmp_path, printer, capsys):
    shop = make_shop(tmp_path, printer_uri=printer.uri)
    _, number = insert_sale(shop, [("BT-0007", 1), ("HD-0001", 2)])
    shop.db.close()
    code = main(["reprint", number, "--data-dir", str(tmp_path / "data")])
    assert code == 0
    assert f"printed receipt {number}" in capsys.readouterr().out
    (job,) = printer.wait_for_jobs(1)
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(job.png_path).convert("L"))}
    assert number in found


def test_reprint_unknown_receipt_exits_2(tmp_path, printer, capsys):
    code = main(["reprint", "Q01-20261123-0999", "--data-dir", str(tmp_path / "d"),
                 "--printer", printer.uri])
    assert code == 2
    assert capsys.readouterr().err.strip() == "No sale has that receipt number"
    assert printer.jobs == []


def test_printers_lists_discovered_uris(tmp_path, monkeypatch, capsys):
    # no USB bus here: discovery itself is stood in for, the listing is what is tested
    monkeypatch.setattr(hw_printers, "discover_usb", lambda: [
        FoundPrinter("usb://04b8:0e15?in_ep=0x82&out_ep=0x01&timeout=5000", "Epson")])
    monkeypatch.setattr(hw_printers, "discover_serial", lambda: [
        FoundPrinter("serial:///dev/ttyUSB0?baudrate=9600", "USB-Serial")])
    assert main(["printers", "--data-dir", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "configured: (none)"
    assert "usb://04b8:0e15?in_ep=0x82&out_ep=0x01&timeout=5000\tEpson" in out
    assert "serial:///dev/ttyUSB0?baudrate=9600\tUSB-Serial" in out


def test_virtual_printer_command_saves_jobs_until_ctrl_c(tmp_path):
    out_dir = tmp_path / "jobs"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pos_app.cli import main; sys.exit(main())",
         "virtual-printer", "--port", "0", "--out", str(out_dir), "--paper", "58"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        assert "(58 mm)" in banner
        uri = banner.split()[2]
        send_job(parse_printer_uri(uri), receipt_job(demo_receipt(3), Paper.MM58))
        png = Path(proc.stdout.readline().strip())
        assert png.parent == out_dir and png.suffix == ".png"
        assert Image.open(png).width == 384
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
