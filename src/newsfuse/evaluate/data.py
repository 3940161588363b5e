"""Summarization datasets: one cluster of articles and its human summaries per JSON line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsfuse.model import Article


@dataclass(frozen=True, slots=True)
class Cluster:
    """The articles of one event and the reference summaries written for them."""

    id: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


def _date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def read_clusters(path: str | Path, limit: int | None = None) -> Iterator[Cluster]:
    """Clusters of `path` in file order: `{"cluster_id", "documents": [{"id", "title",
    "published", "text"}], "references": [str]}` per line (see ../shared/data/README.md)."""
    with Path(path).open(encoding="utf-8") as lines:
        count = 0
        for number, line in enumerate(lines, 1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            record = json.loads(line)
            articles = tuple(
                Article(
                    id=str(doc.get("id") or f"{number}:{i}"),
                    text=str(doc["text"]),
                    title=doc.get("title") or None,
                    published=_date(doc.get("published")),
                )
                for i, doc in enumerate(record.get("documents") or [])
            )
            yield Cluster(
                str(record.get("cluster_id", number)),
                articles,
                tuple(str(r) for r in record.get("references") or []),
            )
            count += 1
