"""Key figures: the numbers a desk checks first, each with the sources that give it.

A key figure is a thing the story's quantities measure ("passengers", "hours"), with its
values in order of support: the value most independent sources give first, the values that
differ after it. Only things at least two independent sources give a number for are key
and only when its best supported value is given by two (one outlet's figure is among its
exclusive details; one against one is left to "Where sources differ"). Clock times are left
to the timeline, and a number after a month ("Aug. 7 bombings") is a date, not a count.

The groups come from `discrepancies.quantity_groups` under the claim alignment, as for
discrepancies: different values are one thing's only in sentences about one fact.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from newsfuse.analyze.align import Alignment
from newsfuse.analyze.discrepancies import Quantity, quantity_groups
from newsfuse.analyze.names import Registry
from newsfuse.analyze.quantities import EXACT_UNITS, typical
from newsfuse.model import Article, FigureValue, KeyFigure, Sentence
from newsfuse.resources import lines

__all__ = ["find_key_figures", "key_figures"]

_CLOCK = "clock time"
_AFTER_MONTH = re.compile(
    rf"\b(?:{'|'.join((*lines('months'), *lines('month_abbreviations')))})\.?\s*$", re.IGNORECASE
)


def _is_date(q: Quantity) -> bool:
    return bool(_AFTER_MONTH.search(q.sentence.text[: q.start]))


def _figure_value(
    value: Sequence[Quantity], group: Mapping[str, str], min_sources: int
) -> tuple[FigureValue, Quantity]:
    """One value as printed, cited only by the sources that state it. A value group holds
    compatible amounts ("at least 50" and "59"): the most precise amount that enough
    independent sources give is printed (a bound is what an exact count satisfies, often an
    earlier report's), else the best supported, in its plainest wording; a source that gave
    another amount is not cited for it, since it does not say that number. Returns the
    value and the quantity whose wording is printed."""
    # "About three hours" states three hours; "at least 50" states neither 59 nor 50 itself:
    # a bound groups only with the same bound ("more than 150" does not say "150 people",
    # nor "up to 150" "at least 150").
    by_amount: dict[tuple[float, bool, bool], list[Quantity]] = {}
    for q in value:
        by_amount.setdefault((typical(q), q.high == math.inf, q.low == 0.0), []).append(q)

    def sources(qs: Sequence[Quantity]) -> int:
        return len({group.get(q.article_id, q.article_id) for q in qs})

    def rank(qs: Sequence[Quantity]) -> tuple[bool, float, int]:
        return sources(qs) >= min_sources, -min(q.high - q.low for q in qs), sources(qs)

    stated = max(by_amount.values(), key=rank)
    plainest = min(stated, key=lambda q: (q.high - q.low, len(q.phrase)))
    citations = tuple(dict.fromkeys(q.article_id for q in stated))
    return FigureValue(
        plainest.phrase, plainest.sentence.text, citations, sources(stated)
    ), plainest


def key_figures(
    things: Iterable[Sequence[Sequence[Quantity]]],
    group: Mapping[str, str],
    min_sources: int = 2,
) -> list[KeyFigure]:
    """Figures from quantities grouped by thing and by value; `group` maps an article id to
    its independent source. Most widely given first."""
    found: list[tuple[int, int, KeyFigure]] = []
    for order, values in enumerate(things):
        values = [kept for v in values if (kept := [q for q in v if not _is_date(q)])]
        # A source giving two values that differ ("exit polls gave him 56 percent, official
        # tallies 51") tells two measures or its own doubt: cited for neither.
        giving = Counter(
            g for v in values for g in {group.get(q.article_id, q.article_id) for q in v}
        )
        values = [
            kept
            for v in values
            if (kept := [q for q in v if giving[group.get(q.article_id, q.article_id)] == 1])
        ]
        members = [q for v in values for q in v]
        # Times of day and days of events are when, not how many.
        if not members or members[0].unit.startswith(_CLOCK) or members[0].unit in EXACT_UNITS:
            continue
        if len({group.get(q.article_id, q.article_id) for q in members}) < min_sources:
            continue
        printed = sorted(
            (_figure_value(v, group, min_sources) for v in values),
            key=lambda shown: -shown[0].independent_sources,
        )
        (first, amount), rest = printed[0], printed[1:]
        if first.independent_sources < min_sources:
            continue
        # A value the first amount satisfies ("at least 59" beside "59") does not differ
        # from it; printed beside it with "vs" it would read as a disagreement. Two
        # estimates that merely overlap ("about 20" and "about 26") still differ.
        shown = [first] + [value for value, q in rest if not q.low <= typical(amount) <= q.high]
        total = len({group.get(q.article_id, q.article_id) for q in members})
        found.append((-total, order, KeyFigure(members[0].unit, tuple(shown))))
    return [figure for *_, figure in sorted(found, key=lambda t: (t[0], t[1]))]


def find_key_figures(
    articles: Sequence[Article],
    sources: Mapping[str, str],
    registry: Registry,
    sentences: Mapping[str, Sequence[Sentence]],
    alignment: Alignment | None = None,
) -> list[KeyFigure]:
    """The key figures of a story's articles (`sources`: article id -> independent source);
    generic units are grouped only within sentences the claim `alignment` links, as for
    discrepancies."""
    group = {a.id: sources.get(a.id, a.id) for a in articles}
    groups = quantity_groups(articles, group, registry, sentences, alignment=alignment)
    return key_figures(groups, group)
