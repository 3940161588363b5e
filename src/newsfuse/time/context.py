"""What a grammar rule's value function sees: the `Context` of a match (the document creation
date, the tense of the clause, the last calendar value the text gave) and the anchors counted
from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from newsfuse.time.tense import Tense, side
from newsfuse.time.values import granularity, quarter_value, to_date

__all__ = ["Context", "Value", "anchor_of", "closed_quarter", "forecast"]


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
        # Only weekdays, bare months and days ask: computed when they do.
        return side(self.text, self.start, self.end)


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


def forecast(ctx: Context) -> bool:
    """Whether the period the text last named begins after the writing ("losses through the
    third quarter of 1990" in 1989): a forecast, not the period a report is about."""
    begins = to_date(ctx.last or "")
    return bool(ctx.dct and begins and begins > ctx.dct)


def closed_quarter(ctx: Context) -> str | None:
    """ "the quarter" of a report: the quarter the text last named, else the last one
    closed before the report was written."""
    if ctx.last and granularity(ctx.last) == "Q" and not forecast(ctx):
        return ctx.last[:7]
    if ctx.dct is None:
        return None
    back = ctx.dct - timedelta(days=80)
    return quarter_value(back.year, back.month)
