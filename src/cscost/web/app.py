"""The FastAPI application, built by :func:`create_app` from :class:`Settings`.

Opening the app opens (and migrates) the store, reads or creates the secret key, and
mounts the pages, the JSON API and the static files (the app's CSS and the plotly.js of
the installed plotly package: no CDN, no build step).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import FileResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from cscost.store import open_store
from cscost.web import api, jobs, pages, whatif
from cscost.web.collaboration import ROUTERS
from cscost.web.deps import LoginRequiredError
from cscost.web.limits import BodyLimit
from cscost.web.security import RateLimiter, Signer
from cscost.web.settings import Settings, secret_key
from cscost.web.views import error_page
from cscost.web.worker import JobPool, pool_settings


def plotly_file() -> str:
    """The path of plotly.min.js in the installed plotly package."""
    return str(resources.files("plotly").joinpath("package_data", "plotly.min.js"))


def one_blas_thread() -> None:
    """BLAS with one thread per evaluation: a server's parallelism comes from its requests
    (two evaluations at once), and idle BLAS threads would spin beside them."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(1)


def create_app(settings: Settings) -> FastAPI:
    """The web app for ``settings``: store opened and migrated, routes mounted."""
    store = open_store(settings.url())
    pool = JobPool(store, pool_settings(settings))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        pool.start()  # queued jobs, and those a dead process left running, run again
        yield
        pool.stop()
        store.close()

    app = FastAPI(title="cscost", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.jobs = pool
    app.state.data_dir = settings.data_dir
    app.state.signer = Signer(
        secret_key(settings.data_dir), settings.session_seconds, settings.token_seconds
    )
    app.state.login_limiter = RateLimiter(settings.login_attempts_per_minute)
    app.add_middleware(BodyLimit, limit_bytes=settings.upload_limit_bytes)
    app.include_router(api.router)
    app.include_router(jobs.router)
    app.include_router(pages.router)
    app.include_router(whatif.router)
    for router in ROUTERS:
        app.include_router(router)
    static = resources.files("cscost.web").joinpath("static")
    app.mount("/static/app", StaticFiles(directory=str(static)), name="static")
    plotly = plotly_file()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            plotly, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    @app.exception_handler(LoginRequiredError)
    async def to_login(request: Request, _exc: LoginRequiredError) -> Response:
        return RedirectResponse(f"/login?next={request.url.path}", 303)

    @app.exception_handler(HTTPException)
    async def errors(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api") or request.method not in ("GET", "POST"):
            return await http_exception_handler(request, exc)
        return error_page(request, exc.status_code, str(exc.detail))

    return app
