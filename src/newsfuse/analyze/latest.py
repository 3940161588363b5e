"""The story's latest status and next scheduled step, read from its timeline, or nothing.

The status is the newest dated event (of several on the newest date, the one most sources
carry, then the one in a report's lead), or a state a report's lead attributes to its day of
telling when that is newer ("The black boxes have been found, an official said Thursday": the
timeline leaves it undated, since the finding may be older, but as of Thursday it holds). The
next step is the earliest scheduled entry dated after the newest article (a plan for a day the
reports have already reached is no longer ahead), else a day of a recent report's coming week
that a side clause speaks of as ahead ("talks faltered Friday, prompting Congress to delay
until Monday its deadline"). Both are the top line of a brief, so each abstains rather than
guess:

- an entry of undated sources only (dated by its own text) has no publication to be newest
  against: with no dated source there is no Latest line;
- an entry longer than a sentence of news runs (`max_words`) is page furniture cleaning missed;
- a clause built on a verb of a state seen ("seemed jammed with symbolism") is commentary;
- what an article stamped days after all the others dates relative to its stamp is not used
  when one of its entries retells, on a later day, an event other articles date earlier: the
  stamp is a crawl or repost date ("America woke up this morning to news of the shooting").

The line cites only the articles that state it: a timeline entry joins sentences that share a
third of their words, which is too loose for the line a reader sees first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import islice

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.clause_date import plan_days, state_day
from newsfuse.analyze.timeline import is_event_clause
from newsfuse.model import Article, Latest, Sentence, TimelineEntry
from newsfuse.resources import words
from newsfuse.segment.lines import QUOTED
from newsfuse.time.lexicon import alternation

__all__ = ["find_latest"]

_STATE_SEEN = re.compile(rf"\b(?:{alternation(words('state_seen_verbs'))})\b", re.I)
# Two tellings of one event: this many shared content words, and this share of the shorter.
_RETOLD_WORDS = 4
_RETOLD_SHARE = 0.5
# A stamp this far after every other article's is a crawl or repost date, if it retells.
# Crawl stamps seen are two weeks to two months late; a follow-up two to five days on
# retells the event too (Wikinews' next relay report, a ministry's next briefing), and its
# news is the story's newest.
_LATE_STAMP = timedelta(days=7)
# A cited article states the line when one of its sentences has this share of the line's words.
_STATES_SHARE = 0.6
# A report's lead: its first sentences of news, where it states the day's state of things.
_LEAD = 3


def find_latest(
    timeline: Sequence[TimelineEntry],
    articles: Sequence[Article] = (),
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    max_words: int = 60,
) -> Latest | None:
    """The newest status and the next step after the newest of `articles` (None when neither
    can be told). With `sentences`, each line cites only the articles that state it."""
    # An entry whose sources are all undated has only its text's date ("Earthquake today
    # 2013" in a page title): it cannot say what is newest.
    # An entry told only as a dated noun phrase ("Bombing of the trade office") is a past
    # event retold, not a line of news to lead with.
    told = [
        (t, content_set(t.text))
        for t in timeline
        if len(t.text.split()) <= max_words and t.anchor != "text" and not t.phrase
    ]
    published = {a.id: a.published.date() for a in articles if a.published}
    doubted = _doubted_stamps(told, published)
    trusted = [(t, w) for t, w in told if set(t.citations) - doubted]
    leads = {a: _lead(told) for a, told in (sentences or {}).items()}
    # Of a day's events as many sources carry, the one told nearest a report's top: a lead
    # states the day's news, a later paragraph its details.
    place: dict[str, int] = {}
    for lead in leads.values():
        for i, text in enumerate(lead):
            place[text] = min(i, place.get(text, i))
    status = max(
        (t for t, _ in trusted if t.kind == "event" and not _commentary(t.text)),
        key=lambda t: (t.date, len(t.citations), -place.get(t.text, _LEAD)),
        default=None,
    )
    stamps = {a: day for a, day in published.items() if a not in doubted}
    if sentences is not None:
        state = _newest_state(stamps, leads, [t for t, _ in trusted])
        if state is not None and (status is None or state.date > status.date):
            status = state
    # A doubted stamp still counts here: a plan dated before it may be past already.
    newest = max((d.isoformat() for d in published.values()), default="")
    after = max(status.date if status else "", newest)
    upcoming = min(
        (t for t, _ in trusted if t.kind == "scheduled" and t.date > after[: len(t.date)]),
        key=lambda t: (t.date, -len(t.citations)),
        default=None,
    )
    if upcoming is None and sentences is not None:
        upcoming = _plan_ahead(stamps, sentences, after)
    if status is None and upcoming is None:
        return None
    if sentences is not None:
        status = _stated(status, sentences)
        upcoming = _stated(upcoming, sentences)
    return Latest(status, upcoming)


def _lead(told: Sequence[Sentence]) -> list[str]:
    """A report's first sentences of news."""
    return list(islice((s.text for s in told if is_event_clause(s.text)), _LEAD))


def _newest_state(
    stamps: Mapping[str, date],
    leads: Mapping[str, Sequence[str]],
    timeline: Sequence[TimelineEntry],
) -> TimelineEntry | None:
    """The newest state a report's lead attributes to its day of telling ("The black boxes
    have been found, an official said Thursday"), which no timeline entry dates. Not when
    the report itself dates the event that brought the state about earlier ("has been
    detained in Rome, officials said Friday" beside "was picked up Thursday night"): that
    event is in the timeline, on its own day."""
    found = []
    for article, ref in stamps.items():
        for text in leads.get(article, ()):
            day = state_day(text, ref)
            if day is None or _commentary(text):
                continue
            told = content_set(text)
            if not any(
                article in t.citations and t.date < day and len(told & content_set(t.text)) >= 2
                for t in timeline
                if t.kind == "event"
            ):
                found.append(TimelineEntry(day, text, (article,), "event"))
    return max(found, key=lambda t: t.date, default=None)


def _plan_ahead(
    stamps: Mapping[str, date], sentences: Mapping[str, Sequence[Sentence]], after: str
) -> TimelineEntry | None:
    """The earliest day after `after` that a recent report speaks of as ahead in a clause
    beside the one its timeline entry dates ("Talks faltered Friday, prompting Congress to
    delay until Monday its deadline"). Reports a week older than the newest are passed
    over: their far plans ("Their terms will end in 2001") are not the story's next step."""
    if not stamps:
        return None
    found = []
    recent = max(stamps.values()) - _LATE_STAMP
    for article, ref in stamps.items():
        if ref < recent:
            continue
        # A plan for the report's coming week: a deadline, an arrival; a day named further
        # ahead in a side clause is a thing's ("the team's next home game on November 19").
        week = (ref + _LATE_STAMP).isoformat()
        for s in sentences.get(article, ()):
            days = [d for d in plan_days(s.text, ref) if after[: len(d)] < d <= week]
            if days and is_event_clause(s.text):
                found.append(TimelineEntry(min(days), s.text, (article,), "scheduled"))
    return min(found, key=lambda t: t.date, default=None)


def _commentary(text: str) -> bool:
    return bool(_STATE_SEEN.search(QUOTED.sub(" ", text)))


def _doubted_stamps(
    told: Sequence[tuple[TimelineEntry, frozenset[str]]], published: Mapping[str, date]
) -> set[str]:
    """Articles stamped days after all the others that tell, on a later day, an event other
    articles date earlier: the stamp is a crawl or repost date, and what they date relative to
    it ("this morning", "on Sunday") is not the story's newest. (A follow-up often retells the
    event in a relative clause, "the ferry that ran aground on Saturday", so an article that is
    not alone at the end of the story is not doubted.)"""
    doubted: set[str] = set()
    days = sorted(set(published.values()))
    for entry, entry_words in told:
        if entry.kind == "background" or not _stamped_late(entry.citations, published, days):
            continue
        for other, other_words in told:
            if len(other.date) < len(entry.date) or other.date >= entry.date:
                continue
            if set(entry.citations) & set(other.citations):
                continue
            shared = entry_words & other_words
            if len(shared) >= _RETOLD_WORDS and overlap(entry_words, other_words) >= _RETOLD_SHARE:
                doubted.update(entry.citations)
                break
    return doubted


def _stamped_late(ids: Sequence[str], published: Mapping[str, date], days: Sequence[date]) -> bool:
    """The articles carry the story's newest stamp (`days`: every stamp, sorted), days after
    the one before it."""
    own = [published[a] for a in ids if a in published]
    return (
        bool(own) and len(days) > 1 and min(own) == days[-1] and days[-1] - days[-2] >= _LATE_STAMP
    )


def _stated(
    entry: TimelineEntry | None, sentences: Mapping[str, Sequence[Sentence]]
) -> TimelineEntry | None:
    if entry is None or len(entry.citations) < 2:
        return entry
    wanted = content_set(entry.text)
    stating = tuple(
        a
        for a in entry.citations
        if any(
            len(wanted & content_set(s.text)) >= _STATES_SHARE * len(wanted)
            for s in sentences.get(a, ())
        )
    )
    if not stating or stating == entry.citations:
        return entry
    return TimelineEntry(entry.date, entry.text, stating, entry.kind, entry.anchor)
