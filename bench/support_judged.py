"""Summary citations and "one source only" against hand annotations (bench/data/support_gold.json).

    python bench/support_judged.py [--show] [--half dev|"held out"] [--embeddings]
        [--support X] [--copy-support X] [--pair-saying X] [--paraphrase X]

The annotations were made by reading the articles of 14 shared clusters (Giveme5W1H events
with several outlets and copies, one MultiLing 2011 topic, one DUC 2003 cluster) before any
change to the citation or exclusive code (issue 16); two more dev clusters (DUC d30020t,
g5w1h:57) were read in session 9, before scoring them; the 6 dev lines and 2 dev items the
quote-line and DUC quote-mark changes newly showed were read in session 11; session 12's
18 new bullets (7 dev, 11 held out) were read after that session's summary change. For each
default-brief summary bullet, keyed by its representative sentence (article id + a hash of
its words; no article text is kept) with a hash of the printed line, `stated_by` lists every
article that states the line's fact: its main claim with its figures, in any wording,
anywhere in the article; an article giving another figure, another event or only part of a
two-part claim is left out. For each "one source only" item shown in the Markdown brief (one
per source), `exclusives` holds true when no article outside the item's copy group states
its fact and the item is a statement of the story (not a caption, credit, boilerplate or
page furniture).

Scores: citation precision (cited articles that state the fact) and recall (articles that
state it and are cited), over the annotated bullets; one-source precision over the
annotated items. A current bullet or item nobody annotated (the code changed what is
shown) is counted and listed as unannotated, never scored as right or wrong.

The clusters were annotated in two halves: fixes were developed on "dev" only; "held out"
was scored before any fix and is reported beside it. Items a later change newly showed were
read and judged then (docs/benchmarks.md says which).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from brief_length import events, summary_sets

import newsfuse
from newsfuse.model import Article, Brief
from newsfuse.render.rank import rank_exclusives

GOLD = Path(__file__).resolve().parent / "data/support_gold.json"


def digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:10]


def sentence_key(article_id: str, text: str) -> str:
    return f"{article_id}:{digest(text)}"


def load(ids: set[str]) -> dict[str, list[Article]]:
    """The annotated clusters by id ("g5w1h:36", "M001", "d30028t"), as the benches load them."""
    found = {}
    for name, articles in [*summary_sets(None), *events(None)]:
        cluster = name.split("/", 1)[1]
        if cluster in ids:
            found[cluster] = articles
    return found


def shown_exclusives(brief: Brief) -> list[tuple[str, str]]:
    """The "one source only" items the Markdown brief shows, as (article id, text)."""
    return [(e.article_id, e.text) for e in rank_exclusives(brief.exclusives, 1)]


def score(brief: Brief, gold: dict[str, object], show: bool) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    summary = gold["summary"]
    assert isinstance(summary, dict)
    by_line = {v["line"]: v for v in summary.values()}
    for item in brief.summary:
        rep = item.fact.representative if item.fact else None
        want = summary.get(sentence_key(rep.article_id, rep.text)) if rep else None
        want = want or by_line.get(digest(item.text))
        counts["bullets"] += 1
        if want is None:
            counts["unannotated bullets"] += 1
            if show:
                print(f"    unannotated bullet: {item.text[:100]}")
            continue
        stated = set(want["stated_by"])
        cited = set(item.citations)
        counts["cited"] += len(cited)
        counts["cited right"] += len(cited & stated)
        counts["stating"] += len(stated)
        if show and cited != stated:
            print(
                f"    {item.text[:90]}\n      missed {sorted(stated - cited)}"
                f" wrong {sorted(cited - stated)}"
            )
    judged = gold["exclusives"]
    assert isinstance(judged, dict)
    for article_id, text in shown_exclusives(brief):
        counts["items"] += 1
        verdict = judged.get(sentence_key(article_id, text))
        if verdict is None:
            counts["unannotated items"] += 1
            if show:
                print(f"    unannotated item: {text[:100]}")
            continue
        counts["items judged"] += 1
        counts["items right"] += bool(verdict)
        if show and not verdict:
            print(f"    not exclusive: {text[:100]}")
    counts["all items"] += len(brief.exclusives)
    return counts


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="list every miss and wrong item")
    parser.add_argument("--half", choices=("dev", "held out"), help="only this half")
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="align with MiniLM sentence embeddings (the embeddings extra)",
    )
    parser.add_argument(
        "--support", type=float, help="summary.cite_support (above 1: the support score off)"
    )
    parser.add_argument(
        "--copy-support", type=float, help="summary.cite_copy_support (above 1: off)"
    )
    parser.add_argument("--pair-saying", type=float, help="summary.cite_pair_saying")
    parser.add_argument(
        "--paraphrase", type=float, help="summary.cite_paraphrase (with --embeddings; above 1: off)"
    )
    args = parser.parse_args()
    annotations = {
        cid: gold
        for cid, gold in json.loads(GOLD.read_text())["clusters"].items()
        if args.half in (None, gold["half"])
    }
    stories = load(set(annotations))
    totals: dict[str, dict[str, int]] = {"dev": defaultdict(int), "held out": defaultdict(int)}
    overrides: dict[str, dict[str, object]] = {}
    if args.embeddings:
        overrides["components"] = {"align": "embeddings"}
    summary: dict[str, float] = {}
    if args.support is not None:
        summary["cite_support"] = args.support
    if args.copy_support is not None:
        summary["cite_copy_support"] = args.copy_support
    if args.pair_saying is not None:
        summary["cite_pair_saying"] = args.pair_saying
    if args.paraphrase is not None:
        summary["cite_paraphrase"] = args.paraphrase
    if summary:
        overrides["summary"] = summary
    pipeline = newsfuse.Pipeline().with_config(overrides)
    cpu = 0.0
    print(
        "| cluster | half | bullets (unannotated) | citation P | citation R "
        "| items (unannotated) | one-source P |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for cid in sorted(annotations):
        gold = annotations[cid]
        if args.show:
            print(f"  {cid}")
        start = time.process_time()
        brief = pipeline.brief(stories[cid])
        cpu += time.process_time() - start
        c = score(brief, gold, args.show)
        for k, v in c.items():
            totals[gold["half"]][k] += v
        print(
            f"| {cid} | {gold['half']} | {c['bullets']} ({c['unannotated bullets']}) | "
            f"{ratio(c['cited right'], c['cited'])} | {ratio(c['cited right'], c['stating'])} | "
            f"{c['items']} ({c['unannotated items']}) | "
            f"{ratio(c['items right'], c['items judged'])} |"
        )
    both: dict[str, int] = defaultdict(int)
    for t in totals.values():
        for k, v in t.items():
            both[k] += v
    for name, t in (*totals.items(), ("both", both)):
        print(
            f"{name:9}: citation precision {ratio(t['cited right'], t['cited'])}, "
            f"recall {ratio(t['cited right'], t['stating'])}; "
            f"one-source precision {ratio(t['items right'], t['items judged'])}; "
            f"unannotated: {t['unannotated bullets']}/{t['bullets']} bullets, "
            f"{t['unannotated items']}/{t['items']} shown items ({t['all items']} in JSON)"
        )
    print(f"brief CPU time (process_time), all clusters: {cpu:.2f} s")


if __name__ == "__main__":
    main()
