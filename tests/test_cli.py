from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-ferry"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args], input=stdin, capture_output=True, timeout=120
    )


def test_brief_markdown_on_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ")
    assert "## Summary" in out and "## Sources" in out
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items and all(line.rstrip().endswith("]") for line in items)
    assert "What cleaning removed" not in out


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(EXAMPLE), "--format", "json", "--words", "60"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"sources", "summary", "removed"} <= set(data)
    ids = {s["id"] for s in data["sources"]}
    assert len(ids) == 6
    for source in data["sources"]:
        assert {"id", "title", "outlet", "published", "words"} <= set(source)
    assert sum(len(item["text"].split()) for item in data["summary"]) <= 60
    for item in data["summary"]:
        assert set(item["citations"]) <= ids and item["citations"]
        assert not item["text"].rstrip().endswith("]")
    assert all(r["rule"] and r["text"] for rs in data["removed"].values() for r in rs)


def test_explain_lists_removals_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", str(EXAMPLE), "--explain"]) == 0
    out = capsys.readouterr().out
    explain = out.split("## What cleaning removed", 1)[1]
    assert "### vbn-news" in explain and "`ad_marker`: COMMERCIAL BREAK" in explain


def test_html_output_to_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    assert main(["brief", str(EXAMPLE), "--format", "html", "--output", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<h2>Summary</h2>" in html


def test_module_entry_point_reads_stdin() -> None:
    text = (EXAMPLE / "eastmark-gazette.txt").read_bytes()
    result = run("brief", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["sources"]] == ["stdin"]


def test_errors_are_one_line_each_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "bad.jsonl").write_text('{"text": "ok line."}\n{broken\n', encoding="utf-8")
    result = run("brief", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.returncode == 0
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 4, errors
    assert all(line.startswith("newsfuse: ") for line in errors)
    assert any("empty.txt: empty input" in e for e in errors)
    assert any("blob.txt: binary" in e for e in errors)
    assert any("bad.jsonl:2: malformed JSON" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    assert "Traceback" not in result.stderr.decode()


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("brief", str(tmp_path))
    assert result.returncode == 2
    assert b"no article could be read" in result.stderr
    quiet = run("brief", str(tmp_path), "--quiet")
    assert quiet.returncode == 2


def test_quiet_silences_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["brief", str(EXAMPLE), str(tmp_path / "missing.txt"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_progress_bar_when_reading_many_files(tmp_path: Path) -> None:
    for i in range(25):
        (tmp_path / f"a{i:02}.txt").write_text(
            f"Report {i}: the harbour reopened on Tuesday after the storm passed.",
            encoding="utf-8",
        )
    result = run("brief", str(tmp_path))
    assert result.returncode == 0
    assert b"reading" in result.stderr and b"25/25" in result.stderr
