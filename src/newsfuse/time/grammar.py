"""The rules: each a pattern for one family of English time expressions and the function
that gives a match its TIMEX3 type and value, HeidelTime-style.

A rule's value function sees the match and a `Context`: the document creation date (the
anchor of "Wednesday" and "last year"), the tense of the clause, and the last calendar value
the text gave (the anchor of "a year earlier", "the day before", "that month").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from string import capwords

from newsfuse.time.lexicon import VOCAB, alternation, month_pattern, number_value
from newsfuse.time.tense import Tense, tense
from newsfuse.time.values import (
    granularity,
    month_value,
    nth_weekday,
    quarter_value,
    shift,
    to_date,
    truncate,
    weekday_near,
)

__all__ = ["RULES", "Context", "Rule"]


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
        return tense(self.text, self.start, self.end)


Value = tuple[str, str] | None  # (type, value)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    value: Callable[[re.Match[str], Context], Value]
    # A cheap pattern every match contains: most sentences skip most rules on it.
    hint: re.Pattern[str] | None = None


_MONTHS: dict[str, int] = VOCAB["months"]
_WEEKDAYS: dict[str, int] = VOCAB["weekdays"]
_UNITS: dict[str, str] = VOCAB["units"]
_SEASONS: dict[str, str] = VOCAB["seasons"]
_PARTS: dict[str, str] = VOCAB["parts_of_day"]
_ORDINALS: dict[str, int] = VOCAB["ordinals"]

_WD = rf"(?P<wd>{alternation(_WEEKDAYS)})"
_NUM_WORD = alternation(w for w in VOCAB["numbers"] if w not in ("a", "an"))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUM = (
    rf"(?P<num>\d+(?:\.\d+)?|(?:{_TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|{_NUM_WORD}|an?|{alternation(VOCAB['vague_numbers'])})"
)
_UNIT = (
    r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|"
    r"centurie)s?"
)
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,]\d|%)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_SEASON = rf"(?P<season>{alternation(_SEASONS)})"
_PART = rf"(?P<part>{alternation(_PARTS)})"
_APPROX = (
    r"(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"roughly|approximately|only|just|over|under|up\s+to|the\s+better\s+part\s+of)\s+)?"
)


def _dct_year(ctx: Context) -> int | None:
    return ctx.dct.year if ctx.dct else None


def _year_for(month: int, day: int, ctx: Context) -> int | None:
    """The year of a month (and day) printed without one: the publication year, moved back
    for a past clause that would otherwise fall well after it, ahead for a future one."""
    if ctx.dct is None:
        return None
    year = ctx.dct.year
    try:
        candidate = date(year, month, min(day, 28))
    except ValueError:
        return None
    gap = (candidate - ctx.dct).days
    if ctx.tense == "future":
        return year + 1 if gap < -60 else year
    return year - 1 if gap > (90 if ctx.tense == "past" else 120) else year


def _named_date(month: int, day: int, ctx: Context) -> str | None:
    """ "Sept. 11" as the name of the 2001 attacks, not a day of the printing year."""
    key = f"{'september' if month == 9 else month} {day}"
    value = VOCAB["named_dates"].get(key)
    if value is None or ctx.dct is None or ctx.dct <= date.fromisoformat(value) + timedelta(60):
        return None
    next_word = re.match(r"[\s,]*(?:'s\s+)?(\w+)", ctx.after)
    if next_word and next_word[1].lower() in VOCAB["named_date_nouns"]:
        return str(value)
    if re.search(r"(?:\b(?:since|after|before)|post-)\s*$", ctx.before, re.I):
        return str(value)
    return None


def _month_day(m: re.Match[str], ctx: Context) -> Value:
    month = _MONTHS[m["mon"].lower()]
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    if not m["year"]:
        named = _named_date(month, day, ctx)
        if named:
            return "DATE", named
    year = int(m["year"]) if m["year"] else _year_for(month, day, ctx)
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: Context) -> Value:
    return "DATE", month_value(int(m["year"]), _MONTHS[m["mon"].lower()])


def _numeric(m: re.Match[str], ctx: Context) -> Value:
    y, mo, d = (int(m[g]) for g in ("y", "mo", "d"))
    if y < 100:
        y += 1900 if y > 30 else 2000
    try:
        return "DATE", date(y, mo, d).isoformat()
    except ValueError:
        return None


_PREPOSITION = re.compile(
    r"\b(?:in|of|since|until|till|by|from|through|during|before|after|early|late|mid|last|"
    r"this|next|between|and|to|or|since|on)[\s-]*$",
    re.I,
)


def _month(m: re.Match[str], ctx: Context) -> Value:
    name = m["mon"]
    rel = (m["rel"] or "").lower()
    if name.lower() in ("may", "march", "mar", "jan", "sep", "dec") and not (
        rel or _PREPOSITION.search(ctx.before)
    ):
        return None
    month = _MONTHS[name.lower()]
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.dct.year
    if rel.startswith("last") or rel == "late last":
        year -= 0 if month < ctx.dct.month else 1
    elif rel.startswith("next") or rel == "early next":
        year += 0 if month > ctx.dct.month else 1
    elif not rel.startswith("this"):
        year = _year_for(month, 15, ctx) or year
    return "DATE", month_value(year, month)


def _year(m: re.Match[str], ctx: Context) -> Value:
    if re.search(r"[$#]\s*$|\bNo\.\s*$", ctx.before) or re.match(r"\s*(?:%|percent)", ctx.after):
        return None
    return "DATE", m["year"]


def _decade(m: re.Match[str], ctx: Context) -> Value:
    if m["cent"]:
        return "DATE", f"{m['cent']}{m['dec']}"
    year = ctx.dct.year if ctx.dct else 1900
    return "DATE", f"{year // 100 - (1 if int(m['dec2']) * 10 > year % 100 else 0)}{m['dec2']}"


def _century(m: re.Match[str], ctx: Context) -> Value:
    n = _ORDINALS.get(m["ord"].lower()) or int(re.sub(r"\D", "", m["ord"]) or 0)
    return ("DATE", f"{n - 1:02d}") if n else None


def _weekday(m: re.Match[str], ctx: Context) -> Value:
    if ctx.dct is None:
        return None
    weekday = _WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        day = weekday_near(ctx.dct - timedelta(days=1), weekday, -1)
    elif rel == "next":
        day = weekday_near(ctx.dct + timedelta(days=1), weekday, 1)
    elif rel == "this":
        day = weekday_near(ctx.dct, weekday, 1 if ctx.tense == "future" else 0)
    else:
        day = weekday_near(ctx.dct, weekday, 1 if ctx.tense == "future" else -1)
    if m["part"]:
        return "TIME", f"{day.isoformat()}T{_PARTS[m['part'].lower()]}"
    return "DATE", day.isoformat()


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def _deictic(m: re.Match[str], ctx: Context) -> Value:
    if ctx.dct is None:
        return None
    word = " ".join(m["word"].lower().split())
    day = ctx.dct + timedelta(days=_DEICTIC.get(word, 0))
    part = "NI" if word in ("tonight", "last night") else _PARTS.get((m["part"] or "").lower())
    if part:
        return "TIME", f"{day.isoformat()}T{part}"
    return "DATE", day.isoformat()


def _reference(kind: str) -> Callable[[re.Match[str], Context], Value]:
    return lambda m, ctx: ("DATE", kind)


def _anchor(ctx: Context, unit: str) -> date | None:
    """The date "that year" or "a year earlier" counts from: the last date the text gave
    when it is at least as fine as the unit, else the publication date."""
    if ctx.last and (anchor := to_date(ctx.last)):
        return anchor
    return ctx.dct


def _relative(m: re.Match[str], ctx: Context) -> Value:
    """ "last week", "this year", "next month", "earlier this year", "that day"."""
    rel = " ".join(m["rel"].lower().split())
    unit = _UNITS[m["unit"].lower()]
    if rel in ("the previous", "the following"):
        anchor = _anchor(ctx, unit)
        if anchor is None or unit == "WE":
            return None
        return "DATE", shift(anchor, unit, -1 if rel == "the previous" else 1)
    if rel in ("the past", "the last", "the next", "the coming"):
        if unit in ("D", "WE"):
            return None
        return "DURATION", {"DE": "P10Y", "CE": "P100Y"}.get(unit, f"P1{unit}")
    anaphoric = rel in ("that", "the same", "the")
    if rel == "over the":
        rel = "the" if unit == "WE" else rel
    anchor = _anchor(ctx, unit) if anaphoric else ctx.dct
    if anchor is None:
        return None
    step = -1 if rel.startswith(("last", "late last", "early last")) else 0
    step = 1 if rel.startswith(("next", "early next", "late next")) else step
    if unit == "WE":
        if step == 0 and not anaphoric:
            step = 1 if ctx.tense == "future" else -1
            saturday = weekday_near(anchor, 6, step)
        else:
            saturday = weekday_near(anchor, 6, 0) + timedelta(days=7 * step)
        return "DATE", f"{truncate(saturday, 'W')}-WE"
    if unit == "Q" and step == 0 and rel in ("the latest", "the recent", "the most recent"):
        step = -1
    return "DATE", shift(anchor, unit, step)


def _year_ago(m: re.Match[str], ctx: Context) -> Value:
    """ "year-earlier", "the year-ago period": the period last named, a year back."""
    unit = _UNITS[m["unit"].lower()]
    last = granularity(ctx.last or "")
    anchor = _anchor(ctx, unit) if last in ("Q", "M", "D") else ctx.dct
    if anchor is None:
        return None
    return "DATE", shift(anchor, unit, -1, last if last in ("Q", "M") else None)


def _period_end(m: re.Match[str], ctx: Context) -> Value:
    if ctx.dct is None:
        return None
    unit = _UNITS[(m["unit"] or m["unit2"]).lower()]
    rel = (m["rel"] or "this").lower()
    return "DATE", shift(ctx.dct, unit, {"last": -1, "next": 1}.get(rel, 0))


def _quarter(m: re.Match[str], ctx: Context) -> Value:
    """ "the third quarter", "third-quarter", "the latest quarter", "the year-ago quarter",
    "the first half", "fiscal 1989's second quarter"."""
    unit = "H" if m["qunit"].lower().startswith("half") else "Q"
    mods = (m["mods"] or "").lower()
    year = int(m["year"]) if m["year"] else _dct_year(ctx)
    if year is None:
        return None
    if "next year" in mods:
        year += 1
    if "last year" in mods or "year-ago" in mods or "year-earlier" in mods or "prior-year" in mods:
        year -= 1
    ordinal = (m["ord"] or "").lower()
    if ordinal in _ORDINALS and ordinal not in ("last", "final"):
        number = _ORDINALS[ordinal]
        # A quarter not yet begun, reported in the past, is last year's ("fourth-quarter
        # profit" in January).
        if not m["year"] and not mods.strip() and ctx.dct and ctx.tense != "future":
            current = (ctx.dct.month - 1) // 3 + 1 if unit == "Q" else (ctx.dct.month - 1) // 6 + 1
            year -= number > current
        return "DATE", f"{year:04d}-{unit}{number}"
    if ordinal in ("last", "final"):
        return "DATE", f"{year:04d}-{unit}{4 if unit == 'Q' else 2}"
    if ctx.dct is None or unit == "H":
        return None
    if "current" in mods or "this" in mods:
        return "DATE", quarter_value(year, ctx.dct.month)
    # A bare "the quarter" in a report is the last one closed before it.
    back = date(year, ctx.dct.month, 1) - timedelta(days=80)
    return "DATE", quarter_value(back.year, back.month)


def _season(m: re.Match[str], ctx: Context) -> Value:
    code = _SEASONS[m["season"].lower()]
    if m["year"]:
        return "DATE", f"{m['year']}-{code}"
    if ctx.dct is None:
        return None
    rel = (m["rel"] or "").lower()
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    year = ctx.dct.year
    if rel == "last":
        year -= 0 if start + 3 <= ctx.dct.month else 1
    elif rel == "next":
        year += 0 if start > ctx.dct.month else 1
    elif rel != "this" and ctx.tense == "past" and start > ctx.dct.month:
        year -= 1
    return "DATE", f"{year:04d}-{code}"


def _duration_value(num: str, unit_word: str) -> str | None:
    unit = _UNITS.get(unit_word.lower().rstrip("s").replace("centurie", "century"))
    if unit is None or unit == "WE":
        return None
    n = number_value(num) if num else 1.0
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        return f"P{int(n * factor)}Y" if n else "PXY" if unit == "DE" else "PXCE"
    time = unit in ("H", "S") or (unit == "M" and unit_word.lower().startswith("minute"))
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    return f"P{'T' if time else ''}{amount}{unit}"


def _duration(m: re.Match[str], ctx: Context) -> Value:
    value = _duration_value(m["num"], m["unit"])
    if value is None:
        return None
    direction = (m["dir"] or "").lower() if "dir" in m.groupdict() else ""
    if not direction:
        return "DURATION", value
    n = number_value(m["num"])
    unit = value[-1] if not value.endswith(("DE", "CE")) else value[-2:]
    if value.startswith("PT"):
        return None
    if n is None or n != int(n):
        return "DATE", "PAST_REF" if direction in (
            "ago",
            "earlier",
            "before",
            "back",
        ) else "FUTURE_REF"
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    anchor = ctx.dct if direction in ("ago", "from now", "hence", "back") else _anchor(ctx, unit)
    if anchor is None:
        return None
    # "a year earlier" than a quarter is that quarter a year back; "a year ago" in a report
    # on a quarter too.
    last = granularity(ctx.last or "")
    relative_to_text = anchor is not ctx.dct
    keep = (
        last if unit == "Y" and (last == "Q" or (relative_to_text and last in ("D", "M"))) else None
    )
    return "DATE", shift(anchor, unit, sign * int(n), keep)


def _set(m: re.Match[str], ctx: Context) -> Value:
    word = " ".join(m["what"].lower().split())
    if word in VOCAB["sets"]:
        return "SET", VOCAB["sets"][word]
    if word in _WEEKDAYS:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[word]}"
    if word in _MONTHS:
        return "SET", f"XXXX-{_MONTHS[word]:02d}"
    unit = _UNITS.get(word)
    if unit is None:
        return "SET", "P1D"  # "every morning", "each night"
    if m["per"].lower() in ("a", "an") and not re.search(
        r"(?:\d|%|\bpercent|\bcents?|\bdollars?|\btimes|\bonce|\btwice)\W*\w*\W*$", ctx.before
    ):
        return "DURATION", f"P1{unit}"
    return "SET", f"P{'T' if unit == 'H' else ''}1{unit}"


def _holiday(m: re.Match[str], ctx: Context) -> Value:
    # "their Christmas lights": a holiday's name used as a modifier names no day.
    if not (m["year"] or _PREPOSITION.search(ctx.before) or re.match(r"\s*(?:[,.;]|$)", ctx.after)):
        return None
    code = VOCAB["holidays"][" ".join(m["hol"].lower().split())]
    year = int(m["year"]) if m["year"] else _dct_year(ctx)
    if year is None:
        return None
    month, day = code.split("-")
    if day.isdigit():
        return "DATE", f"{year:04d}-{month}-{day}"
    found = nth_weekday(year, int(month), day)
    return ("DATE", found.isoformat()) if found else None


def _clock(m: re.Match[str], ctx: Context) -> Value:
    if m["special"]:
        hour, minute = (12, 0) if m["special"].lower() in ("noon", "midday") else (24, 0)
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


_HINTS = {
    "month": r"(?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    "digit": r"\d",
    "unit": r"(?i:second|minute|hour|day|night|week|month|quarter|half|year|decade|centur|"
    r"spring|summer|fall|autumn|winter)",
    "day": r"(?i:day|night)",
}


def _rule(
    name: str, pattern: str, value: Callable[[re.Match[str], Context], Value], hint: str = ""
) -> Rule:
    cheap = re.compile(_HINTS.get(hint, hint)) if hint else None
    return Rule(name, re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.I), value, cheap)


_REL = (
    r"(?P<rel>last|this|next|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next|"
    r"late\s+last|early\s+last|late\s+next|this\s+past|this\s+coming|the\s+past|the\s+last|"
    r"the\s+next|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+latest|"
    r"the\s+same|that|the|over\s+the)"
)
_QMODS = (
    r"(?P<mods>(?:(?:the|its|their|fiscal|next\s+year's|last\s+year's|this\s+year's|"
    r"year-ago|year-earlier|prior-year|latest|current|same|comparable|recent|most\s+recent|"
    r"this|calendar)\s+)*)"
)

RULES: tuple[Rule, ...] = (
    _rule(
        "month_day",
        rf"(?:{_WD},?\s+)?{month_pattern('mon')}\s*{_DAY}(?:,?\s+{_YEAR})?",
        _month_day,
        hint="month",
    ),
    _rule(
        "day_month",
        rf"{_DAY}\s+(?:of\s+)?{month_pattern('mon')}(?:,?\s+{_YEAR})?",
        _month_day,
        hint="month",
    ),
    _rule(
        "month_year", rf"{month_pattern('mon')},?\s+(?:of\s+)?{_YEAR}", _month_year, hint="month"
    ),
    _rule("iso", r"(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)", _numeric, hint="digit"),
    _rule(
        "slash", r"(?P<mo>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)", _numeric, hint="digit"
    ),
    _rule(
        "month",
        r"(?:(?P<rel>last|this|next|early|late|mid|late\s+last|early\s+next|the\s+end\s+of|"
        rf"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?{month_pattern('mon')}",
        _month,
        hint="month",
    ),
    _rule(
        "year",
        rf"(?:(?:fiscal|calendar|the\s+year|FY|early|mid|late)[\s-]+)?{_YEAR}",
        _year,
        hint="digit",
    ),
    _rule(
        "year_ago",
        r"(?:the\s+)?(?P<unit>year|month)[\s-](?P<dir>earlier|ago)(?:\s+period)?",
        _year_ago,
        hint="unit",
    ),
    _rule(
        "period_end",
        r"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?P<rel>the|this|next|last)\s+"
        r"(?P<unit>year|month|week|quarter)|(?P<unit2>year|month)(?:-|\s+|'s\s+)end)",
        _period_end,
        hint="unit",
    ),
    _rule(
        "decade",
        r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0'?s)",
        _decade,
        hint="digit",
    ),
    _rule("century", r"the\s+(?P<ord>\w+)\s+century", _century, hint=r"(?i:century)"),
    _rule(
        "weekday",
        rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|early|late)\s+)?{_WD}(?:\s+{_PART})?",
        _weekday,
        hint="day",
    ),
    _rule(
        "deictic",
        r"(?P<word>today|tonight|yesterday|tomorrow|last\s+night|this)(?:\s+(?P<part>morning|"
        r"afternoon|evening|night))?",
        lambda m, ctx: None if m["word"].lower() == "this" and not m["part"] else _deictic(m, ctx),
        hint=r"(?i:today|tonight|yesterday|tomorrow|night|this)",
    ),
    _rule("present", alternation(VOCAB["present"]), _reference("PRESENT_REF")),
    _rule("past", alternation(VOCAB["past"]), _reference("PAST_REF")),
    _rule("future", alternation(VOCAB["future"]), _reference("FUTURE_REF")),
    _rule("relative", rf"{_REL}\s+{_UNIT.replace('s?', '')}", _relative, hint="unit"),
    _rule(
        "quarter",
        rf"{_QMODS}(?:{_YEAR}\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        r"[\s-]+)?(?P<qunit>quarter|half)(?:\s+of\s+(?P<year2>(?:19|20)\d\d))?",
        lambda m, ctx: (
            None
            if not (m["mods"] or m["ord"] or m["year"])
            or (m["qunit"].lower() == "half" and not m["ord"])
            else _quarter(m, ctx)
        ),
        hint=r"(?i:quarter|half)",
    ),
    _rule(
        "season",
        rf"(?:(?P<rel>last|this|next|early|late|the|this\s+past)\s+)?{_SEASON}(?:\s+(?:of\s+)?{_YEAR})?",
        lambda m, ctx: _season(m, ctx) if m["rel"] or m["year"] else None,
        hint="unit",
    ),
    _rule(
        "ago",
        rf"{_APPROX}{_NUM}[\s-]+{_UNIT}(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)",
        _duration,
        hint="unit",
    ),
    _rule(
        "duration",
        rf"(?:the\s+(?:past|last|next|coming|previous|first|latest|final|following|preceding|"
        rf"ensuing|same|full|entire|remaining)\s+|the\s+)?{_APPROX}{_NUM}[\s-]+{_UNIT}(?:-long)?"
        r"(?!-old)",
        _duration,
        hint="unit",
    ),
    _rule(
        "plural_units",
        r"(?:(?:recent|the\s+past|the\s+last|the\s+coming|the\s+next)\s+)?(?P<unit>years|months|"
        r"weeks|days|decades|hours|minutes|centuries)",
        lambda m, ctx: (
            ("DURATION", f"PX{_UNITS[m['unit'].lower()[:-1].replace('centurie', 'century')]}")
            if not re.match(r"\s*(?:old|of)\b", ctx.after)
            else None
        ),
        hint="unit",
    ),
    _rule(
        "set",
        r"(?P<per>every|each|per|a|an)\s+(?P<what>day|week|month|quarter|year|hour|morning|"
        rf"night|evening|{alternation(_WEEKDAYS)}|{alternation(n for n in _MONTHS if len(n) > 3)})",
        _set,
    ),
    _rule("set_word", rf"(?P<what>{alternation(VOCAB['sets'])})", _set),
    _rule(
        "holiday",
        rf"(?-i:(?P<hol>{alternation(capwords(h) for h in VOCAB['holidays'])}))"
        rf"(?:\s+{_YEAR})?",
        _holiday,
    ),
    _rule(
        "clock",
        r"(?:(?P<h>[012]?\d)(?:(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"|:(?P<mi2>[0-5]\d))"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC))?|(?P<special>noon|midnight|midday))",
        _clock,
        hint=r"(?i:\\d|noon|midnight|midday)",
    ),
)
