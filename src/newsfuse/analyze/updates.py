"""Updates told from conflicts: a running count that a later report gives anew.

"At least four civilians killed" in the morning and "at least six" the next day is not a
disagreement of sources but a toll that rose. Values of one thing are an update when
- the thing is a running count or status: a figure (not a day or a time of day) whose
  sentence carries a cue of one ("at least", "so far", "rose to", "toll"; see
  resources/en/running_count_cues.txt);
- every report of each value was published clearly after every report of the value before
  it, by `gap` at least. A time at midnight is read as a day only (most feeds date without
  the hour), which could be any time of that day: two reports dated a day apart may be
  minutes apart and are not clearly apart; two days apart are. Six hours is about the span
  of a news shift: reports closer than that are of one news cycle, where two values are
  more often a disagreement than a newer count;
- a count does not fall: a toll or a tally grows, and a lower later count is a correction
  or a disagreement. A share ("34 percent") moves either way as a count goes on.
Unknown times leave a disagreement a conflict (precision first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from itertools import pairwise

from newsfuse.analyze.quantities import CLOCK, EXACT_UNITS, Quantity, typical
from newsfuse.model import Article
from newsfuse.resources import lines

__all__ = ["UPDATE_GAP", "published_span", "update_order"]

UPDATE_GAP = timedelta(hours=6)
_CUES = re.compile(
    rf"\b(?:{'|'.join(re.escape(c) for c in lines('running_count_cues'))})\b", re.IGNORECASE
)
# Units that measure a share, not an amount: they need not grow.
_SHARES = frozenset({"percent"})


def published_span(article: Article) -> tuple[datetime, datetime] | None:
    """When a report may have been published (naive UTC): its time, or the whole day of a
    bare date."""
    if article.published is None:
        return None
    start = article.sort_time
    if article.published.time() != time(0):
        return start, start
    try:
        return start, start + timedelta(days=1)
    except OverflowError:  # a date at the calendar's edge: no time to compare
        return None


def update_order(
    values: Sequence[Sequence[Quantity]],
    spans: Mapping[str, tuple[datetime, datetime] | None],
    gap: timedelta = UPDATE_GAP,
) -> list[int] | None:
    """The order (oldest first) in which `values`, each one value's quantities, updated a
    running count, or None when they are not an update; `spans` maps an article id to
    when it was published (`published_span`)."""
    unit = values[0][0].unit
    if unit in EXACT_UNITS or unit.startswith(CLOCK):
        return None
    if not any(_CUES.search(q.sentence.text) for v in values for q in v):
        return None
    windows = []
    for v in values:
        known = [spans.get(q.article_id) for q in v]
        if any(s is None for s in known):
            return None
        windows.append((min(s[0] for s in known if s), max(s[1] for s in known if s)))
    order = sorted(range(len(values)), key=lambda i: windows[i])
    for before, after in pairwise(order):
        if windows[after][0] - windows[before][1] < gap:
            return None
        if unit not in _SHARES and typical(values[after][0]) <= typical(values[before][0]):
            return None
    return order
