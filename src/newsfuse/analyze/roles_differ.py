"""A person's office or party given differently by independent sources: "Prime Minister
Ada Lund" and "Norway's finance minister, Ada Lund"; "Deputy Prime Minister Ada Lund" and
"Prime Minister Ada Lund"; "Sen. Jo Lund, R-Texas" and "Jo Lund, D-Texas".

News prints a person's office right before the name ("Finance Minister Ada Lund",
"Brazil's finance minister, Ada Lund") or in apposition after it ("Ada Lund, the finance
minister,"), so the office is tied to one person without reading the sentence, as an age
is (`ages_differ`). Two offices disagree only when they share their noun ("minister") and
either name two portfolios of it ("prime" and "finance": `office_portfolios`) or one names
a lower grade of the same portfolio ("vice", "deputy": `office_grades`). Anything else may be
two offices one person holds ("President ... and party chairman"), a shorter form of one
("Minister Ada Lund"), or a past or coming one ("former prime minister", "President-elect":
`office_tenses`, such titles are left out). A person printed with both offices by one
source holds both as far as that source knows: no disagreement of sources. Reports more
than `WINDOW` apart are not compared: the person may have changed office between them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cache
from typing import cast

from newsfuse.analyze.ages_differ import WINDOW
from newsfuse.analyze.names import Registry
from newsfuse.analyze.names.organisations import COUNTRY_WORDS, NATIONALITY
from newsfuse.analyze.names.people import OFFICE_NOUNS
from newsfuse.analyze.spellings import discrepant_value, variant_form
from newsfuse.model import Article, Discrepancy, Sentence
from newsfuse.resources import table, words
from newsfuse.segment import segment

__all__ = ["roles_differ"]

# One spelling of each word ("defence" and "defense"), a word at a time: a story repeats
# its few titles.
_variant = cache(variant_form)
_PORTFOLIOS = frozenset(_variant(w) for w in words("office_portfolios"))
_GRADES = words("office_grades")
_TENSES = words("office_tenses")
_EXPANSIONS = cast(dict[str, str], table("title_expansions"))
# An office: its noun, the words of its portfolio, the words of its grade.
Office = tuple[str, frozenset[str], frozenset[str]]
# Words an office may be printed with that say nothing of which office it is: articles and
# "of" ("the Secretary of State"), a country's or a body's possessive ("Brazil's").
_OPENERS = frozenset({"the", "a", "an", "of"})
_KNOWN = _PORTFOLIOS | _GRADES | _TENSES | _OPENERS | NATIONALITY | COUNTRY_WORDS | OFFICE_NOUNS
_HEAD = "|".join(sorted(OFFICE_NOUNS, key=len, reverse=True))
_HEADS = tuple(OFFICE_NOUNS)
# Up to three words and an office noun right before a name, perhaps with a comma: "Brazil's
# finance minister, Pedro Malan", "finance minister Pedro Malan".
_BEFORE = re.compile(
    rf"(?<![\w.'’-])((?:[\w.'’-]+\s+){{0,3}}\b(?:{_HEAD}))\s*,?\s+$", re.IGNORECASE
)
# ", Brazil's finance minister," / ", the secretary of state." after a name.
_AFTER = re.compile(
    rf",\s+((?:[\w.'’-]+\s+){{0,3}}?\b(?:{_HEAD})(?:\s+of(?:\s+the)?\s+[\w-]+)?)(?=\s*[,.;)])",
    re.IGNORECASE,
)
# A party's letter and state after a name: ", R-Texas," / "(D-N.Y.)".
_PARTY = re.compile(r"\s*[,(]\s*([RDI])-([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?=[,.)])")


def _office(title: str, whole: bool) -> Office | None:
    """A title read as (office noun, portfolio words, grade words), or None when it is no
    office of now ("former finance minister") or names no office noun. Printed after a name
    (`whole`), it holds no word a title does not: "Rubin and the prime minister" is no
    title of Rubin's; printed before one, the title is the words next to the name ("said
    that Finance Minister")."""
    # Dots dropped: "U.S." is "us", "Sen." is "sen".
    found = [w.lower().replace(".", "").rstrip(",") for w in re.findall(r"[\w.'’-]+", title)]
    tokens: list[str] = []
    for word in found:
        for part in word.split("-"):
            if part.endswith(("'s", "’s")):
                tokens = []  # "the prime minister's aide": the office is the aide's
                continue
            tokens.append(_EXPANSIONS.get(part, part))
    heads = [i for i, t in enumerate(tokens) if t in OFFICE_NOUNS]
    if not heads:
        return None
    # "Secretary of State" and "Treasury Secretary": the noun is the office, the words on
    # either side of it say which.
    head = heads[-1] if "of" not in tokens else heads[0]
    unknown = [i for i, t in enumerate(tokens[:head]) if t not in _KNOWN]
    if unknown and whole:
        return None  # a word no title holds before its noun
    if unknown:
        tokens, head = tokens[unknown[-1] + 1 :], head - unknown[-1] - 1
    if _TENSES & set(tokens):
        return None
    # One spelling of each word: "defence" and "defense" minister are one office.
    rest = {_variant(t) for t in tokens} - {_variant(tokens[head])}
    return _variant(tokens[head]), frozenset(rest & _PORTFOLIOS), frozenset(rest & _GRADES)


def _disagree(x: Office | str, y: Office | str) -> bool:
    """Two offices one person cannot both hold as told: one noun, and two portfolios of it
    ("prime" and "finance" minister) or one portfolio at two grades ("Deputy Prime
    Minister", "Prime Minister")."""
    if isinstance(x, str) or isinstance(y, str) or x[0] != y[0]:
        return False
    if x[2] == y[2] == frozenset() and x[1] and y[1] and x[1] != y[1]:
        return True
    # Grades of an office only where its portfolio is named alike: "Deputy President" of a
    # country and "ANC president" (a body's word before the noun is no portfolio) are two
    # offices one person may hold.
    return bool(x[1]) and x[1] == y[1] and x[2] != y[2]


def roles_differ(
    articles: Sequence[Article],
    group: Mapping[str, str],
    registry: Registry,
    sentences: Mapping[str, Sequence[Sentence]] | None,
    by_id: Mapping[str, Article],
) -> list[Discrepancy]:
    """People to whom independent sources, within `WINDOW` of each other, give two offices
    of one kind, or two parties."""
    # (person, "office" | "party") -> value key -> (article ids, as printed, sentence)
    told: defaultdict[tuple[str, str], dict[Office | str, tuple[list[str], str, str]]] = (
        defaultdict(dict)
    )
    for article in articles:
        # Full names only: a bare surname the registry gives to someone is a guess, and an
        # office read with it would be told of the wrong person ("Assistant Chief Constable"
        # of one man read as "Assistant Chief" of another named "... Constable").
        mentions = [
            (m, p)
            for m, p, kind in registry.mentions.get(article.id, ())
            if kind == "person" and len(m.name.split()) >= 2
        ]
        if not mentions:
            continue
        said = sentences[article.id] if sentences is not None else segment(article)
        text = article.text
        for mention, person in mentions:
            for kind, key, printed in _told(text, mention.start, mention.end, mention.role):
                name = text[mention.start : mention.end]
                sentence = next(
                    (s.text for s in said if name in s.text and printed in s.text), printed
                )
                ids, _, _ = told[(person, kind)].setdefault(key, ([], printed, sentence))
                ids.append(article.id)
    found = []
    for (person, kind), by_key in told.items():
        if len(by_key) < 2:
            continue
        keys = list(by_key)
        printers = {k: {group[i] for i in by_key[k][0]} for k in keys}
        pairs = [
            (x, y)
            for n, x in enumerate(keys)
            for y in keys[n + 1 :]
            if not printers[x] & printers[y]
            and (kind == "party" or _disagree(x, y))
            and _near(by_key[x][0], by_key[y][0], by_id)
        ]
        if not pairs:
            continue
        shown = list(dict.fromkeys(k for pair in pairs for k in pair))
        if any(printers[x] & printers[y] for n, x in enumerate(shown) for y in shown[n + 1 :]):
            continue  # a source printing two of the values shown knows them apart
        found.append(
            Discrepancy(
                f"{kind} ({person})",
                tuple(
                    discrepant_value(by_key[k][1], by_key[k][2], by_key[k][0], by_id) for k in shown
                ),
            )
        )
    return found


def _told(text: str, start: int, end: int, role: str) -> list[tuple[str, Office | str, str]]:
    """The offices and party printed with one mention of a person: (kind, key, as printed)."""
    out: list[tuple[str, Office | str, str]] = []
    before = role
    # Most names follow no office noun: the pattern is searched only after one.
    if not before and text[max(0, start - 20) : start].rstrip(", ").lower().endswith(_HEADS):
        match = _BEFORE.search(text, max(0, start - 60), start)
        before = match[1] if match else ""
    if before:
        # A word right before the title that puts it in the past ("former Japanese Prime
        # Minister"), or joins it to another office ("Deputy Prime Minister and Foreign
        # Minister Ada Lund": one of two offices, read alone as another's).
        at = text.rfind(before, max(0, start - 80), start)
        prior = re.findall(r"[\w'’-]+", text[max(0, at - 30) : at])[-1:] if at > 0 else []
        tense = prior and (prior[0].lower() in _TENSES or prior[0].lower() in {"and", "&"})
        office = None if tense else _office(before, whole=False)
        if office is not None:
            out.append(("office", office, _next_to_name(before)))
    after = _AFTER.match(text, end)
    if after:
        office = _office(after[1], whole=True)
        if office is not None:
            out.append(("office", office, after[1].strip()))
    party = _PARTY.match(text, end)
    if party:
        out.append(("party", party[1], f"{party[1]}-{party[2]}"))
    return out


def _next_to_name(title: str) -> str:
    """The words of a title printed before a name that a title holds, as printed: "Japan's
    finance minister" of "with Japan's finance minister"."""
    kept = title.split()
    for i in range(len(kept) - 2, -1, -1):
        word = kept[i].lower().replace(".", "").rstrip(",")
        if not word.endswith(("'s", "’s")) and not all(
            _EXPANSIONS.get(part, part) in _KNOWN for part in word.split("-")
        ):
            return " ".join(kept[i + 1 :])
    return " ".join(kept)


def _near(one: Sequence[str], other: Sequence[str], by_id: Mapping[str, Article]) -> bool:
    """Whether some report printing one value and some printing the other came out within
    `WINDOW` of each other (both dated): an office may change between reports further
    apart."""
    times = [[by_id[i].sort_time for i in ids if by_id[i].published] for ids in (one, other)]
    return any(abs(a - b) <= WINDOW for a in times[0] for b in times[1])
