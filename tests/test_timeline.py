"""The timeline on sentences we wrote: which date of a sentence dates its event."""

from __future__ import annotations

from datetime import datetime

from newsfuse.analyze.timeline import extract_timeline
from newsfuse.model import Article, TimelineEntry


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
