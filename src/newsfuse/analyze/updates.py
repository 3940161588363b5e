"""Updates told from conflicts: a running count that a later report gives anew.

"At least four civilians killed" in the morning and "at least six" the next day is not a
disagreement of sources but a toll that rose. Values of one thing are an update when
- the thing is a running count or status: a figure (not a day or a time of day) whose
  sentence carries a cue of one ("at least", "so far", "rose to", "toll"; see
  resources/en/running_count_cues.txt), or a count of a toll by what happened ("killed",
  "injured", "arrested"; resources/en/running_count_events.txt) in sentences that date
  it in no year before the report's;
- every report of each value was published clearly after every report of the value before
  it, by `gap` at least, and does not place it in the past ("earlier this month"; see
  resources/en/looking_back_cues.txt). Six hours is about a news shift: reports closer
  than that are of one news cycle, where two values are more often a disagreement than a
  newer count. A time at midnight is read as a bare date (most feeds date without the
  hour) and stands for its midday: reports of consecutive days are about a day apart
  ("critical but stable" on Saturday, "out of critical condition" on Sunday);
- a count does not fall: a toll or a tally grows, and a lower later count is a correction
  or a disagreement. A share ("34 percent") moves either way as a count goes on.
Unknown times leave a disagreement a conflict (precision first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta
from itertools import pairwise

from newsfuse.analyze.claim_parts import years
from newsfuse.analyze.quantities import CLOCK, EXACT_UNITS, Quantity, typical
from newsfuse.model import Article
from newsfuse.resources import lines, words

__all__ = ["UPDATE_GAP", "published_time", "update_order"]

UPDATE_GAP = timedelta(hours=6)
_CUES = re.compile(
    rf"\b(?:{'|'.join(re.escape(c) for c in lines('running_count_cues'))})\b", re.IGNORECASE
)
_LOOKING_BACK = re.compile(
    rf"\b(?:{'|'.join(re.escape(c) for c in lines('looking_back_cues'))})\b", re.IGNORECASE
)
# What happened to what a count counts ("killed", "injured") that makes it a toll.
_RUNNING_EVENTS = words("running_count_events")
# Units that measure a share, not an amount: they need not grow.
_SHARES = frozenset({"percent"})


def published_time(article: Article) -> datetime | None:
    """When a report was published (naive UTC); a bare date stands for its midday."""
    if article.published is None:
        return None
    at = article.sort_time
    if article.published.time() != time(0):
        return at
    try:
        return at + timedelta(hours=12)
    except OverflowError:  # a date at the calendar's edge: no time to compare
        return None


def _toll(q: Quantity, published: datetime | None) -> bool:
    """Whether a count is a toll of the news by what happened to what it counts ("60
    killed", "162 injured"), not of an event of years before ("killing 270 people in
    1988": a toll long settled, which a later report does not update)."""
    if not q.events or not q.events <= _RUNNING_EVENTS or published is None:
        return False
    return all(int(y) >= published.year for y in years(q.sentence.text))


def update_order(
    values: Sequence[Sequence[Quantity]],
    times: Mapping[str, datetime | None],
    gap: timedelta = UPDATE_GAP,
) -> list[int] | None:
    """The order (oldest first) in which `values`, each one value's quantities, updated a
    running count, or None when they are not an update; `times` maps an article id to
    when it was published (`published_time`)."""
    unit = values[0][0].unit
    if unit in EXACT_UNITS or unit.startswith(CLOCK):
        return None
    members = [q for v in values for q in v]
    if not any(_CUES.search(q.sentence.text) for q in members) and not all(
        _toll(q, times.get(q.article_id)) for q in members
    ):
        return None
    windows = []
    for v in values:
        known = [times.get(q.article_id) for q in v]
        if any(t is None for t in known):
            return None
        windows.append((min(t for t in known if t), max(t for t in known if t)))
    order = sorted(range(len(values)), key=lambda i: windows[i])
    for before, after in pairwise(order):
        if windows[after][0] - windows[before][1] < gap:
            return None
        if any(_LOOKING_BACK.search(q.sentence.text) for q in values[after]):
            return None  # "earlier this month ... four missiles": not the newest count
        if unit not in _SHARES and typical(values[after][0]) <= typical(values[before][0]):
            return None
    return order
