"""Counts of people with no noun of their own: "67 of them died", "162 others were injured",
"more than 190 were hurt", "60 dead", "the blast killed 60 and injured 162".

What such a count counts is told by the verb or participle it goes with, and only when
that verb says what happened to people (died, were injured, arrested, missing, evacuated):
then it is a count of people to whom that happened, and is compared with "60 people
killed" as like with like. Any other wording ("67 of them were children", "killed 60
soldiers" read by the noun) is left to the nouns, or left out: precision first.
"""

from __future__ import annotations

import re
from typing import cast

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import YEAR_SINCE_1800
from newsfuse.resources import lines, table, words
from newsfuse.time.lexicon import alternation

__all__ = ["EVENT_OF", "PEOPLE", "bare_count"]

# The unit of a count of people: "60 people" and "60 dead" count the same things.
PEOPLE = "people"

# Each verb or noun form of a counted event, to its event ("killed" -> "died").
EVENT_OF = {
    word: kind
    for kind, forms in cast(dict[str, list[str]], table("count_events")).items()
    if not kind.startswith("_")
    for word in forms
}


_AFTER = re.compile(
    rf"(?:\s+(?:{alternation(lines('count_pronouns'))}))?"
    rf"(?:\s+(?:{alternation(lines('count_verb_fillers'))}|[a-z]+ly)){{0,3}}"
    rf"\s+(?P<verb>{alternation(lines('count_verbs'))})\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(rf"\s+(?:{alternation(lines('count_pronouns'))})\b", re.IGNORECASE)
_VERBS_BEFORE = words("count_verbs_before")
# The words after a count that let it stand without a noun: a function word or a day.
_NO_NOUN = ENGLISH_STOP_WORDS | words("weekdays")
# What makes a figure no count of its own: a range ("killed 30 to 40"), thousands split
# by a tokenizer ("killed 170 , 000 people"), a time of day ("arrested around 10 a.m.").
_NOT_A_COUNT = re.compile(r"\s*(?:-|–|to\s|or\s|and\s)\s*\d|\s+,\s*\d{3}(?!\d)|\s*[ap]\.?m\b|:\d")
# The word before a figure that makes it no count of those it goes with: "a mother of 12
# was killed" (her children), "the Curve 8900 is missing" (a name).
_WORD_BEFORE = re.compile(r"(?:^|\s)([A-Za-z]+)\s+$")
_VERB_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")


def bare_count(text: str, start: int, end: int, number: str) -> tuple[str, int, int] | None:
    """What happened to the people a count at `text[start:end]` (its hedge and figure,
    `number` the figure as printed) counts, and where its phrase starts and ends (with the
    verb: "injured 21" says what the figure is); None when the count has a noun of its own
    or its verb says no such thing."""
    if end < len(text) and (text[end].isalnum() or text[end] == "-"):
        return None  # inside a word or a compound: "hundreds", "12-year"
    if YEAR_SINCE_1800.fullmatch(number) or number.lower().startswith("dozens"):
        return None  # a year; "dozens" is no figure
    if _NOT_A_COUNT.match(text, end):
        return None
    after = _AFTER.match(text, end)
    if after is not None:
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if before is not None and (
            before[1].lower() == "of" or (before[1][0].isupper() and before.start(1) > 0)
        ):
            return None
        if not text[end : after.start("verb")].strip():
            # A participle right after the figure may be an adjective: "10 dead fish",
            # "23 arrested pirates" count the noun after it.
            noun = _WORD_AFTER.match(text, after.end())
            if noun is not None and noun[1].islower() and noun[1] not in _NO_NOUN:
                return None
        return EVENT_OF[after["verb"].lower()], start, after.end()
    verb = _VERB_BEFORE.search(text, max(0, start - 16), start)
    if verb is None or verb[1].lower() not in _VERBS_BEFORE:
        return None
    pronoun = _PRONOUN.match(text, end)
    if pronoun is not None:
        return EVENT_OF[verb[1].lower()], verb.start(), pronoun.end()
    following = _WORD_AFTER.match(text, end)
    if following is None or following[1].lower() in _NO_NOUN:
        # Nothing after, a mark, or a function word: "killed 60 and injured 162", "killed
        # 60, police said", "killed 60 on Thursday".
        return EVENT_OF[verb[1].lower()], verb.start(), end
    return None
