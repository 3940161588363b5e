"""Components by name, so that a user swaps one without editing the package.

    >>> import newsfuse
    >>> @newsfuse.registry.register("similarity", "exact")
    ... def exact(config):              # the root NewsfuseConfig -> a new component
    ...     return ExactMatch()
    >>> pipeline = newsfuse.Pipeline({"components": {"similarity": "exact"}})

A factory takes the root `NewsfuseConfig` and returns the component: for the pipeline's
stages a callable (see `newsfuse.pipeline`), for "similarity" a fresh `Similarity`, made
for each story. The package registers its own under "default" (and the streaming
clusterer as "stream"). A `Pipeline` made in another process (`pipe` with `n_process` or
Ray) looks its components up there: register them in a module that process imports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from newsfuse.config import ComponentsConfig
from newsfuse.errors import ConfigError

__all__ = ["KINDS", "get", "names", "register"]

Factory = TypeVar("Factory", bound=Callable[..., Any])

# One kind per setting of `ComponentsConfig`: the stages and the summary's similarity.
KINDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ComponentsConfig))

_FACTORIES: dict[str, dict[str, Callable[..., Any]]] = {kind: {} for kind in KINDS}


def register(kind: str, name: str) -> Callable[[Factory], Factory]:
    """A decorator registering `factory` as the `kind` component called `name` (a later
    registration under the same name replaces the earlier one)."""
    if kind not in _FACTORIES:
        raise ConfigError(f"no component kind {kind!r} (kinds: {', '.join(KINDS)})")

    def add(factory: Factory) -> Factory:
        _FACTORIES[kind][name] = factory
        return factory

    return add


def get(kind: str, name: str) -> Callable[..., Any]:
    """The factory registered as the `kind` component `name`."""
    try:
        return _FACTORIES[kind][name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES.get(kind, {}))) or "none"
        raise ConfigError(f"components.{kind}: nothing registered as {name!r} ({known})") from None


def names(kind: str) -> tuple[str, ...]:
    """The names registered for `kind`, sorted."""
    return tuple(sorted(_FACTORIES.get(kind, {})))
