"""The Ray batch path gives the stories of the in-process path (local Ray, 2 CPUs)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from conftest import EXAMPLE, SEEDS, SHARED, require

import newsfuse
from newsfuse.cluster import ClusterConfig, assign, cluster
from newsfuse.pipeline import brief
from newsfuse.render import to_json

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

from newsfuse.cluster.ray_batch import assign_ray, briefs_ray, read_ray  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def _partition(labels: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_ray_path_gives_the_in_process_stories(local_ray: None) -> None:
    path = require(SHARED / "clusters" / "giveme5w1h_news_cluster.jsonl")
    errors: list[str] = []
    articles = read_ray([path], errors)
    assert not errors
    local = newsfuse.read([path])
    assert [a.id for a in articles] == [a.id for a in local]
    articles = articles[:240]
    # Neighbour rows as Ray tasks, merged on the driver.
    config = replace(ClusterConfig(), block_size=80)
    in_process = assign(articles, config)
    on_ray = assign_ray(articles, config, batch_size=64)
    assert _partition(on_ray) == _partition(in_process)
    assert len(set(in_process)) > 20
    # Without refinement: blocks of 80 articles streamed as parallel tasks, joined at
    # their borders.
    assert _partition(assign_ray(articles, config, refine=False)) == _partition(
        assign(articles, config, refine=False)
    )


def test_ray_reads_folders_like_newsfuse_read(local_ray: None) -> None:
    seeds = require(SEEDS)
    assert sorted(a.id for a in read_ray([seeds])) == sorted(a.id for a in newsfuse.read(seeds))


def test_ray_writes_the_in_process_briefs(local_ray: None) -> None:
    articles = newsfuse.read([EXAMPLE, require(SEEDS)])
    by_id = {a.id: a for a in articles}
    groups = [[by_id[i] for i in story.article_ids] for story in cluster(articles)]
    assert len(groups) == 2
    on_ray = briefs_ray(groups, newsfuse.Pipeline({"summary": {"words": 80}}).brief)
    assert [to_json(b) for b in on_ray] == [to_json(brief(g, words=80)) for g in groups]
