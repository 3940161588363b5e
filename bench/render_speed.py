"""Rendering a brief: milliseconds per brief for each format, and peak memory.

    python bench/render_speed.py

Briefs of the seeds, the shipped example and five DUC 2003 clusters (real articles in
../shared/data) are rendered as the JSON document, Markdown and HTML from the view
model through the Jinja templates, and the web page's view (which segments every article to
point citations at sentences). Side by side, the obvious alternative for the document:
`json.dumps(dataclasses.asdict(brief))`, a dump of the model with no contract.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path

import newsfuse
from newsfuse.evaluate.data import read_clusters
from newsfuse.model import Brief
from newsfuse.render import build_view

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def briefs() -> list[Brief]:
    groups = [newsfuse.read(SHARED / "seeds"), newsfuse.read(ROOT / "examples" / "harbour-ferry")]
    groups += [list(c.articles) for c in read_clusters(SHARED / "duc2003" / "task2.jsonl", 5)]
    return [newsfuse.brief(g) for g in groups]


def per_brief(render: Callable[[Brief], object], made: list[Brief], rounds: int) -> float:
    for brief in made:
        render(brief)  # warm: templates compiled, caches filled
    start = time.perf_counter()
    for _ in range(rounds):
        for brief in made:
            render(brief)
    return (time.perf_counter() - start) * 1000 / (rounds * len(made))


def main() -> None:
    made = briefs()
    print(f"{len(made)} briefs, {sum(len(b.articles) for b in made)} articles")
    renderers: dict[str, tuple[Callable[[Brief], object], int]] = {
        "json (newsfuse.to_json)": (newsfuse.to_json, 50),
        "json (asdict + dumps)": (
            lambda b: json.dumps(dataclasses.asdict(b), default=str, ensure_ascii=False),
            50,
        ),
        "view model (build_view)": (build_view, 50),
        "markdown (template)": (newsfuse.to_markdown, 50),
        "html (template)": (newsfuse.to_html, 50),
    }
    try:  # newsfuse.serve imports the serve extra
        from newsfuse.serve.view import build_page

        renderers["web page view (build_page)"] = (build_page, 5)
    except ImportError:
        print("web page view: skipped, the serve extra is not installed")
    for name, (render, rounds) in renderers.items():
        print(f"{name:28} {per_brief(render, made, rounds):7.2f} ms/brief")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB (the process, briefing included)")


if __name__ == "__main__":
    main()
