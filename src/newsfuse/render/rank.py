"""What a brief shows first, and how much: each section ranked, then cut to its cap.

A desk reads a brief in a minute, so the Markdown and HTML briefs show the best of each
section (`CAPS`); `--full` and the JSON keep everything. Ranks use what the analysis found,
never the wording: the number of articles carrying an item first, then its place in the
story (the inverted pyramid puts what matters early).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsfuse.model import Entity, Exclusive, KeyFigure, Quote, TimelineEntry

__all__ = [
    "CAPS",
    "FULL",
    "Caps",
    "rank_entities",
    "rank_exclusives",
    "rank_figures",
    "rank_quotes",
    "rank_timeline",
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


CAPS = Caps()
FULL = Caps(None, None, None, None, None, True)

# A quote shorter than this is a fragment ("slow to answer"): worth less than a statement.
_FRAGMENT_WORDS = 6


T = TypeVar("T")


def _cut(items: Sequence[T], cap: int | None) -> list[T]:
    return list(items if cap is None else items[:cap])


def rank_quotes(quotes: Sequence[Quote], cap: int | None) -> list[Quote]:
    """Most-cited first; of equal citations, attributed statements before fragments and
    unattributed words."""

    def rank(q: Quote) -> tuple[int, bool, bool]:
        return (-len(q.citations), q.speaker is None, len(q.text.split()) < _FRAGMENT_WORDS)

    return _cut(sorted(quotes, key=rank), cap)


def rank_exclusives(exclusives: Sequence[Exclusive], cap: int | None) -> list[Exclusive]:
    """Up to `cap` details per source, each source's earliest full sentences first."""
    if cap is None:
        return list(exclusives)
    shown: dict[str, list[Exclusive]] = {}
    order = sorted(exclusives, key=lambda e: len(e.text.split()) < 2 * _FRAGMENT_WORDS)
    for e in order:
        kept = shown.setdefault(e.article_id, [])
        if len(kept) < cap:
            kept.append(e)
    keep = {id(e) for kept in shown.values() for e in kept}
    return [e for e in exclusives if id(e) in keep]


def rank_timeline(timeline: Sequence[TimelineEntry], cap: int | None) -> list[TimelineEntry]:
    """The entries most articles carry, in date order."""
    if cap is None:
        return list(timeline)
    ranked = sorted(timeline, key=lambda t: -len(t.citations))
    keep = {id(t) for t in ranked[:cap]}
    return [t for t in timeline if id(t) in keep]


def rank_entities(entities: Sequence[Entity], cap: int | None) -> list[Entity]:
    """Most mentioned first."""
    return _cut(sorted(entities, key=lambda e: -sum(n for _, n in e.mentions)), cap)


def rank_figures(figures: Sequence[KeyFigure], cap: int | None) -> list[KeyFigure]:
    """Already most widely given first (`newsfuse.analyze.figures`)."""
    return _cut(figures, cap)
