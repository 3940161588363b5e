"""A proxy for "Reported by one source only" precision over the shared clusters.

Over the Giveme5W1H events of 3 or more articles and the MultiLing 2011 topics, each
cluster is briefed once; for every exclusive it counts the items the shared line checks
call furniture (`newsfuse.segment.lines.statement` false: captions, credits, navigation,
headings, fragments) and the items with a near copy in another independent source (a
sentence of another copy group sharing >= 0.6 of the item's content words, overlap
coefficient). Neither is an exclusive. `--sample N` writes N items drawn at random
(seeded) to a file for reading; the file holds third-party text: keep it out of the repo.
CPU time (process_time) and peak memory (tracemalloc) of the briefs are printed.

    python bench/exclusives_quality.py [--limit N] [--sample 30 --out /tmp/sample.txt]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from brief_length import events, summary_sets

import newsfuse
from newsfuse.analyze._text import content_set, overlap
from newsfuse.segment import segment
from newsfuse.segment.lines import statement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("/tmp/exclusives_sample.txt"))
    args = parser.parse_args()
    clusters = [
        (name, articles)
        for name, articles in summary_sets(args.limit)
        if name.startswith("multiling")
    ] + list(events(args.limit))
    rows: list[tuple[str, str, str, bool, bool]] = []
    tracemalloc.start()
    cpu = time.process_time()
    for name, articles in clusters:
        brief = newsfuse.brief(articles)
        group = {a.id: a.id for a in articles}
        for copy in brief.copies:
            for member in copy.members:
                group[member] = copy.members[0]
        words = {a.id: [content_set(s.text) for s in segment(a)] for a in articles}
        for e in brief.exclusives:
            mine = content_set(e.text)
            near = any(
                overlap(mine, ws) >= 0.6 and len(mine & ws) >= 3
                for a in articles
                if group[a.id] != group[e.article_id]
                for ws in words[a.id]
            )
            rows.append((name, e.article_id, e.text, not statement(e.text), near))
    cpu = time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    total = len(rows)
    furniture = sum(r[3] for r in rows)
    near = sum(r[4] for r in rows)
    clean = sum(not r[3] and not r[4] for r in rows)
    print(f"clusters {len(clusters)}  exclusives {total}")
    print(f"furniture {furniture}  near-copy elsewhere {near}  neither {clean}")
    print(f"cpu {cpu:.1f} s ({cpu / len(clusters) * 1000:.0f} ms/brief), peak {peak / 1e6:.0f} MB")
    if args.sample:
        drawn = random.Random(args.seed).sample(rows, min(args.sample, total))
        with args.out.open("w", encoding="utf-8") as out:
            for n, (name, article, text, furn, near_copy) in enumerate(drawn, 1):
                out.write(f"{n}. [{name} {article}] furniture={furn} near={near_copy}\n{text}\n\n")
        print(f"sample of {len(drawn)} written to {args.out}")


if __name__ == "__main__":
    main()
