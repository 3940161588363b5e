"""The store on SQLite and on a real PostgreSQL server started here on loopback.

PostgreSQL: initdb into a temporary folder and pg_ctl on a free port, as the `postgres`
user when run as root (the server refuses root). Skipped, saying why, when the binaries
are absent; `.ci/run` installs them so CI always runs these.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import datetime
from itertools import count
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")

from newsfuse.model import Article, Story
from newsfuse.serve.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _pg_bin() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Postgres:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="newsfuse-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.dir, "postgres", "postgres")
        self._names = count(1)

    def run(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, *args], check=True, capture_output=True, timeout=120, cwd=self.dir
        )

    def start(self) -> None:
        self.run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
            "-l", str(self.dir / "log"), "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        try:
            self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        name = f"newsfuse_{next(self._names)}"
        admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[_Postgres]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL binaries (initdb, pg_ctl) not installed: apt-get install postgresql"
        )
    pytest.importorskip("psycopg")
    server = _Postgres(bin_dir)
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(server.dir, ignore_errors=True)
        log = server.dir / "log"
        detail = log.read_text() if log.exists() else getattr(exc, "stderr", b"")
        pytest.fail(f"PostgreSQL did not start: {exc}\n{detail!s}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind, as the `--db` value a user would give."""
    if request.param == "sqlite":
        return str(tmp_path / "newsfuse.db")
    server: _Postgres = request.getfixturevalue("postgres")
    return server.new_database()


def _article(key: str, text: str, title: str | None = None, day: int = 19) -> Article:
    return Article(id=key, text=text, title=title, published=datetime(2023, 6, day, 9, 0))


FERRY = [
    _article(
        f"ferry{n}",
        "The harbour ferry ran aground near Kestrel Point on Monday, and the coastguard "
        f"evacuated {40 + n} passengers. Harbour master Ana Ruiz said the ferry hit a sandbar "
        "in fog. Ferry service resumes on Friday after repairs to the hull.",
        "Harbour ferry runs aground in fog",
    )
    for n in range(3)
]
BUDGET = [
    _article(
        f"budget{n}",
        "The city council approved the school budget on Tuesday after a long debate. "
        f"Councillor Omar Haddad said {n + 2} new teachers will be hired for the budget year. "
        "The school budget grows by four percent with council approval.",
        "Council approves school budget",
        day=20,
    )
    for n in range(2)
]


def _consistent(store: Store) -> None:
    """Every article in exactly one story, and every story's size its membership."""
    total, stories = store.stories(limit=200)
    members: list[str] = []
    for summary in stories:
        found = store.story(summary.id)
        assert found is not None
        story, articles = found
        assert story.size == len(articles) > 0
        members += [a.id for a in articles]
    assert sorted(members) == sorted(a.id for a in store.articles())
    assert total == len(stories)


def test_articles_and_stories_persist(db: str) -> None:
    store = Store(db)
    result = store.add(FERRY + BUDGET, origin="test")
    assert sorted(result.added) == sorted(a.id for a in FERRY + BUDGET)
    total, stories = store.stories()
    assert total == 2
    assert [s.size for s in stories] == [3, 2]  # largest first
    assert stories[0].title == "Harbour ferry runs aground in fog"
    store.close()
    # A restart loses nothing: a new Store over the same database sees it all.
    again = Store(db)
    assert again.count_articles() == 5
    found = again.story(stories[0].id)
    assert found is not None
    assert [a.id for a in found[1]] == ["ferry0", "ferry1", "ferry2"]
    assert found[1][0].text == FERRY[0].text
    assert found[1][0].published == FERRY[0].published
    _consistent(again)
    again.close()


def test_duplicates_and_id_collisions(db: str) -> None:
    store = Store(db)
    store.add(FERRY[:2])
    result = store.add(FERRY[:2])
    assert result.added == () and sorted(result.duplicates) == ["ferry0", "ferry1"]
    # The same id with other text (two uploads named alike) is kept under a new id.
    other = Article(id="ferry0", text=FERRY[2].text, title=FERRY[2].title)
    result = store.add([other])
    assert len(result.added) == 1 and result.added[0].startswith("ferry0~")
    assert store.count_articles() == 3
    _consistent(store)
    store.close()


def test_story_ids_stay_stable_as_stories_grow(db: str) -> None:
    store = Store(db)
    first = store.add(FERRY[:2] + BUDGET[:1])
    _, stories = store.stories()
    ferry = next(s for s in stories if s.size == 2)
    assert first.stories == tuple(sorted(s.id for s in stories))
    grown = store.add(FERRY[2:] + BUDGET[1:])
    _, after = store.stories()
    assert ferry.id in grown.stories
    again = next(s for s in after if s.id == ferry.id)
    assert again.size == 3 and again.revision == ferry.revision + 1
    _consistent(store)
    store.close()


def test_a_failed_ingest_leaves_the_store_as_it_was(db: str) -> None:
    store = Store(db)
    store.add(FERRY)
    before = store.stories()

    def broken(articles: object) -> list[object]:
        raise RuntimeError("clustering failed")

    store._cluster = broken  # type: ignore[assignment]
    with pytest.raises(RuntimeError):
        store.add(BUDGET)
    assert store.count_articles() == 3
    assert store.stories() == before
    _consistent(store)
    store.close()


_CRASH = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from newsfuse.serve.store import Store
    from tests.test_serve_store import BUDGET, FERRY

    store = Store(sys.argv[1])
    store.add(FERRY)
    inserts = 0

    @event.listens_for(store.engine, "after_cursor_execute")
    def crash(conn, cursor, statement, parameters, context, executemany):
        # Die mid-ingest: after the new articles and a story row are written, while the
        # membership rows are going in; no cleanup, no rollback by this process.
        if statement.lstrip().upper().startswith("INSERT INTO STORY_ARTICLES"):
            os._exit(17)

    store.add(BUDGET)
    """
)


def test_a_crash_mid_ingest_loses_nothing_stored(db: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, db],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 17, done.stderr.decode()
    store = Store(db)
    assert sorted(a.id for a in store.articles()) == ["ferry0", "ferry1", "ferry2"]
    total, stories = store.stories()
    assert total == 1 and stories[0].size == 3
    _consistent(store)
    # And the store takes the interrupted ingest again.
    store.add(BUDGET)
    assert store.stories()[0] == 2
    _consistent(store)
    store.close()


def test_paging_orders_largest_then_newest(db: str) -> None:
    store = Store(db)
    texts = [
        "Volcanic ash grounded flights across Iceland during the eruption.",
        "A chess prodigy from Chennai won the junior world championship.",
        "Strawberry growers in Huelva report a record harvest this spring.",
        "The orchestra premiered a symphony by a Lagos composer.",
        "Engineers tested a hydrogen tram prototype in Dresden overnight.",
    ]
    singles = [_article(f"single{n}", text, day=n + 1) for n, text in enumerate(texts)]
    store.add(FERRY + singles)
    total, page1 = store.stories(limit=3, offset=0)
    _, page2 = store.stories(limit=3, offset=3)
    assert total == 6
    assert page1[0].size == 3
    ordered = page1 + page2
    assert len({s.id for s in ordered}) == 6
    # The singles, newest first.
    lasts = [s.last for s in ordered[1:] if s.last is not None]
    assert len(lasts) == 5
    assert lasts == sorted(lasts, reverse=True)
    store.close()


def test_an_ingest_clusters_only_its_window_in_time(db: str) -> None:
    from newsfuse.cluster import cluster

    piles: list[int] = []

    def counted(articles: list[Article]) -> list[Story]:
        piles.append(len(articles))
        return cluster(articles)

    store = Store(db, cluster=counted, window=8)
    ferry = store.add(FERRY[:2]).stories[0]
    topics = ("tram strike", "library fire", "bridge repair", "marathon route", "zoo birth")
    for n in range(30):
        topic = topics[n % len(topics)]
        text = f"Report {n} on the {topic} in district {n}: officials said work goes on."
        store.add([_article(f"other{n}", text, day=25 + n % 3)])
    # Each ingest saw the new article and at most `window` stored ones, never the store.
    assert max(piles) <= 9
    # The ferry reports are far back in the store, but nearest in time: the window holds
    # them, and a late ferry report joins their story.
    assert store.add(FERRY[2:]).stories == (ferry,)
    found = store.story(ferry)
    assert found is not None and found[0].size == 3
    _consistent(store)
    store.close()


def test_deleting_articles_and_stories(db: str) -> None:
    store = Store(db)
    store.add(FERRY + BUDGET)
    _, stories = store.stories()
    ferry, budget = stories[0], stories[1]
    assert store.delete(["ferry1", "no-such-id"]) == ("ferry1",)
    found = store.story(ferry.id)
    assert found is not None and found[0].size == 2
    assert found[0].revision > ferry.revision  # cached briefs of it are stale
    assert sorted(store.delete(story_id=budget.id)) == ["budget0", "budget1"]
    assert store.story(budget.id) is None
    assert store.delete(["ferry0", "ferry2"]) and store.stories()[0] == 0
    assert store.count_articles() == 0
    store.close()


def test_a_store_from_before_the_time_column_is_upgraded(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    Store(path).add(FERRY)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX ix_articles_at")
        conn.execute("ALTER TABLE articles DROP COLUMN at")
    store = Store(path)
    assert store.add(FERRY[:1] + BUDGET[:1]).added == ("budget0",)
    _consistent(store)
    store.close()


def test_cached_features_change_no_assignment(tmp_path: Path) -> None:
    """A sequence of ingests of real reports (one to three at a time, out of time order,
    the window moving) gives the same stories with the store's feature cache as with every
    window article read afresh."""
    from conftest import SHARED, require

    from newsfuse.cluster import cluster
    from newsfuse.ingest import read

    articles = read([require(SHARED / "clusters" / "giveme5w1h_news_cluster.jsonl")])[:150]
    cached = Store(str(tmp_path / "cached.db"), window=40)
    fresh = Store(str(tmp_path / "fresh.db"), cluster=lambda a: cluster(a), window=40)
    order = sorted(range(len(articles)), key=lambda i: (i * 37) % len(articles))
    sizes = count()
    start = 0
    while start < len(order):
        batch = [articles[i] for i in order[start : start + 1 + next(sizes) % 3]]
        start += len(batch)
        assert cached.add(batch) == fresh.add(batch)
    for store in (cached, fresh):
        _consistent(store)

    def listed(store: Store) -> list[tuple[object, ...]]:
        # Everything but the time each story was written.
        rows: list[tuple[object, ...]] = []
        for s in store.stories(limit=500)[1]:
            found = store.story(s.id)
            assert found is not None
            rows.append((s.id, s.title, s.size, s.outlets, s.first, s.last, s.revision, found[1]))
        return rows

    stories = listed(cached)
    assert stories == listed(fresh) and len(stories) > 10
    cached.close()
    fresh.close()
