"""The reference registry's HTTP face: FastAPI over :class:`RegistryStore`, protocol v1.

No ``from __future__ import annotations`` here: FastAPI reads the route annotations at runtime.
"""

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos_app import __version__
from pos_app.formats import protocol as p
from pos_app.registry.store import RegistryError, RegistryStore, TillIdentity

_STATUS = {"bad_cursor": 400, "bad_request": 400, "unauthorized": 401, "too_many_events": 413,
           "body_too_large": 413}


class _BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a request body over ``max_body`` bytes gets 413 ``body_too_large``
    before anything reads it — at once when Content-Length says so, else as soon as the bytes
    received pass the limit (a chunked body is never gathered whole)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.strip().isdigit()
                                   or int(length) > self.max_body):
            await _error("body_too_large", 413, str(self.max_body))(scope, receive, send)
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, watch)
        except _BodyTooLarge:
            if not started:
                await _error("body_too_large", 413, str(self.max_body))(scope, receive, send)


class _Refused(Exception):
    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


def _error(code: str, status: int, detail: str = "") -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(p.ErrorBody(code=code, detail=detail).model_dump(), status_code=status,
                        headers=headers)


def create_app(store: RegistryStore, *, max_body: int = p.MAX_BODY) -> FastAPI:
    """The registry's app. Every request body is bounded (:class:`BodyLimit`); a push is
    authenticated from its header before its body is read, then parsed against the protocol
    (a value out of bounds → 400 ``bad_request`` naming the field, never stored); a request
    naming another protocol version in :data:`~pos_app.formats.protocol.PROTOCOL_HEADER` → 400
    ``bad_protocol``."""
    app = FastAPI(
        title="OCOP city registry (reference)",
        version=__version__,
        description="Protocol v1 between showroom tills and the city OCOP registry.",
        openapi_url=f"{p.API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    error_responses: dict[int | str, dict[str, Any]] = {
        400: {"model": p.ErrorBody}, 401: {"model": p.ErrorBody},
    }
    app.add_middleware(BodyLimit, max_body=max_body)
    # Declares the bearer scheme in the OpenAPI document; the token is checked by ``till``.
    scheme = HTTPBearer(auto_error=False, description="the till's token from enroll-till")

    @app.middleware("http")
    async def _protocol(request: Request, call_next: Any) -> Any:
        asked = request.headers.get(p.PROTOCOL_HEADER)
        if asked is not None and asked != p.PROTOCOL_VERSION:
            return _error("bad_protocol", 400, p.PROTOCOL_VERSION)
        response = await call_next(request)
        response.headers[p.PROTOCOL_HEADER] = p.PROTOCOL_VERSION
        return response

    def bearer(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        return token.strip() if scheme.lower() == "bearer" else ""

    def till(request: Request) -> TillIdentity:
        identity = store.authenticate(bearer(request))
        if identity is None:
            raise _Refused("unauthorized", 401)
        return identity

    Caller = Annotated[TillIdentity, Depends(till)]
    Cursor = Annotated[str, Query(max_length=200)]  # opaque; "" = from the start
    Limit = Annotated[int, Query(ge=1, le=p.MAX_PAGE)]
    Secured = [Depends(scheme)]

    @app.exception_handler(_Refused)
    async def _refused(_request: Request, exc: _Refused) -> JSONResponse:
        return _error(exc.code, exc.status)

    @app.exception_handler(RegistryError)
    async def _registry_error(_request: Request, exc: RegistryError) -> JSONResponse:
        return _error(exc.code, _STATUS.get(exc.code, 400), exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        for err in exc.errors():
            if err.get("type") == "too_long" and tuple(err.get("loc", ()))[-1:] == ("events",):
                return _error("too_many_events", 413, str(p.MAX_BATCH))
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error("bad_request", 400, f"{where}: {first.get('type', '')}"[:200])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error("not_found" if exc.status_code == 404 else "http_error", exc.status_code)

    @app.get(f"{p.API_PREFIX}/health", response_model=p.Health, responses=error_responses)
    def health(request: Request) -> p.Health:
        now = dt.datetime.now(dt.UTC)
        token = bearer(request)
        if not token:
            return p.Health(server_time=now)
        identity = store.authenticate(token)
        if identity is None:
            raise _Refused("unauthorized", 401)
        return p.Health(server_time=now, showroom=identity.showroom, till=identity.code)

    push_schema = p.PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")

    @app.post(f"{p.API_PREFIX}/events", response_model=p.PushResponse,
              responses={**error_responses, 413: {"model": p.ErrorBody}}, dependencies=Secured,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}}}})
    async def push_events(request: Request, caller: Caller) -> p.PushResponse:
        # The caller is known (the dependency ran on the headers alone) before the body is read.
        raw = await request.body()
        try:
            body = p.PushRequest.model_validate_json(raw)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from exc
        return await run_in_threadpool(store.push, caller, body)

    @app.get(f"{p.API_PREFIX}/till", response_model=p.TillStatus, responses=error_responses,
             dependencies=Secured)
    def till_status(caller: Caller) -> p.TillStatus:
        """What the registry knows about the calling till, with any audit warning."""
        return store.till_status(caller)

    @app.get(f"{p.API_PREFIX}/catalog", response_model=p.CatalogPage, responses=error_responses,
             dependencies=Secured)
    def catalog(caller: Caller, cursor: Cursor = "", limit: Limit = 200) -> p.CatalogPage:
        return store.catalog_page(cursor or None, limit)

    @app.get(f"{p.API_PREFIX}/stock-movements", response_model=p.StockPage,
             responses=error_responses, dependencies=Secured)
    def stock_movements(caller: Caller, cursor: Cursor = "", limit: Limit = 500) -> p.StockPage:
        return store.stock_page(caller, cursor or None, limit)

    @app.get(f"{p.API_PREFIX}/transfers", response_model=p.TransferPage,
             responses=error_responses, dependencies=Secured)
    def transfers(caller: Caller, cursor: Cursor = "", limit: Limit = 200) -> p.TransferPage:
        """Transfers other showrooms sent to the caller's showroom."""
        return store.transfer_page(caller, cursor or None, limit)

    @app.get(f"{p.API_PREFIX}/stock-levels", response_model=p.StockElsewhere,
             responses=error_responses, dependencies=Secured)
    def stock_levels(
        caller: Caller,
        sku: Annotated[str, Query(min_length=1, max_length=32)],
    ) -> p.StockElsewhere:
        """"Who else has it?": one SKU's level at every other showroom."""
        return store.stock_elsewhere(caller, sku)

    plain_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = plain_openapi()
            schemas = doc.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(push_schema.get("$defs", {}))
            schemas["PushRequest"] = {k: v for k, v in push_schema.items() if k != "$defs"}
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of protocol v1 as this code serves it (no database needed)."""
    app = create_app(None)  # type: ignore[arg-type]  # routes only; the store is never called
    return app.openapi()
