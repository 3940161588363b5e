"""Timeline entry precision against hand annotations (bench/data/timeline_dates.json).

    python bench/timeline_judged.py [--show]
    python bench/timeline_judged.py --candidates g5w1h:21,g5w1h:47   # what to annotate

The annotations were made by reading the articles before running the timeline (issue 15,
rounds 5 and 6; bench/timeline_verdicts.md says which events were developed on): every
sentence of the judged Giveme5W1H events and MultiLing topics in which `newsfuse.time` finds a
day, month or year is keyed by article id and a hash of its words (no article text is kept)
and given the date of the event its main clause reports ("2017-12-29", "2017-09"; "S:2018"
when it is scheduled; a list when two readings are defensible), or null when no entry should
come from it (a quotation, a caption or heading glued to it, a state, a forecast, or a date
that belongs to another clause). An entry is right when its date and kind match; "entries"
counts them all, "found" the annotated events that some right entry reports. Entries from
sentences no one annotated are "unjudged".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from newsfuse.analyze import analyze
from newsfuse.analyze.latest import find_latest
from newsfuse.clean import clean
from newsfuse.model import Article, TimelineEntry
from newsfuse.segment import segment
from newsfuse.time import find_timexes, granularity

ROOT = Path(__file__).resolve().parent
GIVEME = ROOT.parents[1] / "shared/data/clusters/giveme5w1h_news_cluster.jsonl"
MULTILING = ROOT.parents[1] / "shared/data/multiling2011/english.jsonl"
DUC = ROOT.parents[1] / "shared/data/duc2003/task2.jsonl"
ANNOTATIONS = ROOT / "data/timeline_dates.json"
# Annotated and then developed on (the governing-clause rules were written on their errors):
# their figure is not a held-out one. The rest were annotated after those rules were written
# and were not looked at while changing the timeline.
# Round 5 (g5w1h:10, 58, 71, M006, M007) was held out until the commit "timeline attach:
# names are not verbs ..." was made on its errors.
ROUND_5 = frozenset({"g5w1h:10", "g5w1h:58", "g5w1h:71", "M006", "M007"})
# Round 6 was held out until the commit "timeline attach: a participle phrase after the main
# verb ...", made on its errors.
ROUND_6 = frozenset({"g5w1h:46", "g5w1h:62"})
# Round 7 was held out until the commit "time: 'a decade ago' is ten years back ...", made
# on its errors; round 8 (g5w1h:59, 75) was annotated after it.
ROUND_7 = frozenset({"g5w1h:55", "g5w1h:63"})
# Round 8 was held out until the fourth pass of issue 15. Round 9 was annotated in that pass
# from `--candidates` alone, before the timeline ran on it; held out until the commit
# "timeline (round 9's errors, ...)". Round 10 (g5w1h:19, 66) was annotated after that commit
# and held out until the commit "timeline (round 10's errors, ...)". No event is held out now:
# annotate new ones (--candidates) before changing the timeline again.
ROUND_8 = frozenset({"g5w1h:59", "g5w1h:75"})
ROUND_9 = frozenset({"g5w1h:21", "g5w1h:28", "g5w1h:47", "g5w1h:54", "g5w1h:67"})
ROUND_10 = frozenset({"g5w1h:19", "g5w1h:66"})
# Round 11: annotated from `--candidates` alone before the timeline ran on it; held out until
# the commit "clean: a video playlist's items go ..." made on its errors (first scored on
# 79fd464 and again with issue 15's eighth pass merged: 38/55 = 0.691 both times).
# Events no test, golden case, bench or earlier round uses (the unused ones with two to five
# articles were all judged on timeline output in rounds 2-4, so larger ones were taken).
ROUND_11 = frozenset({"g5w1h:18", "g5w1h:49", "g5w1h:56", "g5w1h:73"})
# Round 12: Giveme5W1H events no test, bench or earlier round judged (the golden briefs pin
# 64 and 65 only by hash); annotated from `--candidates` and a full reading before the
# timeline ran on them, scored on main 7b644c9 (38/51) and, once, after issue 15's ninth
# pass, made on rounds 1-11 only (38/50). No event is held out now.
ROUND_12 = frozenset({"g5w1h:64", "g5w1h:65", "g5w1h:74", "g5w1h:76"})
# Round 13: DUC 2003 task 2 clusters no test, bench, golden brief or earlier round uses,
# annotated from `--candidates` and a full reading before the timeline ran on them (issue 15,
# tenth pass); scored on main 554260d and, once, after changes made on rounds 1-12 only.
ROUND_13 = frozenset({"d30034t", "d30044t", "d31009t", "d31011t"})
# Round 14: two more such DUC clusters, annotated the same way after round 13 was scored
# (before the round-13 classes were worked on); scored on main 554260d and on the branch.
ROUND_14 = frozenset({"d30056t", "d31027t"})
# Round 15: three more such DUC clusters, annotated from `--candidates` before the timeline ran
# on them (issue 15, eleventh pass); scored on main 4dd3a81 (58/63, the held-out figure), then
# developed on (a closing attribution's date, a date inside a possessive subject, after "for
# the <deed> of", before "in which", in a clause of cause).
ROUND_15 = frozenset({"d30003t", "d31013t", "d31041t"})
# Round 16: two more such DUC clusters, annotated after round 15's fixes; scored once on the
# branch (49/50) and on main 4dd3a81 (49/51), then its one error (a state of mind) was worked
# on. No event is held out now: annotate new ones before changing the timeline again.
ROUND_16 = frozenset({"d30042t", "d31050t"})
DEVELOPED_ON = frozenset(f"g5w1h:{n}" for n in (11, 17, 20, 23, 24, 25, 30, 31, 32, 41, 42, 43))
# Report groups in order; an annotated event in none of them counts as "held out".
GROUPS = (
    ("developed on", DEVELOPED_ON),
    ("round 5", ROUND_5),
    ("round 6", ROUND_6),
    ("round 7", ROUND_7),
    ("round 8", ROUND_8),
    ("round 9", ROUND_9),
    ("round 10", ROUND_10),
    ("round 11", ROUND_11),
    ("round 12", ROUND_12),
    ("round 13", ROUND_13),
    ("round 14", ROUND_14),
    ("round 15", ROUND_15),
    ("round 16", ROUND_16),
)


def sentence_key(article_id: str, text: str) -> str:
    return f"{article_id}:{hashlib.sha1(' '.join(text.split()).encode()).hexdigest()[:10]}"


def load(ids: set[str]) -> dict[str, list[Article]]:
    """Giveme5W1H events by cluster id, MultiLing topics ("M006") and DUC 2003 clusters
    ("d30034t") by topic id."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for path in (MULTILING, DUC):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                topic = json.loads(line)
                if topic["cluster_id"] not in ids:
                    continue
                for d in topic["documents"]:
                    day = d.get("published")
                    published = datetime.fromisoformat(day[:10]) if day else None
                    article = Article(d["id"], d["text"], title=d.get("title"), published=published)
                    stories[topic["cluster_id"]].append(clean(article))
    with GIVEME.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            if r["cluster_id"] in ids:
                published: datetime | None = (
                    datetime.fromisoformat(r["date"][:19]) if r.get("date") else None
                )
                # One paragraph a line in this set; the model separates them by blank lines.
                text = "\n\n".join(p for p in r["text"].splitlines() if p.strip())
                article = Article(r["id"], text, title=r.get("title"), published=published)
                stories[r["cluster_id"]].append(clean(article))
    return stories


Gold = dict[str, str | list[str] | None]


def verdict(entry: TimelineEntry, gold: Gold) -> str:
    """ "right", "wrong" or "unjudged" for one entry."""
    keys = [sentence_key(c, entry.text) for c in entry.citations]
    known = [gold[k] for k in keys if k in gold]
    if not known:
        return "unjudged"
    wants = known[0] if isinstance(known[0], list) else [known[0]]
    for want in filter(None, wants):
        scheduled = want.startswith("S:")
        if entry.date == want.removeprefix("S:") and scheduled == (entry.kind == "scheduled"):
            return "right"
    return "wrong"


def latest_verdicts(
    timeline: Sequence[TimelineEntry], articles: Sequence[Article], gold: Gold
) -> tuple[str, str]:
    """The Latest and Next lines judged: "right" (a right entry; Latest the newest right
    event, Next after the newest article), "wrong", "unjudged", "none" (abstained) or
    "missed" (abstained though a right one exists). The lines are found with the articles'
    sentences, as the brief finds them: a line read from a sentence rather than a timeline
    entry (a state, a plan in a side clause) is judged by that sentence's annotation."""
    found = find_latest(timeline, articles, {a.id: segment(a) for a in articles})
    newest = max((a.published.date().isoformat() for a in articles if a.published), default="")
    events = [t.date for t in timeline if t.kind == "event" and verdict(t, gold) == "right"]
    ahead = [t for t in timeline if t.kind == "scheduled" and t.date > newest[: len(t.date)]]
    wanted = (
        bool(events),
        any(verdict(t, gold) == "right" for t in ahead),
    )
    out = []
    for entry, want, is_next in zip(
        (found.status, found.next) if found else (None, None), wanted, (False, True), strict=True
    ):
        if entry is None:
            out.append("missed" if want else "none")
            continue
        v = verdict(entry, gold)
        if v == "right" and not is_next and entry.date < max(events):
            v = "not newest"
        if v == "right" and is_next and entry.date <= newest[: len(entry.date)]:
            v = "past"
        out.append(v)
    return out[0], out[1]


def candidates(ids: list[str]) -> None:
    """Print, for annotating, every sentence of these events in which a day, month or year is
    found, with its key and publication date (the timeline itself is not run)."""
    stories = load(set(ids))
    for cid in ids:
        for a in stories[cid]:
            ref = a.published.date() if a.published else None
            print(f"\n=== {cid} {a.id} published {ref} title: {a.title}")
            for s in segment(a):
                found = [
                    t
                    for t in find_timexes(s.text, ref)
                    if t.type in ("DATE", "TIME") and granularity(t.value) in ("D", "M", "Y")
                ]
                if found:
                    print(f"[{sentence_key(a.id, s.text)}] {' '.join(s.text.split())}")
                    print("    " + "; ".join(f"{t.text!r}={t.value}" for t in found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print every entry with its verdict")
    parser.add_argument("--candidates", metavar="IDS", help="comma-separated events to annotate")
    args = parser.parse_args()
    if args.candidates:
        candidates(args.candidates.split(","))
        return
    annotations: dict[str, Gold] = json.loads(ANNOTATIONS.read_text())
    stories = load(set(annotations))
    parts = (*(name for name, _ in GROUPS), "held out")
    totals: dict[str, dict[str, int]] = {p: defaultdict(int) for p in parts}
    cpu = 0.0
    print(
        "| event | set | entries | right | wrong | unjudged | annotated events found "
        "| Latest | Next |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|---|")
    for cid in sorted(annotations):
        gold = annotations[cid]
        part = next((name for name, events in GROUPS if cid in events), "held out")
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
        events = {
            (v if isinstance(v, str) else v[0]).removeprefix("S:") for v in gold.values() if v
        }
        status, upcoming = latest_verdicts(timeline, stories[cid], gold)
        print(
            f"| {cid} | {part} | {len(timeline)} | {counts['right']} | {counts['wrong']} | "
            f"{counts['unjudged']} | {len(found & events)}/{len(events)} | {status} | {upcoming} |"
        )
        total = totals[part]
        for k in ("right", "wrong", "unjudged"):
            total[k] += counts[k]
        total["entries"] += len(timeline)
        total["found"] += len(found & events)
        total["events"] += len(events)
        for line, v in (("Latest", status), ("Next", upcoming)):
            total[f"{line} {v}"] += 1
    for part, t in totals.items():
        judged = t["right"] + t["wrong"]
        print(
            f"| **{part}** | | {t['entries']} | {t['right']} | {t['wrong']} | {t['unjudged']} | "
            f"{t['found']}/{t['events']} | | |"
        )
    for part, t in totals.items():
        judged = t["right"] + t["wrong"]
        print(f"{part}: precision {t['right']}/{judged} = {t['right'] / max(judged, 1):.3f}")
        lines = sorted(f"{k} {n}" for k, n in t.items() if k.startswith(("Latest", "Next")))
        print(f"    {', '.join(lines)}")
    right = sum(t["right"] for t in totals.values())
    judged = sum(t["right"] + t["wrong"] for t in totals.values())
    print(f"all rounds: precision {right}/{judged} = {right / max(judged, 1):.3f}")
    print(f"analyze CPU time, all events: {cpu:.2f} s")


if __name__ == "__main__":
    main()
