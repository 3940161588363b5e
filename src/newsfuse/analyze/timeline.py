"""The story's dated events, resolved by `newsfuse.time` against each article's publication date.

An entry is an event clause: a sentence with a verb, not a publication stamp, a link, a
caption or a piece of a quote, dated by the first time expression outside quotation marks
that dates its main clause's event (`newsfuse.time.attach`) and names a day, a month or a
year. Dates of other clauses ("the logs of a ferry that sank on June 1 were found on
Thursday") and clock times are passed over; a vaguer "last week" or "recently" ends the
search: the entry is left out rather than guessed. The clause's tense anchors a bare weekday:
"voted Wednesday" in a Thursday paper is the day before, "will vote Wednesday" the one ahead;
a past event dated after the publication, or a plan ahead dated before it, is left out.

An article without a publication date dates only what its text dates absolutely ("on
June 16, 2023"); its entries say so (`anchor="text"`).

Kinds: "scheduled" for dates after publication or said in the future tense, "background"
for dates over a week before it (or in an earlier month or year), "event" for the rest.
Sentences on one date that share enough content words are one entry, cited by every article
that prints one of them (an "event" when any early article reports it so, though a later one
tells it as background), unless each names a person the other does not: "Merrow met Dan
Halm on Monday" and "Merrow met Tovar on Monday" are two meetings of one day. What is still
ahead is never merged with what happened.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from itertools import repeat

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import content_set, overlap
from newsfuse.analyze.entities import Registry, people_named
from newsfuse.model import Article, Sentence, TimelineEntry
from newsfuse.resources import lines, words
from newsfuse.segment import segment
from newsfuse.segment.lines import QUOTED
from newsfuse.time import Timex, find_timexes, granularity
from newsfuse.time.attach import (
    PAST_FORMS,
    governor,
    told_ahead_in_past,
    verb_ahead,
)
from newsfuse.time.lexicon import alternation
from newsfuse.time.tense import side

__all__ = ["extract_timeline", "reference_dates", "resolve_dates"]

# Lines that are furniture, not news: "(Published Saturday, Jan. 24, 2015)", "(RELATED: ...)",
# "Photo: ...", "Updated 5 p.m.".
_FURNITURE = re.compile(
    r"^\W*(?:" + "|".join(re.escape(w) for w in lines("time_furniture")) + r")\b", re.I
)
# A date inside a relative clause or a participle phrase dates that phrase, not the main
# clause: "The hotline, cut by Pyongyang in 2016, was due to be restored", "Captain America,
# who ditched his shield in 2016".
# A participle opens such a phrase only when a comma closes it soon after the date: in "The
# company, based in Ohio, said Monday" the verb after the comma is the main clause's.
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|which|whose|where)\b[^,;:()\"“”]*$", re.I)
_PARTICIPLE_BEFORE = re.compile(
    r",\s*(?:\w+ly\s+)?(?:\w+ed|"
    + "|".join(sorted(PAST_FORMS - {"was", "were", "had", "did"}))
    + r")\b[^,;:()\"“”]*$",
    re.I,
)
_PHRASE_CLOSES = re.compile(r"^[^,;.]{0,25},")
# "Flight 1943", "Case 2000", "Super Bowl 2018": a number after a capitalised word inside a
# sentence is part of a name.
_NAME_BEFORE = re.compile(r"\S\s+[A-Z][\w.-]*\s+$")
_VERB = re.compile(
    r"\b(?:"
    + "|".join(lines("time_past_verbs") + lines("time_more_past_verbs"))
    + r"|is|are|be|been|has|have|will|would|can|could|should|may|might|must|says|\w{3,}ed"
    + r"|\w+n['’]t)\b",
    re.I,
)


# "this morning" is the publication day; "this" + another word points back into the text
# ("this time", "this Dec. 31, 2016 file photo") or at a period still running ("will cut
# profit this year", "has spent this month").
# "Two years ago" counts years roughly: the event may be in either calendar year it spans.
_ROUNDED = re.compile(
    r"\b(?:years|decades|centuries)\s+(?:ago|earlier|later|before|after)\b"
    r"|\b(?:nearly|almost|about|around|roughly|more\s+than|over|some)\s+\w+\s+\w+\s+ago\b",
    re.I,
)
_ANAPHORIC = re.compile(
    r"^(?:that|the\s+same|the\s+following|the\s+previous|the"
    r"|this(?!\s+(?:morning|afternoon|evening)\b))\s|\b(?:earlier|later|before|after)$",
    re.I,
)
# "the 2004 law", "the Pixel's February update": a date between a determiner or a possessive
# and a noun names a thing rather than dating the clause.
_PERIOD_SUBJECT = re.compile(r"^\W*(?:the|a|an)\s+[^,;]{0,40}\bof\s+$", re.I)
# "As the paper reported on Monday, ...": the date is the report's in the as-clause, not the
# main clause's (unlike "As thousands celebrate on Sunday night, medics will stand by").
_AS_CLAUSE_BEFORE = re.compile(
    r"(?:^|[:;]\s)\W*As\s[^,;:]*\b(?:reported|reports|said|says|noted|wrote|told|announced)\b"
    r"[^,;:]*$"
)
_SPAN_BEFORE = re.compile(r"\b(?:during|throughout|over|across)\s+$", re.I)
_PAIR_AFTER = re.compile(
    r"\s+(?:and|or)\s+(?:" + "|".join(w for w in lines("months") if w != "may") + r"|\d{4}\b)",
    re.I,
)
_RANGE_FROM = re.compile(r"\bfrom\s+$", re.I)
# "ruled from 1966 to last May", "in the nine months to September": a period's end.
_RANGE_END = re.compile(
    r"(?:\bfrom\s+\S+(?:\s+\S+){0,2}|\b(?:days|weeks|months|quarters?|years))\s+(?:to|until|till"
    r"|through)\s+$",
    re.I,
)
_RANGE_TO = re.compile(r"\s*(?:to|until|till|through|[-–])\s", re.I)
_DEADLINE_BEFORE = re.compile(r"\bby\s+$", re.I)
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|these)|\w['’]s)\s+$", re.I
)
_AT_THING_BEFORE = re.compile(r"\b(?:in|at|during)\s+(?:the|a|an|its|their|his|her)\s+$", re.I)
_OCCASIONS = words("time_occasion_nouns")
# "The night seemed jammed with symbolism": a verb of a state seen reports no event.
_STATE_SEEN = words("state_seen_verbs")
_WHEN_AFTER = re.compile(r"\W*when\b", re.I)
_NOUN_AFTER = re.compile(r"(?:[-–]\d\d?)?\s+([A-Za-z][\w-]*)")  # "the Nov. 17-18 summit"
_POSSESSIVE = re.compile(r"['’]s\b")
# A date that dates something else than the clause's event: "the worst crash since 2001",
# "memos dating from 2003". ("Jailed since July" is dated: the jailing was in July.)
# "the first since sacks became official in 1982", "between 2005 and 2012" (a range's start),
# "Since being released on November 15, he has...".
_OTHER_EVENT_BEFORE = re.compile(
    r"(?:\b(?:\w+est|worst|best|least|first|most|only)\b[^.;]{0,50}\bsince\b[^.;]{0,60}"
    r"|^\W*since\b[^.;,]{0,60}"
    r"|\bdat(?:ing|es?|ed)\s+(?:back\s+)?(?:from|to)\s+(?:the\s+)?|\bbetween\s+"
    r"|\b(?:between|during|throughout)\b[^;]{0,80}\band\s+"
    r"|\bunlike\s+(?:when|in)\b[^.;,]{0,80})$",
    re.I,
)
# Embedded posts and links ("pic.twitter.com/...", "— Name (@handle) December 27, 2017") and
# headings in capitals ("AGENCY ISSUES NATIONAL ADVISORY", "PHONE: WHAT WE KNOW") are not prose.
_NOT_PROSE = re.compile(
    r"https?://|\bpic\.twitter\.com|\bwww\.|^\W*(?:[A-Z0-9][A-Z0-9'’:&-]*\s+){3}[A-Z0-9]"
    r"|^\W*\d+\s*/\s*\d+\s"  # a gallery's slide counter, "23/30 Earth from orbit ..."
)
# A post's "@handle" (not an email's "@").
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z_]")
# "the most powerful rocket in use today", "the world's largest": a superlative before "today".
_SUPERLATIVE_BEFORE = re.compile(
    r"(?:\bthe|['’]s)\s+(?:\w+\s+)?(?:most|least|\w{2,}est)\b[^,.;:\"“”]*$", re.I
)
# A clock time alone ("at 10 p.m.") names no day: in a look back at an older event the
# publication date it would fall back on is wrong, so it dates nothing.
_DAY_TIME = re.compile(r"\d{4}-\d\d-\d\dT")
_CLOCK_ONLY = re.compile(
    r"(?:\d\d?(?::\d\d)?\s*[ap]\.?m\.?|\d\d?:\d\d)(?:\s+[A-Z]{2,4})?|noon|midnight|midday", re.I
)


# Furniture glued inside a sentence ("Scroll down for video", "Most Read"), and words of a
# forecast, which a future date in the sentence is the target of, not a scheduled event.
_INLINE_FURNITURE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in lines("time_inline_furniture")) + r")\b", re.I
)
_FORECAST = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in lines("time_forecast_words")) + r")\b", re.I
)
# A plan told in the past ("was scheduled to arrive on June 1") of a day not after the
# article's: it may never have happened (the flight did not arrive), so it dates no event.
_PAST_PLAN = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:\w+ly\s+)?(?:scheduled|due|set|slated|expected|supposed"
    r"|planned|meant|intended|going)\s+to\b"
    r"|\b(?:was|were)\s+to\s+have\b",  # "were to have begun Friday, but were canceled"
    re.I,
)
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


# A weekday named alone, not counted back ("last Tuesday") nor dated ("Tuesday, May 2").
_BARE_WEEKDAY = re.compile(
    rf"(?:(?:early|late)\s+)?(?:{alternation(words('weekdays'))})\b"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)


def reference_dates(articles: Sequence[Article]) -> dict[str, date | None]:
    """Each article's publication day; undated ones take the story's most common day."""
    dated = Counter(a.published.date() for a in articles if a.published is not None)
    fallback = dated.most_common(1)[0][0] if dated else None
    return {a.id: a.published.date() if a.published else fallback for a in articles}


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]


def resolve_dates(sentence: str, ref: date | None) -> list[tuple[str, int, bool]]:
    """Dates of a sentence that name a day, month or year ("2023-06-16", "2023-06", "2023"),
    each with its offset and whether the sentence speaks of it as ahead. With no `ref`, only
    dates the text gives in full."""
    return [d for d in map(_dating, find_timexes(sentence, ref), repeat(sentence)) if d]


def _dating(t: Timex, sentence: str) -> tuple[str, int, bool] | None:
    """A timex as a date the sentence can be put at, or None when it is too vague or
    names something rather than dates it (`_vague`, `_names_other`)."""
    if _vague(t, sentence) or _names_other(t, sentence):
        return None
    return t.value[:10], t.start, side(sentence, t.start, t.end) == "future"


def _vague(t: Timex, sentence: str) -> bool:
    """Too vague to date an event ("last week"), rounded ("two years ago"), anaphoric with
    nothing in the sentence to count from ("the following day"), a clock time alone, or
    "today" as nowadays ("Today, the harbour is a trendy area")."""
    # A TIME with its day ("this morning", "9 a.m. Sunday") dates that day.
    day_time = t.type == "TIME" and bool(_DAY_TIME.match(t.value))
    if t.type not in ("DATE", "TIME") or not (day_time or granularity(t.value) in ("D", "M", "Y")):
        return True
    if _ROUNDED.search(t.text) or _ANAPHORIC.search(t.text) or _CLOCK_ONLY.fullmatch(t.text):
        return True
    if t.text.lower() != "today":
        return False
    # "the most powerful rocket in use today": a superlative's "today" is nowadays.
    superlative = _SUPERLATIVE_BEFORE.search(sentence, max(0, t.start - 60), t.start)
    return bool(superlative) or side(sentence, t.start, t.end) in ("present", None)


def _names_other(t: Timex, sentence: str) -> bool:
    """A date that belongs to something else than the clause: a relative clause or
    participle phrase, another event ("since 2001"), a deadline ("by 2020"), a name ("Flight
    1943") or a thing ("the 2004 tsunami", "Saturday's vote")."""
    before, after = sentence[: t.start], sentence[t.end :]
    if _OTHER_EVENT_BEFORE.search(before) or _RELATIVE_BEFORE.search(before):
        return True
    if "As" in before and _AS_CLAUSE_BEFORE.search(before):
        return True
    if _PERIOD_SUBJECT.search(before):
        return True  # "The tail end of 2017 was packed with sightings": a period named
    if _PAIR_AFTER.match(after) and _SPAN_BEFORE.search(before):
        return True  # "during October and November": a span, the first is no event's day
    if _RANGE_FROM.search(before) and _RANGE_TO.match(after):
        return True  # "from 1973 to 1990": a period, not the clause's event
    if _RANGE_END.search(before):
        return True
    if _DEADLINE_BEFORE.search(before):
        return True  # "to be sent to Mars by 2020": a deadline or a target, no event's date
    if _PARTICIPLE_BEFORE.search(before) and _PHRASE_CLOSES.match(after):
        return True
    if t.text.isdigit() and _NAME_BEFORE.search(before):
        return True
    if _MODIFIER_BEFORE.search(before) and _NOUN_AFTER.match(after):
        # "said in a Dec. 22 filing", "was hurt in the June 3 crash": the occasion's date
        # is when the clause happened (not in "The rise during the 2016 election put").
        at = _AT_THING_BEFORE.search(before)
        noun = _NOUN_AFTER.match(after)[1].lower()  # type: ignore[index]
        return not (at and noun in _OCCASIONS and _VERB.search(before, 0, at.start()))
    if _POSSESSIVE.match(after):
        return True
    if t.text.isdigit() and _NOUN_AFTER.match(after):
        next_word = _NOUN_AFTER.match(after)[1]  # type: ignore[index]
        if next_word[0].isupper() or next_word.lower() not in ENGLISH_STOP_WORDS:
            return True
    return False


def _is_event_clause(text: str) -> bool:
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
    if label and _LIST_LABEL.search(label[1]) and not _VERB.search(label[1]):
        return False
    # "... (SEC) The pair will appear ...": a sentence glued to the end of another.
    if " Th" in stripped and _GLUED_INSIDE.search(stripped):
        return False
    glued = _GLUED_HEADING.match(stripped)
    if glued and glued[2] not in ENGLISH_STOP_WORDS and not _VERB.search(glued[1]):
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
    return bool(_VERB.search(QUOTED.sub(" ", stripped)))


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


def _date_of(text: str, ref: date | None) -> tuple[str, bool] | None:
    """The date of the first time expression outside quotation marks that dates the main
    clause's event. Dates of other clauses ("a plane that crashed on June 1 last year") and
    clock times are passed over; a vague one ends the search (a later date is often a target,
    not the event: "said he would go later this week to urge a cap by 2010")."""
    quoted = _quoted_spans(text)
    for t in find_timexes(text, ref):
        if t.type in ("DURATION", "SET") or any(a <= t.start < b for a, b in quoted):
            continue
        if t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            continue
        if _CLOCK_ONLY.fullmatch(t.text):
            continue  # "at 22:30 local time on June 1": the day comes next
        if _vague(t, text):
            return None
        # The date must govern the main clause's event verb.
        verb = None if _names_other(t, text) else governor(text, t.start, t.end)
        if verb is None:
            continue
        # ("Few things seemed odd Thursday when he checked in": the when-clause's event.)
        if any(w.text.lower() in _STATE_SEEN for w in verb) and not _WHEN_AFTER.match(text, t.end):
            return None
        when = side(text, t.start, t.end)
        if when == "future" and _FORECAST.search(text):
            return None  # "earnings will rise in 2018, analysts estimate": a forecast
        iso = t.value[:10]
        if ref is not None and iso <= ref.isoformat() and _PAST_PLAN.search(text, 0, t.start):
            return None
        # "anticipated it would first fly in 2013": a forecast made back then, whether it
        # came true the sentence does not say (one for today is still a plan).
        before_ref = ref is not None and iso < ref.isoformat()[: len(iso)]
        if before_ref and told_ahead_in_past(verb):
            return None
        # A plan ahead dated before the publication: the weekday was counted the wrong way
        # ("are expected to flock there on Sunday" read as the Sunday before).
        if before_ref and verb_ahead(text, verb):
            return None
        # A past event after the publication date: the date was read in the wrong year
        # ("In February, the agency asked" in a January paper), so it dates nothing.
        if when == "past" and ref is not None and iso > ref.isoformat()[: len(iso)]:
            return None
        # A bare weekday six days back is the day after the paper's date as often: reports
        # are dated where they were filed, hours behind the place of the event ("launched a
        # missile early Tuesday" in a Monday paper of New York), so it dates nothing.
        if (
            ref is not None
            and iso == (ref - timedelta(days=6)).isoformat()
            and _BARE_WEEKDAY.fullmatch(t.text)
        ):
            return None
        # "In January, the agency announced" in a paper of 1 January: a month just begun is
        # rarely named for what is done; the January meant is most likely last year's.
        if when == "past" and ref is not None and iso == ref.isoformat()[:7] and ref.day <= 3:
            return None
        return iso, when == "future"
    return None


def extract_timeline(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_overlap: float = 0.35,
    registry: Registry | None = None,
) -> list[TimelineEntry]:
    """The story's dated event clauses as entries. With the story's `registry`, sentences
    that name different people are kept apart."""
    found: dict[tuple[str, bool], list[tuple[Sentence, str, frozenset[str], frozenset[str]]]] = {}
    undated: set[str] = set()
    for a in articles:
        ref = a.published.date() if a.published else None
        if ref is None:
            undated.add(a.id)
        for s in sentences[a.id] if sentences is not None else segment(a):
            if not _is_event_clause(s.text):
                continue
            dated = _date_of(s.text, ref)
            if dated is None:
                continue
            iso, future = dated
            kind = _kind(iso, ref, future)
            words = content_set(s.text)
            people = people_named(s.text, a.id, registry)
            # One event is "background" in a late article and "event" in an early one: they
            # are one entry; what is still ahead stays apart from what happened.
            found.setdefault((iso, kind == "scheduled"), []).append((s, kind, words, people))
    entries = []
    for (iso, _), items in found.items():
        groups: list[tuple[frozenset[str], frozenset[str], list[tuple[Sentence, str]]]] = []
        for s, kind, words, people in items:
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
                    members.append((s, kind))
                    break
            else:
                groups.append((words, people, [(s, kind)]))
        for _, _, members in groups:
            text = min((m.text for m, _ in members), key=len)
            citations = tuple(dict.fromkeys(m.article_id for m, _ in members))
            kinds = {k for _, k in members}
            kind = "event" if "event" in kinds else kinds.pop()
            anchor = "text" if all(c in undated for c in citations) else "published"
            entries.append(TimelineEntry(iso, text, citations, kind, anchor))
    order = {"background": 0, "event": 1, "scheduled": 2}
    entries.sort(key=lambda e: (e.date, order[e.kind], -len(e.citations)))
    return entries
