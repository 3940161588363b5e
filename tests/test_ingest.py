from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from newsfuse.ingest import InputError, read, read_bytes
from newsfuse.ingest.formats import parse_txt


def _read(paths: list[Path]) -> tuple[list, list[InputError]]:  # type: ignore[type-arg]
    errors: list[InputError] = []
    return read(paths, on_error=errors.append), errors


def test_txt_crawl_date_token_is_metadata_not_text() -> None:
    article = parse_txt(" date 2024-02-03 (OSLO) — The council voted on Friday.", "a")
    assert article.published == datetime(2024, 2, 3)
    assert "date" not in article.text
    assert article.title is None


def test_txt_headline_and_date_line() -> None:
    text = "Council approves harbour plan\n\n3 February 2024, 09:34\n\nThe council voted.\n\nMore."
    article = parse_txt(text, "a")
    assert article.title == "Council approves harbour plan"
    assert article.published == datetime(2024, 2, 3, 9, 34)
    assert article.text.startswith("The council voted.")


def test_txt_first_line_that_is_a_sentence_is_body() -> None:
    article = parse_txt("The council voted on Friday to approve the plan.\n\nMore text.", "a")
    assert article.title is None
    assert article.text.startswith("The council voted")


def test_seed_metadata(seed_articles: list) -> None:  # type: ignore[type-arg]
    by_id = {a.id.split("_")[0]: a for a in seed_articles}
    assert sorted(by_id) == ["000", "001", "002", "003", "004"]
    assert by_id["000"].published == datetime(2023, 6, 19)
    assert by_id["000"].title is not None and by_id["000"].title.startswith("Chinese President")
    assert by_id["004"].published == datetime(2023, 6, 19, 9, 34)
    assert by_id["004"].title == "Top US diplomat to meet Chinese President in bid to ease tensions"
    assert by_id["003"].title is None and not by_id["003"].text.startswith("date")
    assert all(a.id == Path(a.source_path).stem for a in seed_articles)


def test_html_with_trafilatura(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        """<!doctype html><html><head><title>Bridge reopens | Daily Example</title>
        <meta property="og:title" content="Bridge reopens after repairs">
        <meta property="og:site_name" content="Daily Example">
        <meta name="author" content="Ana Lind">
        <meta property="article:published_time" content="2025-05-02T08:00:00Z">
        <link rel="canonical" href="https://daily.example/bridge"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Bridge reopens after repairs</h1>
        <p>The old river bridge reopened to traffic on Thursday after eight months of repairs,
        the city transport office said in a statement.</p>
        <p>Engineers replaced the deck and two of the four piers, at a cost the office put at
        twelve million crowns, slightly above the budget approved last year.</p></article>
        <footer>Copyright Daily Example</footer></body></html>""",
        encoding="utf-8",
    )
    (article,) = read([page])
    assert article.id == "page"
    assert article.title == "Bridge reopens after repairs"
    assert article.outlet == "Daily Example"
    assert article.author == "Ana Lind"
    assert article.url == "https://daily.example/bridge"
    assert article.published is not None and article.published.date().isoformat() == "2025-05-02"
    assert article.text.startswith("The old river bridge reopened")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert len(article.paragraphs) == 2


def test_shipped_example_reads_every_format() -> None:
    root = Path(__file__).resolve().parents[1] / "examples" / "harbour-ferry"
    articles, errors = _read([root])
    assert not errors
    assert len(articles) == 6
    html = next(a for a in articles if a.source_path and a.source_path.endswith(".html"))
    assert html.outlet and html.title and html.published
    jsonl = next(a for a in articles if a.source_path and a.source_path.endswith(".jsonl"))
    assert jsonl.outlet and jsonl.url and jsonl.published


def test_jsonl_fields_aliases_ids_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Alpha text.", "outlet": "Out", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps(
            {"text": "Beta text.", "source": "Src", "published": "2024-01-03T10:00:00Z", "extra": 1}
        ),
        "",
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, errors = _read([path])
    assert [a.id for a in articles] == ["a1", "feed:5"]
    assert articles[0].outlet == "Out" and articles[0].published == datetime(2024, 1, 2)
    assert articles[1].outlet == "Src" and articles[1].published is not None
    reasons = {e.name: e.reason for e in errors}
    assert set(reasons) == {f"{path}:2", f"{path}:3", f"{path}:4"}
    assert "malformed JSON" in reasons[f"{path}:2"]
    assert '"text"' in reasons[f"{path}:3"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_bad_files_are_reported_and_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A sentence about the harbour.\n", encoding="utf-8")
    articles, errors = _read([bad, good])
    assert [a.id for a in articles] == ["good"]
    assert len(errors) == 1 and errors[0].name == str(bad) and reason in errors[0].reason


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    articles, errors = _read([tmp_path / "nope.txt", empty])
    assert articles == []
    assert [e.reason for e in errors] == [
        "no such file or folder",
        "folder holds no .txt, .html or .jsonl files",
    ]


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.ingest.reader as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    articles, errors = _read([big])
    assert not articles and "larger than" in errors[0].reason


def test_jsonl_over_the_file_cap_is_read_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A day of feeds in one JSONL file outgrows the per-file cap; the cap then holds per
    # line, and every other line is read.
    import newsfuse.ingest.reader as ingest

    cap = 400
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", cap)
    records = [{"id": f"n{n}", "text": f"The council met for the {n}th time."} for n in range(20)]
    records[3] = {"id": "long", "text": "word " * 100}
    padding = cap - len(json.dumps({"id": "edge", "text": ""}))
    records[5] = {"id": "edge", "text": "x" * padding}  # exactly the cap
    # Not UTF-8: a legacy export, guessed once for the file (one line alone is too little
    # to tell cp1252 from its neighbours).
    legacy = [
        "Le maire a annoncé que la fête aura lieu à l'hôtel de ville en décembre prochain.",
        "La crème brûlée était servie à côté du théâtre après la soirée.",
        "Les élèves ont présenté leur travail à la préfecture mercredi.",
    ]
    for n, text in zip((9, 12, 15), legacy, strict=True):
        records[n] = {"id": f"legacy{n}", "text": text}
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records]
    lines[7] = b"{not json"
    for n in (9, 12, 15):
        lines[n] = lines[n].decode("utf-8").encode("cp1252")
    day = tmp_path / "day.jsonl"
    day.write_bytes(b"\r\n".join(lines))  # CRLF, and no newline after the last line
    notices: list[str] = []
    errors: list[InputError] = []
    articles = read([day], on_error=errors.append, notice=notices.append)
    assert [(e.name, e.reason) for e in errors] == [
        (f"{day}:4", "line larger than 20 MB, skipped"),
        (f"{day}:8", "malformed JSON (Expecting property name enclosed in double quotes)"),
    ]
    by_id = {a.id: a.text for a in articles}
    assert len(by_id) == 18 and by_id["edge"] == "x" * padding and by_id["n19"]
    # One guess for the file, named once; every such line decoded with it. (Which code
    # page a short text is in is charset_normalizer's guess: cp1250 and cp1252 differ
    # only in a few letters.)
    (notice,) = notices
    guessed = notice.removeprefix(f"{day}: not UTF-8, lines decoded as ").split()[0]
    assert notice.endswith("(first: line 10)") and guessed.startswith("cp125")
    assert [by_id[f"legacy{n}"] for n in (9, 12, 15)] == [
        text.encode("cp1252").decode(guessed) for text in legacy
    ]
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(bytes(range(256)) * 4)
    articles, errors = _read([binary])
    assert not articles and [str(e) for e in errors] == [f"{binary}: binary data, not text"]


def test_jsonl_lines_end_at_newlines_only(tmp_path: Path) -> None:
    # U+2028 is valid inside a JSON string; str.splitlines() would break the line there.
    path = tmp_path / "small.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "One\u2028two."}, ensure_ascii=False) + "\n")
    articles, errors = _read([path])
    assert not errors and [a.id for a in articles] == ["a"]


def test_non_utf8_is_detected_and_named() -> None:
    text = "Le maire a annoncé que la fête aura lieu à l'hôtel de ville en décembre prochain."
    notices: list[str] = []
    (article,) = list(read_bytes(text.encode("cp1252"), "fr.txt", notice=notices.append))
    assert not isinstance(article, InputError)
    assert "annoncé" in article.text and "hôtel" in article.text
    assert len(notices) == 1 and "fr.txt" in notices[0] and "decoded as" in notices[0]


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("First copy of the text.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("Second copy of the text.", encoding="utf-8")
    articles, errors = _read([tmp_path])
    assert len(articles) == 1 and articles[0].text.startswith("First")
    assert "duplicate article id" in errors[0].reason
