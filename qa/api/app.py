"""The FastAPI app: models and the store are built once in the lifespan; routes stay thin."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.responses import Response

from qa.api.auth import RateLimiter, require_key
from qa.api.deps import Services
from qa.api.limits import Boundaries
from qa.api.routes import ask, county, health, openai, page, reports
from qa.api.schemas import error_responses
from qa.config import Settings
from qa.errors import (
    BadInputError,
    BadQuestionError,
    EmbedderMismatchError,
    NotFoundError,
    QAError,
    StoreBusyError,
    StoreError,
)

logger = logging.getLogger(__name__)

_STATUS: list[tuple[type[QAError], int]] = [
    (BadQuestionError, 400), (BadInputError, 400), (NotFoundError, 404), (EmbedderMismatchError, 409), (StoreError, 503),
]


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    """Build the app for `settings`; nothing heavy happens until the lifespan starts.

    The lifespan builds the services (embedder, store, LLM writer) and closes the store at shutdown. Given
    `services` (a store already open and ingested), the app serves those and leaves closing them to the caller.
    """

    settings = services.settings if services else settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built = services or _build_services(settings)
        built.store.warm()  # the keyword index and template n-grams, before the first question
        gc.freeze()  # the index's millions of objects stay out of every later garbage collection
        app.state.services = built
        logger.info("serving %d reports from %s", len(built.store.reports()), built.store.data_dir)
        yield
        if services is None:
            built.store.close()

    # Swagger UI's script and styles served from the fastapi-offline package (/static-offline-docs): FastAPI's own
    # /docs loads them from a CDN, and an intranet without internet showed a blank page
    app = FastAPIOffline(title="qa", version="0.1.0", lifespan=lifespan, redoc_url=None,
                         description="Questions over township 法治政府建设 reports, answered with cited passages.")
    app.state.rate_limiter = RateLimiter(settings.rate_limit)

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, StoreBusyError) else None
        return JSONResponse({"error": type(exc).__name__, "detail": str(exc)}, status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": HTTPStatus(exc.status_code).phrase, "detail": str(exc.detail)},
                            status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # the trace goes to the server's log (uvicorn logs it), never to the client
        return JSONResponse({"error": "InternalError", "detail": "qa failed inside; the server log has the details"},
                            status_code=500)

    app.include_router(health.router)  # /healthz and /readyz stay open for load balancers and probes
    app.include_router(page.router)  # the page is static; the API calls it makes need a key
    app.mount("/static", _Static(directory=page.STATIC), name="static")
    for router in (ask.router, openai.router, reports.router, county.router):
        app.include_router(router, dependencies=[Depends(require_key)], responses=error_responses(401, 413, 429, 503))
    app.add_middleware(Boundaries, settings=settings)  # sizes, keys and read time before any route reads a body
    if settings.cors_origin_list:  # only the listed intranet origins; none by default
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list, allow_credentials=False,
                           allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    return app


class _Static(StaticFiles):
    """The page's files, never to be framed by another site (/embed is the page for an iframe) or sniffed."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def _build_services(settings: Settings) -> Services:
    from qa.answer.llm import make_writer
    from qa.retrieval.embed import make_embedder
    from qa.store import Store

    embedder = make_embedder(settings)
    store = Store.from_settings(settings, embedder, owner="qa serve")
    return Services(settings=settings, embedder=embedder, store=store, writer=make_writer(settings))
