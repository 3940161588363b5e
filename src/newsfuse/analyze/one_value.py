"""One value of a figure in the summary: lines giving two values of one count keep one.

"At least 50 people were killed" from the first report and "At least 59 people were killed"
from a later one are each true when printed, and the greedy summary takes both, as their
words differ. Side by side they read as a contradiction the summary does not explain. The
line kept is the one with the newer value when later reports updated the count
(`newsfuse.analyze.updates`), or the later report's when it gives the larger count (tolls
and tallies grow); between reports of one time, the one whose value more independent
sources give, else the one ranked first; "Where sources differ" shows every value with its sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from newsfuse.analyze.quantities import Quantity, typical
from newsfuse.analyze.updates import update_order
from newsfuse.model import Sentence, SummaryItem

__all__ = ["one_value_each"]


def one_value_each(
    items: Sequence[SummaryItem],
    groups: Sequence[Sequence[Sequence[Quantity]]],
    sources: Mapping[str, str],
    times: Mapping[str, datetime | None],
) -> list[SummaryItem]:
    """The summary without the lines that give another value of a figure an earlier-kept
    line gives; `groups` are the story's quantities by thing and value (`quantity_groups`),
    `sources` maps article ids to independent sources, `times` to publication times."""
    # (article id, sentence index) -> the (thing, value) pairs its quantities belong to.
    where: dict[tuple[str, int], set[tuple[int, int]]] = {}
    amount: dict[tuple[str, int, int], float] = {}  # the line's own amount of a thing
    for thing, values in enumerate(groups):
        for value, quantities in enumerate(values):
            for q in quantities:
                where.setdefault((q.article_id, q.sentence.index), set()).add((thing, value))
                amount[(q.article_id, q.sentence.index, thing)] = typical(q)

    def strength(thing: int, value: int) -> int:
        return len({sources.get(q.article_id, q.article_id) for q in groups[thing][value]})

    def beats(thing: int, new: int, old: int, new_line: Sentence, old_line: Sentence) -> bool:
        values = groups[thing]
        if update_order([values[old], values[new]], times) == [0, 1]:
            return True
        # A count given larger by a later report is its newer count more often than not.
        new_time, old_time = times.get(new_line.article_id), times.get(old_line.article_id)
        if new_time and old_time and new_time != old_time:
            larger = (
                amount[(new_line.article_id, new_line.index, thing)]
                > amount[(old_line.article_id, old_line.index, thing)]
            )
            if larger == (new_time > old_time):  # a smaller count later may be a correction
                return larger
        return strength(thing, new) > strength(thing, old)

    kept: list[tuple[SummaryItem, set[tuple[int, int]]] | None] = []  # None: given way
    # Thing -> its value in the summary, the line's position in `kept` and its sentence.
    holder: dict[int, tuple[int, int, Sentence]] = {}
    for item in items:
        if item.fact is None:
            kept.append((item, set()))
            continue
        line = item.fact.representative
        pairs = where.get((line.article_id, line.index), set())
        clashes = {t: v for t, v in pairs if t in holder and holder[t][0] != v}
        if not all(beats(t, v, holder[t][0], line, holder[t][2]) for t, v in clashes.items()):
            continue
        # The older or weaker lines give way, and every figure they held with them.
        for position in {holder[t][1] for t in clashes}:
            lost = kept[position]
            kept[position] = None
            for held, _ in lost[1] if lost else ():
                holder.pop(held, None)
        for t, v in pairs:
            holder[t] = (v, len(kept), line)
        kept.append((item, pairs))
    return [k[0] for k in kept if k is not None]
