"""The package's own components, registered under "default" (see `newsfuse.registry`).

A story component takes the `Work` of one brief and fills its part of it; it must not keep
state between briefs (one pipeline briefs stories in several threads at once). Its factory
takes the root config and is called once, when the pipeline is made.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.analyze import (
    Registry,
    extract_entities,
    extract_quotes,
    extract_timeline,
    find_discrepancies,
    find_exclusives,
)
from newsfuse.analyze.align import Alignment, align
from newsfuse.analyze.angles import outlet_angles
from newsfuse.analyze.citations import cite
from newsfuse.analyze.discrepancies import Quantity, quantity_groups
from newsfuse.analyze.figures import key_figures as figures_of
from newsfuse.analyze.latest import find_latest
from newsfuse.analyze.one_value import one_value_each
from newsfuse.analyze.updates import published_time
from newsfuse.clean import DEFAULT_RULES, clean
from newsfuse.cluster import cluster
from newsfuse.cluster.features import FeatureCache
from newsfuse.config import NewsfuseConfig, SummaryConfig
from newsfuse.dedupe import find_copies, source_map
from newsfuse.errors import ConfigError, NewsfuseError
from newsfuse.ingest import read
from newsfuse.model import (
    Article,
    Brief,
    CopyGroup,
    Discrepancy,
    Entity,
    Exclusive,
    KeyFigure,
    Latest,
    OutletAngle,
    Quote,
    Sentence,
    Story,
    SummaryItem,
    TimelineEntry,
)
from newsfuse.outlets import read_ratings
from newsfuse.registry import get, register
from newsfuse.segment import segment
from newsfuse.segment.budget import opening_articles, opening_sentences
from newsfuse.summarize import Similarity, TfidfContainment, summarize

__all__ = ["Component", "Work"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Work:
    """One story's brief in progress: its articles (cleaned once `clean` ran) and what each
    component found. Made for one brief and dropped after it."""

    articles: tuple[Article, ...]
    copies: tuple[CopyGroup, ...] = ()
    # Article id -> its independent source (copies of one wire story share one).
    sources: dict[str, str] = field(default_factory=dict)
    # Each article's sentences, aligned with `articles`.
    segmented: list[list[Sentence]] = field(default_factory=list)
    # Which sentences of different articles state the same fact (`newsfuse.analyze.align`):
    # the summary's citations and the analysis sections read it.
    alignment: Alignment = field(default_factory=Alignment)
    summary: tuple[SummaryItem, ...] = ()
    quotes: tuple[Quote, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    entities: tuple[Entity, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    latest: Latest | None = None
    outlets: tuple[OutletAngle, ...] = ()
    _names: Registry | None = None
    _quantities: list[list[list[Quantity]]] | None = None

    @property
    def sentences(self) -> dict[str, list[Sentence]]:
        """Article id -> its sentences."""
        return {a.id: s for a, s in zip(self.articles, self.segmented, strict=True)}

    def names(self) -> Registry:
        """The names in the articles, found once for every section that reads them."""
        if self._names is None:
            self._names = Registry.build(self.articles)
        return self._names

    def quantities(self) -> list[list[list[Quantity]]]:
        """The story's quantities by thing and value, grouped once for the discrepancies
        and the key figures."""
        if self._quantities is None:
            self._quantities = quantity_groups(
                self.articles, self.groups(), self.names(), self.sentences, alignment=self.alignment
            )
        return self._quantities

    def to_brief(self, title: str | None, config: dict[str, object]) -> Brief:
        """The Brief of what the components found (every field the two share)."""
        found = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(Brief)
            if hasattr(self, f.name)
        }
        return Brief(**found, title=title, config=config)

    def groups(self) -> dict[str, str]:
        """Article id -> its independent source, for every article."""
        return {a.id: self.sources.get(a.id, a.id) for a in self.articles}


Component = Callable[[Work], None]


@register("ingest", "default")
def _ingest(config: NewsfuseConfig) -> Callable[..., list[Article]]:
    def ingest(paths: Iterable[str | Path], **options: Any) -> list[Article]:
        return read(paths, **options)

    return ingest


# The web store re-clusters its window on every ingest: its articles are read once. One
# cache for every pipeline of the process (keys hold the feature settings), so its memory
# (about 10 KB an article) is bounded once, not per pipeline.
_FEATURES = FeatureCache()


@register("cluster", "default")
def _batch_cluster(config: NewsfuseConfig) -> Callable[[Sequence[Article]], list[Story]]:
    def batch(articles: Sequence[Article]) -> list[Story]:
        return cluster(articles, config.cluster, cache=_FEATURES)

    return batch


@register("cluster", "stream")
def _stream_cluster(config: NewsfuseConfig) -> Callable[[Sequence[Article]], list[Story]]:
    def stream(articles: Sequence[Article]) -> list[Story]:
        return cluster(articles, config.cluster, refine=False, cache=_FEATURES)

    return stream


@register("clean", "default")
def _clean(config: NewsfuseConfig) -> Component:
    skip = set(config.clean.skip_rules)
    unknown = skip - {rule.name for rule in DEFAULT_RULES}
    if unknown:
        raise ConfigError(f"clean.skip_rules: no cleaning rule {', '.join(sorted(unknown))}")
    rules = tuple(rule for rule in DEFAULT_RULES if rule.name not in skip)

    budget = config.budget

    def clean_articles(work: Work) -> None:
        read = opening_articles(work.articles, budget.article_chars, budget.story_chars)
        cut = [a.id for a, b in zip(work.articles, read, strict=True) if a is not b]
        if cut:
            log.warning(
                "%s%s: the brief reads the opening %d characters (budget.article_chars, "
                "budget.story_chars)",
                ", ".join(cut[:3]),
                f" and {len(cut) - 3} more" if len(cut) > 3 else "",
                max(len(a.text) for a in read),
            )
        work.articles = tuple(clean(a, rules) for a in read)

    return clean_articles


@register("dedupe", "default")
def _dedupe(config: NewsfuseConfig) -> Component:
    def dedupe(work: Work) -> None:
        # Copies of one wire story corroborate a fact once, not once per outlet.
        work.copies = tuple(find_copies(work.articles, config=config.copies))
        work.sources = source_map(work.copies)

    return dedupe


@register("segment", "default")
def _segment(config: NewsfuseConfig) -> Component:
    limit = config.budget.story_sentences

    def segment_articles(work: Work) -> None:
        segmented = [segment(a) for a in work.articles]
        articles, work.segmented = opening_sentences(work.articles, segmented, limit)
        work.articles = tuple(articles)
        read = sum(map(len, work.segmented))
        if read < sum(map(len, segmented)):
            log.warning(
                "this story has more than %d distinct sentences: the brief reads %d of its "
                "%d, the first of every article (budget.story_sentences)",
                limit,
                read,
                sum(map(len, segmented)),
            )

    return segment_articles


@register("align", "default")
def _align(config: NewsfuseConfig) -> Component:
    def align_claims(work: Work) -> None:
        work.alignment = align(work.sentences, work.sources)

    return align_claims


@register("align", "embeddings")
def _align_embedded(config: NewsfuseConfig) -> Component:
    """The alignment with MiniLM sentence embeddings (the `embeddings` extra): the summary's
    citations read them as a paraphrase similarity (`Alignment.support`)."""
    from newsfuse.cluster.embed import encode  # torch: only when asked for

    def align_claims(work: Work) -> None:
        work.alignment = align(work.sentences, work.sources, encode=encode)

    return align_claims


@register("similarity", "default")
def _similarity(config: NewsfuseConfig) -> Similarity:
    return TfidfContainment()


@register("summarize", "default")
def _summarize(config: NewsfuseConfig) -> Component:
    # `summarize` fits a copy of it to each story, so one instance serves every thread.
    similarity = get("similarity", config.components.similarity)(config)
    return summarize_with(config.summary, similarity)


def summarize_with(settings: SummaryConfig, similarity: Similarity) -> Component:
    """The summary component over `similarity`, citing every article the alignment says
    states each summary fact."""

    def summarize_story(work: Work) -> None:
        summary = summarize(work.articles, settings, similarity, work.sources, work.segmented)
        restated = (settings.cite_restated_share, settings.cite_restated_words)
        cited = cite(
            summary,
            work.alignment,
            min_share=settings.cite_min_share,
            restated=restated,
            main_share=settings.cite_main_share,
            support=settings.cite_support,
            copy_support=settings.cite_copy_support,
            pair_saying=settings.cite_pair_saying,
            paraphrase=settings.cite_paraphrase,
        )
        times = {a.id: published_time(a) for a in work.articles}
        work.summary = tuple(one_value_each(cited, work.quantities(), work.groups(), times))

    return summarize_story


@register("quotes", "default")
def _quotes(config: NewsfuseConfig) -> Component:
    def quotes(work: Work) -> None:
        work.quotes = tuple(extract_quotes(work.articles, work.names(), sources=work.sources))

    return quotes


@register("discrepancies", "default")
def _discrepancies(config: NewsfuseConfig) -> Component:
    def discrepancies(work: Work) -> None:
        found = find_discrepancies(
            work.articles,
            work.sources,
            work.names(),
            work.sentences,
            alignment=work.alignment,
            groups=work.quantities(),
        )
        work.discrepancies = tuple(found)

    return discrepancies


@register("timeline", "default")
def _timeline(config: NewsfuseConfig) -> Component:
    def timeline(work: Work) -> None:
        found = extract_timeline(work.articles, work.sentences, registry=work.names())
        work.timeline = tuple(found)

    return timeline


@register("exclusives", "default")
def _exclusives(config: NewsfuseConfig) -> Component:
    def exclusives(work: Work) -> None:
        # Content words are taken once per distinct text within a brief (`one_brief`).
        # A detail the summary or the quotes section shows already is no separate item.
        found = find_exclusives(
            work.articles,
            work.sources,
            work.sentences,
            alignment=work.alignment,
            shown=[item.text for item in work.summary],
            quoted=[quote.text for quote in work.quotes],
        )
        work.exclusives = tuple(found)

    return exclusives


@register("entities", "default")
def _entities(config: NewsfuseConfig) -> Component:
    def entities(work: Work) -> None:
        work.entities = tuple(extract_entities(work.articles, work.names()))

    return entities


@register("key_figures", "default")
def _key_figures(config: NewsfuseConfig) -> Component:
    def key_figures(work: Work) -> None:
        found = figures_of(work.quantities(), work.groups())
        work.key_figures = tuple(found)

    return key_figures


@register("latest", "default")
def _latest(config: NewsfuseConfig) -> Component:
    def latest(work: Work) -> None:
        found = find_latest(work.timeline, work.articles, work.sentences)
        status = found.status if found else None
        # A status the summary prints too cites what its summary line cites: one sentence
        # shown twice with two lists of sources reads as a contradiction.
        line = next((i for i in work.summary if status and i.text == status.text), None)
        if found and status and line:
            status = dataclasses.replace(status, citations=line.citations)
            found = dataclasses.replace(found, status=status)
        work.latest = found

    return latest


@register("outlets", "default")
def _outlets(config: NewsfuseConfig) -> Component:
    path = config.outlets.ratings
    try:
        ratings = read_ratings(path) if path else {}
    except NewsfuseError as exc:
        raise ConfigError(f"outlets.ratings: {exc}") from exc

    def outlets(work: Work) -> None:
        found = outlet_angles(
            work.articles, work.sentences, work.exclusives, ratings, sources=work.sources
        )
        work.outlets = tuple(found)

    return outlets
