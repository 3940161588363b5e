"""What a brief shows first, and how much: each section ranked, then cut to its cap.

A desk reads a brief in a minute, so the Markdown and HTML briefs show the best of each
section (`CAPS`); `--full` and the JSON keep everything. Ranks use what the analysis found,
never the wording: the number of articles carrying an item first, then its place in the
story (the inverted pyramid puts what matters early).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsfuse.dedupe import source_map
from newsfuse.model import (
    Brief,
    CopyGroup,
    Entity,
    Exclusive,
    KeyFigure,
    OutletAngle,
    Quote,
    TimelineEntry,
)
from newsfuse.segment.lines import leans_back

__all__ = [
    "CAPS",
    "FULL",
    "Caps",
    "Selection",
    "figure_context",
    "fit",
    "rank_entities",
    "rank_exclusives",
    "rank_quotes",
    "rank_timeline",
    "select",
]


@dataclass(frozen=True, slots=True)
class Caps:
    """The most items of each section a brief shows (None: all of them)."""

    quotes: int | None = 4
    exclusives_per_source: int | None = 1
    timeline: int | None = 4
    entities: int | None = 0  # the names are in every other section already
    key_figures: int | None = 5
    other_wordings: bool = False  # a quote's other wordings
    # Prose words of the whole brief: this many for a story of up to 10 articles (and
    # `words_per_article` each for a larger one), never more than `share` of its inputs'.
    words: int | None = 400
    words_per_article: int = 40
    share: float = 0.35

    def budget(self, articles: int, input_words: int) -> int | None:
        if self.words is None:
            return None
        return min(
            max(self.words, self.words_per_article * articles), int(self.share * input_words)
        )


CAPS = Caps()
FULL = Caps(None, None, None, None, None, True, None)

# A quote shorter than this is a fragment ("slow to answer"): worth less than a statement.
_FRAGMENT_WORDS = 6


T = TypeVar("T")


def _cut(items: Sequence[T], cap: int | None) -> list[T]:
    return list(items if cap is None else items[:cap])


def rank_quotes(
    quotes: Sequence[Quote], cap: int | None, copies: Sequence[CopyGroup] = ()
) -> list[Quote]:
    """Quotes carried by the most independent sources first (a wire copy printed twice is one
    source); of equal sources, attributed statements before fragments and unattributed
    words, and a speaker the text gives a role ("Interior Minister") before one it does not."""
    source = source_map(copies)

    def rank(q: Quote) -> tuple[int, bool, bool, bool]:
        return (
            -len({source.get(a, a) for a in q.citations}),
            q.speaker is None,
            len(q.text.split()) < _FRAGMENT_WORDS,
            q.role is None,
        )

    return _cut(sorted(quotes, key=rank), cap)


def rank_exclusives(exclusives: Sequence[Exclusive], cap: int | None) -> list[Exclusive]:
    """Up to `cap` details per source, each source's earliest full sentences that stand on
    their own first ("He was rushed ..." does not say who); in rank order (every source's
    best before any source's second)."""
    if cap is None:
        return list(exclusives)
    shown: dict[str, list[Exclusive]] = {}
    order = sorted(
        exclusives,
        key=lambda e: (
            leans_back(e.text, possessive=False),
            len(e.text.split()) < 2 * _FRAGMENT_WORDS,
        ),
    )
    for e in order:
        kept = shown.setdefault(e.article_id, [])
        if len(kept) < cap:
            kept.append(e)
    # Rank order across sources: each source's best, then each one's second best.
    return [
        e
        for depth in range(cap)
        for kept in shown.values()
        if depth < len(kept)
        for e in [kept[depth]]
    ]


def rank_timeline(
    timeline: Sequence[TimelineEntry], cap: int | None, shown: Sequence[TimelineEntry] = ()
) -> list[TimelineEntry]:
    """The story's own dated events first: those two or more articles carry (most carried
    first: the story's main event, which the Latest line does not show), then the rest,
    nearest the newest article first; then its events dated by month or year only, its
    scheduled steps (soonest first), and background only if room. Entries `shown` already
    (the Latest and Next lines) are left out of a capped list. (`select` shows the chosen
    entries in date order.)"""
    seen = {(t.date, t.text) for t in shown} if cap is not None else set()
    left = [t for t in timeline if (t.date, t.text) not in seen]

    def rank(t: TimelineEntry) -> tuple[int, tuple[int, ...], int]:
        parts = _date_parts(t.date)
        if t.kind == "scheduled":
            return 3, parts + (0,) * (3 - len(parts)), -len(t.citations)
        # Newest first; a month or a year after the days in it.
        newest_first = tuple(-n for n in parts) + (1,) * (3 - len(parts))
        # A phrase one report names in passing ("Time trial") is background to its story.
        if t.kind != "event" or (t.phrase and len(t.citations) < 2):
            return 4, newest_first, -len(t.citations)
        if len(parts) < 3:
            return 2, newest_first, -len(t.citations)
        if len(t.citations) > 1:
            return 0, (-len(t.citations), *newest_first), 0
        return 1, newest_first, -len(t.citations)

    return _cut(sorted(left, key=rank), cap)


def _date_parts(iso: str) -> tuple[int, ...]:
    """ "1998-10-16" -> (1998, 10, 16); "1998-10" -> (1998, 10)."""
    return tuple(int(p) for p in re.findall(r"\d+", iso)[:3])


def rank_entities(entities: Sequence[Entity], cap: int | None) -> list[Entity]:
    """Most mentioned first."""
    return _cut(sorted(entities, key=lambda e: -sum(n for _, n in e.mentions)), cap)


# Sections given up first when a brief runs over its words; the summary and the latest
# status are always shown.
DROP_ORDER = ("entities", "exclusives", "timeline", "quotes", "outlets", "key_figures")
# What each section keeps while the others give way: a brief with no quote or no dated
# event at all reads as if the story had none. Past these, sections yield in `DROP_ORDER`.
KEEP_FIRST = {"timeline": 2, "quotes": 2, "outlets": 2, "key_figures": 2}


def fit(
    sections: dict[str, list[T]], words: dict[str, list[int]], fixed: int, budget: int
) -> dict[str, list[T]]:
    """`sections` with their last-ranked items dropped, in `DROP_ORDER`, until the words of
    what remains (`words`: per item, aligned; `fixed`: the rest of the brief) fit `budget`."""
    kept = {name: list(items) for name, items in sections.items()}
    sizes = {name: list(counts) for name, counts in words.items()}
    total = fixed + sum(sum(counts) for counts in sizes.values())
    for floor in (KEEP_FIRST, {}):
        for name in DROP_ORDER:
            while total > budget and len(kept.get(name, ())) > floor.get(name, 0):
                kept[name].pop()
                total -= sizes[name].pop()
    return kept


@dataclass(frozen=True, slots=True)
class Selection:
    """What a brief shows of each capped section, in display order."""

    quotes: list[Quote]
    timeline: list[TimelineEntry]
    exclusives: list[Exclusive]
    entities: list[Entity]
    key_figures: list[KeyFigure]
    outlets: list[OutletAngle]


_CONTEXT_WORDS = 12
_NEAR_WORDS = 5
_CLAUSES = re.compile(r"(?<=[,;:])\s+|\s+(?=[-–—_]+\s)")


def figure_context(value: str, sentence: str) -> tuple[str, str]:
    """The text of `sentence` before and after `value`, cut to the clauses nearest it when
    the sentence is long, or to the words nearest it when its own clause is ("…" marks a
    cut)."""
    found = re.search(re.escape(value), sentence, re.IGNORECASE)
    if found is None:
        return "", ""
    at = found.start()
    head, tail = _CLAUSES.split(sentence[:at]), _CLAUSES.split(sentence[at + len(value) :])
    before, after = head.pop().split(), tail.pop(0).split()
    if len(before) + len(after) > _CONTEXT_WORDS:
        head += before[:-_NEAR_WORDS]
        tail[:0] = after[_NEAR_WORDS:]
        before, after = before[-_NEAR_WORDS:], after[:_NEAR_WORDS]
    else:
        while head or tail:  # the nearer clause first, alternating, while the budget lasts
            to_tail = bool(tail) and (not head or len(after) <= len(before))
            clause = (tail[0] if to_tail else head[-1]).split()
            if len(before) + len(after) + len(clause) > _CONTEXT_WORDS:
                break
            if to_tail:
                after += clause
                tail.pop(0)
            else:
                before[:0] = clause
                head.pop()
    end = at + len(value)
    gap_before = " " if sentence[at - 1 : at].isspace() else ""
    gap_after = " " if sentence[end : end + 1].isspace() else ""
    return (
        ("… " if head else "") + " ".join(before) + gap_before,
        gap_after + " ".join(after) + (" …" if tail else ""),
    )


def _n(text: str | None) -> int:
    return len(text.split()) if text else 0


def select(brief: Brief, caps: Caps) -> Selection:
    """Each section ranked and capped, then cut to the brief's word budget."""
    sections: dict[str, list[Any]] = {
        "quotes": rank_quotes(brief.quotes, caps.quotes, brief.copies),
        "timeline": rank_timeline(
            brief.timeline,
            caps.timeline,
            [t for t in (brief.latest.status, brief.latest.next) if t] if brief.latest else [],
        ),
        "exclusives": rank_exclusives(brief.exclusives, caps.exclusives_per_source),
        "entities": rank_entities(brief.entities, caps.entities),
        "key_figures": _cut(brief.key_figures, caps.key_figures),
        "outlets": list(brief.outlets),
    }
    if caps.words is not None:
        # A line of an article of no known outlet and no headline says little: its words.
        ids = {a.id for a in brief.articles}
        sections["outlets"] = [o for o in brief.outlets if o.headline or o.outlet not in ids]
    budget = caps.budget(len(brief.articles), sum(a.words for a in brief.articles))
    if budget is not None:
        words = {
            "quotes": [_n(q.speaker) + _n(q.text) for q in sections["quotes"]],
            "timeline": [1 + _n(t.text) for t in sections["timeline"]],
            "exclusives": [_n(e.text) for e in sections["exclusives"]],
            "entities": [4 for _ in sections["entities"]],
            "key_figures": [
                _n(" ".join(figure_context(f.values[0].value, f.values[0].text)))
                + sum(5 + _n(v.value) for v in f.values)
                for f in sections["key_figures"]
            ],
            "outlets": [
                _n(o.outlet) + _n(o.headline) + 2 + len(o.stresses) for o in sections["outlets"]
            ],
        }
        latest = [brief.latest.status, brief.latest.next] if brief.latest else []
        # The title, the counts line, headings, copies, differences beside the figures.
        fixed = 10 + 3 * len(sections) + _n(brief.title) + 7 * len(brief.copies)
        fixed += sum(_n(i.text) for i in brief.summary) + sum(_n(t.text) + 2 for t in latest if t)
        fixed += sum(4 * len(d.values) for d in brief.discrepancies)
        sections = fit(sections, words, fixed, budget)
    order = {id(x): n for n, x in enumerate([*brief.timeline, *brief.exclusives])}
    return Selection(
        quotes=sections["quotes"],
        timeline=sorted(sections["timeline"], key=lambda t: order[id(t)]),
        exclusives=sorted(sections["exclusives"], key=lambda e: order[id(e)]),
        entities=sections["entities"],
        key_figures=sections["key_figures"],
        outlets=sections["outlets"],
    )
