"""TIMEX3 values: calendar arithmetic at the granularity an expression speaks of.

A value is a string: "2015-01-24" (day), "2015-W04" (ISO week), "2015-01" (month),
"2015-Q1" (quarter), "2015-H1" (half), "2015-SU" (season), "2015" (year), "201" (decade),
"20" (century), "P3D" (a duration), "PRESENT_REF" and the like. Shifting "a year" back from
"1989-Q3" gives "1988-Q3": an anchor keeps its own granularity when it is finer than the step.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = [
    "Granularity",
    "granularity",
    "iso_week",
    "month_value",
    "nth_weekday",
    "quarter_value",
    "shift",
    "to_date",
    "truncate",
    "weekday_near",
]

Granularity = str  # "D" | "W" | "M" | "Q" | "H" | "SE" | "Y" | "DE" | "CE"

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d?)|Q(?P<q>\d)|H(?P<h>\d)"
    r"|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
)
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_value(year: int, month: int) -> str:
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


def granularity(value: str) -> Granularity | None:
    """The unit a calendar value names, or None for durations and references."""
    m = _VALUE.match(value)
    if not m:
        return {3: "DE", 2: "CE"}.get(len(value)) if value.isdigit() else None
    for group, unit in (("d", "D"), ("m", "M"), ("w", "W"), ("q", "Q"), ("h", "H"), ("s", "SE")):
        if m[group]:
            return unit
    return "Y"


def to_date(value: str) -> date | None:
    """A day inside the period a calendar value names (its first, or mid-season)."""
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m["y"])
    if m["d"]:
        try:
            return date(year, int(m["m"]), int(m["d"]))
        except ValueError:
            return None
    if m["m"]:
        return date(year, int(m["m"]), 1) if 1 <= int(m["m"]) <= 12 else None
    if m["w"]:
        try:
            return date.fromisocalendar(year, int(m["w"]), 1)
        except ValueError:
            return None
    if m["q"]:
        return date(year, 3 * int(m["q"]) - 2, 1) if 1 <= int(m["q"]) <= 4 else None
    if m["h"]:
        return date(year, 6 * int(m["h"]) - 5, 1) if int(m["h"]) in (1, 2) else None
    if m["s"]:
        return date(year, _SEASON_MONTH[m["s"]], 1)
    return date(year, 1, 1)


def truncate(day: date, unit: Granularity) -> str:
    """The value of the `unit`-long period holding `day`."""
    if unit == "D":
        return day.isoformat()
    if unit == "W":
        return iso_week(day)
    if unit == "M":
        return month_value(day.year, day.month)
    if unit == "Q":
        return quarter_value(day.year, day.month)
    if unit == "H":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


def shift(anchor: date, unit: Granularity, n: int, keep: Granularity | None = None) -> str:
    """`anchor` moved by `n` units, named at the granularity `keep` (default: the unit's)."""
    steps = {"D": (0, 1), "W": (0, 7), "M": (1, 0), "Q": (3, 0), "H": (6, 0), "Y": (12, 0)}
    steps |= {"DE": (120, 0), "CE": (1200, 0)}
    months, days = steps.get(unit, (12, 0))
    try:
        moved = _add_months(anchor, months * n) + timedelta(days=days * n)
    except (ValueError, OverflowError):
        return "XXXX"
    return truncate(moved, keep or unit)


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The `weekday` (1 = Monday) nearest `anchor` on the side `direction` names: -1 the
    latest on or before it, +1 the first on or after it, 0 the one in its ISO week."""
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        return anchor + timedelta(days=delta - 7 if delta > 0 else delta)
    if direction > 0:
        return anchor + timedelta(days=delta + 7 if delta < 0 else delta)
    return anchor + timedelta(days=delta)


def nth_weekday(year: int, month: int, code: str) -> date | None:
    """Holiday codes: "TH4" the fourth Thursday of the month, "MOL" its last Monday."""
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(code[:2]) + 1
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7)
    if code[2:] == "L":
        while (day + timedelta(days=7)).month == month:
            day += timedelta(days=7)
        return day
    return day + timedelta(days=7 * (int(code[2:]) - 1))
