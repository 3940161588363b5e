"""Names that independent sources spell differently: forms one letter apart ("Penelac",
"Penelec"; "Nabi Saleh", "Nebi Saleh"; "f" for "ph": "Rudolf", "Rudolph"), around the same
words, that no source prints both of (one that does knows they are two names, or slipped
once: a caption's "Adda Merrow" beside "Ada" is not a disagreement of sources)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import cast

from newsfuse.analyze._text import content_set, stem
from newsfuse.analyze.names.people import NAME_PARTICLES
from newsfuse.model import Article, Discrepancy, DiscrepantValue, Sentence
from newsfuse.resources import table, words
from newsfuse.segment import segment

__all__ = ["discrepant_value", "spellings", "variant_form"]

_STARTERS = words("sentence_starters")
_PEOPLES = words("nationality_adjectives")
_VARIANTS = [
    (re.compile(pattern), replacement)
    for pattern, replacement in cast(dict[str, list[list[str]]], table("spelling_variants"))[
        "rules"
    ]
]


def discrepant_value(
    value: str, text: str, cited: Sequence[str], by_id: Mapping[str, Article]
) -> DiscrepantValue:
    """A value as shown: the articles printing it and when the first of them came out."""
    ids = tuple(dict.fromkeys(cited))
    # Feeds mix zoned and naive times: the first is the first in UTC (`Article.sort_time`).
    dated = [by_id[i] for i in ids if by_id[i].published is not None]
    first = min(dated, key=lambda a: a.sort_time, default=None)
    return DiscrepantValue(value, text, ids, first.published if first else None)


# Up to four capitalised words, not inside a word. Opening with the capital rather than the
# look-behind lets the scan skip to capitals (see names.mentions._SEQUENCE).
_NAME_FORM = re.compile(r"[A-Z](?<![\w'’-][A-Z])[\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


def _plain(form: str) -> str:
    """A name form without apostrophes, hyphens or accents ("Chillán" is "Chillan")."""
    decomposed = unicodedata.normalize("NFKD", re.sub(r"['-]", "", form))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def variant_form(form: str) -> str:
    """A name form with regular spelling variants made one ("Defence" and "Defense",
    "Sergei" and "Sergey"): British and American spelling, common transliterations."""
    out = []
    for word in _plain(form).lower().split():
        for pattern, replacement in _VARIANTS:
            word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


# "ph" within a name spells the sound of "f": a source writing one for the other ("Rudolf",
# "Rudolph") made one slip, as with one letter.
_PH = re.compile(r"(?<=[a-z])ph")


def _f_for_ph(form: str) -> str:
    return _PH.sub("f", form)


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter substituted ("Pam Am"), or inserted or deleted but not at a word's end: a
    longer ending ("Israel TV", "Israeli TV") is grammar, and an apostrophe or a hyphen
    ("Workers' Party", "Hang-zhou") is typography, not spelling."""
    if _plain(a) == _plain(b) or variant_form(a) == variant_form(b):
        return False
    if _f_for_ph(a) == _f_for_ph(b):
        return True  # "Rudolf" and "Rudolph": one sound spelt two ways, one slip
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


def _one_person(a: str, b: str) -> bool:
    """Two full names alike but for the surname ("Thane Maynard", "Thane Maynerd"): the
    given names they share (not a particle such as "bin") say who is meant, whatever the
    words around them. A given name has a form in every language ("Elisabeth",
    "Elizabeth"), and a word of four letters or fewer one letter from another is as often
    another name ("Nabi", "Nebi"): those need the words around them to agree."""
    x, y = a.split(), b.split()
    if len(x) != len(y) or len(x) < 2 or x[:-1] != y[:-1]:
        return False
    shared = [p for p in x[:-1] if p.lower() not in NAME_PARTICLES]
    return min(len(x[-1]), len(y[-1])) >= 5 and bool(shared)


def spellings(
    articles: Sequence[Article],
    group: Mapping[str, str],
    sentences: Mapping[str, Sequence[Sentence]] | None,
    by_id: Mapping[str, Article],
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
                # A capitalised function word ("While", "If") opens a sentence, no name.
                head, _, rest = form.partition(" ")
                if head.lower() in _STARTERS:
                    form = rest
                # A title run into a name ("Relief Coordinator Jan Egeland") hides it: its
                # last two words are a form too.
                parts = form.split()
                for name in (form, " ".join(parts[-2:])) if len(parts) > 2 else (form,):
                    # An acronym ("UNFCCC") is not spelt but abbreviated, each its way, and
                    # an initial ("President F. W.") is no spelling.
                    if len(name) < 5 or not any(c.islower() for c in name):
                        continue
                    if len(name.split()[-1]) < 2:
                        continue
                    # A people ("Americans") is a word, not a name to spell: one letter
                    # from a place ("Americas") it is another word.
                    if name.lower().removesuffix("s") in _PEOPLES:
                        continue
                    _, cited = printed[name].setdefault(group[a.id], (s, []))
                    if a.id not in cited:
                        cited.append(a.id)
                    # The sentence's words, once per sentence: a window per name cost most
                    # of the analysis on a story of many names.
                    words = words if words is not None else content_set(s.text)
                    context[name] |= words
    # What a form is said about: its sentences' words less its own (stemmed as they are).
    about = {
        form: words - {stem(w) for w in form.lower().split()} for form, words in context.items()
    }
    # Candidate pairs meet on a form with one letter deleted (or none), so that the story's
    # names are not compared all with all.
    by_key: dict[str, list[str]] = defaultdict(list)
    for form in printed:
        # In a fixed order (not a set's, which follows the hash seed): the order in which
        # pairs are met is the order discrepancies are listed.
        keys = [form, _f_for_ph(form), *(form[:i] + form[i + 1 :] for i in range(len(form)))]
        for key in dict.fromkeys(keys):
            by_key[key].append(form)
    found = []
    seen: set[tuple[str, str]] = set()
    shown: set[frozenset[str]] = set()
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
                if len(shared) < 2 and not _one_person(one, other):
                    continue  # one letter apart but about different things
                # "XVI Gustaf" and "King Carl XVI Gustaf" are one spelling to show once.
                words_apart = frozenset(one.split()) ^ frozenset(other.split())
                if words_apart in shown:
                    continue
                shown.add(words_apart)
                found.append(
                    Discrepancy(
                        "spelling of a name",
                        tuple(
                            discrepant_value(
                                form,
                                next(iter(printed[form].values()))[0].text,
                                [c for _, cited in printed[form].values() for c in cited],
                                by_id,
                            )
                            for form in pair
                        ),
                    )
                )
    return found
