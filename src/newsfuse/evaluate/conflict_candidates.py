"""Where the injected-conflict benchmark (`evaluate.conflicts`) may change a fact: values
that two independent sources print in sentences stating one fact with them, and what each
would be changed to. A source that also prints the value another way ("eight days" beside
"8 days") is not changed: it would still print the original.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.analyze._text import content_set, words_beside
from newsfuse.analyze.align import Alignment, align
from newsfuse.analyze.entities import Registry, people_named
from newsfuse.analyze.names.people import introduced
from newsfuse.analyze.names.places import gazetteer
from newsfuse.analyze.places_differ import nested, place_level
from newsfuse.analyze.quantities import find_quantities
from newsfuse.clean import clean
from newsfuse.model import Article, Sentence
from newsfuse.resources import lines
from newsfuse.segment import segment

__all__ = ["Candidate", "Reading", "candidates", "changed_number", "read_story"]

_NAME = re.compile(r"\b[A-Z][a-z]+ ([A-Z][a-z]{4,})\b")
_MONTHS = "|".join(m.capitalize() for m in lines("months"))
_DATE = re.compile(rf"\b(?:(?:{_MONTHS}) ([12]?\d)|([12]?\d) (?:{_MONTHS}))\b")
_PLACE = re.compile(
    rf"\b({'|'.join(lines('place_prepositions'))}) ([A-Z][a-z]{{3,}}(?: [A-Z][a-z]+)?)\b"
)
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he $")
# Words beside a figure, a day or a place two sentences share when they state one event
# with it ("a fire ... killing 60 people in Sweden's second-largest city"), among the six
# on either side.
_EVENT_WORDS = 3


def changed_number(phrase: str, number: str) -> tuple[str, str]:
    """The phrase with its figure raised by about 40% (at least one; a decimal by 40% to
    its own decimals, so that 3.8 becomes 5.3, not 5.8), or a share that would pass 100
    percent lowered by as much (to its 1/1.4), and the new figure."""
    value = float(number.replace(",", ""))
    if "." in number:
        places = len(number.split(".")[1])
        new = round(value * 1.4, places)
        text = f"{new:.{places}f}"
    else:
        step = max(1.0, round(value * 0.4))
        share = re.search(r"%|per ?cent", phrase) is not None
        # Lowered as far as it would be raised, by ratio (80 to 57, as 57 to 80): 80 to
        # 48 was a change of two thirds, not of about 40%.
        new = round(value / 1.4) if share and value + step > 100 else value + step
        text = f"{int(new):,}" if "," in number else f"{int(new)}"
    return phrase.replace(number, text, 1), text


def _places(articles: Sequence[Article]) -> frozenset[str]:
    """The countries and regions (pycountry's, and their short forms) the story names after
    a preposition of place. Not the names the story's registry types as places: it types
    some that are not ("Apple", "Comet", "Harambe"), and a reader would see no conflict in
    "the bombings in Khobar Towers"; towns are left out with them."""
    known = gazetteer()
    return frozenset(
        m[2] for a in articles for m in _PLACE.finditer(a.text) if m[2].lower() in known
    )


def _people(articles: Sequence[Article], registry: Registry) -> frozenset[str]:
    """The people the story shows to be people: full names the registry types as persons
    that some report prints with a title or role ("nurse Jana Powell"), a description or a
    speech verb after the full name ("Jana Powell said"), and none after "the". The
    registry types any two capitalised words as a person ("Google Glass", "Nice Matin",
    "the Steelers"): misspelling those tests names of things, not of people. Less a
    surname two of them share ("Alonzo Powell", a coach, and "Jana Powell", a nurse): one
    source's slip in "Powall" would be set against the other person."""
    text = {a.id: a.text for a in articles}
    shown: set[str] = set()
    named: set[str] = set()
    things: set[str] = set()
    for article_id, resolved in registry.mentions.items():
        for m, name, kind in resolved:
            if kind != "person" or len(name.split()) < 2:
                continue
            named.add(name)
            if _ARTICLE_BEFORE.search(text[article_id], max(0, m.start - 4), m.start):
                things.add(name)  # "the Steelers", "The Guardian": a team, a paper
            full = len(m.name.split()) >= 2
            if m.role or registry.roles.get(name) or (full and introduced(text[article_id], m.end)):
                shown.add(name)
    surnames = Counter(name.split()[-1] for name in named)
    return frozenset(n for n in shown - things if surnames[n.split()[-1]] == 1)


def _one_event(a: Sentence, b: Sentence, phrase: str, linked: Alignment) -> bool:
    """Whether two sentences printing a figure, a day or a place state one event with it:
    the alignment of the unaltered story links them, or three content words beside it
    agree. "Human rights violations in Chile and Argentina" and "taken to Argentina where
    they disappeared" name one country for two facts, and "a $30 billion Japanese program"
    and "a rescue for Brazil of perhaps $30 billion" are two sums: changing one is no
    conflict a reader would see."""
    if linked.linked(a, b):
        return True
    near = [_beside(s.text, phrase) for s in (a, b)]
    return len(near[0] & near[1]) >= _EVENT_WORDS


def _beside(text: str, place: str, reach: int = 6) -> frozenset[str]:
    at = text.find(place)
    return words_beside(text, at, at + len(place), reach)


def _near(sentence: str, phrase: str, reach: int = 40) -> frozenset[str]:
    """The content words within `reach` characters of the phrase, less its own."""
    at = sentence.find(phrase)
    window = sentence[max(0, at - reach) : at + len(phrase) + reach]
    return content_set(window, drop=re.findall(r"[a-z]+", phrase.lower()))


def _one_fact(a: Sentence, b: Sentence, phrase: str, registry: Registry) -> bool:
    """Whether two sentences printing a phrase state one fact with it: a word beside it
    agrees, and they do not name different people. "400 employees" of an airport and of an
    airline, or ten years in prison of two dissidents, are two facts: changing one is no
    disagreement of sources."""
    if not _near(a.text, phrase) & _near(b.text, phrase):
        return False
    x = people_named(a.text, a.article_id, registry)
    y = people_named(b.text, b.article_id, registry)
    return not (x - y and y - x)


# (original, changed, source changed, old token, new token, its sentences printing it)
Candidate = tuple[str, str, str, str, str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Reading:
    """What the unaltered story says, read once for the injections of every kind: its
    articles as the brief reads them (cleaned), their sentences, names and the alignment
    of their claims."""

    articles: tuple[Article, ...]
    said_by: dict[str, list[Sentence]]
    registry: Registry
    linked: Alignment


def read_story(articles: Sequence[Article], sources: dict[str, str]) -> Reading:
    """The story as its brief reads it. A value only in what the cleaning drops (a photo
    caption's "Tokyo, Japan August 27, 2017", a gallery's "25 Photos", an embedded post's
    stamp) is in no sentence the brief can show: changing it is no conflict it could find."""
    cleaned = tuple(clean(a) for a in articles)
    said_by = {a.id: segment(a) for a in cleaned}
    return Reading(cleaned, said_by, Registry.build(cleaned), align(said_by, sources))


def candidates(kind: str, sources: dict[str, str], reading: Reading) -> list[Candidate]:
    """Facts two independent sources print in sentences stating one fact (`_one_fact`):
    a count with its unit, a day of a month, a person's surname (as the story's names type
    people), a place (as they type places); each with its change and the sentences of the
    source that would print the change."""
    printed: dict[tuple[str, str], list[Sentence]] = {}
    articles = reading.articles
    places = _places(articles) if kind == "place" else frozenset()
    people = _people(articles, reading.registry) if kind == "name" else frozenset()
    said_by, registry, linked = reading.said_by, reading.registry, reading.linked
    for a in articles:
        said = said_by[a.id]
        if kind == "number":
            found_here = find_quantities(said)
            for q in found_here:
                number = re.search(r"\d[\d,]*(?:\.\d+)?", q.phrase)
                year = number is not None and re.fullmatch(r"(?:19|20)\d\d", number[0])
                # A source that also prints the value another way ("eight days" beside "8
                # days", "5.13 million pounds" beside "more than 5 million") would still
                # print the original: not a change of that source.
                spelled = any(
                    o.unit == q.unit
                    and o.low <= q.high
                    and q.low <= o.high
                    and o.phrase != q.phrase
                    for o in found_here
                )
                if (
                    number
                    and not year
                    and not spelled
                    and q.phrase == q.sentence.text[q.start :][: len(q.phrase)]
                ):
                    printed.setdefault((q.phrase, number[0]), []).append(q.sentence)
            continue
        for s in said:
            if kind == "date":
                for m in _DATE.finditer(s.text):
                    # Not an embedded post's stamp ("— A Writer (@writer) October 13, 2016"):
                    # the day it was posted, no fact of the story.
                    if not s.text[: m.start()].rstrip().endswith(")"):
                        printed.setdefault((m[0], m[1] or m[2]), []).append(s)
            elif kind == "place":
                for m in _PLACE.finditer(s.text):
                    # The whole name: "Western" of "in Western Europe" is no place named.
                    name = m[2]
                    if name in places:
                        # By the preposition too: "in Sweden" and "to Sweden" are two roles.
                        printed.setdefault((name, m[1]), []).append(s)
            else:
                for m in _NAME.finditer(s.text):
                    person = registry.resolve(m[0], a.id)
                    if person in people and person.split()[-1] == m[1]:
                        printed.setdefault((m[1], m[1]), []).append(s)
    found = []
    named = sorted({text for text, _ in printed})
    for (text, part), said in sorted(printed.items()):
        # The sources of sentences that state the fact with another source's sentence; a
        # surname names one person wherever it is printed.
        pairs: dict[str, set[str]] = {}
        for n, x in enumerate(said):
            for y in said[n + 1 :]:
                if sources[x.article_id] == sources[y.article_id]:
                    continue
                one = kind == "name" or _one_event(x, y, text, linked)
                if kind in ("number", "date"):
                    one = one and _one_fact(x, y, text, registry)
                if one:
                    pairs.setdefault(sources[x.article_id], set()).add(x.text)
                    pairs.setdefault(sources[y.article_id], set()).add(y.text)
        if len(pairs) < 2:
            continue
        if kind == "number":
            changed, new = changed_number(text, part)
            old = part
        elif kind == "date":
            day = int(part)
            changed = text.replace(part, str(day + 2 if day <= 26 else day - 2), 1)
            old, new = text, changed
        elif kind == "place":
            # Another place of the same level the story names (a region for a region, a
            # country for a country): a plausible slip of one source, and one the fact's
            # sentences do not name already ("between Turkey and Egypt").
            stated = " ".join(x.text for x in said)
            others = [
                p
                for p in named
                if p not in text
                and text not in p
                and p not in stated
                and place_level(p) == place_level(text)
                and not nested(p, text)  # "China" for "Hong Kong" is no other place
            ]
            if not others:
                continue
            changed = others[len(text) % len(others)]
            old, new = text, changed
        else:
            i = next((n for n in range(2, len(part)) if part[n] in "aeiou"), None)
            if i is None:
                continue
            swap = "e" if part[i] != "e" else "a"
            changed = text.replace(part, part[:i] + swap + part[i + 1 :])
            old, new = text, changed
        for g in sorted(pairs):
            found.append((text, changed, g, old, new, frozenset(pairs[g])))
    return found
