"""`newsfuse serve`: the web app and HTTP API over a persistent store.

    >>> from newsfuse.serve import create_app
    >>> app = create_app("newsfuse.db")           # or "postgresql://user@host/db"

Needs the `serve` extra: `pip install "newsfuse[serve]"`.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.serve.app import create_app

__all__ = ["create_app", "run"]


def run(host: str = "127.0.0.1", port: int = 8000, db: str | Path = "newsfuse.db") -> None:
    """Serve the app until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
