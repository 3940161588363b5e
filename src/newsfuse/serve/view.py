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

from newsfuse.model import Article, Brief, Fact
from newsfuse.render.view import BriefView, SentenceView, build_view
from newsfuse.segment import segment, tokenize

__all__ = ["build_page"]

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
    view = build_view(brief, point=locate.anchor)
    sources = tuple(
        dataclasses.replace(s, paragraphs=locate.paragraphs(s.index, s.id)) for s in view.sources
    )
    return dataclasses.replace(view, sources=sources)
