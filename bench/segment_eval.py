"""Compare sentence segmenters on hand-annotated news paragraphs: accuracy and speed.

    python bench/segment_eval.py [--errors] [--repeat N]

Accuracy is boundary precision/recall/F1 (a boundary is the start of every
sentence but a paragraph's first) on three gold sets from
tests/data/seed_sentences.json:
  seeds -- the body paragraphs of the five real articles in ../shared/data/seeds
  duc   -- 12 DUC 2003 newswire articles (AP/NYT style: ``quotes'', Gen., R-Ill.)
  hard  -- hand-written news sentences full of abbreviations, numbers and quotes
Speed is measured on the seed paragraphs (sentences/s, ms per 1,000 words) and
per article on all 298 DUC 2003 articles (~580 words each), one split call per
paragraph as newsfuse.segment.segment() does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import blingfire
import pysbd
from syntok import segmenter as syntok_segmenter

from newsfuse.evaluate.segment_gold import (
    GoldParagraph,
    errors,
    load_duc_gold,
    load_seed_gold,
    load_synthetic_gold,
    score,
)
from newsfuse.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "seed_sentences.json"
DATA = ROOT.parent / "shared" / "data"
DUC = DATA / "duc2003" / "task2.jsonl"

Splitter = Callable[[str], list[str]]

_pysbd = pysbd.Segmenter(language="en", clean=False)


def split_pysbd(text: str) -> list[str]:
    return [s for s in _pysbd.segment(text) if s.strip()]


def split_syntok(text: str) -> list[str]:
    return [
        "".join(token.spacing + token.value for token in sentence)
        for paragraph in syntok_segmenter.process(text)
        for sentence in paragraph
    ]


def split_blingfire(text: str) -> list[str]:
    return blingfire.text_to_sentences(text).split("\n") if text.strip() else []


# The fix-up for blingfire: re-join a piece to the one before it when the piece
# cannot start a sentence (lowercase or punctuation first), when the one before
# ends in a title ("Sen.", "Ms."), or when it is an attribution after '!"'/'?"'.
_TITLE_END = re.compile(
    r"(?:^|[\s\"'“‘(])(?:Mr|Mrs|Ms|Messrs|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|"
    r"Maj|Brig|Rev|Fr|Hon|Pres|Supt|St|Ft|Mt)\.$"
)
_CONTINUATION = re.compile(r"[a-z,;:)\]]")
_QUOTE_SHOUT = re.compile(r"[!?][\"'”’»]+$")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|asked|asks|told|added|shouted|replied|wrote)\b"
)


def split_blingfire_fixed(text: str) -> list[str]:
    pieces = split_blingfire(text)
    out: list[str] = []
    for piece in pieces:
        if out and (
            _CONTINUATION.match(piece)
            or _TITLE_END.search(out[-1])
            or (_QUOTE_SHOUT.search(out[-1]) and _ATTRIBUTION.match(piece))
        ):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return out


SEGMENTERS: dict[str, Splitter] = {
    "pysbd (clean=False)": split_pysbd,
    "syntok": split_syntok,
    "blingfire": split_blingfire,
    "blingfire + fix-up": split_blingfire_fixed,
    "newsfuse (regex+rules)": split_sentences,
}


def _time_per_call(split: Splitter, texts: list[str], repeat: int) -> float:
    """Best-of-`repeat` seconds for one pass over texts."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            split(text)
        best = min(best, time.perf_counter() - started)
    return best


def _duc_paragraphs() -> list[list[str]]:
    if not DUC.exists():
        return []
    with DUC.open(encoding="utf-8") as lines:
        docs = [doc["text"] for line in lines for doc in json.loads(line)["documents"]]
    return [[p.strip() for p in doc.split("\n\n") if p.strip()] for doc in docs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list each segmenter's mistakes")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs; the best is kept")
    args = parser.parse_args()

    seeds_dir = DATA / "seeds"
    if not seeds_dir.exists():
        print(f"no seed articles at {seeds_dir}", file=sys.stderr)
        return 1
    seeds = load_seed_gold(GOLD, seeds_dir)
    hard = load_synthetic_gold(GOLD)
    duc = _duc_paragraphs()
    duc_gold = load_duc_gold(GOLD, DUC) if DUC.exists() else []
    duc_flat = [p for doc in duc for p in doc]
    seed_texts = [p.text for p in seeds]
    seed_words = sum(p.words for p in seeds)

    def boundaries(gold: list[GoldParagraph]) -> int:
        return sum(len(p.starts) - 1 for p in gold)

    print(
        f"seeds: {len(seeds)} paragraphs, {seed_words} words, {boundaries(seeds)} boundaries; "
        f"duc: {len(duc_gold)} paragraphs, {sum(p.words for p in duc_gold)} words, "
        f"{boundaries(duc_gold)} boundaries; hard: {len(hard)} paragraphs, "
        f"{boundaries(hard)} boundaries; speed on duc2003: {len(duc)} articles, "
        f"{sum(len(p.split()) for p in duc_flat)} words"
    )
    header = (
        f"{'segmenter':<24} {'seeds P':>7} {'R':>5} {'F1':>5} | {'duc P':>5} {'R':>5} "
        f"{'F1':>5} | {'hard F1':>7} | {'sent/s':>7} {'ms/1kw':>7} | {'ms/article':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, split in SEGMENTERS.items():
        split(seed_texts[0])  # load models and warm caches outside the timing
        seed_score = score(seeds, split)
        duc_score = score(duc_gold, split)
        hard_score = score(hard, split)
        # Slow segmenters get fewer timing runs; their numbers are far apart anyway.
        repeat = 1 if name.startswith(("pysbd", "syntok")) else args.repeat
        seconds = _time_per_call(split, seed_texts, repeat)
        sentences = sum(len(split(t)) for t in seed_texts)
        duc_ms = f"{_time_per_call(split, duc_flat, repeat) / len(duc) * 1e3:10.3f}" if duc else "-"
        print(
            f"{name:<24} {seed_score.precision:7.3f} {seed_score.recall:5.3f} "
            f"{seed_score.f1:5.3f} | {duc_score.precision:5.3f} {duc_score.recall:5.3f} "
            f"{duc_score.f1:5.3f} | {hard_score.f1:7.3f} | "
            f"{sentences / seconds:7.0f} {seconds / seed_words * 1e6:7.3f} | {duc_ms}"
        )
        if args.errors:
            for line in errors(seeds, split) + errors(duc_gold, split) + errors(hard, split):
                print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
