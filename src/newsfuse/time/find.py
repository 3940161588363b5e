"""Find time expressions in a text and give each its TIMEX3 type and value.

Every rule of `newsfuse.time.grammar` proposes spans; the longest, then the leftmost, win
where spans overlap; each kept span is then valued in text order, so that "a year earlier"
can count from the date the sentence before it gave. A clock time next to a day ("10 p.m.
Wednesday", "Nov. 9 at 5 p.m.") becomes one TIME.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsfuse.memo import per_brief
from newsfuse.time.grammar import RULES, Context, Rule
from newsfuse.time.lexicon import triggers as trigger_families
from newsfuse.time.values import granularity, to_date

__all__ = ["Timex", "find_timexes", "timexes"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression: its character span, TIMEX3 type and normalised value."""

    start: int
    end: int
    text: str
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str


_COMPARISONS = frozenset({"ago", "year_ago"})
# "the year-ago quarter", "last year's second quarter", "the quarter a year ago": a quarter
# named for comparison.
_COMPARED = re.compile(r"year-ago|year-earlier|prior-year|last\s+year's", re.I)
_JOIN = re.compile(r"\s*,?\s*(?:on\s+|at\s+)?")


def _context(text: str, start: int, end: int, dct: date | None, last: str | None) -> Context:
    return Context(dct=dct, last=last, text=text, start=start, end=end)


def _candidates(
    text: str, dct: date | None, triggers: set[str]
) -> list[tuple[int, int, Rule, re.Match[str]]]:
    found = []
    for rule in RULES:
        if triggers.isdisjoint(rule.triggers):
            continue
        for m in rule.pattern.finditer(text):
            if m.end() > m.start() and rule.value(m, _context(text, *m.span(), dct, None)):
                found.append((m.start(), m.end(), rule, m))
    return found


def _select(
    found: list[tuple[int, int, Rule, re.Match[str]]],
) -> list[tuple[int, int, Rule, re.Match[str]]]:
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[0])


def _merge_clock(text: str, timexes: list[Timex]) -> list[Timex]:
    """A clock time and an adjacent day are one TIME on that day."""
    merged: list[Timex] = []
    for t in timexes:
        prev = merged[-1] if merged else None
        if prev and _JOIN.fullmatch(text[prev.end : t.start]):
            clock, day = (prev, t) if "T" in prev.value[:11] and prev.type == "TIME" else (t, prev)
            if clock.type == "TIME" and ":" in clock.value and granularity(day.value) == "D":
                value = f"{day.value[:10]}T{clock.value.split('T', 1)[1]}"
                merged[-1] = Timex(prev.start, t.end, text[prev.start : t.end], "TIME", value)
                continue
        merged.append(t)
    return merged


# "April 24 and 25", "Jan. 5-7": a second day of the same month, then punctuation or a
# function word (not "April 24 and 25 people").
_SECOND_DAY = re.compile(
    r"\s*(?:and|or|to|through|-|–)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|at|on|and|when|with|for|as)\b)"
)


def _second_days(text: str, timexes: list[Timex]) -> list[Timex]:
    out: list[Timex] = []
    for i, t in enumerate(timexes):
        out.append(t)
        m = _SECOND_DAY.match(text, t.end)
        if not m or granularity(t.value) != "D" or len(t.value) != 10:
            continue
        if i + 1 < len(timexes) and timexes[i + 1].start < m.end():
            continue
        day = int(m["day"])
        first = to_date(t.value)
        if first is None or not first.day < day <= 31:
            continue
        try:
            second = first.replace(day=day)
        except ValueError:
            continue
        start = m.start("day")
        out.append(
            Timex(start, m.end("day"), text[start : m.end("day")], "DATE", second.isoformat())
        )
    return out


def find_timexes(text: str, dct: date | None) -> list[Timex]:
    """The time expressions of `text`, valued against the document creation date `dct`
    (None: only what the text dates absolutely gets a calendar value)."""
    triggers = trigger_families(text)
    if not triggers:
        return []
    timexes: list[Timex] = []
    last: str | None = None
    for start, end, rule, m in _select(_candidates(text, dct, triggers)):
        valued = rule.value(m, _context(text, start, end, dct, last))
        if valued is None:
            continue
        kind, value = valued
        timexes.append(Timex(start, end, text[start:end], kind, value))
        # A comparison ("a year earlier", "the year-ago quarter") is not the period the text
        # speaks of: the next "the quarter" still means the reported one.
        compared = rule.name in _COMPARISONS or (
            rule.name == "quarter" and (m["ago"] or _COMPARED.search(m["mods"] or ""))
        )
        if kind in ("DATE", "TIME") and granularity(value) and not compared:
            last = value
    return _second_days(text, _merge_clock(text, timexes))


@per_brief  # the timeline, the Latest line and the quantities each read a sentence's dates
def timexes(text: str, dct: date | None) -> tuple[Timex, ...]:
    """`find_timexes`, computed once per text and date in a brief."""
    return tuple(find_timexes(text, dct))
