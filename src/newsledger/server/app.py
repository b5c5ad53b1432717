"""The analyst's desk: one FastAPI app serving the JSON API under ``/api`` and the web UI.

``create_app(settings)`` opens the ledger at ``settings.database_url`` (migrating it when
needed) and returns the app. Safe defaults: read-only methods, security headers on every
response (:mod:`.security`), bounded URLs, bodies and pages, no CORS unless origins are
given, and a Host check against DNS rebinding when bound to loopback.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import QueryError, QueryTimeoutError
from ..ledger.queries import SEARCH_TIME_LIMIT_S
from ..settings import Settings
from .cache import ANSWER_CACHE_BYTES, REFRESH_THREADS, AnswerCache, has_generation, track_database_time
from .security import SecurityMiddleware
from .static_files import file_response, load_static
from .warm import warm

#: Hosts accepted in the Host header by default: loopback names only, so that a web page
#: elsewhere cannot reach the desk through DNS rebinding. ``testserver`` is the test client.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1", "testserver")

#: Requests served at once: the worker threads that run the endpoints (anyio's default, made
#: explicit). Each request takes its one database connection inside its worker thread, so the
#: connection pool is sized to match (with the answer cache's background threads,
#: :data:`~newsledger.server.cache.REFRESH_THREADS`) and a request never waits for a connection.
SERVER_THREADS = 40

API_DESCRIPTION = """Read-only access to a newsledger ledger: articles, quotes with their
speakers and roles, people, organisations, places (GeoNames), events (PLOVER/ACLED) and
claims over time. Every record carries character offsets into its article's text."""


def _basemap_loader(cache_dir: Path) -> Callable[[], bytes]:
    lock = threading.Lock()
    cached: list[bytes] = []

    def get() -> bytes:
        with lock:
            if not cached:
                from .basemap import load_basemap

                cached.append(load_basemap(cache_dir))
            return cached[0]

    return get


def create_app(
    settings: Settings,
    *,
    engine: sa.Engine | None = None,
    allowed_hosts: Sequence[str] | None = None,
    cors_origins: Sequence[str] = (),
    search_time_limit_s: float = SEARCH_TIME_LIMIT_S,
    create: bool = True,
    answer_cache_bytes: int = ANSWER_CACHE_BYTES,
    answer_stale_s: float | None = None,
    warm_urls: Sequence[str] | None = None,
) -> FastAPI:
    """The desk's app over the ledger in ``settings`` (or over ``engine`` when given). With
    ``create`` false, a SQLite ledger that is not there is :class:`NoLedgerError` (E302)
    rather than a new, empty one (``newsledger serve`` without ``--create``). Answers are kept
    until the ledger is written to, up to ``answer_cache_bytes`` (0: none kept; :mod:`.cache`),
    and after a write served for up to ``answer_stale_s`` seconds (default: the setting of that
    name; 0: strict) while they are recomputed in the background. ``warm_urls`` (default: the
    setting of that name) are answered once when the app starts, before it serves (:mod:`.warm`)."""
    from .api import router
    from .desk_api import router as desk_router

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = SERVER_THREADS
        if app.state.answers is not None and warm_list:
            app.state.warmed = await warm(app, warm_list, hosts)
        yield
        if app.state.answers is not None:
            app.state.answers.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsledger",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the UI has its own API page
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    if engine is None:
        from ..ledger import Ledger
        from ..ledger.engine import make_engine

        Ledger(settings.database_url, create=create).close()  # opens the ledger, migrating it when needed
        engine = make_engine(settings.database_url, pool_size=SERVER_THREADS + REFRESH_THREADS)
    app.state.engine = engine
    stale_s = settings.answer_stale_s if answer_stale_s is None else answer_stale_s
    app.state.answers = (AnswerCache(answer_cache_bytes, stale_s=stale_s)
                         if answer_cache_bytes and has_generation(engine) else None)
    if app.state.answers is not None:
        track_database_time(engine)  # an answer's cost counts the database's work (cache.py)
    app.state.search_time_limit_s = search_time_limit_s
    app.state.warmed = {}
    warm_list = list(settings.warm_urls if warm_urls is None else warm_urls)
    hosts = list(allowed_hosts) if allowed_hosts else list(LOOPBACK_HOSTS)
    app.state.basemap = _basemap_loader(settings.cache_path)
    app.include_router(router)
    app.include_router(desk_router)
    static = load_static()

    @app.get("/", include_in_schema=False)
    def index(request: Request) -> Response:
        return file_response(request, static["index.html"])

    @app.get("/static/{path:path}", include_in_schema=False)
    def static_file(request: Request, path: str) -> Response:
        item = static.get(path)
        if item is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        return file_response(request, item)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_params(_request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> Response:
        return JSONResponse({"detail": [{"loc": ["query"], "msg": str(exc)}]}, status_code=422)

    @app.exception_handler(QueryTimeoutError)
    async def timed_out(_request: Request, exc: QueryTimeoutError) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"retry-after": "5"})

    @app.exception_handler(sa.exc.SQLAlchemyError)
    async def store_error(_request: Request, _exc: Exception) -> Response:
        return JSONResponse({"detail": "the ledger could not answer"}, status_code=503)

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    if cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"])
    app.add_middleware(SecurityMiddleware)  # outermost: its headers go on every response
    return app

