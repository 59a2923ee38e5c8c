"""The till's HTTP client for the registry (protocol v1), on a ``requests`` Session.

Every call has a connect and a read timeout (requests has none by default), TLS is verified
(optionally against a custom CA bundle), the bearer token rides on every request, and nothing is
retried here: the outbox pump decides when to try again. Every response is validated against the
protocol's schema before the caller sees it.

Failures raise :class:`SyncError` whose ``code`` is one of :data:`SYNC_ERROR_CODES`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from pos_app.formats import protocol as p

SYNC_ERROR_CODES: tuple[str, ...] = (
    "offline", "timeout", "tls", "http_429", "http_5xx", "bad_response", "unauthorized",
    "bad_request", "not_configured",
)
"""Why a registry call failed; the UI / CLI words each."""

M = TypeVar("M", bound=BaseModel)


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
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeouts = (connect_timeout, read_timeout)
        self.session = session or requests.Session()
        # Passed on every request: a session-level ``verify`` loses to $REQUESTS_CA_BUNDLE.
        self.verify: str | bool = ca_bundle or True
        self.session.headers.update({"Accept": "application/json",
                                     "User-Agent": "ocop-pos-sync/1"})

    def close(self) -> None:
        self.session.close()

    # --- protocol calls -----------------------------------------------------------------

    def health(self) -> p.Health:
        return self._call("GET", "/health", p.Health)

    def push_events(self, request: p.PushRequest) -> p.PushResponse:
        body = request.model_dump_json().encode("utf-8")
        response = self._call("POST", "/events", p.PushResponse, data=body)
        sent = {ev.id for ev in request.events}
        if any(result.id not in sent for result in response.results):
            raise SyncError("bad_response", "answer names an event that was not sent")
        return response

    def catalog(self, cursor: str | None, limit: int = 200) -> p.CatalogPage:
        return self._call("GET", "/catalog", p.CatalogPage,
                          params={"cursor": cursor or "", "limit": limit})

    def stock_movements(self, cursor: str | None, limit: int = 500) -> p.StockPage:
        return self._call("GET", "/stock-movements", p.StockPage,
                          params={"cursor": cursor or "", "limit": limit})

    # --- plumbing -------------------------------------------------------------------------

    def _call(self, method: str, path: str, model: type[M], *, data: bytes | None = None,
              params: dict[str, Any] | None = None) -> M:
        if not self.base_url:
            raise SyncError("not_configured")
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = f"{self.base_url}{p.API_PREFIX}{path}"
        try:
            response = self.session.request(method, url, data=data, params=params,
                                            headers=headers, timeout=self.timeouts,
                                            verify=self.verify)
            content = response.content  # read the whole body inside the error mapping
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
        if status != 200:
            raise SyncError("bad_response", f"status {status}", status=status)
        try:
            return model.model_validate_json(content)
        except ValidationError as exc:
            raise SyncError("bad_response", f"{exc.error_count()} schema errors") from exc


def _error_code(content: bytes) -> str:
    try:
        return p.ErrorBody.model_validate(json.loads(content)).code
    except (ValueError, ValidationError):
        return ""
