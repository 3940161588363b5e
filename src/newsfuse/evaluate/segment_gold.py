"""Hand-annotated sentence boundaries, and boundary scoring against them.

The seed and DUC articles are third-party text, so the gold file stores only
where sentences start (their first three words); the paragraphs are rebuilt
from the articles in the shared data folder when the gold is loaded.  Shared by the
benchmark (bench/segment_eval.py) and the accuracy floor in the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Some crawled files open with a "date YYYY-MM-DD" token glued onto the first paragraph.
_DATE_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+")
_WORD = re.compile(r"\S+")
_START_WORDS = 3


@dataclass(frozen=True, slots=True)
class GoldParagraph:
    """One paragraph and the character offsets where its sentences start."""

    source: str
    index: int
    text: str
    starts: tuple[int, ...]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Score:
    """Boundary counts; a boundary is the start of every sentence but a paragraph's first."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def article_paragraphs(path: Path) -> list[str]:
    """Paragraphs of a seed file, split the way Article.paragraphs splits them."""
    text = _DATE_PREFIX.sub("", path.read_text(encoding="utf-8"))
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _locate_starts(text: str, starts: Sequence[str], where: str) -> tuple[int, ...]:
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    offsets: list[int] = []
    next_word = 0
    for n, start in enumerate(starts):
        want = start.split()
        # The first sentence must open the paragraph; later ones are searched for in order.
        last = 0 if n == 0 else len(words) - len(want)
        for i in range(next_word, last + 1):
            if [w for _, w in words[i : i + len(want)]] == want:
                offsets.append(words[i][0])
                next_word = i + 1
                break
        else:
            raise ValueError(f"{where}: sentence start {start!r} not found in order")
    return tuple(offsets)


def _rebuild(rows: list[dict[str, Any]], paragraphs: list[str], source: str) -> list[GoldParagraph]:
    gold: list[GoldParagraph] = []
    for row in rows:
        where = f"{source} paragraph {row['p']}"
        if len(row["starts"]) != row["n"]:
            raise ValueError(f"{where}: {row['n']} sentences but {len(row['starts'])} starts")
        text = paragraphs[row["p"]]
        gold.append(
            GoldParagraph(source, row["p"], text, _locate_starts(text, row["starts"], where))
        )
    return gold


def load_seed_gold(gold_path: Path, seeds_dir: Path) -> list[GoldParagraph]:
    """Rebuild the annotated seed paragraphs; raises if the articles changed."""
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    gold: list[GoldParagraph] = []
    for stem, rows in data.items():
        if not stem.startswith("_"):
            gold += _rebuild(rows, article_paragraphs(seeds_dir / f"{stem}.txt"), stem)
    return gold


def load_duc_gold(gold_path: Path, duc_path: Path) -> list[GoldParagraph]:
    """Rebuild the annotated DUC 2003 articles from duc2003/task2.jsonl."""
    annotated: dict[str, Any] = json.loads(gold_path.read_text(encoding="utf-8"))["_duc2003"]
    texts: dict[str, str] = {}
    with duc_path.open(encoding="utf-8") as lines:
        for line in lines:
            for doc in json.loads(line)["documents"]:
                if doc["id"] in annotated:
                    texts[doc["id"]] = doc["text"]
    gold: list[GoldParagraph] = []
    for doc_id, rows in annotated.items():
        paragraphs = [p.strip() for p in texts[doc_id].split("\n\n") if p.strip()]
        gold += _rebuild(rows, paragraphs, doc_id)
    return gold


def load_synthetic_gold(gold_path: Path) -> list[GoldParagraph]:
    """Hand-written hard cases (our own text, stored whole): one list of sentences a paragraph."""
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    gold: list[GoldParagraph] = []
    for i, sentences in enumerate(data.get("_synthetic", [])):
        starts: list[int] = []
        offset = 0
        for sentence in sentences:
            starts.append(offset)
            offset += len(sentence) + 1
        gold.append(GoldParagraph("synthetic", i, " ".join(sentences), tuple(starts)))
    return gold


def sentence_starts(text: str, sentences: Iterable[str]) -> list[int]:
    """Offsets in text where each sentence starts.

    Matched by counting non-space characters, so segmenters that normalise
    whitespace (or drop it at the edges) still line up with the source text.
    """
    nonspace = [i for i, ch in enumerate(text) if not ch.isspace()]
    starts: list[int] = []
    seen = 0
    for sentence in sentences:
        size = sum(1 for ch in sentence if not ch.isspace())
        if size == 0:
            continue
        if seen >= len(nonspace):
            raise ValueError(f"segment {sentence!r} runs past the end of the text")
        starts.append(nonspace[seen])
        seen += size
    if seen != len(nonspace):
        raise ValueError("segments do not cover the text")
    return starts


def score(gold: Iterable[GoldParagraph], split: Callable[[str], list[str]]) -> Score:
    """Boundary precision/recall of split() over the gold paragraphs."""
    tp = fp = fn = 0
    for paragraph in gold:
        expected = set(paragraph.starts[1:])
        found = set(sentence_starts(paragraph.text, split(paragraph.text))[1:])
        tp += len(expected & found)
        fp += len(found - expected)
        fn += len(expected - found)
    return Score(tp, fp, fn)


def errors(gold: Iterable[GoldParagraph], split: Callable[[str], list[str]]) -> list[str]:
    """Human-readable missed (-) and spurious (+) boundaries, for tuning and failing tests."""
    out: list[str] = []
    for paragraph in gold:
        expected = set(paragraph.starts[1:])
        found = set(sentence_starts(paragraph.text, split(paragraph.text))[1:])
        for mark, offsets in (("-", expected - found), ("+", found - expected)):
            for at in sorted(offsets):
                context = (
                    paragraph.text[max(0, at - 30) : at] + " | " + paragraph.text[at : at + 30]
                )
                out.append(f"{mark} {paragraph.source}#{paragraph.index}: {context!r}")
    return out
