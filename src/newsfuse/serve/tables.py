"""The store's tables and the small pure helpers around them (`newsfuse.serve.store`)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text, event
from sqlalchemy.engine import Connection, Engine

from newsfuse.model import Article

__all__ = [
    "LEAD_CHARS", "MAX_ID_CHARS", "SENTENCE_END", "WINDOW", "IngestResult", "StoredStory",
    "articles_table", "at_time", "database_url", "id_key", "members_table", "metadata", "now",
    "order", "sqlite_pragmas", "storable", "stories_table", "text_hash",
]  # fmt: skip

# Stored articles an ingest re-clusters with the new ones (see the module's docstring).
WINDOW = 400
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
LEAD_CHARS = 120
# Ids longer than this are cut (and keep a hash of the whole): the column holds 512.
MAX_ID_CHARS = 400

metadata = MetaData()

articles_table = Table(
    "articles",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("text", Text, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    # ISO 8601 as given (with its offset, if any): a DateTime column would drop the zone.
    Column("published", String(64)),
    Column("url", Text),
    Column("author", Text),
    Column("place", Text),
    Column("origin", Text),  # what it was read from: a file name, "paste", a feed URL
    Column("added", DateTime, nullable=False),
    # Its time for finding an ingest's window: publication time (naive UTC), else added.
    Column("at", DateTime, index=True),
)

stories_table = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text),
    Column("size", Integer, nullable=False),
    Column("outlets", Text, nullable=False),  # JSON list
    Column("first", DateTime),  # naive UTC, as `Story` has them
    Column("last", DateTime),
    # Bumped whenever the membership changes: the key of cached briefs.
    Column("revision", Integer, nullable=False),
    Column("updated", DateTime, nullable=False),
)

members_table = Table(
    "story_articles",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), index=True),
    # One story per article: the article id is the key.
    Column("article_id", String(512), ForeignKey("articles.id"), primary_key=True),
)


@dataclass(frozen=True, slots=True)
class StoredStory:
    id: int
    title: str | None
    size: int
    outlets: tuple[str, ...]
    first: datetime | None
    last: datetime | None
    revision: int
    updated: datetime


@dataclass(frozen=True, slots=True)
class IngestResult:
    added: tuple[str, ...]  # ids as stored
    duplicates: tuple[str, ...]  # already stored with the same text
    stories: tuple[int, ...]  # stories the added articles now belong to


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for a file path or a `postgresql://` URL (driven by psycopg 3)."""
    value = str(db)
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    if value.startswith(("postgresql+", "sqlite:")):
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def text_hash(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8", "surrogatepass")).hexdigest()


def at_time(article: Article, added: datetime) -> datetime:
    try:
        return article.sort_time if article.published is not None else added
    except OverflowError:  # year 1 or 9999 with an offset that crosses the range
        return added


def _unicode(value: str | None) -> str | None:
    """Lone surrogates (JSON "\\ud800") become U+FFFD: no database stores them."""
    if value is None or value.isascii():
        return value
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def storable(article: Article) -> Article:
    fields = ("id", "text", "title", "outlet", "url", "author", "place")
    if all(_unicode(getattr(article, f)) is getattr(article, f) for f in fields):
        return article
    changed: dict[str, Any] = {f: _unicode(getattr(article, f)) for f in fields}
    return dataclasses.replace(article, **changed)


def order(article: Article) -> tuple[datetime, str]:
    try:
        return article.sort_time, article.id
    except OverflowError:
        return datetime.max, article.id


def id_key(article_id: str) -> str:
    if len(article_id) <= MAX_ID_CHARS:
        return article_id
    return f"{article_id[: MAX_ID_CHARS - 11]}~{text_hash(article_id)[:10]}"


def sqlite_pragmas(engine: Engine) -> None:
    """WAL and foreign keys on every connection, and transactions that take the write lock
    up front: pysqlite's own BEGIN handling would start them late (SQLAlchemy's recipe)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Writers take the lock at BEGIN, so two never deadlock upgrading a read lock;
        # readers (WAL) never wait for a writer.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
