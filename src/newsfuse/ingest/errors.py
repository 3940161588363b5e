"""InputError lives in newsfuse.errors, beside the other errors; this path is kept."""

from newsfuse.errors import InputError

__all__ = ["InputError"]
