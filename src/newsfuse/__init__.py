"""newsfuse: many news reports of one event in, one trustworthy, cited brief out."""

from importlib import metadata as _metadata

from newsfuse import registry
from newsfuse.config import NewsfuseConfig
from newsfuse.errors import ConfigError, NewsfuseError
from newsfuse.model import Article, Brief, Fact, Removal, Sentence, SummaryItem
from newsfuse.pipeline import Pipeline, brief, read
from newsfuse.render import to_dict, to_html, to_json, to_markdown

__all__ = [
    "Article",
    "Brief",
    "ConfigError",
    "Fact",
    "NewsfuseConfig",
    "NewsfuseError",
    "Pipeline",
    "Removal",
    "Sentence",
    "SummaryItem",
    "brief",
    "read",
    "registry",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
]

try:  # One version source: pyproject.toml, as installed.
    __version__ = _metadata.version("newsfuse")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
