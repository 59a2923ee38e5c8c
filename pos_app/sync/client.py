"""The till's HTTP client for the registry (protocol v1), on a ``requests`` Session.

Every call has a connect and a read timeout (requests has none by default), TLS is verified
(optionally against a custom CA bundle), the bearer token rides on every request, and nothing is
retried here: the outbox pump decides when to try again. Every response is validated against the
protocol's schema before the caller sees it.

Nothing the registry answers is trusted further than that: an answer over
:data:`~pos_app.formats.protocol.MAX_ANSWER` bytes is refused without being read whole, a
redirect is never followed, an answer naming another protocol version is refused
(``bad_protocol``), and plain ``http://`` is used only for a loopback registry unless the client
is made with ``allow_insecure`` (logged). A page of catalog items or stock movements is checked
record by record: a record that does not fit the protocol is left out and named in the page's
``skipped`` list, so one bad record never stops a pull.

Failures raise :class:`SyncError` whose ``code`` is one of :data:`SYNC_ERROR_CODES`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ipaddress
import json
import logging
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, TypeAdapter, ValidationError

from pos_app.formats import protocol as p

SYNC_ERROR_CODES: tuple[str, ...] = (
    "offline", "timeout", "tls", "http_429", "http_5xx", "bad_response", "unauthorized",
    "bad_request", "not_configured", "too_large", "redirect", "bad_protocol", "insecure_url",
)
"""Why a registry call failed; the UI / CLI words each."""

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(url: str) -> bool:
    """Whether ``url`` names this machine (127.0.0.0/8, ::1 or localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def insecure_url(url: str) -> bool:
    """A plain-HTTP address of another machine: refused unless explicitly allowed."""
    return urlsplit(url).scheme.lower() == "http" and not is_loopback(url)


class SyncError(Exception):
    """A registry call that failed. ``retry_after`` (seconds) comes from a 429 / 503 answer."""

    def __init__(self, code: str, detail: str = "", *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.status = status
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class RegistryClient:
    """One till's connection to the registry. Thread-safe enough for one sync lane."""

    def __init__(
        self,
        base_url: str,
        token: str = "",
        *,
        ca_bundle: str = "",
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        session: requests.Session | None = None,
        allow_insecure: bool = False,
        max_answer: int = p.MAX_ANSWER,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.allow_insecure = allow_insecure
        self.max_answer = max_answer
        if allow_insecure and insecure_url(self.base_url):
            log.warning("registry %s over plain HTTP (insecure, allowed explicitly)",
                        self.base_url)
        self.token = token
        self.timeouts = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        # Passed on every request: a session-level ``verify`` loses to $REQUESTS_CA_BUNDLE.
        self.verify: str | bool = ca_bundle or True
        self.session.headers.update({"Accept": "application/json",
                                     "User-Agent": "ocop-pos-sync/1",
                                     p.PROTOCOL_HEADER: p.PROTOCOL_VERSION})

    def close(self) -> None:
        self.session.close()

    # --- protocol calls -----------------------------------------------------------------

    def health(self) -> p.Health:
        health = self._call("GET", "/health", p.Health)
        if health.protocol != p.PROTOCOL_VERSION:
            raise SyncError("bad_protocol", health.protocol[:40])
        return health

    def till_status(self) -> p.TillStatus:
        return self._call("GET", "/till", p.TillStatus)

    def push_events(self, request: p.PushRequest) -> p.PushResponse:
        body = request.model_dump_json().encode("utf-8")
        response = self._call("POST", "/events", p.PushResponse, data=body)
        sent = {ev.id for ev in request.events}
        if any(result.id not in sent for result in response.results):
            raise SyncError("bad_response", "answer names an event that was not sent")
        return response

    def catalog(self, cursor: str | None, limit: int = 200) -> p.CatalogPage:
        raw = self._call_raw("GET", "/catalog", params={"cursor": cursor or "", "limit": limit})
        return _page(raw, p.CatalogPage, {"producers": p.CatalogProducer,
                                          "products": p.CatalogProduct,
                                          "revocations": p.Revocation,
                                          "campaigns": p.Campaign})

    def stock_movements(self, cursor: str | None, limit: int = 500) -> p.StockPage:
        raw = self._call_raw("GET", "/stock-movements",
                             params={"cursor": cursor or "", "limit": limit})
        return _page(raw, p.StockPage, {"movements": p.StockMovementOut})

    def transfers(self, cursor: str | None, limit: int = 200) -> p.TransferPage:
        raw = self._call_raw("GET", "/transfers", params={"cursor": cursor or "", "limit": limit})
        return _page(raw, p.TransferPage, {"transfers": p.Transfer,
                                           "receipts": p.TransferReceipt})

    def stock_elsewhere(self, sku: str) -> p.StockElsewhere:
        return self._call("GET", "/stock-levels", p.StockElsewhere, params={"sku": sku})

    # --- plumbing -------------------------------------------------------------------------

    def _call(self, method: str, path: str, model: type[M], *, data: bytes | None = None,
              params: dict[str, Any] | None = None) -> M:
        content = self._call_raw(method, path, data=data, params=params)
        try:
            return model.model_validate_json(content)
        except ValidationError as exc:
            raise SyncError("bad_response", f"{exc.error_count()} schema errors") from exc

    def _call_raw(self, method: str, path: str, *, data: bytes | None = None,
                  params: dict[str, Any] | None = None) -> bytes:
        if not self.base_url:
            raise SyncError("not_configured")
        if insecure_url(self.base_url) and not self.allow_insecure:
            raise SyncError("insecure_url", urlsplit(self.base_url).hostname or "")
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = f"{self.base_url}{p.API_PREFIX}{path}"
        try:
            response = self.session.request(method, url, data=data, params=params,
                                            headers=headers, timeout=self.timeouts,
                                            verify=self.verify, allow_redirects=False,
                                            stream=True)
            try:
                content = self._read_bounded(response)  # inside the error mapping
            finally:
                response.close()
        except requests.exceptions.SSLError as exc:
            raise SyncError("tls", type(exc).__name__) from exc
        except requests.exceptions.Timeout as exc:
            raise SyncError("timeout", type(exc).__name__) from exc
        except (requests.exceptions.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as exc:
            raise SyncError("offline", type(exc).__name__) from exc
        except requests.exceptions.RequestException as exc:
            raise SyncError("offline", type(exc).__name__) from exc
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status == 429:
            raise SyncError("http_429", status=status, retry_after=retry_after)
        if status >= 500:
            raise SyncError("http_5xx", str(status), status=status, retry_after=retry_after)
        if status in (401, 403):
            raise SyncError("unauthorized", status=status)
        if status >= 400:
            raise SyncError("bad_request", _error_code(content), status=status)
        if 300 <= status < 400:
            raise SyncError("redirect", str(status), status=status)
        if status != 200:
            raise SyncError("bad_response", f"status {status}", status=status)
        spoken = response.headers.get(p.PROTOCOL_HEADER)
        if spoken is not None and spoken != p.PROTOCOL_VERSION:
            raise SyncError("bad_protocol", spoken[:40], status=status)
        return content

    def _read_bounded(self, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_answer:
            raise SyncError("too_large", declared, status=response.status_code)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_answer:
                raise SyncError("too_large", f">{self.max_answer}", status=response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _page(content: bytes, model: type[M], lists: dict[str, type[BaseModel]]) -> M:
    """A page read record by record: the records that fit the protocol, and in ``skipped`` one
    :class:`~pos_app.formats.protocol.SkippedRecord` for each that does not (its list, its key if
    one can be read, the first problem). The cursor fields must be right, else ``bad_response``."""
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise SyncError("bad_response", "not JSON") from exc
    if not isinstance(data, dict):
        raise SyncError("bad_response", "not an object")
    skipped: list[p.SkippedRecord] = []
    kept: dict[str, list[Any]] = {}
    for name, item_model in lists.items():
        items = data.get(name, [])
        if not isinstance(items, list):
            raise SyncError("bad_response", f"{name} is not a list")
        if len(items) > p.MAX_PAGE * 2:
            raise SyncError("bad_response", f"{name}: {len(items)} records")
        adapter = _ADAPTERS.setdefault(item_model, TypeAdapter(item_model))
        good = kept.setdefault(name, [])
        for index, item in enumerate(items):
            try:
                good.append(adapter.validate_python(item))
            except ValidationError as exc:
                skipped.append(p.skipped_record(name, index, item, exc))
    try:
        page = model.model_validate({**{k: v for k, v in data.items()
                                        if k not in lists and k != "skipped"},
                                     **kept})
    except ValidationError as exc:
        raise SyncError("bad_response", f"{exc.error_count()} schema errors") from exc
    return page.model_copy(update={"skipped": tuple(skipped)}) if skipped else page


def _error_code(content: bytes) -> str:
    try:
        return p.ErrorBody.model_validate(json.loads(content)).code
    except (ValueError, ValidationError):
        return ""
