"""The data model that flows through every stage of the pipeline.

ingest -> Article (raw text + metadata)
clean  -> Article (cleaned text, with a record of each Removal)
segment -> Sentence (per article, with its position)
summarize -> Fact (a statement and the articles carrying it) -> SummaryItem
render <- Brief (sources, summary, removals): `newsfuse.render` reads the model; the model
knows nothing of how it is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Removal:
    """One span the cleaner took out of an article, and the rule that took it."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news report: its text and what we know about where it came from."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    author: str | None = None
    place: str | None = None
    source_path: str | None = None
    removed: tuple[Removal, ...] = ()

    @property
    def sort_time(self) -> datetime:
        """Publication time as naive UTC, for ordering; undated articles sort last."""
        if self.published is None:
            return datetime.max
        if self.published.tzinfo is None:
            return self.published
        try:
            return self.published.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # within a day of the calendar's edge, in UTC past it
            return datetime.max if self.published.year > 1 else datetime.min

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one article, located by paragraph and order."""

    article_id: str
    index: int  # position among the article's sentences
    paragraph: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement, worded by one sentence, and every article that carries it."""

    representative: Sentence
    carriers: tuple[str, ...]
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One sentence of the summary and every article that carries its fact."""

    text: str
    citations: tuple[str, ...]
    # Copies of one wire story count once; equals len(citations) when nothing was copied.
    independent_sources: int = 0
    fact: Fact | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Articles that share copied text (syndicated wire copy, reprints): one source."""

    members: tuple[str, ...]
    shared_sentences: int
    origin: str | None = None
    # The copied sentences themselves, as printed by the first member.
    evidence: tuple[str, ...] = ()
    # Share of each member's sentences that are copied, by article id.
    copied_share: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a quote and the articles that print it."""

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    text: str
    variants: tuple[Variant, ...]
    citations: tuple[str, ...]
    role: str | None = None  # the speaker's role or description as printed ("Senator")
    # The attribution model's probability for the speaker (0 when there is none).
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class DiscrepantValue:
    value: str
    text: str
    citations: tuple[str, ...]
    published: datetime | None = None  # the first citing report's publication time


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Sources giving different values for the same thing."""

    about: str
    values: tuple[DiscrepantValue, ...]
    # "conflict"; or "update": a running count reported later anew, values oldest first
    kind: str = "conflict"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str  # ISO date, or a coarser ISO prefix ("2023-06") when only that is known
    text: str
    citations: tuple[str, ...]
    kind: str  # "event" | "background" | "scheduled"
    # "published": dated against its articles' publication date; "text": every citing article
    # is undated, so the text alone gives the date ("on June 16, 2023").
    anchor: str = "published"
    # Told only as a dated noun phrase ("Bombing of the trade office", from "the Aug. 7
    # bombing of the trade office"): no report's clause states it.
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Exclusive:
    """A detail only one independent source reports."""

    article_id: str
    text: str


@dataclass(frozen=True, slots=True)
class FigureValue:
    """One value of a key figure and the articles that give it."""

    value: str
    text: str
    citations: tuple[str, ...]
    independent_sources: int


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A number of the story (what it counts, in `about`), its values, best supported first."""

    about: str
    values: tuple[FigureValue, ...]


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest status of the story and its next scheduled step, from its timeline."""

    status: TimelineEntry | None
    next: TimelineEntry | None


@dataclass(frozen=True, slots=True)
class OutletAngle:
    """How one outlet told the story: its headline, lead and what it stresses."""

    outlet: str
    article_ids: tuple[str, ...]
    headline: str | None
    lead: str | None
    stresses: tuple[str, ...]  # its most distinctive words, from its lead and exclusive details
    exclusives: int
    rating: str | None = None  # from the user's outlet ratings, when given


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: str  # "person" | "organization" | "place" | "other" (a ship, a building)
    mentions: tuple[tuple[str, int], ...]  # (article id, count)


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event, as found by `newsfuse.cluster`."""

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    outlets: tuple[str, ...] = ()
    first: datetime | None = None  # earliest and latest publication time, naive UTC
    last: datetime | None = None

    @property
    def size(self) -> int:
        return len(self.article_ids)


@dataclass(frozen=True, slots=True)
class Brief:
    """What newsfuse says about one story."""

    articles: tuple[Article, ...]
    summary: tuple[SummaryItem, ...]
    title: str | None = None
    copies: tuple[CopyGroup, ...] = ()
    quotes: tuple[Quote, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    entities: tuple[Entity, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    latest: Latest | None = None
    outlets: tuple[OutletAngle, ...] = ()
    # The validated settings that made this brief (`Pipeline.config.to_dict()`), recorded in
    # its JSON so a brief says how it was made; not part of what it says.
    config: dict[str, object] | None = field(default=None, compare=False, hash=False, repr=False)
