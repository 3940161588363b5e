from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEEDS = SHARED / "seeds"
EXAMPLE = ROOT / "examples" / "harbour-ferry"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/data beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require(SEEDS)


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path) -> list:  # type: ignore[type-arg]
    import newsfuse

    return newsfuse.read(seeds_dir)


@pytest.fixture(scope="session")
def seed_brief(seed_articles: list):  # type: ignore[no-untyped-def, type-arg]
    import newsfuse

    return newsfuse.brief(seed_articles)


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection beyond loopback: the tests that use this serve and fetch locally."""
    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is None or not ipaddress.ip_address(str(host).split("%")[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {address!r}")
        real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
