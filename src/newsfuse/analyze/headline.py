"""The story's title: a headline the independent sources support.

Of the headlines that state no outlier of a discrepancy (a figure or a spelling fewer sources
give than another value of the same thing) and no count a later report updated (the first
reports of a toll are often the most numerous and the most outdated), the most typical: the
one sharing most words with the summary and with the other headlines, so that one outlet's
angle does not name the story. Without such a headline, the summary's first sentence free
of outliers that does not point back to a sentence before it is the title.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.analyze.discrepancies import Quantity, find_quantities
from newsfuse.model import Article, Discrepancy, Sentence, SummaryItem
from newsfuse.summarize.kinds import points_back
from newsfuse.summarize.similarity import content_tokens

__all__ = ["outliers", "supported_title"]


def _quantities(text: str) -> list[Quantity]:
    return find_quantities([Sentence("", 0, 0, text)])


def outliers(discrepancies: Sequence[Discrepancy]) -> list[tuple[str, list[Quantity]]]:
    """The values fewer articles give than the best-supported value of their thing, and
    the values an update replaced: each as its wording and its quantities (none for a
    spelling)."""
    found = []
    for d in discrepancies:
        if d.kind == "update":  # values oldest first: all but the newest are outdated
            found += [(v.value, _quantities(v.value)) for v in d.values[:-1]]
            continue
        most = max(len(v.citations) for v in d.values)
        if sum(len(v.citations) == most for v in d.values) > 1:
            continue  # a tie: no majority to side with
        found += [(v.value, _quantities(v.value)) for v in d.values if len(v.citations) < most]
    return found


def _states_outlier(text: str, bad: Sequence[tuple[str, list[Quantity]]]) -> bool:
    stated = _quantities(text) if any(qs for _, qs in bad) else []
    for wording, quantities in bad:
        if not quantities:
            if wording in text:
                return True
            continue
        for q in quantities:
            if any(s.unit == q.unit and s.low <= q.high and q.low <= s.high for s in stated):
                return True
    return False


def supported_title(
    articles: Sequence[Article],
    summary: Sequence[SummaryItem],
    discrepancies: Sequence[Discrepancy] = (),
) -> str | None:
    bad = outliers(discrepancies)
    titles = [a.title for a in articles if a.title]
    fine = [t for t in titles if not _states_outlier(t, bad)]
    if not fine:
        # No headline, or every one states an outlier: the lead fact names the story, the
        # first line that reads alone ("The same can't be said for ..." does not, even
        # after the summary line it points to).
        return next(
            (
                item.text
                for item in summary
                if points_back(item.text) is None and not _states_outlier(item.text, bad)
            ),
            None,
        )
    words = [set(content_tokens(t)) or {t.lower()} for t in titles]
    summary_words = set(content_tokens(" ".join(item.text for item in summary)))

    def typicality(title: str) -> float:
        i = titles.index(title)
        others = sum(len(words[i] & w) / len(words[i] | w) for j, w in enumerate(words) if j != i)
        return len(words[i] & summary_words) / len(words[i]) + others / max(len(titles) - 1, 1)

    return max(fine, key=typicality)
