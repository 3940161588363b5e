"""The order of a summary's lines, which ROUGE does not see but a reader does.

Every order ranks the chosen facts by a key; `SUMMARY_ORDERS` in config names them:

- time: by the day the fact was first reported, then by its place in its article;
- position: by its place in its article (share of the article before it), news putting
  what matters first;
- article: the sources' own order: by the article the line is drawn from (earliest
  first), then by its place there;
- selection: as the summary chose them, the most valuable first;
- lead_*: the first fact chosen (the story's lead) first, the rest in the named order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from newsfuse.model import Fact

__all__ = ["arrange"]

Key = Callable[[Fact], tuple[object, ...]]


def arrange(
    chosen: Sequence[Fact],
    how: str,
    published: Mapping[str, datetime],
    lengths: Mapping[str, int],
    article_rank: Mapping[str, int],
) -> list[Fact]:
    """`chosen` (in the order the summary chose them) in the order `how` names."""

    def place(fact: Fact) -> float:
        sentence = fact.representative
        return sentence.index / max(lengths[sentence.article_id], 1)

    def time(fact: Fact) -> tuple[object, ...]:
        # By day: reports of one day differ in hours for reasons that are not the story's.
        return min(published[a] for a in fact.carriers).date(), place(fact)

    def article(fact: Fact) -> tuple[object, ...]:
        sentence = fact.representative
        return article_rank[sentence.article_id], sentence.index

    keys: dict[str, Key] = {"time": time, "position": lambda f: (place(f),), "article": article}
    if how == "selection" or not chosen:
        return list(chosen)
    if how.startswith("lead_"):
        return [chosen[0], *sorted(chosen[1:], key=keys[how.removeprefix("lead_")])]
    return sorted(chosen, key=keys[how])
