"""Injected-conflict benchmark for "where sources differ".

For each cluster with two or more independent sources, a fact two sources state is changed
in one of them (deterministic given the seed), one kind at a time:
- number: a quantity with its unit ("19 hijackers") that two sources print alike gets
  another value in one source (about 40% more; a share that would pass 100% about 40%
  less, by ratio);
- name: a person's surname (of a full name the story's name registry types as a person and
  some report shows to be one: a title, a role or a speech verb beside it; no other person
  of the story shares the surname) that two sources print alike is misspelt by one letter
  in one source;
- date: a day of a month ("March 14", "14 March") that two sources print gets another day
  (not an embedded post's date stamp);
- place: a country or region pycountry knows, named whole after "in", "near", ... ("in
  Iceland") by two sources, is replaced, in the fact's sentences of one source, by another
  of the same level the cluster names and those sentences do not.
A value counts as a fact two sources print only where a sentence of each states one event
with it: the unaltered story's claim alignment links them or three content words of the
six on either side agree (and, for a number or a day, a word within 40 characters agrees
and they name no different people): "400 employees" of an airport and of an airline, "a
$30 billion Japanese program" and "a rescue of $30 billion" are two facts, not one to
change. A source that also prints the value another way ("eight days" beside "8 days")
is not changed: it would still print the original. Values are read in the articles as the
brief's cleaning leaves them: one only in a photo caption or a gallery's count is in no
sentence the brief can show (`evaluate.conflict_candidates`).
The brief of the altered cluster must report a discrepancy whose values give the old and
the new figure, day, surname or place, each cited to the right source. Discrepancies
reported on the unaltered clusters are false alarms; each is listed so it can be read.

    newsfuse eval conflicts DATASET.jsonl [--seed N] [--json]
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsfuse.analyze.quantities import event_dates
from newsfuse.evaluate.conflict_candidates import Reading, candidates, read_story
from newsfuse.evaluate.data import read_clusters
from newsfuse.model import Article, Brief, DiscrepantValue, Sentence
from newsfuse.pipeline import Pipeline
from newsfuse.time.lexicon import parse_number

__all__ = ["Injection", "inject", "main", "score"]

KINDS = ("number", "name", "date", "place")
# Days are compared by month and day; a year to read them against (any will do).
_ANY_YEAR = date(2000, 1, 1)
_PIPELINE = Pipeline(disable=["quotes", "timeline", "exclusives", "entities", "summarize"])


@dataclass(frozen=True, slots=True)
class Injection:
    kind: str
    original: str  # as both sources printed it
    changed: str  # as the altered source now prints it
    altered: tuple[str, ...]  # the articles changed (one source: its copies too)
    kept: tuple[str, ...]  # articles of another source still printing the original
    # What tells the two values apart: the figure, the day, the surname, the place.
    old: str = ""
    new: str = ""


def _sources(articles: Sequence[Article]) -> dict[str, str]:
    work_brief = _PIPELINE.brief(articles)
    groups = {a.id: a.id for a in articles}
    for group in work_brief.copies:
        for member in group.members:
            groups[member] = group.members[0]
    return groups


def inject(
    kind: str,
    articles: Sequence[Article],
    sources: dict[str, str],
    rng: random.Random,
    reading: Reading | None = None,
) -> tuple[list[Article], Injection] | None:
    """The cluster with one fact changed in one source, and what was changed. A source
    that slips on a figure, a day or a name prints the slip throughout (and so do its
    copies); a place is changed in the fact's sentences only, as a place names many facts.
    `reading` is `read_story(articles, sources)`, when the caller has it."""
    reading = reading or read_story(articles, sources)
    options = candidates(kind, sources, reading)
    if not options:
        return None
    original, changed, group, old, new, sentences = rng.choice(options)
    pattern = re.compile(rf"(?<![\w.]){re.escape(original)}(?![\w])")

    def alter(text: str) -> str:
        if kind != "place":
            return pattern.sub(changed, text)
        for sentence in sentences:
            if sentence in text:
                text = text.replace(sentence, pattern.sub(changed, sentence))
        return text

    out = [
        dataclasses.replace(a, text=alter(a.text)) if sources[a.id] == group else a
        for a in articles
    ]
    altered = tuple(a.id for a, b in zip(articles, out, strict=True) if a.text != b.text)
    if not altered:
        return None  # the sentences are not printed verbatim (joined lines): not changed
    # A day is the same day however printed: "Aug. 29" still prints "August 29".
    day = _days(original) if kind == "date" else frozenset()
    kept = tuple(
        a.id
        for a in articles
        if sources[a.id] != group and (original in a.text or day & _days(a.text))
    )
    return out, Injection(kind, original, changed, altered, kept, old, new)


def _days(text: str) -> frozenset[float]:
    """The days of a month a text prints, however printed ("Aug. 29", "29 August")."""
    said = [Sentence("", 0, 0, text)]
    return frozenset(q.low for q in event_dates(said, _ANY_YEAR, None))


def _gives(value: DiscrepantValue, token: str) -> bool:
    """Whether a reported value is the token: its figure, day, surname or place, whole; a
    figure also in words ("Fifty-two people" gives 52: a brief shows one printing of a
    value, which may be another source's words for it); a day in any printing."""
    pattern = rf"(?<![\w.,]){re.escape(token)}(?![\w]|[.,]\d)"
    if re.search(pattern, value.value) is not None:
        return True
    if (day := _days(token)) and day & _days(value.value):
        return True
    figure = parse_number(token) if token[:1].isdigit() else None
    words = re.findall(r"[A-Za-z]+", value.value)
    return figure is not None and any(
        parse_number(" ".join(words[i:j])) == figure
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    )


def found(brief: Brief, injection: Injection, kinds: tuple[str, ...] = ("conflict",)) -> bool:
    """Whether a discrepancy (of one of `kinds`: an injected conflict is no update) gives
    both values, each cited to the right source."""
    for d in brief.discrepancies:
        if d.kind not in kinds:
            continue
        old = any(
            _gives(v, injection.old) and set(v.citations) & set(injection.kept) for v in d.values
        )
        new = any(
            _gives(v, injection.new) and set(v.citations) & set(injection.altered) for v in d.values
        )
        if old and new:
            return True
    return False


def score(path: Path, seed: int = 0) -> dict[str, object]:
    rng = random.Random(seed)
    injected = {k: 0 for k in KINDS}
    recalled = {k: 0 for k in KINDS}
    missed: list[dict[str, str | bool]] = []
    alarms: list[dict[str, object]] = []
    updates: list[dict[str, object]] = []  # told apart from conflicts: not false alarms
    unaltered = 0
    for cluster in read_clusters(path):
        articles = list(cluster.articles)
        sources = _sources(articles)
        if len(set(sources.values())) < 2:
            continue
        unaltered += 1
        for d in _PIPELINE.brief(articles).discrepancies:
            (updates if d.kind == "update" else alarms).append(
                {
                    "cluster": cluster.id,
                    "about": d.about,
                    "values": [v.value for v in d.values],
                    "published": [str(v.published) if v.published else None for v in d.values],
                }
            )
        reading = read_story(articles, sources)
        for kind in KINDS:
            made = inject(kind, articles, sources, rng, reading)
            if made is None:
                continue
            altered, injection = made
            injected[kind] += 1
            brief = _PIPELINE.brief(altered)
            if found(brief, injection):
                recalled[kind] += 1
            else:
                missed.append(
                    {
                        "cluster": cluster.id,
                        "kind": kind,
                        "original": injection.original,
                        "changed": injection.changed,
                        "as_update": found(brief, injection, ("update",)),
                    }
                )
    return {
        "clusters": unaltered,
        "recall": {k: recalled[k] / injected[k] if injected[k] else None for k in KINDS},
        "injected": injected,
        "false_alarms_per_cluster": len(alarms) / unaltered if unaltered else 0.0,
        "false_alarms": alarms,
        "updates": updates,
        "missed": missed,
    }


def main(path: Path, seed: int = 0, as_json: bool = False) -> int:
    result = score(path, seed)
    if as_json:
        print(json.dumps({"conflicts": result}, indent=2))
        return 0
    out = sys.stdout
    out.write(f"{result['clusters']} clusters with two or more independent sources\n")
    recall = result["recall"]
    assert isinstance(recall, dict)
    injected = result["injected"]
    assert isinstance(injected, dict)
    for kind in KINDS:
        value = recall[kind]
        shown = "-" if value is None else f"{value:.2f}"
        out.write(f"recall {kind}: {shown} of {injected[kind]} injected\n")
    out.write(f"false alarms per unaltered cluster: {result['false_alarms_per_cluster']:.2f}\n")
    alarms = result["false_alarms"]
    assert isinstance(alarms, list)
    for alarm in alarms:
        out.write(f"  {alarm['cluster']}: {alarm['about']}: {' vs '.join(alarm['values'])}\n")
    updates = result["updates"]
    assert isinstance(updates, list)
    out.write(f"updates (not counted as false alarms): {len(updates)}\n")
    for update in updates:
        out.write(f"  {update['cluster']}: {update['about']}: {' then '.join(update['values'])}\n")
    return 0
