"""Numbers that sources state differently: durations, counts, money, percentages, clock
times; and names spelled differently.

Each quantity ("nearly six hours", "212 passengers", "$1.5 billion", "40 per cent") is read
as an interval, so that a hedge is not a disagreement: "about three hours" is 2.55-3.45
hours and agrees with "three hours"; "nearly six hours" is 5.1-6 and disagrees with "seven
and a half hours"; "more than 200 people" agrees with 212. Two quantities are about the same
thing when they share a unit, the words around them overlap, and they do not name different
people ("met Wang Yi for three hours" is not "met Qin Gang for six"). Each quantity is
compared with its best match in every other independent source; disagreements are reported
once per thing, with every value and the articles that print it.

Clock times are quantities in minutes, a hedge widening them by a quarter of an hour ("about
5am" agrees with "around 5:10 a.m."). A name is spelled differently when two independent
sources print forms one letter apart ("Penelac", "Penelec"; "Nabi Saleh", "Nebi Saleh"),
around the same words, and no source prints both (one that does knows they are two names, or
slipped once: a caption's "Anthony Blinken" beside "Antony" is not a disagreement of
sources).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.entities import Registry, people_named
from newsfuse.analyze.timeline import reference_dates, resolve_dates
from newsfuse.model import Article, Discrepancy, DiscrepantValue, Sentence
from newsfuse.resources import lines, table, words
from newsfuse.segment import segment

__all__ = ["Quantity", "find_discrepancies", "find_quantities", "parse_number"]

# Unit words and signs -> the unit they measure in ("hours", "$" -> "dollars").
_UNITS = cast(dict[str, str], table("units"))
# A time of day can belong to anything said that day: it needs the context words a generic
# unit needs (see `_same_thing`).
_CLOCK = "clock time"
_GENERIC_UNITS = frozenset(_UNITS.values())
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
    rf"(?<![\w.,-])(?:(?P<qual>{_QUALIFIERS})\s+)?(?P<cur>[$€£])?(?P<num>{_NUMBER})"
    rf"(?:\s*(?P<scale>million|billion|trillion|bn|m)\b)?"
    # A currency needs no unit word after it: "the entire $284 billion." ends a sentence.
    rf"(?:(?P<sep>\s+|-|\s*(?=%))(?:(?P<adj>[a-z]+)\s+)?(?P<unit>%|per cent|[a-z]+))?",
    re.IGNORECASE,
)
# Plural nouns that count people or things, read as units of their own ("212 passengers").
_COUNTABLE = re.compile(rf"^[a-z]{{3,}}(?:s|{'|'.join(lines('collective_nouns'))})$")
_NOT_COUNTS = words("not_counts")


def parse_number(text: str) -> float | None:
    """'seven and a half' -> 7.5, 'two hundred' -> 200, '1,200' -> 1200, '3.5' -> 3.5."""
    text = text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    total, current = 0.0, 0.0
    seen = False
    for part in re.split(r"[\s-]+", text):
        if part in _SMALL:
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
            if m["unit"] is None and not m["cur"]:
                continue
            first, second = (m["adj"] or m["unit"] or "").lower(), (m["unit"] or "").lower()
            unit, unit_word, end = None, first, m.end("adj") if m["adj"] else m.end()
            if m["cur"]:
                unit, unit_word, end = (
                    _UNITS[m["cur"]],
                    "",
                    m.end("scale") if m["scale"] else m.end("num"),
                )
            elif first in _UNITS:
                unit = _UNITS[first]
            elif m["sep"].strip() == "" and _COUNTABLE.match(first) and first not in _NOT_COUNTS:
                unit = first
            elif m["adj"] and second in _UNITS:
                unit, unit_word, end = _UNITS[second], second, m.end()  # "1.8 nautical miles"
            if unit is None:
                continue
            if m["sep"] == "-" and (s.text[m.end() : m.end() + 4] == "-old"):
                continue  # "27-year-old": an age, a description
            value = parse_number(m["num"])
            if value is None:
                continue
            scale = (m["scale"] or "").lower()
            value *= {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}.get(
                scale, 1
            )
            # Bare counts of one or two are nearly always "the two countries", not facts.
            if unit not in set(_UNITS.values()) and value < 3:
                continue
            low, high = _interval(value, m["qual"])
            around = s.text[max(0, m.start() - window) : m.end() + window]
            # "six hours with Qin" and "three hours with Wang" are two meetings.
            people = people_named(around, s.article_id, registry)
            found.append(
                Quantity(
                    s.article_id,
                    s,
                    s.text[m.start() : end].strip(),
                    unit,
                    low,
                    high,
                    m.start(),
                    content_set(around, drop=(unit_word,)),
                    people,
                )
            )
    return found


_CLOCK_TIME = re.compile(
    r"(?<![\w.:])(?:(?P<qual>about|around|approximately|roughly|shortly after|just after|"
    r"shortly before|just before)\s+)?(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?"
    r"\s?(?P<half>[ap])\.?m\b\.?",
    re.IGNORECASE,
)
_CLOCK_HINT = re.compile(r"\d\s?[aApP]\.?[mM]\b")


def _clock_times(
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
            # "six hours with Qin" and "three hours with Wang" are two meetings.
            people = people_named(around, s.article_id, registry)
            phrase = s.text[m.start() : m.end()].strip()
            found.append(
                Quantity(
                    s.article_id,
                    s,
                    phrase,
                    f"{_CLOCK} {day}".strip(),
                    low,
                    high,
                    m.start(),
                    content_set(around, drop=("a.m", "p.m", "am", "pm")),
                    people,
                )
            )
    return found


def _close(x: float, y: float) -> bool:
    # A small tolerance for rounding ("3.5 metres" vs "3.45 metres").
    return x <= y * 1.02 and y <= x * 1.02


def _agree(a: Quantity, b: Quantity) -> bool:
    # Two limits of one kind state the limit itself: "up to 10 years" and "up to 14 years"
    # overlap as intervals but give different maximum sentences.
    if a.low == b.low == 0.0 and min(a.high, b.high) > 0.0:
        return _close(a.high, b.high)
    if a.high == b.high == math.inf:
        return _close(a.low, b.low)
    return a.low <= b.high * 1.02 and b.low <= a.high * 1.02


def _same_thing(a: Quantity, b: Quantity, min_overlap: float) -> float:
    if a.unit != b.unit:
        return 0.0
    if a.people - b.people and b.people - a.people:
        return 0.0  # each names someone the other does not: two different meetings
    score = overlap(a.context, b.context)
    if a.unit in _GENERIC_UNITS or a.unit.startswith(_CLOCK):
        # "hours" or "dollars" can measure anything: the words around must agree.
        return score if len(a.context & b.context) >= 2 and score >= min_overlap else 0.0
    # A counted noun ("passengers") is specific already: one more shared word will do.
    return score if a.context & b.context and score >= min_overlap / 2 else 0.0


def find_discrepancies(
    articles: Sequence[Article],
    sources: Mapping[str, str] | None = None,
    registry: Registry | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_overlap: float = 0.3,
) -> list[Discrepancy]:
    """Things independent sources give different numbers for."""
    registry = registry or Registry.build(articles)
    group = {a.id: (sources or {}).get(a.id, a.id) for a in articles}
    quantities = [
        q
        for a in articles
        for q in find_quantities(sentences[a.id] if sentences is not None else segment(a), registry)
    ]
    refs = reference_dates(articles)
    for article in articles:
        quantities += _clock_times(
            sentences[article.id] if sentences is not None else segment(article),
            refs[article.id],
            registry,
        )
    # Union the best match of each quantity in every other independent source.
    parent = list(range(len(quantities)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Two quantities are about the same thing only if they share a unit and a context word
    # (`_same_thing`), so each is compared with those alone, found through an index: all
    # pairs was quadratic (1.5 million comparisons on a 500-article story).
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, b in enumerate(quantities):
        for word in b.context:
            postings[(b.unit, word)].append(j)
    for i, a in enumerate(quantities):
        best: dict[str, tuple[float, int]] = {}
        # In index order, as the scan over all was: of equal scores the first one wins.
        for j in sorted({j for word in a.context for j in postings[(a.unit, word)]}):
            b = quantities[j]
            if group[a.article_id] == group[b.article_id]:
                continue
            score = _same_thing(a, b, min_overlap)
            if score and score > best.get(group[b.article_id], (0.0, -1))[0]:
                best[group[b.article_id]] = (score, j)
        for _, j in best.values():
            parent[find(i)] = find(j)
    components: dict[int, list[Quantity]] = {}
    for i, q in enumerate(quantities):
        components.setdefault(find(i), []).append(q)
    found = []
    for members in components.values():
        if len({group[q.article_id] for q in members}) < 2:
            continue
        values: list[list[Quantity]] = []
        for q in sorted(members, key=lambda q: q.high - q.low):
            for v in values:
                if all(_agree(q, other) for other in v):
                    v.append(q)
                    break
            else:
                values.append([q])
        if len(values) < 2:
            continue
        shared = set.intersection(*(set(q.people) for q in members))
        unit = members[0].unit
        about = f"{unit}" + (f" ({', '.join(sorted(shared))})" if shared else "")
        found.append(
            Discrepancy(
                about,
                tuple(
                    DiscrepantValue(
                        v[0].phrase,
                        v[0].sentence.text,
                        tuple(dict.fromkeys(q.article_id for q in v)),
                    )
                    for v in values
                ),
            )
        )
    return found + _spellings(articles, group, sentences)


# Up to four capitalised words, not inside a word. Opening with the capital rather than the
# look-behind lets the scan skip to capitals (see names.mentions._SEQUENCE).
_NAME_FORM = re.compile(r"[A-Z](?<![\w'’-][A-Z])[\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter substituted ("Pam Am"), or inserted or deleted but not at a word's end: a
    longer ending ("Israel TV", "Israeli TV") is grammar, and an apostrophe or a hyphen
    ("Workers' Party", "Hang-zhou") is typography, not spelling."""
    if re.sub(r"['-]", "", a) == re.sub(r"['-]", "", b):
        return False
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] and a[i : i + 1].isalpha() and b[i : i + 1].isalpha()
    return a[i:] == b[i + 1 :] and b[i].isalpha() and a[i : i + 1].isalpha()


def _spellings(
    articles: Sequence[Article],
    group: Mapping[str, str],
    sentences: Mapping[str, Sequence[Sentence]] | None,
) -> list[Discrepancy]:
    """Names that independent sources spell one letter apart."""
    # form -> source group -> (first sentence, articles); form -> context words
    printed: dict[str, dict[str, tuple[Sentence, list[str]]]] = defaultdict(dict)
    context: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for s in sentences[a.id] if sentences is not None else segment(a):
            words: frozenset[str] | None = None
            for m in _NAME_FORM.finditer(s.text):
                # Apostrophes are typography, a possessive is grammar: neither is spelling.
                # Of the apostrophes only "’" can be in a name form.
                form = m[0].replace("’", "'")
                if form.endswith("'s"):
                    form = form[:-2]
                if len(form) < 5:
                    continue
                _, cited = printed[form].setdefault(group[a.id], (s, []))
                if a.id not in cited:
                    cited.append(a.id)
                # The sentence's words, once per sentence: a window per name cost most of
                # the analysis on a story of many names.
                words = words if words is not None else content_set(s.text)
                context[form] |= words
    # What a form is said about: its sentences' words less its own.
    about = {form: words - set(form.lower().split()) for form, words in context.items()}
    # Candidate pairs meet on a form with one letter deleted (or none), so that the story's
    # names are not compared all with all.
    by_key: dict[str, list[str]] = defaultdict(list)
    for form in printed:
        # In a fixed order (not a set's, which follows the hash seed): the order in which
        # pairs are met is the order discrepancies are listed.
        for key in dict.fromkeys([form, *(form[:i] + form[i + 1 :] for i in range(len(form)))]):
            by_key[key].append(form)
    found = []
    seen: set[tuple[str, str]] = set()
    for forms in by_key.values():
        if len(forms) < 2:
            continue  # most keys: one form alone
        for n, one in enumerate(forms):
            for other in forms[n + 1 :]:
                pair = (min(one, other), max(one, other))
                if pair in seen or one.lower() == other.lower():
                    continue
                seen.add(pair)
                if not _one_letter_apart(one, other):
                    continue
                if printed[one].keys() & printed[other].keys():
                    continue  # a source prints both: two names, or its own slip
                shared = about[one] & about[other]
                if len(shared) < 2:
                    continue  # one letter apart but about different things
                found.append(
                    Discrepancy(
                        "spelling of a name",
                        tuple(
                            DiscrepantValue(
                                form,
                                next(iter(printed[form].values()))[0].text,
                                tuple(c for _, cited in printed[form].values() for c in cited),
                            )
                            for form in pair
                        ),
                    )
                )
    return found
