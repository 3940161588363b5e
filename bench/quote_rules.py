"""Direct quotes, attributed to their speakers and grouped across sources.

A quote is a span between quotation marks of at least `min_words` words (shorter ones are
scare quotes: "candid", "critical juncture"). Its speaker is found, in order of trust, from
the attribution after it ('..." Halm said', 'said Halm'), the speech verb before it ('Tarrow told
Merrow that ... "no room for compromise"'), 'according to X', or, for a paragraph that is
all quote, the speaker of the quote just before it. Pronouns ("he said") resolve to the
subject of the nearest sentence before. Speakers are normalised with the story's Registry,
so "Mr Merrow" and "Ansel Merrow" are Ansel Merrow. The same quote worded
differently by different outlets (translations, trims) is one Quote with several Variants.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.names import Registry, name_runs

# Grouping wordings is not the rules under test: the package's own, not a copy.
from newsfuse.analyze.quotes import _merge_translations, _normal
from newsfuse.model import Article, Quote, Variant

__all__ = ["QuoteMention", "extract_quotes", "find_quotes", "group_quotes"]

_VERBS = (
    r"said|says|told|tells|added|adds|stressed|warned|urged|insisted|noted|wrote|explained|"
    r"declared|argued|asked|replied|responded|tweeted|posted|announced|stated|continued|"
    r"promised|acknowledged|admitted|recalled|reiterated|emphasised|emphasized|pressed|"
    r"telling|saying|adding|describing|calling|called|calls|described|describes"
)
_PRONOUNS = frozenset("he she they it".split())
_PERSONAL = _PRONOUNS - {"it", "they"}
# '..., Halm said', '..., he told reporters', '..., said Commander Osei'
_AFTER = re.compile(
    rf"^\s*(?:(?P<who>[\w'’.-]+(?:\s+[\w'’.-]+){{0,6}}?)\s+(?:{_VERBS})\b"
    rf"|(?:{_VERBS})\s+(?P<who2>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){{0,5}})"
    rf"|[\w\s'’-]{{0,40}}?\bquoted\s+(?P<who3>[\w'’.-]+(?:\s+[\w'’.-]+){{0,4}}?)\s+as\s+saying)"
)
_ORG_WORDS = re.compile(
    r"\b(?:ministry|department|office|agency|government|statement|readout|media|police|"
    r"council|commission|spokes\w+|officials?|coastguard|company|union|court|military|army|"
    r"navy|prosecutors?|commentator|columnist|newspaper|broadcaster)\b",
    re.I,
)
_BEFORE = re.compile(rf"\b(?:{_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to (?:the )?(?P<who>[^,.;“”\"]{3,60})")
# A speaker described rather than named, opening a sentence: "A senior US official".
_DESCRIBED = re.compile(
    r"^(?P<who>(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){0,4}?(?:official|spokesman|spokeswoman|"
    r"spokesperson|diplomat|source|minister|analyst|witness|resident|officer|lawyer|expert)s?)\b"
)
_INTRO = re.compile(r"^[^,]{1,45},\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class QuoteMention:
    article_id: str
    paragraph: int
    speaker: str | None
    text: str


# Quotation marks, and a "?" that stands for one: a plain character class is scanned for
# fast, a pattern of alternatives is tried at every character.
_MARK_CHARS = re.compile(r"[\"“”?]")
_MANGLED_MARK = re.compile(r"(?<=[,.])\?(?=\s+(?:he|she|they)\s)")


def _spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of quotation marks.

    Straight and curly marks are paired in order, since outlets mix them. A mark mangled
    into '?' before "he said" (a decoding loss) still closes a quote; an unclosed quote
    runs to the paragraph's end, as a multi-paragraph quote does."""
    marks = [
        m.start()
        for m in _MARK_CHARS.finditer(paragraph)
        if m[0] != "?" or _MANGLED_MARK.match(paragraph, m.start())
    ]
    spans = []
    for i in range(0, len(marks), 2):
        start = marks[i] + 1
        end = marks[i + 1] if i + 1 < len(marks) else len(paragraph)
        spans.append((start, end))
    return spans


def _strip_quotes(text: str, spans: Sequence[tuple[int, int]], offset: int = 0) -> str:
    """`text` with quoted spans blanked out, so names inside quotes are not subjects."""
    pieces: list[str] = []
    done = 0  # text before this is copied or blanked
    for start, end in sorted(spans):
        # The marks go too: a speaker is never found between them.
        low, high = max(done, start - 1 - offset), min(len(text), end + 1 - offset)
        if low < high:
            pieces += (text[done:low], " " * (high - low))
            done = high
    pieces.append(text[done:])
    return "".join(pieces)


class _Speakers:
    """Who is speaking, tracked through one article in reading order."""

    def __init__(self, registry: Registry, article_id: str) -> None:
        self.registry = registry
        self.article_id = article_id
        self.subject: str | None = None  # the last sentence subject that was a person
        self.last_speaker: str | None = None  # what "it said" refers to

    def name(self, who: str) -> str | None:
        who = who.strip(" ,.;:—-").replace("’", "'")
        who = re.sub(r"^(?:and|but|while|as)\s+", "", who, flags=re.I)
        if not who:
            return None
        if who.lower() in ("it", "they"):
            return self.last_speaker
        if who.lower() in _PRONOUNS:
            return self.subject
        person = self.registry.resolve(who, self.article_id)
        if person:
            return person
        # "State Department spokesman Dana Whitlock", "Tarrow was also quoted as": the
        # person named inside.
        person = next(self.registry.people_in(who, self.article_id), None)
        if person:
            return person
        if not (_DESCRIBED.match(who) or _ORG_WORDS.search(who)):
            # A name the registry did not type, as the subject of a speech verb.
            return who if self.registry.could_be_person(who) else None
        # An outlet, a body or an unnamed official: kept as printed, minus the article.
        who = re.sub(r"^the\s+", "", who, flags=re.I)
        return who[:1].upper() + who[1:] if len(who.split()) <= 8 else None

    def sentence_subject(self, sentence: str) -> str | None:
        """The subject of a sentence: its first words after an opening phrase."""
        sentence = sentence.strip()
        # The sentence, then without its opening phrase (cut only if the whole did not do).
        for cut in (False, True):
            body = _INTRO.sub("", sentence, count=1) if cut else sentence
            first = body.split(" ", 1)[0].lower()
            if first in _PERSONAL:
                return self.subject
            described = _DESCRIBED.match(body)
            if described:
                return self.name(described["who"])
            opening = name_runs(5).match(body)
            if opening:
                person = self.registry.resolve(opening[0], self.article_id)
                if person:
                    return person
        return next(self.registry.people_in(sentence, self.article_id, max_words=5), None)

    def observe(self, sentence: str) -> None:
        subject = self.sentence_subject(sentence)
        if subject:
            self.subject = subject


_RELATIVE_WHO = re.compile(r"\bwho\s*$")
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\bthat\s")


def _verb_subject(speakers: _Speakers, head: str) -> str | None:
    """Who speaks in the words before a speech verb: the last clause's subject, or the
    person a relative "who" refers back to ("met Tarrow, who urged ...": Tarrow)."""
    relative = _RELATIVE_WHO.search(head)
    if relative:
        named = list(speakers.registry.people_in(head[: relative.start()], speakers.article_id))
        return named[-1] if named else None
    clause = _CLAUSE_BREAK.split(head)[-1]
    return speakers.name(clause) if clause.strip() else None


def find_quotes(article: Article, registry: Registry, min_words: int = 4) -> list[QuoteMention]:
    """The article's direct quotes with their speakers, in reading order."""
    speakers = _Speakers(registry, article.id)
    found: list[QuoteMention] = []
    previous_speaker: str | None = None
    previous_ended_in_quote = False
    for number, paragraph in enumerate(article.paragraphs):
        spans = _spans(paragraph)
        unquoted = _strip_quotes(paragraph, spans)
        paragraph_speaker: str | None = None
        consumed = 0
        for start, end in spans:
            inner = paragraph[start:end].strip()
            # Sentences before the quote tell who "he" is.
            for sentence in _SENTENCE_END.split(unquoted[consumed:start]):
                speakers.observe(sentence)
            consumed = start
            # A short quote counts only when a speech verb attributes it ('X called it a
            # "political trial"'); else it is a scare quote ("candid", "Joan of Arc").
            words = len(inner.split())
            short = words < min_words
            if short and words < 2:
                continue
            sentence_start = max(
                (m.end() for m in _SENTENCE_END.finditer(unquoted, 0, max(0, start - 1))),
                default=0,
            )
            tail = unquoted[end + 1 : end + 160]
            tail = re.split(r"[.!?]\s|[\"“”]", tail, maxsplit=1)[0]
            who: str | None = None
            after = _AFTER.match(tail.lstrip(" ,"))
            if after:
                who = speakers.name(after["who"] or after["who2"] or after["who3"])
            before = unquoted[sentence_start:start]
            if who is None and before.strip():
                verbs = list(_BEFORE.finditer(before))
                if verbs:
                    who = _verb_subject(speakers, before[: verbs[-1].start()])
                # Also 'Merrow "stressed the importance ..."': the subject speaks; but a
                # short quote with no speech verb naming its speaker is a scare quote.
                if who is None and not short:
                    who = speakers.sentence_subject(before)
            if who is None:
                according = _ACCORDING.search(unquoted[sentence_start : end + 160])
                if according:
                    who = speakers.name(according["who"])
            if short and who is None:
                continue
            if who is None and start <= 1 and previous_ended_in_quote:
                who = previous_speaker  # a paragraph of quote continuing the last one
            if who is not None:
                speakers.last_speaker = who
                if registry.type_of(who) == "person":
                    speakers.subject = who
            found.append(QuoteMention(article.id, number, who, inner.rstrip(" ,")))
            paragraph_speaker = who or paragraph_speaker
        for sentence in _SENTENCE_END.split(unquoted[consumed:]):
            speakers.observe(sentence)
        if spans:
            previous_speaker = paragraph_speaker
            previous_ended_in_quote = len(paragraph[spans[-1][1] :].strip()) < 40
        else:
            previous_ended_in_quote = False
    return found


def group_quotes(mentions: Sequence[QuoteMention], min_overlap: float = 0.6) -> list[Quote]:
    """One Quote per thing said: mentions with compatible speakers whose content words
    overlap by at least `min_overlap` (and 3 words) are wordings of one quote."""
    groups: list[tuple[str | None, frozenset[str], list[QuoteMention]]] = []
    # One speaker's identical wording joins its group at once: short quotes ("reflect
    # deeply") share too few words to join by overlap, and reprints of one story repeat
    # every quote (scanning all groups for each was most of a 500-article brief).
    wording: dict[tuple[str | None, str], int] = {}
    # The groups holding each word: only groups sharing 3 words can take a mention, so
    # only those are compared, first group first as a scan of all would.
    holding: dict[str, list[int]] = defaultdict(list)
    for m in mentions:
        key = (m.speaker, _normal(m.text))
        if key in wording:
            groups[wording[key]][2].append(m)
            continue
        words = content_set(m.text)
        counts: dict[int, int] = defaultdict(int)
        for w in words:
            for i in holding[w]:
                counts[i] += 1
        for i in sorted(i for i, shared in counts.items() if shared >= 3):
            speaker, gwords, members = groups[i]
            shared, score = counts[i], overlap(words, gwords)
            same_speaker = speaker is None or m.speaker is None or speaker == m.speaker
            # A statement quoted from different mouths ("the ministry said", "Tarrow said")
            # is still one quote when nearly every word is shared.
            if (same_speaker and score >= min_overlap) or (shared >= 5 and score >= 0.75):
                members.append(m)
                for w in words - gwords:
                    holding[w].append(i)
                groups[i] = (speaker or m.speaker, gwords | words, members)
                wording[key] = i
                break
        else:
            wording[key] = len(groups)
            for w in words:
                holding[w].append(len(groups))
            groups.append((m.speaker, words, [m]))
    groups = _merge_translations(groups)
    quotes = []
    for speaker, _, members in groups:
        by_text: dict[str, tuple[str, list[str]]] = {}
        for m in members:
            _, cited = by_text.setdefault(_normal(m.text), (m.text, []))
            if m.article_id not in cited:
                cited.append(m.article_id)
        variants = sorted(
            (Variant(text, tuple(cited)) for text, cited in by_text.values()),
            key=lambda v: (-len(v.citations), -len(v.text)),
        )
        citations = tuple(dict.fromkeys(m.article_id for m in members))
        quotes.append(Quote(speaker, variants[0].text, tuple(variants), citations))
    quotes.sort(key=lambda q: (-len(q.citations), q.speaker is None))
    return quotes


def extract_quotes(
    articles: Sequence[Article], registry: Registry | None = None, min_words: int = 4
) -> list[Quote]:
    registry = registry or Registry.build(articles)
    mentions = [m for a in articles for m in find_quotes(a, registry, min_words)]
    # A body printed as found differs in case between outlets ("Ministry of Foreign
    # Affairs", "ministry of foreign affairs"): one speaker, in its most capitalised form.
    spelling: dict[str, str] = {}
    for m in mentions:
        if m.speaker is not None:
            known = spelling.setdefault(m.speaker.lower(), m.speaker)
            if sum(map(str.isupper, m.speaker)) > sum(map(str.isupper, known)):
                spelling[m.speaker.lower()] = m.speaker
    return group_quotes(
        [replace(m, speaker=spelling[m.speaker.lower()]) if m.speaker else m for m in mentions]
    )
