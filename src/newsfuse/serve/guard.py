"""What every request passes before the app sees it: the Host allow-list, body size caps,
the same-origin check of state-changing requests, security headers on every response,
and a JSON answer (never a plain-text traceback page) for anything the app did not expect.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

__all__ = [
    "LOOPBACK_HOSTS",
    "MAX_JSON_BYTES",
    "MAX_UPLOAD_BYTES",
    "GuardMiddleware",
    "error",
    "same_origin",
]

logger = logging.getLogger(__name__)

# A JSON body of a few hundred articles is a few MB; an upload of several files more.
MAX_JSON_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_PATHS = ("/upload", "/api/uploads")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]

SECURITY_HEADERS = [
    # Defence in depth under the escaping: no inline script, nothing from elsewhere.
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # Not "no-referrer": under it browsers send `Origin: null` with our own form posts.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def error(status: int, message: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status)


def host_name(host: str) -> str:
    """The name in a Host header or URL netloc, without port or IPv6 brackets."""
    if host.startswith("["):
        return host[1 : host.find("]")].lower() if "]" in host else ""
    return host.rsplit(":", 1)[0].lower() if host.count(":") == 1 else host.lower()


def same_origin(request: Request) -> None:
    """State-changing requests only from our own pages (or from no browser at all).

    Another site can make a visitor's browser post a form or a multipart body here
    without a preflight; browsers name the requesting site in Sec-Fetch-Site and Origin,
    which a page cannot forge. An opaque origin ("null": sandboxed frames, data: URLs) is
    refused too. Clients that are not browsers (curl, scripts) send neither and pass."""
    if request.method not in _UNSAFE:
        return
    site = request.headers.get("sec-fetch-site")
    if site in ("cross-site", "same-site"):
        raise HTTPException(403, f"{site} requests that change data are refused")
    origin = request.headers.get("origin")
    if origin is None:
        return
    if origin == "null":
        # Browsers that send Sec-Fetch-Site say same-origin for our own pages' posts, and
        # cross-site for a sandboxed frame or data: URL elsewhere.
        if site == "same-origin":
            return
        raise HTTPException(403, "requests from an opaque origin (null) are refused")
    if urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise HTTPException(403, "cross-origin requests that change data are refused")


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """Host allow-list, body caps (declared and streamed), security headers, JSON 500s."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        hosts = {host_name(h) if h != "*" else "*" for h in allowed_hosts}
        self.any_host = "*" in hosts
        self.hosts = frozenset(hosts)

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        exceeded = False

        async def emit(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not self.any_host and host_name(host) not in self.hosts:
            # DNS rebinding: a page of another site whose name now points here would be
            # same-origin to the browser; its Host header still names that site.
            await error(400, "this server does not answer for that host name")(scope, receive, emit)
            return
        limit = MAX_UPLOAD_BYTES if scope["path"] in UPLOAD_PATHS else MAX_JSON_BYTES
        too_large = error(413, f"request body larger than {limit // (1024 * 1024)} MB")

        async def send_with_headers(message: Any) -> None:
            nonlocal started
            if exceeded:
                # The app caught the overflow as a bad body (FastAPI answers 400 to any
                # error reading it): answer what it is instead, once.
                if not started:
                    started = True
                    await too_large(scope, receive, emit)
                return
            if message["type"] == "http.response.start":
                started = True
            await emit(message)

        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await too_large(scope, receive, emit)
            return
        received = 0

        async def counted() -> Any:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send_with_headers)
        except _TooLarge:
            if not started:
                started = True
                await too_large(scope, receive, emit)
        except Exception:
            # A bug, not the client's fault: logged with its traceback; the client gets
            # the same JSON error shape as every other answer, with the headers.
            logger.exception("%s %s failed", scope.get("method"), scope.get("path"))
            if not started:
                started = True
                await error(500, "internal error (logged on the server)")(scope, receive, emit)
