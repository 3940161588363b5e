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


def _article(doc: dict[str, object], fallback: str) -> Article:
    return Article(
        id=str(doc.get("id") or fallback),
        text=str(doc["text"]),
        title=str(doc.get("title") or "") or None,
        published=_date(doc.get("published") or doc.get("date")),
    )


def read_clusters(path: str | Path, limit: int | None = None) -> Iterator[Cluster]:
    """Clusters of `path` in file order: `{"cluster_id", "documents": [{"id", "title",
    "published", "text"}], "references": [str]}` per line (see ../shared/data/README.md).

    A file of one article per line (`{"cluster_id", "id", "title", "date", "text"}`, as the
    Giveme5W1H news clusters are stored) is grouped by `cluster_id`, in order of first
    appearance, with no references."""
    grouped: dict[str, list[Article]] = {}
    with Path(path).open(encoding="utf-8") as lines:
        count = 0
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if "documents" not in record and "text" in record:
                key = str(record.get("cluster_id", ""))
                grouped.setdefault(key, []).append(_article(record, f"{number}:0"))
                continue
            if limit is not None and count >= limit:
                return
            articles = tuple(
                _article(doc, f"{number}:{i}")
                for i, doc in enumerate(record.get("documents") or [])
            )
            yield Cluster(
                str(record.get("cluster_id", number)),
                articles,
                tuple(str(r) for r in record.get("references") or []),
            )
            count += 1
    for key, members in list(grouped.items())[:limit]:
        yield Cluster(key, tuple(members), ())
