from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsfuse
from newsfuse.ingest import InputError, read_bytes
from newsfuse.ingest.warc import parse_warc_file

PARAGRAPH = (
    "The harbour authority in Kessel said on Tuesday that the ferry Saint Orla would stay "
    "in dry dock until inspectors finish checking the steering gear, which failed twice."
)
SECOND = (
    "Passengers booked on the morning crossing will be carried by the smaller ferry Brenna, "
    "and the authority said timetables would be posted at the terminal by Wednesday."
)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>The Kessel Courier</title>
  <link>https://courier.example/</link>
  <item>
    <title>Saint Orla stays in dry dock</title>
    <link>https://courier.example/ferry</link>
    <pubDate>Tue, 17 Mar 2026 09:30:00 +0100</pubDate>
    <description>&lt;p&gt;{PARAGRAPH}&lt;/p&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Empty entry</title>
    <description></description>
  </item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Eastmark Gazette</title>
  <id>urn:example:gazette</id>
  <updated>2026-03-17T12:00:00Z</updated>
  <entry>
    <title>Ferry repairs: what we know</title>
    <id>urn:example:gazette:1</id>
    <link href="https://gazette.example/ferry-repairs"/>
    <published>2026-03-17T11:00:00Z</published>
    <updated>2026-03-17T11:00:00Z</updated>
    <author><name>Mira Holt</name></author>
    <content type="text">{PARAGRAPH}</content>
  </entry>
</feed>
"""

PAGE = f"""<!doctype html><html><head><title>Saint Orla stays in dry dock</title>
<meta property="og:site_name" content="Vardanian Standard"></head>
<body><article><h1>Saint Orla stays in dry dock</h1><p>{PARAGRAPH}</p><p>{SECOND}</p>
</article></body></html>"""


def _warc(path: Path, pages: list[tuple[str, str, str]]) -> Path:
    """A WARC with a request and a response per page, plus one image response."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
    for url, content_type, body in pages:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
        )
        writer.write_record(response)
    path.write_bytes(stream.getvalue())
    return path


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    (tmp_path / "courier.rss").write_text(RSS, encoding="utf-8")
    errors: list[InputError] = []
    articles = newsfuse.ingest.read([tmp_path], on_error=errors.append)
    assert len(articles) == 1
    article = articles[0]
    assert article.id == "courier:1"
    assert article.title == "Saint Orla stays in dry dock"
    assert article.outlet == "The Kessel Courier"
    assert article.url == "https://courier.example/ferry"
    assert article.published == datetime(2026, 3, 17, 8, 30, tzinfo=UTC)
    assert article.paragraphs == [PARAGRAPH, SECOND]
    assert [e.reason for e in errors] == ["feed entry has no text"]


def test_atom_by_sniffing_and_xml_suffix(tmp_path: Path) -> None:
    results = list(read_bytes(ATOM.encode("utf-8"), "gazette"))
    assert len(results) == 1 and not isinstance(results[0], InputError)
    assert results[0].outlet == "Eastmark Gazette"
    assert results[0].author == "Mira Holt"
    assert results[0].text == PARAGRAPH
    (tmp_path / "gazette.xml").write_text(ATOM, encoding="utf-8")
    assert [a.id for a in newsfuse.read(tmp_path / "gazette.xml")] == ["gazette:1"]


def test_broken_feed_is_one_error() -> None:
    results = list(read_bytes(b"<rss><channel><title>x</title>", "broken.rss", kind="feed"))
    assert len(results) == 1 and isinstance(results[0], InputError)


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    for name in ("crawl.warc", "crawl2.warc.gz"):
        path = _warc(
            tmp_path / name,
            [
                ("https://standard.example/ferry", "text/html; charset=utf-8", PAGE),
                ("https://standard.example/logo.png", "image/png", "not really a png"),
            ],
        )
        if name.endswith(".gz"):
            assert gzip.decompress(path.read_bytes())[:4] == b"WARC"
    errors: list[InputError] = []
    articles = newsfuse.ingest.read([tmp_path], on_error=errors.append)
    assert not errors
    assert len(articles) == 2
    article = articles[0]
    assert article.id == "crawl:2"  # the response record, after its request
    assert article.title == "Saint Orla stays in dry dock"
    assert article.url == "https://standard.example/ferry"
    assert PARAGRAPH in article.text and SECOND in article.text
    assert articles[1].id == "crawl2:2"


def test_warc_without_pages_and_not_a_warc(tmp_path: Path) -> None:
    empty = _warc(tmp_path / "images.warc", [("https://x.example/a.png", "image/png", "png")])
    results = list(read_bytes(empty.read_bytes(), str(empty)))
    assert [r.reason for r in results if isinstance(r, InputError)] == [
        "WARC file holds no HTML responses"
    ]
    junk = list(read_bytes(b"WARC/1.0\r\nnonsense", "junk.warc", kind="warc"))
    assert len(junk) == 1 and isinstance(junk[0], InputError)


def test_warc_streams_past_the_file_cap_with_a_cap_per_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = PAGE.replace(PARAGRAPH, PARAGRAPH + " " + "Harbour notes. " * 400)
    path = _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://standard.example/ferry", "text/html; charset=utf-8", PAGE),
            ("https://standard.example/long", "text/html; charset=utf-8", big),
        ],
    )
    # A file far over the per-file cap is still read: the cap binds each record instead.
    cap = len(PAGE.encode("utf-8")) + 100
    assert path.stat().st_size > 0 and len(big) > cap
    monkeypatch.setattr(newsfuse.ingest.reader, "MAX_FILE_BYTES", 10)
    monkeypatch.setattr(
        newsfuse.ingest.reader,
        "parse_warc_file",
        lambda stream, stem, source: parse_warc_file(stream, stem, source, max_record_bytes=cap),
    )
    errors: list[InputError] = []
    articles = newsfuse.ingest.read([path], on_error=errors.append)
    assert [a.id for a in articles] == ["crawl:2"]
    assert [e.name for e in errors] == [f"{path}:4"]
    assert errors[0].reason.startswith("record larger than")
