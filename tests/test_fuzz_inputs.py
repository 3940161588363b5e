"""Property-based fuzzing of the readers (txt, html, jsonl, rss/atom, warc): whatever the
bytes, reading yields Articles and InputErrors and raises nothing, and every Article can be
written out (no lone surrogate) with a date in the accepted range.

Deterministic (derandomize) and budgeted (max_examples) so that the module runs in CI in
well under a minute."""

from __future__ import annotations

import io
import json
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.errors import InputError
from newsfuse.ingest import read_bytes
from newsfuse.ingest.checks import date_in_range
from newsfuse.model import Article

FUZZ = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that have broken readers, or could: dates at the calendar's edges, lone
# surrogates, control characters, entities of invalid code points, deep brackets.
DATES = st.sampled_from(
    [
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00+14:00",
        "2024-02-30",
        "2024-03-01T10:00:00Z",
        "Fri, 01 Mar 2024 10:00:00 +0000",
        "Fri, 31 Dec 9999 23:59:59 -1200",
        "1 January 0001",
        "99999-01-01",
        "tomorrow",
        "",
        "0",
        "-1",
        "1e400",
    ]
)
NASTY = st.sampled_from(
    ["\ud800", "\udfff", "\x00", "\x1b", "\u2028", "\ufeff", "&#xd800;", "&#0;", "&#x110000;",
     "[" * 3000, "<", "]]>", "\r\n", "   ", "x", "the the", "..."]
)  # fmt: skip
WORDS = st.sampled_from(
    "The council ferry harbour voted said on Friday after storm closed port. "
    "Mayor repairs 2024 March crossing tomorrow".split()
)
PROSE = st.lists(st.one_of(WORDS, NASTY, st.text(max_size=8)), max_size=40).map(" ".join)


def _check(results: list[Article | InputError]) -> None:
    for result in results:
        assert isinstance(result, Article | InputError)
        if isinstance(result, Article):
            assert result.text.strip()
            for value in (result.id, result.text, result.title, result.outlet, result.url):
                if value is not None:
                    value.encode("utf-8")  # no lone surrogate left
            if result.published is not None:
                assert date_in_range(result.published)
                assert isinstance(result.sort_time, datetime)


def _read(data: bytes, name: str, kind: str | None = None) -> None:
    _check(list(read_bytes(data, name, kind, notice=lambda _: None)))


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_under_any_name(data: bytes) -> None:
    for name in ("a.txt", "a.html", "a.jsonl", "a.rss", "a.warc", "a.warc.gz", "noname"):
        _read(data, name)


@FUZZ
@given(
    st.lists(st.one_of(PROSE, DATES), min_size=1, max_size=8),
    st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
)
def test_txt(lines: list[str], encoding: str) -> None:
    text = "\n".join(lines)
    _read(text.encode(encoding, errors="replace"), "a.txt", "txt")
    _read((" date 2024-03-01 " + text).encode("utf-8", errors="surrogatepass"), "b.txt", "txt")


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["p", "h1", "div", "article", "title"]), PROSE)), DATES)
def test_html(blocks: list[tuple[str, str]], date: str) -> None:
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in blocks)
    page = (
        f'<html><head><meta property="article:published_time" content="{date}">'
        f"</head><body>{body}</body></html>"
    )
    _read(page.encode("utf-8", errors="surrogatepass"), "a.html", "html")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | PROSE | DATES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"text": st.one_of(PROSE, JSON_VALUES)},
                optional={
                    "id": JSON_VALUES,
                    "title": st.one_of(PROSE, JSON_VALUES),
                    "published": DATES,
                    "date": JSON_VALUES,
                    "source": PROSE,
                    "url": PROSE,
                },
            ).map(json.dumps),
            JSON_VALUES.map(json.dumps),
            NASTY,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_jsonl(lines: list[str]) -> None:
    # json.dumps writes a lone surrogate as the escape "\ud800": the case that crashed.
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    _read(data, "a.jsonl", "jsonl")


@FUZZ
@given(
    st.lists(st.tuples(PROSE, PROSE, DATES), max_size=4),
    st.booleans(),
)
def test_rss_and_atom(entries: list[tuple[str, str, str]], atom: bool) -> None:
    if atom:
        items = "".join(
            f"<entry><title>{t}</title><updated>{d}</updated><content type='html'>{b}"
            "</content></entry>"
            for t, b, d in entries
        )
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
    else:
        items = "".join(
            f"<item><title>{t}</title><pubDate>{d}</pubDate><description>{b}</description></item>"
            for t, b, d in entries
        )
        feed = f'<?xml version="1.0"?><rss><channel><title>F</title>{items}</channel></rss>'
    _read(feed.encode("utf-8", errors="surrogatepass"), "a.rss", "feed")


def _warc(pages: list[str], gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for n, page in enumerate(pages):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        body = f"<html><body><article><p>{page}</p></article></body></html>"
        payload = io.BytesIO(body.encode("utf-8", errors="surrogatepass"))
        record = writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=payload, http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


@FUZZ
@given(
    st.lists(PROSE, min_size=1, max_size=3),
    st.booleans(),
    st.floats(0.0, 1.0),
    st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=3),
)
def test_warc_cut_and_corrupted(
    pages: list[str], gzip: bool, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(_warc(pages, gzip))
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = data[: max(1, int(cut * len(data)))]
    _read(bytes(data), "a.warc.gz" if gzip else "a.warc", "warc")
