"""The keyboard-wedge scanner filter, driven by QTest key clicks and a hand-moved clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from pos_app.ui.scanner import ScannerFilter


class FakeClock:
    def __init__(self) -> None:
        self.ms = 1000.0

    def __call__(self) -> float:
        return self.ms


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def scanner(qapp, clock):
    scanner = ScannerFilter(max_gap_ms=30, min_length=6, clock=clock)
    qapp.installEventFilter(scanner)
    yield scanner
    qapp.removeEventFilter(scanner)


@pytest.fixture
def field(qtbot):
    box = QWidget()
    layout = QVBoxLayout(box)
    edit = QLineEdit(box)
    layout.addWidget(edit)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    edit.setFocus()
    edit.holder = box  # keep the window alive as long as the field
    return edit


def type_keys(widget, text, clock, gap_ms, *, enter=True):
    for ch in text:
        QTest.keyClick(widget, ch)
        clock.ms += gap_ms
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def test_fast_burst_with_enter_is_a_scan_and_never_reaches_the_field(qtbot, scanner, field,
                                                                      clock):
    seen = []
    scanner.scanned.connect(seen.append)
    type_keys(field, "8935049510010", clock, gap_ms=8)
    assert seen == ["8935049510010"]
    assert field.text() == ""
    assert scanner.pending_text == ""


def test_slow_typing_passes_through_in_order(qtbot, scanner, field, clock):
    seen = []
    scanner.scanned.connect(seen.append)
    type_keys(field, "banh dau", clock, gap_ms=120, enter=False)
    scanner.flush()  # what the flush timer does once the typist pauses
    assert field.text() == "banh dau"
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert seen == []


def test_short_fast_burst_is_typing_not_a_scan(qtbot, scanner, field, clock):
    seen = []
    scanner.scanned.connect(seen.append)
    returns = []
    field.returnPressed.connect(lambda: returns.append(field.text()))
    type_keys(field, "12", clock, gap_ms=5)
    assert seen == []
    assert field.text() == "12"
    assert returns == ["12"], "Enter reaches the field after the replayed keys"


def test_slow_enter_after_a_burst_is_not_a_scan(qtbot, scanner, field, clock):
    seen = []
    scanner.scanned.connect(seen.append)
    type_keys(field, "893504951001", clock, gap_ms=5, enter=False)
    clock.ms += 500
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert seen == []
    assert field.text() == "893504951001"


def test_a_pause_then_a_burst_keeps_the_typed_part_and_scans_the_rest(qtbot, scanner, field,
                                                                      clock):
    seen = []
    scanner.scanned.connect(seen.append)
    type_keys(field, "ab", clock, gap_ms=200, enter=False)
    clock.ms += 200
    type_keys(field, "4006381333931", clock, gap_ms=10)
    assert seen == ["4006381333931"]
    assert field.text() == "ab"


def test_shortcut_keys_flush_held_typing_first(qtbot, scanner, field, clock):
    type_keys(field, "ab", clock, gap_ms=5, enter=False)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "a"


def test_prefix_and_suffix_are_stripped(qtbot, qapp, field, clock):
    scanner = ScannerFilter(max_gap_ms=30, min_length=6, prefix="]E0", suffix="#", clock=clock)
    qapp.installEventFilter(scanner)
    try:
        seen = []
        scanner.scanned.connect(seen.append)
        type_keys(field, "]E08935049510010#", clock, gap_ms=4, enter=False)
        assert seen == ["8935049510010"]
        # without the prefix it is not this scanner: typed text goes through
        type_keys(field, "1234567", clock, gap_ms=4)
        assert seen == ["8935049510010"]
        assert field.text() == "1234567"
    finally:
        qapp.removeEventFilter(scanner)


def test_scan_while_a_modal_dialog_is_open_is_reported_not_lost(qtbot, scanner, field, clock):
    scans, busy = [], []
    scanner.scanned.connect(scans.append)
    scanner.scanned_while_busy.connect(busy.append)
    dialog = QDialog(field.window())
    edit = QLineEdit(dialog)
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit.setFocus()
    type_keys(edit, "8935049510010", clock, gap_ms=6)
    assert busy == ["8935049510010"]
    assert scans == []
    assert edit.text() == ""
    dialog.close()


def test_dialog_that_accepts_scans_receives_them_as_typing(qtbot, scanner, field, clock):
    scans, busy = [], []
    scanner.scanned.connect(scans.append)
    scanner.scanned_while_busy.connect(busy.append)
    dialog = QDialog(field.window())
    dialog.setProperty("acceptsScans", True)
    edit = QLineEdit(dialog)
    entered = []
    edit.returnPressed.connect(lambda: entered.append(edit.text()))
    qtbot.addWidget(dialog)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit.setFocus()
    type_keys(edit, "Q01-20261123-0042", clock, gap_ms=6)
    assert edit.text() == "Q01-20261123-0042"
    assert entered == ["Q01-20261123-0042"]
    assert scans == [] and busy == []
    dialog.close()


def test_flush_timer_releases_a_lone_typed_key(qtbot, qapp, field):
    scanner = ScannerFilter(max_gap_ms=30, min_length=6)  # real clock
    qapp.installEventFilter(scanner)
    try:
        QTest.keyClick(field, "x")
        qtbot.waitUntil(lambda: field.text() == "x", timeout=2000)
    finally:
        qapp.removeEventFilter(scanner)


def test_disabled_filter_lets_everything_through(qtbot, scanner, field, clock):
    scanner.enabled = False
    type_keys(field, "8935049510010", clock, gap_ms=3, enter=False)
    assert field.text() == "8935049510010"
