"""How each outlet told the story: its headline, its lead, and the words it stresses.

An outlet stresses the words its lead and exclusive details repeat that its headline does
not say and the other outlets' reports use least (weighted by inverse document frequency
over outlets): "email" for the one outlet that had a captain's warning by email. No
outlet is labelled; a rating is attached only when the user supplies one
(`newsfuse.outlets.read_ratings`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from newsfuse.analyze._text import _content_words, stem
from newsfuse.model import Article, Exclusive, OutletAngle, Sentence
from newsfuse.outlets import outlet_name
from newsfuse.resources import words
from newsfuse.segment.lines import statement

# A credit or dateline names an agency ("(Reuters) -"): never an outlet's angle.
_AGENCIES = frozenset(w.lower() for w in words("wire_agencies"))

__all__ = ["outlet_angles"]


def _as_printed(word: str, text: str) -> str:
    """A stressed word as the outlet prints it most often: "Paddock", not "paddock"."""
    pattern = re.escape(word).replace("'", "['’]")  # tokens fold curly apostrophes
    forms = Counter(re.findall(rf"\b{pattern}\b", text, re.IGNORECASE))
    return max(forms, key=lambda form: (forms[form], form.islower()), default=word)


def outlet_angles(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    exclusives: Sequence[Exclusive],
    ratings: Mapping[str, str] | None = None,
    stresses: int = 4,
    sources: Mapping[str, str] | None = None,
) -> list[OutletAngle]:
    """One entry per outlet, in order of its first article; `ratings` by casefolded name;
    `sources` maps an article to its copy group's key: a copy's outlet tells the details of its
    group that it prints (each is filed under the group's first article printing it)."""
    source = sources or {}
    by_outlet: dict[str, list[Article]] = {}
    for a in articles:
        by_outlet.setdefault(outlet_name(a.outlet, a.url) or a.id, []).append(a)
    # Stems each outlet's full text uses, for how rare a word is among outlets.
    used = {
        name: {stem(w) for a in group for w in _content_words(a.text)}
        for name, group in by_outlet.items()
    }
    document_frequency = Counter(s for stems in used.values() for s in stems)
    n = len(by_outlet)
    # "(CNN) -", "Copyright The Daily Courier": a name of an outlet is not what it stresses.
    named = _AGENCIES | {w for name in by_outlet for w in _content_words(name)}
    found = []
    for name, group in by_outlet.items():
        ids = {a.id for a in group}
        first = group[0]
        # The first statement: a page opening with a caption, a credit or a sign-up prompt
        # ("Enter your email address") has its lead after them.
        lead = next((s.text for s in sentences.get(first.id, ()) if statement(s.text)), None)
        # A copy's details filed under another member of its group, matched by the sentences
        # it prints (its line breaks may differ).
        groups = {source.get(i, i) for i in ids}
        printed = {" ".join(s.text.split()) for a in group for s in sentences.get(a.id, ())}
        own = [
            e.text
            for e in exclusives
            if e.article_id in ids
            or (
                source.get(e.article_id, e.article_id) in groups
                and " ".join(e.text.split()) in printed
            )
        ]
        told = " ".join([first.title or "", lead or "", *own])
        # Counted by stem ("crane", "cranes"), each shown in its first form.
        forms: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for word in _content_words(told):
            forms.setdefault(stem(word), word)
            counts[stem(word)] += 1
        # The headline is printed beside the stresses: they add what it does not say. A word
        # said once in a list of details is no stress (ties among such words read as noise:
        # "atop, barring, binary"): it must recur.
        headline = {stem(w) for w in _content_words(first.title or "")}
        order = {key: at for at, key in enumerate(forms)}
        scored = []
        for key, count in counts.items():
            word = forms[key]
            if len(word) < 3 or word in named or count < 2 or key in headline:
                continue  # "mr", "st": abbreviations; an outlet's own name: not an angle
            df = document_frequency.get(key, 1)
            if n > 1 and df >= n:
                continue  # every outlet says it: not this one's angle
            scored.append((-count * math.log(1 + n / df), order[key], word))
        scored.sort()
        found.append(
            OutletAngle(
                outlet=name,
                article_ids=tuple(a.id for a in group),
                headline=first.title,
                lead=lead,
                stresses=tuple(_as_printed(word, told) for *_, word in scored[:stresses]),
                exclusives=len(own),
                rating=(ratings or {}).get(name.casefold()),
            )
        )
    return found
