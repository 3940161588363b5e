"""`newsfuse serve`: the web app and HTTP API over a persistent store.

    >>> from newsfuse.serve import create_app
    >>> app = create_app("newsfuse.db")           # or "postgresql://user@host/db"

Needs the `serve` extra: `pip install "newsfuse[serve]"`.
"""

from newsfuse.serve.app import create_app
from newsfuse.serve.server import run

__all__ = ["create_app", "run"]
