"""The package version, from one source: pyproject.toml, as installed."""

from importlib import metadata

try:
    __version__ = metadata.version("newsfuse")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
