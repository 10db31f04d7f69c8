"""The analyst's web application: `create_app(db_path, token=None)` returns a FastAPI app that
serves the pages (pages.py) and the JSON API (api.py) over one store.

Reading is open; a write (ingest a URL or a feed) needs the token set in the server's
configuration, and with none set writes are off (403). Article text and metadata come from
untrusted pages: templates autoescape, no page's HTML is ever kept, and every response carries
a strict Content-Security-Policy (scripts and styles only from /static, nothing inline).
Parameters are validated (params.py): a bad one gets a 400 with a message, never a 500.
"""

from __future__ import annotations

import hmac
import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import Code, DatelineError
from ...store import AnyStore, open_store
from .params import BadRequest

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)

# img-src data: for nothing today, but browsers' own favicon fallbacks stay quiet with it.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class Stores:
    """One read-only connection per server thread (sqlite3 connections are not shared across
    threads); all of them see the same WAL file, so an ingest shows up on the next request."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        open_store(path, readonly=True).close()  # fail at start-up, not on the first request

    def get(self) -> AnyStore:
        store: AnyStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path, readonly=True)
            with _MODELS:  # one thread loads the spaCy models; the others wait for it
                store.lemmatizer()
            self._local.store = store
        return store


class Settings:
    def __init__(self, db_path: str, token: str | None, allow_private: bool) -> None:
        self.db_path = db_path
        self.token = token or None
        self.allow_private = allow_private
        self.write_lock = threading.Lock()

    def authorised(self, given: str | None) -> bool:
        if self.token is None or not given:
            return False
        return hmac.compare_digest(self.token.encode(), given.encode())


def templates() -> Jinja2Templates:
    env = Jinja2Templates(directory=str(HERE / "templates"))
    env.env.autoescape = True  # every template, whatever its name ends with
    from . import render

    env.env.globals.update(render.GLOBALS)
    env.env.filters.update(render.FILTERS)
    return env


def create_app(
    db_path: str | Path, *, token: str | None = None, allow_private: bool = False, warm: bool = True
) -> FastAPI:
    """The web app over the store at `db_path` (opened read-only; writes open it per request).
    `token`: the secret a write must present (None: writes are off). `allow_private`: let an
    ingest fetch loopback/private addresses (tests only). `warm`: load the query lemmatiser
    (the spaCy models, ~20 s) in the background now rather than on the first search."""
    from . import api, pages

    app = FastAPI(
        title="dateline",
        summary="Search and read a dateline store: articles, who said what, claims, date alerts.",
        version="1",
        docs_url=None,  # the bundled Swagger UI loads its script from a CDN; the JSON document stays
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.stores = Stores(str(db_path))
    if warm:
        threading.Thread(target=_warm, args=(str(db_path),), daemon=True, name="dateline-warm").start()
    app.state.settings = Settings(str(db_path), token, allow_private)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "body", "path"))
        return error_response(request, 400, f"{where or 'a parameter'}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(DatelineError)
    async def dateline_error(request: Request, exc: DatelineError) -> Response:
        status = 404 if exc.code == Code.NOT_FOUND else 400 if exc.code != Code.STORE else 503
        return error_response(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error_response(request, 500, "the server failed on this request; the error is in its log")

    return app


_MODELS = threading.Lock()


def _warm(path: str) -> None:
    try:
        with _MODELS, open_store(path, readonly=True) as store:
            store.lemmatizer()
    except Exception:
        log.warning("could not preload the query lemmatiser", exc_info=True)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.query_params.get("format") in ("json", "csv")


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        response: Response = JSONResponse({"error": message, "status": status}, status_code=status)
    else:
        response = request.app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
    for key, value in SECURITY_HEADERS.items():
        response.headers[key] = value
    return response


def html(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response
