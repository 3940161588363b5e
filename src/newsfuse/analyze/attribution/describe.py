"""Descriptions as speakers: "the senator" names someone the story introduced, "a senior
official" is printed as written (`Describing`, the resolver's part for them).

Descriptions by office and place: "the Florida senator", "the senator from Vermont", "the
New Jersey governor" name the one person the article introduced with that office held for
that place ("Florida Sen. Ada Lund", "Sen. Ada Lund (R-Fla.)", "Ada Lund, the Florida
senator,"), or no one the resolver can tell.

A place printed inside a description is a name of its own, and the speaker model often
chooses it ("Florida" in "the Florida senator said"): `place_description` reads such a
place as the modifier it is, and `PlaceOffices.holder` finds the description's person.
Precision first: the person must be the only one named before it who holds the office,
and their place must be printed with them; a senator the article never ties to a state is
no "Florida senator".
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import cast

from newsfuse.analyze.attribution.features import _POSSESSIVE, Candidate
from newsfuse.analyze.names import Registry
from newsfuse.analyze.names.organisations import ORG_HEADS
from newsfuse.analyze.names.people import FUNCTION_WORDS, OFFICE_NOUNS, holds_office, office_words
from newsfuse.analyze.names.places import gazetteer
from newsfuse.resources import table

__all__ = ["Describing", "PlaceOffices", "place_description", "places_only"]

# AP-style state abbreviations -> the state ("Fla" -> "Florida"), for "(R-Fla.)".
_STATES = cast(dict[str, str], table("us_states"))
# A party-and-state tag after a name: "(R-Fla.)", ", D-Vt.,", "(R-Texas)".
_STATE_TAG = re.compile(r",?\s*\(?[A-Z]-([A-Z][a-z]+)\.?(?=[),\s]|$)")
# A place after a name: "Ada Lund of Vermont".
_OF_PLACE = re.compile(r"\s+of\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b")
# Before a place that modifies an office: "the", perhaps "former" or "then-".
_DEFINITE_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:former|then-?|outgoing|incoming)\s*)?$")
# After it, the office's noun: "senator", "governor".
_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")
# "the senator from Vermont": the office before the place.
_OFFICE_FROM = re.compile(r"\b[Tt]he\s+(?:former\s+)?([a-z]+)\s+(?:from|of)\s+$")
_CAPITALISED = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")


def _places(words: str) -> set[str]:
    """The places in a run of words ("New Jersey Gov." -> {"new jersey"}), longest first,
    by the gazetteer and the state abbreviations."""
    found = set()
    for run in _CAPITALISED.findall(words):
        parts = run.replace(".", " ").split()
        i = 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                name = " ".join(parts[i:j])
                place = _STATES.get(name, name).lower()
                if place in gazetteer():
                    found.add(place)
                    i = j
                    break
            else:
                i += 1
    return found


def _offices(words: str) -> set[str]:
    return set(office_words(words) & OFFICE_NOUNS)


def place_description(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The description a place at [start, end) modifies, as written, and where its office
    noun stands: "the Florida senator" (a place between "the" and an office), "the senator
    from Vermont" (after one); None when the place modifies no office."""
    before = _DEFINITE_BEFORE.search(text, max(0, start - 30), start)
    noun = _NOUN_AFTER.match(text, end)
    if before and noun and noun[1] in OFFICE_NOUNS:
        return text[before.start() : noun.end()], noun.start(1)
    office = _OFFICE_FROM.search(text, max(0, start - 40), start)
    if office and office[1] in OFFICE_NOUNS:
        return text[office.start() : end], office.start(1)
    return None


class PlaceOffices:
    """The offices and places the article prints with each person it names."""

    def __init__(self, text: str, registry: Registry, article_id: str) -> None:
        self.first: dict[str, int] = {}
        self.offices: defaultdict[str, set[str]] = defaultdict(set)
        self.places: defaultdict[str, set[str]] = defaultdict(set)
        for m, name, kind in registry.mentions.get(article_id, ()):
            if kind != "person":
                continue
            self.first.setdefault(name, m.start)
            after = text[m.end : m.end + 40]
            for written in (m.role, *registry.roles.get(name, ())):
                self.offices[name] |= _offices(written)
                self.places[name] |= _places(written)
            if tag := _STATE_TAG.match(after):
                self.places[name] |= _places(tag[1])
            if (of := _OF_PLACE.match(after)) and not _offices(of[1]):
                self.places[name] |= _places(of[1])

    def holder(self, description: str, before: int) -> str | None:
        """The one person named before `before` who holds the description's office for
        its place ("the Florida senator"); None if no one, or more than one, does."""
        places = _places(description)
        offices = _offices(description)
        if not places or not offices:
            return None
        fits = [
            name
            for name, first in self.first.items()
            if first < before and offices <= self.offices[name] and places <= self.places[name]
        ]
        return fits[0] if len(fits) == 1 else None


def places_only(words: str) -> bool:
    """Whether capitalised words are places and nothing else ("New Jersey"; not "Clinton")."""
    rest = words.lower()
    for place in sorted(_places(words), key=len, reverse=True):
        rest = rest.replace(place, " ")
    return bool(words.strip()) and not rest.strip()


class Describing:
    """What `_Resolver` does with a description: "the senator", "the Florida senator", "a
    senior official", "the Clinton campaign"."""

    text: str
    registry: Registry
    article_id: str
    # (start, canonical name, kind, role) of each name the Registry resolved in the article.
    names: list[tuple[int, str, str, str]]
    # For each description resolved to a person, how: "role", "office" (for the verifier).
    described: dict[int, str]
    _offices: PlaceOffices | None
    # Each name's first printed role, looked up for every speaker resolved.
    roles: dict[str, str]

    def role(self, name: str) -> str | None:
        return self.roles.get(name)

    def _held_by(self, description: str, at: int, mention: int) -> tuple[str, str | None] | None:
        """The one person holding a place's office ("the Florida senator") written at `at`,
        or no one; recorded for the verifier under the candidate `mention` that asked."""
        if self._offices is None:
            self._offices = PlaceOffices(self.text, self.registry, self.article_id)
        person = self._offices.holder(description, at)
        if person is None:
            return None
        self.described[mention] = "office"
        return person, self.role(person)

    def _titled_before(self, description: str, before: int) -> str | None:
        """The one person named before `before` with a title holding every word of the
        description's office ("the archbishop": "Archbishop Jo Lund"), from the roles the
        resolver read (`Registry.by_office` reads the Registry's)."""
        want = office_words(description)
        if not want & OFFICE_NOUNS:
            return None
        fits = {
            n
            for s, n, k, r in self.names
            if k == "person" and s < before and r and holds_office(want, r)
        }
        return fits.pop() if len(fits) == 1 else None

    def _unnamed_since(self, person: str, c: Candidate) -> tuple[str, str | None] | None:
        """Someone unnamed with the description's noun brought in after the person was last
        named ("One senior councillor, speaking on condition of anonymity, ... the
        councillor said"): "the councillor" is they, printed as their description ("A
        senior councillor"), not the councillor named paragraphs before."""
        if not any(n == person and k == "person" for _, n, k, _ in self.names):
            return None  # a body's spokesperson speaks for it ("the spokesperson" of a ministry)
        last = max((s for s, n, _, _ in self.names if n == person and s < c.start), default=0)
        pattern = _INDEFINITE_BEFORE.get(c.text)
        if pattern is None:
            pattern = re.compile(_INDEFINITE + rf"(?:[\w'’-]+\s+){{0,3}}?{re.escape(c.text)}\b")
            _INDEFINITE_BEFORE[c.text] = pattern
        # Not one set beside a name or said of someone ("Lund, a councillor", "Lund is a
        # councillor"): that is the named person's description.
        found = [
            m
            for m in pattern.finditer(self.text, last, c.start)
            if not _PREDICATE.search(self.text, max(0, m.start() - 40), m.start())
            # Modifiers of the noun, not a phrase holding it ("a question for the president").
            and not any(w.lower() in FUNCTION_WORDS for w in m[0].split()[1:-1])
        ]
        if not found:
            return None
        rest = found[-1][0].split()[1:]
        return " ".join(["An" if rest[0][:1].lower() in "aeiou" else "A", *rest]), None

    def _description(self, c: Candidate) -> tuple[str, str | None] | None:
        """A definite description of lower-case words ("the senator") names someone the
        story introduced, or no one we can tell; one with a name in it ("the Clinton
        campaign", "Powell's office") or an indefinite one ("a senior official") is
        printed as written."""
        # The words before the noun, back to punctuation, from a determiner or possessive.
        before = re.split(r"[,.;:!?\"“”()]", self.text[max(0, c.start - 60) : c.start])[-1]
        before = before.split()[-4:]
        # The noun phrase opens after the last function word that is no determiner: "a
        # footnote in the report" is the report, "On its official" no one's title.
        cut = [i for i, w in enumerate(before) if w.lower() in _NO_DETERMINER]
        before = before[cut[-1] + 1 :] if cut else before
        for i, word in enumerate(before):
            if word.lower() in ("the", "a", "an") or word.endswith(_POSSESSIVE):
                before = before[i:]
                break
        else:
            before = [w for w in before[-2:] if w[:1].isupper() and w.isalpha()]
            before = before if len(before) == 2 or not before else before[-1:]
        written = " ".join([*before, c.text]).strip(" ,")
        first = written.split()[0]
        if first.lower() == "the":
            rest = written.split()[1:]
            named = [w for w in rest[:-1] if w[:1].isupper()]
            if named and places_only(" ".join(named)) and c.text in OFFICE_NOUNS:
                return self._held_by(written, c.start, c.start)  # "the Florida senator"
            if named:
                return " ".join(rest), None
            person = self.registry.resolve(written, self.article_id)
            if person and (unnamed := self._unnamed_since(person, c)):
                return unnamed
            if person:
                self.described[c.start] = "role"
                return person, " ".join(rest)
            person = self.registry.by_office(written, self.article_id, c.start)
            if person is None:
                person = self._titled_before(written, c.start)
            if person and (unnamed := self._unnamed_since(person, c)):
                return unnamed
            if person:
                self.described[c.start] = "office"
                return person, self.role(person)
            if c.text in ORG_HEADS:  # "the ministry": the one such body named before
                bodies = {n for s, n, k, _ in self.names if s < c.start and k == "organization"}
                named = [n for n in bodies if c.text in n.lower().split()]
                return (named[0], None) if len(named) == 1 else ("The " + c.text, None)
            return None
        if first.lower() in ("a", "an") or first.endswith(_POSSESSIVE):
            apposed = _APPOSED.search(self.text, max(0, c.start - 120), c.start)
            person = apposed and self.registry.resolve(apposed[1], self.article_id)
            if person and any(n == person and k == "person" for _, n, k, _ in self.names):
                # "Quill, a former commissioner, said": the description is Quill's.
                return person, written
            return written[:1].upper() + written[1:], None
        if len(written.split()) > 1:  # "Republican officials"
            return written, None
        return None


_NO_DETERMINER = FUNCTION_WORDS - {"the", "a", "an"}
# An indefinite description's opening: "a", "an", "one", "another".
_INDEFINITE = r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+"
# What sets a description beside a name or says it of one: "Lund, a ...", "Lund is a ...".
_PREDICATE = re.compile(
    r"(?:[A-Z][\w'’.-]*,|\b(?:is|was|are|were|as|became|becomes|remains|remained))\s+$"
)
# Its pattern for each noun, made on first use.
_INDEFINITE_BEFORE: dict[str, re.Pattern[str]] = {}
# A name, a comma and an indefinite description running up to the candidate's noun.
_APPOSED = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s+(?:a|an)\s+[^,.;:\"“”]*$")
