"""Serving the app with uvicorn (what `newsfuse serve` runs)."""

from __future__ import annotations

from pathlib import Path

from newsfuse.serve.app import create_app

__all__ = ["run"]


def run(host: str = "127.0.0.1", port: int = 8000, db: str | Path = "newsfuse.db") -> None:
    """Serve the app until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
