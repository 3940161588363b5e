"""The timeline on sentences we wrote: which date of a sentence dates its event."""

from __future__ import annotations

from datetime import datetime

from newsfuse.analyze.align import align
from newsfuse.analyze.timeline import extract_timeline
from newsfuse.model import Article, TimelineEntry
from newsfuse.segment import segment


def _timeline(text: str, published: datetime | None) -> list[TimelineEntry]:
    return extract_timeline([Article("a1", text, published=published)])


def test_a_clock_time_gives_way_to_the_day_after_it() -> None:
    text = "The ferry Saint Orla was last heard from at 22:30 local time on June 1 and sank."
    assert [e.date for e in _timeline(text, datetime(2009, 6, 3))] == ["2009-06-01"]


def test_a_date_of_a_relative_clause_gives_way_to_the_main_clause_date() -> None:
    text = "The logs of a ferry that sank on June 1 last year were found on Thursday by divers."
    assert [e.date for e in _timeline(text, datetime(2010, 5, 7))] == ["2010-05-06"]


def test_a_past_event_is_not_dated_after_its_publication() -> None:
    text = "In February, the harbour board asked the council to study a new pier."
    dates = [e.date for e in _timeline(text, datetime(2018, 1, 1))]
    assert "2018-02" not in dates and all(d <= "2018-01-01" for d in dates)


def test_one_event_told_early_and_late_is_one_entry() -> None:
    text = "The ferry Saint Orla sank off Port Alden on June 1, killing nine."
    early = Article("a1", text, published=datetime(2009, 6, 2))
    late = Article(
        "a2", text.replace("killing nine", "with nine aboard"), published=datetime(2009, 6, 20)
    )
    (entry,) = extract_timeline([early, late])
    assert (entry.date, entry.citations, entry.kind) == ("2009-06-01", ("a1", "a2"), "event")


def test_sentences_the_alignment_links_are_one_entry_in_other_words() -> None:
    jan2 = datetime(2018, 1, 2)
    articles = [
        Article(
            "a1", "The first of the paired Orla 4 probes will be launched in June.", published=jan2
        ),
        Article(
            "a2", "The first component of Orla 4 is scheduled to lift off in June.", published=jan2
        ),
    ]
    sentences = {a.id: segment(a) for a in articles}
    alignment = align(sentences, {a.id: a.id for a in articles})
    assert len(extract_timeline(articles, sentences)) == 2
    (entry,) = extract_timeline(articles, sentences, alignment=alignment)
    assert (entry.date, entry.citations, entry.kind) == ("2018-06", ("a1", "a2"), "scheduled")


def test_a_plan_told_in_the_past_dates_no_event() -> None:
    text = "The ferry Saint Orla was scheduled to reach Port Alden at 11:10 on June 1, 2009."
    assert _timeline(text, datetime(2009, 6, 1)) == []
    ahead = "The vote on the pier was scheduled for Monday, the council said."
    assert [e.kind for e in _timeline(ahead, datetime(2009, 6, 4))] == ["scheduled"]


def test_a_heading_glued_to_its_first_sentence_is_no_entry() -> None:
    text = "Port Alden opens new pier The town opened its pier on Sunday, the mayor said."
    assert _timeline(text, datetime(2016, 2, 8)) == []
    assert _timeline("The town opened its pier on Sunday, the mayor said.", datetime(2016, 2, 8))
