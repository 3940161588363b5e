"""Time expressions on TempEval-3 train: newsfuse's grammar beside dateparser's search_dates and
the timeline's former rules, by 5 document folds (crc32 of the id) and in all.

    python bench/timex_eval.py [FILE.jsonl] [--json]

The grammar is rules, not a fitted model: it was developed on the errors of folds 1-4 only;
fold 0 was never inspected, so its line is the unseen-data figure. Each system's time per
document is printed beside its scores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from newsfuse.evaluate.timex import Document, Span, Tagger, newsfuse_tagger, read_documents, score

sys.path.insert(0, str(Path(__file__).parent))
from _former_timeline_rules import former_tagger

DATA = Path(__file__).resolve().parents[1] / "../shared/data/time/tempeval3_train.jsonl"


def dateparser_tagger(text: str, dct: date | None) -> list[Span]:
    from dateparser.search import search_dates

    base = datetime.combine(dct, datetime.min.time()) if dct else datetime.now()
    found = search_dates(
        text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    spans, cursor = [], 0
    for phrase, when in found or ():
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        spans.append(Span(start, cursor, "DATE", when.date().isoformat()))
    return spans


def fold(doc: Document, k: int = 5) -> int:
    return zlib.crc32(doc.id.encode()) % k


def run(docs: Sequence[Document], tagger: Tagger) -> tuple[dict[str, object], float]:
    started = time.perf_counter()
    report = score(docs, tagger).report()
    return report, (time.perf_counter() - started) / max(len(docs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-dateparser", action="store_true")
    args = parser.parse_args()
    docs = list(read_documents(args.path))
    systems: dict[str, Tagger] = {
        "former timeline rules": former_tagger,
        "newsfuse": newsfuse_tagger,
    }
    if not args.skip_dateparser:
        systems = {"dateparser search_dates": dateparser_tagger} | systems
    out: dict[str, object] = {}
    for name, tagger in systems.items():
        folds = [run([d for d in docs if fold(d) == k], tagger)[0] for k in range(5)]
        overall, seconds = run(docs, tagger)
        mean = {
            key: sum(f[key]["f1"] for f in folds) / 5  # type: ignore[index]
            for key in ("relaxed", "strict", "value")
        }
        out[name] = {
            "all": overall,
            "folds": folds,
            "cv_mean_f1": mean,
            "ms_per_doc": 1000 * seconds,
        }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    from newsfuse.evaluate.timex import to_markdown

    print(f"{len(docs)} documents, {sum(len(d.timexes) for d in docs)} gold expressions\n")
    print(to_markdown({n: r["all"] for n, r in out.items()}))  # type: ignore[index]
    print("\n| system | fold | relaxed extent F1 | value F1 |\n|---|---|---|---|")
    for name, r in out.items():
        for k, f in enumerate(r["folds"]):  # type: ignore[index]
            print(f"| {name} | {k} | {f['relaxed']['f1']:.3f} | {f['value']['f1']:.3f} |")
        m = r["cv_mean_f1"]  # type: ignore[index]
        print(f"| {name} | mean | {m['relaxed']:.3f} | {m['value']:.3f} |")
    print("\n| system | ms per document |\n|---|---|")
    for name, r in out.items():
        print(f"| {name} | {r['ms_per_doc']:.1f} |")  # type: ignore[index]


if __name__ == "__main__":
    main()
