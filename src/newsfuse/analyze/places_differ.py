"""Places that sources give differently for one fact: "crashed off Nova Scotia" in one
report, "crashed off Newfoundland" in another.

Two place mentions disagree when
- they follow the same preposition of place ("in", "off", "near") in sentences of two
  independent sources that state one fact: four content words agree among the six words
  on either side (the event and the place's role in it: "the bombings of the embassies
  in"), or two do and the places fill one slot (`_one_slot`: "embassies in _ and
  Tanzania", with another name or figure both sentences print), or the alignment links
  the sentences and a word beside the place agrees (for countries and regions pycountry
  knows, each ending its phrase, none need agree: "asylum in Italy" / "in custody in
  Romania", not "from Luton station"), or they are restatements but for the place
  (`restated`) and a word beside the place agrees.
  (Chosen on DUC 2003 and Giveme5W1H, seeds 1-2: three words found 0.10-0.19 of injected
  places for +0.07 false alarms per DUC story, two words 0.12-0.30 for +0.43; four,
  0.07-0.11 for +0.03. The slot and the link without a shared word: seeds 1-3, see
  docs/benchmarks.md.)
- neither place is inside the other, as far as is known: a country and a subdivision or a
  city of it ("Berlin", "Germany") are one place at two levels, and so are a place pycountry
  does not know and any country or region (it may lie inside it). Only places of one level
  are compared: two countries, two subdivisions, or two places pycountry knows neither of
  (two towns);
- neither sentence names the other's place (whole: "Canadian" names no place).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import content_set, restated, words_beside
from newsfuse.analyze.align import Alignment
from newsfuse.analyze.claim_parts import anchors
from newsfuse.analyze.entities import Registry
from newsfuse.analyze.names.places import PLACE_ALIASES, gazetteer
from newsfuse.analyze.spellings import discrepant_value
from newsfuse.model import Article, Discrepancy, Sentence
from newsfuse.resources import lines
from newsfuse.segment import segment

__all__ = [
    "PlaceMention",
    "differing_places",
    "nested",
    "place_discrepancies",
    "place_level",
    "place_mentions",
    "restated",
]

_PREPOSITIONS = "|".join(lines("place_prepositions"))
_PLACE_AFTER = re.compile(rf"\b({_PREPOSITIONS}) (?:the )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})")
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}"
_BETWEEN = re.compile(rf"\b(between) (?:the )?({_NAME}) and (?:the )?({_NAME})")
# A larger place after a comma, a compass word or two before it allowed: ", Costa Rica",
# ", northwest Costa Rica".
_WITHIN = re.compile(r",\s+(?:[a-z]+\s+){0,2}([A-Z][\w'’-]+)")
# The word after a place, if any: a place followed by a content word names a thing
# ("Luton station") or is part of a longer name ("East" of "East Africa"); by a mark, a
# function word or nothing, it names a place.
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Words beside two places that say they are of one event, without the sentences' link.
NEAR_SHARED = 4
NEAR_WORDS = 6
# Fewer will do for two places filling one slot (`_one_slot`), but not one word:
# "incorporated in Panama" and "incorporated in Seychelles" are two companies.
SLOT_SHARED = 2
# ... or three, for two places with the word before or after them alike (`_half_slot`).
HALF_SLOT_SHARED = 3
# More places than this in one sentence are a list, each place of a fact of its own.
MAX_PLACES = 2


@dataclass(frozen=True, slots=True)
class PlaceMention:
    sentence: Sentence
    place: str
    preposition: str
    near: frozenset[str]  # the words right beside it: what happened there
    # Whether the name ends its phrase ("in Italy.", "in Kenya and Tanzania"), naming where
    # something is or happened, not a thing named after the place ("from Luton station").
    whole: bool = True
    # The content word right before the preposition and the one right after the place ("."
    # when a mark ends the phrase): the slot the place fills ("embassies in _ and Tanzania",
    # "extradition to _.").
    slot: tuple[str, str] = ("", "")
    # The larger place named after a comma, if any ("in Guanacaste, Costa Rica": costa):
    # two places said to lie in one are two answers to where in it.
    within: str = ""


def place_mentions(sentences: Sequence[Sentence], registry: Registry) -> Iterator[PlaceMention]:
    """Places named after a preposition of place: names the story's registry types as
    places, or countries and regions pycountry knows."""
    known = gazetteer()
    for s in sentences:
        if not any(c.isupper() for c in s.text[1:]):
            continue
        found = list(_mentions_in(s, registry, known))
        # A list of places ("incorporated in the British Virgin Islands, in the Bahamas, in
        # Grand Cayman") names each for a fact of its own: no one place of one fact.
        if len({m.place for m in found}) <= MAX_PLACES:
            yield from found


def _mentions_in(s: Sentence, registry: Registry, known: frozenset[str]) -> Iterator[PlaceMention]:
    for m in _PLACE_AFTER.finditer(s.text):
        mention = _mention(s, m[1], m.start(), m.start(2), m[2], registry, known)
        if mention is not None:
            yield mention
    # "tensions between Turkey and Syria": each of the pair is a place of the fact.
    for m in _BETWEEN.finditer(s.text):
        for group in (2, 3):
            mention = _mention(s, m[1], m.start(), m.start(group), m[group], registry, known)
            if mention is not None:
                yield mention


def _mention(
    s: Sentence,
    preposition: str,
    at: int,
    name_at: int,
    raw: str,
    registry: Registry,
    known: frozenset[str],
) -> PlaceMention | None:
    """The place named by `raw` (at `name_at`) after a preposition at `at`, if it is one."""
    # "in Brazil's four states": the place is Brazil.
    # "from Panama-based Mossack Fonseca": the place is Panama.
    words = re.sub(r"['’]s?\b.*|-[a-z]{3,}\b.*", "", raw).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        if name.lower() in known or registry.type_of(name) == "place":
            break
    else:
        return None
    # Whole words on either side: the event and the place's role in it.
    end = name_at + len(name)
    near = words_beside(s.text, at, end, NEAR_WORDS)
    rest = s.text[end:]
    following = _NEXT_WORD.match(rest)
    whole = following is None or following[1] in ENGLISH_STOP_WORDS
    word_before = _word(s.text[:at].split()[-1:])
    within = _WITHIN.match(rest)
    return PlaceMention(
        s,
        name,
        preposition,
        near,
        whole,
        (word_before, _after(rest)),
        min(content_set(within[1])) if within and content_set(within[1]) else "",
    )


def _word(tokens: Sequence[str]) -> str:
    """The first content word of `tokens`, stemmed, or ""."""
    for token in tokens:
        found = content_set(token)
        if found:
            return min(found)
    return ""


def _after(rest: str) -> str:
    """What follows a place: "." when a mark or the sentence's end closes its phrase, else
    the first content word of the next two words."""
    if not rest.strip() or rest.lstrip()[:1] in ",.;:!?":
        return "."
    return _word(rest.split()[:2])


@cache
def _levels() -> dict[str, tuple[str, str]]:
    """Lower-cased place name -> ("country", its code) or ("subdivision", its country's)."""
    import pycountry

    found: dict[str, tuple[str, str]] = {}
    for sub in pycountry.subdivisions:
        found[sub.name.lower()] = ("subdivision", sub.country_code)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                found[value.lower()] = ("country", country.alpha_2)
    for alias, name in PLACE_ALIASES.items():
        if name.lower() in found:
            found[alias.lower()] = found[name.lower()]
    return found


def place_level(place: str) -> str:
    """ "country" or "subdivision" as pycountry knows the place, else "other" (a town)."""
    known = _levels().get(place.lower())
    return known[0] if known else "other"


def _one_level(x: str, y: str) -> bool:
    """Two different places of one level, neither inside the other as far as is known."""
    lx, ly = _levels().get(x.lower()), _levels().get(y.lower())
    if lx is None or ly is None:
        return lx is None and ly is None and x not in y and y not in x
    if lx[0] != ly[0]:
        return False  # a country and a region of it, or of another: abstain
    if nested(x, y):
        return False
    return lx != ly or lx[0] == "subdivision"


def nested(x: str, y: str) -> bool:
    """Whether pycountry lists one of two countries as a region of the other: a territory
    listed as a country ("Hong Kong") is also a region of another ("China")."""
    lx, ly = _levels().get(x.lower()), _levels().get(y.lower())
    if lx is None or ly is None:
        return False
    parent = _parents()
    return parent.get(lx[1]) == ly[1] or parent.get(ly[1]) == lx[1]


@cache
def _parents() -> dict[str, str]:
    """Country code -> the code of the country that also lists it as a region ("Hong Kong"
    is a country in ISO 3166-1 and "Hong Kong SAR" a region of China in ISO 3166-2)."""
    import pycountry

    regions = {sub.name.lower(): sub.country_code for sub in pycountry.subdivisions}
    # Each region under every leading run of its words ("hong", "hong kong", "hong kong
    # sar"), so a country's name is looked up, not compared with all 5,000 regions.
    by_words: dict[str, list[str]] = defaultdict(list)
    for region, code in regions.items():
        parts = region.split(" ")
        for n in range(1, len(parts) + 1):
            by_words[" ".join(parts[:n])].append(code)
    found: dict[str, str] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        # "hong kong sar", "puerto rico"; homonyms too ("georgia"), where abstaining is right
        others = [code for code in by_words.get(name.lower(), ()) if code != country.alpha_2]
        if others:
            found[country.alpha_2] = others[-1]
    return found


def _names(text: str, place: str) -> bool:
    """Whether a sentence names a place itself, whole: "Canadian authorities" name no
    place, and a sentence about them may still give another place than "in Canada"."""
    at = text.find(place)
    return at >= 0 and _whole_place(place).search(text, at) is not None


@cache
def _whole_place(place: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(place)}(?![\w-])")


def _by_linked_claim(
    mentions: Sequence[PlaceMention], alignment: Alignment | None
) -> dict[int, set[int]]:
    """Mention index -> the mentions after the same preposition in sentences the alignment
    links with its sentence: read through the links, not by comparing every pair. Only of
    countries and regions pycountry knows, each ending its phrase: a link without a word
    beside the place is weak evidence, and names the registry alone types as places ("East"
    of "East Africa") or a place naming a thing ("from Luton station" beside "Hasib
    Hussain, 18, from Leeds") were no places of one fact."""
    if alignment is None:
        return {}
    at_claim: dict[tuple[int, str], list[int]] = defaultdict(list)
    known = _levels()
    claim_of = [
        alignment.claim_of(m.sentence) if m.whole and m.place.lower() in known else None
        for m in mentions
    ]
    for i, (m, c) in enumerate(zip(mentions, claim_of, strict=True)):
        if c is not None:
            at_claim[(c, m.preposition.lower())].append(i)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for c, links in alignment.links.items():
        for k, _ in links:
            neighbours[c].add(k)
            neighbours[k].add(c)
    found: dict[int, set[int]] = {}
    for i, (m, c) in enumerate(zip(mentions, claim_of, strict=True)):
        if c is None:
            continue
        role = m.preposition.lower()
        found[i] = {j for k in (c, *neighbours[c]) for j in at_claim.get((k, role), ())}
    return found


def _one_slot(a: PlaceMention, b: PlaceMention) -> bool:
    """Whether two places fill one slot of sentences about one thing: the words right
    around them agree ("embassies in _ and Tanzania") and the sentences print another name
    or figure alike ("Aug. 7", "German"). "Companies incorporated in _, a tax haven" of
    two sources are two companies when nothing else ties them."""
    if not (a.slot[0] and a.slot[1] and a.slot == b.slot):
        return False
    places = anchors(f"{a.place} {b.place}")
    return bool((anchors(a.sentence.text) & anchors(b.sentence.text)) - places)


def _half_slot(a: PlaceMention, b: PlaceMention) -> bool:
    """Whether the content word right before the places or right after them agrees ("paid
    no tax in _" / "avoided paying tax in _"; "violence in _ and western New York" /
    "shootings of doctors in _ and western New York"), or both lie in one larger place
    ("in _, Costa Rica"): with three words beside alike, the place's role in one fact."""
    if a.within and a.within == b.within:
        return True
    return any(x == y and x not in ("", ".") for x, y in zip(a.slot, b.slot, strict=True))


def differing_places(
    mentions: Sequence[PlaceMention], group: Mapping[str, str], alignment: Alignment | None
) -> list[tuple[tuple[str, list[str], str], tuple[str, list[str], str]]]:
    """Pairs of places independent sources give for one fact: each place with the
    articles printing it and one of their sentences."""
    by_role: dict[tuple[str, str], list[int]] = {}
    for i, m in enumerate(mentions):
        for word in m.near:
            by_role.setdefault((m.preposition.lower(), word), []).append(i)
    by_claim = _by_linked_claim(mentions, alignment)
    # (place, place) -> place -> its articles, and a sentence printing it
    found: dict[tuple[str, str], dict[str, tuple[list[str], str]]] = {}
    for i, a in enumerate(mentions):
        # Mentions after the same preposition that share a word beside the place, or whose
        # sentences the alignment links ("seeking asylum in Italy" / "in custody in Italy").
        near = {j for w in a.near for j in by_role[(a.preposition.lower(), w)]}
        for j in sorted(near | by_claim.get(i, set())):
            b = mentions[j]
            if j <= i or a.place == b.place:
                continue
            ga, gb = group[a.sentence.article_id], group[b.sentence.article_id]
            if ga == gb or not _one_level(a.place, b.place):
                continue
            if _names(a.sentence.text, b.place) or _names(b.sentence.text, a.place):
                continue
            shared = len(a.near & b.near)
            one_fact = (
                shared >= NEAR_SHARED
                or (shared >= SLOT_SHARED and _one_slot(a, b))
                or (shared >= HALF_SLOT_SHARED and _half_slot(a, b))
                or (alignment is not None and alignment.linked(a.sentence, b.sentence))
                or restated(
                    a.sentence.text.replace(a.place, ""), b.sentence.text.replace(b.place, "")
                )
            )
            if not one_fact:
                continue
            key = (min(a.place, b.place), max(a.place, b.place))
            values = found.setdefault(key, {})
            for m in (a, b):
                cited, _ = values.setdefault(m.place, ([], m.sentence.text))
                if m.sentence.article_id not in cited:
                    cited.append(m.sentence.article_id)
    pairs = []
    for key, values in found.items():
        x, y = key
        # A source giving both places for the fact knows they are two places.
        if {group[c] for c in values[x][0]} & {group[c] for c in values[y][0]}:
            continue
        pairs.append(((x, *values[x]), (y, *values[y])))
    return pairs


def place_discrepancies(
    articles: Sequence[Article],
    group: Mapping[str, str],
    registry: Registry,
    sentences: Mapping[str, Sequence[Sentence]] | None,
    alignment: Alignment | None,
    by_id: Mapping[str, Article],
) -> list[Discrepancy]:
    """Places independent sources give differently for one fact, as discrepancies."""
    mentions = [
        m
        for a in articles
        for m in place_mentions(sentences[a.id] if sentences is not None else segment(a), registry)
    ]
    return [
        Discrepancy(
            "place", tuple(discrepant_value(p, text, cited, by_id) for p, cited, text in pair)
        )
        for pair in differing_places(mentions, group, alignment)
    ]
