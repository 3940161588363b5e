"""The FastAPI app: HTTP API under /api, web pages elsewhere, static files under /static.

Briefing runs in a bounded pool of worker processes under a time limit
(`newsfuse.serve.briefing`); reading uploads and clustering run in plain `def` endpoints
or FastAPI's thread pool, so the event loop keeps answering meanwhile. Every request
passes `newsfuse.serve.guard` first (Host allow-list, size caps, security headers).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException

import newsfuse
from newsfuse.config import MAX_FILE_BYTES
from newsfuse.ingest import InputError, read_bytes
from newsfuse.ingest.reader import kind_of
from newsfuse.model import Article, Brief
from newsfuse.pipeline import Pipeline
from newsfuse.render import source_dict, to_dict, to_json, to_markdown
from newsfuse.serve.briefing import BriefFailed, BriefPool, BriefTimeout
from newsfuse.serve.fetch import FeedFetcher, FetchError
from newsfuse.serve.guard import (
    LOOPBACK_HOSTS,
    MAX_JSON_BYTES,
    MAX_UPLOAD_BYTES,
    GuardMiddleware,
    error,
    same_origin,
)
from newsfuse.serve.schemas import (
    ArticlesIn,
    BriefIn,
    DeletedOut,
    ErrorOut,
    FeedIn,
    IngestOut,
    InputProblem,
    StoryDetail,
    StoryOut,
    StoryPage,
    brief_components,
)
from newsfuse.serve.store import MAX_ID_CHARS, IngestResult, Store, StoredStory
from newsfuse.serve.view import build_page

__all__ = ["MAX_JSON_BYTES", "MAX_UPLOAD_BYTES", "create_app"]

logger = logging.getLogger(__name__)

HERE = Path(__file__).parent
MAX_UPLOAD_FILES = 100
_PAGE = 20
# Story ids and offsets beyond a 64-bit integer are no story, not a database error.
_MAX_INT = 2**63 - 1
# Brief endpoints answer the library's JSON document as it is; its one schema is the JSON
# Schema shipped with newsfuse.render, added to the OpenAPI components by `_with_brief_schema`.
_BRIEF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the brief (`newsfuse brief --format json`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}},
    }
}
StoryId = Annotated[int, PathParam(ge=1, le=_MAX_INT)]


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


def _unique(articles: list[Article]) -> list[Article]:
    """Articles with repeated ids made unique, as the pipeline keys everything by id."""
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        if count:
            article = dataclasses.replace(article, id=f"{article.id}#{count + 1}")
        out.append(article)
    return out


def _short_id(article: Article) -> Article:
    """Ids as the API takes them (at most MAX_ID_CHARS), the cut ones kept unique."""
    if len(article.id) <= MAX_ID_CHARS:
        return article
    digest = hashlib.sha256(article.id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return dataclasses.replace(article, id=f"{article.id[: MAX_ID_CHARS - 11]}~{digest}")


def _feed_article(article: Article) -> Article:
    """Feed entries are numbered by position, which shifts as the feed moves on: key them
    by their link (else their text) so that fetching a feed again adds only new entries."""
    key = article.url or f"{article.title}\n{article.text}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return dataclasses.replace(article, id=f"feed-{digest}")


class _BriefCache:
    """Briefs of stored stories by (story, revision, words): a revision changes whenever the
    story's articles do, so an entry is never stale. Requests for a brief being written
    wait for it rather than write it again; a failure is not kept."""

    def __init__(self, size: int = 64) -> None:
        self._items: OrderedDict[tuple[int, int, int], Future[Brief]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[int, int, int], make: Callable[[], Brief]) -> Brief:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            else:
                self._items[key] = future = Future[Brief]()
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        if found is not None:
            return found.result()
        try:
            future.set_result(make())
        except BaseException as exc:
            with self._lock:
                if self._items.get(key) is future:
                    del self._items[key]
            future.set_exception(exc)
        return future.result()


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
    store = Store(db, cluster=pipeline.stories)
    fetch = fetcher or FeedFetcher()
    briefs = _BriefCache()
    pool = BriefPool(brief_workers, brief_seconds)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        store.close()

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

    # -- shared steps ----------------------------------------------------------------------

    def ingest(articles: list[Article], origin: str, problems: list[InputProblem]) -> IngestOut:
        result: IngestResult = store.add(articles, origin=origin)
        return IngestOut(
            added=list(result.added),
            duplicates=list(result.duplicates),
            stories=list(result.stories),
            problems=problems,
        )

    def read_upload(data: bytes, filename: str) -> tuple[list[Article], list[InputProblem]]:
        # Only the base name: it names the article ids, never a path on this machine.
        name = PurePath(filename.replace("\\", "/")).name or "upload.txt"
        articles: list[Article] = []
        problems: list[InputProblem] = []
        try:
            # By extension first, as the CLI reads files, then by content.
            for item in read_bytes(data, name, kind_of(Path(name))):
                if isinstance(item, InputError):
                    problems.append(InputProblem(name=item.name, reason=item.reason))
                else:
                    articles.append(_short_id(item))
        except Exception as exc:  # a reader's bug must not lose the other files
            logger.exception("upload %s not read", name)
            problems.append(InputProblem(name=name, reason=f"not readable ({type(exc).__name__})"))
        return articles, problems

    async def read_uploads(
        files: list[StarletteUpload],
    ) -> tuple[list[Article], list[InputProblem]]:
        if len(files) > MAX_UPLOAD_FILES:
            raise HTTPException(413, f"more than {MAX_UPLOAD_FILES} files")
        articles: list[Article] = []
        problems: list[InputProblem] = []
        for upload in files:
            name = upload.filename or "upload.txt"
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                problems.append(InputProblem(name=name, reason="larger than 20 MB, skipped"))
                continue
            # Parsing is CPU work: off the event loop, which keeps serving meanwhile.
            found, bad = await _run(read_upload, data, name)
            articles += found
            problems += bad
        return articles, problems

    def fetch_feed(url: str) -> tuple[list[Article], list[InputProblem], str]:
        try:
            fetched = fetch.fetch(url.strip())
        except FetchError as exc:
            raise HTTPException(422, f"feed not fetched: {exc}") from exc
        articles: list[Article] = []
        problems: list[InputProblem] = []
        for item in read_bytes(fetched.content, "feed.xml", kind="feed"):
            if isinstance(item, InputError):
                problems.append(InputProblem(name=item.name, reason=item.reason))
            else:
                articles.append(_feed_article(item))
        if not articles:
            reason = problems[0].reason if problems else "no entries"
            raise HTTPException(422, f"not a usable feed: {reason}")
        return articles, problems, fetched.url

    @functools.lru_cache(maxsize=32)
    def at_words(words: int) -> Pipeline:
        """The pipeline with a summary budget of `words` (a request's)."""
        if words == pipeline.config.summary.words:
            return pipeline
        return pipeline.with_config({"summary": {"words": words}})

    def brief(articles: list[Article], words: int, largest_story: bool = True) -> Brief:
        """A brief from the pool; a brief that fails or overruns is the input's problem
        to report (naming what to do), never a server error that stays."""
        try:
            return pool.brief(at_words(words), articles, largest_story)
        except BriefTimeout as exc:
            raise HTTPException(503, str(exc)) from exc
        except BriefFailed as exc:
            raise HTTPException(422, f"these articles could not be briefed: {exc}") from exc

    def story_brief(story_id: StoryId, words: int = 120) -> tuple[StoredStory, Brief]:
        found = store.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        story, articles = found
        try:
            result = briefs.get((story.id, story.revision, words), lambda: brief(articles, words))
        except HTTPException as exc:
            raise HTTPException(
                exc.status_code,
                f"story {story_id}: {exc.detail}; delete the article at fault "
                f"(DELETE /api/articles/{{id}}) or the story (DELETE /api/stories/{story_id})",
            ) from exc
        return story, result

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
        articles = _unique([a.to_article("api") for a in body.articles])
        return JSONResponse(to_dict(brief(articles, body.words, largest_story=not body.all)))

    @app.post(
        "/api/articles",
        response_model=IngestOut,
        status_code=201,
        dependencies=[Depends(_require_json)],
        tags=["api"],
        summary="Store articles and update the stories",
    )
    def api_articles(body: ArticlesIn) -> IngestOut:
        return ingest([a.to_article("api") for a in body.articles], "api", [])

    @app.post(
        "/api/uploads",
        response_model=IngestOut,
        status_code=201,
        tags=["api"],
        summary="Store uploaded files (txt, html, jsonl, RSS/Atom, WARC)",
    )
    async def api_uploads(files: Annotated[list[UploadFile], File()]) -> IngestOut:
        articles, problems = await read_uploads(list(files))
        if not articles:
            raise HTTPException(
                422,
                "no article could be read: "
                + "; ".join(f"{p.name}: {p.reason}" for p in problems[:5]),
            )
        result: IngestOut = await _run(ingest, articles, "upload", problems)
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
        articles, problems, url = fetch_feed(body.url)
        return ingest(articles, url, problems)

    @app.get(
        "/api/stories", response_model=StoryPage, tags=["api"], summary="Stories, largest first"
    )
    def api_stories(
        limit: Annotated[int, Query(ge=1, le=200)] = _PAGE,
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
        story_id: StoryId, words: Annotated[int, Query(ge=1, le=2000)] = 120
    ) -> JSONResponse:
        return JSONResponse(to_dict(story_brief(story_id, words)[1]))

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

    # -- web pages -------------------------------------------------------------------------

    def back(**message: str | int) -> RedirectResponse:
        return RedirectResponse("/?" + urlencode(message), status_code=303)

    def report(result: IngestOut) -> RedirectResponse:
        problems = "; ".join(f"{p.name}: {p.reason}" for p in result.problems[:5])
        return back(added=len(result.added), duplicates=len(result.duplicates), problems=problems)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Any:
        total, stories = store.stories(_PAGE, (page - 1) * _PAGE)
        params = request.query_params
        return templates.TemplateResponse(
            request,
            "index.html",
            {
                "stories": stories,
                "total": total,
                "page": page,
                "pages": max(1, -(-total // _PAGE)),
                "articles": store.count_articles(),
                "added": params.get("added"),
                "duplicates": params.get("duplicates"),
                "deleted": params.get("deleted"),
                "problems": params.get("problems"),
                "error": params.get("error"),
            },
        )

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> RedirectResponse:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
        files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.size]
        if not files:
            return back(error="choose one or more files")
        articles, problems = await read_uploads(files)
        if not articles:
            return back(
                error="no article could be read",
                problems="; ".join(f"{p.name}: {p.reason}" for p in problems[:5]),
            )
        return report(await _run(ingest, articles, "upload", problems))

    @app.post("/paste", include_in_schema=False)
    async def paste(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=10, max_part_size=MAX_JSON_BYTES)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        text = fields.get("text", "").strip()
        if not text:
            return back(error="paste the article's text")
        from newsfuse.serve.schemas import ArticleIn

        try:
            item = ArticleIn(
                text=text,
                title=fields.get("title") or None,
                outlet=fields.get("outlet") or None,
                url=fields.get("url") or None,
                published=fields.get("published") or None,
            )
        except ValueError:
            return back(error="the pasted article is too long or a field is invalid")
        return report(await _run(ingest, [item.to_article("paste")], "paste", []))

    @app.post("/feed", include_in_schema=False)
    async def feed(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=5)
        url = str(form.get("url") or "").strip()
        if not url or len(url) > 2000:
            return back(error="give a feed URL")
        try:
            articles, problems, final = await _run(fetch_feed, url)
        except HTTPException as exc:
            return back(error=str(exc.detail))
        return report(await _run(ingest, articles, final, problems))

    @app.post("/stories/{story_id}/delete", include_in_schema=False)
    def delete_story(story_id: StoryId) -> RedirectResponse:
        deleted = store.delete(story_id=story_id)
        return back(deleted=len(deleted)) if deleted else back(error=f"no story {story_id}")

    @app.post("/articles/delete", include_in_schema=False)
    async def delete_article(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=5)
        article_id = str(form.get("id") or "")
        deleted = await _run(store.delete, [article_id])
        return back(deleted=len(deleted)) if deleted else back(error="no such article")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: StoryId) -> Any:
        try:
            story, result = story_brief(story_id)
        except HTTPException as exc:
            found = store.story(story_id) if exc.status_code != 404 else None
            if found is None:
                raise
            # The story cannot be briefed: its articles, each with a way to delete it.
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": exc.status_code, "message": exc.detail, "articles": found[1]},
                status_code=exc.status_code,
            )
        return templates.TemplateResponse(
            request, "story.html", {"story": story, "view": build_page(result)}
        )

    @app.get("/stories/{story_id}/brief.md", include_in_schema=False)
    def download_markdown(story_id: StoryId) -> PlainTextResponse:
        _, result = story_brief(story_id)
        return PlainTextResponse(
            to_markdown(result),
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="story-{story_id}.md"'},
        )

    @app.get("/stories/{story_id}/brief.json", include_in_schema=False)
    def download_json(story_id: StoryId) -> PlainTextResponse:
        _, result = story_brief(story_id)
        return PlainTextResponse(
            to_json(result),
            media_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="story-{story_id}.json"'},
        )

    return app


def _with_brief_schema(app: FastAPI) -> None:
    make = app.openapi

    def openapi() -> dict[str, Any]:
        spec = make()
        spec.setdefault("components", {}).setdefault("schemas", {}).update(brief_components())
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


async def _run(func: Callable[..., Any], *args: Any) -> Any:
    """Run blocking work (clustering, fetching) off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(func, *args)
