"""Serving the app with uvicorn (what `newsfuse serve` runs)."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Sequence
from pathlib import Path

from newsfuse.serve.app import create_app
from newsfuse.serve.guard import LOOPBACK_HOSTS

__all__ = ["allowed_hosts", "run"]

logger = logging.getLogger("newsfuse")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def allowed_hosts(host: str, given: Sequence[str] = ()) -> tuple[str, ...]:
    """The host names to answer for: those `given`, else the bound address and localhost;
    a warning when the server is reachable beyond loopback without a list."""
    if given:
        return tuple(given)
    if not _loopback(host):
        logger.warning(
            "serving on %s beyond loopback without --allowed-hosts: only requests for %s "
            "or localhost are answered; name the host names clients use with --allowed-hosts",
            host,
            host,
        )
    return (host, *LOOPBACK_HOSTS)


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    db: str | Path = "newsfuse.db",
    hosts: Sequence[str] = (),
    brief_workers: int = 2,
    brief_seconds: float = 60.0,
) -> None:
    """Serve the app until interrupted."""
    import uvicorn

    app = create_app(
        db,
        allowed_hosts=allowed_hosts(host, hosts),
        brief_workers=brief_workers,
        brief_seconds=brief_seconds,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
