"""Inputs that once crashed a run (issue 20): each is now one line naming the input, and
the good inputs beside it are still read and briefed."""

from __future__ import annotations

import io
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse import Pipeline, to_json, to_markdown
from newsfuse.clean import repeats
from newsfuse.errors import InputError
from newsfuse.ingest import read, read_bytes
from newsfuse.model import Article

GOOD = {
    "title": "Ferry resumes after storm",
    "source": "Harbour Times",
    "published": "2024-03-01T10:00:00Z",
    "text": "The harbour ferry resumed service on Friday after a storm closed the port. "
    "The operator said all crossings would run on time. Repairs to the pier took two days.",
}
EDGE_DATES = ("9999-12-31T23:59:59-12:00", "0001-01-01T00:00+14:00", "1066-10-14", "2999-01-01")


def _jsonl(*records: dict[str, object] | str) -> bytes:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return ("\n".join(lines) + "\n").encode()


def _parse(data: bytes, name: str = "pile.jsonl") -> tuple[list[Article], list[InputError]]:
    results = list(read_bytes(data, name, notice=lambda _: None))
    articles = [r for r in results if isinstance(r, Article)]
    return articles, [r for r in results if isinstance(r, InputError)]


def test_lone_surrogate_is_replaced_and_the_brief_can_be_written() -> None:
    line = '{"id": "s", "title": "A \\udc00 title", "text": "Half a pair \\ud800 here."}'
    articles, errors = _parse(_jsonl({"id": "g", **GOOD}, line))
    assert not errors and len(articles) == 2
    assert articles[1].text == "Half a pair \ufffd here." and articles[1].title == "A \ufffd title"
    brief = Pipeline().brief(articles)
    to_json(brief).encode("utf-8")
    to_markdown(brief).encode("utf-8")


def test_deeply_nested_json_line_is_one_error() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    articles, errors = _parse(_jsonl({"id": "g", **GOOD}, deep, '{"text": "x", "a": ' + deep + "}"))
    assert [a.id for a in articles] == ["g"]
    assert [str(e) for e in errors] == [
        "pile.jsonl:2: JSON nested too deeply",
        "pile.jsonl:3: JSON nested too deeply",
    ]


def test_dates_outside_the_sane_range_are_dropped_with_a_notice() -> None:
    records = [{**GOOD, "id": f"d{i}", "published": d} for i, d in enumerate(EDGE_DATES)]
    notices: list[str] = []
    results = list(read_bytes(_jsonl(*records), "pile.jsonl", notice=notices.append))
    assert all(isinstance(a, Article) and a.published is None for a in results)
    assert len(notices) == len(EDGE_DATES)
    assert notices[0].startswith("pile.jsonl: article 'd0': publication date 9999-12-31")
    assert notices[0].endswith("dropped")
    kept = list(read_bytes(_jsonl({**GOOD, "published": "1850-06-01"}), "old.jsonl"))
    assert isinstance(kept[0], Article) and kept[0].published == datetime(1850, 6, 1)


@pytest.mark.parametrize("value", EDGE_DATES[:2])
def test_sort_time_and_stories_at_the_calendar_edge(value: str) -> None:
    published = datetime.fromisoformat(value)
    edge = Article("edge", GOOD["text"], published=published)
    assert edge.sort_time in (datetime.max, datetime.min)
    good = Article("good", GOOD["text"], published=datetime(2024, 3, 1, tzinfo=UTC))
    stories = Pipeline().stories([good, edge])
    assert sorted(i for s in stories for i in s.article_ids) == ["edge", "good"]


def test_sort_time_still_converts_ordinary_offsets() -> None:
    published = datetime(2024, 3, 1, 9, tzinfo=timezone(timedelta(hours=-5)))
    assert Article("a", "t", published=published).sort_time == datetime(2024, 3, 1, 14)


@pytest.mark.parametrize("text", ["x", "a b", "the the", "..."])
def test_articles_without_content_words_do_not_crash_clustering(text: str) -> None:
    pipeline = Pipeline()
    alone = pipeline.stories([Article("t", text)])
    assert [s.article_ids for s in alone] == [("t",)]
    mixed = pipeline.stories([Article("t", text), Article("u", text), Article("g", GOOD["text"])])
    assert sorted(i for s in mixed for i in s.article_ids) == ["g", "t", "u"]
    pipeline.brief([Article("t", text), Article("g", GOOD["text"])])


def _warc(gzip: bool, pages: int = 20) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for n in range(pages):
        body = (
            f"<html><head><title>Ferry report {n}</title></head><body><article>"
            + "".join(
                f"<p>Paragraph {k} of report {n}: the harbour ferry ran again on Friday after "
                "the storm, and the operator said every crossing would leave on time.</p>"
                for k in range(5)
            )
            + "</article></body></html>"
        ).encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://example.org/{n}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("crawl.warc.gz", lambda data: data[:100]),
        ("crawl.warc", lambda data: data[: len(data) // 2]),
        ("crawl.warc", lambda data: data.replace(b"WARC-Target-URI", b"WARC-Target", 1)),
        ("crawl.warc", lambda data: b"WARC/1.0\r\nWARC-Type: response\r\n\r\n\r\n\r\n" + data),
        ("crawl.warc", lambda data: data.replace(b"Content-Length", b"Content-Lengthx", 1)),
    ],
)
def test_damaged_warc_is_one_error(name: str, cut: object) -> None:
    data = _warc(name.endswith(".gz"))
    assert callable(cut)
    _, errors = _parse(cut(data), name)
    assert len(errors) == 1 and errors[0].name.startswith(name)


def test_warc_cut_in_half_says_it_is_cut_short() -> None:
    data = _warc(gzip=True)
    articles, errors = _parse(data[: len(data) // 2], "crawl.warc.gz")
    assert 0 < len(articles) < 20
    assert [str(e) for e in errors] == [
        f"crawl.warc.gz: WARC file is cut short: reading stopped after record {len(articles)}"
    ]
    whole, none = _parse(data, "crawl.warc.gz")
    assert len(whole) == 20 and not none


def test_streamed_utf16_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The streamed path (files over the cap) with a cap small enough for a test file.
    monkeypatch.setattr("newsfuse.ingest.reader.MAX_FILE_BYTES", 4000)
    records = [{**GOOD, "id": f"u{n}", "title": f"Ferry {n} ☂"} for n in range(20)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ["{bad"]
    path = tmp_path / "wide.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-16"))
    errors: list[InputError] = []
    articles = read([path], on_error=errors.append, notice=lambda _: None)
    assert [a.id for a in articles] == [f"u{n}" for n in range(20)]
    assert articles[3].title == "Ferry 3 ☂"
    assert [str(e) for e in errors] == [
        f"{path}:21: malformed JSON (Expecting property name enclosed in double quotes)"
    ]


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "pile.jsonl"
    path.write_bytes(_jsonl(*({**GOOD, "id": f"a{n}"} for n in range(40))))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "dedupe", "--quiet", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head -0`: the reader is gone before the first line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


# --- cleaning in linear time --------------------------------------------------------------


def _seconds(rule: Callable[[list[str]], object], paragraphs: list[str]) -> float:
    # CPU time, best of five: wall time on a loaded machine measured the other jobs.
    best = math.inf
    for _ in range(5):
        start = time.process_time()
        rule(paragraphs)
        best = min(best, time.process_time() - start)
    return best


def _growth(rule: Callable[[list[str]], object], make: Callable[[int], list[str]]) -> float:
    """Time on an input twice as long over time on the input: about 2 when linear, 4 when
    quadratic."""
    return _seconds(rule, make(2)) / _seconds(rule, make(1))


def test_repeated_words_is_linear_in_the_paragraph() -> None:
    # One line of words repeated in runs: every match used to copy the whole paragraph.
    unit = "the harbour ferry the harbour ferry "
    assert _growth(repeats.repeated_words, lambda n: [unit * 4000 * n]) < 3


def test_duplicate_sentence_is_linear_in_sentences_of_few_words() -> None:
    rng = random.Random(0)
    words = "ferry harbour storm pier crew port council vote mayor plan road bridge".split()

    def make(n: int) -> list[str]:
        return [
            " ".join(
                "The " + " ".join(rng.choices(words, k=rng.randint(10, 16))) + "." for _ in range(8)
            )
            for _ in range(150 * n)
        ]

    assert _growth(repeats.duplicate_sentence, make) < 3
