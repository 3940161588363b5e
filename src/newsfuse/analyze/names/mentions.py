"""Capitalised names in an article's text, each split into a role ("US Secretary of
State") and a name ("Ada Merrow") and given a type hint from its head words, a
gazetteer and the words around it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from newsfuse.analyze.names.organisations import (
    ADJECTIVES,
    COUNTRY_WORDS,
    NATIONALITY,
    ORG_HEADS,
)
from newsfuse.analyze.names.people import (
    CALENDAR,
    FUNCTION_WORDS,
    NAME_PARTICLES,
    NAME_WORD,
    OFFICE_NOUNS,
    PARTICLE_PREFIXES,
    PERSON_CUE_AFTER,
    ROLE_WORDS,
    introduced,
    unprefixed,
)
from newsfuse.analyze.names.places import (
    PLACE_HEADS,
    after_place_preposition,
    gazetteer,
    known_place,
)
from newsfuse.resources import lines, table, words

__all__ = ["Mention", "common_words", "find_mentions", "inner_names", "storm_name"]

# A capitalised token: an initialism ("U.S.") or a word ("Merrow", "Tovar-Lund", "McDonald").
# "of"/"of the"/"for" may join capitalised tokens ("Office of the Central Foreign Affairs
# Commission"); a possessive ends the sequence ("Norway's top diplomat").
# An apostrophe before a capital is inside a name ("O’Donnell"); before "s" it is a possessive.
# A middle initial ("Harry M. Reid") is a token when a capitalised word follows it that
# opens no sentence ("Vitamin C. He").
_OPENERS = "|".join(sorted(w.capitalize() for w in FUNCTION_WORDS))
_CAP = (
    rf"(?:[A-Z]\.){{2,}}|[A-Z]\.(?=[^\S\n](?!(?:{_OPENERS})\b)[A-Z][a-z])"
    r"|[A-Z][\w-]*(?:['’][A-Z][\w-]*)?(?<!-)"
)
_INITIAL = re.compile(r"[A-Z]\.")
_CONTRACTION = re.compile(r"['’]t\b")
_PREFIX_BEFORE = re.compile(r"(?<![\w'’])[a-z]+-$")
# The first token is `_CAP` spelled from its capital on, with the look-behind after that
# capital: a pattern that opens with a character class is scanned for fast, one that
# opens with a look-behind is tried at every character (twice as slow over a story).
# A name's particles may join its words too ("Ada de Vries", "Omar al-Rashid"); a line
# break never does (a line ending in a name, the next opening with one).
_PARTICLES = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_PREFIXES = "|".join(PARTICLE_PREFIXES)
_SEQUENCE = re.compile(
    rf"[A-Z](?<![\w'’][A-Z])(?:\.(?:[A-Z]\.)+|[\w-]*(?:['’][A-Z][\w-]*)?(?<!-))"
    rf"(?:[^\S\n](?:(?:of|for|of\sthe)\s|(?:(?:{_PARTICLES})\s){{1,2}})?(?:{_PREFIXES})?(?:{_CAP}))*"
)

# Unions the per-name loops test against, built once (rebuilding them per name was a
# third of the registry's time).
_PARTY = words("party_words")
# An office's noun is a title too: "Representative Jo Lund" is Jo Lund.
_BEFORE_A_NAME = ROLE_WORDS | NATIONALITY | _PARTY | OFFICE_NOUNS
_HEADS = ORG_HEADS | PLACE_HEADS
_VESSEL_PREFIXES = words("vessel_prefixes")
_STORM_WORDS = words("storm_words")
_BODY_OPENERS = words("body_openers")
_ARTICLE_CUE = re.compile(
    rf"\b(?:the|a|an)\s+(?:(?:{'|'.join(lines('vessel_prefixes'))})\s+)?$", re.I
)
# "Sen. " before a name: a title abbreviation (a word of `title_abbreviations`).
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]{1,4})\.\s+$")
_TITLES = words("title_abbreviations")
# A title's full stop and the capital of the name it is printed before.
_TITLE_AFTER = re.compile(r"\.[^\S\n]+[A-Z]")
# A place printed before a title: "New Jersey" of "New Jersey Gov. Jo Lund".
_PLACE_BEFORE_TITLE = re.compile(r"((?:[A-Z][a-z]+[^\S\n]){1,3})[A-Z][a-z]{1,4}\.\s+$")
_OFFICE_TITLES = frozenset(cast(dict[str, str], table("title_expansions")))
# Longest first, so that "Getty Images" is cut whole rather than "Getty" alone.
_CREDITS = tuple(
    sorted((tuple(c.lower().split()) for c in lines("caption_credits")), key=len, reverse=True)
)
_CREDIT_OPENERS = frozenset(c[0] for c in _CREDITS)
_OWNER = re.compile(r"['’]s?\s+([A-Z]\w+)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A capitalised name in an article's text; `role` is any title printed before it."""

    start: int
    end: int
    name: str
    role: str
    hint: str  # "person" | "organization" | "place" | ""


def _classify(tokens: list[str], lower: list[str], role: list[str], before: str, after: str) -> str:
    """The type a name's shape and surroundings suggest; `lower` is its tokens in lower
    case."""
    joined = " ".join(lower)
    if not ORG_HEADS.isdisjoint(lower):
        return "organization"
    if not PLACE_HEADS.isdisjoint(lower):
        return "place"
    if known_place(joined) and not joined.endswith("ern"):  # "Western" is no place
        return "place"
    if role:
        return "person"
    if len(tokens) > 1 and lower[0] in _BODY_OPENERS:
        return "organization"  # "Royal Caribbean": a company, not a person
    if (
        lower[0] in _VESSEL_PREFIXES
        or storm_name(lower) is not None
        or (len(tokens) > 1 and _ARTICLE_CUE.search(before[-8:]))
    ):
        # "MV Northern Star", "the Northern Star": people take no article and no ship prefix, so a
        # name with one is a thing (a ship, a building), whatever its shape.
        return "other"
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
        return "organization"  # an acronym that is not a country: "CCTV", "APEC"
    if after_place_preposition(before[-12:]):
        return "place"
    if lower[-1] in ADJECTIVES:
        return "other"  # "South Korean", "Costa Rican": an adjective, the noun left out
    words = [unprefixed(t) for t in tokens if t not in NAME_PARTICLES]
    # Four words are a person's name with a particle inside ("Ana Maria Lopes da Costa").
    longest = 4 if len(words) < len(tokens) else 3
    if 2 <= len(words) <= longest and all(NAME_WORD.fullmatch(t) for t in words):
        return "person"
    if PERSON_CUE_AFTER.match(after):
        return "person"
    return ""


def storm_name(lower: Sequence[str]) -> int | None:
    """Where a storm's given name starts in a name's lower-cased words ("Hurricane Ada",
    "Tropical Storm Ada" -> the index of "ada"), if the name is a storm's."""
    at = next((i for i, w in enumerate(lower[:2]) if w in _STORM_WORDS), None)
    return at + 1 if at is not None and at + 1 < len(lower) else None


def _country(word: str) -> bool:
    return word in NATIONALITY or word in gazetteer()  # NATIONALITY holds COUNTRY_WORDS


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a capital opens the text, or follows sentence punctuation, a line break or a
    quote mark and any spaces: asked of the few names it matters for, rather than scanning
    the whole text for every such place."""
    if not "A" <= text[at : at + 1] <= "Z":
        return False
    if at == 0:
        return True
    while at > 0 and text[at - 1].isspace():
        if text[at - 1] == "\n":
            return True
        at -= 1
    return at > 0 and text[at - 1] in '.!?:"“'


def _sequences(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each run of capitalised tokens with its start. A titled name followed by "of" is
    a person and the body they belong to, two names ("Commander Ann Lee of the Coastguard"),
    where a title alone before "of" is one title ("Secretary of State"); so is a name of
    two or three words with no body's or place's head ("Ann Lee of the Coastguard"), where
    one word is part of a body's name ("Bank of Norway")."""
    for match in _SEQUENCE.finditer(text):
        surface, start = match[0], match.start()
        tokens = surface.split()
        # A capital after a lower-case prefix's hyphen opens an adjective ("post-Communist
        # Croatia", "ex-Soviet Georgia"): the name is what follows it.
        # Not after a name's particle ("al-Aqsa Mosque", "el-Sisi"): the name goes on.
        prefix = _PREFIX_BEFORE.search(text, max(0, start - 12), start)
        hyphened = prefix is not None and prefix[0] not in PARTICLE_PREFIXES
        if hyphened and len(tokens) > 1 and tokens[1][0].isupper():
            cut = len(surface) - len(surface[len(tokens[0]) :].lstrip())
            surface, start, tokens = surface[cut:], start + cut, tokens[1:]
        at = next((i for i, t in enumerate(tokens) if t == "of"), 0)
        head = [t.lower() for t in tokens[:at]]
        titled = at > 1 and head[0] in ROLE_WORDS and not ROLE_WORDS.issuperset(head)
        if (
            titled
            or (
                2 <= at <= 3
                and _HEADS.isdisjoint(head)
                and _BEFORE_A_NAME.isdisjoint(head)
                # A middle initial is a word of a name too: "Harry M. Reid of Nevada".
                and all(NAME_WORD.fullmatch(t) or _INITIAL.fullmatch(t) for t in tokens[:at])
                and not all(_INITIAL.fullmatch(t) for t in tokens[:at])
            )
        ):
            yield start, tokens[:at]
            rest = tokens[at + 1 :]
            if rest and rest[0] == "the":
                rest = rest[1:]
            offset = start + len(surface) - len(" ".join(rest))
            if rest:
                yield offset, rest
        else:
            yield start, tokens


def common_words(texts: Sequence[str]) -> frozenset[str]:
    return frozenset(w for t in texts for w in re.findall(r"\b[a-z][a-z]+\b", t))


def inner_names(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised words printed inside a sentence somewhere in the story."""
    return frozenset(m[1] for t in texts for m in re.finditer(r"[\w,;]\s+([A-Z][\w-]*)", t))


def _place_start(words: Sequence[str]) -> int | None:
    """Where the longest run of words ending `words` that the gazetteer holds begins
    ("Republican Indiana" -> 1), if any."""
    return next((i for i in range(len(words)) if " ".join(words[i:]).lower() in gazetteer()), None)


def find_mentions(
    text: str, common: frozenset[str] | None = None, names: frozenset[str] = frozenset()
) -> list[Mention]:
    """Every capitalised name in `text`, with its role prefix and a type hint.

    `common`: words the story also prints in lower case; such a word opening a sentence is
    not part of a name ("Like Lin, he ..."). Defaults to the words of `text`. `names`:
    capitalised words the story prints inside sentences; a sentence's first word that is
    never among them is not part of a name either."""
    mentions: list[Mention] = []
    common = common if common is not None else common_words([text])
    for start, tokens in _sequences(text):
        sequence_end = start + len(" ".join(tokens))
        # Each token's lower case, once: the tests below read it a dozen times a name.
        low = [t.lower() for t in tokens]
        # A caption's credit glued to the words after it is not part of a name; nor is a
        # sentence-opening function word ("The", "In", "But").
        credit: tuple[str, ...] = ()
        if low[0] in _CREDIT_OPENERS:  # asked of every name: one set look-up first
            credit = next((c for c in _CREDITS if tuple(low[: len(c)]) == c), ())
        skip = len(credit) if len(tokens) > len(credit) else 0
        if skip:  # rarely: a sum over no tokens still costs a generator per name
            start += sum(len(t) + 1 for t in tokens[:skip])
        while skip < len(tokens) and low[skip] in FUNCTION_WORDS:
            start += len(tokens[skip]) + 1
            skip += 1
        tokens, low = tokens[skip:], low[skip:]
        # No name ends in a joining word; nor is a date one ("Monday", "Tuesday March 5").
        if not tokens or low[-1] in ("of", "for", "the") or not CALENDAR.isdisjoint(low):
            continue
        if len(tokens) == 1 and low[0] in _TITLES and text[start + len(tokens[0]) :][:1] == ".":
            continue  # "Sen." of "Sen. Ada Merrow": the title of the name after it
        if (
            len(tokens) > 1
            and low[-1] in _OFFICE_TITLES
            and _TITLE_AFTER.match(text, start + len(" ".join(tokens)))
        ):
            # "Ohio Gov." of "Ohio Gov. Jo Lund": a place and the title of the name after it,
            # no person "Ohio Gov"; the place stays a name of its own, without the words
            # before it ("Republican Indiana Gov.", "Former Florida Gov.").
            tokens, low = tokens[:-1], low[:-1]
            at = _place_start(low) or 0
            start += sum(len(t) + 1 for t in tokens[:at])
            tokens, low = tokens[at:], low[at:]
        title = _TITLE_BEFORE.search(text[max(0, start - 8) : start])
        if title and title[1].lower() not in _TITLES:
            title = None
        if (
            not title
            and len(tokens) > 1
            and (
                low[0] in common
                or (
                    names
                    and tokens[0] not in names
                    and low[0] not in _STORM_WORDS  # "Hurricane Ada killed ..."
                    and not introduced(text, sequence_end)
                )
            )
            and _opens_sentence(text, start)
        ):
            start += len(tokens[0]) + 1
            tokens, low = tokens[1:], low[1:]  # "Like Lin, he ...": a common word opening
        # Split "US Secretary of State Ada Merrow" into its role and the name after it,
        # unless a head word makes the whole sequence one body ("US State Department").
        cut = len(tokens)
        # "Secretary-Treasurer" is a title as "Secretary" is.
        while cut > 0 and _BEFORE_A_NAME.isdisjoint(low[cut - 1].split("-")):
            cut -= 1
        name, role, name_low = tokens, [], low
        # A body's head word in the name makes the whole one body ("US State Department");
        # in the title, not ("District Attorney Jo Merrow").
        if not _HEADS.isdisjoint(low[cut:]) or (cut == len(tokens) and not _HEADS.isdisjoint(low)):
            cut = 0
        named = sum(t not in NAME_PARTICLES for t in low[cut:])
        # No name opens on a joining word: "Commissioner for Environment" is one title.
        if 0 < cut < len(tokens) and named <= 3 and tokens[cut][:1].isupper():
            name, role, name_low = tokens[cut:], tokens[:cut], low[cut:]
            # "Chinese Foo Bar" keeps no role; a party's word is a role only before a full
            # name ("Republican Jo Lund"), not inside a body's ("Democratic People's ...").
            if NATIONALITY.issuperset(low[:cut]) or (
                _PARTY.issuperset(low[:cut])
                and (named < 2 or not all(NAME_WORD.fullmatch(t) for t in name))
            ):
                name, role, name_low = tokens, [], low
        if len(name) == 1 and (
            name_low[0] in ADJECTIVES
            or (
                name_low[0] in COUNTRY_WORDS
                and name[0].isalpha()
                and name[0].isupper()
                and len(name[0]) > 2
            )
        ):
            continue  # an adjective ("Chinese"), or a country in capitals: a dateline
        parts = name[0].split("-")
        # "US-China", "Norway-Russia": a relation, not a name; "Tovar-Lund" may be a
        # surname of two parts.
        if (
            len(name) == 1
            and len(parts) > 1
            and all(p[:1].isupper() for p in parts)
            and any(p.isupper() or _country(p.lower()) for p in parts)
        ):
            continue
        if len(name) == 1 and len(name[0]) < 2:
            continue
        if ROLE_WORDS.issuperset(name_low):
            continue
        if title and not role and title[1].lower() in _OFFICE_TITLES:
            role = [title[0].strip()]  # "Sen.", not "Mr.": an office the text may name
            # With the place it is held for: "Texas Sen.", so that "the Texas senator" fits.
            before = _PLACE_BEFORE_TITLE.search(text, max(0, start - 40), start)
            parts = before[1].split() if before else []
            held = _place_start(parts)
            if held is not None:
                role.insert(0, " ".join(parts[held:]))
        name_start = (
            start
            + len(" ".join(tokens[: len(tokens) - len(name)]))
            + (1 if len(name) < len(tokens) else 0)
        )
        while len(name) > 1 and name[0] in NAME_PARTICLES:
            # "Later da Cunha said": with the opener cut, the name is "Cunha", as after "said".
            name_start += len(name[0]) + 1
            name, name_low = name[1:], name_low[1:]
        end = name_start + len(" ".join(name))
        if len(name) > 1 and name[-1] == name[-2]:
            # A name printed twice by a slip of the copy ("said Arafat Arafat") is one name;
            # the mention still spans both, so that what follows it is read as before.
            name, name_low = name[:-1], name_low[:-1]
        if _CONTRACTION.match(text, end):
            if len(name) == 1:
                continue  # "Isn't", "Don't" opening a sentence
            name, name_low = name[:-1], name_low[:-1]  # "Sanders Isn't": the name is Sanders
            end = name_start + len(" ".join(name))
        if len(name) > 2:
            # "Harry M. Reid" is Harry Reid, however the initial is printed; so is "George A
            # Lopez", its full stop left out, but not "Plan B Capital" (a common word first).
            bare = name_low[0] not in common
            kept = [
                i
                for i, t in enumerate(name)
                if not (
                    0 < i < len(name) - 1
                    and (_INITIAL.fullmatch(t) or (bare and len(t) == 1 and t.isupper()))
                )
            ]
            name, name_low = [name[i] for i in kept], [name_low[i] for i in kept]
        surface = " ".join(name)
        # Only 120 characters after the name are read: slicing the rest of the text per name
        # copied the article hundreds of times.
        after = text[end : end + 120]
        hint = _classify(name, name_low, role, text[max(0, name_start - 30) : name_start], after)
        owner = _OWNER.match(after[:30])
        if owner and owner[1].lower() in ORG_HEADS:
            hint = "organization"  # "the Seafarers' Union" is a body, not a person
        if role and hint in ("", "person") and role[-1].lower() in ROLE_WORDS:
            hint = "person"
        elif (
            hint == "person"
            and len(name) == 1
            and name_low[0] in common
            and _opens_sentence(text, name_start)
        ):
            hint = ""  # "Officials said": a common word opening a sentence, no one's name
        mentions.append(Mention(name_start, end, surface, " ".join(role), hint))
    return _joined_bodies(text, mentions, common)


def _joined_bodies(text: str, mentions: list[Mention], common: frozenset[str]) -> list[Mention]:
    """A common word joined by "and" to a body's name is part of it: "Truth and Reconciliation
    Commission", "Food and Drug Administration" are one body, and no "Truth" stands alone."""
    joined: list[Mention] = []
    for m in mentions:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and m.hint == "organization"
            and not m.role
            and not prev.role
            and prev.hint in ("", "organization")
            and " " not in prev.name
            and prev.name.lower() in common
            and text[prev.end : m.start] == " and "
        ):
            joined[-1] = Mention(prev.start, m.end, f"{prev.name} and {m.name}", "", m.hint)
        else:
            joined.append(m)
    return joined
