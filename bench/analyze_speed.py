"""Time the analysis adds per story: `analyze` on DUC 2003 clusters (~10 articles each).

    python bench/analyze_speed.py [--clusters 30]

Last measured: median 82-93 ms, max 226-231 ms per 10 articles (30 clusters, two runs on a
loaded shared machine; the code before spellings, clock times and translation grouping ran
61-72 ms in the same session).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime
from pathlib import Path

from newsfuse.analyze import analyze
from newsfuse.clean import clean
from newsfuse.model import Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "duc2003" / "task2.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clusters", type=int, default=30)
    args = parser.parse_args()
    stories = []
    with DATA.open(encoding="utf-8") as lines:
        for line in list(lines)[: args.clusters]:
            cluster = json.loads(line)
            stories.append(
                [
                    clean(
                        Article(
                            id=d["id"],
                            text=d["text"],
                            title=d.get("title"),
                            published=datetime.fromisoformat(d["published"][:10])
                            if d.get("published")
                            else None,
                        )
                    )
                    for d in cluster["documents"]
                ]
            )
    analyze(stories[0])  # warm-up: imports and pycountry tables
    per_ten = []
    for articles in stories:
        start = time.perf_counter()
        analyze(articles)
        per_ten.append((time.perf_counter() - start) * 1000 * 10 / len(articles))
    print(
        f"{len(stories)} stories: median {statistics.median(per_ten):.0f} ms, "
        f"max {max(per_ten):.0f} ms per 10 articles"
    )


if __name__ == "__main__":
    main()
