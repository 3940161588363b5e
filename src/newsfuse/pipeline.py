"""The pipeline: articles in, a cited Brief out.

    >>> import newsfuse
    >>> pipeline = newsfuse.Pipeline()                       # or Pipeline.from_toml(path)
    >>> pipeline.component_names
    ('ingest', 'cluster', 'clean', 'dedupe', 'segment', 'align', 'summarize', ...)
    >>> articles = pipeline.read(["reports/"])
    >>> brief = pipeline.brief(articles)                     # one story
    >>> stories = pipeline.stories(articles)                 # a mixed pile: its stories
    >>> briefs = pipeline.pipe(groups, n_process=4)          # many stories, in order

One validated `NewsfuseConfig` holds every setting; each component is looked up by the name
the config gives it (`newsfuse.registry`), so one is swapped without editing the package.
Every brief records the config and the package version that made it (`Brief.config`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from functools import cache
from pathlib import Path
from typing import Any, Literal

from newsfuse import components, registry
from newsfuse.analyze.headline import supported_title
from newsfuse.cluster.select import main_story
from newsfuse.config import STORY_COMPONENTS, NewsfuseConfig, SummaryConfig
from newsfuse.memo import one_brief
from newsfuse.model import Article, Brief, Story
from newsfuse.summarize import Similarity
from newsfuse.version import __version__

__all__ = ["Pipeline", "brief", "read"]

log = logging.getLogger(__name__)

# In running order: ingest and cluster work on piles; the rest on one story's articles.
_PILE = ("ingest", "cluster")
# Articles a pile's brief leaves out that its log line names, the rest counted.
_NAMED_LEFT_OUT = 5


class Pipeline:
    """Named components in order over one validated config (see the module's doc).

    `config` is a `NewsfuseConfig` or nested tables of settings (as in the TOML file);
    `disable` names components to skip (added to `config.disable`). A pipeline keeps no
    state between briefs: threads may share one.
    """

    def __init__(
        self,
        config: NewsfuseConfig | Mapping[str, Any] | None = None,
        *,
        disable: Iterable[str] = (),
    ) -> None:
        if config is None:
            config = NewsfuseConfig()
        elif not isinstance(config, NewsfuseConfig):
            config = NewsfuseConfig.from_dict(config)
        extra = [name for name in disable if name not in config.disable]
        if extra:
            config = dataclasses.replace(config, disable=(*config.disable, *extra))
        self.config = config
        chosen = config.components
        self._components: dict[str, Callable[..., Any]] = {
            name: registry.get(name, getattr(chosen, name))(config)
            for name in _PILE + STORY_COMPONENTS
        }
        # Looked up now so that a misspelt name fails here, not at the first brief.
        registry.get("similarity", chosen.similarity)

    @classmethod
    def from_toml(cls, path: str | Path) -> Pipeline:
        return cls(NewsfuseConfig.load(path))

    @property
    def component_names(self) -> tuple[str, ...]:
        """Every component, in running order (disabled ones too)."""
        return _PILE + STORY_COMPONENTS

    @property
    def disabled(self) -> tuple[str, ...]:
        return self.config.disable

    def with_config(self, overrides: Mapping[str, Any]) -> Pipeline:
        """A pipeline whose config has `overrides` (nested tables) replaced."""
        return Pipeline(self.config.override(overrides))

    def __reduce__(self) -> tuple[type[Pipeline], tuple[NewsfuseConfig]]:
        # Pickled as its config: a process rebuilds the components from its registry.
        return Pipeline, (self.config,)

    def __repr__(self) -> str:
        return f"Pipeline(disable={list(self.disabled)})"

    # -- piles ---------------------------------------------------------------------------

    def read(self, paths: str | Path | Iterable[str | Path], **options: Any) -> list[Article]:
        """Articles from files and folders; `options` go to the ingest component (for the
        default, `newsfuse.ingest.read`: on_error, notice, progress)."""
        if isinstance(paths, str | Path):
            paths = [paths]
        articles: list[Article] = self._components["ingest"](paths, **options)
        return articles

    def stories(self, articles: Sequence[Article]) -> list[Story]:
        """The stories in a pile of articles, largest first."""
        stories: list[Story] = self._components["cluster"](articles)
        return stories

    def largest_story(self, articles: Sequence[Article]) -> list[Article]:
        """The articles of the largest story, with the stories close to it
        (`newsfuse.cluster.select.main_story`), when the pile tells several; else all.

        Only stories of two or more articles count: a lone off-topic report in a small
        pile is not worth dropping the rest of the brief's context for."""
        stories = self.stories(articles)
        if sum(1 for s in stories if s.size > 1) < 2:
            return list(articles)
        kept = main_story(articles, stories)
        if len(kept) < len(articles):
            # Name what is left out: a report of the same event that the clustering set
            # apart is a source the reader may want back (`--all`).
            ids = {a.id for a in kept}
            left = [a for a in articles if a.id not in ids]
            log.info(
                "these %d articles tell %d stories; briefing the largest with those close to "
                "it (%d articles); left out as other stories: %s%s.",
                len(articles),
                len(stories),
                len(kept),
                "; ".join(_named(a) for a in left[:_NAMED_LEFT_OUT]),
                f" and {len(left) - _NAMED_LEFT_OUT} more" if len(left) > _NAMED_LEFT_OUT else "",
            )
        return kept

    # -- stories -------------------------------------------------------------------------

    def brief(self, articles: Sequence[Article], *, largest_story: bool = False) -> Brief:
        """A cited brief of one story's articles (with `largest_story`, of the largest story
        in them when they tell several)."""
        if largest_story:
            articles = self.largest_story(articles)
        recorded = {"version": _version(), **self.config.to_dict()}
        if not articles:
            return Brief(articles=(), summary=(), config=recorded)
        work = components.Work(articles=tuple(articles))
        # Every stage tokenises the same sentences: within this brief, each text once.
        with one_brief():
            for name in STORY_COMPONENTS:
                if name not in self.config.disable:
                    self._components[name](work)
        title = supported_title(work.articles, work.summary, work.discrepancies)
        return work.to_brief(title, recorded)

    def pipe(
        self,
        stories: Iterable[Sequence[Article]],
        n_process: int = 1,
        backend: Literal["process", "ray"] = "process",
    ) -> Iterator[Brief]:
        """A brief per story (a group of articles), in order.

        "process": in `n_process` processes, read as consumed (a handful of stories is
        briefed here: starting processes costs more). "ray": as Ray Data tasks
        (`newsfuse.cluster.ray_batch.briefs_ray`; Ray initialised by the caller or locally).
        """
        if backend == "ray":
            from newsfuse.cluster.ray_batch import briefs_ray

            yield from briefs_ray(list(stories), self.brief)
            return
        if backend != "process":
            raise ValueError(f"backend must be 'process' or 'ray', not {backend!r}")
        few = isinstance(stories, Sized) and len(stories) < 4 * n_process
        if n_process <= 1 or few:
            yield from map(self.brief, stories)
            return
        from newsfuse.parallel import map_ahead

        for _, result in map_ahead(self.brief, stories, n_process):
            yield result


def _named(article: Article) -> str:
    """An article as a log line names it: its id and the start of its title."""
    title = " ".join((article.title or "").split())
    return f"{article.id} ({title[:60]})" if title else article.id


def _version() -> str:
    return __version__


def read(paths: str | Path | Iterable[str | Path]) -> list[Article]:
    """Articles from files and folders (.txt, .html/.htm, .jsonl); bad inputs are reported
    and skipped."""
    return _default().read(paths)


def brief(
    articles: Sequence[Article],
    words: int | None = None,
    config: NewsfuseConfig | SummaryConfig | None = None,
    similarity: Similarity | None = None,
) -> Brief:
    """The one-line shortcut: a cited brief of the articles with the default pipeline.

    `words` (when given) replaces the summary budget of `config`, which may be the root
    config or just its summary settings. `similarity` replaces the default sentence
    similarity; it is copied before fitting, so the caller's stays as it was."""
    if isinstance(config, SummaryConfig):
        config = dataclasses.replace(NewsfuseConfig(), summary=config)
    pipeline = _default() if config is None else Pipeline(config)
    if words is not None:
        pipeline = pipeline.with_config({"summary": {"words": words}})
    if similarity is None:
        return pipeline.brief(articles)
    return _with_similarity(pipeline, similarity).brief(articles)


def _with_similarity(pipeline: Pipeline, similarity: Similarity) -> Pipeline:
    """`pipeline` with its summarize component replaced by the default summary over (a copy
    of) `similarity`, for the shortcut's one-off instance."""
    swapped = Pipeline(pipeline.config)
    swapped._components["summarize"] = components.summarize_with(
        pipeline.config.summary, similarity
    )
    return swapped


@cache
def _default() -> Pipeline:
    """The pipeline of the default config, made once."""
    return Pipeline()
