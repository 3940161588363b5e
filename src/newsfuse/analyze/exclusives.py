"""Details only one independent source reports.

A sentence is exclusive to its source when most of its content words are printed by no
other independent source (copies of one wire story are one source, via `sources`) and no
sentence of another source states it (overlap of content words). Words the story uses
everywhere ("Blinken", "China") are not counted either way, so a sentence is exclusive for
what it adds: "detained American citizens", "fentanyl precursors".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from newsfuse.analyze._text import content_set, overlap
from newsfuse.model import Article, Exclusive, Sentence
from newsfuse.segment import segment

__all__ = ["find_exclusives"]


def find_exclusives(
    articles: Sequence[Article],
    sources: Mapping[str, str] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_novel: float = 0.3,
    max_covered: float = 0.5,
    min_words: int = 8,
) -> list[Exclusive]:
    """Per source, its sentences whose content no other independent source carries.

    The exclusive is filed under the first article of its source group that prints it."""
    group = {a.id: (sources or {}).get(a.id, a.id) for a in articles}
    by_article = {
        a.id: list(sentences[a.id] if sentences is not None else segment(a)) for a in articles
    }
    words = {a.id: [content_set(s.text) for s in by_article[a.id]] for a in articles}
    vocab: dict[str, set[str]] = defaultdict(set)  # source group -> words it prints
    for a in articles:
        for ws in words[a.id]:
            vocab[group[a.id]] |= ws
    if len(vocab) < 2:
        return []
    found: list[Exclusive] = []
    seen: dict[str, list[frozenset[str]]] = defaultdict(list)
    for a in articles:
        g = group[a.id]
        others = [(b.id, ws) for b in articles if group[b.id] != g for ws in words[b.id]]
        elsewhere = set().union(*(v for k, v in vocab.items() if k != g))
        for s, ws in zip(by_article[a.id], words[a.id], strict=True):
            if s.words < min_words or len(ws) < 4:
                continue
            novel = len(ws - elsewhere) / len(ws)
            if novel < min_novel:
                continue
            if any(
                overlap(ws, other) >= max_covered and len(ws & other) >= 4 for _, other in others
            ):
                continue
            if any(overlap(ws, prior) >= 0.8 for prior in seen[g]):
                continue  # the copy printed by another member of the group
            seen[g].append(ws)
            found.append(Exclusive(a.id, s.text))
    return found
