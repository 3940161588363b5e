"""newsfuse: many news reports of one event in, one trustworthy, cited brief out."""

from newsfuse import registry
from newsfuse.config import NewsfuseConfig
from newsfuse.errors import ConfigError, NewsfuseError
from newsfuse.model import Article, Brief, Fact, Removal, Sentence, SummaryItem
from newsfuse.pipeline import Pipeline, brief, read
from newsfuse.render import to_dict, to_html, to_json, to_markdown
from newsfuse.version import __version__ as __version__

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
