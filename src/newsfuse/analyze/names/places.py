"""Places: head words ("Trafalgar Square"), a gazetteer of countries and their
subdivisions (pycountry, maintained and offline), short forms ("UK") and the prepositions
places follow ("in Paris")."""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from newsfuse.resources import lines, table, words

__all__ = [
    "PLACE_ALIASES",
    "PLACE_HEADS",
    "after_place_preposition",
    "countries",
    "gazetteer",
    "known_place",
]

PLACE_HEADS = words("place_heads")
# Continents and regions ("Latin America", "the Caribbean"), which pycountry does not list.
_REGIONS = words("world_regions")
# Short and older forms of a country's name -> the name the brief prints.
PLACE_ALIASES = cast(dict[str, str], table("place_aliases"))
_PLACE_CUE = re.compile(rf"\b(?:{'|'.join(lines('place_prepositions'))})\s+$")


def after_place_preposition(before: str) -> bool:
    """Whether the text before a name ends in a preposition places follow ("in", "off")."""
    return _PLACE_CUE.search(before) is not None


@cache
def gazetteer() -> frozenset[str]:
    """Lower-cased country and subdivision names from pycountry (imported lazily: it
    loads its tables on first use)."""
    import pycountry

    names = set(countries())
    for sub in pycountry.subdivisions:
        names.add(sub.name.lower())
    return frozenset(names)


@cache
def countries() -> frozenset[str]:
    """Lower-cased names of countries (pycountry's and their short forms): no person's
    surname, where a town's may be ("Lemuel Paris")."""
    import pycountry

    names: set[str] = set(PLACE_ALIASES)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value.lower())
    return frozenset(names)


def known_place(lower: str) -> bool:
    """Whether a lower-cased name is a country, a subdivision or a world region."""
    return lower in _REGIONS or lower in gazetteer()
