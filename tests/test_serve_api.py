"""The HTTP API and web pages through FastAPI's TestClient, on SQLite."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

import newsfuse
from newsfuse.ingest.formats import parse_txt
from newsfuse.render import brief_schema
from newsfuse.serve import create_app
from newsfuse.serve.app import MAX_JSON_BYTES
from newsfuse.serve.fetch import FeedFetcher

XSS_TITLE = '<script>window.__pwned = "title"</script>Ferry <b>runs</b> aground'
XSS_TEXT = (
    'The harbour ferry ran aground near Kestrel Point on Monday. <img src=x onerror="window.'
    '__pwned = 1"> Harbour master Ana Ruiz said the ferry hit a sandbar "><svg onload=alert(2)>'
    " in fog.\n\nService resumes on Friday </textarea><script>alert(3)</script> after repairs."
)

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Harbour ferry runs aground in fog</title><link>https://example.org/ferry-1</link>
<pubDate>Mon, 19 Jun 2023 09:00:00 GMT</pubDate>
<description>The harbour ferry ran aground near Kestrel Point on Monday and the coastguard
evacuated 40 passengers. Harbour master Ana Ruiz said the ferry hit a sandbar in fog.
</description></item>
<item><title>Ferry aground: passengers evacuated</title><link>https://example.org/ferry-2</link>
<pubDate>Mon, 19 Jun 2023 11:00:00 GMT</pubDate>
<description>Coastguard crews evacuated passengers after the harbour ferry ran aground near
Kestrel Point. The ferry hit a sandbar in thick fog, harbour master Ana Ruiz said.
</description></item>
</channel></rss>"""


@pytest.fixture(autouse=True)
def _loopback(loopback_only: None) -> None:
    """No test here may open a connection beyond loopback, refused or not."""


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(
        create_app(tmp_path / "newsfuse.db"), base_url="http://localhost"
    ) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def feed_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body = RSS.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
            elif self.path == "/page.html":
                body = b"<html><body><p>Not a feed.</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
            else:
                self.send_response(302)
                self.send_header("Location", "http://192.168.0.1/feed.xml")
                body = b""
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _seed_records(seeds_dir: Path) -> list[dict[str, str]]:
    return [{"id": p.stem, "text": p.read_text("utf-8")} for p in sorted(seeds_dir.glob("*.txt"))]


def test_briefs_returns_the_cli_brief_json(client: TestClient, seeds_dir: Path) -> None:
    import newsfuse

    records = _seed_records(seeds_dir)
    response = client.post("/api/briefs", json={"articles": records, "words": 80})
    assert response.status_code == 200
    body = response.json()
    # The same as briefing those articles in Python and rendering as the CLI does; text
    # without a title is read as the CLI reads a .txt file (headline, date line).
    articles = [parse_txt(r["text"].strip(), r["id"]) for r in records]
    assert body == newsfuse.to_dict(newsfuse.brief(articles, words=80))
    jsonschema.validate(body, brief_schema(), cls=jsonschema.Draft202012Validator)
    assert body["summary"] and all(line["citations"] for line in body["summary"])
    assert client.get("/api/stories").json()["total"] == 0  # nothing stored


def test_store_articles_then_read_stories(client: TestClient, seeds_dir: Path) -> None:
    records = _seed_records(seeds_dir)
    response = client.post("/api/articles", json={"articles": records})
    assert response.status_code == 201
    result = response.json()
    assert sorted(result["added"]) == sorted(r["id"] for r in records)
    again = client.post("/api/articles", json={"articles": records[:2]}).json()
    assert again["added"] == [] and len(again["duplicates"]) == 2

    page = client.get("/api/stories", params={"limit": 10}).json()
    assert page["total"] == 1 and page["limit"] == 10 and page["offset"] == 0
    story = page["stories"][0]
    assert story["size"] == 5 and story["id"] in result["stories"]

    detail = client.get(f"/api/stories/{story['id']}").json()
    assert sorted(a["id"] for a in detail["articles"]) == sorted(r["id"] for r in records)
    brief = client.get(f"/api/stories/{story['id']}/brief").json()
    assert len(brief["sources"]) == 5 and brief["summary"]
    # One document: the API's, the download's and the library's for the same articles.
    download = client.get(f"/stories/{story['id']}/brief.json").json()
    # Stored stories list their articles in time order.
    stored = sorted(
        (parse_txt(r["text"].strip(), r["id"]) for r in records), key=lambda a: (a.sort_time, a.id)
    )
    assert brief == download == newsfuse.to_dict(newsfuse.brief(stored))
    # A story's articles (as stored, before cleaning) are described as a brief's sources are.
    assert all(set(a) == set(brief["sources"][0]) for a in detail["articles"])

    html = client.get(f"/stories/{story['id']}").text
    assert 'class="s hl"' not in html and 'data-target="a' in html
    md = client.get(f"/stories/{story['id']}/brief.md")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    assert md.text.startswith("# ")


def test_uploads_and_web_forms(client: TestClient, seeds_dir: Path) -> None:
    files = [
        ("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds_dir.glob("*.txt"))
    ]
    response = client.post("/api/uploads", files=files[:2])
    assert response.status_code == 201 and len(response.json()["added"]) == 2
    response = client.post("/upload", files=files[2:], follow_redirects=False)
    assert response.status_code == 303
    assert "added=3" in response.headers["location"]
    page = client.get(response.headers["location"]).text
    assert "Added 3 articles" in page

    pasted = client.post(
        "/paste",
        data={"text": "A pasted report about something else entirely, in Oslo.", "title": "P"},
        follow_redirects=False,
    )
    assert "added=1" in pasted.headers["location"]
    page = client.get("/").text
    assert page.index("5 articles") < page.index("1 article<")  # largest first

    bad = client.post(
        "/api/uploads", files=[("files", ("x.jsonl", b'{"no_text": 1}\n', "text/plain"))]
    )
    assert bad.status_code == 422 and "text" in bad.json()["error"]["message"]


def test_errors_are_clear_json(client: TestClient) -> None:
    wrong_type = client.post(
        "/api/briefs", content=b"text=hi", headers={"content-type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    assert wrong_type.json()["error"]["message"] == "send the body as application/json"

    invalid = client.post("/api/articles", json={"articles": [{"title": "no text"}]})
    assert invalid.status_code == 422
    assert invalid.json()["error"]["details"][0]["loc"][-1] == "text"

    assert client.post("/api/briefs", json={"articles": []}).status_code == 422
    broken = client.post(
        "/api/briefs", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422

    missing = client.get("/api/stories/12345")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message": "no story 12345"}}
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/no/such/page").json()["error"]["status"] == 404


def test_body_size_limits(client: TestClient) -> None:
    big = b'{"articles": [{"text": "' + b"x" * (MAX_JSON_BYTES + 10) + b'"}]}'
    declared = client.post("/api/briefs", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413
    assert "larger than" in declared.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"articles": [{"text": "'
        for _ in range(11):
            yield b"x" * (1024 * 1024)
        yield b'"}]}'

    streamed = client.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert client.get("/api/stories").json()["total"] == 0


def test_cross_site_form_posts_are_refused(client: TestClient) -> None:
    response = client.post(
        "/paste", data={"text": "Some text."}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403
    response = client.post("/feed", data={"url": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_article_text_is_escaped_in_every_page(client: TestClient) -> None:
    articles = [
        {"id": "evil1", "title": XSS_TITLE, "text": XSS_TEXT, "source": "<i>Wire</i>",
         "url": "javascript:alert(4)"},
        {"id": "evil2", "title": XSS_TITLE, "text": XSS_TEXT + " Passengers were evacuated."},
    ]  # fmt: skip
    stored = client.post("/api/articles", json={"articles": articles}).json()
    pages = [client.get("/").text] + [client.get(f"/stories/{s}").text for s in stored["stories"]]
    for page in pages:
        assert "<script>window" not in page and "<script>alert" not in page
        assert "<img" not in page and "<svg" not in page and "<i>Wire" not in page
        assert 'href="javascript:' not in page
    assert "&lt;script&gt;" in pages[1]
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/briefs", "/api/articles", "/api/feeds", "/api/stories",
                 "/api/stories/{story_id}", "/api/stories/{story_id}/brief"):  # fmt: skip
        assert path in paths
    # The brief's one schema, as shipped with the library, documents both brief endpoints.
    schemas = spec["components"]["schemas"]
    shipped = brief_schema()
    assert schemas["Brief"]["required"] == shipped["required"]
    assert schemas["BriefSource"] == shipped["$defs"]["Source"]
    brief_ref = {"$ref": "#/components/schemas/Brief"}
    for path, method in (("/api/briefs", "post"), ("/api/stories/{story_id}/brief", "get")):
        content = paths[path][method]["responses"]["200"]["content"]["application/json"]
        assert content["schema"] == brief_ref, path
    refs = re.findall(r'"\$ref": "#/components/schemas/(\w+)"', json.dumps(spec))
    assert refs and set(refs) <= set(schemas)  # every reference resolves
    assert "/" not in paths and "/upload" not in paths  # pages are not API


def test_feeds_from_a_local_server(tmp_path: Path, feed_server: str) -> None:
    app = create_app(tmp_path / "feeds.db", fetcher=FeedFetcher(allow_loopback=True))
    with TestClient(app, base_url="http://localhost") as client:
        response = client.post("/api/feeds", json={"url": feed_server + "/feed.xml"})
        assert response.status_code == 201, response.text
        assert len(response.json()["added"]) == 2
        again = client.post("/api/feeds", json={"url": feed_server + "/feed.xml"}).json()
        assert again["added"] == [] and len(again["duplicates"]) == 2  # keyed by link
        story = client.get("/api/stories").json()["stories"][0]
        assert story["size"] == 2 and story["outlets"] == ["Local Wire"]

        not_feed = client.post("/api/feeds", json={"url": feed_server + "/page.html"})
        assert not_feed.status_code == 422
        redirect = client.post("/api/feeds", json={"url": feed_server + "/elsewhere"})
        assert redirect.status_code == 422 and "private" in redirect.json()["error"]["message"]
        form = client.post("/feed", data={"url": "file:///etc/passwd"}, follow_redirects=False)
        assert "error=" in form.headers["location"]


def test_the_default_app_refuses_loopback_feeds(client: TestClient, feed_server: str) -> None:
    response = client.post("/api/feeds", json={"url": feed_server + "/feed.xml"})
    assert response.status_code == 422
    assert "loopback" in response.json()["error"]["message"]
    for url in ("http://localhost:9/feed", "http://[::1]/feed", "http://10.0.0.1/",
                "http://169.254.169.254/latest/meta-data/", "gopher://example.org/"):  # fmt: skip
        assert client.post("/api/feeds", json={"url": url}).status_code == 422
