"""What ROUGE does not see in a summary: its order, repeated facts, page furniture, balance.

Over the shared clusters (DUC 2003 at 100 words, MultiLing 2011 at 250, the Giveme5W1H
events of 3+ articles at 250), summaries within the budget as a brief prints them:

- order: Kendall tau-b between the bullets' order and the order of the reference sentences
  they match best (ROUGE-1 F1 of stemmed words, at least 0.2), per (cluster, reference)
  with two matched bullets or more, averaged; DUC and MultiLing, which have references;
- repeats: bullet pairs of one summary that state the same fact, by a measure the summarizer
  does not use: half or more of the shorter bullet's stemmed content words (Porter) stand in
  the other, and at least four do;
- furniture: bullets that are a caption, a photo credit or a page's navigation, by the
  general-English patterns below (the flagged lines are printed to be read);
- balance: on Giveme5W1H events whose summary cites two outlets or more, the share of
  bullets drawn from the most-used outlet (an outlet is the article's site), averaged.

    python bench/summary_quality.py                 # the default beside the former settings
    python bench/summary_quality.py --show repeats  # print the flagged pairs / lines
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from nltk.stem.porter import PorterStemmer
from scipy.stats import kendalltau
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_loso import SCORER, Prepared, giveme_events, scored_sets

from newsfuse.config import SUMMARY_ORDERS, SummaryConfig
from newsfuse.memo import one_brief
from newsfuse.model import SummaryItem
from newsfuse.summarize import summarize

BUDGETS = {"duc": 100, "multiling": 250, "giveme": 250}
_STEM = PorterStemmer()
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘'(]?[A-Z0-9])")

# Captions, credits and navigation, in general English (for measuring; the summarizer has
# its own rules). A photo credit "Name/Agency", a caption's "is seen", "(L)", "at center",
# "pictured", a video's "Now Playing", and the prompts of a page.
FURNITURE = re.compile(
    r"\b(?:photo|image|picture)s?\s*(?::|/|credit|courtesy)"
    r"|\w/(?:AP|AFP|Reuters|Getty|EPA|Shutterstock)\b|Getty Images"
    r"|\b(?:is|are) (?:seen|pictured|shown)\b|\bpictured\b|\((?:L|R|C|left|right|center)\)"
    r"|\bat (?:center|left|right)\b|\bfrom left\b"
    r"|\b(?:view all|sign up|continue reading|read more|scroll down|click here|replay"
    r"|more videos|now playing|media playback|media caption|external links"
    r"|look back at|subscribe|newsletters?|advertisement|just watched)\b",
    re.IGNORECASE,
)


def _words(text: str) -> set[str]:
    return {
        _STEM.stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ENGLISH_STOP_WORDS
    }


def summaries(
    clusters: Sequence[Prepared], config: SummaryConfig, words: int
) -> list[list[SummaryItem]]:
    config = dataclasses.replace(config, words=words, overflow=False)
    out = []
    for cluster in clusters:
        with one_brief():
            out.append(
                summarize(
                    cluster.articles, config, sources=cluster.sources, segmented=cluster.segmented
                )
            )
    return out


def order_tau(clusters: Sequence[Prepared], made: Sequence[Sequence[SummaryItem]]) -> float:
    taus = []
    for cluster, items in zip(clusters, made, strict=True):
        for reference in cluster.references:
            sentences = _SENTENCE_END.split(reference.strip())
            matched = []
            for item in items:
                scores = [SCORER.score(s, item.text)["rouge1"].fmeasure for s in sentences]
                best = max(range(len(scores)), key=scores.__getitem__)
                if scores[best] >= 0.2:
                    matched.append(best)
            if len(matched) >= 2 and len(set(matched)) >= 2:
                taus.append(float(kendalltau(range(len(matched)), matched).statistic))
    return sum(taus) / len(taus)


def repeats(made: Sequence[Sequence[SummaryItem]]) -> list[tuple[str, str]]:
    pairs = []
    for items in made:
        bags = [_words(item.text) for item in items]
        for (a, wa), (b, wb) in combinations(zip(items, bags, strict=True), 2):
            shared = len(wa & wb)
            if shared >= 4 and shared >= 0.5 * min(len(wa), len(wb)):
                pairs.append((a.text, b.text))
    return pairs


def furniture(made: Sequence[Sequence[SummaryItem]]) -> list[str]:
    return [item.text for items in made for item in items if FURNITURE.search(item.text)]


def balance(clusters: Sequence[Prepared], made: Sequence[Sequence[SummaryItem]]) -> float:
    shares = []
    for cluster, items in zip(clusters, made, strict=True):
        outlet = {a.id: a.outlet or a.id for a in cluster.articles}
        drawn = Counter(outlet[i.fact.representative.article_id] for i in items if i.fact)
        if len({outlet[a] for i in items for a in i.citations}) >= 2:
            shares.append(max(drawn.values()) / sum(drawn.values()))
    return sum(shares) / len(shares)


def measure(
    sets: dict[str, list[Prepared]], config: SummaryConfig, show: str | None = None
) -> dict[str, Any]:
    start = time.process_time()
    made = {name: summaries(c, config, BUDGETS[name]) for name, c in sets.items()}
    seconds = time.process_time() - start
    row: dict[str, Any] = {"cpu_s_per_cluster": seconds / sum(map(len, sets.values()))}
    for name in ("duc", "multiling"):
        row[f"tau_{name}"] = order_tau(sets[name], made[name])
    for name, items in made.items():
        pairs, lines = repeats(items), furniture(items)
        row[f"repeats_{name}"], row[f"furniture_{name}"] = len(pairs), len(lines)
        row[f"bullets_{name}"] = sum(map(len, items))
        if show == "repeats":
            for a, b in pairs:
                print(f"{name}: {a}\n   == {b}")
        elif show == "furniture":
            for line in lines:
                print(f"{name}: {line}")
    row["top_outlet_share_giveme"] = balance(sets["giveme"], made["giveme"])
    return row


# The settings before issue 19's order, repeat and balance work (captions are left out by
# both: that rule has no setting).
FORMER = SummaryConfig(order="time", redundancy_cutoff=0.7, outlet_tie=0.0)


def load() -> dict[str, list[Prepared]]:
    sets = scored_sets()
    sets["giveme"] = [c for c in giveme_events() if len(c.articles) >= 3]
    return sets


def choose_order(sets: dict[str, list[Prepared]]) -> None:
    """Each order's tau on DUC and MultiLing; the order best on one set reported on the
    other (leave one set out), and the order whose worse set is best."""
    names = ("duc", "multiling")
    taus = {}
    for how in SUMMARY_ORDERS:
        config = SummaryConfig(order=how)
        taus[how] = {n: order_tau(sets[n], summaries(sets[n], config, BUDGETS[n])) for n in names}
        print(f"order {how}: " + "; ".join(f"{n} tau {taus[how][n]:.3f}" for n in names))
    for held_out in names:
        (chosen_on,) = (n for n in names if n != held_out)
        best = max(SUMMARY_ORDERS, key=lambda h: taus[h][chosen_on])
        print(f"chosen on {chosen_on}: {best}, reported on {held_out}: {taus[best][held_out]:.3f}")
    worst = max(SUMMARY_ORDERS, key=lambda h: min(taus[h].values()))
    print(f"best worse set: {worst} ({min(taus[worst].values()):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("repeats", "furniture"))
    parser.add_argument("--orders", action="store_true", help="compare the line orders")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="also measure the default with this setting changed (repeatable)",
    )
    args = parser.parse_args()
    sets = load()
    if args.orders:
        choose_order(sets)
        return
    rows = {"default": measure(sets, SummaryConfig(), args.show)}
    if not args.show:
        rows["former"] = measure(sets, FORMER)
    if args.variant and not args.show:
        changed = {k: json.loads(v) for k, v in (x.split("=", 1) for x in args.variant)}
        rows["variant"] = measure(sets, dataclasses.replace(SummaryConfig(), **changed))
    print(f"{'measure':<28}" + "".join(f"{name:>10}" for name in rows))
    for key in rows["default"]:
        cells = (rows[name][key] for name in rows)
        print(
            f"{key:<28}"
            + "".join(f"{v:>10.3f}" if isinstance(v, float) else f"{v:>10}" for v in cells)
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB (the process: data, models and both runs)")


if __name__ == "__main__":
    main()
