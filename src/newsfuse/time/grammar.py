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
from string import capwords

from newsfuse.time.context import Context, Value
from newsfuse.time.days import (
    clock,
    deictic,
    holiday,
    named_day,
    nth_day,
    part_of_day,
    weekday,
)
from newsfuse.time.durations import duration, every_few, plural_units, set_value, unit_long
from newsfuse.time.lexicon import VOCAB, alternation, month_pattern
from newsfuse.time.readings import (
    century,
    decade,
    month,
    month_day,
    month_year,
    numeric,
    period_end,
    quarter,
    quarter_code,
    reference,
    relative,
    season,
    spelled_year,
    unit_aside,
    week_of,
    year,
    year_ago,
)

__all__ = ["RULES", "Context", "Rule"]

_MONTHS: dict[str, int] = VOCAB["months"]
_WEEKDAYS: dict[str, int] = VOCAB["weekdays"]
_UNITS: dict[str, str] = VOCAB["units"]
_SEASONS: dict[str, str] = VOCAB["seasons"]
_PARTS: dict[str, str] = VOCAB["parts_of_day"]
_ORDINALS: dict[str, int] = VOCAB["ordinals"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    value: Callable[[re.Match[str], Context], Value]
    # The trigger words (`TRIGGERS` groups) of which every match holds one: a sentence runs
    # only the rules whose triggers it has.
    triggers: tuple[str, ...]


_WD = rf"(?P<wd>{alternation(_WEEKDAYS)})"
_NUM_WORD = alternation(w for w in VOCAB["numbers"] if w not in ("a", "an"))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUM = (
    rf"(?P<num>(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:(?:{_TENS})[\s-](?:one|two|three|four|five|six|"
    rf"seven|eight|nine)|{_NUM_WORD})(?:[\s-]+(?:hundred|thousand)(?:[\s-]+(?:and\s+)?(?:{_NUM_WORD}))?)?)"
    rf"(?:\s+and\s+a\s+half)?|an?|{alternation(VOCAB['vague_numbers'])})"
)
_UNIT = (
    r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|"
    r"centurie)s?"
)
# "nineteen ninety-six" (spoken news), "two thousand and one".
_SPELLED_YEAR = (
    rf"(?P<spelled>nineteen[\s-]+(?:(?:{_TENS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|"
    r"nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"|two\s+thousand(?:\s+and\s+\w+)?)"
)
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,.]\d|%)"  # not "2082.1", an index level
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
_SEASON = rf"(?P<season>{alternation(_SEASONS)})"
_PART = rf"(?P<part>{alternation(_PARTS)})"
_APPROX = (
    r"(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"roughly|approximately|only|just|over|under|up\s+to|the\s+better\s+part\s+of)\s+)?"
)


def _rule(
    name: str,
    pattern: str,
    value: Callable[[re.Match[str], Context], Value],
    triggers: tuple[str, ...],
) -> Rule:
    return Rule(name, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.I), value, triggers)


# Holidays as they are written: "Christmas Eve", "Fourth of July".
_HOLIDAYS = alternation(capwords(h).replace(" Of ", " of ") for h in VOCAB["holidays"])
_REL = (
    r"(?P<rel>last|this|next|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next|"
    r"late\s+last|early\s+last|late\s+next|this\s+past|this\s+coming|the\s+past|the\s+last|"
    r"the\s+next|the\s+coming|the\s+previous|the\s+prior|the\s+following|the\s+current|"
    r"the\s+latest|the\s+same|that|the|over\s+the)"
)
_QMODS = (
    r"(?P<mods>(?:(?:the|its|their|fiscal|next\s+year's|last\s+year's|this\s+year's|the\s+year's|"
    r"year-ago|year-earlier|prior-year|latest|current|same|comparable|recent|most\s+recent|"
    r"this|calendar)\s+|fiscal-)*)"
)

# "the latest period" of an earnings report is its quarter; "the period" alone is any stretch.
_REPORTED_PERIOD = re.compile(r"\b(?:latest|most\s+recent|current)\s+$", re.I)

RULES: tuple[Rule, ...] = (
    _rule(
        "month_day",
        rf"(?:(?P<rel>last|next|this)\s+)?(?:{_WD},?\s+)?{month_pattern('mon')}\s*{_DAY}"
        rf"(?:,?\s+{_YEAR}|\s+(?P<which>last|next|this)\s+year)?",
        month_day,
        ("month",),
    ),
    _rule(
        "day_month",
        rf"(?:{_WD},?\s+(?:the\s+)?)?{_DAY}\s+(?:of\s+)?{month_pattern('mon')}(?:,?\s+{_YEAR})?",
        month_day,
        ("month",),
    ),
    _rule(
        "month_year",
        rf"{month_pattern('mon')},?\s+(?:of\s+)?(?:{_YEAR}|{_SPELLED_YEAR})",
        month_year,
        ("month",),
    ),
    _rule(
        "week_of",
        rf"the\s+week\s+of\s+{month_pattern('mon')}\s*{_DAY}(?:,?\s+{_YEAR})?",
        week_of,
        ("month",),
    ),
    # Only the days named by their digits alone: "Sept. 11" is read by month_day.
    _rule("named_day", r"(?P<named>9/11)", named_day, ("digit",)),
    _rule("iso", r"(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)", numeric, ("digit",)),
    _rule("slash", r"(?P<mo>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)", numeric, ("digit",)),
    _rule(
        "month",
        r"(?:(?P<rel>last|this|next|early|late|mid|late\s+last|early\s+next|the\s+end\s+of|"
        rf"the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?{month_pattern('mon')}"
        r"(?:\s+(?:of\s+)?(?P<which>this|last|next)\s+year)?",
        month,
        ("month",),
    ),
    _rule(
        "year",
        rf"(?:(?:fiscal|calendar|the\s+year|early|mid|late)[\s-]+|FY[\s-]?|(?:pre|post)-)?{_YEAR}",
        year,
        ("digit",),
    ),
    _rule(
        "spelled_year",
        rf"(?:the\s+year\s+)?{_SPELLED_YEAR}",
        spelled_year,
        ("spelled_year",),
    ),
    _rule(
        "year_ago",
        r"(?:the\s+)?(?P<unit>year|month)[\s-](?P<dir>earlier|ago)(?:\s+period)?",
        year_ago,
        ("direction",),
    ),
    _rule(
        "period_end",
        r"(?:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?P<rel>the|this|next|last)\s+"
        r"(?P<unit>year|month|week|quarter)|(?P<unit2>year|month)(?:-|\s+|'s\s+)end)",
        period_end,
        ("edge",),
    ),
    _rule(
        "decade",
        r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<cent>1[6-9]|20)(?P<dec>\d)0'?s|'(?P<dec2>\d)0'?s)",
        decade,
        ("digit",),
    ),
    _rule(
        "century",
        r"(?P<the>the\s+)?(?P<ord>\d+(?:st|nd|rd|th)|[a-z]+(?:-first)?)[\s-]+century",
        century,
        ("century",),
    ),
    _rule(
        # "a quarter century", "the past quarter-century": 25 years; not the modifier of
        # "its quarter-century high" (nor is "25-year" there a length TimeBank annotates).
        "quarter_century",
        r"(?:(?:the\s+(?:past|last|next)|a|one)\s+)?quarter(?:\s+|-(?!century\s+[a-z]))century",
        lambda m, ctx: ("DURATION", "P25Y"),
        ("quarter",),
    ),
    _rule(
        "two_quarters",  # "the first two quarters of 1990": that year's first half
        rf"(?:the\s+)?(?P<side>first|last|final)\s+two\s+quarters\s+of\s+(?:fiscal\s+)?{_YEAR}",
        lambda m, ctx: ("DATE", f"{m['year']}-H{1 if m['side'].lower() == 'first' else 2}"),
        ("quarter",),
    ),
    _rule(
        "unit_long",
        r"(?P<unit>day|week|month|year|decade)-long",
        unit_long,
        ("unit",),
    ),
    _rule(
        "weekday",
        rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|early|late|the\s+previous|"
        rf"the\s+following)\s+)?{_WD}(?:\s+{_PART})?(?:\s+(?P<week>last|this|next)\s+week)?",
        weekday,
        ("weekday",),
    ),
    _rule(
        "deictic",
        r"(?P<word>today|tonight|yesterday|tomorrow|last\s+night|this)(?:\s+(?P<part>morning|"
        r"afternoon|evening|night))?",
        lambda m, ctx: None if m["word"].lower() == "this" and not m["part"] else deictic(m, ctx),
        ("deictic", "part"),
    ),
    _rule(
        "nth_day",
        rf"the\s+(?P<ord>{alternation(o for o in _ORDINALS if o not in ('last', 'final'))})\s+"
        r"(?:straight\s+|consecutive\s+)?day(?=\s+(?:of|in|since)\b)",
        nth_day,
        ("unit",),
    ),
    _rule(
        "part_of_day",
        r"(?P<lead>the\s+|(?:early|late)\s+)?(?P<part>mid[\s-]?(?:morning|afternoon)|morning|"
        r"afternoon|evening|overnight)(?:\s+(?P<word>yesterday|today|tomorrow))?",
        part_of_day,
        ("part",),
    ),
    _rule("present", alternation(VOCAB["present"]), reference("PRESENT_REF"), ("reference",)),
    _rule("past", alternation(VOCAB["past"]), reference("PAST_REF"), ("reference",)),
    _rule("future", alternation(VOCAB["future"]), reference("FUTURE_REF"), ("reference",)),
    _rule(
        "relative",
        rf"{_REL}\s+(?:(?:fiscal|full|calendar)\s+(?=year))?"
        rf"(?:{_UNIT.replace('s?', '')}|(?P<part>morning|afternoon|evening))",
        relative,
        ("unit", "quarter", "part"),
    ),
    _rule(
        "unit_aside",
        # The phrase ends there: "the day before the crash" is left to the relative rule.
        r"the\s+(?P<unit>day|week|month|year)\s+(?P<side>before|after)(?=\s*(?:[,.;:!?)]|$))",
        unit_aside,
        ("unit",),
    ),
    _rule(
        "quarter",
        rf"{_QMODS}(?:{_YEAR}\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
        r"[\s-]+)?(?P<qunit>quarter|half|period)(?!-)"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d)|(?P<ago>\s+a\s+year\s+(?:ago|earlier)))?",
        lambda m, ctx: (
            None
            if not (m["mods"] or m["ord"] or m["year"])
            or (m["qunit"].lower() == "half" and not m["ord"])
            or (
                m["qunit"].lower() == "period"
                and (m["ord"] or not _REPORTED_PERIOD.search(m["mods"] or ""))
            )
            else quarter(m, ctx)
        ),
        ("quarter",),
    ),
    _rule(
        "quarter_code",
        rf"(?-i:Q(?P<qn>[1-4])|(?P<qn2>[1-4])Q)(?:\s+{_YEAR})?",
        quarter_code,
        ("digit",),
    ),
    _rule(
        "season",
        rf"(?:(?P<rel>last|this|next|early|late|the|this\s+past)\s+)?{_SEASON}"
        rf"(?:\s+(?:of\s+)?(?:{_YEAR}|{_SPELLED_YEAR}))?",
        lambda m, ctx: season(m, ctx) if m["rel"] or m["year"] or m["spelled"] else None,
        ("season",),
    ),
    _rule(
        "ago",
        rf"{_APPROX}{_NUM}[\s-]+{_UNIT}(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|later|from\s+now|hence|back)",
        duration,
        ("direction",),
    ),
    _rule(
        "duration",
        rf"(?:the\s+(?P<lead>past|last|next|coming|previous|first|latest|final|following|"
        rf"preceding|ensuing|same|full|entire|remaining)\s+|the\s+)?{_APPROX}{_NUM}"
        rf"(?:\s+(?:more|consecutive|straight|successive|full|whole|additional|long|trading|"
        rf"business|working))?[\s-]+"
        rf"{_UNIT}(?P<half>\s+and\s+a\s+half)?(?:-long)?"
        r"(?!-old)",
        duration,
        ("unit", "units", "quarter"),
    ),
    _rule(
        "plural_units",
        r"(?:(?P<lead>recent|past|the\s+past|the\s+last|coming|the\s+coming|the\s+next|"
        r"future|upcoming)\s+)?"
        r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries|quarters)",
        plural_units,
        ("units",),
    ),
    _rule(
        "set",
        r"(?P<per>every|each|per|a|an)\s+(?P<what>day|week|month|quarter|year|hour|morning|"
        rf"night|evening|{alternation(_WEEKDAYS)}|{alternation(n for n in _MONTHS if len(n) > 3)})",
        set_value,
        ("unit", "quarter", "weekday", "month", "deictic", "part"),
    ),
    _rule(
        "every_few",
        rf"every\s+(?:(?P<num>other|\d+|{_NUM_WORD})[\s-]+){_UNIT}",
        every_few,
        ("unit", "units"),
    ),
    _rule("set_word", rf"(?P<what>{alternation(VOCAB['sets'])})", set_value, ("set",)),
    _rule(
        "holiday",
        # "the 2015 New Year's Eve assaults", "Christmas 2012"
        rf"(?:{_YEAR.replace('?P<year>', '?P<year_first>')}\s+)?"
        rf"(?-i:(?P<hol>{_HOLIDAYS}))"
        rf"(?:\s+{_YEAR})?",
        holiday,
        ("holiday",),
    ),
    _rule(
        "clock",
        r"(?:(?P<h>[012]?\d)(?:(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
        r"|:(?P<mi2>[0-5]\d))"
        r"(?:\s+(?-i:[ECMP][SD]?T|GMT|UTC|BST|CET))?|(?P<special>noon|midnight|midday)"
        r"|(?P<hp>1[0-2]|0?[1-9])(?:\s+o'clock)?\s+in\s+the\s+(?P<dp>morning|afternoon|evening))",
        clock,
        ("digit", "clock"),
    ),
)
