"""A small threaded HTTP/1.1 proxy on 127.0.0.1 that breaks requests on purpose.

Put between the till's client and the registry. For each request it rolls a seeded die: with
probability ``rate`` the request gets the next fault from a seeded, shuffled deck of all
:data:`FAULTS` (reshuffled when used up, so every kind shows up once enough faults happened);
otherwise it is passed through untouched. Faults, and when the registry DID see the request:

``drop_before``  close the client's connection before forwarding (registry saw nothing)
``drop_after``   forward, then close without an answer (registry stored it; the answer is lost)
``reset``        forward, then reset the connection (RST) instead of answering
``delay``        forward, then hold the answer past the client's read timeout
``truncate``     forward, then send the headers and half the body, and close
``malformed``    forward, then answer 200 with a body that is not the protocol's JSON
``http_429``     answer 429 with ``Retry-After`` without forwarding
``http_500``     answer 500 without forwarding
``http_503``     forward, then answer 503 with ``Retry-After`` (registry stored it)
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = (
    "drop_before", "drop_after", "reset", "delay", "truncate", "malformed", "http_429",
    "http_500", "http_503",
)


def _read_request(conn: socket.socket) -> bytes | None:
    """One whole HTTP request (headers + Content-Length body), or None at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def _close_upstream(request: bytes) -> bytes:
    """The same request, asking the registry to close after answering."""
    head, _, body = request.partition(b"\r\n\r\n")
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _simple(status: str, body: bytes, extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n").encode() + body


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], *, seed: int = 1, rate: float = 0.3,
                 delay_s: float = 1.0, retry_after: int = 1) -> None:
        self.upstream = upstream
        self.rate = rate
        self.delay_s = delay_s
        self.retry_after = retry_after
        self.rng = random.Random(seed)
        self.deck: list[str] = []
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)

    def __enter__(self) -> FaultProxy:
        self._accept.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self._accept.join(5)
        self.listener.close()
        for thread in self._threads:
            thread.join(5)

    def _choose(self) -> str:
        with self.lock:
            if self.rng.random() >= self.rate:
                choice = "pass"
            else:
                if not self.deck:
                    self.deck = list(FAULTS)
                    self.rng.shuffle(self.deck)
                choice = self.deck.pop()
            self.counts[choice] += 1
            return choice

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            if self._stop.is_set():
                conn.close()
                return
            thread = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
            thread.start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(_close_upstream(request))
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        try:
            while not self._stop.is_set():
                request = _read_request(conn)
                if request is None:
                    return
                fault = self._choose()
                if fault == "drop_before":
                    return
                if fault == "http_429":
                    conn.sendall(_simple("429 Too Many Requests", b'{"code":"slow_down"}',
                                         f"Retry-After: {self.retry_after}\r\n"))
                    return
                if fault == "http_500":
                    conn.sendall(_simple("500 Internal Server Error", b"oops"))
                    return
                response = self._forward(request)
                if fault == "drop_after":
                    return
                if fault == "reset":
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if fault == "delay":
                    time.sleep(self.delay_s)
                    conn.sendall(response)
                    return
                if fault == "truncate":
                    head, _, body = response.partition(b"\r\n\r\n")
                    conn.sendall(head + b"\r\n\r\n" + body[: len(body) // 2])
                    return
                if fault == "malformed":
                    conn.sendall(_simple("200 OK", b'{"results": [{"id": 12, "status"'))
                    return
                if fault == "http_503":
                    conn.sendall(_simple("503 Service Unavailable", b"{}",
                                         f"Retry-After: {self.retry_after}\r\n"))
                    return
                conn.sendall(response)
                # The registry closed its side; so do we (the client opens a new connection).
                return
        except OSError:
            return
        finally:
            conn.close()
