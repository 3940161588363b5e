"""The FastAPI app: HTTP API under /api, web pages elsewhere, static files under /static.

Briefing runs in a bounded pool of worker processes under a time limit
(`newsfuse.serve.briefing`); reading uploads and clustering run in plain `def` endpoints
or FastAPI's thread pool, so the event loop keeps answering meanwhile. Every request
passes `newsfuse.serve.guard` first (Host allow-list, size caps, security headers).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsfuse
from newsfuse.pipeline import Pipeline
from newsfuse.render import source_dict, to_dict
from newsfuse.serve.briefing import BriefPool
from newsfuse.serve.fetch import FeedFetcher
from newsfuse.serve.guard import (
    LOOPBACK_HOSTS,
    MAX_JSON_BYTES,
    MAX_UPLOAD_BYTES,
    GuardMiddleware,
    error,
    same_origin,
)
from newsfuse.serve.pages import PAGE, StoryId, add_pages
from newsfuse.serve.schemas import (
    ArticlesIn,
    BriefIn,
    DeletedOut,
    ErrorOut,
    FeedIn,
    IngestOut,
    StoryDetail,
    StoryOut,
    StoryPage,
    brief_components,
)
from newsfuse.serve.service import Service, run, unique
from newsfuse.serve.store import MAX_ID_CHARS, Store, StoredStory

__all__ = ["MAX_JSON_BYTES", "MAX_UPLOAD_BYTES", "create_app"]

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
# Offsets beyond a 64-bit integer find nothing, and are no database error either.
_MAX_INT = 2**63 - 1
# Brief endpoints answer the library's JSON document as it is; its one schema is the JSON
# Schema shipped with newsfuse.render, added to the OpenAPI components by `_with_brief_schema`.
_BRIEF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the brief (`newsfuse brief --format json`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}},
    }
}


def _require_json(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "send the body as application/json")


def _story_out(story: StoredStory) -> StoryOut:
    return StoryOut(
        id=story.id,
        title=story.title,
        size=story.size,
        outlets=list(story.outlets),
        first=story.first,
        last=story.last,
        updated=story.updated,
    )


def create_app(
    db: str | Path = "newsfuse.db",
    fetcher: FeedFetcher | None = None,
    pipeline: Pipeline | None = None,
    *,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    brief_workers: int = 2,
    brief_seconds: float = 60.0,
) -> FastAPI:
    """The app over the store at `db` (a SQLite file path or a `postgresql://` URL), briefing
    and clustering with `pipeline` (default settings without).

    Requests are answered only for the host names in `allowed_hosts` ("*": any). Briefs
    are written in `brief_workers` processes, each stopped after `brief_seconds`.
    `fetcher` is for tests (one that may reach a loopback server); the default refuses every
    internal address."""
    pipeline = pipeline or Pipeline()
    pool = BriefPool(brief_workers, brief_seconds)
    # Clustering runs in the pool too: off the server's GIL, under the same time limit.
    store = Store(db, cluster=functools.partial(pool.stories, pipeline))
    service = Service(store, fetcher or FeedFetcher(), pipeline, pool)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        lifespan=lifespan,
        # Every state-changing route: only from our own pages, or from no browser.
        dependencies=[Depends(same_origin)],
        title="newsfuse",
        summary="Many news reports of one event in; one cited brief out.",
        version=newsfuse.__version__,
        # The interactive docs load their scripts from a CDN; /openapi.json is served.
        docs_url=None,
        redoc_url=None,
        responses={
            400: {"model": ErrorOut, "description": "host name not served"},
            403: {"model": ErrorOut, "description": "cross-site request refused"},
            413: {"model": ErrorOut, "description": "body too large"},
            415: {"model": ErrorOut, "description": "wrong content type"},
            422: {"model": ErrorOut, "description": "invalid body"},
        },
    )
    app.state.store = store
    _with_brief_schema(app)
    app.add_middleware(GuardMiddleware, allowed_hosts=tuple(allowed_hosts))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
            "accept", ""
        )

    @app.exception_handler(StarletteHTTPException)
    async def httperror(request: Request, exc: StarletteHTTPException) -> Any:
        if wants_html(request):
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": exc.status_code, "message": exc.detail},
                status_code=exc.status_code,
            )
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "message": str(e.get("msg", ""))}
            for e in exc.errors()[:20]
        ]
        return error(422, "the request is not valid", details)

    # -- HTTP API --------------------------------------------------------------------------

    @app.post(
        "/api/briefs",
        response_class=JSONResponse,
        responses=_BRIEF_RESPONSE,
        dependencies=[Depends(_require_json)],
        tags=["api"],
        summary="Brief articles now (nothing is stored)",
    )
    def api_brief(body: BriefIn) -> JSONResponse:
        articles = unique([a.to_article("api") for a in body.articles])
        return JSONResponse(
            to_dict(service.brief(articles, body.words, largest_story=not body.all))
        )

    @app.post(
        "/api/articles",
        response_model=IngestOut,
        status_code=201,
        dependencies=[Depends(_require_json)],
        tags=["api"],
        summary="Store articles and update the stories",
    )
    def api_articles(body: ArticlesIn) -> IngestOut:
        return service.ingest([a.to_article("api") for a in body.articles], "api", [])

    @app.post(
        "/api/uploads",
        response_model=IngestOut,
        status_code=201,
        tags=["api"],
        summary="Store uploaded files (txt, html, jsonl, RSS/Atom, WARC)",
    )
    async def api_uploads(files: Annotated[list[UploadFile], File()]) -> IngestOut:
        articles, problems = await service.read_uploads(list(files))
        if not articles:
            raise HTTPException(
                422,
                "no article could be read: "
                + "; ".join(f"{p.name}: {p.reason}" for p in problems[:5]),
            )
        result: IngestOut = await run(service.ingest, articles, "upload", problems)
        return result

    @app.post(
        "/api/feeds",
        response_model=IngestOut,
        status_code=201,
        dependencies=[Depends(_require_json)],
        tags=["api"],
        summary="Fetch a feed now and store its articles",
    )
    def api_feeds(body: FeedIn) -> IngestOut:
        articles, problems, url = service.fetch_feed(body.url)
        return service.ingest(articles, url, problems)

    @app.get(
        "/api/stories", response_model=StoryPage, tags=["api"], summary="Stories, largest first"
    )
    def api_stories(
        limit: Annotated[int, Query(ge=1, le=200)] = PAGE,
        offset: Annotated[int, Query(ge=0, le=_MAX_INT)] = 0,
    ) -> StoryPage:
        total, stories = store.stories(limit, offset)
        return StoryPage(
            total=total, limit=limit, offset=offset, stories=[_story_out(s) for s in stories]
        )

    @app.get("/api/stories/{story_id}", response_model=StoryDetail, tags=["api"])
    def api_story(story_id: StoryId) -> StoryDetail:
        found = store.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        story, articles = found
        return StoryDetail(
            **_story_out(story).model_dump(), articles=[source_dict(a) for a in articles]
        )

    @app.get(
        "/api/stories/{story_id}/brief",
        response_class=JSONResponse,
        responses=_BRIEF_RESPONSE,
        tags=["api"],
    )
    def api_story_brief(
        story_id: StoryId, words: Annotated[int | None, Query(ge=1, le=2000)] = None
    ) -> JSONResponse:
        return JSONResponse(to_dict(service.story_brief(story_id, words)[1]))

    @app.delete(
        "/api/stories/{story_id}",
        response_model=DeletedOut,
        tags=["api"],
        summary="Delete a story and its articles",
    )
    def api_delete_story(story_id: StoryId) -> DeletedOut:
        deleted = store.delete(story_id=story_id)
        if not deleted:
            raise HTTPException(404, f"no story {story_id}")
        return DeletedOut(deleted=list(deleted))

    @app.delete(
        "/api/articles/{article_id:path}",
        response_model=DeletedOut,
        tags=["api"],
        summary="Delete an article (its story is recounted)",
    )
    def api_delete_article(
        article_id: Annotated[str, PathParam(max_length=MAX_ID_CHARS + 20)],
    ) -> DeletedOut:
        deleted = store.delete([article_id])
        if not deleted:
            raise HTTPException(404, f"no article {article_id!r}")
        return DeletedOut(deleted=list(deleted))

    add_pages(app, service, templates)

    return app


def _with_brief_schema(app: FastAPI) -> None:
    make = app.openapi

    def openapi() -> dict[str, Any]:
        spec = make()
        spec.setdefault("components", {}).setdefault("schemas", {}).update(brief_components())
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
