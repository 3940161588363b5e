"""Quantities in sentences, read as intervals: "nearly six hours" is 5.1-6 hours, "more than
200 people" at least 200 people, "about 5am" 4:45-5:15. Shared by the alignment of claims
(`newsfuse.analyze.align`) and the discrepancies between sources."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import content_set, stem, words_beside
from newsfuse.analyze.bare_counts import EVENT_OF, PEOPLE, bare_count
from newsfuse.analyze.clause_date import resolve_dates
from newsfuse.analyze.entities import Registry, people_named
from newsfuse.model import Sentence
from newsfuse.resources import lines, table, words
from newsfuse.time import granularity, timexes
from newsfuse.time.lexicon import parse_number

__all__ = [
    "CLOCK",
    "DATE",
    "EXACT_UNITS",
    "GENERIC_UNITS",
    "Quantity",
    "clock_times",
    "event_dates",
    "find_quantities",
    "typical",
]

# Unit words and signs -> the unit they measure in ("hours", "$" -> "dollars").
_UNITS = cast(dict[str, str], table("units"))
# A time of day can belong to anything said that day: it needs the context words a generic
# unit needs (see `_same_thing`).
CLOCK = "clock time"
# The day of an event is compared as a value too, exactly (its month and day). Like a time
# of day it can belong to anything said (see `_same_thing`), so it is generic.
DATE = "date"
EXACT_UNITS = frozenset({DATE})
GENERIC_UNITS = frozenset(_UNITS.values()) | EXACT_UNITS
_NUMBER_WORDS_TABLE = cast(dict[str, dict[str, float]], table("number_words"))
_SMALL = _NUMBER_WORDS_TABLE["small"]
_SCALES = _NUMBER_WORDS_TABLE["scales"]


def _alternation(words: Sequence[str]) -> str:
    """`"|".join(words)` with the words grouped by their first letter, in order within a
    group: it matches the same, but tries one branch per letter at each position rather
    than one per word, which made `_QUANTITY` the slowest scan of the analysis."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(
        f"{first}(?:{'|'.join(rests)})" if len(rests) > 1 else first + rests[0]
        for first, rests in groups.items()
    )


_NUMBER_WORDS = sorted([*_SMALL, *_SCALES], key=len, reverse=True)
_WORD = _alternation(_NUMBER_WORDS)
# Digits end on a digit: the comma in "$28,156, according to" is punctuation.
_NUMBER = (
    rf"\d(?:[\d,]*\d)?(?:\.\d+)?"
    rf"|(?:{_WORD})(?:(?:\s+|-)(?:and\s+a\s+half|and|{_WORD})(?![\w-]))*"
)
# Hedges -> how they widen a quantity ("nearly", "about", "more than", "up to").
_QUALIFIER_KINDS = cast(dict[str, str], table("quantity_qualifiers"))
_QUALIFIER_WORDS = tuple(_QUALIFIER_KINDS)
_QUALIFIERS = _alternation(_QUALIFIER_WORDS)
_QUANTITY = re.compile(
    rf"(?<![\w.,-])(?:(?P<qual>{_QUALIFIERS})\s+)?(?P<cur>[$€£]|(?:dlrs|usd|eur|gbp)\s+)?(?P<num>{_NUMBER})"
    rf"(?:\s*(?P<scale>million|billion|trillion|bn|m)\b)?"
    # A currency needs no unit word after it: "the entire $284 billion." ends a sentence.
    rf"(?:(?P<sep>\s+|-|\s*(?=%))(?:(?P<adj>[a-z]+)\s+)?(?P<unit>%|per cent|[a-z]+))?",
    re.IGNORECASE,
)
# Plural nouns that count people or things, read as units of their own ("212 passengers").
_COUNTABLE = re.compile(rf"^(?:[a-z]{{3,}}s|{'|'.join(lines('collective_nouns'))})$")
_NOT_COUNTS = words("not_counts")
# A day of a month names a date, and a date names an event: "the Sept. 11 hijackers", "the
# 9/11 attacks" count no attacks. (A letter before the digits, "G20", is excluded already.)
_MONTH_NAMES = "|".join(
    sorted({*lines("months"), *(m.rstrip(".") for m in lines("month_abbreviations"))})
)
_COUNT_VERBS = words("count_verbs")
_EARLIER_REPORT = re.compile(
    r"\b(?:" + "|".join(c.replace(" ", r"\s+") for c in lines("earlier_report_cues")) + r")\b",
    re.IGNORECASE,
)
# "20 more people died" counts those added to a toll, not the toll.
_INCREMENTS = frozenset({"more", "fewer", "less", "additional"})
_IRREALIS = words("count_irrealis_cues")
_RELATIVE_AFTER = re.compile(r"\s*(?:ago|until|till|left|remaining|to go|from now)\b")
_PER_ITEM_AFTER = re.compile(
    r"\s*,?\s*(?:" + "|".join(c.replace(" ", r"\s+") for c in lines("per_item_cues")) + r")\b",
    re.IGNORECASE,
)
# A conversion in brackets repeats the quantity before it: "28.4 kilometers (17.6 miles)".
_CONVERSION_BEFORE = re.compile(r"\d[^()]{0,30}\(\s*$")
_DATE_BEFORE = re.compile(rf"(?:\b(?:{_MONTH_NAMES})\.?|\d/)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    article_id: str
    sentence: Sentence
    phrase: str
    unit: str
    low: float
    high: float
    start: int  # character offset in the sentence
    context: frozenset[str]
    people: frozenset[str]
    # The words right beside a date: the event it dates ("the July 7 bombings",
    # "shareholder meeting of March 8").
    near: frozenset[str] = frozenset()
    # The content word right before a date, of the three before it: what happened that day
    # ("elected on March 2", "due to end on July 28").
    lead: str = ""
    # What happened to what a count counts, by the words beside it ("died", "injured"):
    # counts of two happenings are two things.
    events: frozenset[str] = frozenset()
    # Said of what did not happen (yet): "threatened to fire four missiles".
    irrealis: bool = False
    # Counted from the day of publication ("four days until", "two years ago"): reports of
    # two days give two values of one fact.
    relative: bool = False
    # Where a distance is measured from, and in which direction ("southwest of pichilemu",
    # "from tokyo"); "" for none said. "flew 998 miles" and "800 miles away from Tokyo", or
    # "28 km south of" and "40 km southwest of" a town, are two distances.
    origin: str = ""
    # What a unit of anything measures when it is given before a noun ("a 31 mile relay",
    # "a 17-minute rain delay"), or a sum is of ("$2.1 billion in debt"): the noun,
    # stemmed; "" for none. Two such quantities measure one thing when the nouns agree, as
    # two counts of "passengers" do.
    measures: str = ""
    # An amount for each of several things ("$1.7 billion each"): no value of a total.
    per_item: bool = False


def typical(q: Quantity) -> float:
    """The amount a quantity most likely is: its bound when it has one only."""
    return q.low if q.high == math.inf else q.high if q.low == 0.0 else (q.low + q.high) / 2


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    kind = _QUALIFIER_KINDS.get((qualifier or "").lower())
    if kind == "below":
        return value * 0.85, value
    if kind == "around":
        return value * 0.85, value * 1.15
    if kind == "at_least":
        return value, math.inf
    if kind == "at_most":
        return 0.0, value
    return value, value


def find_quantities(
    sentences: Sequence[Sentence], registry: Registry | None = None, window: int = 60
) -> list[Quantity]:
    """Every quantity with a unit in the sentences, as an interval with its context."""
    found = []
    for s in sentences:
        for m in _QUANTITY.finditer(s.text):
            first, second = (m["adj"] or m["unit"] or "").lower(), (m["unit"] or "").lower()
            unit, unit_word, end = None, first, m.end("adj") if m["adj"] else m.end()
            measures = ""
            if m["unit"] is None and not m["cur"]:
                pass  # no word after the figure: a count of people at most, read below
            elif m["cur"]:
                unit, unit_word, end = (
                    _UNITS[m["cur"].strip().lower()],
                    "",
                    m.end("scale") if m["scale"] else m.end("num"),
                )
                # What a sum is of: "$2.1 billion in debt", "$2.2 billion of debt".
                of = _SUM_OF.match(s.text, end)
                if of and of[1] not in ENGLISH_STOP_WORDS:
                    measures = stem(of[1])
                elif (
                    named := _NOUN_OF.search(s.text, max(0, m.start() - 30), m.start())
                ) and named[1] not in _NOT_THINGS:
                    # What a sum is, named before it: "a package of $30 billion", "a
                    # request of $18 billion"; not "a total of $5 million" (of anything).
                    measures = stem(named[1])
            elif first in _UNITS:
                unit = _UNITS[first]
                # Not a share: "an 11 percent tax rate" and "an 8 percent rate" of two
                # taxes, "an 80 percent chance" of two outcomes, are shares of two things.
                attributive = m["sep"] == "-" or not first.endswith("s")
                if m["adj"] and attributive and unit != _SHARE:
                    measures = _measured(s.text, m.start("unit"))
                elif unit == _SHARE and (of := _SHARE_OF.match(s.text, end)):
                    # What a share is of: "56 percent of the vote", "7 percent of gross
                    # domestic product"; "of the vote counted" is another share.
                    measures = _measured(s.text, of.end())
            elif first in _COUNT_VERBS:
                pass  # "60 dead", "162 injured": a count of people, read below
            elif m["sep"].strip() == "" and _COUNTABLE.match(first) and first not in _NOT_COUNTS:
                unit = first
            elif m["adj"] and second == PEOPLE and first not in _INCREMENTS:
                unit, unit_word, end = PEOPLE, second, m.end()  # "65 young people"
            elif m["adj"] and second in _UNITS:
                unit, unit_word, end = _UNITS[second], second, m.end()  # "1.8 nautical miles"
            elif m["sep"] == "-" and m["adj"] and first not in _NOT_COUNTS:
                # "a 47-page indictment": pages of the indictment, a thing of its own.
                unit, unit_word, end = f"{first} {second}", second, m.end()
            happened: frozenset[str] | None = None
            start = m.start()
            if unit is None and not m["cur"]:
                # No noun: "67 of them died", "162 others were injured", "killed 60".
                figure_end = m.end("scale") if m["scale"] else m.end("num")
                bare = bare_count(s.text, m.start(), figure_end, m["num"])
                if bare is not None:
                    unit, unit_word = PEOPLE, ""
                    happened, start, end = frozenset({bare[0]}), bare[1], bare[2]
            if unit is None:
                continue
            if _DATE_BEFORE.search(s.text[max(0, m.start() - 12) : m.start()]):
                continue
            if _EARLIER_REPORT.search(s.text, max(0, start - 40), start):
                continue  # "Police had first said 65 were dead": replaced by the report
            if _CONVERSION_BEFORE.search(s.text[max(0, m.start() - 40) : m.start()]):
                continue
            if m["sep"] == "-" and (s.text[m.end() : m.end() + 4] == "-old"):
                continue  # "27-year-old": an age, a description
            value = parse_number(m["num"])
            if value is None:
                continue
            scale = (m["scale"] or "").lower()
            times = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
            value *= times.get(scale, 1)
            # Bare counts of one or two are nearly always "the two countries", not facts.
            if unit not in set(_UNITS.values()) and value < 3:
                continue
            low, high = _interval(value, m["qual"])
            if m["qual"] is None and "dozen" in m["num"].lower():
                # Dozens are a round count: "two dozen" is 20 to 28 (so that "20 attackers"
                # is no disagreement: abstain), "a dozen" 10 to 14.
                low, high = value * 5 / 6, value * 7 / 6
            digits = m["num"].replace(",", "")
            if scale and m["qual"] is None and digits.isdigit():
                # A whole figure in millions is a rounding: "4 million people" is about 4
                # million and agrees with "3.8 million" (within 0.3 of it, so that "4
                # million" and "5 million" still differ); "11 million documents" agrees
                # with "11.5 million" (within half a million).
                half = (0.3 if len(digits) == 1 else 0.5) * times.get(scale, 1)
                low, high = value - half, value + half
            around = s.text[max(0, m.start() - window) : m.end() + window]
            # "six hours with Lin" and "three hours with Halm" are two meetings.
            people = people_named(around, s.article_id, registry)
            happening = _happening(s.text, m.start(), end, unit)
            if happened is not None:
                happening["events"] = happened  # told by its verb alone
            found.append(
                Quantity(
                    s.article_id,
                    s,
                    s.text[start:end].strip(),
                    unit,
                    low,
                    high,
                    start,
                    content_set(around, drop=(unit_word,)),
                    people,
                    # The words right beside a count: what it counts ("charged with 269
                    # counts of wire fraud").
                    near=words_beside(s.text, m.start(), end, 3, drop=(unit_word,)),
                    measures=measures,
                    **happening,
                )
            )
    return found


_DISTANCES = frozenset({"metres", "kilometres", "miles"})
_SHARE = "percent"
_SUM_OF = re.compile(r"\s+(?:in|of)\s+([a-z]+)\b")
# A noun and "of" right before a sum: "a package of $30 billion".
_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s+$")
_NOT_THINGS = ENGLISH_STOP_WORDS | words("amount_nouns")
# "of the " after a share, to the noun phrase of what it is a share of.
_SHARE_OF = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|our|this|that)\s+)?(?=[A-Za-z])")
# The noun a unit measures when given before it: up to three words, to a function word or
# a mark ("31 mile Olympic Torch relay in": relay).
_NOUN_PHRASE = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+){0,2}")


def _measured(text: str, start: int) -> str:
    """The head noun of the phrase at `start`, stemmed, or "" (a function word first:
    "5 mile from" measures nothing)."""
    m = _NOUN_PHRASE.match(text, start)
    if m is None:
        return ""
    head = ""
    for word in re.split(r"[ -]", m[0].lower()):
        if word in ENGLISH_STOP_WORDS:
            break
        head = word
    return stem(head) if head else ""


def _happening(text: str, start: int, end: int, unit: str) -> dict[str, Any]:
    """What happened to what a count counts, by the five words before it and the four
    after; whether it was said not to have happened yet; whether it is counted from the
    day of publication; whether it is an amount for each of several things; where a
    distance is measured from."""
    before = _own(re.findall(r"[a-z]+|\d", text[max(0, start - 50) : start].lower())[::-1])
    after = _own(re.findall(r"[a-z]+|\d", text[end : end + 40].lower()))
    before, after = before[:5], after[:4]
    return {
        "events": frozenset(EVENT_OF[w] for w in (*before, *after) if w in EVENT_OF),
        "irrealis": any(w in _IRREALIS for w in before),
        "relative": _RELATIVE_AFTER.match(text, end) is not None,
        "per_item": _PER_ITEM_AFTER.match(text, end) is not None,
        "origin": _origin(text, end) if unit in _DISTANCES else "",
    }


def _own(words: list[str]) -> list[str]:
    """The words up to the next number, nearest first: those past it tell of that count
    ("trails by 27 points with one race remaining": the race remains, not the points)."""
    for n, word in enumerate(words):
        if word.isdigit() or word in _SMALL or word in _SCALES:
            return words[:n]
    return words


_COMPASS = "|".join(sorted(words("compass_points"), key=len, reverse=True))
_ORIGIN = re.compile(
    rf"\s*(?:away\s+)?(?:to\s+|at\s+)?(?:the\s+)?(?P<dir>{_COMPASS})?\s*(?:of|from)\s+"
    r"(?:the\s+)?(?P<place>[A-Z][\w'’-]+)"
)


def _origin(text: str, end: int) -> str:
    """Where a distance ending at `end` is measured from, with its direction, lower-cased
    ("southwest of pichilemu"), or ""."""
    m = _ORIGIN.match(text, end)
    if m is None or (
        not m["dir"] and not text[end : m.start("place")].strip().startswith(("away", "from"))
    ):
        return ""
    return f"{(m['dir'] or '').replace('-', '')} {m['place']}".strip().lower()


_CLOCK_TIME = re.compile(
    r"(?<![\w.:])(?:(?P<qual>about|around|approximately|roughly|shortly after|just after|"
    r"shortly before|just before)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?"
    r"\s?(?P<half>[ap])\.?m\b\.?",
    re.IGNORECASE,
)
_CLOCK_HINT = re.compile(r"\d\s?[aApP]\.?[mM]\b")


def clock_times(
    sentences: Sequence[Sentence], ref: date | None, registry: Registry | None, window: int = 60
) -> list[Quantity]:
    """Times of day ("5:10 a.m.", "about 5am", "6.40 a.m.") as intervals of minutes.

    A time is of the day its sentence names, else of the article's publication day; its
    unit carries that day, so that "1 a.m. Tuesday" and "1:30 a.m. Wednesday" (or 3 p.m. in
    one day's report and 4 p.m. in the next day's) are never compared."""
    found = []
    for s in sentences:
        # `_CLOCK_TIME` is slow to scan for, and ends in a digit then "am" or "pm" this
        # finds fast.
        matches = list(_CLOCK_TIME.finditer(s.text)) if _CLOCK_HINT.search(s.text) else []
        if not matches:
            continue  # most sentences: no dates to resolve
        days = [(iso, at) for iso, at, _ in resolve_dates(s.text, ref)] if ref else []
        for m in matches:
            full = [(abs(at - m.start()), iso) for iso, at in days if len(iso) == 10]
            day = min(full)[1] if full else (ref.isoformat() if ref else "")
            minutes = (int(m["h"]) % 12 + (12 if m["half"].lower() == "p" else 0)) * 60
            minutes += int(m["m"] or 0)
            qual = (m["qual"] or "").lower()
            low, high = float(minutes), float(minutes)
            if qual in ("about", "around", "approximately", "roughly"):
                low, high = low - 15, high + 15
            elif qual.endswith("after"):
                high += 20
            elif qual.endswith("before"):
                low -= 20
            around = s.text[max(0, m.start() - window) : m.end() + window]
            # "six hours with Lin" and "three hours with Halm" are two meetings.
            people = people_named(around, s.article_id, registry)
            phrase = s.text[m.start() : m.end()].strip()
            found.append(
                Quantity(
                    s.article_id,
                    s,
                    phrase,
                    f"{CLOCK} {day}".strip(),
                    low,
                    high,
                    m.start(),
                    content_set(around, drop=("a.m", "p.m", "am", "pm")),
                    people,
                )
            )
    return found


_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_NAMES})\b", re.IGNORECASE)


def event_dates(
    sentences: Sequence[Sentence], ref: date | None, registry: Registry | None, window: int = 60
) -> list[Quantity]:
    """Days a sentence names with a month ("March 14", "14 March 2017") as quantities, one
    value per month and day. Only dates printed with their month: "Friday" is a day
    counted from the publication date, which the reports of one story do not share."""
    found = []
    for s in sentences:
        if not _MONTH_WORD.search(s.text):
            continue
        for t in timexes(s.text, ref):
            if t.type != "DATE" or granularity(t.value) != "D" or not _MONTH_WORD.search(t.text):
                continue
            # By month and day: a year is often left out ("the July 7 bombings") and then
            # guessed from the publication date, a guess two reports need not share.
            month_day = t.value[5:10]
            if not re.fullmatch(r"\d\d-\d\d", month_day):
                continue
            day = int(month_day[:2]) * 31 + int(month_day[3:])
            around = s.text[max(0, t.start - window) : t.end + window]
            found.append(
                Quantity(
                    s.article_id,
                    s,
                    t.text,
                    DATE,
                    float(day),
                    float(day),
                    t.start,
                    content_set(around, drop=t.text.lower().split()),
                    people_named(around, s.article_id, registry),
                    words_beside(s.text, t.start, t.end, 3, drop=t.text.lower().split()),
                    _lead(s.text[: t.start]),
                )
            )
    return found


def _lead(before: str, reach: int = 3) -> str:
    """The content word nearest the end of `before`, of its last `reach` words, or ""."""
    for word in reversed(before.split()[-reach:]):
        if found := content_set(word):
            return min(found)
    return ""
