from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Generator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEEDS = SHARED / "seeds"
EXAMPLE = ROOT / "examples" / "harbour-ferry"


# CI (any non-empty CI variable: .ci/run sets it, as CI services do) has ../shared/data,
# every extra of `test`, PostgreSQL and chromium. A test that skips there for want of one
# of them is a broken job, so there every skip (of a test or a whole module) is a failure;
# locally, without ../shared, they skip.
IN_CI = bool(os.environ.get("CI"))


def require(path: Path) -> Path:
    """`path` (under ../shared/data) if it exists; else skip (locally) or fail (in CI)."""
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared/data beside the checkout)")
    return path


def _fail_skips_in_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        reason = str(reason).removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped, which CI does not allow (CI is set): {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _fail_skips_in_ci(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report() -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    _fail_skips_in_ci(report)
    return report


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
        if self.family == socket.AF_UNIX:  # local by definition (multiprocessing's fork server)
            return real(self, address)  # type: ignore[arg-type]
        host = address[0] if isinstance(address, tuple) else None
        if host is None or not ipaddress.ip_address(str(host).split("%")[0]).is_loopback:
            raise AssertionError(f"test tried to connect to {address!r}")
        real(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
