"""Fetch a feed URL without letting the server be used to reach internal services.

Only http and https. The host is resolved here, every address it resolves to must be a
public one (not loopback, private, shared, link-local, multicast, reserved or
unspecified, also when embedded in IPv6: mapped, 6to4, Teredo, NAT64), and the request
then goes to the checked address itself, so a second DNS answer (rebinding) cannot send
it elsewhere. Redirects are followed by hand and each hop is checked the same way.
Bodies are streamed up to a byte cap under connect/read timeouts and an overall deadline,
which every socket operation (connect, TLS, sending, each read of headers and body) is
held to: a server dripping a byte at a time cannot stretch a fetch past it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsfuse.errors import NewsfuseError

__all__ = ["FeedFetcher", "FetchError", "FetchedFeed", "check_address"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
logger = logging.getLogger(__name__)


class FetchError(NewsfuseError):
    """A URL that was refused or could not be fetched; the message is safe to show."""


@dataclass(frozen=True, slots=True)
class FetchedFeed:
    url: str  # after redirects
    content: bytes
    content_type: str


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def check_address(ip: IPAddress, allow_loopback: bool = False) -> None:
    """Raise FetchError unless `ip` is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            check_address(inner, allow_loopback)
    if ip.is_loopback and allow_loopback:
        return
    for flag, name in (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (ip.is_private, "private"),
        (not ip.is_global, "non-public"),
    ):
        if flag:
            raise FetchError(f"refused: {ip} is a {name} address")


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by `deadline` (time.monotonic)."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self.inner.start_tls(ssl_context, server_hostname, self._left(timeout))
        return _DeadlineStream(inner, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("deadline passed")
        limit = left if timeout is None else min(timeout, left)
        stream = self.inner.connect_tcp(host, port, limit, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}") from exc
    return [str(info[4][0]) for info in infos]


class FeedFetcher:
    """Fetches one URL under the checks above.

    `allow_loopback` exists for tests that serve feeds from a local HTTP server; the app
    factory takes a fetcher object, and neither the CLI nor the app ever builds one with it
    set, so a running server refuses loopback like every other internal range."""

    def __init__(
        self,
        max_bytes: int = 5 * 1024 * 1024,
        timeout: float = 10.0,
        deadline: float = 30.0,
        max_redirects: int = 5,
        allow_loopback: bool = False,
        resolver: Resolver = _resolve,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.deadline = deadline
        self.max_redirects = max_redirects
        self.allow_loopback = allow_loopback
        self.resolver = resolver

    def _target(self, url: str) -> tuple[httpx.URL, str, str]:
        """The URL to request (host replaced by a checked address), the Host header and
        the name for TLS; raises FetchError for anything refused."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError("not a valid URL") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"refused: only http and https URLs, not {scheme or 'none'!r}")
        host = parts.hostname
        if not host:
            raise FetchError("refused: the URL has no host")
        if parts.username or parts.password:
            raise FetchError("refused: URLs with credentials")
        port = port or (443 if scheme == "https" else 80)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        addresses = [str(literal)] if literal is not None else self.resolver(host, port)
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r}")
        checked = []
        for raw in addresses:
            ip = ipaddress.ip_address(raw.split("%", 1)[0])
            # Every answer must pass: a client picks any of them.
            check_address(ip, self.allow_loopback)
            checked.append(ip)
        try:
            pinned = httpx.URL(url).copy_with(host=str(checked[0]), port=port)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError("not a valid URL") from exc
        # Credentials were refused above, so the netloc is the host and port as given.
        host_header = parts.netloc
        return pinned, host_header, host

    def fetch(self, url: str) -> FetchedFeed:
        """The feed at `url`, after redirects; raises FetchError, logged at info level
        (who asked for what is the operator's business, not an error of the server)."""
        try:
            return self._fetch(url)
        except FetchError as exc:
            logger.info("feed %s not fetched: %s", url, exc)
            raise

    def _fetch(self, url: str) -> FetchedFeed:
        started = time.monotonic()
        timeout = httpx.Timeout(self.timeout)
        # trust_env off: a proxy from the environment would resolve the host itself.
        transport = httpx.HTTPTransport(trust_env=False)
        # httpx has no overall deadline; its connection pool takes the socket layer as a
        # backend, and this one holds every socket operation to the deadline.
        transport._pool._network_backend = _DeadlineBackend(started + self.deadline)
        with httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False, transport=transport
        ) as client:
            for _ in range(self.max_redirects + 1):
                target, host_header, sni = self._target(url)
                request = client.build_request(
                    "GET",
                    target,
                    headers={
                        "Host": host_header,
                        "User-Agent": "newsfuse/0.1 (feed fetcher)",
                        "Accept": "application/rss+xml, application/atom+xml, "
                        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
                    },
                    extensions={"sni_hostname": sni},
                )
                try:
                    response = client.send(request, stream=True)
                except httpx.TimeoutException as exc:
                    raise FetchError("timed out") from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"cannot fetch: {type(exc).__name__}") from exc
                try:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError("redirect without a Location")
                        logger.debug("%s redirects to %s", url, location)
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"the server answered {response.status_code}")
                    content = self._read(response, started)
                    content_type = response.headers.get("content-type", "")
                finally:
                    response.close()
                return FetchedFeed(url=url, content=content, content_type=content_type)
        raise FetchError(f"more than {self.max_redirects} redirects")

    def _read(self, response: httpx.Response, started: float) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"larger than {self.max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"larger than {self.max_bytes} bytes")
                if time.monotonic() - started > self.deadline:
                    raise FetchError("took too long")
                chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise FetchError("timed out") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}") from exc
        return b"".join(chunks)
