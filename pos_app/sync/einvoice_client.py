"""The till's HTTP client for an e-invoice provider (the reference gateway's protocol v1).

Like the registry client: connect and read timeouts on every call, TLS verified, a bearer token,
no retries here (the e-invoice outbox decides when to try again). Answers are read up to
:data:`MAX_ANSWER_BYTES` and validated strictly: an answer must be JSON of the expected shape,
name every invoice sent exactly once and nothing else, and an acceptance must echo the code that
was sent. Anything else is ``bad_response`` and the invoices stay queued.

Failures raise :class:`EInvoiceSendError` whose ``code`` is one of :data:`SEND_ERROR_CODES`.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Literal

import requests
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pos_app.formats.einvoice_wire import InvoiceAnswer, OutgoingInvoice

SEND_ERROR_CODES: tuple[str, ...] = (
    "offline", "timeout", "tls", "http_429", "http_5xx", "bad_response", "unauthorized",
    "bad_request", "not_configured", "too_large",
)
MAX_ANSWER_BYTES = 1_000_000
MAX_BATCH = 200
API = "/api/v1"


class EInvoiceSendError(Exception):
    def __init__(self, code: str, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.status = status


class _Result(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1, max_length=64)
    status: Literal["accepted", "refused"]
    mccqt: str = Field(default="", max_length=34)
    ack_id: str = Field(default="", max_length=64)
    received_at: str = Field(default="", max_length=40)
    reason: str = Field(default="", max_length=64)
    detail: str = Field(default="", max_length=400)
    duplicate: bool = False


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    results: list[_Result] = Field(max_length=MAX_BATCH)


class EInvoiceClient:
    """One till's connection to its provider (the port's reference implementation)."""

    def __init__(self, base_url: str, token: str = "", *, ca_bundle: str = "",
                 connect_timeout: float = 5.0, read_timeout: float = 30.0,
                 session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeouts = (connect_timeout, read_timeout)
        self.verify: str | bool = ca_bundle or True
        self.session = session or requests.Session()
        self.session.headers.update({"Accept": "application/json",
                                     "User-Agent": "ocop-pos-einvoice/1"})

    def close(self) -> None:
        self.session.close()

    def health(self) -> bool:
        data = self._call("GET", "/health")
        return isinstance(data, dict) and data.get("status") == "ok"

    def send(self, invoices: list[OutgoingInvoice]) -> list[InvoiceAnswer]:
        """Send a batch; one answer per invoice, in the order sent."""
        if not 1 <= len(invoices) <= MAX_BATCH:
            raise ValueError(f"batch of {len(invoices)}")
        body = json.dumps({"invoices": [
            {"id": inv.id, "xml": base64.b64encode(inv.xml).decode("ascii")}
            for inv in invoices]}).encode("utf-8")
        data = self._call("POST", "/invoices", body)
        try:
            answer = _Answer.model_validate(data)
        except ValidationError as exc:
            raise EInvoiceSendError("bad_response", f"{exc.error_count()} schema errors") from exc
        sent = {inv.id: inv for inv in invoices}
        by_id: dict[str, _Result] = {}
        for result in answer.results:
            if result.id not in sent or result.id in by_id:
                raise EInvoiceSendError("bad_response", f"unexpected answer for {result.id}")
            if result.status == "accepted" and result.mccqt != sent[result.id].mccqt:
                raise EInvoiceSendError("bad_response", f"code changed for {result.id}")
            by_id[result.id] = result
        if len(by_id) != len(sent):
            raise EInvoiceSendError("bad_response", "some invoices unanswered")
        return [InvoiceAnswer(r.id, r.status == "accepted", r.mccqt, r.ack_id, r.reason,
                              r.detail)
                for r in (by_id[inv.id] for inv in invoices)]

    def _call(self, method: str, path: str, body: bytes | None = None) -> Any:
        if not self.base_url:
            raise EInvoiceSendError("not_configured")
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            with self.session.request(method, f"{self.base_url}{API}{path}", data=body,
                                      headers=headers, timeout=self.timeouts,
                                      verify=self.verify, stream=True) as response:
                content = _read_capped(response)
                status = response.status_code
        except requests.exceptions.SSLError as exc:
            raise EInvoiceSendError("tls", type(exc).__name__) from exc
        except requests.exceptions.Timeout as exc:
            raise EInvoiceSendError("timeout", type(exc).__name__) from exc
        except requests.exceptions.RequestException as exc:
            raise EInvoiceSendError("offline", type(exc).__name__) from exc
        if status == 429:
            raise EInvoiceSendError("http_429", status=status)
        if status >= 500:
            raise EInvoiceSendError("http_5xx", str(status), status=status)
        if status in (401, 403):
            raise EInvoiceSendError("unauthorized", status=status)
        if status >= 400:
            raise EInvoiceSendError("bad_request", str(status), status=status)
        if status != 200:
            raise EInvoiceSendError("bad_response", f"status {status}", status=status)
        try:
            return json.loads(content)
        except ValueError as exc:
            raise EInvoiceSendError("bad_response", "not JSON") from exc


def _read_capped(response: requests.Response) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise EInvoiceSendError("too_large", declared)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(65536):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise EInvoiceSendError("too_large", str(size))
        chunks.append(chunk)
    return b"".join(chunks)
