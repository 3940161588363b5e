"""Timeline entry precision against hand annotations (bench/data/timeline_dates.json).

    python bench/timeline_judged.py [--show]

The annotations were made by reading the articles before running the timeline (issue 15,
round 5): every sentence of the judged Giveme5W1H events in which `newsfuse.time` finds a
day, month or year is keyed by article id and a hash of its words (no article text is kept)
and given the date of the event its main clause reports ("2017-12-29", "2017-09"; "S:2018"
when it is scheduled), or null when no entry should come from it (a quotation, a caption or
heading glued to it, a state, a forecast, or a date that belongs to another clause). An entry
is right when its date and kind match; "entries" counts them all, "found" the annotated
events that some right entry reports. Entries from sentences no one annotated are "unjudged".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from newsfuse.analyze import analyze
from newsfuse.clean import clean
from newsfuse.model import Article, TimelineEntry

ROOT = Path(__file__).resolve().parent
GIVEME = ROOT.parents[1] / "shared/data/clusters/giveme5w1h_news_cluster.jsonl"
ANNOTATIONS = ROOT / "data/timeline_dates.json"


def sentence_key(article_id: str, text: str) -> str:
    return f"{article_id}:{hashlib.sha1(' '.join(text.split()).encode()).hexdigest()[:10]}"


def load(ids: set[str]) -> dict[str, list[Article]]:
    stories: dict[str, list[Article]] = defaultdict(list)
    with GIVEME.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            if r["cluster_id"] in ids:
                published = datetime.fromisoformat(r["date"][:19]) if r.get("date") else None
                # One paragraph a line in this set; the model separates them by blank lines.
                text = "\n\n".join(p for p in r["text"].splitlines() if p.strip())
                article = Article(r["id"], text, title=r.get("title"), published=published)
                stories[r["cluster_id"]].append(clean(article))
    return stories


def verdict(entry: TimelineEntry, gold: dict[str, str | None]) -> str:
    """ "right", "wrong" or "unjudged" for one entry."""
    keys = [sentence_key(c, entry.text) for c in entry.citations]
    known = [gold[k] for k in keys if k in gold]
    if not known:
        return "unjudged"
    want = known[0]
    if want is None:
        return "wrong"
    scheduled = want.startswith("S:")
    same_kind = scheduled == (entry.kind == "scheduled")
    return "right" if entry.date == want.removeprefix("S:") and same_kind else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every entry with its verdict")
    args = parser.parse_args()
    annotations: dict[str, dict[str, str | None]] = json.loads(ANNOTATIONS.read_text())
    stories = load(set(annotations))
    totals: dict[str, int] = defaultdict(int)
    cpu = 0.0
    print("| event | entries | right | wrong | unjudged | annotated events found |")
    print("|---|---:|---:|---:|---:|---:|")
    for cid in sorted(annotations, key=lambda c: int(c.split(":")[1])):
        gold = annotations[cid]
        start = time.process_time()
        timeline = analyze(stories[cid]).timeline
        cpu += time.process_time() - start
        counts: dict[str, int] = defaultdict(int)
        found: set[str] = set()
        for i, entry in enumerate(timeline):
            v = verdict(entry, gold)
            counts[v] += 1
            if v == "right":
                found.add(entry.date)
            if args.show:
                print(f"  {cid} #{i} {v:8} {entry.kind:10} {entry.date} {entry.text[:110]}")
        events = {v.removeprefix("S:") for v in gold.values() if v}
        print(
            f"| {cid} | {len(timeline)} | {counts['right']} | {counts['wrong']} | "
            f"{counts['unjudged']} | {len(found & events)}/{len(events)} |"
        )
        for k in ("right", "wrong", "unjudged"):
            totals[k] += counts[k]
        totals["entries"] += len(timeline)
        totals["found"] += len(found & events)
        totals["events"] += len(events)
    judged = totals["right"] + totals["wrong"]
    print(
        f"| **total** | {totals['entries']} | {totals['right']} | {totals['wrong']} | "
        f"{totals['unjudged']} | {totals['found']}/{totals['events']} |"
    )
    print(f"\nprecision {totals['right']}/{judged} = {totals['right'] / max(judged, 1):.3f}")
    print(f"analyze CPU time, all events: {cpu:.2f} s")


if __name__ == "__main__":
    main()
