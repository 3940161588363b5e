"""Lengths and repetitions: "three years", "recent months", "a year ago", "every Monday".
A length counted from now or from the text's last date ("two weeks ago", "a year earlier")
is the calendar value it lands on."""

from __future__ import annotations

import re

from newsfuse.time.context import Context, Value, anchor_of
from newsfuse.time.lexicon import VOCAB, number_value
from newsfuse.time.values import granularity, shift

__all__ = ["duration", "every_few", "plural_units", "set_value", "unit_long"]

_MONTHS: dict[str, int] = VOCAB["months"]
_WEEKDAYS: dict[str, int] = VOCAB["weekdays"]
_UNITS: dict[str, str] = VOCAB["units"]


# Some decades or centuries: TimeBank writes an uncounted number of years, and of centuries
# its one-letter unit (folds 1-4: "decades-long" PXY; "centuries" PXC and PXE, never PXCE).
_VAGUE = {"DE": "PXY", "CE": "PXC"}


def _duration_value(num: str, unit_word: str, half: bool = False) -> str | None:
    unit = _UNITS.get(unit_word.lower().rstrip("s").replace("centurie", "century"))
    if unit is None or unit == "WE":
        return None
    n = number_value(num) if num else 1.0
    if half and n is not None:  # "a year and a half"
        n += 0.5
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        return f"P{int(n * factor)}Y" if n else _VAGUE[unit]
    time = unit in ("H", "S") or (unit == "M" and unit_word.lower().startswith("minute"))
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if n is not None and n - int(n) == 0.5 and unit in ("Y", "H"):
        # "2 1/2 years" is P2Y6M, "half an hour" PT30M
        whole = f"{int(n)}{unit}" if n >= 1 else ""
        amount, unit = f"{whole}{6 if unit == 'Y' else 30}", "M"
    elif n is not None and n - int(n) == 0.5 and time and unit == "M":
        # "a minute and a half" is PT1M30S, "half a minute" PT30S
        amount, unit = f"{int(n)}M30" if n >= 1 else "30", "S"
    return f"P{'T' if time else ''}{amount}{unit}"


def _lead_reference(lead: str | None) -> str | None:
    """ "recent years", "the past few months": a vague stretch just before or after now."""
    word = (lead or "").lower().split()[-1:]
    if word and word[0] in ("recent", "past", "last"):
        return "PAST_REF"
    if word and word[0] in ("coming", "next", "future", "upcoming"):
        return "FUTURE_REF"
    return None


def plural_units(m: re.Match[str], ctx: Context) -> Value:
    if re.match(r"\s*(?:old|of)\b", ctx.after):
        return None
    reference = _lead_reference(m["lead"])
    if reference:
        return "DATE", reference
    word = m["unit"].lower()
    if word == "quarters":
        return None  # "living quarters", "in some quarters": only "recent quarters" is time
    # A bare "days" or "minutes" ("just minutes apart", "days after the attack") is rarely a
    # stretch of time one could value (TimeBank folds 1-4: none of 9 got the gold value).
    if word in ("days", "hours", "minutes"):
        return None
    unit = _UNITS[word[:-1].replace("centurie", "century")]
    return "DURATION", _VAGUE.get(unit, f"PX{unit}")


# "a second betrayal", "a minute detail": an ordinal or an adjective, not a length of time.
_ORDINAL_USE = re.compile(r"\s+(?!(?:or|and|longer|more|later|earlier)\b)[a-z]")
_AGE = re.compile(r"\s+old\b")
_SHARE_OF = re.compile(r"\s+of\s+(?!(?:19|20)\d\d)")  # "three-quarters of its food"
_NUMBER_WORDS = "|".join(w for w in VOCAB["numbers"] if " " not in w and w not in ("a", "an"))
# An amount and at most one word after it ("$2 million", "20%", "four flights", "10,000 units").
_AMOUNT = re.compile(
    rf"(?:(?<![\w,.])(?!(?:19|20)\d\d\b)\d[\d,.]*(?:%|bn|mn|m|k)?|%|\b(?:percent|cents?|dollars?|{_NUMBER_WORDS}))"
    r"(?:\s+[a-z]+)?\s*$",
    re.I,
)


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must)\s+$", re.I)
# "a year-on-year rise", "month-over-month": a comparison of two periods, no length.
_PER_UNIT = re.compile(r"-(?:on|over)-")
_FREQUENCY = re.compile(r"\b(?:times|once|twice)\W*$", re.I)


def _sentence_start(ctx: Context) -> bool:
    before = ctx.text[: ctx.start].rstrip(" \t\"“'‘`(")
    return not before or before[-1] in ".!?:\n"


def unit_long(m: re.Match[str], ctx: Context) -> Value:
    """ "their third day-long meeting", "a decade-long war": a length of one unit."""
    value = _duration_value("", m["unit"])
    return ("DURATION", value) if value else None


def _rate_of_amount(ctx: Context) -> bool:
    """ "$2 million a year", "rise 8.5% annually", "four flights a week": the rate of an
    amount, which TimeBank leaves unannotated (folds 1-4: 11 of 14 such rates)."""
    return bool(_AMOUNT.search(ctx.before))


def duration(m: re.Match[str], ctx: Context) -> Value:
    value = _duration_value(m["num"], m["unit"], bool(m.groupdict().get("half")))
    if value is None:
        return None
    unit_word = m["unit"].lower()
    single = m["num"].lower() in ("a", "an")
    if m["unit"][0].isupper() and not _sentence_start(ctx):
        return None  # "CBS's 60 Minutes": a title
    if _PER_UNIT.match(ctx.after):
        return None
    if m[0].lower() == "one day" and _MODAL_BEFORE.search(ctx.before):
        return "DATE", "FUTURE_REF"  # "Islam will one day be": some day to come
    if _AGE.match(ctx.after):
        return None  # "52 years old": an age, which TimeBank does not annotate (folds 1-4: 0 of 2)
    if unit_word in ("second", "minute") and single and _ORDINAL_USE.match(ctx.after):
        return None
    # "three quarters of its food" is a share; "several quarters of losses", uncounted, a time.
    if unit_word.startswith("quarter") and _SHARE_OF.match(ctx.after) and "X" not in value:
        return None
    direction = (m["dir"] or "").lower() if "dir" in m.groupdict() else ""
    if not direction and single and (_rate_of_amount(ctx) or _FREQUENCY.search(ctx.before)):
        return None  # a rate, or "twice a week": a SET, the set rule's
    lead = m.groupdict().get("lead")
    # "the past few weeks" is a stretch of a few weeks (TimeML: PXW); "recent weeks", with
    # no count, a vague past.
    if "X" in value and (reference := _lead_reference(lead)) and not (lead and m["num"]):
        return "DATE", reference
    # "two years later than planned": a delay, the length alone.
    if not direction or re.match(r"\s+than\b", ctx.after):
        return "DURATION", value
    n = number_value(m["num"])
    if n is not None and m.groupdict().get("half"):
        n += 0.5
    unit = value[-1] if not value.endswith(("DE", "CE")) else value[-2:]
    if n is not None and unit_word.startswith(("decade", "centur")):
        # "a decade ago" is ten years back, valued as a year.
        n *= 10 if unit_word.startswith("decade") else 100
    if value.startswith("PT"):
        return None
    if n is not None and unit_word.startswith("year") and n != int(n):
        n, unit = n * 12, "M"  # "two and a half years ago": 30 months back, a month
    if n is None or n != int(n):
        return "DATE", "PAST_REF" if direction in (
            "ago",
            "earlier",
            "before",
            "back",
        ) else "FUTURE_REF"
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    # "a year earlier" than a quarter is that quarter a year back; "a year ago" in a report
    # on a quarter too (TimeBank's majority reading: the reported quarter, not today's).
    last = granularity(ctx.last or "")
    deictic = direction in ("ago", "from now", "hence", "back")
    anchor = ctx.dct if deictic and not (unit == "Y" and last == "Q") else anchor_of(ctx, unit)
    if anchor is None:
        return None
    # Counted from a day or month the text gave, the value keeps that day or month. (A year
    # alone, TimeML's granularity of the expression, was a wash: folds 1-4 +2 expressions,
    # fold 0 -0.005 value F1.)
    relative_to_text = anchor is not ctx.dct
    keep = (
        last if unit == "Y" and (last == "Q" or (relative_to_text and last in ("D", "M"))) else None
    )
    return "DATE", shift(anchor, unit, sign * int(n), keep)


def set_value(m: re.Match[str], ctx: Context) -> Value:
    word = " ".join(m["what"].lower().split())
    if _PER_UNIT.match(ctx.after):
        return None
    if word in VOCAB["sets"]:
        return None if _rate_of_amount(ctx) else ("SET", VOCAB["sets"][word])
    single = m["per"].lower() in ("a", "an")
    if single and (word in _WEEKDAYS or word in _MONTHS):
        return None  # "a June agreement", "a Monday news conference": one day, one month
    if word in _WEEKDAYS:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[word]}"
    if word in _MONTHS:
        return "SET", f"XXXX-{_MONTHS[word]:02d}"
    unit = _UNITS.get(word)
    if unit is None:
        return "SET", "P1D"  # "every morning", "each night"
    if unit == "Q" and re.match(r"\s+of\b", ctx.after):
        return None  # "a quarter of the market": a share
    if single and not _FREQUENCY.search(ctx.before):
        return None if _rate_of_amount(ctx) else ("DURATION", f"P1{unit}")
    return "SET", f"P{'T' if unit == 'H' else ''}1{unit}"


def every_few(m: re.Match[str], ctx: Context) -> Value:
    """ "every two years", "every other week", "every 15 minutes": a repetition at that step."""
    n = 2.0 if m["num"].lower() == "other" else number_value(m["num"])
    if n is None or n != int(n):
        return None
    value = _duration_value(str(int(n)), m["unit"])
    return ("SET", value) if value else None
