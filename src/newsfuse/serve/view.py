"""The story page's view: the brief's view model, with every citation pointing at a sentence.

The page renders each cited article as sentences with ids. A citation links to the
passage that carries the cited text: for the article a summary fact was worded from, its
representative sentence; for any other article, its sentence sharing the largest share of
the cited text's words (the carriers of a fact say it in their own words). The link works
without JavaScript (`#id` and `:target`); the script adds highlight on hover and click.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta

from newsfuse.model import Article, Brief, Fact
from newsfuse.render.rank import CAPS
from newsfuse.render.view import BriefView, SentenceView, build_view
from newsfuse.segment import segment, tokenize

__all__ = ["Chart", "build_page", "sources_chart"]

# Words too common to say two sentences share a passage.
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its "
    "that this these those he she they we you i his her their our said says will would has "
    "have had not no".split()
)


def _content(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in _STOP}


class _Locator:
    def __init__(self, articles: Sequence[Article]) -> None:
        self.sentences = {a.id: segment(a) for a in articles}
        self.words = {a.id: [_content(s.text) for s in self.sentences[a.id]] for a in articles}

    def anchor(self, n: int, article_id: str, text: str | None, fact: Fact | None) -> str:
        """The anchor of article `n`'s sentence that carries `text`, else of the article."""
        sentences = self.sentences[article_id]
        if fact is not None and fact.representative.article_id == article_id:
            position = fact.representative.index
            if position < len(sentences):
                return f"a{n}s{position}"
        wanted = _content(text or "")
        best, best_score = -1, 0.0
        for position, words in enumerate(self.words[article_id]):
            if not words or not wanted:
                continue
            shared = len(wanted & words)
            # Share of the cited words found, a little in favour of tighter sentences.
            score = shared / len(wanted) + 0.1 * shared / len(words)
            if score > best_score:
                best, best_score = position, score
        return f"a{n}s{best}" if best >= 0 else f"a{n}"

    def paragraphs(self, n: int, article_id: str) -> tuple[tuple[SentenceView, ...], ...]:
        found: list[list[SentenceView]] = []
        for sentence in self.sentences[article_id]:
            while len(found) <= sentence.paragraph:
                found.append([])
            found[sentence.paragraph].append(SentenceView(f"a{n}s{sentence.index}", sentence.text))
        return tuple(tuple(p) for p in found if p)


def build_page(brief: Brief) -> BriefView:
    """The brief's view, with its articles as sentences and citations pointing at them."""
    locate = _Locator(brief.articles)
    # The page is read by scrolling, not in a minute: capped sections, no word budget.
    view = build_view(brief, point=locate.anchor, caps=dataclasses.replace(CAPS, words=None))
    sources = tuple(
        dataclasses.replace(s, paragraphs=locate.paragraphs(s.index, s.id)) for s in view.sources
    )
    return dataclasses.replace(view, sources=sources)


@dataclasses.dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    height: int
    label: str  # the day (or hour) it counts
    count: int


@dataclasses.dataclass(frozen=True, slots=True)
class Chart:
    """Articles per day (per hour when they all fall on one day): a small SVG bar chart."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_width: int
    undated: int


_CHART_HEIGHT, _BAR, _GAP, _MOST_BARS = 60, 18, 4, 30


def sources_chart(articles: Sequence[Article]) -> Chart | None:
    """The chart of when the articles came out; None when fewer than two are dated."""
    times = [a.sort_time for a in articles if a.published is not None]
    if len(times) < 2:
        return None
    by_hour = len({t.date() for t in times}) == 1
    first = min(times)
    if by_hour:
        keys = [int((t - first).total_seconds() // 3600) for t in times]
    else:
        keys = [(t.date() - first.date()).days for t in times]
    span = min(max(keys), _MOST_BARS - 1)
    counts = [0] * (span + 1)
    for key in keys:
        counts[min(key, span)] += 1
    tallest = max(counts)
    bars = []
    for n, count in enumerate(counts):
        when = first + timedelta(hours=n) if by_hour else first + timedelta(days=n)
        label = when.strftime("%Y-%m-%d %H:00") if by_hour else when.date().isoformat()
        height = round(_CHART_HEIGHT * count / tallest)
        bars.append(Bar(n * (_BAR + _GAP), _CHART_HEIGHT - height, height, label, count))
    width = len(counts) * (_BAR + _GAP)
    return Chart(tuple(bars), width, _CHART_HEIGHT, _BAR, len(articles) - len(times))
