from __future__ import annotations

import ast
import dataclasses
import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from conftest import EXAMPLE
from jinja2 import Environment, FileSystemLoader

import newsfuse
from newsfuse.model import Article, Brief, Removal, SummaryItem, TimelineEntry
from newsfuse.render import SCHEMA_VERSION, brief_schema, build_view, citation_labels
from newsfuse.render.rank import FULL

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)"> | pipe'
SRC = Path(newsfuse.__file__).parent


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


def _validator() -> jsonschema.Draft202012Validator:
    schema = brief_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_html_escapes_every_article_text() -> None:
    html = newsfuse.to_html(_brief())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'onerror="' not in html
    assert "javascript:" not in html  # only http(s) URLs become links


def test_markdown_keeps_table_cells_intact() -> None:
    md = newsfuse.to_markdown(_brief())
    # The label is the outlet's name: the payload, escaped.
    row = next(line for line in md.splitlines() if line.startswith("| <script>"))
    assert row.count(" | ") == 4  # the pipe inside the title is escaped


def test_json_is_plain_text_and_round_trips() -> None:
    data = json.loads(newsfuse.to_json(_brief()))
    assert data["summary"][0] == {"text": EVIL, "citations": ["a<1>"], "independent_sources": 1}
    assert data["removed"] == {"a<1>": [{"rule": "caption", "text": EVIL}]}
    for key in ("copies", "quotes", "discrepancies", "timeline", "exclusives", "entities"):
        assert key in data


def test_document_says_its_schema_version_and_how_it_was_made() -> None:
    data = newsfuse.to_dict(_brief())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["newsfuse_version"] == newsfuse.__version__
    assert "config" not in data  # only when the brief records it
    made = dataclasses.replace(_brief(), config={"summary": {"words": 80}})
    assert newsfuse.to_dict(made)["config"] == {"summary": {"words": 80}}
    _validator().validate(newsfuse.to_dict(made))


@pytest.mark.parametrize("name", ["seeds", "example"])
def test_every_brief_matches_the_one_schema(name: str, seed_brief: Brief) -> None:
    result = seed_brief if name == "seeds" else newsfuse.brief(newsfuse.read(EXAMPLE))
    validator = _validator()
    document = json.loads(newsfuse.to_json(result))
    validator.validate(document)
    # Every section is filled on these, so the schema is exercised, not only its top level.
    for key in ("summary", "copies", "quotes", "discrepancies", "timeline", "entities"):
        assert document[key], (name, key)
    # The schema is strict: a key it does not define, or a missing one, is caught.
    assert not validator.is_valid({**document, "extra": 1})
    assert not validator.is_valid({k: v for k, v in document.items() if k != "sources"})
    broken = json.loads(json.dumps(document))
    broken["summary"][0]["citations"] = "000"
    assert not validator.is_valid(broken)


def test_citation_labels_shorten_only_when_unique() -> None:
    assert citation_labels(["000_ab", "001_cd"]) == {"000_ab": "000", "001_cd": "001"}
    assert citation_labels(["x_1", "x_2"]) == {"x_1": "x_1", "x_2": "x_2"}


def test_python_api_round_trip(seed_articles: list[Article]) -> None:
    brief = newsfuse.brief(seed_articles, words=80)
    assert isinstance(brief, newsfuse.Brief)
    assert sum(len(item.text.split()) for item in brief.summary) <= 80
    md = newsfuse.to_markdown(brief)
    assert "[000" in md  # seed ids are shortened to their prefix in citations
    assert json.loads(newsfuse.to_json(brief))["sources"][0]["id"] == "000_813b193e1c298078"


def _story_page(view: object) -> str:
    env = Environment(loader=FileSystemLoader(SRC / "serve" / "templates"), autoescape=True)
    story = SimpleNamespace(id=1, outlets=())
    return env.get_template("story.html").render(view=view, story=story)


def test_markdown_html_and_the_web_page_read_one_view(seed_brief: Brief) -> None:
    view = build_view(seed_brief)
    marked = dataclasses.replace(
        view,
        title="Marked title",
        summary=(dataclasses.replace(view.summary[0], text="Marked line"), *view.summary[1:]),
        quotes=(dataclasses.replace(view.quotes[0], speaker="Marked Speaker"), *view.quotes[1:]),
        independent=99,
    )
    pages = {
        "markdown": newsfuse.to_markdown(marked),
        "html": newsfuse.to_html(marked),
        "web": _story_page(marked),
    }
    for name, page in pages.items():
        for mark in ("Marked title", "Marked line", "Marked Speaker"):
            assert mark in page, (name, mark)
    assert "99 independent" in pages["markdown"] and "99 independent" in pages["web"]
    # Rendering the view is rendering the brief.
    assert newsfuse.to_markdown(view) == newsfuse.to_markdown(seed_brief)
    assert newsfuse.to_html(view) == newsfuse.to_html(seed_brief)


def test_model_imports_nothing_that_renders() -> None:
    """The model is the leaf of the import graph: no import of newsfuse, even inside a
    function (a lazy import is still a circle)."""
    tree = ast.parse((SRC / "model.py").read_text("utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported and not [m for m in imported if m and m.startswith("newsfuse")]


def test_a_timeline_date_from_an_undated_source_says_so() -> None:
    article = Article(id="u", text="On June 16, 2023 the court ruled.", published=None)
    entries = (
        TimelineEntry("2023-06-16", "On June 16, 2023 the court ruled.", ("u",), "event", "text"),
        TimelineEntry("2023-06-17", "The court met again on Saturday.", ("u",), "event"),
    )
    brief = Brief(articles=(article,), summary=(), timeline=entries)
    data = json.loads(newsfuse.to_json(brief))
    _validator().validate(data)
    assert [t["anchor"] for t in data["timeline"]] == ["text", "published"]
    note = "date from the text: the source is undated"
    # `full`: a seven-word article leaves a capped brief no room for its timeline.
    for page in (newsfuse.to_markdown(brief, full=True), newsfuse.to_html(brief, full=True)):
        assert page.count(note) == 1


def test_a_brief_of_undated_sources_says_so() -> None:
    note = "Undated: no source gives a publication date"
    undated = Article(id="u", text="An earthquake today 2013 has struck the valley.")
    dated = dataclasses.replace(undated, id="d", published=datetime(2024, 5, 2))
    for articles, shown in (((undated,), 1), ((undated, dated), 0)):
        brief = Brief(articles=articles, summary=())
        for page in (newsfuse.to_markdown(brief), newsfuse.to_html(brief)):
            assert page.count(note) == shown


def test_the_default_timeline_shows_the_storys_newest_events_in_date_order() -> None:
    from newsfuse.model import Latest
    from newsfuse.render.rank import rank_timeline

    def entry(date: str, kind: str = "event", sources: int = 1) -> TimelineEntry:
        return TimelineEntry(date, f"Entry of {date}.", tuple("abc"[:sources]), kind)

    background, first, told_twice, later, newest, month, step = (
        entry("2020", "background"),
        entry("2024-05-01"),
        entry("2024-05-03", sources=2),
        entry("2024-05-08"),
        entry("2024-05-09"),
        entry("2024-05"),
        entry("2024-05-20", "scheduled"),
    )
    timeline = (background, month, first, told_twice, later, newest, step)  # by date
    assert rank_timeline(timeline, 4) == [told_twice, newest, later, first]
    # Of the events several sources carry, the one most carry first: the story's main event.
    told_thrice = entry("2024-05-02", sources=3)
    assert rank_timeline((*timeline, told_thrice), 2) == [told_thrice, told_twice]
    # The Latest line prints the newest already; background comes only when there is room.
    assert rank_timeline(timeline, 6, [newest]) == [
        told_twice,
        later,
        first,
        month,
        step,
        background,
    ]
    assert len(rank_timeline(timeline, None, [newest])) == len(timeline)  # --full: all
    article = Article(id="a", text="word " * 1500, published=datetime(2024, 5, 10))
    brief = Brief(articles=(article,), summary=(), timeline=timeline, latest=Latest(newest, step))
    view = build_view(brief)
    assert [t.date for t in view.timeline] == ["2024-05", "2024-05-01", "2024-05-03", "2024-05-08"]


def test_a_wire_dateline_is_not_shown_in_a_timeline_entry() -> None:
    text = "PORT ALDEN, Kessel (AP) _ The harbour ferry Orla ran aground on Monday."
    entry = TimelineEntry("2026-03-02", text, ("a<1>",), "event")
    brief = dataclasses.replace(_brief(), timeline=(entry,))
    shown = build_view(brief, caps=FULL).timeline
    assert [t.text for t in shown] == ["The harbour ferry Orla ran aground on Monday."]
    assert "PORT ALDEN" not in newsfuse.to_markdown(brief, full=True)


def test_a_joining_word_is_not_shown_at_the_start_of_a_timeline_entry() -> None:
    texts = (
        "However, on Monday the harbour ferry Orla ran aground.",
        "But the port of Kessel stayed open on Tuesday.",
        "Still photographs of the ferry were released on Wednesday.",
    )
    timeline = tuple(
        TimelineEntry(f"2026-03-0{n}", t, ("a<1>",), "event") for n, t in enumerate(texts, 2)
    )
    brief = dataclasses.replace(_brief(), timeline=timeline)
    shown = build_view(brief, caps=FULL).timeline
    assert [t.text for t in shown] == [
        "On Monday the harbour ferry Orla ran aground.",
        "The port of Kessel stayed open on Tuesday.",
        texts[2],  # "Still" is an adjective here: no comma follows it
    ]
    assert brief.timeline[0].text == texts[0]  # the JSON keeps the sentence


def test_quotes_rank_by_independent_sources_then_by_role() -> None:
    # Two outlets printing one wire story are one source: their quotes do not outrank a
    # minister's that one other outlet carries; of equal sources, a speaker with a role first.
    from newsfuse.model import CopyGroup, Quote
    from newsfuse.render.rank import rank_quotes

    family = Quote(
        "Tova Lind", "We only ever talked about the farm and the harvest.", (), ("w1", "w2")
    )
    minister = Quote(
        "Arne Holt",
        "It is a failure of the whole service and I regret it.",
        (),
        ("gov",),
        role="Interior Minister",
    )
    wire = (CopyGroup(("w1", "w2"), 5),)
    assert rank_quotes([family, minister], None, wire) == [minister, family]
    assert rank_quotes([family, minister], None) == [family, minister]  # no copies: two sources


def test_summary_weekdays_get_the_day_they_mean() -> None:
    from datetime import datetime

    from newsfuse.render.view import dated_weekdays

    monday = datetime(2031, 3, 10, 9, 0)
    assert dated_weekdays("The council voted on Friday to close the pier.", monday) == (
        "The council voted on Friday (2031-03-07) to close the pier."
    )
    assert dated_weekdays("The council will vote on Friday.", monday) == (
        "The council will vote on Friday (2031-03-14)."
    )
    # Left as printed: no date to read it against, a speaker's words, a possessive, and a
    # weekday six days off (another time zone's next day).
    for text in (
        'The mayor said: "We voted on Friday."',
        "After Friday's vote the pier closed.",
        "The council voted on Tuesday to close the pier.",
        "The Sunday Times reported the vote.",
        "Black Friday sales fell at the pier shops.",
        "Fishermen attended Friday prayers at the pier.",
        "The council first met on a Sunday in 1998.",
    ):
        assert dated_weekdays(text, monday) == text
    assert dated_weekdays("The council voted on Friday.", None) == "The council voted on Friday."
    # Stamped at night, a report's "Monday" may be another time zone's: which is not clear.
    late = datetime(2031, 3, 10, 23, 30)
    assert dated_weekdays("The council voted on Friday.", late) == "The council voted on Friday."
    assert dated_weekdays("Ada Lund was arrested in Tarn Friday by police.", monday) == (
        "Ada Lund was arrested in Tarn Friday (2031-03-07) by police."
    )
