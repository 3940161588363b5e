"""Direct quotes, attributed to their speakers and grouped across sources.

Each article's statements in quotation marks and their speakers come from
`newsfuse.analyze.attribution` (models learned from PolNeAR); speakers are the story
Registry's canonical names, so "Mr Merrow" and "Adda Merrow" are Ada Merrow. The
same quote worded differently by different outlets (translations, trims) is one Quote with
several Variants.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.attribution import attribute
from newsfuse.analyze.names import Registry
from newsfuse.memo import per_brief
from newsfuse.model import Article, Quote, Variant

__all__ = ["QuoteMention", "double_marked", "extract_quotes", "find_quotes", "group_quotes"]

_NON_WORD = re.compile(r"\W+")
_DOUBLE_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
# A quotation in single marks, as British outlets print them: opening before a capital at a
# sentence's or clause's start, closing after its stop ('It happened,' he said). An
# apostrophe inside ("we're") is followed by a letter; a plural possessive ("players' union")
# never follows a stop.
_SINGLE_QUOTED = re.compile(
    r"(?:(?<=[\s(\[—–-])|^)['‘](?=[A-Z])((?:[^'‘’\n]|['’](?=[A-Za-z]))+?[,.?!])['’](?=[\s)\]—–-]|$)",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class QuoteMention:
    article_id: str
    paragraph: int
    speaker: str | None
    text: str
    role: str | None = None
    confidence: float = 0.0


def find_quotes(article: Article, registry: Registry, min_words: int = 4) -> list[QuoteMention]:
    """The article's direct quotes with their speakers, in reading order.

    A statement shorter than `min_words`, one opening in lower case inside the writer's
    sentence (a fragment, not a clause of its own) or a label the writer uses ("the Year of
    the Tide") is a quote only when a verb of speech gives it to its speaker in one sentence
    ('Halm urged the council to "think again"', 'Halm called the plan "reckless"'); alone, or
    beside a verb of belief ('Halm is seen as "the kind of person who gets things done"'), it
    is a scare quote, a label, a poll's wording or a phrase we cannot place."""
    found = []
    for a in attribute(double_marked(article), registry):
        # No clause of its own: in lower case inside the writer's sentence, a label ("Year of
        # the Tide"), or a few words ('seen as "a fighter"').
        phrase = a.fragment or a.label or len(a.text.split()) < min_words
        if a.speaker is not None:
            # A phrase given to "it" ('it rejected "with scorn" ...'): which body "it" is
            # the phrase alone cannot tell.
            by_it = a.mention is not None and article.text[slice(*a.mention)].lower() == "it"
            kept = (not phrase or a.said) and not (by_it and len(a.text.split()) < min_words)
        else:
            kept = not phrase
        if kept:
            found.append(
                QuoteMention(article.id, a.paragraph, a.speaker, a.text, a.role, a.confidence)
            )
    return found


def double_marked(article: Article) -> Article:
    """The article with its quotations in single marks printed in double ones, when single
    marks are its house style (more quotations in single marks than in double ones): the
    attribution model reads double marks. Single marks inside a double-quoted span (a quote
    within a quote) stay. The text keeps its length, so every offset stays."""
    text = article.text
    double = [m.span() for m in _DOUBLE_QUOTED.finditer(text)]
    single = [
        m for m in _SINGLE_QUOTED.finditer(text) if not any(a <= m.start() < b for a, b in double)
    ]
    if len(single) <= len(double):
        return article
    chars = list(text)
    for m in single:
        chars[m.start()] = chars[m.end() - 1] = '"'
    return replace(article, text="".join(chars))


@per_brief
def _normal(text: str) -> str:
    # Memoised: grouping compares each wording several times.
    return _NON_WORD.sub(" ", text.lower()).strip()


def _merge_translations(
    groups: list[tuple[str | None, frozenset[str], list[QuoteMention]]],
    min_overlap: float = 0.3,
) -> list[tuple[str | None, frozenset[str], list[QuoteMention]]]:
    """Join one speaker's quotes that different articles word differently.

    Translations of one remark share few words ("the only number I care about today", "the
    only figure that counts today"), too few for `group_quotes`; but two articles quoting
    one named speaker with two words in common, neither article printing both, are most
    likely giving one remark. A wording found whole inside another is a trim of it ("just
    about popped out" of "my eyes just about popped out of my head"), however few its words.
    The most similar pair is joined first, so that each wording goes to its closest one."""
    groups = list(groups)
    # Each group's wordings and articles, kept as groups merge; and the close pairs with
    # their scores, recomputed only for the merged group: rescanning all pairs after every
    # merge was minutes on a 500-article story.
    wordings = [{f" {_normal(m.text)} " for m in members} for _, _, members in groups]
    cited = [{m.article_id for m in members} for _, _, members in groups]

    def trimmed(short: set[str], long: set[str]) -> bool:
        return any(len(t.split()) >= 3 and t in x for t in short for x in long)

    def close(i: int, j: int) -> float | None:
        (speaker, words, _), (other, owords, _) = groups[i], groups[j]
        if speaker is None or other != speaker or cited[i] & cited[j]:
            return None
        score = overlap(words, owords)
        if trimmed(wordings[i], wordings[j]) or trimmed(wordings[j], wordings[i]):
            score = 1.0
        return (
            score if score == 1.0 or (len(words & owords) >= 2 and score >= min_overlap) else None
        )

    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, (speaker, _, _) in enumerate(groups):
        if speaker is not None:
            by_speaker[speaker].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for same in by_speaker.values():
        for n, i in enumerate(same):
            for j in same[n + 1 :]:
                if (score := close(i, j)) is not None:
                    pairs[(i, j)] = score
    alive = [True] * len(groups)
    while pairs:
        # The best score; of equal ones the first pair in reading order, as a scan would.
        i, j = max(pairs, key=lambda p: (pairs[p], -p[0], -p[1]))
        speaker, words, members = groups[i]
        groups[i] = (speaker, words | groups[j][1], members + groups[j][2])
        wordings[i] |= wordings[j]
        cited[i] |= cited[j]
        alive[j] = False
        pairs = {p: v for p, v in pairs.items() if i not in p and j not in p}
        for k in by_speaker[str(speaker)]:
            if k != i and alive[k] and (score := close(min(i, k), max(i, k))) is not None:
                pairs[(min(i, k), max(i, k))] = score
    return [g for g, kept in zip(groups, alive, strict=True) if kept]


def _join_trims(
    groups: list[tuple[str | None, frozenset[str], list[QuoteMention]]],
) -> list[tuple[str | None, frozenset[str], list[QuoteMention]]]:
    """An unattributed quote whose every wording is printed whole inside one speaker's
    quote is a trim of it ("just about popped out"): it joins that quote."""
    spoken = [
        (i, {f" {_normal(m.text)} " for m in members})
        for i, (speaker, _, members) in enumerate(groups)
        if speaker is not None
    ]
    joined: set[int] = set()
    for j, (speaker, words, members) in enumerate(groups):
        if speaker is not None:
            continue
        trims = {f" {_normal(m.text)} " for m in members}
        hosts = [i for i, texts in spoken if all(any(t in x for x in texts) for t in trims)]
        if len({groups[i][0] for i in hosts}) == 1:
            host, hwords, hmembers = groups[hosts[0]]
            groups[hosts[0]] = (host, hwords | words, hmembers + members)
            joined.add(j)
    return [g for j, g in enumerate(groups) if j not in joined]


def group_quotes(
    mentions: Sequence[QuoteMention],
    min_overlap: float = 0.6,
    sources: Mapping[str, str] | None = None,
) -> list[Quote]:
    """One Quote per thing said: mentions with compatible speakers whose content words
    overlap by at least `min_overlap` (and 3 words) are wordings of one quote. Wordings and
    quotes are ordered by the independent sources printing them (`sources`: article id ->
    copy group; a wire story printed twice is one)."""
    source = sources or {}

    def independent(ids: Sequence[str]) -> int:
        return len({source.get(i, i) for i in ids})

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
            # A statement quoted from different mouths ("the ministry said", "Halm said")
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
    groups = _join_trims(_merge_translations(groups))
    quotes = []
    for speaker, _, members in groups:
        by_text: dict[str, tuple[str, list[str]]] = {}
        for m in members:
            _, cited = by_text.setdefault(_normal(m.text), (m.text, []))
            if m.article_id not in cited:
                cited.append(m.article_id)
        variants = sorted(
            (Variant(text, tuple(cited)) for text, cited in by_text.values()),
            key=lambda v: (-independent(v.citations), -len(v.text)),
        )
        citations = tuple(dict.fromkeys(m.article_id for m in members))
        # The role printed most with the speaker; the confidence of its surest attribution.
        spoken = [m for m in members if m.speaker == speaker]
        roles = Counter(m.role for m in spoken if m.role)
        # An unattributed quote has no speaker to be sure of (the documented 0).
        confidence = max((m.confidence for m in spoken), default=0.0) if speaker else 0.0
        role = roles.most_common(1)[0][0] if roles else None
        quotes.append(
            Quote(speaker, variants[0].text, tuple(variants), citations, role, confidence)
        )
    quotes.sort(key=lambda q: (-independent(q.citations), q.speaker is None))
    return quotes


def extract_quotes(
    articles: Sequence[Article],
    registry: Registry | None = None,
    min_words: int = 4,
    sources: Mapping[str, str] | None = None,
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
        [replace(m, speaker=spelling[m.speaker.lower()]) if m.speaker else m for m in mentions],
        sources=sources,
    )
