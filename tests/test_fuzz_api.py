"""Property-based fuzzing of the HTTP API's JSON bodies and parameters (Hypothesis): no
exception escapes, whatever the body; every answer below 500, with the security headers,
and every error as the API's JSON error. Derandomised, so CI runs the same examples."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("hypothesis")

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.serve import create_app
from newsfuse.serve.fetch import FeedFetcher, FetchError


def _no_dns(host: str, port: int) -> list[str]:
    raise FetchError(f"cannot resolve host {host!r}")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz") / "newsfuse.db"
    app = create_app(db, fetcher=FeedFetcher(resolver=_no_dns))
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as test:
        yield test


FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that reaches every reader's corner cases: lone surrogates, controls, odd spaces.
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
DATES = st.one_of(
    TEXT,
    st.sampled_from(["9999-12-31", "0001-01-01", "2023-06-19T25:00", "tomorrow", "1e20", ""]),
    st.dates().map(str),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    TEXT,
)
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
ARTICLE = st.fixed_dictionaries(
    {"text": st.one_of(TEXT, st.just("Harbour ferry runs aground.\n\n19 June 2023\n\nIt did."))},
    optional={
        "id": st.one_of(TEXT, st.text(min_size=390, max_size=420)),
        "title": st.one_of(st.none(), TEXT),
        "published": DATES,
        "date": DATES,
        "source": TEXT,
        "url": TEXT,
        "extra": ANY_JSON,
    },
)
ARTICLES = st.one_of(
    st.fixed_dictionaries(
        {"articles": st.lists(ARTICLE, min_size=0, max_size=4)},
        optional={"words": st.one_of(st.integers(), TEXT), "all": ANY_JSON},
    ),
    ANY_JSON,
)


def _check(response: Any) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert "content-security-policy" in response.headers
    if response.status_code >= 400:
        assert set(response.json()["error"]) >= {"status", "message"}


def _post(client: TestClient, path: str, body: Any) -> Any:
    content = json.dumps(body, ensure_ascii=True).encode()
    return client.post(path, content=content, headers={"content-type": "application/json"})


@settings(FUZZ, max_examples=60)
@given(body=ARTICLES)
def test_briefs_never_fail(client: TestClient, body: Any) -> None:
    _check(_post(client, "/api/briefs", body))


@settings(FUZZ, max_examples=80)
@given(body=ARTICLES)
def test_storing_articles_never_fails(client: TestClient, body: Any) -> None:
    response = _post(client, "/api/articles", body)
    _check(response)
    if response.status_code == 201:
        for story in response.json()["stories"]:
            _check(client.get(f"/api/stories/{story}"))


@settings(FUZZ, max_examples=40)
@given(body=st.one_of(st.fixed_dictionaries({"url": TEXT}), ANY_JSON))
def test_feeds_never_fail(client: TestClient, body: Any) -> None:
    _check(_post(client, "/api/feeds", body))


@settings(FUZZ, max_examples=80)
@given(
    story=st.one_of(st.integers(min_value=-(2**70), max_value=2**70).map(str), TEXT),
    params=st.dictionaries(st.sampled_from(["limit", "offset", "words"]), SCALARS, max_size=3),
)
def test_reading_stories_never_fails(
    client: TestClient, story: str, params: dict[str, Any]
) -> None:
    query = {k: str(v) for k, v in params.items()}
    _check(client.get("/api/stories", params=query))
    path = quote(story.encode("utf-8", "surrogatepass"), safe="") or "0"
    _check(client.get(f"/api/stories/{path}"))
    _check(client.get(f"/api/stories/{path}/brief", params=query))


def test_the_suite_covers_the_api(client: TestClient, tmp_path: Path) -> None:
    """Every JSON route of the API is fuzzed above (a new one must be added here)."""
    fuzzed = {"/api/briefs", "/api/articles", "/api/feeds", "/api/stories"}
    paths = set(client.get("/openapi.json").json()["paths"])
    json_routes = {p for p in paths if "{" not in p and p != "/api/uploads"}
    assert json_routes == fuzzed
