"""The readings of named days and hours: weekdays ("Wednesday", "the previous Friday"),
"today" and "tonight", parts of a day, holidays, days named by an event ("9/11") and clock
times. Like `newsfuse.time.readings`, each function takes a grammar rule's match and its
`Context` and gives the TIMEX3 type and value, or None."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from newsfuse.resources import lines
from newsfuse.time.context import Context, Value
from newsfuse.time.lexicon import PREPOSITION_BEFORE, VOCAB, alternation
from newsfuse.time.tense import clause
from newsfuse.time.values import granularity, nth_weekday, to_date, weekday_near

__all__ = ["clock", "deictic", "holiday", "named_day", "nth_day", "part_of_day", "weekday"]

_WEEKDAYS: dict[str, int] = VOCAB["weekdays"]
_PARTS: dict[str, str] = VOCAB["parts_of_day"]


def named_day(m: re.Match[str], ctx: Context) -> Value:
    """ "9/11": a day written only as the name of an event, once the event is past."""
    value = VOCAB["named_dates"][m["named"].lower()]
    if ctx.dct is not None and ctx.dct <= date.fromisoformat(value) + timedelta(60):
        return None
    return "DATE", str(value)


# A clock time just before a weekday ("until 9 a.m. EST Tuesday"): the words before the clock
# say which side of the writing the day is on.
_CLOCK_BEFORE = re.compile(
    r"(?:\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[A-Z]{2,3})?|\b(?:noon|midnight))"
    r"\s*,?\s*(?:on\s+)?$",
    re.I,
)


_TIMETABLE = re.compile(
    rf"\b(?:{alternation(lines('time_timetable_verbs'))})\b(?:\s+[\w'-]+){{0,3}}\s+(?:on\s+)?$",
    re.I,
)


def _timetable(ctx: Context) -> bool:
    """ "The leaders meet separately Monday": a present-tense verb of a timetable before the
    day (folds 1-4: 1 of 1 such day ahead; with no verb and no tense, 1 of 16)."""
    return bool(_TIMETABLE.search(clause(ctx.text, ctx.start, ctx.end)[0]))


# "The vote is Tuesday", "the funeral is on Saturday", "he is leaving Friday": a present
# copula or progressive before a bare day names when it is to be (folds 1-4: no such day).
_SCHEDULED_COPULA = re.compile(r"\b(?:is|are|am)\s+(?:[a-z]+ing\s+)?(?:on\s+)?$", re.I)


def weekday(m: re.Match[str], ctx: Context) -> Value:
    dct = ctx.dct
    if dct is None:
        return None
    if clock_before := _CLOCK_BEFORE.search(ctx.before):
        ctx = Context(dct, ctx.last, ctx.text, ctx.start - len(clock_before[0]), ctx.end)
    weekday = _WEEKDAYS[m["wd"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    if m["week"]:  # "Thursday last week": that day of the week named
        step = {"last": -1, "this": 0, "next": 1}[m["week"].lower()]
        day = weekday_near(dct, weekday, 0) + timedelta(days=7 * step)
    elif rel in ("last", "this past"):
        day = weekday_near(dct - timedelta(days=1), weekday, -1)
    elif rel in ("next", "this coming"):
        day = weekday_near(dct + timedelta(days=1), weekday, 1)
    elif rel == "this":
        day = weekday_near(dct, weekday, 1 if ctx.tense == "future" else 0)
    elif rel in ("the previous", "the following"):
        # "the previous Friday": counted from the day the text last gave, else the writing.
        anchor = to_date(ctx.last) if ctx.last and granularity(ctx.last) == "D" else dct
        if anchor is None:
            return None
        step = -1 if rel == "the previous" else 1
        day = weekday_near(anchor + timedelta(days=step), weekday, step)
    else:
        # An hour named in a clause not in the past is a schedule: "have asked the council to
        # hold talks at 3 p.m. ET Friday".
        ahead = (
            ctx.tense == "future"
            or (ctx.tense is None and _timetable(ctx))
            or (clock_before is not None and ctx.tense != "past")
            or (not rel and _SCHEDULED_COPULA.search(ctx.before) and not ctx.after.startswith("'"))
        )
        day = weekday_near(dct, weekday, 1 if ahead else -1)
    # "Wednesday evening" is that part of the day, and so "Tuesday afternoon" (unseen in
    # folds 1-4: the TimeML guidelines' TAF); "Wednesday night" and "Friday morning" are
    # valued as the day: TimeBank's annotators give those parts less often than the day
    # alone (folds 1-4: night 2 of 10, morning 3 of 8; evening 2 of 2).
    part = (m["part"] or "").lower()
    if part in ("evening", "afternoon"):
        return "TIME", f"{day.isoformat()}T{_PARTS[part]}"
    return "DATE", day.isoformat()


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


_GENERIC = re.compile(
    rf"['’]s\s+(?:[a-z]+\s+)?(?:{alternation(lines('time_generic_nouns'))})\b", re.I
)


def deictic(m: re.Match[str], ctx: Context) -> Value:
    if ctx.dct is None:
        return None
    word = " ".join(m["word"].lower().split())
    if word == "today" and not m["part"] and _GENERIC.match(ctx.after):
        return None  # "today's world": nowadays, not the day of writing
    day = ctx.dct + timedelta(days=_DEICTIC.get(word, 0))
    part = "NI" if word in ("tonight", "last night") else _PARTS.get((m["part"] or "").lower())
    if part:
        return "TIME", f"{day.isoformat()}T{part}"
    return "DATE", day.isoformat()


# "Today is the eighth day of the strike", "it's the second day of an offensive".
_PRESENT_COPULA = re.compile(r"(?:\b(?:is|marks)|['’]s)\s+$", re.I)


def nth_day(m: re.Match[str], ctx: Context) -> Value:
    """ "the second day of the offensive", said in the present: the day of writing (train:
    2 of 2). Said of the past, the count needs the day the thing began: left out."""
    if ctx.dct is None or not _PRESENT_COPULA.search(ctx.before):
        return None
    return "DATE", ctx.dct.isoformat()


def part_of_day(m: re.Match[str], ctx: Context) -> Value:
    """ "mid-afternoon yesterday", "late evening", "overnight": that part of the day named
    beside it, else of the day the text last gave, else of the day of writing. A bare
    "morning" ("the morning paper") names no time; "in the afternoon" is left out too: the
    timeline dates a sentence by its first expression, and a part of a day alone would hide
    the day after it ("who flew in in the afternoon, said she would meet them on Sunday")."""
    part = " ".join(m["part"].lower().split())
    lead = (m["lead"] or "").lower().strip()
    if not (
        part.startswith("mid") or part == "overnight" or m["word"] or lead in ("early", "late")
    ):
        return None
    code = _PARTS.get(part.replace(" ", "-"), _PARTS.get(part.replace("mid", "").strip(" -")))
    if m["word"] and ctx.dct:
        day = (ctx.dct + timedelta(days=_DEICTIC[m["word"].lower()])).isoformat()
    elif ctx.last and granularity(ctx.last) == "D":
        day = ctx.last[:10]
    elif ctx.dct:
        day = ctx.dct.isoformat()
    else:
        return None
    return ("TIME", f"{day}T{code}") if code else None


def holiday(m: re.Match[str], ctx: Context) -> Value:
    # "their Christmas lights": a holiday's name used as a modifier names no day.
    name = " ".join(m["hol"].lower().split())
    explicit = m["year"] or m["year_first"]
    if not (
        explicit
        or PREPOSITION_BEFORE.search(ctx.before)
        or re.match(r"\s*(?:[,.;]|$)", ctx.after)
        # "Good Friday": else the weekday alone would be read; "found Thanksgiving Day
        # clinging to a tube", but not "the New Year's Eve party", a modifier.
        or name.split()[-1] in _WEEKDAYS
        or (" " in name and re.match(r"\s+[a-z]+ing\b", ctx.after))
    ):
        return None
    if not explicit and " " not in name and re.match(r"\s+[A-Z][a-z]", ctx.after):
        return None  # "on Easter Island", "the Christmas Tree Festival": a longer name
    code = VOCAB["holidays"][name]
    year = int(explicit) if explicit else (ctx.dct.year if ctx.dct else None)
    if year is None:
        return None
    value = _holiday_in(year, code)
    # "was found on Thanksgiving" written in January, or "landed on New Year's Eve" written
    # on New Year's Day: last year's.
    if value and not explicit and ctx.dct and value[1] > ctx.dct.isoformat():
        ahead = (date.fromisoformat(value[1]) - ctx.dct).days
        if ctx.tense == "past" or (ctx.tense != "future" and ahead > 183):
            return _holiday_in(year - 1, code)
    return value


def _holiday_in(year: int, code: str) -> Value:
    """Codes: "12-25" a day of the year, "11-TH4" the fourth Thursday of November, "E-2" two
    days before Easter Sunday."""
    month, _, day = code.partition("-")
    if code.startswith("E"):
        found: date | None = easter(year) + timedelta(days=int(code[1:]))
    elif day.isdigit():
        found = date(year, int(month), int(day))
    else:
        found = nth_weekday(year, int(month), day)
    return ("DATE", found.isoformat()) if found else None


_CLOCK_PREPOSITION = re.compile(
    r"\b(?:at|until|till|by|before|after|from|around|about|to|since)\s+$", re.I
)


def clock(m: re.Match[str], ctx: Context) -> Value:
    if m["special"]:
        hour, minute = (12, 0) if m["special"].lower() in ("noon", "midday") else (24, 0)
    elif m["hp"]:  # "at 4 in the morning", not "he scored 2 in the afternoon"
        if not _CLOCK_PREPOSITION.search(ctx.before):
            return None
        hour, minute = int(m["hp"]) % 12, 0
        hour += 0 if m["dp"].lower() == "morning" else 12
    else:
        hour, minute = int(m["h"]), int(m["mi"] or m["mi2"] or 0)
        ap = (m["ap"] or "").lower()
        if hour > 24:
            return None
        if ap.startswith("p") and hour < 12:
            hour += 12
        if ap.startswith("a") and hour == 12:
            hour = 0
    # A clock time with no day is on the day the text last named, or the day of writing.
    if ctx.last and granularity(ctx.last) == "D":
        day = ctx.last[:10]
    else:
        day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"
