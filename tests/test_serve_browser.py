"""End to end in a real browser: Debian's chromium driven by playwright, against uvicorn on
a free loopback port. Skipped, saying why, without chromium or playwright; `.ci/run`
installs both."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

import uvicorn  # noqa: E402

from newsfuse.serve import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "data" / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PAYLOAD_TITLE = '<script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=1">'
PAYLOAD_TEXT = (
    "The harbour ferry ran aground near Kestrel Point on Monday, said harbour master Ana "
    'Ruiz. <img src=x onerror="window.__pwned = 2"> Passengers were evacuated "><svg '
    "onload=window.__pwned=3> by the coastguard in fog.\n\nService resumes on Friday "
    "</span></p><script>window.__pwned = 4</script> after repairs to the hull."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "newsfuse.db"
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def test_upload_open_cite_download(browser: Any, base_url: str, tmp_path: Path) -> None:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is not available (../shared/data beside the checkout)")
    seeds = sorted(SEEDS.glob("*.txt"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/")
    page.set_input_files("#files", [str(p) for p in seeds])
    page.click("#upload")
    page.wait_for_url("**/?added=5*")
    assert "Added 5 articles" in page.inner_text(".notice")

    page.click("a.story-link")
    page.wait_for_url("**/stories/*")
    summary = page.locator("ul.summary > li")
    assert summary.count() >= 3
    # A citation to an article other than the first: the passage is found in that article.
    cite = summary.nth(0).locator("a.cite").last
    target = cite.get_attribute("data-target")
    assert target and "s" in target
    cite.hover()
    assert page.locator("#preview").is_visible()
    cite.click()
    passage = page.locator(f"#{target}")
    sync_api.expect(passage).to_have_class("s hl")
    sync_api.expect(passage).to_be_visible()
    sync_api.expect(passage).to_be_in_viewport()
    assert page.locator(".s.hl").count() == 1
    # The highlighted sentence carries the cited statement's words.
    cited = set(summary.nth(0).inner_text().lower().split())
    assert len(cited & set(passage.inner_text().lower().split())) >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-story-desktop.png"))

    with page.expect_download() as download_info:
        page.click("#download-json")
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    brief = json.loads(saved.read_text("utf-8"))
    assert len(brief["sources"]) == 5 and brief["summary"]

    # A phone: one column, the passage still shown on a tap.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    small = phone.new_page()
    small.goto(page.url.split("#")[0])
    small.locator("ul.summary a.cite").first.click()
    highlighted = small.locator(".s.hl")
    sync_api.expect(highlighted).to_be_visible()
    sync_api.expect(highlighted).to_be_in_viewport()
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways
    small.screenshot(path=str(ARTIFACTS / "serve-story-phone.png"))
    phone.close()
    context.close()
    assert errors == []


def test_payloads_in_articles_never_run(browser: Any, base_url: str) -> None:
    import httpx

    articles = [
        {
            "id": f"evil{n}",
            "title": PAYLOAD_TITLE,
            "text": PAYLOAD_TEXT,
            "source": '<b onmouseover="window.__pwned=5">Wire</b>',
            "url": "javascript:window.__pwned=6",
        }
        for n in range(2)
    ]
    stored = httpx.post(base_url + "/api/articles", json={"articles": articles}, timeout=30)
    assert stored.status_code == 201
    story_id = stored.json()["stories"][0]

    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    for path in ("/", f"/stories/{story_id}"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        for link in page.locator("a.cite").all()[:6]:
            link.hover()
            link.click()
        page.mouse.move(5, 5)
        assert page.evaluate("window.__pwned") is None
        # Escaped, not merely blocked by the content security policy: the markup is text.
        assert page.locator("script").count() == 1  # /static/app.js only
        assert page.locator("img, svg").count() == 0
        assert page.locator("[onerror], [onload], [onmouseover]").count() == 0
        assert page.locator("a[href^='javascript:']").count() == 0
        assert "<script>" in page.inner_text("body")
    assert "onerror=" in page.inner_text(".sources")
    assert dialogs == []
    context.close()


EXAMPLE = ROOT / "examples" / "harbour-ferry"


def test_story_page_shows_figures_latest_and_outlets(browser: Any, base_url: str) -> None:
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "/")
    page.set_input_files("#files", [str(p) for p in files])
    page.click("#upload")
    page.wait_for_url("**/?added=6*")
    page.locator("li.story-item", has_text="6 articles").locator("a.story-link").click()
    page.wait_for_url("**/stories/*")
    assert "230" not in page.inner_text("h1")
    figures = page.locator("ul.figures > li", has_text="230 passengers")
    sync_api.expect(figures).to_be_visible()
    assert "212 passengers" in figures.inner_text() and "230 passengers" in figures.inner_text()
    sync_api.expect(page.locator("section.latest")).to_be_visible()
    outlets = page.locator("ul.outlets")
    sync_api.expect(outlets).to_be_visible()
    assert "The Kessel Courier" in outlets.inner_text()
    # Citations are labelled by outlet name, not by article id.
    labels = page.locator("ul.summary a.cite").all_inner_texts()
    assert "The Northern Tribune" in labels or "The Kessel Courier" in labels
    assert not any(label.startswith("kessel-courier-2026") for label in labels)
    assert page.locator("#sources-chart rect").count() >= 1
    cite = figures.locator("a.cite").last
    target = cite.get_attribute("data-target")
    cite.click()
    passage = page.locator(f"#{target}")
    sync_api.expect(passage).to_have_class("s hl")
    assert "230" in passage.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-story-example.png"), full_page=True)
    context.close()
    assert errors == []
