"""The view model: what a brief shows, built once from a Brief, rendered by every template.

Markdown, the standalone HTML page and the web app's story page all read a `BriefView`, so
that a change of what a brief shows is made in one place. Labels, counts and the citation
targets are decided here; only the layout is left to the templates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

from newsfuse.model import Brief, Fact, Removal, SummaryItem, TimelineEntry
from newsfuse.outlets import outlet_name
from newsfuse.render.rank import CAPS, FULL, Caps, figure_context, select
from newsfuse.resources import lines
from newsfuse.segment.lines import QUOTED, without_connective
from newsfuse.summarize.compress import strip_dateline
from newsfuse.time import timexes

__all__ = [
    "BriefView",
    "Cite",
    "CopyView",
    "DiscrepancyView",
    "EntityView",
    "FigureValueView",
    "KeyFigureView",
    "LatestView",
    "Line",
    "OutletView",
    "Pointer",
    "QuoteView",
    "SentenceView",
    "SourceView",
    "TimelineView",
    "ValueView",
    "build_view",
    "citation_labels",
]

# Where a citation of `text` (worded by `fact`, when known) points in article number `index`
# with id `article_id`: an anchor on the page.
Pointer = Callable[[int, str, str | None, Fact | None], str]


def citation_labels(
    ids: Sequence[str], outlets: Sequence[str | None] | None = None
) -> dict[str, str]:
    """Short, stable labels for citations: each article's outlet name (aligned with `ids`),
    numbered in order when one outlet has several articles ("BBC 1", "BBC 2"); an article
    of no known outlet by its id, '000' for '000_813b193e1c298078' when that stays unique."""
    short = {i: i.split("_", 1)[0] for i in ids}
    if len(set(short.values())) != len(short) or not all(short.values()):
        short = {i: i for i in ids}
    named = {i: o for i, o in zip(ids, outlets or (), strict=False) if o}
    base = {i: named.get(i, short[i]) for i in ids}
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    labels = {}
    for i in ids:
        if counts[base[i]] > 1:
            seen[base[i]] += 1
            labels[i] = f"{base[i]} {seen[base[i]]}"
        else:
            labels[i] = base[i]
    return labels


def web_link(url: str | None) -> str | None:
    """`url` when it is an http(s) link: a "javascript:" URL must never become a link."""
    return url if url and urlsplit(url).scheme.lower() in ("http", "https") else None


@dataclass(frozen=True, slots=True)
class Cite:
    id: str  # the cited article's id
    label: str
    article: int  # index of the article among the sources; -1 for an id not among them
    anchor: str  # what the citation points at: the article, or a sentence of it


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class SentenceView:
    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class SourceView:
    index: int
    id: str
    label: str
    title: str | None
    outlet: str | None
    published: str | None  # ISO date
    url: str | None  # web links only
    words: int
    removed: tuple[Removal, ...]
    # The article's sentences by paragraph, each with an anchor: only pages that show the
    # articles beside the brief fill it (`newsfuse.serve.view`).
    paragraphs: tuple[tuple[SentenceView, ...], ...] = ()

    @property
    def anchor(self) -> str:
        return f"a{self.index}"


@dataclass(frozen=True, slots=True)
class CopyView:
    members: tuple[Cite, ...]
    shared_sentences: int
    origin: str | None
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteView:
    speaker: str  # "Unattributed" when no speaker was found
    role: str | None  # printed after the speaker: "Larry Krasner (Philadelphia District Attorney)"
    text: str
    cites: tuple[Cite, ...]
    other_wordings: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class ValueView:
    value: str
    text: str
    cites: tuple[Cite, ...]
    published: str | None = None  # "2024-03-02 14:05", or the day alone when no hour is known


@dataclass(frozen=True, slots=True)
class DiscrepancyView:
    about: str
    values: tuple[ValueView, ...]
    kind: str = "conflict"  # or "update": values oldest first

    @property
    def latest(self) -> ValueView:
        return self.values[-1]

    @property
    def earlier(self) -> tuple[ValueView, ...]:
        """The values before the latest, newest first."""
        return self.values[-2::-1]


@dataclass(frozen=True, slots=True)
class TimelineView:
    date: str
    kind: str
    text: str
    cites: tuple[Cite, ...]
    # No citing source has a publication date: the date is the text's own, and says so.
    undated_sources: bool = False


@dataclass(frozen=True, slots=True)
class FigureValueView:
    value: str
    articles: int  # articles that give it
    independent: int  # once copies of one text count once
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class KeyFigureView:
    about: str
    values: tuple[FigureValueView, ...]  # the best supported first; more when sources differ
    # The sentence that gives the first value, around it: "12 years" alone says nothing;
    # "All have spent time in prison, Xu for 12 years" does. A long sentence is cut to the
    # clauses nearest the value. Empty when the value's wording is not in the sentence.
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class LatestView:
    status: TimelineView | None
    next: TimelineView | None


@dataclass(frozen=True, slots=True)
class OutletView:
    name: str
    url: str | None  # its first article's link
    headline: str | None
    stresses: tuple[str, ...]
    exclusives: int
    rating: str | None
    cites: tuple[Cite, ...]


@dataclass(frozen=True, slots=True)
class EntityView:
    name: str
    type: str
    mentions: int
    cites: tuple[Cite, ...]  # the articles that name it


@dataclass(frozen=True, slots=True)
class BriefView:
    title: str
    sources: tuple[SourceView, ...]
    independent: int  # sources once copies of one text count once
    summary: tuple[Line, ...]
    copies: tuple[CopyView, ...]
    quotes: tuple[QuoteView, ...]
    discrepancies: tuple[DiscrepancyView, ...]
    timeline: tuple[TimelineView, ...]
    exclusives: tuple[Line, ...]  # each cites its one source
    entities: tuple[EntityView, ...]
    key_figures: tuple[KeyFigureView, ...] = ()
    latest: LatestView | None = None
    outlets: tuple[OutletView, ...] = ()
    # Sections left out by the caps (`Caps`), by section name: "see --full".
    omitted: tuple[tuple[str, int], ...] = ()

    @property
    def undated(self) -> bool:
        """No source carries a publication date: nothing can be called the latest, and every
        date shown is one its text gives."""
        return bool(self.sources) and all(s.published is None for s in self.sources)

    @property
    def ratings(self) -> list[tuple[str, int]]:
        """Outlets by the rating the user gave them: the spread of coverage."""
        spread = Counter(o.rating for o in self.outlets if o.rating)
        return sorted(spread.items(), key=lambda kv: (-kv[1], kv[0]))

    @property
    def quotes_by_speaker(self) -> list[tuple[str, list[QuoteView]]]:
        """Quotes grouped by speaker, in order of first appearance."""
        groups: dict[str, list[QuoteView]] = {}
        for quote in self.quotes:
            groups.setdefault(quote.speaker, []).append(quote)
        return list(groups.items())

    @property
    def speaker_roles(self) -> dict[str, str]:
        """Each speaker's role as first printed beside one of their quotes."""
        roles: dict[str, str] = {}
        for quote in self.quotes:
            if quote.role:
                roles.setdefault(quote.speaker, quote.role)
        return roles

    @property
    def exclusives_by_source(self) -> list[tuple[SourceView, list[Line]]]:
        """Exclusive details grouped by their source, in order of first appearance."""
        groups: dict[int, list[Line]] = {}
        for line in self.exclusives:
            source = line.cites[0].article
            if source >= 0:
                groups.setdefault(source, []).append(line)
        return [(self.sources[n], lines) for n, lines in groups.items()]


def _when(published: datetime | None) -> str | None:
    if published is None:
        return None
    return f"{published:%Y-%m-%d}" if published.time() == time(0) else f"{published:%Y-%m-%d %H:%M}"


_WEEKDAYS = frozenset(lines("weekdays"))
_AMBIGUOUS_DAYS = 6
# Words before a weekday that make it a named day or any such day, not one: "Black Friday",
# "on a Sunday", "every Friday".
_NOT_ONE_DAY = frozenset(lines("named_day_words")) | {"a", "an", "every", "each", "any", "some"}
_MODIFIED = frozenset(lines("weekday_modified_nouns"))


def dated_weekdays(text: str, published: datetime | None) -> str:
    """`text` with the day each bare weekday of its own words means set after it ("won on
    Sunday (1998-10-04)"), read against the publication date of the report it comes from
    and its tense: a summary draws on reports of several days, where "Sunday" alone does not
    say which. Left as printed: words in quotation marks (the speaker's, told from another
    day); a weekday in a name or a kind ("The Sunday Times", "Black Friday", "Friday
    prayers", "on a Sunday"); a weekday six days off, or any in a report stamped at night,
    when another time zone's day may be meant (an evening report of Asia's "Friday")."""
    if published is None or (published.time() != time(0) and not 6 <= published.hour < 18):
        return text
    day = published.date()
    quoted = [m.span() for m in QUOTED.finditer(text)]
    found = [
        t
        for t in timexes(text, day)
        if t.text.lower() in _WEEKDAYS
        and len(t.value) == len("YYYY-MM-DD")
        and not any(a <= t.start < b for a, b in quoted)
        and _a_day(text[: t.start], text[t.end :])
        and abs((date.fromisoformat(t.value) - day).days) < _AMBIGUOUS_DAYS
    ]
    for t in reversed(found):
        text = f"{text[: t.end]} ({t.value}){text[t.end :]}"
    return text


def _a_day(before: str, after: str) -> bool:
    """Whether a weekday between `before` and `after` names one day: not a named day
    ("Black Friday"), a newspaper's or kind's name ("The Sunday Times", "Friday prayers"), a
    possessive ("Saturday's") or any such day ("on a Sunday")."""
    last = before.split()[-1:]
    if last and last[0].lower() in _NOT_ONE_DAY:
        return False
    if after.startswith(("'s", "’s")):
        return False
    following = after.split()[:1]
    word = following[0].rstrip(".,;:") if following else ""
    return not (word[:1].isupper() or word.lower() in _MODIFIED)


def _source_of(item: SummaryItem) -> str:
    """The article whose sentence a summary line prints."""
    return item.fact.representative.article_id if item.fact else ""


def _to_article(index: int, article_id: str, text: str | None, fact: Fact | None) -> str:
    return f"a{index}"


def build_view(brief: Brief, point: Pointer = _to_article, caps: Caps = CAPS) -> BriefView:
    """The view of `brief`; `point` chooses each citation's anchor (by default, the cited
    article's); `caps` how much of each section it shows (`rank.FULL`: everything)."""
    articles = brief.articles
    outlets = [outlet_name(a.outlet, a.url) for a in articles]
    labels = citation_labels([a.id for a in articles], outlets)
    index = {a.id: n for n, a in enumerate(articles)}
    published = {a.id: a.published for a in articles}

    def cites(ids: Iterable[str], text: str | None, fact: Fact | None = None) -> tuple[Cite, ...]:
        found = []
        for i in ids:
            n = index.get(i, -1)
            anchor = point(n, i, text, fact) if n >= 0 else ""
            found.append(Cite(i, labels.get(i, i), n, anchor))
        return tuple(found)

    def timeline_line(t: TimelineEntry) -> TimelineView:
        # A wire dateline ("MANILA, Philippines (AP) _") opening the sentence is the report's,
        # not the event's, and a "But"/"However," joined it to a sentence not shown: shown
        # without them; the citation still points at the whole sentence.
        text = without_connective(strip_dateline(t.text))
        return TimelineView(t.date, t.kind, text, cites(t.citations, t.text), t.anchor == "text")

    shown = select(brief, caps)
    quotes, timeline, exclusives = shown.quotes, shown.timeline, shown.exclusives
    entities, figures = shown.entities, shown.key_figures
    omitted = tuple(
        (name, total - shown)
        for name, total, shown in (
            ("quotes", len(brief.quotes), len(quotes)),
            ("timeline entries", len(brief.timeline), len(timeline)),
            ("one-source details", len(brief.exclusives), len(exclusives)),
            ("names", len(brief.entities), len(entities)),
            ("figures", len(brief.key_figures), len(figures)),
            ("outlets", len(brief.outlets), len(shown.outlets)),
        )
        if total > shown
    )
    latest = brief.latest
    # The values each shown figure already sets side by side, by what it counts.
    figure_values = {f.about: {v.value for v in f.values} for f in figures if len(f.values) > 1}
    return BriefView(
        title=brief.title or "Story brief",
        sources=tuple(
            SourceView(
                index=n,
                id=a.id,
                label=labels[a.id],
                title=a.title,
                outlet=outlets[n],
                published=a.published.date().isoformat() if a.published else None,
                url=web_link(a.url),
                words=a.words,
                removed=a.removed,
            )
            for n, a in enumerate(articles)
        ),
        independent=len(articles) - sum(len(g.members) - 1 for g in brief.copies),
        summary=tuple(
            Line(
                dated_weekdays(item.text, published.get(_source_of(item))),
                cites(item.citations, item.text, item.fact),
            )
            for item in brief.summary
        ),
        copies=tuple(
            CopyView(
                members=cites(g.members, g.evidence[0] if g.evidence else None),
                shared_sentences=g.shared_sentences,
                origin=g.origin,
                evidence=g.evidence,
            )
            for g in brief.copies
        ),
        quotes=tuple(
            QuoteView(
                speaker=q.speaker or "Unattributed",
                role=q.role if q.speaker else None,
                text=q.text,
                cites=cites(q.citations, q.text),
                other_wordings=tuple(
                    Line(v.text, cites(v.citations, v.text))
                    for v in (q.variants[1:] if caps.other_wordings else ())
                ),
            )
            for q in quotes
        ),
        discrepancies=tuple(
            DiscrepancyView(
                d.about,
                tuple(
                    ValueView(v.value, v.text, cites(v.citations, v.text), _when(v.published))
                    for v in d.values
                ),
                d.kind,
            )
            for d in brief.discrepancies
            # Differing values a key figure already shows are not repeated; other values of
            # the same thing are (they may be another count of it), and an update is shown
            # as one, with its times.
            if caps == FULL
            or d.kind == "update"
            or not {v.value for v in d.values} <= figure_values.get(d.about, set())
        ),
        timeline=tuple(timeline_line(t) for t in timeline),
        exclusives=tuple(Line(e.text, cites([e.article_id], e.text)) for e in exclusives),
        entities=tuple(
            EntityView(
                name=e.name,
                type=e.type,
                mentions=sum(n for _, n in e.mentions),
                cites=cites((a for a, _ in e.mentions), None),
            )
            for e in entities
        ),
        key_figures=tuple(
            KeyFigureView(
                f.about,
                tuple(
                    FigureValueView(
                        v.value, len(v.citations), v.independent_sources, cites(v.citations, v.text)
                    )
                    for v in f.values
                ),
                *figure_context(f.values[0].value, f.values[0].text),
            )
            for f in figures
        ),
        latest=LatestView(
            timeline_line(latest.status) if latest.status else None,
            timeline_line(latest.next) if latest.next else None,
        )
        if latest
        else None,
        outlets=tuple(
            OutletView(
                # An article of no known outlet stands for itself, under its citation label.
                name=labels.get(o.outlet, o.outlet),
                url=web_link(articles[index[o.article_ids[0]]].url)
                if o.article_ids[0] in index
                else None,
                headline=o.headline,
                stresses=o.stresses,
                exclusives=o.exclusives,
                rating=o.rating,
                cites=cites(o.article_ids, o.lead),
            )
            for o in shown.outlets
        ),
        omitted=omitted,
    )
