"""The reference registry's HTTP face: FastAPI over :class:`RegistryStore`, protocol v1.

No ``from __future__ import annotations`` here: FastAPI reads the route annotations at runtime.
"""

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_app import __version__
from pos_app.formats import protocol as p
from pos_app.registry.store import RegistryError, RegistryStore, TillIdentity

_STATUS = {"bad_cursor": 400, "bad_request": 400, "unauthorized": 401, "too_many_events": 413}


class _Refused(Exception):
    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code = code
        self.status = status


def _error(code: str, status: int, detail: str = "") -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(p.ErrorBody(code=code, detail=detail).model_dump(), status_code=status,
                        headers=headers)


def create_app(store: RegistryStore) -> FastAPI:
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

    @app.post(f"{p.API_PREFIX}/events", response_model=p.PushResponse,
              responses={**error_responses, 413: {"model": p.ErrorBody}})
    def push_events(body: p.PushRequest, caller: Caller) -> p.PushResponse:
        return store.push(caller, body)

    @app.get(f"{p.API_PREFIX}/catalog", response_model=p.CatalogPage, responses=error_responses)
    def catalog(
        caller: Caller,
        cursor: Annotated[str, Query(max_length=200)] = "",
        limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 200,
    ) -> p.CatalogPage:
        return store.catalog_page(cursor or None, limit)

    @app.get(f"{p.API_PREFIX}/stock-movements", response_model=p.StockPage,
             responses=error_responses)
    def stock_movements(
        caller: Caller,
        cursor: Annotated[str, Query(max_length=200)] = "",
        limit: Annotated[int, Query(ge=1, le=p.MAX_PAGE)] = 500,
    ) -> p.StockPage:
        return store.stock_page(caller, cursor or None, limit)

    return app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of protocol v1 as this code serves it (no database needed)."""
    app = create_app(None)  # type: ignore[arg-type]  # routes only; the store is never called
    return app.openapi()
