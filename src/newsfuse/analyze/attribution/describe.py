"""Definite descriptions of a person by office and place: "the Florida senator", "the
senator from Vermont", "the New Jersey governor" name the one person the article introduced
with that office held for that place ("Florida Sen. Ada Lund", "Sen. Ada Lund (R-Fla.)",
"Ada Lund, the Florida senator,"), or no one the resolver can tell.

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

from newsfuse.analyze.names import Registry
from newsfuse.analyze.names.people import OFFICE_NOUNS, office_words
from newsfuse.analyze.names.places import gazetteer
from newsfuse.resources import table

__all__ = ["PlaceOffices", "place_description", "places_only"]

# AP-style state abbreviations -> the state ("Fla" -> "Florida"), for "(R-Fla.)".
_STATES = cast(dict[str, str], table("us_states"))
# A party-and-state tag after a name: "(R-Fla.)", ", D-Vt.,", "(R-Texas)".
_STATE_TAG = re.compile(r",?\s*\(?[A-Z]-([A-Z][a-z]+)\.?[),]")
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
