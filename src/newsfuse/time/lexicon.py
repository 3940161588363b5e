"""Regular-expression pieces built from the time vocabulary in resources/en/time.json."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from newsfuse.resources import table, words

__all__ = [
    "PREPOSITION_BEFORE",
    "VOCAB",
    "alternation",
    "month_pattern",
    "number_value",
    "parse_number",
    "spelled_year_value",
    "triggers",
    "vocab",
]


def vocab() -> Mapping[str, Any]:
    return cast(Mapping[str, Any], table("time"))


VOCAB = vocab()
_FULL_MONTHS = words("months")


def alternation(names: Iterable[str]) -> str:
    """Longest first, so "sept" is tried before "sep"; spaces match any run of spaces."""
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len)[::-1])


def month_pattern(group: str) -> str:
    """Month names as names are written (capitalised or upper case): "march" and "may" in
    lower case are a verb and a modal."""
    # Only an abbreviation takes a period: the one after "December" ends the sentence, and a
    # span that swallows it hides the sentence end from the tense of the clause.
    full = [n for n in VOCAB["months"] if n in _FULL_MONTHS]
    short = [n for n in VOCAB["months"] if n not in _FULL_MONTHS]
    full_forms, short_forms = (
        alternation(form for name in names for form in (name.title(), name.upper()))
        for names in (full, short)
    )
    return (
        rf"(?-i:(?P<{group}>(?P<{group}_full>{full_forms})|{short_forms})\b(?({group}_full)|\.?))"
    )


# A word just before a month or holiday name that makes it a time ("in May", "since
# Christmas"), where the name alone could be a verb, a modal or a modifier.
PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|of|since|until|till|by|from|through|during|before|after|early|late|mid|last|"
    r"this|next|between|and|to|or|on)[\s-]*$",
    re.I,
)

_NUMBER_WORDS = cast(Mapping[str, Mapping[str, float]], table("number_words"))
_SMALL, _SCALES = _NUMBER_WORDS["small"], _NUMBER_WORDS["scales"]


def parse_number(text: str) -> float | None:
    """'seven and a half' -> 7.5, 'two hundred' -> 200, '1,200' -> 1200, '3.5' -> 3.5: a
    number in digits or in English number words (resources/en/number_words.json)."""
    text = text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    total, current = 0.0, 0.0
    seen = False
    for part in re.split(r"[\s-]+", text):
        if part == "dozen" and current:
            current *= _SMALL[part]  # "two dozen" is 24, not 2 + 12
        elif part in _SMALL:
            current += _SMALL[part]
            seen = True
        elif part in _SCALES:
            current = max(current, 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif part == "half":
            current += 0.5
        elif part not in ("and", "a"):
            return None
    return total + current if seen else None


def number_value(words: str) -> float | None:
    """The count of a length of time: "twenty-four" -> 24, "a" -> 1, "2 1/2" -> 2.5,
    "a couple of" -> 2, "a few" -> None (vague)."""
    text = " ".join(words.lower().replace("-", " ").split())
    if text.endswith(" 1/2"):  # "2 1/2"
        whole = number_value(text[:-4])
        return None if whole is None else whole + 0.5
    numbers: Mapping[str, float] = VOCAB["numbers"]
    return numbers[text] if text in numbers else parse_number(text)


def spelled_year_value(words: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    parts = words.lower().replace("-", " ").split()
    if parts[0] == "nineteen":
        rest = number_value(" ".join(parts[1:]))
        return 1900 + int(rest) if rest is not None and 10 <= rest < 100 else None
    rest = number_value(" ".join(parts[3:])) if len(parts) > 3 else 0.0
    return 2000 + int(rest) if rest is not None and rest < 100 else None


def _trigger_words() -> dict[str, set[str]]:
    """Word -> the families of time words it belongs to ("month", "unit", ...). A multi-word
    entry ("in the future") is known by its last word."""
    families: dict[str, list[str]] = {
        "month": list(VOCAB["months"]),
        "weekday": [w for d in VOCAB["weekdays"] for w in (d, d + "s")],
        "unit": [u for u in VOCAB["units"] if u not in ("quarter", "half")],
        "units": [u + "s" for u in VOCAB["units"]] + ["centuries"],
        "quarter": ["quarter", "quarters", "half", "period"],
        "direction": ["ago", "earlier", "later", "hence", "back", "now"],
        "edge": ["end", "beginning", "start", "middle"],
        "season": list(VOCAB["seasons"]),
        "deictic": ["today", "tonight", "yesterday", "tomorrow"],
        "part": [p.split()[-1].split("-")[-1] for p in VOCAB["parts_of_day"]],
        "reference": [w.split()[-1] for k in ("present", "past", "future") for w in VOCAB[k]],
        "set": list(VOCAB["sets"]),
        # Known by its last word, but "good friday" by "good": a weekday would run the
        # holiday rule on most news sentences.
        "holiday": [
            h.split()[-1] if h.split()[-1] not in VOCAB["weekdays"] else h.split()[0]
            for h in VOCAB["holidays"]
        ],
        "clock": ["noon", "midnight", "midday"],
        "century": ["century"],
        "spelled_year": ["nineteen", "thousand"],
    }
    words: dict[str, set[str]] = {}
    for name, found in families.items():
        for word in found:
            words.setdefault(word, set()).add(name)
    return words


_TRIGGER_WORDS = _trigger_words()
_NONE: set[str] = set()
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def triggers(text: str) -> set[str]:
    """The families of time words `text` holds ("digit" for any digit): a text runs only
    the rules that can match in it, and most sentences hold no time word at all."""
    found: set[str] = set()
    for word in _WORD.findall(text.lower()):
        found |= _TRIGGER_WORDS.get(word, _NONE)
    if _DIGIT.search(text):
        found.add("digit")
    return found
