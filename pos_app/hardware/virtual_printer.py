"""A pretend network receipt printer on 127.0.0.1, for development, tests and demos.

It speaks the raw port-9100 protocol of real printers: a job is everything sent on one
connection until the client closes it or pauses (``idle_timeout``). Each job is kept as
``<out>/<n>-<timestamp>.bin`` (the exact bytes) and ``.png`` (what it would look like on paper,
via ``escpos_decode``). It answers ``DLE EOT n`` status queries like a healthy printer, and
tests can switch on faults — paper out, cover open, a slow printer, a connection dropped
mid-job — to prove that printing failures are reported and never lose a sale.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from pos_app.hardware.escpos_decode import decode_escpos

log = logging.getLogger(__name__)


@dataclass
class Faults:
    """Faults to simulate on the next connections (read when a connection starts)."""

    paper_out: bool = False
    cover_open: bool = False
    delay_s: float = 0.0  # wait this long before reading anything
    close_after: int | None = None  # drop the connection after this many bytes of a job


@dataclass(frozen=True)
class Job:
    number: int
    bin_path: Path
    png_path: Path | None
    size: int
    complete: bool  # False when the printer dropped the connection mid-job


def status_byte(n: int, faults: Faults) -> int:
    """The one-byte answer to ``DLE EOT n`` (bits 1 and 4 are always set)."""
    offline = faults.paper_out or faults.cover_open
    if n == 1:  # printer status: bit 3 = offline
        return 0x12 | (0x08 if offline else 0)
    if n == 2:  # offline cause: bit 2 = cover open, bit 5 = stopped by paper end
        return 0x12 | (0x04 if faults.cover_open else 0) | (0x20 if faults.paper_out else 0)
    if n == 4:  # roll paper sensor: bits 2-3 near end, bits 5-6 end
        return 0x12 | (0x6C if faults.paper_out else 0)
    return 0x12  # n == 3, error status: no error


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        printer = self.server.printer
        faults = Faults(**vars(printer.faults))
        sock: socket.socket = self.request
        if faults.delay_s and printer.stopping.wait(faults.delay_s):
            return
        sock.settimeout(printer.idle_timeout)
        data = bytearray()
        scanned = 0
        complete = True
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, OSError):
                break  # an idle pause ends the job, as on a real printer
            if not chunk:
                break
            if faults.close_after is not None and len(data) + len(chunk) >= faults.close_after:
                data += chunk[: max(0, faults.close_after - len(data))]
                complete = False
                # reset, not a polite close: like a printer that lost power or its link
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00" * 2)
                break
            data += chunk
            scanned = self._answer_status(sock, data, scanned, faults)
        if data:
            printer.save_job(bytes(data), complete)

    @staticmethod
    def _answer_status(sock: socket.socket, data: bytearray, start: int, faults: Faults) -> int:
        """Answer every complete DLE EOT n in data[start:]; return where to scan next time."""
        i = max(0, start)
        while True:
            i = data.find(b"\x10\x04", i)
            if i < 0 or i + 2 >= len(data):
                return len(data) - 2 if i < 0 else i
            n = data[i + 2]
            if 1 <= n <= 4:
                try:
                    sock.sendall(bytes([status_byte(n, faults)]))
                except OSError:
                    return len(data)
            i += 3


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    printer: VirtualPrinter


class VirtualPrinter:
    """The server; use as a context manager or ``start()`` / ``stop()``."""

    def __init__(self, out_dir: Path | str, host: str = "127.0.0.1", port: int = 0, *,
                 paper_dots: int = 576, idle_timeout: float = 2.0, render: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.paper_dots = paper_dots
        self.idle_timeout = idle_timeout
        self.render = render
        self.faults = Faults()
        self.jobs: list[Job] = []
        self.stopping = threading.Event()
        self._lock = threading.Condition()
        self._server = _Server((host, port), _Handler)
        self._server.printer = self
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def uri(self) -> str:
        host, port = self.address
        return f"tcp://{host}:{port}"

    def start(self) -> VirtualPrinter:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={
            "poll_interval": 0.1}, name="virtual-printer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def save_job(self, data: bytes, complete: bool = True) -> Job:
        """Keep the job's bytes as ``NNNN-<stamp>.bin`` and what :meth:`_render_job` drew."""
        with self._lock:
            number = len(self.jobs) + 1
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            base = self.out_dir / f"{number:04d}-{stamp}"
            base.with_suffix(".bin").write_bytes(data)
            job = self._render_job(number, base, data, complete)
            self.jobs.append(job)
            self._lock.notify_all()
        return job

    def _render_job(self, number: int, base: Path, data: bytes, complete: bool) -> Job:
        """The saved job, with its picture (``base.png``) when this printer renders."""
        bin_path = base.with_suffix(".bin")
        png_path: Path | None = None
        if self.render:
            try:
                decode_escpos(data, self.paper_dots).save(base.with_suffix(".png"))
                png_path = base.with_suffix(".png")
            except Exception:  # a picture is a convenience; the .bin is the record
                log.exception("could not render job %s", bin_path.name)
        log.info("virtual printer job %s: %d bytes", bin_path.name, len(data))
        return Job(number, bin_path, png_path, len(data), complete)

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> list[Job]:
        """Block until ``count`` jobs are saved (or the timeout passes); return the jobs."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return list(self.jobs)


def serve(host: str, port: int, out_dir: Path | str, stop_event: threading.Event, *,
          paper_dots: int = 576, idle_timeout: float = 2.0) -> None:
    """Run a virtual printer until ``stop_event`` is set (the admin CLI's entry point)."""
    with VirtualPrinter(out_dir, host, port, paper_dots=paper_dots,
                        idle_timeout=idle_timeout) as printer:
        log.info("virtual printer listening on %s, jobs in %s", printer.uri, printer.out_dir)
        stop_event.wait()
