"""What the API and the pages share: reading uploads and feeds, storing, and briefing
stored stories through the worker pool and the brief cache."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path, PurePath
from typing import Any

from fastapi import HTTPException
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from newsfuse.config import MAX_FILE_BYTES
from newsfuse.ingest import InputError, read_bytes
from newsfuse.ingest.reader import kind_of
from newsfuse.model import Article, Brief
from newsfuse.pipeline import Pipeline
from newsfuse.serve.briefing import BriefFailed, BriefPool, BriefTimeout
from newsfuse.serve.fetch import FeedFetcher, FetchError
from newsfuse.serve.schemas import IngestOut, InputProblem
from newsfuse.serve.store import MAX_ID_CHARS, IngestResult, Store, StoredStory

__all__ = ["MAX_UPLOAD_FILES", "Service", "run", "unique"]

logger = logging.getLogger(__name__)
MAX_UPLOAD_FILES = 100


async def run(func: Callable[..., Any], *args: Any) -> Any:
    """Run blocking work (parsing, clustering, fetching) off the event loop."""
    return await run_in_threadpool(func, *args)


def unique(articles: list[Article]) -> list[Article]:
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


def _parse(
    data: bytes, name: str, kind: str | None, fix: Callable[[Article], Article]
) -> tuple[list[Article], list[InputProblem]]:
    """The articles read from `data` (each through `fix`) and the problems met."""
    articles: list[Article] = []
    problems: list[InputProblem] = []
    try:
        for item in read_bytes(data, name, kind):
            if isinstance(item, InputError):
                problems.append(InputProblem(name=item.name, reason=item.reason))
            else:
                articles.append(fix(item))
    except Exception as exc:  # a reader's bug must not fail the request or other files
        logger.exception("%s not read", name)
        problems.append(InputProblem(name=name, reason=f"not readable ({type(exc).__name__})"))
    return articles, problems


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


class Service:
    """The store, the feed fetcher and the brief pool of one app."""

    def __init__(
        self, store: Store, fetcher: FeedFetcher, pipeline: Pipeline, pool: BriefPool
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.pipeline = pipeline
        self.pool = pool
        self.briefs = _BriefCache()
        self._at_words = functools.lru_cache(maxsize=32)(self._with_words)

    def _with_words(self, words: int) -> Pipeline:
        if words == self.pipeline.config.summary.words:
            return self.pipeline
        return self.pipeline.with_config({"summary": {"words": words}})

    def close(self) -> None:
        self.pool.close()
        self.store.close()

    def ingest(
        self, articles: list[Article], origin: str, problems: list[InputProblem]
    ) -> IngestOut:
        try:
            result: IngestResult = self.store.add(articles, origin=origin)
        except BriefTimeout as exc:  # clustering ran out of time: nothing was stored
            raise HTTPException(503, f"not stored: {exc}") from exc
        except BriefFailed as exc:
            message = f"not stored: the articles could not be clustered ({exc})"
            raise HTTPException(422, message) from exc
        return IngestOut(
            added=list(result.added),
            duplicates=list(result.duplicates),
            stories=list(result.stories),
            problems=problems,
        )

    def read_upload(self, data: bytes, filename: str) -> tuple[list[Article], list[InputProblem]]:
        # Only the base name: it names the article ids, never a path on this machine.
        name = PurePath(filename.replace("\\", "/")).name or "upload.txt"
        # By extension first, as the CLI reads files, then by content.
        return _parse(data, name, kind_of(Path(name)), _short_id)

    async def read_uploads(
        self,
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
            found, bad = await run(self.read_upload, data, name)
            articles += found
            problems += bad
        return articles, problems

    def fetch_feed(self, url: str) -> tuple[list[Article], list[InputProblem], str]:
        try:
            fetched = self.fetcher.fetch(url.strip())
        except FetchError as exc:
            raise HTTPException(422, f"feed not fetched: {exc}") from exc
        articles, problems = _parse(fetched.content, "feed.xml", "feed", _feed_article)
        if not articles:
            reason = problems[0].reason if problems else "no entries"
            raise HTTPException(422, f"not a usable feed: {reason}")
        return articles, problems, fetched.url

    def at_words(self, words: int | None) -> Pipeline:
        """The pipeline with a summary budget of `words` (a request's; None: the pipeline's
        own setting, as `newsfuse serve --config` or `create_app(pipeline=...)` gave it)."""
        found: Pipeline = self._at_words(self.words(words))
        return found

    def words(self, words: int | None) -> int:
        return self.pipeline.config.summary.words if words is None else words

    def brief(
        self, articles: list[Article], words: int | None, largest_story: bool = True
    ) -> Brief:
        """A brief from the pool; a brief that fails or overruns is the input's problem
        to report (naming what to do), never a server error that stays."""
        try:
            return self.pool.brief(self.at_words(words), articles, largest_story)
        except BriefTimeout as exc:
            raise HTTPException(503, str(exc)) from exc
        except BriefFailed as exc:
            raise HTTPException(422, f"these articles could not be briefed: {exc}") from exc

    def story_brief(self, story_id: int, words: int | None = None) -> tuple[StoredStory, Brief]:
        found = self.store.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        story, articles = found
        words = self.words(words)
        try:
            result = self.briefs.get(
                (story.id, story.revision, words), lambda: self.brief(articles, words)
            )
        except HTTPException as exc:
            raise HTTPException(
                exc.status_code,
                f"story {story_id}: {exc.detail}; delete the article at fault "
                f"(DELETE /api/articles/{{id}}) or the story (DELETE /api/stories/{story_id})",
            ) from exc
        return story, result
