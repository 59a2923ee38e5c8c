"""Start-up warm-up: the catalog index and the printer adapter load off the GUI thread, then
the heap is frozen, so neither a first print nor a sync push's collection stalls a frame."""

from __future__ import annotations

import gc
import sys
import threading
from types import SimpleNamespace

from pos_app.ui import startup


class _Part:
    def __init__(self) -> None:
        self.warmed = 0

    def warm_up(self) -> None:
        self.warmed += 1


def test_warm_up_builds_the_index_and_loads_the_printer():
    catalog, port = _Part(), _Part()
    startup.warm_up(SimpleNamespace(catalog=catalog, printing=SimpleNamespace(port=port)))
    assert catalog.warmed == 1 and port.warmed == 1


def test_the_escpos_adapter_has_the_ports_warm_up():
    """``warm_up`` is part of the ``ReceiptPrinter`` port: startup calls it without probing."""
    from pos_app.hardware.receipt_printer import EscposReceiptPrinter
    from pos_app.services.ports import ReceiptPrinter

    assert callable(ReceiptPrinter.warm_up)
    EscposReceiptPrinter().warm_up()  # imports python-escpos; prints nothing


def test_the_app_printer_adapter_warms_without_printing():
    from pos_app.app import _LazyReceiptPrinter
    from pos_app.hardware.receipt_printer import EscposReceiptPrinter

    lazy = _LazyReceiptPrinter()
    assert lazy._printer is None  # nothing loaded until asked
    lazy.warm_up()
    built = lazy._printer
    assert isinstance(built, EscposReceiptPrinter)
    assert "escpos.printer" in sys.modules
    lazy.warm_up()
    assert lazy._printer is built  # built once, warmed again without a second adapter
    assert lazy.render.__self__ is built  # the port's calls reach the one adapter


def test_warm_up_then_settle_warms_on_the_io_lane_then_freezes_on_the_gui_thread(qtbot):
    from pos_app.ui.tasks import Lanes

    seen: dict[str, str] = {}

    class _Catalog:
        def warm_up(self) -> None:
            seen["warm"] = threading.current_thread().name

    lanes = Lanes()
    frozen = gc.get_freeze_count()
    try:
        startup.warm_up_then_settle(
            SimpleNamespace(catalog=_Catalog(), printing=SimpleNamespace(port=object())),
            SimpleNamespace(lanes=lanes))
        qtbot.waitUntil(lambda: gc.get_freeze_count() > frozen, timeout=5000)
        assert seen["warm"].startswith("lane-io")
        assert threading.current_thread() is threading.main_thread()
    finally:
        lanes.shutdown()
        gc.unfreeze()


def test_settle_heap_freezes_what_exists():
    before = gc.get_freeze_count()
    try:
        startup.settle_heap()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
