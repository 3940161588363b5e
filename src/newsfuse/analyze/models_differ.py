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
from itertools import combinations
from typing import cast

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import YEAR_SINCE_1800, restated, words_beside
from newsfuse.analyze.align import Alignment
from newsfuse.analyze.names.people import CALENDAR
from newsfuse.analyze.spellings import discrepant_value
from newsfuse.model import Article, Discrepancy, DiscrepantValue, Sentence
from newsfuse.resources import table, words
from newsfuse.segment import segment

__all__ = ["Designation", "designations", "models_differ"]

_DESIGNATION = re.compile(
    r"\b(?P<word>[A-Z][a-z]+) (?P<code>[A-Z]{1,3}-?)?(?P<number>\d{2,4})\b(?![.,:]\d|%)"
)
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
        if (
            word in ENGLISH_STOP_WORDS
            or word in _NOT_NAMES
            or YEAR_SINCE_1800.fullmatch(m["number"])
        ):
            continue
        found.append(Designation(sentence, m[0], word, m["number"], m.start(), m.end()))
    return found


def _one_slot(x: Designation, y: Designation, alignment: Alignment) -> bool:
    if y.name in x.sentence.text or x.name in y.sentence.text:
        return False
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
    printed: defaultdict[str, list[Designation]] = defaultdict(list)
    for article in articles:
        said = sentences[article.id] if sentences is not None else segment(article)
        for d in (d for s in said for d in designations(s)):
            printed[d.name].append(d)
    # A sentence's first word is capitalised whatever it is ("Aged 45, ...", "Just 40 ..."):
    # a designation opening a sentence counts when the story prints its word so inside one.
    inside = {d.word for ds in printed.values() for d in ds if d.start > 0}
    for name in [n for n, ds in printed.items() if all(d.start == 0 for d in ds)]:
        if printed[name][0].word not in inside:
            del printed[name]
    # Names sharing their word or their number, compared name by name: a story printing
    # "Flight 447" a thousand times compares each other flight's name with it once.
    sharing: defaultdict[str, set[str]] = defaultdict(set)
    for name, (d, *_) in printed.items():
        sharing["w:" + d.word].add(name)
        sharing["n:" + d.number].add(name)
    printers = {name: {group[d.sentence.article_id] for d in ds} for name, ds in printed.items()}
    found = []
    for names in sharing.values():
        for one, other in combinations(sorted(names), 2):
            x, y = printed[one][0], printed[other][0]
            if (x.word == y.word) == (x.number == y.number) or printers[one] & printers[other]:
                continue  # one designation printed two ways ("F-50", "F50"), or known apart
            slots = (
                (x, y) for x in printed[one] for y in printed[other] if _one_slot(x, y, alignment)
            )
            pair = next(slots, None)
            if pair is not None:
                found.append(
                    Discrepancy("name and number", tuple(_value(d, printed, by_id) for d in pair))
                )
    return found


def _value(
    d: Designation, printed: Mapping[str, list[Designation]], by_id: Mapping[str, Article]
) -> DiscrepantValue:
    """The designation as shown, in the sentence that set it against the other."""
    cited = [e.sentence.article_id for e in printed[d.name]]
    return discrepant_value(d.name, d.sentence.text, cited, by_id)
