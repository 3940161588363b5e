""" "This sentence depends on the one before": the detector against hand labels.

    python bench/points_back_judged.py [--hits FILE]

bench/data/points_back_gold.json labels 200 DUC 2003 sentences (100 ledes, 100 from the
middle of articles; the editor's clusters d30048t, d31001t and d31028t left out) by reading:
does the sentence mean something only after the one before it? Scored, with precision
first (a line wrongly dropped is the smaller loss):

- lexical: `segment.lines.leans_back`, the list of openings a line may not start with
  ("He", "That", "But", "His" ...), which the summary and the one-source list already use;
- detector: that, or `summarize.kinds.points_back` (openings pointing back, "The same",
  "Among them", "Earlier, ... said", someone's "Her pledge", a definite shell noun, a
  pronoun after a fronted phrase, "would" carrying on someone's hope).

`--hits FILE` writes every DUC and MultiLing sentence (the editor's clusters left out)
that `points_back` flags and `leans_back` does not, for reading: the file holds third-party
text; keep it out of the repo. CPU time (process_time) of the detector is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

from newsfuse.model import Article
from newsfuse.segment import segment
from newsfuse.segment.lines import leans_back
from newsfuse.summarize.compress import strip_dateline
from newsfuse.summarize.kinds import points_back

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GOLD = Path(__file__).resolve().parent / "data" / "points_back_gold.json"
UNSEEN = {"d30048t", "d31001t", "d31028t"}  # the editor's round-14 clusters


def _documents() -> Iterator[tuple[str, dict[str, str]]]:
    with open(DATA / "duc2003" / "task2.jsonl", encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            if cluster["cluster_id"] not in UNSEEN:
                for d in cluster["documents"]:
                    yield "duc", d
    with open(DATA / "multiling2011" / "english.jsonl", encoding="utf-8") as f:
        for line in f:
            topic = json.loads(line)
            for d in topic.get("documents", []):
                yield "multiling", d


def _sentences(document: dict[str, str]) -> list[str]:
    return [s.text for s in segment(Article(id=document["id"], text=document["text"]))]


def _curly(text: str) -> str:
    """TeX quotation marks made curly, as the cleaning stage does before any line test."""
    return text.replace("``", "“").replace("''", "”")


def _score(flags: list[bool], gold: list[bool]) -> str:
    hit = sum(f and g for f, g in zip(flags, gold, strict=True))
    flagged, wanted = sum(flags), sum(gold)
    return (
        f"precision {hit}/{flagged} = {hit / max(flagged, 1):.2f}, "
        f"recall {hit}/{wanted} = {hit / max(wanted, 1):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=Path, help="write new-rule hits here, for reading")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["items"]
    texts: dict[tuple[str, int], str] = {}
    wanted = {item["article"] for item in gold}
    for corpus, document in _documents():
        if corpus == "duc" and document["id"] in wanted:
            for n, text in enumerate(_sentences(document)):
                texts[document["id"], n] = text
    rows = []
    for item in gold:
        text = texts[item["article"], item["index"]]
        shown = strip_dateline(text) if item["index"] == 0 else text
        if hashlib.sha1(shown.encode()).hexdigest()[:12] != item["sha1"]:
            raise SystemExit(f"{item['article']}:{item['index']}: sentence changed; relabel")
        rows.append((item["part"], _curly(shown), item["depends"]))
    start = time.process_time()
    lexical = [leans_back(t) for _, t, _ in rows]
    detector = [leans_back(t) or points_back(t) is not None for _, t, _ in rows]
    cpu = time.process_time() - start
    for part in ("lede", "middle", "all"):
        keep = [part in ("all", p) for p, _, _ in rows]
        labels = [d for (_, _, d), k in zip(rows, keep, strict=True) if k]
        print(f"{part:6s} n={sum(keep)} depends={sum(labels)}")
        for name, flags in (("lexical", lexical), ("detector", detector)):
            chosen = [f for f, k in zip(flags, keep, strict=True) if k]
            print(f"  {name:8s} {_score(chosen, labels)}")
    print(f"CPU {1000 * cpu:.1f} ms for {len(rows)} sentences (process_time)")
    if args.hits:
        with open(args.hits, "w", encoding="utf-8") as out:
            for corpus, document in _documents():
                for text in map(_curly, _sentences(document)):
                    if not leans_back(text) and points_back(text) == "":
                        out.write(f"{corpus}\t{document['id']}\t{text}\n")


if __name__ == "__main__":
    main()
