"""The web app's store: articles, stories and which story each article belongs to.

SQLAlchemy Core over SQLite (a file; the default) or PostgreSQL (`postgresql://...`,
through psycopg 3). Every ingest is one transaction: the new articles, the stories
re-clustered over the whole collection and the membership rows commit together or not at
all, so a crash mid-ingest loses nothing that was stored before and never leaves a story
half-written.

Stories are kept up to date incrementally, the streaming model's way
(`newsfuse.cluster.StoryClusterer`): an ingest re-clusters only a bounded window, the new
articles and the `window` stored articles nearest to them in time, with the batch model
(shared nearest neighbours), and the window's groups take over the ids of the stories
they share the most articles with. Articles outside the window keep their story, so an
ingest costs the same at a hundred stored articles and at a hundred thousand, whatever
order articles are uploaded in, with no state in memory to rebuild after a restart (the
window is read from the database, through an index on each article's time).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

from newsfuse.cluster import cluster as _cluster
from newsfuse.cluster import make_story
from newsfuse.model import Article, Story

__all__ = ["MAX_ID_CHARS", "WINDOW", "IngestResult", "Store", "StoredStory", "database_url"]

# Stored articles an ingest re-clusters with the new ones (see the module's docstring).
WINDOW = 400
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
_LEAD_CHARS = 120
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


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _hash(text_: str) -> str:
    return hashlib.sha256(text_.encode("utf-8", "surrogatepass")).hexdigest()


def _at(article: Article, added: datetime) -> datetime:
    try:
        return article.sort_time if article.published is not None else added
    except OverflowError:  # year 1 or 9999 with an offset that crosses the range
        return added


def _unicode(value: str | None) -> str | None:
    """Lone surrogates (JSON "\\ud800") become U+FFFD: no database stores them."""
    if value is None or value.isascii():
        return value
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _storable(article: Article) -> Article:
    fields = ("id", "text", "title", "outlet", "url", "author", "place")
    if all(_unicode(getattr(article, f)) is getattr(article, f) for f in fields):
        return article
    changed: dict[str, Any] = {f: _unicode(getattr(article, f)) for f in fields}
    return dataclasses.replace(article, **changed)


def _order(article: Article) -> tuple[datetime, str]:
    try:
        return article.sort_time, article.id
    except OverflowError:
        return datetime.max, article.id


def _key(article_id: str) -> str:
    if len(article_id) <= MAX_ID_CHARS:
        return article_id
    return f"{article_id[: MAX_ID_CHARS - 11]}~{_hash(article_id)[:10]}"


def _sqlite_pragmas(engine: Engine) -> None:
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


class Store:
    """Articles and their stories in one database; safe to share between threads."""

    def __init__(
        self,
        db: str | Path,
        cluster: Callable[[Sequence[Article]], list[Story]] = _cluster,
        window: int = WINDOW,
    ) -> None:
        self.url = database_url(db)
        self.engine = create_engine(self.url, future=True, pool_pre_ping=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            _sqlite_pragmas(self.engine)
        self._cluster = cluster
        self.window = window
        # Ingests re-cluster the whole collection: one at a time in this process, and
        # across processes through the database's own lock (see `_lock`).
        self._write_lock = threading.Lock()
        metadata.create_all(self.engine)
        self._migrate()

    def _migrate(self) -> None:
        """Stores made before articles had an `at` column get it, filled in."""
        from sqlalchemy import inspect

        if "at" in {c["name"] for c in inspect(self.engine).get_columns("articles")}:
            return
        with self.engine.begin() as conn:
            conn.execute(text('ALTER TABLE articles ADD COLUMN "at" TIMESTAMP'))
            conn.execute(text('CREATE INDEX ix_articles_at ON articles ("at")'))
            for row in conn.execute(select(articles_table)).all():
                at = _at(self._article(row), row.added)
                conn.execute(
                    update(articles_table).where(articles_table.c.id == row.id).values(at=at)
                )

    def close(self) -> None:
        self.engine.dispose()

    # -- writes ------------------------------------------------------------------------------

    def _lock(self, conn: Connection) -> None:
        if self.dialect == "postgresql":
            # Serialises ingests from several server processes on one database.
            conn.execute(text("SELECT pg_advisory_xact_lock(7207)"))
        # SQLite: BEGIN IMMEDIATE already holds the database's write lock.

    def add(self, articles: Iterable[Article], origin: str | None = None) -> IngestResult:
        """Store the articles and re-cluster, in one transaction.

        An id already stored with the same text is a duplicate and skipped; with other
        text (two uploads both called "article.txt") the newcomer is stored under its id
        plus a hash of its text."""
        incoming = [_storable(a) for a in articles]
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                self._lock(conn)
                added, duplicates = self._insert(conn, incoming, origin)
                if not added:
                    return IngestResult((), tuple(duplicates), ())
                membership = self._recluster(conn, added)
        stories = tuple(sorted({membership[i] for i in added}))
        return IngestResult(tuple(added), tuple(duplicates), stories)

    def _insert(
        self, conn: Connection, incoming: list[Article], origin: str | None
    ) -> tuple[list[str], list[str]]:
        added: list[str] = []
        duplicates: list[str] = []
        now = _now()
        for article in incoming:
            digest = _hash(article.text)
            key = _key(article.id)
            stored = conn.execute(
                select(articles_table.c.text_hash).where(articles_table.c.id == key)
            ).scalar_one_or_none()
            if stored is not None and stored != digest:
                key = f"{key[:MAX_ID_CHARS]}~{digest[:10]}"
                stored = conn.execute(
                    select(articles_table.c.text_hash).where(articles_table.c.id == key)
                ).scalar_one_or_none()
            if stored is not None:
                duplicates.append(key)
                continue
            conn.execute(
                insert(articles_table).values(
                    id=key,
                    text=article.text,
                    text_hash=digest,
                    title=article.title,
                    outlet=article.outlet,
                    published=article.published.isoformat() if article.published else None,
                    url=article.url,
                    author=article.author,
                    place=article.place,
                    origin=origin or article.source_path,
                    added=now,
                    at=_at(article, now),
                )
            )
            added.append(key)
        return added, duplicates

    def _window(self, conn: Connection, added: list[str]) -> list[str]:
        """The ids of the `window` stored articles nearest in time to the `added` ones."""
        c = articles_table.c
        times = conn.execute(select(func.min(c.at), func.max(c.at)).where(c.id.in_(added))).one()
        half = max(1, self.window // 2)
        before = select(c.id).where(c.at <= times[1], c.id.not_in(added))
        after = select(c.id).where(c.at >= times[0], c.id.not_in(added))
        ids = dict.fromkeys(conn.execute(before.order_by(c.at.desc()).limit(half)).scalars())
        ids.update(dict.fromkeys(conn.execute(after.order_by(c.at).limit(half)).scalars()))
        return list(ids)

    def _recluster(self, conn: Connection, added: list[str]) -> dict[str, int]:
        """Cluster the new articles with their window and move the window's articles to
        the stories of their groups; the story id of every article clustered."""
        window = self._window(conn, added)
        stories = self._cluster(self._load_articles(conn, window + added))
        old: dict[str, int] = dict(
            conn.execute(
                select(members_table.c.article_id, members_table.c.story_id).where(
                    members_table.c.article_id.in_(window)
                )
            ).all()
        )
        # Greedy matching by overlap: every old id goes to at most one new story.
        pairs = []
        for n, story in enumerate(stories):
            overlap = Counter(old[i] for i in story.article_ids if i in old)
            pairs += [(count, -story_id, n) for story_id, count in overlap.items()]
        pairs.sort(reverse=True)
        ids: dict[int, int] = {}
        taken: set[int] = set()
        for _, neg_id, n in pairs:
            if n not in ids and -neg_id not in taken:
                ids[n] = -neg_id
                taken.add(-neg_id)
        membership: dict[str, int] = {}
        moved: list[dict[str, Any]] = []
        touched: set[int] = set()
        for n, story in enumerate(stories):
            story_id = ids.get(n)
            if story_id is None:
                story_id = int(
                    conn.execute(
                        insert(stories_table)
                        .values(size=0, outlets="[]", revision=0, updated=_now())
                        .returning(stories_table.c.id)
                    ).scalar_one()
                )
            for article_id in story.article_ids:
                membership[article_id] = story_id
                if old.get(article_id) != story_id:
                    moved.append({"story_id": story_id, "article_id": article_id})
                    touched.update((story_id, old.get(article_id, story_id)))
        if moved:
            conn.execute(
                delete(members_table).where(
                    members_table.c.article_id.in_([m["article_id"] for m in moved])
                )
            )
            conn.execute(insert(members_table), moved)
        self._refresh_stories(conn, touched)
        return membership

    def _refresh_stories(self, conn: Connection, story_ids: Iterable[int]) -> None:
        """Recount the stories whose membership changed (a new revision each), and drop
        those left with no article."""
        now = _now()
        for story_id in sorted(story_ids):
            ids = list(
                conn.execute(
                    select(members_table.c.article_id).where(members_table.c.story_id == story_id)
                ).scalars()
            )
            if not ids:
                conn.execute(delete(stories_table).where(stories_table.c.id == story_id))
                continue
            members = self._load_articles(conn, ids, with_text=False)
            story = make_story(str(story_id), members)
            conn.execute(
                update(stories_table)
                .where(stories_table.c.id == story_id)
                .values(
                    title=story.title or self._lead(conn, min(members, key=_order).id),
                    size=story.size,
                    outlets=json.dumps(list(story.outlets), ensure_ascii=False),
                    first=story.first,
                    last=story.last,
                    revision=stories_table.c.revision + 1,
                    updated=now,
                )
            )

    @staticmethod
    def _lead(conn: Connection, article_id: str) -> str | None:
        """A story's name when no report has a title: its first report's lead sentence."""
        body = conn.execute(
            select(articles_table.c.text).where(articles_table.c.id == article_id)
        ).scalar_one()
        lead = _SENTENCE_END.split(body.strip(), maxsplit=1)[0].strip()
        if len(lead) > _LEAD_CHARS:
            lead = lead[:_LEAD_CHARS].rsplit(" ", 1)[0] + "…"
        return lead or None

    def delete(
        self, article_ids: Sequence[str] = (), story_id: int | None = None
    ) -> tuple[str, ...]:
        """Delete articles, or a story with all its articles; the ids deleted. The stories
        they leave are recounted (and deleted when empty), never re-clustered."""
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                self._lock(conn)
                m = members_table.c
                ids = list(article_ids)
                if story_id is not None:
                    ids += conn.execute(
                        select(m.article_id).where(m.story_id == story_id)
                    ).scalars()
                found = list(
                    conn.execute(
                        select(articles_table.c.id).where(articles_table.c.id.in_(ids))
                    ).scalars()
                )
                stories = set(
                    conn.execute(select(m.story_id).where(m.article_id.in_(found))).scalars()
                )
                conn.execute(delete(members_table).where(m.article_id.in_(found)))
                conn.execute(delete(articles_table).where(articles_table.c.id.in_(found)))
                self._refresh_stories(conn, stories)
        return tuple(found)

    # -- reads -------------------------------------------------------------------------------

    @staticmethod
    def _article(row: Any) -> Article:
        return Article(
            id=row.id,
            text=getattr(row, "text", ""),
            title=row.title,
            outlet=row.outlet,
            published=datetime.fromisoformat(row.published) if row.published else None,
            url=row.url,
            author=row.author,
            place=row.place,
            source_path=row.origin,
        )

    def _load_articles(
        self, conn: Connection, ids: Sequence[str] | None, with_text: bool = True
    ) -> list[Article]:
        columns = [c for c in articles_table.c if with_text or c.name != "text"]
        query = select(*columns).order_by(articles_table.c.added, articles_table.c.id)
        if ids is not None:
            query = query.where(articles_table.c.id.in_(list(ids)))
        return [self._article(row) for row in conn.execute(query)]

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        with self.engine.connect() as conn:
            return self._load_articles(conn, ids)

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles_table)).scalar_one())

    @staticmethod
    def _story(row: Any) -> StoredStory:
        return StoredStory(
            id=row.id,
            title=row.title,
            size=row.size,
            outlets=tuple(json.loads(row.outlets)),
            first=row.first,
            last=row.last,
            revision=row.revision,
            updated=row.updated,
        )

    def stories(self, limit: int = 20, offset: int = 0) -> tuple[int, list[StoredStory]]:
        """The total and one page of stories, largest first, then newest."""
        s = stories_table.c
        with self.engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(stories_table)).scalar_one())
            rows = conn.execute(
                select(stories_table)
                .order_by(s.size.desc(), s.last.desc().nulls_last(), s.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return total, [self._story(r) for r in rows]

    def story(self, story_id: int) -> tuple[StoredStory, list[Article]] | None:
        """A story and its articles in time order (undated last), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(stories_table).where(stories_table.c.id == story_id)
            ).one_or_none()
            if row is None:
                return None
            ids = conn.execute(
                select(members_table.c.article_id).where(members_table.c.story_id == story_id)
            ).scalars()
            articles = self._load_articles(conn, list(ids))
        articles.sort(key=_order)
        return self._story(row), articles
