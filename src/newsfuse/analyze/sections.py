"""Every analysis section of one story, sharing one segmentation and one name registry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsfuse.analyze.align import align
from newsfuse.analyze.discrepancies import find_discrepancies
from newsfuse.analyze.entities import extract_entities
from newsfuse.analyze.exclusives import find_exclusives
from newsfuse.analyze.names import Registry
from newsfuse.analyze.quotes import extract_quotes
from newsfuse.analyze.timeline import extract_timeline
from newsfuse.memo import one_brief
from newsfuse.model import (
    Article,
    Discrepancy,
    Entity,
    Exclusive,
    Quote,
    Sentence,
    TimelineEntry,
)
from newsfuse.segment import segment

__all__ = ["Analysis", "analyze"]


@dataclass(frozen=True, slots=True)
class Analysis:
    quotes: tuple[Quote, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    entities: tuple[Entity, ...] = ()


def analyze(
    articles: Sequence[Article],
    sources: Mapping[str, str] | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
) -> Analysis:
    """Every analysis section for cleaned articles of one story, as the pipeline's
    components make them (the same claim alignment, one memo of texts per call).

    `sources` maps article id to its independent source (copies of one wire story share
    one); articles missing from it are sources of their own. `sentences` may hold each
    article's `segment`, shared with the other stages."""
    if not articles:
        return Analysis()
    with one_brief():
        registry = Registry.build(articles)
        if sentences is None:
            sentences = {a.id: segment(a) for a in articles}
        group = {a.id: (sources or {}).get(a.id, a.id) for a in articles}
        alignment = align({a.id: list(sentences[a.id]) for a in articles}, group)
        return Analysis(
            quotes=tuple(extract_quotes(articles, registry)),
            discrepancies=tuple(
                find_discrepancies(articles, sources, registry, sentences, alignment=alignment)
            ),
            timeline=tuple(extract_timeline(articles, sentences, registry=registry)),
            exclusives=tuple(find_exclusives(articles, sources, sentences, alignment=alignment)),
            entities=tuple(extract_entities(articles, registry)),
        )
