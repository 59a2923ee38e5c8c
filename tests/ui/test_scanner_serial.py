"""The serial (USB-COM) scanner source, with a pseudo-terminal pair as the fake device."""

from __future__ import annotations

import os
import sys

import pytest

from pos_app.ui.scanner import SerialScanner

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs os.openpty")


@pytest.fixture
def pty_pair():
    master, slave = os.openpty()
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_each_line_is_one_scan_on_the_gui_thread(qtbot, pty_pair):
    master, port = pty_pair
    scanner = SerialScanner(port, 9600)
    seen = []
    scanner.scanned.connect(seen.append)
    assert scanner.start()
    try:
        os.write(master, b"8935049510010\r\n")
        qtbot.waitUntil(lambda: seen == ["8935049510010"], timeout=3000)
        # a code split across reads, CR-only and LF-only endings, blank lines ignored
        os.write(master, b"40063813")
        os.write(master, b"33931\r\r\n\nQ01-20261123-0042\n")
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=3000)
        assert seen == ["8935049510010", "4006381333931", "Q01-20261123-0042"]
    finally:
        scanner.stop()
    assert not scanner.running


def test_missing_port_reports_not_found(qtbot, tmp_path):
    scanner = SerialScanner(str(tmp_path / "no-such-port"), 9600)
    with qtbot.waitSignal(scanner.error, timeout=1000) as blocker:
        assert not scanner.start()
    assert blocker.args == ["not_found"]
    assert not scanner.running
