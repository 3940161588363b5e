"""Does the summary open on the story's main event? A cheap check against DUC 2003's humans.

For each DUC 2003 task 2 cluster, the key words of the main event are the Porter-stemmed
content words that stand in the first sentences of at least two of its four human summaries
(who, what, where: "Swissair", "flight", "crash", "Nova", "Scotia"). The check is the share of
them the summary's first line states (`first`), and whether it states half or more (`hit`).
The summary is made as a brief makes it: copies of one wire story count as one source, the
default budget, no overflow. Clusters named with `--skip` are left out (held out for reading).

    python bench/summary_lede.py [--skip d30048t,d31001t,d31028t] [--show]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from nltk.stem.porter import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from summary_loso import SETS, Prepared, _prepare

from newsfuse.config import SummaryConfig
from newsfuse.evaluate.data import read_clusters
from newsfuse.memo import one_brief
from newsfuse.summarize import summarize

_STEM = PorterStemmer()
# The references are tokenised: a sentence ends in a separate mark ("... 1998 ."), while
# "U.S." and "Dr." keep theirs.
_REFERENCE_END = re.compile(r"\s[.!?]\s")
# Agreed on by this many of the references' first sentences.
AGREE = 2


def stems(text: str) -> set[str]:
    return {
        _STEM.stem(w)
        for w in re.findall(r"[a-z0-9]+", text.lower())
        if w not in ENGLISH_STOP_WORDS and len(w) > 1
    }


def key_words(references: Sequence[str]) -> set[str]:
    firsts = [_REFERENCE_END.split(r.strip() + " ", maxsplit=1)[0] for r in references]
    counts = Counter(w for first in firsts for w in stems(first))
    return {w for w, n in counts.items() if n >= AGREE}


def first_lines(clusters: Sequence[Prepared], config: SummaryConfig) -> list[str]:
    out = []
    for cluster in clusters:
        with one_brief():
            items = summarize(
                cluster.articles, config, sources=cluster.sources, segmented=cluster.segmented
            )
        out.append(items[0].text if items else "")
    return out


def lede_check(
    clusters: Sequence[Prepared], config: SummaryConfig
) -> tuple[float, int, list[tuple[str, float, str, set[str]]]]:
    """Mean share of key words line 1 states, clusters where it states half or more, rows."""
    rows = []
    for cluster, line in zip(clusters, first_lines(clusters, config), strict=True):
        keys = key_words(cluster.references)
        share = len(keys & stems(line)) / len(keys) if keys else 1.0
        rows.append((cluster.id, share, line, keys))
    mean = sum(r[1] for r in rows) / len(rows)
    return mean, sum(r[1] >= 0.5 for r in rows), rows


def duc(skip: frozenset[str] = frozenset()) -> list[Prepared]:
    return [
        _prepare(c.id, c.articles, c.references, True)
        for c in read_clusters(SETS["duc"][0])
        if c.id not in skip
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help="cluster ids to leave out, comma-separated")
    parser.add_argument("--show", action="store_true", help="print each first line")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a summary setting (JSON value)",
    )
    args = parser.parse_args()
    overrides = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    config = dataclasses.replace(SummaryConfig(), **overrides)
    clusters = duc(frozenset(filter(None, args.skip.split(","))))
    start = time.process_time()
    mean, hits, rows = lede_check(clusters, config)
    seconds = time.process_time() - start
    if args.show:
        for id_, share, line, keys in rows:
            print(f"{id_} {share:.2f} {sorted(keys)}\n    {line}")
    print(
        f"{len(rows)} DUC clusters: line 1 states {100 * mean:.1f}% of the key words, "
        f"half or more in {hits}; {seconds:.1f} s CPU"
    )


if __name__ == "__main__":
    main()
