"""Briefs stay byte-identical across refactors.

The briefs of the seeds, the shipped example and 15 shared clusters (5 DUC 2003, 5 MultiLing
2011, the 5 largest Giveme5W1H events) are compared with fingerprints taken before a change.
Only sha256 digests are stored: the shared articles' text may not be copied into the repo.
A change that means to alter briefs regenerates them with `NEWSFUSE_REGEN_GOLDEN=1 pytest
tests/test_golden.py` and says so in its commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLE, SEEDS, SHARED

import newsfuse
from newsfuse.model import Article

GOLDEN = Path(__file__).parent / "data" / "golden_briefs.json"
# Keys that record how a brief was made rather than what it says.
VOLATILE = ("config", "version", "newsfuse_version", "schema_version")


def _summary_clusters(path: Path, limit: int) -> Iterator[tuple[str, list[Article]]]:
    from newsfuse.evaluate.data import read_clusters

    for cluster in read_clusters(path, limit=limit):
        yield cluster.id, list(cluster.articles)


def _giveme_events(limit: int) -> Iterator[tuple[str, list[Article]]]:
    path = SHARED / "clusters" / "giveme5w1h_news_cluster.jsonl"
    with path.open(encoding="utf-8") as lines:
        event = {str(r["id"]): str(r["cluster_id"]) for r in map(json.loads, lines)}
    by_event: dict[str, list[Article]] = defaultdict(list)
    for article in newsfuse.read(path):
        by_event[event[article.id]].append(article)
    largest = sorted(by_event.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    yield from largest


def cases() -> Iterator[tuple[str, list[Article]]]:
    yield "seeds", newsfuse.read(SEEDS)
    yield "example", newsfuse.read(EXAMPLE)
    yield from (
        (f"duc/{k}", a) for k, a in _summary_clusters(SHARED / "duc2003" / "task2.jsonl", 5)
    )
    yield from (
        (f"multiling/{k}", a)
        for k, a in _summary_clusters(SHARED / "multiling2011" / "english.jsonl", 5)
    )
    yield from ((f"giveme/{k}", a) for k, a in _giveme_events(5))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprints() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name, articles in cases():
        brief = newsfuse.brief(articles)
        document = json.loads(newsfuse.to_json(brief))
        for key in VOLATILE:
            document.pop(key, None)
        out[name] = {
            "json": _digest(json.dumps(document, sort_keys=True, ensure_ascii=False)),
            "markdown": _digest(newsfuse.to_markdown(brief)),
        }
    return out


def test_briefs_are_unchanged() -> None:
    assert SHARED.exists(), f"{SHARED} is missing: CI has ../shared beside the checkout"
    got = fingerprints()
    if os.environ.get("NEWSFUSE_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("golden fingerprints regenerated")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(want) == 17
    changed = sorted(k for k in want if got.get(k) != want[k])
    assert not changed, f"briefs changed: {changed}"


def test_duc_rouge_is_unchanged() -> None:
    """DUC 2003 ROUGE of the default summary, all 30 clusters at 100 words (the shared figure
    every summary change reports against)."""
    from newsfuse.evaluate import evaluate
    from newsfuse.evaluate.data import read_clusters

    path = SHARED / "duc2003" / "task2.jsonl"
    assert path.exists(), f"{path} is missing: CI has ../shared beside the checkout"
    (result,) = evaluate(list(read_clusters(path)), words=100, systems=["newsfuse"])
    assert (round(result.mean("rouge1_r") * 100, 2), round(result.mean("rouge2_r") * 100, 2)) == (
        39.07,
        10.90,
    )
