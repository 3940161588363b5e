"""Issue 20, the web server: bad inputs, cross-site requests and host names, uploads read
as the CLI reads files, briefing in worker processes under a time limit, deleting."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsfuse.model import Article
from newsfuse.pipeline import Pipeline
from newsfuse.serve import create_app
from newsfuse.serve.briefing import BriefPool, BriefTimeout
from newsfuse.serve.fetch import FeedFetcher, FetchError
from newsfuse.serve.server import allowed_hosts

if TYPE_CHECKING:
    from httpx import Response

HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


def ferry(n: int, extra: str = "", published: str | None = "2023-06-19") -> dict[str, str]:
    return {
        "id": f"ferry{n}",
        "title": "Harbour ferry runs aground in fog",
        **({"published": published} if published else {}),
        "text": "The harbour ferry ran aground near Kestrel Point on Monday, and the coastguard "
        f"evacuated {40 + n} passengers. Harbour master Ana Ruiz said the ferry hit a sandbar "
        f"in fog. Ferry service resumes on Friday after repairs to the hull.{extra}",
    }


@pytest.fixture(autouse=True)
def _loopback(loopback_only: None) -> None:
    """No test here may open a connection beyond loopback."""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path / "newsfuse.db")
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as test:
        yield test


def _json_error(response: Response, status: int | None = None) -> None:
    # Typed, not checked with isinstance: with the embeddings extra, huggingface_hub installs
    # httpx2 and the test client then answers with its Response class.
    if status is None:
        assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    else:
        assert response.status_code == status, (response.status_code, response.text[:200])
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["message"]
    for header in HEADERS:
        assert header in response.headers


DEEP = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
BAD_WARC = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nxx"
SURROGATE = b'{"text": "A report \\ud800 about the harbour ferry and its repairs."}\n'


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/briefs", {"articles": [{"text": "x", "published": "9999-12-31"}]}),
        ("get", "/api/stories?offset=9223372036854775808", None),
        ("get", "/api/stories/100000000000000000000", None),
        ("get", "/api/stories/1e20", None),
        ("get", "/api/stories/0/brief", None),
        ("upload", "deep.jsonl", DEEP),
        ("upload", "bad.warc", BAD_WARC),
        ("upload", "surrogate.jsonl", SURROGATE),
    ],
)
def test_bad_inputs_get_json_4xx_with_headers(
    client: TestClient, method: str, path: str, body: object
) -> None:
    if method == "upload":
        assert isinstance(body, bytes)
        response = client.post("/api/uploads", files={"files": (path, body)})
        if response.status_code == 201:  # read after all: stored, never a server error
            return
    elif method == "post":
        response = client.post(path, json=body)
    else:
        response = client.get(path)
    _json_error(response)


def test_a_story_with_a_bad_date_is_never_a_500_and_can_be_deleted(client: TestClient) -> None:
    # Undated reports: time apart does not keep the one dated 9999 out of their story.
    articles = [ferry(n, published=None) for n in range(3)]
    bad = ferry(9, " Divers inspect the hull tomorrow.", published="9999-12-31")
    assert client.post("/api/articles", json={"articles": articles}).status_code == 201
    # A date outside the sane range is refused as ingest refuses it, one JSON 4xx...
    _json_error(client.post("/api/articles", json={"articles": [bad]}), 422)
    # ...and a story that cannot be briefed for any other reason can be mended by deleting.
    bad = ferry(9, " Divers inspect the hull tomorrow.", published=None)
    added = client.post("/api/articles", json={"articles": [bad]}).json()
    story = added["stories"][0]
    assert client.get(f"/api/stories/{story}").json()["size"] == 4
    for path in ("/api/stories/{}/brief", "/stories/{}", "/stories/{}/brief.md"):
        response = client.get(path.format(story))
        assert response.status_code in (200, 422), response.text[:200]
        if response.status_code == 422:
            assert "delete" in response.text
    page = client.get(f"/stories/{story}", headers={"accept": "text/html"})
    if page.status_code == 422:  # the page offers to delete each of the story's articles
        assert 'name="id" value="ferry9"' in page.text
    deleted = client.delete("/api/articles/ferry9")
    assert deleted.status_code == 200 and deleted.json() == {"deleted": ["ferry9"]}
    page = client.get(f"/stories/{story}", headers={"accept": "text/html"})
    assert page.status_code == 200 and f'action="/stories/{story}/delete"' in page.text
    assert 'action="/articles/delete"' in page.text
    response = client.post("/articles/delete", data={"id": "ferry2"}, follow_redirects=False)
    assert response.status_code == 303 and "deleted=1" in response.headers["location"]
    assert "Deleted 1 article." in client.get(response.headers["location"]).text
    _json_error(client.delete("/api/articles/ferry9"), 404)
    # A whole story, from its page's form.
    response = client.post(f"/stories/{story}/delete", follow_redirects=False)
    assert response.status_code == 303 and "deleted=2" in response.headers["location"]
    assert client.get("/api/stories").json()["total"] == 0
    _json_error(client.delete(f"/api/stories/{story}"), 404)


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example", "sec-fetch-site": "cross-site"},
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"sec-fetch-site": "same-site"},
    ],
)
def test_cross_site_writes_are_refused_on_every_route(
    client: TestClient, headers: dict[str, str]
) -> None:
    upload = {"files": ("a.txt", b"The harbour ferry ran aground near Kestrel Point.")}
    _json_error(client.post("/api/uploads", files=upload, headers=headers), 403)
    _json_error(client.post("/api/articles", json={"articles": [ferry(1)]}, headers=headers), 403)
    _json_error(client.delete("/api/stories/1", headers=headers), 403)
    assert client.post("/paste", data={"text": "x"}, headers=headers).status_code == 403
    assert client.get("/api/stories").json()["total"] == 0
    # Our own pages, and clients that are not browsers, may write.
    own = {"origin": "http://localhost", "sec-fetch-site": "same-origin"}
    assert client.post("/api/uploads", files=upload, headers=own).status_code == 201


def test_host_names_outside_the_allow_list_are_refused(tmp_path: Path) -> None:
    app = create_app(tmp_path / "n.db", allowed_hosts=["news.example.org"])
    with TestClient(app, base_url="http://attacker.example") as rebound:
        _json_error(rebound.get("/api/stories"), 400)
    with TestClient(app, base_url="http://news.example.org:8000") as named:
        assert named.get("/api/stories").status_code == 200
    with TestClient(create_app(tmp_path / "n.db"), base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/stories").status_code == 200


def test_binding_beyond_loopback_without_hosts_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="newsfuse"):
        assert allowed_hosts("127.0.0.1") == ("127.0.0.1", "localhost", "127.0.0.1", "::1")
        assert not caplog.records
        assert "0.0.0.0" in allowed_hosts("0.0.0.0")
    assert "--allowed-hosts" in caplog.text
    assert allowed_hosts("0.0.0.0", ["news.example.org"]) == ("news.example.org",)


RSS_WITH_STYLESHEET = b"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Harbour ferry runs aground</title><link>https://example.org/1</link>
<description>The harbour ferry ran aground near Kestrel Point on Monday.</description></item>
<item><title>Passengers evacuated</title><link>https://example.org/2</link>
<description>The coastguard evacuated forty passengers from the ferry.</description></item>
</channel></rss>"""
SAVED_PAGE = b"""<!-- saved from url=(0030)https://example.org/ferry -->
<html><head><title>Harbour ferry runs aground</title></head><body><article>
<h1>Harbour ferry runs aground</h1>
<p>The harbour ferry ran aground near Kestrel Point on Monday, and the coastguard evacuated
forty passengers. Harbour master Ana Ruiz said the ferry hit a sandbar in thick fog.</p>
<p>Service resumes on Friday after repairs to the hull, the operator said.</p>
</article></body></html>"""


def test_uploads_are_read_as_the_cli_reads_files(client: TestClient) -> None:
    feed = client.post("/api/uploads", files={"files": ("wire.rss", RSS_WITH_STYLESHEET)})
    assert feed.status_code == 201 and len(feed.json()["added"]) == 2
    page = client.post("/api/uploads", files={"files": ("ferry.html", SAVED_PAGE)})
    assert page.status_code == 201
    story = client.get(f"/api/stories/{page.json()['stories'][0]}").json()
    assert story["articles"][0]["title"] == "Harbour ferry runs aground"
    long_id = json.dumps({"id": "x" * 10_000, "text": "A report on the harbour ferry."})
    stored = client.post("/api/uploads", files={"files": ("long.jsonl", long_id.encode())})
    assert stored.status_code == 201 and len(stored.json()["added"][0]) <= 400


def test_pasted_text_is_read_as_a_txt_file(client: TestClient) -> None:
    text = "Harbour ferry runs aground in fog\n\n19 June 2023\n\n" + ferry(1)["text"]
    added = client.post("/api/articles", json={"articles": [{"text": text}]}).json()
    story = client.get(f"/api/stories/{added['stories'][0]}").json()
    assert story["title"] == "Harbour ferry runs aground in fog"
    assert story["articles"][0]["published"].startswith("2023-06-19")
    # Without a headline, a story is named by its lead sentence, not "Untitled story".
    bare = "The city council approved the school budget on Tuesday. It grows four percent."
    added = client.post("/api/articles", json={"articles": [{"text": bare}]}).json()
    story = client.get(f"/api/stories/{added['stories'][0]}").json()
    assert story["title"] == "The city council approved the school budget on Tuesday."


def test_briefs_are_cached_for_every_words(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = BriefPool.brief

    def counted(self: BriefPool, pipeline: Pipeline, *args: object) -> object:
        calls.append(pipeline.config.summary.words)
        return real(self, pipeline, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(BriefPool, "brief", counted)
    story = client.post("/api/articles", json={"articles": [ferry(n) for n in range(3)]})
    story_id = story.json()["stories"][0]
    for _ in range(3):
        for words in (40, 120):
            response = client.get(f"/api/stories/{story_id}/brief", params={"words": words})
            assert response.status_code == 200
    assert sorted(calls) == [40, 120]


@pytest.fixture(scope="module")
def pile(seeds_dir: Path) -> list[Article]:
    import newsfuse

    return newsfuse.read(seeds_dir)


def test_a_brief_over_its_time_limit_is_stopped_and_others_go_on(pile: list[Article]) -> None:
    heavy = [
        Article(id=f"{a.id}-{n}", text=a.text, title=a.title, published=a.published)
        for n in range(30)
        for a in pile
    ]  # about 5 s to brief, alone on a quiet core
    pipeline = Pipeline()
    pool = BriefPool(workers=2, seconds=2.0)
    try:
        pool.brief(pipeline, pile[:2])  # warm: both workers started
        light_took: list[float] = []

        def light() -> None:
            started = time.monotonic()
            pool.brief(pipeline, pile[:2])
            light_took.append(time.monotonic() - started)

        started = time.monotonic()
        thread = threading.Thread(target=light)
        with pytest.raises(BriefTimeout):
            thread.start()
            pool.brief(pipeline, heavy)
        thread.join()
        assert time.monotonic() - started < 6
        assert light_took and light_took[0] < 2.0
        # The stopped worker was replaced: the pool still briefs.
        assert pool.brief(pipeline, pile[:2]).summary
    finally:
        pool.close()


def test_the_api_answers_503_when_a_brief_overruns(tmp_path: Path, pile: list[Article]) -> None:
    app = create_app(tmp_path / "n.db", brief_seconds=0.05)
    with TestClient(app, base_url="http://localhost") as slow:
        records = [{"text": a.text, "title": a.title} for a in pile]
        response = slow.post("/api/briefs", json={"articles": records})
        _json_error(response, 503)
        assert "longer than 0.05 s" in response.json()["error"]["message"]


def test_the_fetch_deadline_holds_while_headers_drip() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        conn.recv(4096)
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
            if stop.wait(0.1):
                break
            conn.sendall(bytes([byte]))
        conn.close()

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    fetcher = FeedFetcher(allow_loopback=True, timeout=1.0, deadline=1.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert time.monotonic() - started < 2.0
    stop.set()
    thread.join()
    listener.close()
