"""What a matched time expression means: each function takes a grammar rule's match and its
`Context` and gives the TIMEX3 type and value, or None when the words name no time after all.

The context holds the document creation date (the anchor of "Wednesday" and "last year"), the
tense of the clause, and the last calendar value the text gave (the anchor of "a year
earlier", "the day before", "that month").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsfuse.time.context import Context, Value, anchor_of, closed_quarter, forecast
from newsfuse.time.lexicon import PREPOSITION_BEFORE, VOCAB, alternation, spelled_year_value
from newsfuse.time.values import (
    granularity,
    iso_week,
    month_value,
    quarter_value,
    shift,
    to_date,
    truncate,
    weekday_near,
)

__all__ = [
    "century",
    "decade",
    "month",
    "month_day",
    "month_year",
    "numeric",
    "period_end",
    "quarter",
    "quarter_code",
    "reference",
    "relative",
    "season",
    "spelled_year",
    "unit_aside",
    "week_of",
    "year",
    "year_ago",
]


_MONTHS: dict[str, int] = VOCAB["months"]
_UNITS: dict[str, str] = VOCAB["units"]
_SEASONS: dict[str, str] = VOCAB["seasons"]
_ORDINALS: dict[str, int] = VOCAB["ordinals"]


_DEADLINE = re.compile(r"\b(?:until|till|through|by)\s+$", re.I)


def _year_for(month: int, day: int, ctx: Context, lean_past: bool = False) -> int | None:
    """The year of a month (and day) printed without one: the publication year, moved back
    for a past clause that would otherwise fall well after it, ahead for a future one. A bare
    month in a clause of no clear tense leans past (`lean_past`: TempEval-3 train folds 1-4,
    a month in a present or tenseless clause is past 7 times of 10)."""
    if ctx.dct is None:
        return None
    year = ctx.dct.year
    try:
        candidate = date(year, month, min(day, 28))
    except ValueError:
        return None
    gap = (candidate - ctx.dct).days
    deadline = _DEADLINE.search(ctx.before) is not None
    if ctx.tense == "future" and not deadline:
        return year + 1 if gap < -60 else year
    if (ctx.tense == "past" or lean_past) and not deadline:
        return year - 1 if gap > 90 else year
    # No tense, or a deadline ("loans through January", said in October, run to next
    # January whatever the tense of the clause): the nearer of this year's and the next or
    # last one's.
    return year - 1 if gap > 183 else year + 1 if gap < -183 else year


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


# "April 24 and 25, 2014": the year printed after the second day is the first's too.
_SHARED_YEAR = re.compile(r"\s*(?:and|or|to|through|-|–)\s*[0-3]?\d,?\s+(?P<year>(?:19|20)\d\d)\b")


def month_day(m: re.Match[str], ctx: Context) -> Value:
    month = _MONTHS[m["mon"].lower()]
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    if not m["year"]:
        named = _named_date(month, day, ctx)
        if named:
            return "DATE", named
    printed = m["year"] or ((shared := _SHARED_YEAR.match(ctx.after)) and shared["year"])
    year = int(printed) if printed else _year_for(month, day, ctx)
    if year is None or ctx.dct is None or printed:
        return _day_value(year, month, day)
    which, rel = m.groupdict().get("which"), m.groupdict().get("rel")
    if which:  # "June 1 last year"
        year = ctx.dct.year + {"last": -1, "next": 1}.get(which.lower(), 0)
    elif rel:  # "next March 11": the first one after the writing, "last" the one before
        year = ctx.dct.year
        ahead = (month, day) > (ctx.dct.month, ctx.dct.day)
        year += {"next": 0 if ahead else 1, "last": -1 if ahead else 0}.get(rel.lower(), 0)
    return _day_value(year, month, day)


def _day_value(year: int | None, month: int, day: int) -> Value:
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def week_of(m: re.Match[str], ctx: Context) -> Value:
    """ "the week of March 6": the ISO week holding that day."""
    valued = month_day(m, ctx)
    day = to_date(valued[1]) if valued else None
    return ("DATE", iso_week(day)) if day else None


def month_year(m: re.Match[str], ctx: Context) -> Value:
    year = _year_in(m)
    return ("DATE", month_value(year, _MONTHS[m["mon"].lower()])) if year else None


def numeric(m: re.Match[str], ctx: Context) -> Value:
    y, mo, d = (int(m[g]) for g in ("y", "mo", "d"))
    if y < 100:
        y += 1900 if y > 30 else 2000
    try:
        return "DATE", date(y, mo, d).isoformat()
    except ValueError:
        return None


_SURNAME = re.compile(r"\s+[A-Z][a-z]")


def _after_preposition(before: str) -> bool:
    """A preposition ends `before`; "and" and "or" do not count, since before a first name
    they join names ("Craig and April Likhite"), not dates."""
    found = PREPOSITION_BEFORE.search(before)
    return found is not None and found[0].strip(" -\t\n").lower() not in ("and", "or")


def month(m: re.Match[str], ctx: Context) -> Value:
    name = m["mon"]
    rel = (m["rel"] or "").lower()
    if name.lower() in ("may", "march", "mar", "jan", "sep", "dec") and not (
        (rel or PREPOSITION_BEFORE.search(ctx.before)) and not _SURNAME.match(ctx.after)
    ):
        return None  # "Jan Kavan", "the March accession" need a preposition and no surname
    if not rel and _SURNAME.match(ctx.after) and not _after_preposition(ctx.before):
        return None  # "April Ryan asked", "Craig and April Likhite": a first name
    month = _MONTHS[name.lower()]
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}"
    year = ctx.dct.year
    if rel.startswith("last") or rel == "late last":
        year -= 0 if month < ctx.dct.month else 1
    elif rel.startswith("next") or rel == "early next":
        year += 0 if month > ctx.dct.month else 1
    elif not rel.startswith("this"):
        year = _year_for(month, 15, ctx, lean_past=True) or year
    if m["which"]:  # "January this year", "May last year"
        year = ctx.dct.year + {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    return "DATE", month_value(year, month)


# "sent 2000 troops", "fell 2013 points": a number before a plural noun with no determiner,
# preposition or possessive to make it a year's modifier ("the 1992 protests", "post-1959").
_PLURAL_AFTER = re.compile(
    r"\s+(?!(?:was|has|is|does|this|its|his|sometimes|always|perhaps)\b)[a-z]+[^su\W]s\b"
)
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|that|whose|each|every)\s+|['’]s\s+|-"
    r"|^\s*|[.!?:;\"“(\n]\s*)$",  # or the sentence's first word: "2012 sales rose"
    re.I,
)


def year(m: re.Match[str], ctx: Context) -> Value:
    if re.search(r"[$#]\s*$|\bNo\.\s*$", ctx.before) or re.match(r"\s*(?:%|percent)", ctx.after):
        return None
    if (
        _PLURAL_AFTER.match(ctx.after)
        and m.start() == m.start("year")  # not "mid-1990", "fiscal 1989"
        and not _MODIFIER_BEFORE.search(ctx.before)
        and not PREPOSITION_BEFORE.search(ctx.before)
    ):
        return None
    return "DATE", m["year"]


def _year_in(m: re.Match[str]) -> int | None:
    """The year a match names in digits or in words."""
    if m["year"]:
        return int(m["year"])
    return spelled_year_value(m["spelled"]) if m.groupdict().get("spelled") else None


def spelled_year(m: re.Match[str], ctx: Context) -> Value:
    """ "nineteen ninety-six" (spoken news), "the year two thousand"."""
    year = spelled_year_value(m["spelled"])
    return ("DATE", f"{year:04d}") if year else None


def decade(m: re.Match[str], ctx: Context) -> Value:
    if m["cent"]:
        return "DATE", f"{m['cent']}{m['dec']}"
    year = ctx.dct.year if ctx.dct else 1900
    return "DATE", f"{year // 100 - (1 if int(m['dec2']) * 10 > year % 100 else 0)}{m['dec2']}"


def century(m: re.Match[str], ctx: Context) -> Value:
    """ "the 20th century" is 19, TimeML's two digits; "a 19th-century church" too; "the last
    century" the one before the writing's."""
    word = m["ord"].lower()
    if word == "last":
        return ("DATE", f"{ctx.dct.year // 100 - 1:02d}") if m["the"] and ctx.dct else None
    n = 0 if word == "final" else _ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    return ("DATE", f"{n - 1:02d}") if 0 < n <= 21 else None


def reference(kind: str) -> Callable[[re.Match[str], Context], Value]:
    return lambda m, ctx: ("DATE", kind)


_WHOLE_YEAR = re.compile(r"\b(?:full|fiscal|calendar)\s", re.I)


def relative(m: re.Match[str], ctx: Context) -> Value:
    """ "last week", "this year", "next month", "earlier this year", "that day"."""
    rel = " ".join(m["rel"].lower().split()).replace("the prior", "the previous")
    word = (m["unit"] or "day").lower()  # "the next morning" is valued as the next day
    if m["unit"] and m["unit"][0].isupper() and m["rel"][0].isupper():
        return None  # "ABC's \"This Week\"": a title, each word capitalised
    if word in ("second", "minute", "hour") or (
        m["part"] and rel not in ("the next", "the following", "the previous")
    ):
        return None  # "the second world war", "that minute": no period of the calendar
    unit = _UNITS[word]
    if rel == "the" and unit == "Y" and re.match(r"\s+end(?:ed|ing)\b", ctx.after):
        return "DURATION", "P1Y"  # "the year ended March 31": a fiscal year's length
    if (
        rel == "the"
        and unit == "D"
        and (re.search(r"\b(?:in|during|of)\s+$", ctx.before) or re.match(r"\s+of\b", ctx.after))
    ):
        # "late in the day", "the middle of the night", "the night of Oct. 23" (folds 1-4: 1 of
        # 6 annotated)
        return None
    if rel in ("the", "that", "the same") and unit == "Q":
        value = _reported_quarter(ctx)
        return ("DATE", value) if value else None
    # "the day after his death": a day on from the date the text last gave. ("the day before
    # last Tuesday's hearing" counts from a date still to come: left to the anaphoric reading;
    # "Oct. 12, the day before the crash" is Oct. 12 itself.)
    side = re.match(r"\s+(before|after)\s+(?![\d'A-Z]|last\b|next\b|this\b)", ctx.after)
    if side and rel == "the" and unit == "D" and not re.search(r"\d,\s*$", ctx.before):
        anchor = anchor_of(ctx, unit)
        return ("DATE", shift(anchor, unit, 1 if side[1] == "after" else -1)) if anchor else None
    if rel in ("the previous", "the following") or (rel == "the next" and unit == "D"):
        # "the next day" is the day after the last date, like "the following day".
        anchor = anchor_of(ctx, unit)
        if anchor is None or unit == "WE":
            return None
        return "DATE", shift(anchor, unit, -1 if rel == "the previous" else 1)
    if rel in ("the past", "the last", "the next", "the coming"):
        if re.match(r"\s+of\s+[A-Z\d]", ctx.after):
            return None  # "the last week of March": a part of the month, which is found
        if unit in ("D", "WE"):
            return None
        if unit == "Y" and ctx.dct:
            # "over the past year": TimeBank's annotators value the calendar year before (or
            # after) the writing, not a year's length (train: 3 of 3 "the past/next year").
            return "DATE", shift(ctx.dct, unit, -1 if rel in ("the past", "the last") else 1)
        return "DURATION", {"DE": "P10Y", "CE": "P100Y"}.get(unit, f"P1{unit}")
    anaphoric = rel in ("that", "the same", "the")
    if rel == "the" and unit == "W" and ctx.dct:
        # "For the week, the index dropped 3.8%": a week the text does not date (TempEval-3
        # train: the gold's YYYY-WXX for 4 of 4; the week of the last date given, 0 of 4).
        return "DATE", f"{ctx.dct.year:04d}-WXX"
    if rel == "over the":
        rel = "the" if unit == "WE" else rel
    if rel == "the" and _WHOLE_YEAR.search(m[0]):
        anaphoric = False  # "the full year", "the fiscal year": the year of the report
    anchor = anchor_of(ctx, unit) if anaphoric else ctx.dct
    if anchor is None:
        return None
    step = -1 if rel.startswith(("last", "late last", "early last")) else 0
    step = 1 if rel.startswith(("next", "early next", "late next")) else step
    if unit == "WE":
        if rel == "this":
            # "this weekend": the current week's, or the one just gone in a past clause
            # written early in the week ("the storm hit this weekend", on a Monday).
            saturday = weekday_near(anchor, 6, 0)
            if ctx.tense == "past" and saturday > anchor:
                saturday -= timedelta(days=7)
        elif step == 0 and not anaphoric:
            step = 1 if ctx.tense == "future" else -1
            saturday = weekday_near(anchor, 6, step)
        else:
            saturday = weekday_near(anchor, 6, 0) + timedelta(days=7 * step)
        return "DATE", f"{truncate(saturday, 'W')}-WE"
    if unit == "Q" and step == 0 and rel in ("the latest", "the recent", "the most recent"):
        step = -1
    return "DATE", shift(anchor, unit, step)


def unit_aside(m: re.Match[str], ctx: Context) -> Value:
    """ "The year before, it was worse", "the week after": one unit from the date the text
    last gave, else from the writing."""
    unit = _UNITS[m["unit"].lower()]
    anchor = anchor_of(ctx, unit)
    if anchor is None:
        return None
    return "DATE", shift(anchor, unit, 1 if m["side"].lower() == "after" else -1)


def year_ago(m: re.Match[str], ctx: Context) -> Value:
    """ "year-earlier", "the year-ago period": the period last named, a year back."""
    unit = _UNITS[m["unit"].lower()]
    last = granularity(ctx.last or "")
    if last == "Q" and forecast(ctx):  # the reported quarter, not a forecast one, a year back
        reported = closed_quarter(ctx)
        return ("DATE", f"{int(reported[:4]) - 1:04d}{reported[4:]}") if reported else None
    anchor = anchor_of(ctx, unit) if last in ("Q", "M", "D") else ctx.dct
    if anchor is None:
        return None
    return "DATE", shift(anchor, unit, -1, last if last in ("Q", "M") else None)


def period_end(m: re.Match[str], ctx: Context) -> Value:
    if ctx.dct is None:
        return None
    unit = _UNITS[(m["unit"] or m["unit2"]).lower()]
    rel = (m["rel"] or "this").lower()
    return "DATE", shift(ctx.dct, unit, {"last": -1, "next": 1}.get(rel, 0))


_ENDED = re.compile(rf"\s+end(?P<ed>ed|ing)\s+(?P<mon>{alternation(_MONTHS)})\.?\s+\d", re.I)


def _reported_quarter(ctx: Context) -> str | None:
    """ "the quarter ended July 31": the calendar quarter most of its months fall in;
    "the quarter" alone, the one the text last named or the last closed."""
    ended = _ENDED.match(ctx.after)
    if ended is None or ctx.dct is None:
        return closed_quarter(ctx)
    end_month = _MONTHS[ended["mon"].lower()]
    # "ended Dec. 31" in October is last year's; "ending Dec. 31" this year's.
    end_year = ctx.dct.year - (end_month > ctx.dct.month and ended["ed"].lower() == "ed")
    middle = date(end_year, end_month, 1) - timedelta(days=30)
    return quarter_value(middle.year, middle.month)


def quarter(m: re.Match[str], ctx: Context) -> Value:
    """ "the third quarter", "third-quarter", "the latest quarter", "the year-ago quarter",
    "the first half", "fiscal 1989's second quarter"."""
    unit = "H" if m["qunit"].lower().startswith("half") else "Q"
    mods = (m["mods"] or "").lower()
    explicit = m["year"] or m["year2"]
    year = int(explicit) if explicit else (ctx.dct.year if ctx.dct else None)
    if year is None:
        return None
    if "next year" in mods:
        year += 1
    # "the year-ago quarter", "the quarter a year ago"
    if m["ago"] or any(w in mods for w in ("last year", "year-ago", "year-earlier", "prior-year")):
        year -= 1
    ordinal = (m["ord"] or "").lower()
    if ordinal in _ORDINALS and ordinal not in ("last", "final"):
        number = _ORDINALS[ordinal]
        # A quarter not yet begun, reported in the past, is last year's ("fourth-quarter
        # profit" in January).
        bare = set(mods.split()) <= {"the", "its", "their"}
        if not explicit and bare and ctx.dct and ctx.tense != "future":
            current = (ctx.dct.month - 1) // 3 + 1 if unit == "Q" else (ctx.dct.month - 1) // 6 + 1
            year -= number > current
        return "DATE", f"{year:04d}-{unit}{number}"
    if ordinal in ("last", "final"):
        return "DATE", f"{year:04d}-{unit}{4 if unit == 'Q' else 2}"
    if ctx.dct is None or unit == "H":
        return None
    if "current" in mods or "this" in mods:
        return "DATE", quarter_value(year, ctx.dct.month)
    value = _reported_quarter(ctx)
    if value is None:
        return None
    # "the year-ago quarter", "the 1988 quarter": the reported quarter in that year.
    if explicit or year != ctx.dct.year:
        value = f"{year:04d}{value[4:]}"
    return "DATE", value


def quarter_code(m: re.Match[str], ctx: Context) -> Value:
    """ "Q2", "3Q", "Q1 2013": a quarter as financial news abbreviates it; without a year,
    the last one of that number begun by the writing, like "the third quarter"."""
    number = int(m["qn"] or m["qn2"])
    if m["year"]:
        return "DATE", f"{m['year']}-Q{number}"
    if ctx.dct is None:
        return None
    year = ctx.dct.year
    if ctx.tense != "future" and number > (ctx.dct.month - 1) // 3 + 1:
        year -= 1
    return "DATE", f"{year:04d}-Q{number}"


def season(m: re.Match[str], ctx: Context) -> Value:
    code = _SEASONS[m["season"].lower()]
    if explicit := _year_in(m):
        return "DATE", f"{explicit:04d}-{code}"
    if m["season"][0].isupper() and _SURNAME.match(ctx.after):
        return None  # "the Winter Olympics", "the Spring Festival": a name

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
