"""What the story page shows: the brief, with every citation pointing at a sentence.

The page renders each cited article as sentences with ids. A citation links to the
passage that carries the cited text: for the article a summary fact was worded from, its
representative sentence; for any other article, its sentence sharing the largest share of
the cited text's words (the carriers of a fact say it in their own words). The link works
without JavaScript (`#id` and `:target`); the script adds highlight on hover and click.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsfuse.model import Article, Brief, Fact
from newsfuse.render import citation_labels
from newsfuse.segment import segment, tokenize

__all__ = ["Cite", "StoryView", "build_view"]

# Words too common to say two sentences share a passage.
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its "
    "that this these those he she they we you i his her their our said says will would has "
    "have had not no".split()
)


@dataclass(frozen=True, slots=True)
class Cite:
    label: str
    article: int  # index of the article on the page
    anchor: str  # id of the sentence (or the article) the citation points at


@dataclass(frozen=True, slots=True)
class SentenceView:
    anchor: str
    text: str


@dataclass(slots=True)
class ArticleView:
    index: int
    id: str
    label: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    words: int
    paragraphs: list[list[SentenceView]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"a{self.index}"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    cites: tuple[Cite, ...]
    extra: str | None = None  # the value of a discrepancy, the date of a timeline entry...


@dataclass(frozen=True, slots=True)
class QuoteView:
    text: str
    cites: tuple[Cite, ...]
    variants: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class CopyView:
    members: tuple[Cite, ...]
    shared_sentences: int
    origin: str | None
    evidence: tuple[str, ...]


@dataclass(slots=True)
class StoryView:
    title: str
    articles: list[ArticleView]
    summary: list[Line]
    independent: int
    copies: list[CopyView]
    quotes: dict[str, list[QuoteView]]  # by speaker, in order of first appearance
    discrepancies: list[tuple[str, list[Line]]]
    timeline: list[Line]
    exclusives: list[tuple[Cite, list[Line]]]  # per source


def _web_link(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme.lower() in ("http", "https")


def _content(text: str) -> set[str]:
    return {t for t in tokenize(text) if t not in _STOP}


class _Locator:
    def __init__(self, articles: Sequence[Article]) -> None:
        self.labels = citation_labels([a.id for a in articles])
        self.index = {a.id: n for n, a in enumerate(articles)}
        self.sentences = {a.id: segment(a) for a in articles}
        self.words = {a.id: [_content(s.text) for s in self.sentences[a.id]] for a in articles}

    def cite(self, article_id: str, text: str | None, fact: Fact | None = None) -> Cite | None:
        n = self.index.get(article_id)
        if n is None:
            return None
        label = self.labels.get(article_id, article_id)
        sentences = self.sentences[article_id]
        if fact is not None and fact.representative.article_id == article_id:
            position = fact.representative.index
            if position < len(sentences):
                return Cite(label, n, f"a{n}s{position}")
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
        anchor = f"a{n}s{best}" if best >= 0 else f"a{n}"
        return Cite(label, n, anchor)

    def cites(
        self, ids: Iterable[str], text: str | None, fact: Fact | None = None
    ) -> tuple[Cite, ...]:
        found = (self.cite(i, text, fact) for i in ids)
        return tuple(c for c in found if c is not None)


def build_view(brief: Brief) -> StoryView:
    articles = brief.articles
    locate = _Locator(articles)
    views: list[ArticleView] = []
    for n, article in enumerate(articles):
        view = ArticleView(
            index=n,
            id=article.id,
            label=locate.labels[article.id],
            title=article.title,
            outlet=article.outlet,
            published=article.published.date().isoformat() if article.published else None,
            # Only web links: a "javascript:" URL in an article must never become a link.
            url=article.url if _web_link(article.url) else None,
            words=article.words,
        )
        for sentence in locate.sentences[article.id]:
            while len(view.paragraphs) <= sentence.paragraph:
                view.paragraphs.append([])
            view.paragraphs[sentence.paragraph].append(
                SentenceView(f"a{n}s{sentence.index}", sentence.text)
            )
        view.paragraphs = [p for p in view.paragraphs if p]
        views.append(view)

    quotes: dict[str, list[QuoteView]] = {}
    for q in brief.quotes:
        quotes.setdefault(q.speaker or "Unattributed", []).append(
            QuoteView(
                text=q.text,
                cites=locate.cites(q.citations, q.text),
                variants=tuple(
                    Line(v.text, locate.cites(v.citations, v.text)) for v in q.variants[1:]
                ),
            )
        )
    exclusives: dict[str, list[Line]] = {}
    for e in brief.exclusives:
        exclusives.setdefault(e.article_id, []).append(
            Line(e.text, locate.cites([e.article_id], e.text))
        )
    return StoryView(
        title=brief.title or "Story brief",
        articles=views,
        summary=[
            Line(item.text, locate.cites(item.citations, item.text, item.fact))
            for item in brief.summary
        ],
        independent=len(articles) - sum(len(g.members) - 1 for g in brief.copies),
        copies=[
            CopyView(
                members=locate.cites(g.members, g.evidence[0] if g.evidence else None),
                shared_sentences=g.shared_sentences,
                origin=g.origin,
                evidence=g.evidence,
            )
            for g in brief.copies
        ],
        quotes=quotes,
        discrepancies=[
            (
                d.about,
                [Line(v.text, locate.cites(v.citations, v.text), extra=v.value) for v in d.values],
            )
            for d in brief.discrepancies
        ],
        timeline=[
            Line(
                t.text,
                locate.cites(t.citations, t.text),
                extra=t.date + ("" if t.kind == "event" else f" ({t.kind})"),
            )
            for t in brief.timeline
        ],
        exclusives=[
            (cite, exclusives[article_id])
            for article_id in exclusives
            if (cite := locate.cite(article_id, None)) is not None
        ],
    )
