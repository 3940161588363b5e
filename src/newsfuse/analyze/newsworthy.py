"""How much a detail tells an editor, for ranking what one source alone reports.

Counts of what happened to people and property ("30,000 homes destroyed", "221 dead") first,
then other figures, named people and places, and someone in office or an institution acting;
colour (description, atmosphere, travel detail) has none of these. Surface tests in general
English (resources/en), asked of a story's few hundred one-source candidates.
"""

from __future__ import annotations

import re
from typing import cast

from newsfuse.analyze._text import YEAR
from newsfuse.analyze.names.people import CALENDAR, OFFICE_NOUNS
from newsfuse.resources import table, words
from newsfuse.resources.patterns import one_of
from newsfuse.segment.lines import without_connective

__all__ = ["NAME", "colour", "figures", "newsworthiness"]

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
# (The look-behind after the capital: a search then skips to capitals.)
NAME = re.compile(r"[A-Z](?<=[\s(\"“][A-Z])[a-z]+")
_DIGITS = re.compile(r"\d")
_STARTERS = words("sentence_starters")
_WORD_ONLY = re.compile(r"['’]s$|\W")
_SOMEONE = re.compile(
    rf"\b(?:{one_of(OFFICE_NOUNS | words('institution_nouns'))})s?\b",
    re.IGNORECASE,
)
# Harm to people (count_events.json: not "treated" nor "held", whose words are common
# ones: "received", "still") and to property.
_HARM = words("damage_words") | frozenset(
    w
    for kind, forms in cast(dict[str, list[str]], table("count_events")).items()
    if kind in {"died", "injured", "missing", "taken", "arrested", "evacuated"}
    for w in forms
)
_NUMBERS = cast(dict[str, list[str]], table("number_words"))
# Counts in words too ("killed hundreds", "two dead"), not "one" ("one of the ...").
_COUNT_WORDS = (
    frozenset(_NUMBERS["small"]) - {"zero", "one"}
    | frozenset(_NUMBERS["scales"])
    | frozenset(f"{w}s" for w in _NUMBERS["scales"])
)
_TOKEN = re.compile(r"\d[\d,]*\d|[\w'’]+")
_NEAR = 4  # words between a count and what happened to what it counts


def figures(text: str) -> set[str]:
    """The telling figures a text prints: not years (a year dates a detail, it is not the
    detail) nor one- and two-digit numbers ("Group of 20")."""
    found = set()
    for m in _FIGURE.finditer(text):
        printed = m[0].rstrip(",")
        # A year as printed: "2,000" and "20.5" are figures, though their digits are four.
        if YEAR.fullmatch(printed):
            continue
        figure = printed.replace(",", "")
        if len(figure) >= 3:
            found.add(figure)
    return found


def _counts_harm(text: str) -> bool:
    """A count within `_NEAR` words of harm to people or property ("killed 221 people",
    "30,000 homes were destroyed", "hundreds dead"); a year is no count."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return any(
        (t in _COUNT_WORDS or (t[0].isdigit() and not YEAR.fullmatch(t)))
        and any(w in _HARM for w in tokens[max(0, n - _NEAR) : n + _NEAR + 1])
        for n, t in enumerate(tokens)
    )


def colour(text: str, proper: frozenset[str]) -> bool:
    """Whether a sentence is colour (description, atmosphere: "Below the windows lay stray
    shoes"): it names no one, counts nothing, and no one in office and no institution acts
    in it ("the police chief says ...", "officials said" are news). Its first word is a
    name when its source capitalises it inside a sentence too (`proper`: "Garzon", not
    "Rescue")."""
    head, _, rest = without_connective(text).partition(" ")
    return not (
        _DIGITS.search(text)
        or any(w.lower() not in CALENDAR for w in NAME.findall(" " + rest))
        or _SOMEONE.search(text)
        or (head.lower() not in _STARTERS and _WORD_ONLY.sub("", head) in proper)
    )


def newsworthiness(text: str) -> float:
    """How much a detail tells: a count of harm to people or property most, then other
    figures, named people and places, someone in office or an institution acting, and
    length; colour (description, atmosphere) has none of these."""
    harm = _counts_harm(text)
    counted = int(bool(_DIGITS.search(text))) + len(figures(text))
    names = len(NAME.findall(" " + text))
    acting = _SOMEONE.search(text) is not None
    return 4.0 * harm + 2.0 * counted + min(names, 4) + acting + min(len(text.split()), 30) / 30
