"""All tunable settings in one place.

One dataclass per stage (written in `newsfuse.stages_config`, imported from here), grouped
under `NewsfuseConfig`, the root that `newsfuse.Pipeline` runs on. Every dataclass checks its
values when it is made, so a bad setting fails where it is written (a TOML file, a
constructor call), not deep inside a brief. The root reads from and writes to TOML; TOML has
no null, so a setting that can be off (None) is written `false`.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import tomli_w

from newsfuse.errors import ConfigError
from newsfuse.stages_config import (
    SUMMARY_ORDERS,
    BudgetConfig,
    CleanConfig,
    ClusterConfig,
    CopyConfig,
    OutletsConfig,
    SummaryConfig,
    require,
)

__all__ = [
    "MAX_FILE_BYTES",
    "SKIPPABLE",
    "STORY_COMPONENTS",
    "SUMMARY_ORDERS",
    "BudgetConfig",
    "CleanConfig",
    "ClusterConfig",
    "ComponentsConfig",
    "CopyConfig",
    "NewsfuseConfig",
    "OutletsConfig",
    "SummaryConfig",
]

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ComponentsConfig:
    """Which registered implementation runs each component (`newsfuse.registry`), by name.
    `similarity` is the sentence similarity the summary fits on each story."""

    ingest: str = "default"
    cluster: str = "default"
    clean: str = "default"
    dedupe: str = "default"
    segment: str = "default"
    align: str = "default"
    similarity: str = "default"
    summarize: str = "default"
    quotes: str = "default"
    discrepancies: str = "default"
    timeline: str = "default"
    exclusives: str = "default"
    entities: str = "default"
    key_figures: str = "default"
    latest: str = "default"
    outlets: str = "default"


# The components that make one story's brief, in the order they run (`newsfuse.Pipeline`).
STORY_COMPONENTS = (
    "clean",
    "dedupe",
    "segment",
    "align",
    "summarize",
    "quotes",
    "discrepancies",
    "timeline",
    "exclusives",
    "entities",
    "key_figures",
    "latest",
    "outlets",
)
# Components a brief can go without (`NewsfuseConfig.disable`): all but those that feed the
# others.
SKIPPABLE = tuple(name for name in STORY_COMPONENTS if name not in ("segment", "align"))


@dataclass(frozen=True, slots=True)
class NewsfuseConfig:
    """Every setting of a `newsfuse.Pipeline`: one section per stage, which implementation
    runs each component, and the components to skip (`disable`)."""

    clean: CleanConfig = field(default_factory=CleanConfig)
    budget: BudgetConfig = field(default_factory=BudgetConfig)
    # Briefs show the copied sentences: their copy detector keeps the texts.
    copies: CopyConfig = field(default_factory=lambda: CopyConfig(keep_text=True))
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    summary: SummaryConfig = field(default_factory=SummaryConfig)
    outlets: OutletsConfig = field(default_factory=OutletsConfig)
    components: ComponentsConfig = field(default_factory=ComponentsConfig)
    disable: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.disable) - set(SKIPPABLE))
        require(not unknown, f"disable: cannot skip {', '.join(unknown)} ({', '.join(SKIPPABLE)})")

    def to_dict(self) -> dict[str, Any]:
        """Plain data (tables of numbers, strings and lists; None for settings turned off)."""
        plain: dict[str, Any] = _plain(dataclasses.asdict(self))
        return plain

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """A validated config from nested tables; settings not given keep their defaults."""
        return cls().override(data)

    def override(self, data: Mapping[str, Any]) -> Self:
        """This config with the settings in `data` (nested tables, as `to_dict` gives)
        replaced, checked by name, type and value."""
        built: Self = _build(self, data, "")
        return built

    def to_toml(self) -> str:
        return tomli_w.dumps(_toml_values(self.to_dict()))

    @classmethod
    def from_toml(cls, text: str) -> Self:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}") from exc
        return cls.from_dict(data)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_toml(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Self:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: not UTF-8 text") from exc
        try:
            return cls.from_toml(text)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from exc


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _toml_values(value: Any) -> Any:
    # TOML has no null: a setting turned off is written `false` (read back as None).
    if isinstance(value, dict):
        return {k: _toml_values(v) for k, v in value.items()}
    return False if value is None else value


_SCALARS: dict[str, tuple[type, ...]] = {"int": (int,), "float": (int, float), "str": (str,)}


def _value(annotation: str, value: Any, name: str) -> Any:
    """`value` checked against a field's annotation (as written in this module)."""
    optional = annotation.endswith(" | None")
    base = annotation.removesuffix(" | None")
    if optional and (value is None or value is False):
        return None
    if base == "bool":
        require(isinstance(value, bool), f"{name} must be true or false, not {value!r}")
        return value
    if base == "tuple[str, ...]":
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        require(ok, f"{name} must be a list of strings, not {value!r}")
        return tuple(value)
    kinds = _SCALARS[base]
    # bool is an int to Python, not a number to a config file.
    ok = isinstance(value, kinds) and not isinstance(value, bool)
    expected = {"int": "an integer", "float": "a number", "str": "a string"}[base]
    require(ok, f"{name} must be {expected}{' or false' if optional else ''}, not {value!r}")
    return float(value) if base == "float" else value


def _build(current: Any, data: Mapping[str, Any], prefix: str) -> Any:
    """`current` (a config dataclass) with `data` replacing its fields, recursively."""
    require(isinstance(data, Mapping), f"{prefix.rstrip('.') or 'config'} must be a table")
    fields = {f.name: f for f in dataclasses.fields(current)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        name = prefix + key
        require(key in fields, f"{name}: no such setting")
        child = getattr(current, key)
        if dataclasses.is_dataclass(child):
            changes[key] = _build(child, value, name + ".")
        else:
            changes[key] = _value(str(fields[key].type), value, name)
    try:
        return dataclasses.replace(current, **changes)
    except ConfigError as exc:
        section = prefix.rstrip(".")
        raise ConfigError(f"{section}.{exc}" if section else str(exc)) from None
