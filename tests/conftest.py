from __future__ import annotations

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
