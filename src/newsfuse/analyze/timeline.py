"""The story's dated events, resolved by `newsfuse.time` against each article's publication date.

An entry is an event clause: a sentence with a verb, not a publication stamp, a link, a
caption or a piece of a quote (`is_event_clause`), dated by `clause_date.date_of`: the first
time expression outside quotation marks that dates its main clause's event and names a day, a
month or a year, or none (the entry is left out rather than guessed).

An article without a publication date dates only what its text dates absolutely ("on
June 16, 2023"); its entries say so (`anchor="text"`).

Kinds: "scheduled" for dates after publication or said in the future tense, "background"
for dates over a week before it (or in an earlier month or year), "event" for the rest.
Sentences on one date that share enough content words are one entry, cited by every article
that prints one of them (an "event" when any early article reports it so, though a later one
tells it as background), unless each names a person the other does not: "Merrow met Dan
Halm on Monday" and "Merrow met Tovar on Monday" are two meetings of one day. What is still
ahead is never merged with what happened.

A report often tells the main event only as a dated noun phrase ("two vans had been used in
the Aug. 7 bombing of the trade office", "since Sunday's election"; `event_nominals`): such a
nominal is an entry of its own day, its text the phrase ("Bombing of the trade office"),
joined to a clause entry of that day whose words share the noun's stem ("A bomb exploded at
the trade office Friday"; of several, the one most reports carry), else to the nominals of
other reports with that noun (or, for happenings, another of their names: "Friday's blast",
"the market attack"), and cited by every report that names it. A clause, when there is one,
stays the entry's text; an entry told only by phrases is marked (`phrase`): it gives no
Latest line, and one that a single report names ranks with the background.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.clause_date import VERB, date_of
from newsfuse.analyze.entities import Registry, people_named
from newsfuse.analyze.event_nominals import Nominal, dated_nominals, event_stem, kin
from newsfuse.memo import one_brief, per_brief
from newsfuse.model import Article, Sentence, TimelineEntry
from newsfuse.resources import lines
from newsfuse.resources.patterns import one_of
from newsfuse.segment import segment
from newsfuse.segment.lines import QUOTED, opinion_piece

__all__ = ["extract_timeline", "is_event_clause", "reference_dates"]


# Lines that are furniture, not news: "(Published Saturday, Jan. 24, 2015)", "(RELATED: ...)",
# "Photo: ...", "Updated 5 p.m.".
_FURNITURE = re.compile(
    r"^\W*(?:" + "|".join(re.escape(w) for w in lines("time_furniture")) + r")\b", re.I
)
# Embedded posts and links ("pic.twitter.com/...", "— Name (@handle) December 27, 2017") and
# headings in capitals ("AGENCY ISSUES NATIONAL ADVISORY", "PHONE: WHAT WE KNOW") are not prose.
_NOT_PROSE = re.compile(
    r"https?://|\bpic\.twitter\.com|\bwww\.|^\W*(?:[A-Z0-9][A-Z0-9'’:&-]*\s+){3}[A-Z0-9]"
    r"|^\W*\d+\s*/\s*\d+\s"  # a gallery's slide counter, "23/30 Earth from orbit ..."
)
# A post's "@handle" (not an email's "@").
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z_]")
# Furniture glued inside a sentence ("Scroll down for video", "Most Read").
_INLINE_FURNITURE = re.compile(rf"\b(?:{one_of(lines('time_inline_furniture'))})\b", re.I)
# A heading glued to the sentence after it: "Rebels seize port The rebels took ...": words
# with no verb form of ours, then a lowercase word and a capital "The".
_GLUED_HEADING = re.compile(r"^((?:[\w'’-]+\s+){2,10}?([a-z0-9][\w'’-]*))\s+(?:The|This|These)\s")
# A list item's label before a colon ("Stage 1 'Around': ...") and a sentence glued to the
# end of another ("... (SEC) The pair will appear ...").
_LABEL = re.compile(r"^((?:[^\s:]+\s+){0,3}[^\s:]+):\s")
_LIST_LABEL = re.compile(r"\d|['‘’\"“”]")
_GLUED_INSIDE = re.compile(r"[a-z0-9)]\s+(?:The|This|These)\s+[a-z]")
_CLOSED = re.compile(r"[.!?][\"”’')\]]*$")
# Single quotes that open (before a word) and close (after a stop: "boring,' Musk said").
_SINGLE_OPEN = re.compile(r"(?<!\w)[‘'`](?=\w)")
_SINGLE_CLOSE = re.compile(r"[.,!?…][’'](?![\w'’])")
# (`` is the opening mark of newswire text in LaTeX style.)
_OPENING_QUOTE = re.compile(r"^(?:\W*[\"“‘']|\s*``)")
# A sentence longer than this is several sentences or a caption the segmenter glued together.
_MAX_WORDS = 60


def reference_dates(articles: Sequence[Article]) -> dict[str, date | None]:
    """Each article's publication day; undated ones take the story's most common day."""
    dated = Counter(a.published.date() for a in articles if a.published is not None)
    fallback = dated.most_common(1)[0][0] if dated else None
    return {a.id: a.published.date() if a.published else fallback for a in articles}


@per_brief  # the timeline and the Latest line both ask of a report's sentences
def is_event_clause(text: str) -> bool:
    """A sentence that reports something: starts as a sentence, has a verb outside quotes and
    is not page furniture or a piece of a quote cut off by the segmenter."""
    stripped = text.strip()
    if not 5 <= len(stripped.split()) <= _MAX_WORDS or _FURNITURE.match(stripped):
        return False
    if _NOT_PROSE.search(stripped) or _INLINE_FURNITURE.search(stripped):
        return False
    if "@" in stripped and _HANDLE.search(stripped):
        return False
    if stripped[0].islower() or (stripped.startswith("(") and stripped.endswith(")")):
        return False
    # A line with no closing stop is a heading or a caption ("Smith wins title in 2014").
    if not _CLOSED.search(stripped):
        return False
    # "Stage 1 'Around': Yinghuo-1 was launched in 2009 ...": the label of a list's item
    # (not "Original story: the patch was released on Friday").
    label = _LABEL.match(stripped) if ":" in stripped[:60] else None
    if label and _LIST_LABEL.search(label[1]) and not VERB.search(label[1]):
        return False
    # "... (SEC) The pair will appear ...": a sentence glued to the end of another.
    if " Th" in stripped and _GLUED_INSIDE.search(stripped):
        return False
    glued = _GLUED_HEADING.match(stripped)
    if glued and glued[2] not in ENGLISH_STOP_WORDS and not VERB.search(glued[1]):
        return False
    # A quotation, or a sentence that opens with one: a speaker's words, not an event.
    if _OPENING_QUOTE.match(stripped):
        return False
    if (stripped.count('"') % 2) or stripped.count("“") != stripped.count("”"):
        return False
    # "That seemed boring,' Musk said in December.": the end of a quote in single quotes
    # that opened in an earlier sentence.
    closes = _SINGLE_CLOSE.findall(stripped) if "'" in stripped or "’" in stripped else []
    if closes and len(closes) > len(_SINGLE_OPEN.findall(stripped)):
        return False
    return bool(VERB.search(QUOTED.sub(" ", stripped)))


def _kind(iso: str, ref: date | None, future: bool) -> str:
    if ref is None:
        return "scheduled" if future else "event"
    ref_iso = ref.isoformat()
    prefix = ref_iso[: len(iso)]
    if iso > prefix or (future and iso == prefix):
        return "scheduled"
    if len(iso) < 10:
        return "background" if iso < prefix else "event"
    return "background" if date.fromisoformat(iso) < ref - timedelta(days=7) else "event"


# One telling of an entry's event: the report, the text, its kind and whether it is a clause
# (a nominal's phrase is shown only when no clause tells the event).
_Told = tuple[str, str, str, bool]


def extract_timeline(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_overlap: float = 0.35,
    registry: Registry | None = None,
) -> list[TimelineEntry]:
    """The story's dated event clauses and event nominals as entries. With the story's
    `registry`, sentences that name different people are kept apart."""
    # Clauses and nominals read each sentence's time expressions: once, even outside a brief.
    with one_brief():
        return _extract(articles, sentences, min_overlap, registry)


def _extract(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]] | None,
    min_overlap: float,
    registry: Registry | None,
) -> list[TimelineEntry]:
    found: dict[tuple[str, bool], list[tuple[Sentence, str, frozenset[str], frozenset[str]]]] = {}
    named: dict[tuple[str, bool], list[tuple[str, Nominal, str]]] = {}
    undated: set[str] = set()
    for a in articles:
        ref = a.published.date() if a.published else None
        if ref is None:
            undated.add(a.id)
        told = sentences[a.id] if sentences is not None else segment(a)
        # An editorial's dated clauses are its views of events ("caved in Tuesday on the
        # ill-advised cut"), not the events as reported.
        if told and opinion_piece(a.title, told[0].text):
            continue
        own: list[Nominal] = []
        for s in told:
            if not is_event_clause(s.text):
                continue
            dated = date_of(s.text, ref)
            # "was hurt in the June 3 crash": the clause's own date; its entry tells it.
            own.extend(n for n in dated_nominals(s.text, ref) if dated is None or dated[0] != n.iso)
            if dated is None:
                continue
            iso, future = dated
            kind = _kind(iso, ref, future)
            words = content_set(s.text)
            people = people_named(s.text, a.id, registry)
            # One event is "background" in a late article and "event" in an early one: they
            # are one entry; what is still ahead stays apart from what happened.
            found.setdefault((iso, kind == "scheduled"), []).append((s, kind, words, people))
        for n in _consistent(own):
            kind = _kind(n.iso, ref, n.future)
            named.setdefault((n.iso, kind == "scheduled"), []).append((a.id, n, kind))
    entries = []
    for key in dict.fromkeys([*found, *named]):
        groups: list[tuple[frozenset[str], frozenset[str], list[_Told]]] = []
        for s, kind, words, people in found.get(key, ()):
            for gwords, gpeople, members in groups:
                # Compared with the group's first sentence only: a union of words would
                # chain one day's different events into one. (The claim alignment is no
                # help here: sentences of one day share its weekday, which it counts as a
                # name, and "Chile said on Saturday it would protest" joined the arrest.)
                if (
                    len(words & gwords) >= 3
                    and overlap(words, gwords) >= min_overlap
                    and not (people - gpeople and gpeople - people)
                ):
                    members.append((s.article_id, s.text, kind, True))
                    break
            else:
                groups.append((words, people, [(s.article_id, s.text, kind, True)]))
        _join_nominals(groups, named.get(key, ()))
        for _, _, members in groups:
            clauses = [text for _, text, _, clause in members if clause]
            # A clause tells the event best; else the nominal with most detail.
            text = min(clauses, key=len) if clauses else max((m[1] for m in members), key=len)
            citations = tuple(dict.fromkeys(m[0] for m in members))
            # A bare noun one report names ("the 2029 meeting" -> "Meeting") says nothing
            # alone; one that several reports date is the story's event ("Election").
            if not clauses and len(text.split()) == 1 and len(citations) < 2:
                continue
            kinds = {m[2] for m in members}
            kind = "event" if "event" in kinds else kinds.pop()
            anchor = "text" if all(c in undated for c in citations) else "published"
            entries.append(TimelineEntry(key[0], text, citations, kind, anchor, not clauses))
    order = {"background": 0, "event": 1, "scheduled": 2}
    entries.sort(key=lambda e: (e.date, order[e.kind], -len(e.citations)))
    return entries


def _join_nominals(
    groups: list[tuple[frozenset[str], frozenset[str], list[_Told]]],
    nominals: Sequence[tuple[str, Nominal, str]],
) -> None:
    """Add one day's nominals to its clause groups (in place): to the clause whose words
    share the noun's stem ("bombing" and "a bomb exploded"), the one sharing most of the
    nominal's other words when several do; else to a group of nominals with the same noun
    whose details do not differ ("the bombing in Nairobi" and "the bombing in Dar es
    Salaam" of one day are two); else a group of its own."""
    if not nominals:
        return
    clause_groups = [(g, _stems(" ".join(m[1] for m in g[2]))) for g in groups]
    nominal_groups: list[tuple[Nominal, list[_Told]]] = []
    for article_id, n, kind in nominals:
        told = (article_id, n.text, kind, False)
        matching = [g for g, stems in clause_groups if any(kin(n.head, w) for w in stems)]
        if matching:
            # Of several, the one sharing most details, then the one most reports carry.
            best = max(matching, key=lambda g: (len(n.detail & g[0]), len({m[0] for m in g[2]})))
            best[2].append(told)
            continue
        for first, members in nominal_groups:
            if kin(first.head, n.head) and (
                not (first.detail and n.detail) or first.detail & n.detail
            ):
                members.append(told)
                break
        else:
            members = [told]
            nominal_groups.append((n, members))
            groups.append((n.detail, frozenset(), members))


def _consistent(nominals: Sequence[Nominal]) -> list[Nominal]:
    """A report's nominals less those whose year was guessed against one it writes: "the
    June meeting" after "the June 1995 meeting" is that one, not this year's June."""
    written = [n for n in nominals if n.year_written]
    return [
        n
        for n in nominals
        if n.year_written
        or not any(
            kin(w.head, n.head) and _same_in_year(w.iso, n.iso) and w.iso[:4] != n.iso[:4]
            for w in written
        )
    ]


def _same_in_year(a: str, b: str) -> bool:
    """One month (and day) of the year, at the coarser date's granularity ("1995-06" and
    "1998-06-21"); a year alone names none."""
    n = min(len(a), len(b))
    return n > 4 and a[4:n] == b[4:n]


def _stems(text: str) -> frozenset[str]:
    """The event stems of a clause's words outside quotes."""
    return frozenset(event_stem(w) for w in _WORD.findall(QUOTED.sub(" ", text)))


_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
