"""The errors newsfuse raises: one base, so callers can catch everything of ours at once.

Bad inputs are usually not raised but reported (logged on the `newsfuse` logger, or passed
to an `on_error` callback) so that a run goes on with the rest; they are still
`InputError`s, so a caller that wants to stop can raise them.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "NewsfuseError"]


class NewsfuseError(Exception):
    """Base of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """An input that could not be read; the run goes on with the rest."""

    def __init__(self, name: str, reason: str) -> None:
        # Both as args, so that the error pickles (to and from worker processes).
        super().__init__(name, reason)
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class ConfigError(NewsfuseError, ValueError):
    """A setting out of its range or of the wrong kind. A ValueError too, as bad settings
    were before there was a base class."""
