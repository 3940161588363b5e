"""Dated event nominals ("the Aug. 7 bombing of ...", "since Sunday's election") as timeline
entries, on sentences we wrote."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsfuse.analyze.event_nominals import dated_nominals
from newsfuse.analyze.latest import find_latest
from newsfuse.analyze.timeline import extract_timeline
from newsfuse.model import Article

_TUE = date(2031, 10, 7)  # a Tuesday


def _found(text: str, ref: date | None = _TUE) -> list[tuple[str, bool, str]]:
    return [(n.iso, n.future, n.text) for n in dated_nominals(text, ref)]


def test_a_dated_event_noun_is_dated_by_its_date_with_its_complement() -> None:
    text = (
        "Investigators said Saturday that two vans had been used in the Aug. 7 bombing of the "
        "Velmora trade office, which killed 148 people."
    )
    assert _found(text) == [("2031-08-07", False, "Bombing of the Velmora trade office")]


def test_a_possessive_date_and_abbreviations_in_the_phrase() -> None:
    assert _found("The currency has fallen sharply since Sunday's election.") == [
        ("2031-10-05", False, "Election")
    ]
    text = "Police hunted suspects in the Aug. 7 U.S. embassy bombings in Ardenia and Tessaly."
    assert _found(text) == [("2031-08-07", False, "U.S. embassy bombings in Ardenia and Tessaly")]


@pytest.mark.parametrize(
    "text",
    [
        # A planned event's weekday with no word saying it is over: the coming one, maybe.
        "Officials prepared ballots for Sunday's election.",
        # Said not to be held as dated.
        "The planned Oct. 25 vote was postponed.",
        "The Oct. 25 vote was called off by the council.",
        # The first half of a compound: "election campaign", "vote count".
        "The Oct. 3 election campaign was bitter.",
        # A verb's phrase, not a modifier; a month inside the modifiers.
        "The 1996 law banning attacks was upheld by the court.",
        "He won easily in last year's October election, the paper said.",
        # Inside a quotation.
        'Mira Talen said: "We remember the Aug. 7 bombing of the office every day."',
        # A vague date.
        "Traders recalled last week's crash of the index.",
    ],
)
def test_no_entry_when_the_date_is_ambiguous_or_not_the_events(text: str) -> None:
    assert _found(text) == []


def test_an_unplanned_event_ahead_is_a_misreading_and_a_planned_one_is_scheduled() -> None:
    assert _found("Ministers met before the Oct. 25 runoffs in 12 provinces.") == [
        ("2031-10-25", True, "Runoffs in 12 provinces")
    ]
    assert _found("Ministers met to discuss the Oct. 25 earthquake in the north.") == []
    # A day ahead with no year written, far off: the year was guessed.
    assert _found("Both sides had plunged into planning for the June 21 meeting.") == []
    assert _found("They will attend the Nov. 2 meeting.") == [("2031-11-02", True, "Meeting")]
    # The subject of a past verb is over: a year-less date read ahead was the wrong year.
    assert _found("Lawyers noted that the December ruling didn't bar the claims.") == []
    # A planned event a modal speaks of, its month read as gone by: ahead, in some year.
    assert _found("The bill could come up during the February session of parliament.") == []


def _art(aid: str, day: str, *paras: str) -> Article:
    return Article(aid, "\n\n".join(paras), published=datetime.fromisoformat(day))


def test_nominals_of_several_reports_are_one_entry_cited_by_all() -> None:
    arts = [
        _art(
            "a",
            "2031-09-20",
            "Investigators said Saturday that two vans had been used in the "
            "Aug. 7 bombing of the Velmora trade office.",
        ),
        _art(
            "b",
            "2031-09-25",
            "Prosecutors said Thursday that a man accused of the Aug. 7 "
            "bombing of the Velmora trade office had met the network's leader.",
        ),
    ]
    entries = [e for e in extract_timeline(arts) if e.date == "2031-08-07"]
    assert [(e.text, e.citations, e.kind) for e in entries] == [
        ("Bombing of the Velmora trade office", ("a", "b"), "background")
    ]
    # A phrase is no line of news to lead with: the Latest line stays a clause.
    latest = find_latest(extract_timeline(arts), arts)
    assert latest is not None and latest.status is not None
    assert latest.status.text.startswith("Prosecutors said Thursday")


def test_a_nominal_joins_the_clause_that_tells_its_event_and_a_bare_noun_of_one_report_drops() -> (
    None
):
    arts = [
        _art(
            "a",
            "2031-08-08",
            "A bomb exploded at the Velmora trade office on Thursday, killing 148 people.",
        ),
        _art(
            "b", "2031-08-12", "Security was tightened after Thursday's blast at the trade office."
        ),
        _art("c", "2031-09-12", "He is not charged over the 2029 meeting itself, officials said."),
    ]
    entries = extract_timeline(arts)
    day = [e for e in entries if e.date == "2031-08-07"]
    assert [(e.text[:22], e.citations) for e in day] == [("A bomb exploded at the", ("a", "b"))]
    assert not [e for e in entries if e.date == "2029"]
