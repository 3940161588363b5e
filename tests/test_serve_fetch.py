"""The feed fetcher refuses every internal address, after DNS resolution and on every
redirect. Refusals happen before any connection: a guard fails the test if anything
tries to connect beyond loopback."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

pytest.importorskip("httpx")

from newsfuse.serve.fetch import FeedFetcher, FetchError, check_address

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Ferry resumes</title><link>https://example.org/1</link>
<description>The harbour ferry resumed service on Monday after repairs.</description></item>
</channel></rss>"""


@pytest.fixture(autouse=True)
def _loopback(loopback_only: None) -> None:
    """No test here may open a connection beyond loopback, refused or not."""


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    feed = {"Content-Type": "application/rss+xml"}
    _Handler.routes = {
        "/feed.xml": (200, feed, RSS),
        "/slow": (200, feed, RSS),
        "/big": (200, feed, b"<rss>" + b" " * 200_000 + b"</rss>"),
        "/to-feed": (302, {"Location": "/feed.xml"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.1/feed.xml"}, b""),
        "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("192.0.2.10", "private"),  # documentation range
        ("::ffff:10.0.0.1", "private"),  # IPv4-mapped
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:a00:1::", "private"),  # 6to4 around 10.0.0.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 around 127.0.0.1
    ],
)
def test_internal_addresses_are_refused(address: str, kind: str) -> None:
    with pytest.raises(FetchError, match=kind):
        check_address(ipaddress.ip_address(address))
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchError, match="refused"):
        FeedFetcher().fetch(f"http://{host}/feed.xml")


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass_the_check(address: str) -> None:
    check_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/feed.xml",
        "gopher://example.org/",
        "javascript:alert(1)",
        "data:text/xml,<rss/>",
        "//example.org/feed.xml",
        "http:///feed.xml",
        "http://user:secret@example.org/feed.xml",
    ],
)
def test_other_schemes_and_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match=r"refused|not a valid"):
        FeedFetcher().fetch(url)


def test_names_are_checked_after_resolution() -> None:
    # A public-looking name that resolves to an internal address is refused...
    fetcher = FeedFetcher(resolver=lambda host, port: ["10.20.30.40"])
    with pytest.raises(FetchError, match="private"):
        fetcher.fetch("http://feeds.example.org/rss")
    # ...and so is one where any answer is internal: a client may pick any of them.
    fetcher = FeedFetcher(resolver=lambda host, port: ["93.184.215.14", "169.254.169.254"])
    with pytest.raises(FetchError, match="link-local"):
        fetcher.fetch("https://feeds.example.org/rss")


def test_localhost_is_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="loopback"):
        FeedFetcher().fetch("http://localhost:1/feed.xml")
    with pytest.raises(FetchError, match="loopback"):
        FeedFetcher().fetch(server + "/feed.xml")


def test_the_test_allowance_reaches_loopback(server: str) -> None:
    fetched = FeedFetcher(allow_loopback=True).fetch(server + "/feed.xml")
    assert fetched.content == RSS
    assert "rss" in fetched.content_type
    followed = FeedFetcher(allow_loopback=True).fetch(server + "/to-feed")
    assert followed.url.endswith("/feed.xml")
    assert followed.content == RSS


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-private", "private"),
        ("/to-metadata", "link-local"),
        ("/to-file", "only http and https"),
        ("/loop", "redirects"),
    ],
)
def test_every_redirect_is_checked(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        FeedFetcher(allow_loopback=True).fetch(server + path)


def test_size_cap_and_timeout(server: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        FeedFetcher(allow_loopback=True, max_bytes=10_000).fetch(server + "/big")
    with pytest.raises(FetchError, match="timed out"):
        FeedFetcher(allow_loopback=True, timeout=0.3).fetch(server + "/slow")
