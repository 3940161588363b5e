"""What a grammar rule's value function sees: the `Context` of a match (the document creation
date, the tense of the clause, the last calendar value the text gave) and the anchors counted
from it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from newsfuse.resources import lines
from newsfuse.time.lexicon import alternation
from newsfuse.time.tense import Tense, clause, tense
from newsfuse.time.values import granularity, quarter_value, to_date

__all__ = ["Context", "Value", "anchor_of", "closed_quarter"]


@dataclass(frozen=True)
class Context:
    dct: date | None
    last: str | None  # the last calendar value found before this expression
    text: str
    start: int
    end: int

    @property
    def before(self) -> str:
        """Up to 40 characters of text before the expression."""
        return self.text[max(0, self.start - 40) : self.start]

    @property
    def after(self) -> str:
        return self.text[self.end : self.end + 40]

    @cached_property
    def tense(self) -> Tense | None:
        # Only weekdays, bare months and days ask: computed when they do. A cue word just
        # before the expression ("payable Dec. 1", "since Oct. 23") outweighs the verb.
        cue = _DIRECTION_CUE.search(self.before)
        if cue and cue.lastgroup == "future":
            # "had filed their reports by Wednesday": a deadline already past.
            had = _PAST_PERFECT.search(clause(self.text, self.start, self.end)[0])
            return "past" if had else "future"
        if cue:
            return "past"
        # "Wednesday's ruling": a day named as the day of a thing is one gone by (TempEval-3
        # train folds 1-4: 21 of 22 such days are on or before the writing).
        if re.match(r"['’]s\b", self.after):
            return "past"
        return tense(self.text, self.start, self.end)


def _direction_cues() -> re.Pattern[str]:
    sides: dict[str, list[str]] = {"future": [], "past": []}
    for line in lines("time_direction_cues"):
        side, words = (part.strip() for part in line.split(":", 1))
        sides[side].append(words)
    groups = "|".join(rf"(?P<{side}>{alternation(words)})" for side, words in sides.items())
    return re.compile(rf"\b(?:{groups})\s+$", re.I)


_DIRECTION_CUE = _direction_cues()
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|not\s+|already\s+)?(?:been\s+)?\w+ed\b", re.I)


Value = tuple[str, str] | None  # (type, value)


_FINENESS = ("D", "W", "M", "Q", "H", "SE", "Y", "DE", "CE")


def anchor_of(ctx: Context, unit: str) -> date | None:
    """The date "that year" or "a year earlier" counts from: the last date the text gave
    when it is at least as fine as the unit, else the publication date."""
    last = granularity(ctx.last or "")
    if (
        ctx.last
        and last in _FINENESS
        and _FINENESS.index(last) <= _FINENESS.index(unit if unit in _FINENESS else "Y")
        and (anchor := to_date(ctx.last))
    ):
        return anchor
    return ctx.dct


def closed_quarter(ctx: Context) -> str | None:
    """ "the quarter" of a report: the quarter the text last named, else the last one
    closed before the report was written."""
    if ctx.last and granularity(ctx.last) == "Q":
        return ctx.last[:7]
    if ctx.dct is None:
        return None
    back = ctx.dct - timedelta(days=80)
    return quarter_value(back.year, back.month)
