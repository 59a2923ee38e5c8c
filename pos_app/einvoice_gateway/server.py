"""A local e-invoice gateway: what a provider (T-VAN) does for the till, on 127.0.0.1.

The tax authority cannot be reached from here, so this process plays the provider: it accepts
invoices in batches (``POST /api/v1/invoices``, JSON with each invoice's XML), validates each XML
against the same XSD the till uses, checks the seller and the MTT code, stores it in SQLite and
answers **per invoice** (accepted / refused with a reason). Sending the same invoice again is
answered "accepted" again (idempotent), a different invoice under a known code is refused.
The buyer's lookup page is ``GET /tra-cuu?ma=<MCCQT>`` (HTML, Vietnamese).

For tests it can be told to misbehave (``POST /_control`` when started with ``--control``):
``ok``, ``fail`` (HTTP 503), ``slow`` (sleep ``delay`` s before answering), ``garbage`` (200 with
bytes that are not the protocol), ``refuse`` (refuse every invoice), ``drop`` (store, then close
the connection without an answer), ``huge`` (an oversized answer).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from pos_app.domain.einvoice import EInvoiceError, parse_mccqt, validate_tax_code
from pos_app.domain.money import format_vnd
from pos_app.formats.einvoice_xml import InvoiceXmlError, summary, validate_xml

API = "/api/v1"
MAX_BODY = 20_000_000
MAX_BATCH = 500
MODES = ("ok", "fail", "slow", "garbage", "refuse", "drop", "huge")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS invoices (
    mccqt TEXT PRIMARY KEY,
    seller_tax_code TEXT NOT NULL,
    symbol TEXT NOT NULL,
    number INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    total INTEGER NOT NULL,
    total_vat INTEGER NOT NULL,
    related_mccqt TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    xml BLOB NOT NULL,
    received_at TEXT NOT NULL,
    ack_id TEXT NOT NULL,
    UNIQUE (seller_tax_code, symbol, number, issued_on)
);
"""


class GatewayState:
    def __init__(self, db_path: str, token: str = "", sellers: dict[str, str] | None = None,
                 control: bool = False) -> None:
        self.db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)
        self.lock = threading.Lock()
        self.token = token
        self.sellers = sellers or {}  # MST -> the 5-character MTT code issued to it
        self.control = control
        self.mode = "ok"
        self.delay = 0.0

    def accept(self, item: Any) -> dict[str, Any]:
        """One invoice of a batch → its answer (never raises for bad input)."""
        ident = str(item.get("id", ""))[:64] if isinstance(item, dict) else ""
        if not ident:
            return {"id": ident, "status": "refused", "reason": "missing_id"}
        try:
            raw = base64.b64decode(str(item.get("xml", "")), validate=True)
            root = validate_xml(raw)
            facts = summary(root)
            kind, _yy, code, _slot, _seq = parse_mccqt(facts.mccqt)
            validate_tax_code(facts.seller_tax_code)
        except (ValueError, InvoiceXmlError, EInvoiceError) as exc:
            reason = getattr(exc, "code", "bad_xml")
            return {"id": ident, "status": "refused", "reason": reason,
                    "detail": str(exc)[:300]}
        if self.mode == "refuse":
            return {"id": ident, "status": "refused", "reason": "refused_by_authority"}
        issued = self.sellers.get(facts.seller_tax_code)
        if self.sellers and issued is None:
            return {"id": ident, "status": "refused", "reason": "unknown_seller"}
        if issued is not None and issued != code:
            return {"id": ident, "status": "refused", "reason": "wrong_authority_code"}
        if kind != facts.template:
            return {"id": ident, "status": "refused", "reason": "mccqt_mismatch"}
        digest = hashlib.sha256(raw).hexdigest()
        with self.lock:
            row = self.db.execute("SELECT sha256, ack_id, received_at FROM invoices "
                                  "WHERE mccqt = ?", (facts.mccqt,)).fetchone()
            if row is not None:
                if row[0] != digest:
                    return {"id": ident, "status": "refused", "reason": "mccqt_conflict"}
                return {"id": ident, "status": "accepted", "mccqt": facts.mccqt,
                        "ack_id": row[1], "received_at": row[2], "duplicate": True}
            now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
            ack = "TCT" + hashlib.sha256(facts.mccqt.encode()).hexdigest()[:20].upper()
            try:
                self.db.execute(
                    "INSERT INTO invoices VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (facts.mccqt, facts.seller_tax_code, facts.symbol, facts.number,
                     facts.issued_on, facts.total, facts.total_vat, facts.related_mccqt,
                     digest, raw, now, ack))
            except sqlite3.IntegrityError:
                return {"id": ident, "status": "refused", "reason": "number_conflict"}
        return {"id": ident, "status": "accepted", "mccqt": facts.mccqt, "ack_id": ack,
                "received_at": now, "duplicate": False}

    def lookup(self, mccqt: str) -> tuple[Any, ...] | None:
        with self.lock:
            row: tuple[Any, ...] | None = self.db.execute(
                "SELECT mccqt, seller_tax_code, symbol, number, issued_on, total, total_vat, "
                "related_mccqt, received_at, xml FROM invoices WHERE mccqt = ?",
                (mccqt,)).fetchone()
        return row


class Handler(BaseHTTPRequestHandler):
    server_version = "ocop-einvoice-gateway/1"
    state: GatewayState

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by default
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: object) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def _authorized(self) -> bool:
        if not self.state.token:
            return True
        return self.headers.get("Authorization", "") == f"Bearer {self.state.token}"

    def _read_body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            self._json(413, {"code": "too_large"})
            return None
        return self.rfile.read(length)

    def _misbehave(self) -> bool:
        """Apply the fault mode; True when the answer has already been given (or dropped)."""
        mode = self.state.mode
        if mode == "slow":
            time.sleep(self.state.delay)
        elif mode == "fail":
            self._json(503, {"code": "unavailable"})
            return True
        elif mode == "garbage":
            self._send(200, b"\x00<html>not the protocol", "application/json")
            return True
        elif mode == "huge":
            self._send(200, b"[" + b" " * 3_000_000 + b"]")
            return True
        return False

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == f"{API}/health":
            self._json(200, {"status": "ok", "service": "einvoice-gateway", "version": 1})
        elif url.path.startswith(f"{API}/invoices/"):
            if not self._authorized():
                self._json(401, {"code": "unauthorized"})
                return
            row = self.state.lookup(url.path.rsplit("/", 1)[1])
            if row is None:
                self._json(404, {"code": "not_found"})
            else:
                self._json(200, {"mccqt": row[0], "status": "accepted", "total": row[5],
                                 "received_at": row[8]})
        elif url.path == "/tra-cuu":
            code = (parse_qs(url.query).get("ma") or [""])[0].strip()[:40]
            row = self.state.lookup(code)
            self._send(200 if row else 404, lookup_page(code, row).encode("utf-8"),
                       "text/html; charset=utf-8")
        else:
            self._json(404, {"code": "not_found"})

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path == "/_control" and self.state.control:
            body = self._read_body()
            if body is None:
                return
            order = json.loads(body or b"{}")
            if order.get("mode") not in MODES:
                self._json(400, {"code": "bad_mode"})
                return
            self.state.mode = order["mode"]
            self.state.delay = float(order.get("delay", 0))
            self._json(200, {"mode": self.state.mode})
            return
        if url.path != f"{API}/invoices":
            self._json(404, {"code": "not_found"})
            return
        if not self._authorized():
            self._json(401, {"code": "unauthorized"})
            return
        body = self._read_body()
        if body is None:
            return
        if self._misbehave():
            return
        try:
            batch = json.loads(body)
            items = batch["invoices"]
            if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
                raise ValueError("batch size")
        except (ValueError, KeyError, TypeError):
            self._json(400, {"code": "bad_request"})
            return
        results = [self.state.accept(item) for item in items]
        if self.state.mode == "drop":  # stored, but the till never hears it
            self.close_connection = True
            self.connection.close()
            return
        self._json(200, {"results": results})


def lookup_page(code: str, row: tuple[Any, ...] | None) -> str:
    """The buyer's lookup page, in Vietnamese."""
    title = "Tra cứu hóa đơn điện tử"
    if row is None:
        body = (f"<p>Không tìm thấy hóa đơn có mã <b>{html.escape(code)}</b>. "
                "Hóa đơn khởi tạo từ máy tính tiền có thể được gửi tới cơ quan thuế "
                "chậm nhất trong ngày; vui lòng thử lại sau.</p>")
    else:
        body = (
            f"<p>Mã của cơ quan thuế: <b id='mccqt'>{html.escape(row[0])}</b></p>"
            f"<p>Mã số thuế người bán: {html.escape(row[1])}</p>"
            f"<p>Ký hiệu: {html.escape(row[2])} — Số: {row[3]} — Ngày lập: {row[4]}</p>"
            f"<p>Tổng tiền thanh toán: <b id='total'>{format_vnd(row[5])}</b> "
            f"(trong đó thuế GTGT {format_vnd(row[6])})</p>"
            + (f"<p>Điều chỉnh/thay thế hóa đơn: {html.escape(row[7])}</p>" if row[7] else "")
            + f"<p>Đã nhận lúc: {html.escape(row[8])}</p>"
        )
    return (f"<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>")


def make_server(host: str, port: int, state: GatewayState) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
