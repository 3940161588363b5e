"""newsfuse: many news reports of one event in, one trustworthy, cited brief out."""

from importlib import metadata as _metadata

from newsfuse.errors import NewsfuseError as NewsfuseError  # the base of every error
from newsfuse.model import Article, Brief, Fact, Removal, Sentence, SummaryItem
from newsfuse.pipeline import brief, read

__all__ = ["Article", "Brief", "Fact", "Removal", "Sentence", "SummaryItem", "brief", "read"]

try:  # One version source: pyproject.toml, as installed.
    __version__ = _metadata.version("newsfuse")
except _metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
