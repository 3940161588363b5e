"""Which articles a brief keeps from a pile (`Pipeline.largest_story`), on piles of one event.

A user hands `newsfuse brief` a folder meaning one story; the brief should keep every report
of it and drop reports of another event. Piles are built from each shared set's events with
three or more articles: the event alone, and the event with one or two reports of another
event of the same kind (ECB+: the other event of its topic; Giveme5W1H: an event of its kind
in data/giveme5w1h_kinds.json; DUC 2003 + MultiLing: another cluster of the same set).
Score: F1 of the kept articles against the event's, averaged over piles. Methods:
keep all; the largest story (as before); the largest story with every story whose
average-link TF-IDF cosine to it is at least t (`newsfuse.cluster.select.main_story`); the
plain baseline (TF-IDF, average link at distance 0.8) and its largest cluster. t is chosen by
the worst set's mean F1.

    python bench/brief_selection.py
"""

from __future__ import annotations

import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_protocol import event_kinds
from cluster_quality import DATA, agglomerative, datasets

from newsfuse.cluster import cluster
from newsfuse.cluster.select import main_story
from newsfuse.model import Article

GRID = (0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.2)
Select = Callable[[Sequence[Article]], list[Article]]


def piles(articles: list[Article], gold: list[str], kind: dict[str, str], seed: int = 0):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    events: dict[str, list[Article]] = defaultdict(list)
    for a, g in zip(articles, gold, strict=True):
        events[g].append(a)
    of_event = {g: kind.get(members[0].id, g.split(":")[0]) for g, members in events.items()}
    names = sorted(events)
    for name in names:
        members = events[name]
        if len(members) < 3:
            continue
        yield "alone", members, {a.id for a in members}
        others = [o for o in names if o != name and of_event[o] == of_event[name]]
        if not others:
            continue
        intruder = events[rng.choice(others)]
        for n in (1, 2):
            extra = rng.sample(intruder, min(n, len(intruder)))
            pile = members + extra
            rng.shuffle(pile)
            yield f"+{n}", pile, {a.id for a in members}


def f1(kept: Sequence[Article], truth: set[str]) -> float:
    ids = {a.id for a in kept}
    hit = len(ids & truth)
    return 0.0 if not hit else 2 * hit / (len(ids) + len(truth))


def largest(pile: Sequence[Article], least: float | None) -> list[Article]:
    stories = cluster(pile)
    if sum(1 for s in stories if s.size > 1) < 2:
        return list(pile)
    if least is None:
        keep = set(stories[0].article_ids)
        return [a for a in pile if a.id in keep]
    return main_story(pile, stories, least)


def baseline(pile: Sequence[Article]) -> list[Article]:
    labels = agglomerative(pile)
    top = max(set(labels), key=labels.count)
    return [a for a, label in zip(pile, labels, strict=True) if label == top]


def main() -> int:
    sets = datasets(DATA)
    kind = event_kinds(DATA)
    methods: dict[str, Select] = {
        "keep all": list,
        "largest story (before)": lambda p: largest(p, None),
        **{f"largest + close t={t}": (lambda p, t=t: largest(p, t)) for t in GRID},
        "baseline largest": baseline,
    }
    table: dict[str, dict[str, float]] = defaultdict(dict)
    cpu: dict[str, float] = defaultdict(float)
    for set_name, (articles, gold) in sets.items():
        built = list(piles(articles, gold, kind))
        for method, select in methods.items():
            by_kind: dict[str, list[float]] = defaultdict(list)
            start = time.process_time()
            for pile_kind, pile, truth in built:
                by_kind[pile_kind].append(f1(select(pile), truth))
            cpu[method] += time.process_time() - start
            for pile_kind, scores in by_kind.items():
                table[method][f"{set_name} {pile_kind}"] = sum(scores) / len(scores)
            table[method][set_name] = sum(sum(s) / len(s) for s in by_kind.values()) / len(by_kind)
        print(f"{set_name}: {len(built)} piles", file=sys.stderr)
    columns = [c for c in next(iter(table.values()))]
    print("| method | " + " | ".join(columns) + " | worst set | CPU s |")
    print("|---" * (len(columns) + 3) + "|")
    for method, row in table.items():
        worst = min(row[s] for s in sets)
        cells = " | ".join(f"{row[c]:.3f}" for c in columns)
        print(f"| {method} | {cells} | {worst:.3f} | {cpu[method]:.1f} |")

    def worst(t: float, names: Sequence[str]) -> float:
        return min(table[f"largest + close t={t}"][s] for s in names)

    print(f"chosen by the worst set: t={max(GRID, key=lambda t: worst(t, list(sets)))}")
    for held in sets:
        rest = [s for s in sets if s != held]
        t = max(GRID, key=lambda t: worst(t, rest))
        print(f"leave {held} out: t={t} chosen on the rest, {held} F1 "
              f"{table[f'largest + close t={t}'][held]:.3f}")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
