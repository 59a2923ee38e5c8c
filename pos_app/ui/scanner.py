"""Barcode scanners as input: keyboard-wedge scanners recognised by timing, serial scanners by line.

A keyboard-wedge scanner "types" the code very fast and ends with Enter. :class:`ScannerFilter`
sits on the QApplication, whatever widget has focus, and tells the two apart:

- printable keys are held back while they arrive in a burst (gaps ≤ ``max_gap_ms``);
- Enter after ≥ ``min_length`` burst characters → ``scanned(code)``; the keys are swallowed, so
  digits never land in the search box that happened to have focus;
- anything else (a slow gap, Enter after a short burst, a non-printable key, the flush timer)
  → the held keys are replayed, in order, to the widget they were meant for: human typing is
  only delayed by a few milliseconds, never lost.

While a modal dialog is open a scan emits ``scanned_while_busy(code)`` instead, so the screen can
say "finish the dialog first" — unless the dialog sets the Qt property ``acceptsScans`` to True
(e.g. the returns dialog, which wants a receipt number scanned into its field): then the scanner's
keys are delivered to the dialog as ordinary typing.

:class:`SerialScanner` reads a USB-COM scanner (pyserial) on a thread and emits the same
``scanned`` signal on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

DEFAULT_MAX_GAP_MS = 30
DEFAULT_MIN_LENGTH = 6
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BLOCKING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass
class _HeldKey:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    """App-wide event filter: install with ``app.installEventFilter(filter)``.

    ``clock`` returns milliseconds; tests inject one to control the gaps. Without it, the key
    event's own timestamp is used (robust when the GUI thread was busy and events queued up),
    falling back to a monotonic clock.
    """

    scanned = Signal(str)
    scanned_while_busy = Signal(str)

    def __init__(
        self,
        *,
        max_gap_ms: int = DEFAULT_MAX_GAP_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        prefix: str = "",
        suffix: str = "",
        clock: Callable[[], float] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.prefix = prefix
        self.suffix = suffix
        self.enabled = True
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._last_ms = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    # --- configuration ------------------------------------------------------------------------

    def configure(
        self, *, max_gap_ms: int, min_length: int, prefix: str = "", suffix: str = ""
    ) -> None:
        self.flush()
        self.max_gap_ms, self.min_length = max_gap_ms, min_length
        self.prefix, self.suffix = prefix, suffix

    @property
    def pending_text(self) -> str:
        """Keys held back right now (for tests and diagnostics)."""
        return "".join(k.text for k in self._held)

    # --- the filter ---------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget):
            return False  # the window sees the key first; we act where the widget gets it
        assert isinstance(event, QKeyEvent)
        now = self._now(event)
        key = event.key()
        text = event.text()
        printable = (
            len(text) == 1
            and text.isprintable()
            and not event.isAutoRepeat()
            and not (event.modifiers() & _BLOCKING_MODIFIERS)
        )
        if printable:
            if self._held and now - self._last_ms > self.max_gap_ms:
                self.flush()
            self._held.append(
                _HeldKey(obj, key, event.modifiers(), text)
            )
            self._last_ms = now
            if self.suffix and self.pending_text.endswith(self.suffix) and self._is_scan(now):
                self._complete(obj, strip_suffix=True)
            else:
                self._timer.start(max(self.max_gap_ms * 2, 40))
            return True
        if key in _ENTER_KEYS and self._held:
            if self._is_scan(now):
                self._complete(obj, strip_suffix=False)
                return True
            self.flush()
            return False
        if self._held:
            self.flush()
        return False

    def _now(self, event: QKeyEvent) -> float:
        if self._clock is not None:
            return float(self._clock())
        stamp = event.timestamp()
        return float(stamp) if stamp else time.monotonic() * 1000.0

    def _is_scan(self, now: float) -> bool:
        text = self.pending_text
        if self.suffix and text.endswith(self.suffix):
            text = text[: -len(self.suffix)]
        if self.prefix:
            if not text.startswith(self.prefix):
                return False
            text = text[len(self.prefix):]
        return len(text) >= self.min_length and now - self._last_ms <= self.max_gap_ms

    def _complete(self, receiver: QObject, *, strip_suffix: bool) -> None:
        code = self.pending_text
        if strip_suffix and self.suffix:
            code = code[: -len(self.suffix)]
        if self.prefix:
            code = code[len(self.prefix):]
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.property("acceptsScans"):
            self.flush()  # the dialog wants the scanner as a keyboard
            self._send(receiver, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            return
        self._timer.stop()
        self._held.clear()
        if modal is not None:
            log.info("scan while a dialog is open: %s", code)
            self.scanned_while_busy.emit(code)
        else:
            self.scanned.emit(code)

    def flush(self) -> None:
        """Replay the held keys to their widgets: it was human typing after all."""
        self._timer.stop()
        held, self._held = self._held, []
        for item in held:
            receiver: QObject | None = item.receiver
            if receiver is None or not shiboken6.isValid(receiver):
                receiver = QApplication.focusWidget()
            if receiver is not None:
                self._send(receiver, item.key, item.modifiers, item.text)

    def _send(self, receiver: QObject, key: int, modifiers: Qt.KeyboardModifier,
              text: str) -> None:
        self._replaying = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QCoreApplication.sendEvent(receiver, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._replaying = False

    def _on_timeout(self) -> None:
        if not self._held:
            return
        if self._clock is not None and self._clock() - self._last_ms <= self.max_gap_ms:
            self._timer.start(max(self.max_gap_ms * 2, 40))
            return
        self.flush()


class SerialScanner(QObject):
    """A USB-COM (serial) scanner: each line it sends is one code, emitted on the GUI thread.

    ``error(code)`` reports ``not_found`` (the port cannot be opened) or ``io_error`` (it went
    away); the reader stops then. ``stop()`` ends the thread.
    """

    scanned = Signal(str)
    error = Signal(str)

    def __init__(self, port: str, baudrate: int = 9600, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.port = port
        self.baudrate = baudrate
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._serial: Any = None  # a pyserial Serial once started

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Open the port and start reading; False (and ``error``) if it cannot be opened."""
        import serial  # pyserial; imported here so the app starts without a serial scanner

        try:
            self._serial = serial.Serial(self.port, self.baudrate, timeout=0.1)
        except (serial.SerialException, OSError, ValueError) as exc:
            log.warning("serial scanner %s: %s", self.port, exc)
            self.error.emit("not_found")
            return False
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._read_loop, name=f"serial-scanner-{self.port}", daemon=True
        )
        self._thread.start()
        return True

    def _read_loop(self) -> None:
        buffer = bytearray()
        port = self._serial
        try:
            while not self._stop.is_set():
                chunk = port.read(64)
                if not chunk:
                    continue
                buffer.extend(chunk)
                while True:
                    ends = [i for i in (buffer.find(b"\r"), buffer.find(b"\n")) if i >= 0]
                    if not ends:
                        break
                    end = min(ends)
                    line, buffer = bytes(buffer[:end]), buffer[end + 1:]
                    code = line.decode("latin-1").strip()
                    if code:
                        self.scanned.emit(code)
        except Exception as exc:  # the device went away
            if not self._stop.is_set():
                log.warning("serial scanner %s stopped: %s", self.port, exc)
                self.error.emit("io_error")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self._serial is not None:
            with contextlib.suppress(Exception):
                self._serial.close()
            self._serial = None
