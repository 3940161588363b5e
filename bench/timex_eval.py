"""Time expressions on TempEval-3 train: newsfuse's grammar beside dateparser's search_dates and
the timeline's former rules, by 5 document folds (crc32 of the id) and in all.

    python bench/timex_eval.py [FILE.jsonl] [--json]
    python bench/timex_eval.py --errors     # newsfuse's errors on folds 1-4, counted by cause
    python bench/timex_eval.py --list       # the same errors one a line, in their words

The grammar is rules, not a fitted model: it was developed on the errors of folds 1-4 only
until issue 15's seventh pass, which read the errors of all five folds (its four changes are
general forms, each kept only when no fold went down), so fold 0 is no longer unseen data: the
held-out figure is TempEval-3 platinum's, measured separately. The eighth pass chose on folds
1-4 again; two of its changes were found reading fold 0 (docs/benchmarks.md names them).
Each system's time per document is printed beside its scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from newsfuse.evaluate.timex import (
    Document,
    Span,
    Tagger,
    matches,
    newsfuse_tagger,
    read_documents,
    score,
)
from newsfuse.time.values import granularity, to_date

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


_COARSE = frozenset({"Q", "H", "SE", "DE", "CE"})


def _cause(gold: Span, pred: Span, dct: date | None) -> str:
    """Why a matched prediction has the wrong value: the brief's error classes."""
    if "SET" in (gold.type, pred.type):
        return "SET value"
    if "REF" in gold.value or "REF" in pred.value:
        return "PRESENT/PAST/FUTURE_REF"
    if gold.type != pred.type and "DURATION" in (gold.type, pred.type):
        return "DATE vs DURATION"
    if gold.type == "DURATION":
        return "DURATION format (P1Y vs P12M, PXY)"
    if "T" in gold.value[4:] or "T" in pred.value[4:]:
        return "TIME: part of day or hour" if gold.value[:10] == pred.value[:10] else "TIME: day"
    units = granularity(gold.value), granularity(pred.value)
    if units[0] != units[1]:
        coarse = _COARSE & set(units)
        return "quarter/season/decade" if coarse else "granularity (e.g. 1998-W08 vs 1998-WXX)"
    if units[0] in _COARSE:
        return "quarter/season/decade"
    g, p = to_date(gold.value), to_date(pred.value)
    if g and p and dct and (g > dct) != (p > dct):
        return "direction past/future"
    return "anchor (same unit, other date)"


def _words(text: str) -> str:
    return re.sub(r"\d", "0", " ".join(text.lower().split()))


def _shape(span: Span) -> str:
    return span.type + " " + re.sub(r"\d", "9", span.value)


# Causes whose predicted value has the gold's shape by definition: the test says nothing there.
_SAME_SHAPE = frozenset({"extent miss", "direction past/future", "anchor (same unit, other date)"})


_KINDS = ("right", "wrong value", "extent mismatch", "missed", "spurious")


def kinds(docs: Sequence[Document]) -> None:
    """newsfuse's outcomes on `docs` by gold type (predicted type for spurious ones): right
    (gold value, any extent), wrong value, extent mismatch (gold value, other span: counted
    right by the value score too), missed and spurious."""
    table: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        found = newsfuse_tagger(doc.text, doc.dct)
        paired = matches(doc.timexes, found)
        for g, i in zip(doc.timexes, paired, strict=True):
            if i is None:
                table[g.type]["missed"] += 1
                continue
            p = found[i]
            table[g.type]["right" if p.value == g.value else "wrong value"] += 1
            table[g.type]["extent mismatch"] += p.value == g.value and (p.start, p.end) != (
                g.start,
                g.end,
            )
        for i in set(range(len(found))) - set(paired):
            table[found[i].type]["spurious"] += 1
    print("| type | gold | " + " | ".join(_KINDS) + " |\n|---|" + "---:|" * (len(_KINDS) + 1))
    for kind, row in [*sorted(table.items()), ("all", sum(table.values(), Counter()))]:
        gold = row["right"] + row["wrong value"] + row["missed"]
        print(f"| {kind} | {gold} | " + " | ".join(str(row[k]) for k in _KINDS) + " |")
    print()


def _annotated_share(docs: Sequence[Document]) -> Callable[[str], float]:
    """The share of a phrase's occurrences in the texts that the gold annotates as a whole."""
    texts = [doc.text.lower() for doc in docs]
    spans = Counter(doc.text[g.start : g.end].lower() for doc in docs for g in doc.timexes)

    def share(phrase: str) -> float:
        pattern = re.compile(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)")
        seen = sum(len(pattern.findall(text)) for text in texts)
        return spans[phrase.lower()] / seen if seen else 0.0

    return share


_TYPES = ("DATE", "DURATION", "SET", "TIME")


def errors(docs: Sequence[Document]) -> None:
    """Count newsfuse's errors on `docs` by cause and gold type (predicted type for a false
    positive). Two tests of whether the gold disagrees with itself there, not (only) with us:
    "elsewhere" when the gold gives the same words (digits aside) the type and value shape we
    predicted in another place (for a false positive: annotates the same words elsewhere);
    "mostly", the stricter, when it does so at least as often as it gives them its own shape
    here (for a false positive: annotates the phrase in at least half of its occurrences).
    Direction and anchor errors keep the gold's shape, so they are read by hand (issue 15:
    of 20 direction errors, 8 gold noise)."""
    annotated: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for g in doc.timexes:
            annotated[_words(doc.text[g.start : g.end])][_shape(g)] += 1
    share = _annotated_share(docs)
    causes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    elsewhere: Counter[str] = Counter()
    mostly: Counter[str] = Counter()
    hits = predicted = 0
    for doc in docs:
        found = newsfuse_tagger(doc.text, doc.dct)
        predicted += len(found)
        paired = matches(doc.timexes, found)
        for g, i in zip(doc.timexes, paired, strict=True):
            if i is None:
                causes["extent miss"][g.type] += 1
                continue
            p = found[i]
            if p.value == g.value:
                hits += 1
                continue
            cause = _cause(g, p, doc.dct)
            causes[cause][g.type] += 1
            words = {_words(doc.text[s.start : s.end]) for s in (g, p)}
            elsewhere[cause] += any(annotated[w][_shape(p)] for w in words)
            mostly[cause] += any(
                0 < annotated[w][_shape(p)] >= annotated[w][_shape(g)] for w in words
            )
        for i, p in enumerate(found):
            if i not in paired:
                phrase = doc.text[p.start : p.end]
                causes["extent false positive"][p.type] += 1
                elsewhere["extent false positive"] += bool(annotated[_words(phrase)])
                mostly["extent false positive"] += share(phrase) >= 0.5
    gold = sum(len(d.timexes) for d in docs)
    print(
        f"{len(docs)} documents, {gold} gold, {predicted} predicted, {hits} with the gold value\n"
    )
    print(
        "| cause | " + " | ".join(_TYPES) + " | errors | gold our way elsewhere | mostly |\n"
        "|---|" + "---:|" * (len(_TYPES) + 3)
    )
    for cause, row in sorted(causes.items(), key=lambda kv: -kv[1].total()):
        shown = ("-", "-") if cause in _SAME_SHAPE else (elsewhere[cause], mostly[cause])
        cells = " | ".join(str(row[t]) for t in _TYPES)
        print(f"| {cause} | {cells} | {row.total()} | {shown[0]} | {shown[1]} |")
    fp = causes["extent false positive"].total()
    precision, without = hits / predicted, hits / (predicted - fp)
    print(
        f"\nValue precision {precision:.3f}; without the {fp} false positives {without:.3f} "
        f"(their cost: {without - precision:.3f})"
    )


def listing(docs: Sequence[Document]) -> None:
    """Every error of newsfuse on `docs`, one a line: kind, gold and predicted type and value,
    document, creation date and the words around the expression."""

    def around(doc: Document, span: Span) -> str:
        before = doc.text[max(0, span.start - 60) : span.start]
        words = f"{before}[[{doc.text[span.start : span.end]}]]{doc.text[span.end : span.end + 40]}"
        return " ".join(words.split())

    for doc in docs:
        found = newsfuse_tagger(doc.text, doc.dct)
        paired = matches(doc.timexes, found)
        for g, i in zip(doc.timexes, paired, strict=True):
            if i is None:
                print(f"missed\t{g.type} {g.value}\t-\t{doc.id}\t{doc.dct}\t{around(doc, g)}")
            elif found[i].value != g.value:
                p = found[i]
                print(
                    f"{_cause(g, p, doc.dct)}\t{g.type} {g.value}\t{p.type} {p.value}\t"
                    f"{doc.id}\t{doc.dct}\t{around(doc, g)}"
                )
        for i, p in enumerate(found):
            if i not in paired:
                print(f"spurious\t-\t{p.type} {p.value}\t{doc.id}\t{doc.dct}\t{around(doc, p)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-dateparser", action="store_true")
    parser.add_argument("--errors", action="store_true", help="count errors on folds 1-4")
    parser.add_argument("--list", action="store_true", help="list errors on folds 1-4")
    args = parser.parse_args()
    docs = list(read_documents(args.path))
    if args.list:
        listing([d for d in docs if fold(d) != 0])
        return
    if args.errors:
        seen = [d for d in docs if fold(d) != 0]  # fold 0 stays unseen
        kinds(seen)
        errors(seen)
        return
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
