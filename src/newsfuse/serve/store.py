"""The web app's store: articles, stories and which story each article belongs to.

SQLAlchemy Core over SQLite (a file; the default) or PostgreSQL (`postgresql://...`,
through psycopg 3). Every ingest is one transaction: the new articles, the stories
of their re-clustered window and the membership rows commit together or not at
all, so a crash mid-ingest loses nothing that was stored before and never leaves a story
half-written.

Stories are kept up to date incrementally, the streaming model's way
(`newsfuse.cluster.StoryClusterer`): an ingest re-clusters only a bounded window, the new
articles and the `window` stored articles nearest to them in time, with the batch model
(shared nearest neighbours), and the window's groups take over the ids of the stories
they share the most articles with. Articles outside the window keep their story, so an
ingest costs the same at a hundred stored articles and at a hundred thousand, whatever
order articles are uploaded in, with no state in memory to rebuild after a restart (the
window is read from the database, through an index on each article's time). Only the
window articles' features are kept in memory (`newsfuse.cluster.features.FeatureCache`,
keyed by id and text): the window moves little between ingests, so each article is read
once, not on every ingest that clusters it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import (
    create_engine,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from newsfuse.cluster import cluster as _cluster
from newsfuse.cluster import make_story
from newsfuse.cluster.features import FeatureCache
from newsfuse.model import Article, Story
from newsfuse.serve.tables import (
    LEAD_CHARS,
    MAX_ID_CHARS,
    SENTENCE_END,
    WINDOW,
    IngestResult,
    StoredStory,
    articles_table,
    at_time,
    database_url,
    id_key,
    members_table,
    metadata,
    now,
    order,
    sqlite_pragmas,
    storable,
    stories_table,
    text_hash,
)

__all__ = ["MAX_ID_CHARS", "WINDOW", "IngestResult", "Store", "StoredStory", "database_url"]


class Store:
    """Articles and their stories in one database; safe to share between threads."""

    def __init__(
        self,
        db: str | Path,
        cluster: Callable[[Sequence[Article]], list[Story]] | None = None,
        window: int = WINDOW,
    ) -> None:
        self.url = database_url(db)
        self.engine = create_engine(self.url, future=True, pool_pre_ping=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            sqlite_pragmas(self.engine)
        # The window is clustered again on every ingest: its articles' features are kept
        # (the pipeline cluster components share one the same way).
        self._cluster = cluster or partial(_cluster, cache=FeatureCache(2 * window + 256))
        self.window = window
        # Ingests re-cluster the new articles and their window: one at a time in this process, and
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
                at = at_time(self._article(row), row.added)
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
        incoming = [storable(a) for a in articles]
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
        stamp = now()
        for article in incoming:
            digest = text_hash(article.text)
            key = id_key(article.id)
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
                    added=stamp,
                    at=at_time(article, stamp),
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
                        .values(size=0, outlets="[]", revision=0, updated=now())
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
        stamp = now()
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
                    title=story.title or self._lead(conn, min(members, key=order).id),
                    size=story.size,
                    outlets=json.dumps(list(story.outlets), ensure_ascii=False),
                    first=story.first,
                    last=story.last,
                    revision=stories_table.c.revision + 1,
                    updated=stamp,
                )
            )

    @staticmethod
    def _lead(conn: Connection, article_id: str) -> str | None:
        """A story's name when no report has a title: its first report's lead sentence."""
        body = conn.execute(
            select(articles_table.c.text).where(articles_table.c.id == article_id)
        ).scalar_one()
        lead = SENTENCE_END.split(body.strip(), maxsplit=1)[0].strip()
        if len(lead) > LEAD_CHARS:
            lead = lead[:LEAD_CHARS].rsplit(" ", 1)[0] + "…"
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
        articles.sort(key=order)
        return self._story(row), articles
