"""The batch story path on Ray, for collections that outgrow one machine.

    >>> import ray
    >>> ray.init()                       # local; or ray.init(address="ray://head:10001"),
    >>> from newsfuse.cluster.ray_batch import assign_ray, read_ray   # or set RAY_ADDRESS
    >>> articles = read_ray(paths)       # ingest as Ray Data map_batches over files
    >>> labels = assign_ray(articles)    # same labels as newsfuse.cluster.assign

The same model as `newsfuse.cluster.assign`, split where it parallelises:
- ingest (files to Articles, every format `newsfuse.read` knows) and vectorising (the
  per-article `extract`) are Ray Data `map_batches` stages: pure functions of one input;
- the driver weighs the vectors under collection IDF; each article's nearest neighbours
  are found in Ray tasks over chunks of rows (a row depends only on its own article);
- the driver merges articles by the neighbours they share (`newsfuse.cluster.refine`).
Without refinement, the streaming model runs over time blocks of
`ClusterConfig.block_size` articles, one Ray task per block, each led in by the window's
worth of articles before it; the driver joins the blocks' stories at the borders through
those lead-in articles (`newsfuse.cluster.join_blocks`).
Each stage is the in-process code itself, so the stories are the same as in one process.
The briefs of the stories (cleaning, copies, analysis and summary of each story) are a
last `map_batches` stage (`briefs_ray`, or `Pipeline.pipe(..., backend="ray")`): the same
briefs as `Pipeline.brief` of the pipeline given.

Requires the `ray` extra (`pip install "newsfuse[ray]"`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import ray
from scipy import sparse

from newsfuse.cluster import join_blocks, stream_block, time_blocks
from newsfuse.cluster.features import Features, features_of
from newsfuse.cluster.refine import days_of, neighbours
from newsfuse.cluster.refine import refine as _refine
from newsfuse.config import ClusterConfig
from newsfuse.ingest import InputError, kind_of, read
from newsfuse.model import Article, Brief

Batch = dict[str, Any]


def _read_batch(batch: Batch) -> Batch:
    # Errors go with the rows, so the driver reports them as `newsfuse.read` would.
    articles: list[Article] = []
    errors: list[str] = []
    for path in batch["path"]:
        found: list[InputError] = []
        articles.extend(read([str(path)], on_error=found.append))
        errors.extend(str(e) for e in found)
    return {"article": articles + [None] * len(errors), "error": [None] * len(articles) + errors}


def read_ray(
    paths: Iterable[str | Path], errors: list[str] | None = None, batch_size: int = 16
) -> list[Article]:
    """Articles from files (folders expanded on the driver), read as Ray Data map_batches.

    Article ids stay those of `newsfuse.read`; duplicates across files are not checked.
    """
    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # As `newsfuse.read` expands folders: the files of a known format.
            files.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and kind_of(p))
        else:
            files.append(str(path))  # missing files are reported by the reading stage
    if not files:
        return []
    rows = (
        ray.data.from_items([{"path": f} for f in files])
        .map_batches(_read_batch, batch_size=batch_size, batch_format="default")
        .take_all()
    )
    if errors is not None:
        errors.extend(r["error"] for r in rows if r["error"] is not None)
    return [r["article"] for r in rows if r["article"] is not None]


class _Vectorise:
    def __init__(self, config: ClusterConfig) -> None:
        self.config = config

    def __call__(self, batch: Batch) -> Batch:
        return {
            "position": list(batch["position"]),
            "features": features_of(list(batch["article"]), self.config),
        }


@ray.remote
def _stream_block_task(
    articles: Sequence[Article], features: Sequence[Features], config: ClusterConfig
) -> list[int]:
    return stream_block(articles, features, config)


@ray.remote
def _neighbours_task(
    matrix: sparse.csr_matrix, start: int, stop: int, config: ClusterConfig
) -> sparse.csr_matrix:
    return neighbours(matrix, start, stop, config)


def _on_ray(
    matrix: sparse.csr_matrix, spans: list[tuple[int, int]], config: ClusterConfig
) -> list[sparse.csr_matrix]:
    # The matrix goes to the object store once, not once per task.
    matrix_ref, config_ref = ray.put(matrix), ray.put(config)
    return list(ray.get([_neighbours_task.remote(matrix_ref, s, e, config_ref) for s, e in spans]))


def _brief_batch(batch: Batch, brief: Callable[[list[Article]], Brief]) -> Batch:
    # Tasks, not one actor: stories are briefed in parallel.
    return {
        "position": list(batch["position"]),
        "brief": [brief(list(group)) for group in batch["articles"]],
    }


def briefs_ray(
    groups: Sequence[Sequence[Article]], brief: Callable[[list[Article]], Brief]
) -> list[Brief]:
    """`brief` of each group of articles (a story's), in order, run as a Ray Data
    `map_batches` stage where Ray places it. `brief` is usually a pipeline's bound
    `Pipeline.brief` (`Pipeline.pipe(..., backend="ray")`): a pipeline travels as its config
    and is rebuilt in the worker, so this module needs no pipeline of its own."""
    if not groups:
        return []
    rows = (
        ray.data.from_items([{"position": i, "articles": list(g)} for i, g in enumerate(groups)])
        .map_batches(partial(_brief_batch, brief=brief), batch_size=1,
                     batch_format="default")
        .take_all()
    )  # fmt: skip
    ordered = sorted(rows, key=lambda row: int(row["position"]))
    return [row["brief"] for row in ordered]


def assign_ray(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    refine: bool = True,
    batch_size: int = 256,
) -> list[int]:
    """A story number per article, as `newsfuse.cluster.assign` gives, computed on Ray
    (initialised by the caller, or locally on first use)."""
    config = config or ClusterConfig()
    if not articles:
        return []
    rows = (
        ray.data.from_items([{"position": i, "article": a} for i, a in enumerate(articles)])
        .map_batches(_Vectorise, fn_constructor_args=(config,), batch_size=batch_size,
                     batch_format="default", concurrency=1)
        .take_all()
    )  # fmt: skip
    features: list[Features] = [Features({}, frozenset(), frozenset())] * len(articles)
    for row in rows:
        features[int(row["position"])] = row["features"]
    if refine:
        return _refine(features, config, days=days_of(articles), rows_of=_on_ray)
    config_ref = ray.put(config)
    blocks = time_blocks(articles, config)
    numbers = ray.get(
        [
            _stream_block_task.remote(
                [articles[i] for i in block.streamed],
                [features[i] for i in block.streamed],
                config_ref,
            )
            for block in blocks
        ]
    )
    return join_blocks(len(articles), blocks, numbers)
