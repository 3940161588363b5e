"""Durations in several units of time: one thing's length told in months by one source and
in years by another ("the 21-month war", "the two-year war")."""

from __future__ import annotations

import dataclasses

from newsfuse.analyze.quantities import Quantity, typical

__all__ = ["UNIT_DAYS", "dimension", "in_unit", "rounded"]

# Units counted from the day of publication, in days.
UNIT_DAYS = {
    "minutes": 1 / 1440,
    "hours": 1 / 24,
    "days": 1,
    "weeks": 7,
    "months": 30.4,
    "years": 365.25,
}


def dimension(unit: str) -> str:
    """What a unit measures: any unit of time is a duration, any other its own."""
    return "duration" if unit in UNIT_DAYS else unit


def in_unit(q: Quantity, unit: str) -> Quantity:
    """A duration in another unit of time ("21-month" as 1.75 years); any other as it is."""
    if q.unit == unit or q.unit not in UNIT_DAYS or unit not in UNIT_DAYS:
        return q
    factor = UNIT_DAYS[q.unit] / UNIT_DAYS[unit]
    return dataclasses.replace(q, unit=unit, low=q.low * factor, high=q.high * factor)


def rounded(a: Quantity, b: Quantity) -> bool:
    """Whether, of two durations in two units of time, the one in the coarser unit is a
    whole figure that the other rounds to: "a two-year war" for one of 21 months is the
    same war told roughly, not another length."""
    if a.unit not in UNIT_DAYS or b.unit not in UNIT_DAYS:
        return False
    coarse, fine = sorted((a, b), key=lambda q: UNIT_DAYS[q.unit], reverse=True)
    figure = typical(coarse)
    return figure == int(figure) and abs(typical(in_unit(fine, coarse.unit)) - figure) < 0.5
