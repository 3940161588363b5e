from __future__ import annotations

import json
from datetime import datetime

import newsfuse
from newsfuse.model import Article, Brief, Removal, SummaryItem
from newsfuse.render import citation_labels

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)"> | pipe'


def _brief() -> Brief:
    article = Article(
        id="a<1>",
        text="Body.",
        title=EVIL,
        outlet=EVIL,
        published=datetime(2024, 1, 2),
        url='javascript:alert("x")',
        removed=(Removal("caption", EVIL),),
    )
    return Brief(articles=(article,), summary=(SummaryItem(EVIL, ("a<1>",), 1),), title=EVIL)


def test_html_escapes_every_article_text() -> None:
    html = _brief().to_html()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'onerror="' not in html
    assert "javascript:" not in html  # only http(s) URLs become links


def test_markdown_keeps_table_cells_intact() -> None:
    md = _brief().to_markdown()
    row = next(line for line in md.splitlines() if line.startswith("| a<1>"))
    assert row.count(" | ") == 4  # the pipe inside the title is escaped


def test_json_is_plain_text_and_round_trips() -> None:
    data = json.loads(_brief().to_json())
    assert data["summary"][0] == {"text": EVIL, "citations": ["a<1>"], "independent_sources": 1}
    assert data["removed"] == {"a<1>": [{"rule": "caption", "text": EVIL}]}
    for key in ("copies", "quotes", "discrepancies", "timeline", "exclusives", "entities"):
        assert key in data


def test_citation_labels_shorten_only_when_unique() -> None:
    assert citation_labels(["000_ab", "001_cd"]) == {"000_ab": "000", "001_cd": "001"}
    assert citation_labels(["x_1", "x_2"]) == {"x_1": "x_1", "x_2": "x_2"}


def test_python_api_round_trip(seed_articles: list) -> None:  # type: ignore[type-arg]
    brief = newsfuse.brief(seed_articles, words=80)
    assert isinstance(brief, newsfuse.Brief)
    assert sum(len(item.text.split()) for item in brief.summary) <= 80
    md = brief.to_markdown()
    assert "[000" in md  # seed ids are shortened to their prefix in citations
    assert json.loads(brief.to_json())["sources"][0]["id"] == "000_813b193e1c298078"
