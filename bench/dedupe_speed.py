"""Copy detection at scale: speed, memory and accuracy on collections with known copies.

    python bench/dedupe_speed.py                 # 1k and 10k
    python bench/dedupe_speed.py --sizes 100000  # one size per process
    python bench/dedupe_speed.py --sizes 100000 --window 20000  # bounded memory

Collections are built from the real articles in ../shared/data (giveme5w1h, ECB+, DUC
2003, MultiLing 2011). Each "original" is a real article with every third word replaced
from a seeded vocabulary, so originals share no text by accident. A third of the
originals get one to three copies: sentences dropped, paragraphs reordered, the
outlet's own paragraphs inserted, quotes straightened, a newsletter plug appended, or
only the first 60-90% of the wire taken. Every copy shares at least half its text with
its original. One article in ten also borrows a single sentence from an unrelated
original: a stock sentence, which is not a copy.

Scored pairwise (two articles in one predicted group vs. one true group). Side by side:
exact-hash dedup (identical normalised text) and, on 1k only, brute-force all-pairs
Jaccard over the same 4-shingles (a pair is a copy at Jaccard >= 0.3).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsfuse.dedupe import CopyConfig, CopyDetector
from newsfuse.dedupe.fingerprint import Shingler
from newsfuse.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PLUGS = (
    "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Follow us on social media for live updates throughout the day and night.",
    "This material may not be published, broadcast, rewritten or redistributed without leave.",
)


def real_texts() -> list[str]:
    texts = []
    for name in ("giveme5w1h_news_cluster.jsonl", "ecbplus.jsonl"):
        with (SHARED / "clusters" / name).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines]
    for path in (SHARED / "duc2003" / "task2.jsonl", SHARED / "multiling2011" / "english.jsonl"):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                texts += [d["text"] for d in json.loads(line)["documents"]]
    return [t for t in texts if len(t.split()) >= 120]


def _paragraphs(text: str) -> list[str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return [p for p in paragraphs if len(p.split()) >= 5]


class Corpus:
    """Originals and their copies, streamed; `truth[id]` is the id of the true group."""

    def __init__(self, texts: list[str], seed: int = 0) -> None:
        self.texts = texts
        self.rng = random.Random(seed)
        vocab = Counter(w for t in texts[:400] for w in re.findall(r"[a-z]{4,}", t.lower()))
        self.vocab = [w for w, _ in vocab.most_common(20000)]
        self.truth: dict[str, str] = {}
        self.copies = 0

    def _original(self, n: int) -> list[str]:
        rng = random.Random(n)
        words = self.texts[n % len(self.texts)].split(" ")
        for i in range(n % 3, len(words), 3):
            if "\n" not in words[i]:
                words[i] = rng.choice(self.vocab)
        return _paragraphs(" ".join(words))

    def _copy(self, wire: list[str], own: list[str]) -> list[str]:
        rng = self.rng
        kept = wire[: max(2, int(len(wire) * rng.uniform(0.6, 1.0)))]
        kept = [p for p in kept if rng.random() > 0.15] or kept[:2]
        if rng.random() < 0.5 and len(kept) > 3:  # reorder two paragraphs after the lede
            i, j = rng.sample(range(1, len(kept)), 2)
            kept[i], kept[j] = kept[j], kept[i]
        # The outlet's own paragraphs: at most half as long as what it took.
        budget = sum(len(p.split()) for p in kept) // 2
        for p in own:
            if len(p.split()) > budget:
                break
            kept.insert(rng.randrange(1, len(kept) + 1), p)
            budget -= len(p.split())
        if rng.random() < 0.5:
            kept = [p.replace("“", '"').replace("”", '"').replace("’", "'") for p in kept]
        if rng.random() < 0.5:
            kept.append(rng.choice(PLUGS))
        return kept

    def articles(self, size: int) -> Iterator[Article]:
        made, n = 0, 0
        stock: list[str] = []
        while made < size:
            wire = self._original(n)
            if stock and self.rng.random() < 0.1:  # a stock sentence from elsewhere
                wire.insert(self.rng.randrange(len(wire) + 1), self.rng.choice(stock))
            wire_id = f"o{n}"
            self.truth[wire_id] = wire_id
            yield Article(wire_id, "\n\n".join(wire))
            made += 1
            stock.append(wire[0].split(". ")[0][:200] + ".")
            stock = stock[-500:]
            if self.rng.random() < 1 / 3:
                for c in range(self.rng.randint(1, 3)):
                    if made >= size:
                        break
                    own = self._original(10_000_000 + n * 4 + c)
                    copy_id = f"o{n}c{c}"
                    self.truth[copy_id] = wire_id
                    self.copies += 1
                    yield Article(copy_id, "\n\n".join(self._copy(wire, own)))
                    made += 1
            n += 1


def pair_scores(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping (article -> group key)."""
    groups: dict[str, list[str]] = {}
    for article, key in predicted.items():
        groups.setdefault(key, []).append(article)
    tp = sum(
        n * (n - 1) // 2
        for members in groups.values()
        for n in Counter(truth[m] for m in members).values()
    )
    pred = sum(len(g) * (len(g) - 1) // 2 for g in groups.values())
    true = sum(n * (n - 1) // 2 for n in Counter(truth.values()).values())
    return (tp / pred if pred else 1.0), (tp / true if true else 1.0)


def exact_hash(articles: list[Article]) -> dict[str, str]:
    seen: dict[str, str] = {}
    out = {}
    for a in articles:
        key = hashlib.blake2b(" ".join(a.text.lower().split()).encode(), digest_size=16).digest()
        out[a.id] = seen.setdefault(key.hex(), a.id)
    return out


def brute_force(articles: list[Article], threshold: float = 0.3) -> dict[str, str]:
    shingler = Shingler(4)
    sets = [set(shingler.fingerprint(a.text, keep_text=False).shingles.tolist()) for a in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(articles)), 2):
        inter = len(sets[i] & sets[j])
        if inter and inter / (len(sets[i]) + len(sets[j]) - inter) >= threshold:
            parent[find(j)] = find(i)
    return {a.id: articles[find(i)].id for i, a in enumerate(articles)}


def run_one(size: int, window: int | None = None, batch: int = 1) -> dict[str, object]:
    corpus = Corpus(real_texts())
    detector = CopyDetector(CopyConfig(keep_text=False, window=window))
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    spent = cpu = 0.0
    keep: list[Article] = []
    stream = corpus.articles(size)
    # Articles arrive one at a time (`add`) or in small batches (`extend`); making them is
    # not timed.
    while chunk := list(itertools.islice(stream, batch)):
        if size <= 10_000:
            keep += chunk  # for the baselines; not kept at 100k
        start, start_cpu = time.perf_counter(), time.process_time()
        if batch == 1:
            detector.add(chunk[0])
        else:
            detector.extend(chunk, batch)
        spent += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    group_of = {a: a for a in corpus.truth}
    for group in detector.groups():
        for member in group.members:
            group_of[member] = group.members[0]
    precision, recall = pair_scores(group_of, corpus.truth)
    row: dict[str, object] = {
        "size": size,
        "copies": corpus.copies,
        "articles_per_s": size / spent,
        "articles_per_cpu_s": size / cpu,
        "peak_rss_mib": rss_after / 1024,
        "rss_growth_mib": (rss_after - rss_before) / 1024,
        "precision": precision,
        "recall": recall,
        "candidates": detector.candidates_checked,
    }
    if keep:
        start = time.perf_counter()
        exact = exact_hash(keep)
        speed = len(keep) / (time.perf_counter() - start)
        row["exact"] = (speed, *pair_scores(exact, corpus.truth))
    if size <= 1000:
        start = time.perf_counter()
        brute = brute_force(keep)
        speed = len(keep) / (time.perf_counter() - start)
        row["brute"] = (speed, *pair_scores(brute, corpus.truth))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument(
        "--window", type=int, help="compare each article with the last N only (CopyConfig)"
    )
    parser.add_argument(
        "--batch",
        type=int,
        nargs="+",
        default=[1, 64],
        help="1: add() one article at a time; N: extend() N at a time",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.window, args.batch[0])))
        return
    print("| size | copies | method | articles/s (per CPU-s) | peak RSS MiB | precision | recall |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for size, batch in itertools.product(args.sizes, args.batch):
        # One process per run, so peak memory is that run's own.
        window = ["--window", str(args.window)] if args.window else []
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--batch", str(batch), *window],
            capture_output=True,
            text=True,
        )
        if out.returncode:
            sys.exit(out.stderr)
        row = json.loads(out.stdout)
        label = "add" if batch == 1 else f"extend {batch}"
        label += f", window {args.window:,}" if args.window else ""
        print(
            f"| {size:,} | {row['copies']:,} | newsfuse ({label}) | "
            f"{row['articles_per_s']:,.0f} ({row['articles_per_cpu_s']:,.0f}) | "
            f"{row['peak_rss_mib']:,.0f} "
            f"(+{row['rss_growth_mib']:,.0f}) | {row['precision']:.3f} | {row['recall']:.3f} |"
        )
        for key, name in (("exact", "exact hash"), ("brute", "all-pairs Jaccard >= 0.3")):
            if key in row and batch == args.batch[-1]:
                speed, p, r = row[key]
                print(f"| {size:,} | | {name} | {speed:,.0f} | | {p:.3f} | {r:.3f} |")


if __name__ == "__main__":
    main()
