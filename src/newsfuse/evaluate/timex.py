"""Score time-expression tagging the way TempEval-3 did.

Extent: a predicted expression matches a gold one when their spans overlap (relaxed) or are
equal (strict); precision over predictions, recall over gold. Value: a match whose normalised
value equals the gold value; value F1 is over predictions and over gold, as TempEval-3's
"value F1". Per type, a prediction counts for the type it was given and a gold expression for
its own.

`newsfuse eval timex FILE.jsonl` reads TempEval-3-format documents: one JSON object a line with
"id", "dct" (YYYY-MM-DD or null), "text" and "timexes" ({"start", "end", "type", "value"}).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsfuse.time import find_timexes

__all__ = [
    "Document",
    "Span",
    "Tagger",
    "Tally",
    "main",
    "matches",
    "newsfuse_tagger",
    "read_documents",
    "score",
    "to_markdown",
]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    dct: date | None
    text: str
    timexes: tuple[Span, ...]


Tagger = Callable[[str, date | None], Sequence[Span]]


def newsfuse_tagger(text: str, dct: date | None) -> list[Span]:
    return [Span(t.start, t.end, t.type, t.value) for t in find_timexes(text, dct)]


def read_documents(path: Path) -> Iterator[Document]:
    """TempEval-3-format documents; a bad line is reported on stderr and skipped."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                spans = tuple(
                    Span(int(t["start"]), int(t["end"]), str(t["type"]), str(t["value"]))
                    for t in raw.get("timexes", ())
                )
                dct = date.fromisoformat(raw["dct"]) if raw.get("dct") else None
                yield Document(str(raw["id"]), dct, str(raw["text"]), spans)
            except (ValueError, KeyError, TypeError) as error:
                print(
                    f"{path}:{number}: skipped, not a TempEval-3 document ({error})",
                    file=sys.stderr,
                )


def matches(gold: Sequence[Span], predicted: Sequence[Span]) -> list[int | None]:
    """For each gold expression in order, the index of the first prediction not yet taken
    that overlaps it, or None."""
    used: set[int] = set()
    out: list[int | None] = []
    for g in gold:
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.start < g.end and g.start < p.end
            ),
            None,
        )
        if match is not None:
            used.add(match)
        out.append(match)
    return out


@dataclass(slots=True)
class Tally:
    """Counts of one system on some documents, overall and per type."""

    predicted: int = 0
    gold: int = 0
    relaxed: int = 0  # gold expressions matched by an overlapping prediction
    strict: int = 0
    value: int = 0  # matches with the gold value
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [pred, gold, value]

    def add(self, gold: Sequence[Span], predicted: Sequence[Span]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        for g, match in zip(gold, matches(gold, predicted), strict=True):
            row = self.by_type.setdefault(g.type, [0, 0, 0])
            row[1] += 1
            if match is None:
                continue
            p = predicted[match]
            self.relaxed += 1
            self.strict += (p.start, p.end) == (g.start, g.end)
            if p.value == g.value:
                self.value += 1
                self.by_type.setdefault(p.type, [0, 0, 0])[2] += p.type == g.type
        for p in predicted:
            self.by_type.setdefault(p.type, [0, 0, 0])[0] += 1

    def report(self) -> dict[str, object]:
        def prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
            p = hits / predicted if predicted else 0.0
            r = hits / gold if gold else 0.0
            return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "relaxed": prf(self.relaxed, self.predicted, self.gold),
            "strict": prf(self.strict, self.predicted, self.gold),
            "value": prf(self.value, self.predicted, self.gold),
            "by_type": {
                kind: prf(row[2], row[0], row[1]) | {"predicted": row[0], "gold": row[1]}
                for kind, row in sorted(self.by_type.items())
            },
        }


def score(documents: Iterable[Document], tagger: Tagger = newsfuse_tagger) -> Tally:
    tally = Tally()
    for doc in documents:
        tally.add(doc.timexes, tagger(doc.text, doc.dct))
    return tally


def to_markdown(rows: dict[str, dict[str, object]]) -> str:
    """One line per system: relaxed and strict extent P/R/F1, value P/R/F1 and per-type value F1."""
    types = sorted({k for r in rows.values() for k in r["by_type"]})  # type: ignore[attr-defined]
    head = "| system | extent P | extent R | extent F1 | strict F1 | value P | value R | value F1 |"
    head += "".join(f" {t} value F1 |" for t in types)
    out = [head, "|" + "---|" * (8 + len(types))]
    for name, r in rows.items():
        rel, st, val, by = r["relaxed"], r["strict"], r["value"], r["by_type"]
        cells = [rel["p"], rel["r"], rel["f1"], st["f1"], val["p"], val["r"], val["f1"]]  # type: ignore[index]
        cells += [by.get(t, {}).get("f1", 0.0) for t in types]  # type: ignore[attr-defined]
        out.append(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    return "\n".join(out)


def main(path: Path, as_json: bool = False) -> int:
    """`newsfuse eval timex`: score newsfuse's tagger on a TempEval-3-format file."""
    if not path.is_file():
        print(f"newsfuse eval timex: no such file {path}", file=sys.stderr)
        return 2
    report = score(read_documents(path)).report()
    if as_json:
        print(json.dumps({"timex": report}, indent=2))
    else:
        print(to_markdown({"newsfuse": report}))
    return 0
