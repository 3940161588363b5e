"""A named model or numbered thing that sources give differently for one fact: "the plane, a
Fokker 50," in one report and "the plane, a Falcon F-50," in another; "Flight 103" and
"Flight 130".

A designation is a capitalised word and a number of two to four digits, perhaps after a
letter code ("Fokker 50", "Airbus A320", "Flight 103"); not a year, a day of a month, or a
hedged count ("About 50", "Some 200"). Two designations disagree when
- sentences of two independent sources print them in one slot: a content word among the
  three on either side agrees ("the plane, a _ ,"; "the _ short-haul plane"), and, for one
  name with two numbers ("Flight 447", "Flight 587": a story may tell of an earlier
  flight), the claim alignment links the sentences (or they restate each other but for
  the number);
- they share the word or the number, not both: "Boeing 737" and "Airbus A320" are more
  likely two aircraft than one misnamed;
- neither sentence prints the other's designation, and no source prints both (a source
  that does knows them apart: "Flight 103" and "Flight 130" of one report are two flights).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import restated, words_beside
from newsfuse.analyze.align import Alignment
from newsfuse.analyze.names.people import CALENDAR
from newsfuse.analyze.spellings import discrepant_value
from newsfuse.model import Article, Discrepancy, Sentence
from newsfuse.resources import table, words
from newsfuse.segment import segment

__all__ = ["Designation", "designations", "models_differ"]

_DESIGNATION = re.compile(
    r"\b(?P<word>[A-Z][a-z]+) (?P<code>[A-Z]{1,3}-?)?(?P<number>\d{2,4})\b(?![.,:]\d|%)"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Words before a number that hedge a count or date it: "About 50", "Sept 11".
_NOT_NAMES = (
    CALENDAR
    | words("month_abbreviations")
    | frozenset(q.split()[-1] for q in cast(dict[str, str], table("quantity_qualifiers")))
)


@dataclass(frozen=True, slots=True)
class Designation:
    sentence: Sentence
    name: str  # as printed: "Falcon F-50"
    word: str  # "falcon"
    number: str  # "50"
    start: int
    end: int


def designations(sentence: Sentence) -> list[Designation]:
    """The designations a sentence prints (see the module's docstring)."""
    found = []
    for m in _DESIGNATION.finditer(sentence.text):
        word = m["word"].lower()
        if word in ENGLISH_STOP_WORDS or word in _NOT_NAMES or _YEAR.fullmatch(m["number"]):
            continue
        found.append(Designation(sentence, m[0], word, m["number"], m.start(), m.end()))
    return found


def _one_slot(x: Designation, y: Designation, alignment: Alignment) -> bool:
    if y.name in x.sentence.text or x.name in y.sentence.text:
        return False
    if (x.word == y.word) == (x.number == y.number):
        return False  # the same designation, or two that share nothing
    beside = [words_beside(d.sentence.text, d.start, d.end, 3) for d in (x, y)]
    if not beside[0] & beside[1]:
        return False
    if x.number == y.number:
        return True  # one number under two names beside one word: "a Fokker 50" plane
    return alignment.linked(x.sentence, y.sentence) or restated(x.sentence.text, y.sentence.text)


def models_differ(
    articles: Sequence[Article],
    group: Mapping[str, str],
    sentences: Mapping[str, Sequence[Sentence]] | None,
    alignment: Alignment | None,
    by_id: Mapping[str, Article],
) -> list[Discrepancy]:
    """Designations independent sources give differently for one fact."""
    if alignment is None:
        return []
    found: list[Designation] = []
    for article in articles:
        said = sentences[article.id] if sentences is not None else segment(article)
        found += [d for s in said for d in designations(s)]
    if len(found) < 2:
        return []
    printers: defaultdict[str, set[str]] = defaultdict(set)
    for d in found:
        printers[d.name].add(group[d.sentence.article_id])
    by_key: defaultdict[str, list[Designation]] = defaultdict(list)
    for d in found:
        by_key["w:" + d.word].append(d)
        by_key["n:" + d.number].append(d)
    pairs: dict[tuple[str, str], tuple[Designation, Designation]] = {}
    for same in by_key.values():
        for n, x in enumerate(same):
            for y in same[n + 1 :]:
                key = tuple(sorted((x.name, y.name)))
                if key in pairs or x.name == y.name:
                    continue
                if group[x.sentence.article_id] == group[y.sentence.article_id]:
                    continue
                if printers[x.name] & printers[y.name] or not _one_slot(x, y, alignment):
                    continue
                pairs[(key[0], key[1])] = (x, y) if x.name == key[0] else (y, x)
    cited = defaultdict(list)
    for d in found:
        cited[d.name].append(d.sentence.article_id)
    return [
        Discrepancy(
            "name and number",
            tuple(discrepant_value(d.name, d.sentence.text, cited[d.name], by_id) for d in pair),
        )
        for pair in pairs.values()
    ]
