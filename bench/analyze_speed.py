"""Time the analysis adds per story: `analyze` on DUC 2003 clusters (~10 articles each).
Beside it, the timeline's date rules against the obvious alternative, dateparser's
`search_dates`: dates right on hand-written cases (the forms news prints, with the answer a
careful reader gives) and sentences per second over the same DUC sentences.

    python bench/analyze_speed.py [--clusters 30]

Last measured: median 31 ms, max 58 ms per 10 articles (30 clusters; 82-93 ms before the
speed pass), before the timeline moved to newsfuse.time. Timeline alone, in CPU time (median per 10
articles): 25.8 ms (20.9 ms before issue 15's fourth pass, 17.5 ms before it checked which
clause a date governs) beside 3.0 ms for the former date rules. Dates: the rules 12/12 right
at 3,151 sentences/s, dateparser 7/12 at 161 on that loaded machine
(it cannot see tense: "will meet on June 22" goes to last year; and it reads "on Monday"
published on that Monday as the week before). The cases include ones the rules were
written against, so 12/12 is not a held-out score.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from newsfuse.analyze import analyze
from newsfuse.analyze.clause_date import resolve_dates
from newsfuse.analyze.names import Registry
from newsfuse.analyze.quotes import extract_quotes
from newsfuse.analyze.timeline import extract_timeline
from newsfuse.clean import clean
from newsfuse.model import Article
from newsfuse.segment import segment

# (sentence, publication date, the date a careful reader resolves it to: day or month)
DATE_CASES = [
    ("On Saturday, Okafor said he hoped to meet Halm.", "2023-06-19", "2023-06-17"),
    ("Halm met Lindqvist on Friday.", "2023-06-19", "2023-06-16"),
    ("Modi will meet Okafor on June 22.", "2023-06-19", "2023-06-22"),
    ("Last October, Merrow said the talks had stalled.", "2023-06-19", "2022-10"),
    ("The trip was postponed in February after the balloon.", "2023-06-19", "2023-02"),
    ("Halm is expected to visit Port Alden in November.", "2023-06-19", "2023-11"),
    ("She said she would meet families of the injured on Sunday.", "2026-03-14", "2026-03-15"),
    ("In July 2012, a bank error charged a man $84,522.", "2026-03-14", "2012-07"),
    ("She did not have to pay until November 2018.", "2017-12-27", "2018-11"),
    ("She was filmed slapping soldiers last month.", "2018-01-01", "2017-12"),
    ("The court met on Monday to indict her.", "2018-01-01", "2018-01-01"),
    ("Her lawyer said Wednesday she doubts such a sentence.", "2018-01-03", "2018-01-03"),
]


def _dateparser_first(sentence: str, published: str) -> str | None:
    from dateparser.search import search_dates  # type: ignore[import-untyped]  # bench extra

    found = search_dates(
        sentence,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.fromisoformat(published),
            "PREFER_DATES_FROM": "past",
        },
    )
    return found[0][1].date().isoformat() if found else None


def _ours_first(sentence: str, published: str) -> str | None:
    found = resolve_dates(sentence, datetime.fromisoformat(published).date())
    return found[0][0] if found else None


def _right(got: str | None, want: str) -> bool:
    # A month answer is right when the day found falls in that month.
    return got is not None and got[: len(want)] == want


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA = SHARED / "duc2003" / "task2.jsonl"
POLNEAR_DEV = SHARED / "attribution" / "polnear_dev.jsonl"


def _quotes_side_by_side(stories: list[list[Article]]) -> None:
    """Quotes: the learned attribution beside the rules it replaced (bench/quote_rules.py),
    time per 10 articles on the DUC stories (registry built outside the timing, as `analyze`
    shares it) and quality on PolNeAR dev (`newsfuse eval quotes`)."""
    import quote_rules  # the rules as they were, kept here as the baseline

    from newsfuse.evaluate.quotes import read_gold, score_quotes

    def rules(articles: list[Article], registry: Registry) -> object:
        mentions = [m for a in articles for m in quote_rules.find_quotes(a, registry)]
        return quote_rules.group_quotes(mentions)

    systems = {"rules (before)": rules, "learned attribution": extract_quotes}
    gold = list(read_gold(POLNEAR_DEV)) if POLNEAR_DEV.exists() else []
    print(
        "| quotes | ms / 10 articles (median, max) | quote P | quote R | speaker P |"
        " speaker R | unattributed |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    registries = [Registry.build(articles) for articles in stories]
    for name, run in systems.items():
        run(stories[0], registries[0])  # warm-up: the model's weights load once
        per_ten = []
        for articles, registry in zip(stories, registries, strict=True):
            start = time.process_time()
            run(articles, registry)
            per_ten.append((time.process_time() - start) * 1000 * 10 / len(articles))
        s = score_quotes(gold, lambda a, run=run: run([a], Registry.build([a]))).as_dict()  # type: ignore[misc]
        print(
            f"| {name} | {statistics.median(per_ten):.1f}, {max(per_ten):.1f} "
            f"| {s['precision']:.3f} | {s['recall']:.3f} | {s['speaker_precision']:.3f} "
            f"| {s['speaker_recall']:.3f} | {s['unattributed_share']:.3f} |"
        )


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

    # The timeline alone, beside the former date rules scanning the same sentences.
    sys.path.insert(0, str(Path(__file__).parent))
    from _former_timeline_rules import resolve_dates as former_resolve

    split = [{a.id: segment(a) for a in articles} for articles in stories]
    ours, former = [], []
    # CPU time (time.process_time): the machine is shared, wall time would measure the others.
    for articles, sents in zip(stories, split, strict=True):
        start = time.process_time()
        extract_timeline(articles, sents)
        ours.append((time.process_time() - start) * 1000 * 10 / len(articles))
        start = time.process_time()
        for a in articles:
            ref = (a.published or datetime(1998, 1, 1)).date()
            for s in sents[a.id]:
                former_resolve(s.text, ref)
        former.append((time.process_time() - start) * 1000 * 10 / len(articles))
    print("| timeline | median CPU ms per 10 articles |\n|---|---:|")
    print(f"| newsfuse.time timeline | {statistics.median(ours):.1f} |")
    print(f"| former date rules (dates only) | {statistics.median(former):.1f} |")

    _quotes_side_by_side(stories)

    sentences = [
        (s.text, (a.published or datetime(1998, 1, 1)).date().isoformat())
        for articles in stories
        for a in articles
        for s in segment(a)
    ]
    print("| dates | right on the cases | sentences/s |")
    print("|---|---:|---:|")
    for name, first in (("newsfuse rules", _ours_first), ("dateparser", _dateparser_first)):
        right = sum(_right(first(text, pub), want) for text, pub, want in DATE_CASES)
        sample = sentences if first is _ours_first else sentences[:500]
        start = time.perf_counter()
        for text, pub in sample:
            first(text, pub)
        rate = len(sample) / (time.perf_counter() - start)
        print(f"| {name} | {right}/{len(DATE_CASES)} | {rate:,.0f} |")


if __name__ == "__main__":
    main()
