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
from newsfuse.model import Article, Brief
from newsfuse.summarize import Similarity, summarize


def read(paths: str | Path | Iterable[str | Path]) -> list[Article]:
    """Articles from files and folders (.txt, .html/.htm, .jsonl); bad inputs are reported
    on stderr and skipped."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return _read(paths)


def _title(articles: Sequence[Article], brief_text: str) -> str | None:
    """The headline that shares the most words with the summary: the story's own title."""
    summary_words = set(brief_text.lower().split())
    titled = [a.title for a in articles if a.title]
    if not titled:
        return None
    return max(titled, key=lambda t: len(set(t.lower().split()) & summary_words) / len(t.split()))


def brief(
    articles: Sequence[Article],
    words: int = 120,
    config: SummaryConfig | None = None,
    similarity: Similarity | None = None,
) -> Brief:
    """Clean the articles and write a cited summary of at most `words` words."""
    config = dataclasses.replace(config or SummaryConfig(), words=words)
    cleaned = tuple(clean(a) for a in articles)
    # Copies of one wire story corroborate a fact once, not once per outlet.
    copies = tuple(find_copies(cleaned))
    sources = source_map(copies)
    summary = tuple(summarize(cleaned, config, similarity, sources=sources))
    analysis = analyze(cleaned, sources)
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
