"""The FastAPI app: HTTP API under /api, web pages elsewhere, static files under /static.

Work that takes CPU (briefing, clustering) runs in plain `def` endpoints, which FastAPI
runs in its thread pool, so the event loop keeps answering while a brief is written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path, PurePath
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
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
from newsfuse.model import Article, Brief
from newsfuse.pipeline import Pipeline
from newsfuse.render import source_dict, to_dict, to_json, to_markdown
from newsfuse.serve.fetch import FeedFetcher, FetchError
from newsfuse.serve.schemas import (
    ArticlesIn,
    BriefIn,
    ErrorOut,
    FeedIn,
    IngestOut,
    InputProblem,
    StoryDetail,
    StoryOut,
    StoryPage,
    brief_components,
)
from newsfuse.serve.store import IngestResult, Store, StoredStory
from newsfuse.serve.view import build_page

__all__ = ["MAX_JSON_BYTES", "MAX_UPLOAD_BYTES", "create_app"]

HERE = Path(__file__).parent
# A JSON body of a few hundred articles is a few MB; an upload of several files more.
MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_FILES = 100
_UPLOAD_PATHS = ("/upload", "/api/uploads")
_PAGE = 20
_BRIEF_SLOTS = 1
# Brief endpoints answer the library's JSON document as it is; its one schema is the JSON
# Schema shipped with newsfuse.render, added to the OpenAPI components by `_with_brief_schema`.
_BRIEF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the brief (`newsfuse brief --format json`)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}},
    }
}

ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]

_SECURITY_HEADERS = [
    # Defence in depth under the escaping: no inline script, nothing from elsewhere.
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def _error(status: int, message: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status)


class _TooLarge(Exception):
    pass


class LimitsMiddleware:
    """Body size caps (declared and streamed) and security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = MAX_UPLOAD_BYTES if scope["path"] in _UPLOAD_PATHS else MAX_JSON_BYTES
        too_large = _error(413, f"request body larger than {limit // (1024 * 1024)} MB")
        started = False
        exceeded = False

        async def emit(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        async def send_with_headers(message: Any) -> None:
            nonlocal started
            if exceeded:
                # The app caught the overflow as a bad body (FastAPI answers 400 to any
                # error reading it): answer what it is instead, once.
                if not started:
                    started = True
                    await too_large(scope, receive, emit)
                return
            if message["type"] == "http.response.start":
                started = True
            await emit(message)

        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await too_large(scope, receive, emit)
            return
        received = 0

        async def counted() -> Any:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if not started:
                started = True
                await too_large(scope, receive, emit)


def _require_json(request: Request) -> None:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "send the body as application/json")


def _same_origin(request: Request) -> None:
    """Forms post only from our own pages: another site cannot make a visitor's browser
    add articles or fetch feeds here."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPException(403, "cross-site form posts are refused")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if urlsplit(origin).netloc != host:
            raise HTTPException(403, "cross-origin form posts are refused")


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


def _feed_article(article: Article) -> Article:
    """Feed entries are numbered by position, which shifts as the feed moves on: key them
    by their link (else their text) so that fetching a feed again adds only new entries."""
    key = article.url or f"{article.title}\n{article.text}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return dataclasses.replace(article, id=f"feed-{digest}")


class _BriefCache:
    """Briefs of stored stories by (story, revision, words): a revision changes whenever the
    story's articles do, so an entry is never stale."""

    def __init__(self, size: int = 64) -> None:
        self._items: OrderedDict[tuple[int, int, int], Brief] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[int, int, int], make: Callable[[], Brief]) -> Brief:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


def create_app(
    db: str | Path = "newsfuse.db",
    fetcher: FeedFetcher | None = None,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The app over the store at `db` (a SQLite file path or a `postgresql://` URL), briefing
    and clustering with `pipeline` (default settings without).

    `fetcher` is for tests (one that may reach a loopback server); the default refuses every
    internal address."""
    pipeline = pipeline or Pipeline()
    store = Store(db, cluster=pipeline.stories)
    fetch = fetcher or FeedFetcher()
    briefs = _BriefCache()
    # Briefing is CPU work under the GIL: two at once only add switching (measured with
    # bench/serve_load.py: 10 req/s at 8 clients with one slot, 6.5 with two), so further
    # requests queue here instead of slowing every one in flight.
    working = threading.Semaphore(_BRIEF_SLOTS)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)

    app = FastAPI(
        title="newsfuse",
        summary="Many news reports of one event in; one cited brief out.",
        version=newsfuse.__version__,
        # The interactive docs load their scripts from a CDN; /openapi.json is served.
        docs_url=None,
        redoc_url=None,
        responses={
            413: {"model": ErrorOut, "description": "body too large"},
            415: {"model": ErrorOut, "description": "wrong content type"},
            422: {"model": ErrorOut, "description": "invalid body"},
        },
    )
    app.state.store = store
    _with_brief_schema(app)
    app.add_middleware(LimitsMiddleware)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
            "accept", ""
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if wants_html(request):
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": exc.status_code, "message": exc.detail},
                status_code=exc.status_code,
            )
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "message": str(e.get("msg", ""))}
            for e in exc.errors()[:20]
        ]
        return _error(422, "the request is not valid", details)

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
        for item in read_bytes(data, name):
            if isinstance(item, InputError):
                problems.append(InputProblem(name=item.name, reason=item.reason))
            else:
                articles.append(item)
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
            found, bad = read_upload(data, name)
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

    def at_words(words: int) -> Pipeline:
        """The pipeline with a summary budget of `words` (a request's)."""
        if words == pipeline.config.summary.words:
            return pipeline
        return pipeline.with_config({"summary": {"words": words}})

    def story_brief(story_id: int, words: int = 120) -> tuple[StoredStory, Brief]:
        found = store.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        story, articles = found

        def make() -> Brief:
            with working:
                return at_words(words).brief(articles)

        result = briefs.get((story.id, story.revision, words), make)
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
        with working:
            result = at_words(body.words).brief(articles, largest_story=not body.all)
            return JSONResponse(to_dict(result))

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
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> StoryPage:
        total, stories = store.stories(limit, offset)
        return StoryPage(
            total=total, limit=limit, offset=offset, stories=[_story_out(s) for s in stories]
        )

    @app.get("/api/stories/{story_id}", response_model=StoryDetail, tags=["api"])
    def api_story(story_id: int) -> StoryDetail:
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
        story_id: int, words: Annotated[int, Query(ge=1, le=2000)] = 120
    ) -> JSONResponse:
        return JSONResponse(to_dict(story_brief(story_id, words)[1]))

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
                "problems": params.get("problems"),
                "error": params.get("error"),
            },
        )

    @app.post("/upload", include_in_schema=False, dependencies=[Depends(_same_origin)])
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

    @app.post("/paste", include_in_schema=False, dependencies=[Depends(_same_origin)])
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

    @app.post("/feed", include_in_schema=False, dependencies=[Depends(_same_origin)])
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

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: int) -> Any:
        story, result = story_brief(story_id)
        return templates.TemplateResponse(
            request, "story.html", {"story": story, "view": build_page(result)}
        )

    @app.get("/stories/{story_id}/brief.md", include_in_schema=False)
    def download_markdown(story_id: int) -> PlainTextResponse:
        _, result = story_brief(story_id)
        return PlainTextResponse(
            to_markdown(result),
            media_type="text/markdown; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="story-{story_id}.md"'},
        )

    @app.get("/stories/{story_id}/brief.json", include_in_schema=False)
    def download_json(story_id: int) -> PlainTextResponse:
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
