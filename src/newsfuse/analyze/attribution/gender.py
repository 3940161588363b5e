"""Whether the article itself marks a person of its story as a man or a woman.

"He" and "she" resolve to a person named before them; a "she said" must not go to the
nearest name when the article calls that person "Mr." or "his". The evidence is the
article's own words, never a guess from the first name: a courtesy title before a mention
("Ms. Kent"), a gendered role or apposition ("Kent, a spokeswoman"), and the pronouns that
follow a mention opening its sentence before anyone else is named ("Fielding has done his
best"). A person with no evidence, or with as much for one as for the other, is unmarked and stays a
candidate for either pronoun.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import cast

from newsfuse.analyze.attribution.features import sentence_start
from newsfuse.analyze.names.people import FUNCTION_WORDS
from newsfuse.resources import table

__all__ = ["marked_genders", "pronoun_gender"]

# (start, end, name, kind, role) of each mention of a name in the article, in text order.
Mention = tuple[int, int, str, str, str | None]

_TABLE = cast(dict[str, dict[str, list[str]]], table("gender_words"))
_WORDS = {gender: words for gender, words in _TABLE.items() if not gender.startswith("_")}
_GENDERS = tuple(_WORDS)
_TITLE = {
    gender: re.compile(rf"\b(?:{'|'.join(_WORDS[gender]['titles'])})\.?\s+$") for gender in _GENDERS
}
_OBJECT_FORMS = frozenset(("him", "her"))
_PRONOUNS = {w: g for g in _GENDERS for w in _WORDS[g]["pronouns"]}
_NOUNS = {w: g for g in _GENDERS for w in _WORDS[g]["nouns"]}
# Words a sentence may open with before its subject: "Sen.", "On Monday,".
_OPENING_WORDS = 3
_WORD = re.compile(r"[A-Za-z]+")
# The word right after a name, when it is a lower-case word (a verb, as a rule, if it is no
# function word: the name is then its subject).
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_CLAUSE_STOP = re.compile(r"[.!?](?=[\s\"'”’)]|$)|[\"“”]")
# An apposition right after a name: ", a spokeswoman for ...", ", his wife,".
_APPOSITION = re.compile(r"\s*,\s+(?:a|an|the|his|her|their)?\s*(?:[a-z-]+\s+){0,2}?([a-z]+)\b")


def pronoun_gender(pronoun: str) -> str | None:
    """'male' for "he", 'female' for "she"; None for any other word."""
    return _PRONOUNS.get(pronoun.lower()) if pronoun.lower() in ("he", "she") else None


def marked_genders(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """The people (by name) whose gender the article marks, and that gender."""
    evidence: defaultdict[str, Counter[str]] = defaultdict(Counter)
    starts = sorted(start for start, *_ in mentions)
    for start, end, name, kind, role in mentions:
        if kind != "person":
            continue
        seen = evidence[name]
        for gender in _GENDERS:
            if _TITLE[gender].search(text, max(0, start - 12), start):
                seen[gender] += 2
        for word in _WORD.findall(role or ""):
            if gender_of := _NOUNS.get(word.lower()):
                seen[gender_of] += 2
        if (apposed := _APPOSITION.match(text, end)) and (gender_of := _NOUNS.get(apposed[1])):
            seen[gender_of] += 2
        # Pronouns after a mention that opens its sentence (its subject, as a rule: after
        # an object, "endorsed Kent's plan, saying she ...", they are the subject's), before
        # the next name or quotation (a quoted "she" is the speaker's word for someone else).
        opening = text[sentence_start(text, start, max(0, start - 400)) : start]
        verb = _NEXT_WORD.match(text, end)
        if (
            len(opening.split()) > _OPENING_WORDS
            and not opening.endswith(", ")  # after a fronted clause ("As ..., X")
            and not (verb and verb[1] not in FUNCTION_WORDS)  # "where X performed ..."
        ):
            continue
        after = bisect_right(starts, start)
        stop = starts[after] if after < len(starts) else len(text)
        if sentence_end := _CLAUSE_STOP.search(text, end, stop):
            stop = sentence_end.start()
        for word in _WORD.findall(text, end, stop):
            # "him" and "her" stand as objects too, for someone else ("X gave her a chance").
            if word.lower() not in _OBJECT_FORMS and (gender_of := _PRONOUNS.get(word.lower())):
                seen[gender_of] += 1
    marked = {}
    for name, seen in evidence.items():
        (first, n), *rest = seen.most_common(2) or [("", 0)]
        if n and (not rest or rest[0][1] < n):
            marked[name] = first
    return marked
