"""A person's age given differently by independent sources ("Slepian, 51," and "Slepian, 52,").

News prints an age in apposition right after a name, so the age is tied to one person
without reading the sentence. Reports more than `WINDOW` apart are not compared: a birthday
may lie between them. An age both values of which one source prints is no disagreement.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import timedelta

from newsfuse.analyze.names import Registry
from newsfuse.analyze.spellings import discrepant_value
from newsfuse.model import Article, Discrepancy, Sentence
from newsfuse.segment import segment

__all__ = ["ages_differ"]

# ", 51," right after a name (or ", 51." at a sentence's end).
_AGE_AFTER = re.compile(r",\s+(\d{1,3})(?=[,.]\s|[,.]$)")
_MAX_AGE = 120
WINDOW = timedelta(days=30)


def ages_differ(
    articles: Sequence[Article],
    group: Mapping[str, str],
    registry: Registry,
    sentences: Mapping[str, Sequence[Sentence]] | None,
    by_id: Mapping[str, Article],
) -> list[Discrepancy]:
    """People to whom independent sources, within `WINDOW` of each other, give two ages."""
    # person -> age -> (article ids, the first sentence printing it)
    ages: defaultdict[str, dict[int, tuple[list[str], str]]] = defaultdict(dict)
    for article in articles:
        if article.published is None:
            continue  # undated: a birthday between the reports cannot be ruled out
        said = sentences[article.id] if sentences is not None else segment(article)
        for mention, person, kind in registry.mentions.get(article.id, ()):
            age = _AGE_AFTER.match(article.text, mention.end)
            if kind != "person" or age is None or int(age[1]) > _MAX_AGE:
                continue
            printed = article.text[mention.start : age.end()]
            text = next((s.text for s in said if printed in s.text), printed)
            ids, _ = ages[person].setdefault(int(age[1]), ([], text))
            ids.append(article.id)
    found = []
    for person, by_age in ages.items():
        if len(by_age) < 2:
            continue
        printers = [{group[i] for i in ids} for ids, _ in by_age.values()]
        if any(a & b for n, a in enumerate(printers) for b in printers[n + 1 :]):
            continue
        times = [by_id[i].sort_time for ids, _ in by_age.values() for i in ids]
        if max(times) - min(times) > WINDOW:
            continue
        found.append(
            Discrepancy(
                f"age ({person})",
                tuple(
                    discrepant_value(str(age), text, ids, by_id)
                    for age, (ids, text) in sorted(by_age.items())
                ),
            )
        )
    return found
