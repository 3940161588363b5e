"""The story's latest status and next scheduled step, read from its timeline.

The status is the newest dated event (of several on the newest date, the one most sources
carry); the next step is the earliest scheduled entry dated after it. An entry longer than a
sentence of news runs (`max_words`) is not a status: it is page furniture cleaning missed.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.model import Latest, TimelineEntry

__all__ = ["find_latest"]


def find_latest(timeline: Sequence[TimelineEntry], max_words: int = 60) -> Latest | None:
    timeline = [t for t in timeline if len(t.text.split()) <= max_words]
    events = [t for t in timeline if t.kind == "event"]
    status = max(events, key=lambda t: (t.date, len(t.citations)), default=None)
    after = status.date if status else ""
    scheduled = [t for t in timeline if t.kind == "scheduled" and t.date > after]
    upcoming = min(scheduled, key=lambda t: (t.date, -len(t.citations)), default=None)
    if status is None and upcoming is None:
        return None
    return Latest(status, upcoming)
