"""People: titles and offices printed before a name, the words that follow a person's name,
spellings one letter apart, and the descriptions that stand for a person already named
("the top US diplomat")."""

from __future__ import annotations

import re
from typing import cast

from newsfuse.analyze.names.organisations import ORG_HEADS
from newsfuse.analyze.names.places import PLACE_HEADS, known_place
from newsfuse.resources import lines, table, words

__all__ = [
    "CALENDAR",
    "FUNCTION_WORDS",
    "NAME_PARTICLES",
    "NAME_WORD",
    "OFFICE_NOUNS",
    "PARTICLE_PREFIXES",
    "PERSON_CUE_AFTER",
    "ROLE_WORDS",
    "beside_speech_verb",
    "could_be_person",
    "description_words",
    "edit1",
    "holds_office",
    "introduced",
    "office_words",
    "unprefixed",
]

# Words that make a capitalised sequence a title or office rather than a name.
ROLE_WORDS = words("role_words")
CALENDAR = words("weekdays") | words("months")
# Words that open sentences before a name ("In Oslo", "But Merrow").
FUNCTION_WORDS = words("name_function_words")
# Words no person's name holds, and the shape of a word that may be one.
_NOT_A_PERSON = FUNCTION_WORDS | ORG_HEADS | PLACE_HEADS | CALENDAR
# A capitalised word of a name, in parts joined by hyphens or apostrophes, each perhaps
# capitalised ("Jean-Luc", "O'Hara", "McKee"); at least one lower-case letter.
NAME_WORD = re.compile(r"(?=\S*[a-z])[A-Z][a-z']*(?:[’-]?[A-Z][a-z']+|[’-][a-z']+)*")
# Lower-case particles inside a name ("Ada de Vries"), and those printed joined to the next
# word ("d'Arcy", "al-Rashid").
NAME_PARTICLES = frozenset(w for w in words("name_particles") if w[-1] not in "'’-")
PARTICLE_PREFIXES = tuple(w for w in words("name_particles") if w[-1] in "'’-")

# A speech verb after the name, or after an appositive between commas ("Shalom Press, another
# abortion provider who had known him for years, said").
PERSON_CUE_AFTER = re.compile(rf"^(?:,[^,]{{1,90}},)?\s+(?:{'|'.join(lines('name_cue_verbs'))})\b")
# ", chairman of the ...", ", a lawyer for ...", ", a lawmaker from ...", or an age ("Maria
# Lopez, 34, said"): a person introduced by an appositive.
_APPOSITIVE_AFTER = re.compile(
    r"^,\s+(?:(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){1,3}(?:of|for|at|from)\s|\d{1,3},\s)"
)


_SPEECH_VERBS = words("speech_verbs")
_WORD_AFTER = re.compile(r"\s+([a-z]+)")


def beside_speech_verb(text: str, start: int, end: int) -> bool:
    """Whether the name at `start`-`end` speaks: a speech verb follows it ("Toledo
    contended") or ends the words before it with the clause closing at the name ("...,
    said Paris, who ...")."""
    before = text[max(0, start - 20) : start].split()
    if before and before[-1] in _SPEECH_VERBS and text[end : end + 1] in (",", "."):
        return True
    after = _WORD_AFTER.match(text, end, end + 20)
    return bool(after and after[1] in _SPEECH_VERBS) or bool(
        PERSON_CUE_AFTER.match(text[end : end + 120])
    )


def introduced(text: str, end: int) -> bool:
    """Whether the capitalised words ending at `end` are followed as a person's name is:
    by an appositive or a speech verb. Then a first name printed nowhere else inside a
    sentence ("Qadoura Fares, chairman of ...") still belongs to the name."""
    after = text[end : end + 120]
    return bool(_APPOSITIVE_AFTER.match(after) or PERSON_CUE_AFTER.match(after))


def edit1(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution apart."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or a[i + 1 :] == b[i + 1 :]


def could_be_person(surface: str) -> bool:
    """Whether one to three capitalised words could name a person the rules did not type
    ("Bassem", a father named once by first name): not a place, a body or a function word.
    For a speech verb's subject, where a person is the likely reading."""
    parts = [unprefixed(w) for w in surface.split()]
    if len(parts) > 2:  # particles inside: "Ada de Vries"
        parts = [parts[0], *(w for w in parts[1:-1] if w not in NAME_PARTICLES), parts[-1]]
    return (
        1 <= len(parts) <= 3
        and all(NAME_WORD.fullmatch(w) for w in parts)
        and _NOT_A_PERSON.isdisjoint(w.lower() for w in parts)
        and not known_place(surface.lower())
    )


def unprefixed(word: str) -> str:
    """A name's word without a particle printed joined to it: "d'Arcy" is "Arcy"."""
    for prefix in PARTICLE_PREFIXES:
        if word.startswith(prefix) and word[len(prefix) : len(prefix) + 1].isupper():
            return word[len(prefix) :]
    return word


OFFICE_NOUNS = words("office_nouns")
_EXPANSIONS = cast(dict[str, str], table("title_expansions"))


def office_words(role: str) -> frozenset[str]:
    """A role's words in lower case, abbreviated titles spelled out ("Sen." -> "senator"),
    without fillers: "the district attorney" and "District Attorney" are alike."""
    found = (w.lower().rstrip(".") for w in re.findall(r"[\w.'-]+", role))
    return frozenset(_EXPANSIONS.get(w, w) for w in found if w not in _FILLERS)


_RANKS = words("office_ranks")


def holds_office(want: frozenset[str], role: str) -> bool:
    """Whether a role holds every word of a description's office (`office_words`) and no
    rank the description leaves out: "the president" is not the "Vice President"."""
    have = office_words(role)
    return want <= have and not (have & _RANKS) - want


# A country's words in a description -> one word for the country ("American", "US").
_SIDES = cast(dict[str, str], table("description_sides"))
# How a definite description opens: "the top US diplomat", "Norway's top diplomat".
DESCRIPTION_OPENERS = ("the ", *(f"{w} " for w in _SIDES if w.endswith("'s")))
_FILLERS = words("description_fillers")
# A description printed before a name ends in one of a few nouns: most names follow none.
DESCRIPTION_HEADS = (*lines("description_heads"), *sorted(OFFICE_NOUNS))
DESCRIPTION_BEFORE = re.compile(
    rf"((?:[A-Z][\w.]*['’]s\s+|the\s+)?(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(DESCRIPTION_HEADS)}))\s+$"
)
APPOSITION = re.compile(r"^,\s+((?:the|a|an)\s+[^,.;]{3,60}?),")


def description_words(text: str) -> set[str]:
    """The words of a description that tell who is meant, a country's words as one."""
    found = set()
    for w in re.findall(r"[\w.']+", text):
        if w in _FILLERS:
            continue
        found.add(_SIDES.get(w, w))
    if "secretary" in found and "state" in found:
        found.add("diplomat")  # a secretary of state is his country's top diplomat
    return found
