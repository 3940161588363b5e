"""The pipeline: articles in, a cited Brief out."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsfuse.analyze import analyze
from newsfuse.clean import clean
from newsfuse.config import SummaryConfig
from newsfuse.dedupe import find_copies, source_map
from newsfuse.ingest import read as _read
from newsfuse.memo import one_brief
from newsfuse.model import Article, Brief
from newsfuse.segment import segment
from newsfuse.summarize import Similarity, summarize
from newsfuse.summarize.similarity import content_tokens


def read(paths: str | Path | Iterable[str | Path]) -> list[Article]:
    """Articles from files and folders (.txt, .html/.htm, .jsonl); bad inputs are reported
    on stderr and skipped."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return _read(paths)


def _title(articles: Sequence[Article], summary_text: str) -> str | None:
    """The most typical headline: the one sharing most words with the summary and with the
    other headlines, so that a single outlet's angle does not name the story."""
    titles = [a.title for a in articles if a.title]
    if not titles:
        return None
    words = [set(content_tokens(t)) or {t.lower()} for t in titles]
    summary_words = set(content_tokens(summary_text))

    def typicality(i: int) -> float:
        others = sum(len(words[i] & w) / len(words[i] | w) for j, w in enumerate(words) if j != i)
        return len(words[i] & summary_words) / len(words[i]) + others / max(len(titles) - 1, 1)

    return titles[max(range(len(titles)), key=typicality)]


def brief(
    articles: Sequence[Article],
    words: int = 120,
    config: SummaryConfig | None = None,
    similarity: Similarity | None = None,
) -> Brief:
    """Clean the articles and write a cited summary of at most `words` words."""
    # Every stage tokenises the same sentences: within this brief, each text once.
    with one_brief():
        return _brief(articles, words, config, similarity)


def _brief(
    articles: Sequence[Article],
    words: int,
    config: SummaryConfig | None,
    similarity: Similarity | None,
) -> Brief:
    config = dataclasses.replace(config or SummaryConfig(), words=words)
    cleaned = tuple(clean(a) for a in articles)
    # Copies of one wire story corroborate a fact once, not once per outlet.
    copies = tuple(find_copies(cleaned))
    sources = source_map(copies)
    # Segmented once for the summary and the analysis.
    segmented = [segment(a) for a in cleaned]
    summary = tuple(summarize(cleaned, config, similarity, sources, segmented))
    analysis = analyze(cleaned, sources, {a.id: s for a, s in zip(cleaned, segmented, strict=True)})
    return Brief(
        articles=cleaned,
        summary=summary,
        title=_title(cleaned, " ".join(item.text for item in summary)),
        copies=copies,
        quotes=analysis.quotes,
        discrepancies=analysis.discrepancies,
        timeline=analysis.timeline,
        exclusives=analysis.exclusives,
        entities=analysis.entities,
    )
