"""The date of a clause's event: which time expression of a sentence dates its main clause.

A clause is dated by the first time expression outside quotation marks that dates its main
clause's event (`newsfuse.time.attach`) and names a day, a month or a year. Dates of other
clauses ("the logs of a ferry that sank on June 1 were found on Thursday"), of things ("the
2004 law"), of periods ("from 1973 to 1990") and clock times are passed over; a vaguer "last
week" or "recently" ends the search: the clause is left undated rather than guessed. The
clause's tense anchors a bare weekday: "voted Wednesday" in a Thursday paper is the day
before, "will vote Wednesday" the one ahead; a past event dated after the publication, or a
plan ahead dated before it, is left undated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import repeat
from typing import cast

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.resources import lines, table, words
from newsfuse.resources.patterns import one_of
from newsfuse.segment.lines import QUOTED
from newsfuse.time import Timex, granularity, timexes
from newsfuse.time.attach import (
    PAST_FORMS,
    governor,
    told_ahead_in_past,
    verb_ahead,
)
from newsfuse.time.lexicon import alternation
from newsfuse.time.tense import side
from newsfuse.time.verb_groups import REPORTING, Word, cut_segments, main_groups, words_in

__all__ = [
    "EVENT_NOUN_FORMS",
    "VERB",
    "date_of",
    "plan_days",
    "resolve_dates",
    "state_day",
    "too_vague",
]
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
_OTHER_VERBS = "is are be been has have will would can could should may might must says".split()
# The words as a tree of shared beginnings (`one_of`): searched five times as fast.
VERB = re.compile(
    r"\b(?:"
    + one_of((*lines("time_past_verbs"), *lines("time_more_past_verbs"), *_OTHER_VERBS))
    + r"|\w{3,}ed|\w+n['’]t)\b",
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
    r"(?:^|[:;,]\s|\b(?:said|says|added)\s)\W*[Aa]s\s[^,;:]*"
    r"\b(?:reported|reports|said|says|noted|wrote|told|announced|recalled|recounted|testified)\b"
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
_LEGAL_PROCESS = words("legal_process_verbs")
# The event nouns of `event_nouns.json` as printed, singular or plural (also read by
# `event_nominals`).
EVENT_NOUN_FORMS = frozenset(
    f"{noun}{end}"
    for kind in ("unplanned", "planned")
    for noun in cast(dict[str, list[str]], table("event_nouns"))[kind]
    for end in ("", "s", "es")
)
_LOWER_WORD = re.compile(r"[a-z]+")
# "The night seemed jammed with symbolism", "the founders hoped there was room": a verb of a
# state seen or of a state of mind reports no event.
_STATE_SEEN = words("state_seen_verbs") | words("timeline_state_verbs")
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
# "the most powerful rocket in use today", "the world's largest": a superlative before "today".
_SUPERLATIVE_BEFORE = re.compile(
    r"(?:\bthe|['’]s)\s+(?:\w+\s+)?(?:most|least|\w{2,}est)\b[^,.;:\"“”]*$", re.I
)
# A clock time alone ("at 10 p.m.") names no day: in a look back at an older event the
# publication date it would fall back on is wrong, so it dates nothing.
_DAY_TIME = re.compile(r"\d{4}-\d\d-\d\dT")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_CLOCK_ONLY = re.compile(
    r"(?:\d\d?(?::\d\d)?\s*[ap]\.?m\.?|\d\d?:\d\d)(?:\s+[A-Z]{2,4})?|noon|midnight|midday", re.I
)

# Words of a forecast, which a future date in the sentence is the target of, not a
# scheduled event.
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


# A weekday named alone, not counted back ("last Tuesday") nor dated ("Tuesday, May 2").
_BARE_WEEKDAY = re.compile(
    rf"(?:(?:early|late)\s+)?(?:{alternation(words('weekdays'))})\b"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in QUOTED.finditer(text)]


def resolve_dates(sentence: str, ref: date | None) -> list[tuple[str, int, bool]]:
    """Dates of a sentence that name a day, month or year ("2023-06-16", "2023-06", "2023"),
    each with its offset and whether the sentence speaks of it as ahead. With no `ref`, only
    dates the text gives in full."""
    return [d for d in map(_dating, timexes(sentence, ref), repeat(sentence)) if d]


def _dating(t: Timex, sentence: str) -> tuple[str, int, bool] | None:
    """A timex as a date the sentence can be put at, or None when it is too vague or
    names something rather than dates it (`too_vague`, `_names_other`)."""
    if too_vague(t, sentence) or _names_other(t, sentence):
        return None
    return t.value[:10], t.start, side(sentence, t.start, t.end) == "future"


def too_vague(t: Timex, sentence: str) -> bool:
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


# "jailed for the murder of a minister in 1976": the date of a named deed after "for".
_FOR_DEED_BEFORE = re.compile(
    r"\b[Ff]or\s+(?:the|a|an|his|her|their|its)\s+[a-z]+\s+of\s+"
    r"(?:(?!\b(?:when|while|and|but|who|which|that)\b)[^,;:]){0,80}$"
)
# "His detention late Friday has left the government embarrassed": a date inside a
# possessive subject before a present or present perfect dates the subject's noun (a present
# perfect takes no past day of its own).
_POSSESSIVE_SUBJECT = re.compile(r"^\W*(?:[\w.-]+\s+){0,3}[\w.-]+['’]s\s+[a-z]\w*\s+$")
_PRESENT_AFTER = re.compile(r"^\s*(?:has|have|is|are)\b", re.I)
# "cited a ruling in 1992 in which a judge rebuked him": the date of the noun a relative
# clause then describes.
_NOUN_IN_BEFORE = re.compile(r"\b(?:a|an|the)\s+[a-z]\w*\s+in\s+$", re.I)
_WHICH_AFTER = re.compile(r"^\s*,?\s*(?:in|during|at|under)\s+which\b", re.I)
# Conjunctions opening a clause beside the main one (a cause, a concession).
_SIDE_CONJUNCTIONS = words("timeline_side_conjunctions")


def _dates_the_charge(text: str, verb: Sequence[Word], start: int) -> bool:
    """Whether a date after a verb of the law's process follows an event noun: "charged
    with murder in the attacks on August 7" dates the attacks, not the charge."""
    if not any(w.text.lower() in _LEGAL_PROCESS for w in verb):
        return False
    between = _LOWER_WORD.findall(text[verb[-1].end : start].lower())
    return not EVENT_NOUN_FORMS.isdisjoint(between)


def _names_other(t: Timex, sentence: str) -> bool:
    """A date that belongs to something else than the clause: a relative clause or
    participle phrase, another event ("since 2001"), a deadline ("by 2020"), a name ("Flight
    1943") or a thing ("the 2004 tsunami", "Saturday's vote")."""
    before, after = sentence[: t.start], sentence[t.end :]
    if _OTHER_EVENT_BEFORE.search(before) or _RELATIVE_BEFORE.search(before):
        return True
    if _AS_CLAUSE_BEFORE.search(before):
        return True
    if _FOR_DEED_BEFORE.search(before):
        return True
    if _POSSESSIVE_SUBJECT.match(before) and _PRESENT_AFTER.match(after):
        return True
    if _NOUN_IN_BEFORE.search(before) and _WHICH_AFTER.match(after):
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
        return not (at and noun in _OCCASIONS and VERB.search(before, 0, at.start()))
    if _POSSESSIVE.match(after):
        return True
    if t.text.isdigit() and _NOUN_AFTER.match(after):
        next_word = _NOUN_AFTER.match(after)[1]  # type: ignore[index]
        if next_word[0].isupper() or next_word.lower() not in ENGLISH_STOP_WORDS:
            return True
    return False


# Words of a present, a future or a state reached now ("have now been retrieved"): the news
# of the day of its telling.
_NOW = frozenset({"is", "are", "am", "will", "shall", "can", "must", "says", "now"})


def _beside_main(text: str, verb_start: int) -> bool:
    """Whether the verb is in a clause of cause or concession opened earlier in its segment
    ("wants to keep them because they stayed when the others struck in June"; not "Although
    none were found, officials said Tuesday", where the comma closes that clause)."""
    segment_start = max(text.rfind(c, 0, verb_start) for c in ",;:")
    words = words_in(text, segment_start + 1, verb_start)
    return any(w.text.lower() in _SIDE_CONJUNCTIONS for w in words)


def _told_news(text: str, verb: Sequence[Word], end: int) -> str | None:
    """What a closing attribution's date dates ("The rebels seized the town, officials said
    Friday"): "now" for a present, an active present perfect or a plan ("has not yet agreed,
    the minister said Monday", "will appeal, she said Monday"), the day's news; "done" for
    an event done before the telling; "state" for a passive present perfect ("He has been
    detained in Rome, officials said Friday"), a state as of the telling whose event may be
    days older. None when the date is not a closing attribution's."""
    if not {w.text.lower() for w in verb} & REPORTING or len(text[end:].split()) > 3:
        return None
    comma = text.rfind(",", 0, verb[0].start)
    if comma <= 0:
        return None
    if any(w.text.lower() in _NOW for w in words_in(text, 0, comma)):
        return "now"
    groups = [g for seg in cut_segments(text[:comma]) for g in main_groups(text, seg)]
    passive = past = False
    for group in groups:
        first = group[0].text.lower()
        perfect = len(group) > 2 and group[1].text.lower() == "been"
        if first in ("has", "have") and not perfect:
            return "now"
        passive = passive or (perfect and first in ("has", "have"))
        past = past or perfect or group[0].kind == "past" or first in ("was", "were")
    if passive and not any(
        g[0].kind == "past" or g[0].text.lower() in ("was", "were", "had") for g in groups
    ):
        return "state"
    return "done" if past else "now"


# "the clinic where he worked until he was slain on Friday night reopened here Tuesday": a
# relative clause with no comma to close it, ended by a date right before the main verb.
_RELATIVE_OPEN = re.compile(r"\b(?:who|whom|where|which)\b[^,;:()\"“”]*$", re.I)
_RELATIVE_WORD = re.compile(r"\b(?:who|whom|where|which)\b", re.I)
_PAST_VERB_AFTER = re.compile(r"\s+(?:\w+ly\s+)?([a-z]+)\b")


def _without_contact_relative(text: str, ref: date | None) -> str:
    """The sentence with a comma-less relative clause that ends in a date blanked out, when
    a past verb follows the date at once: that verb is the main clause's, and the date is
    the relative clause's ("the man who was arrested on Friday faced a judge Monday").
    Offsets are kept."""
    if not _RELATIVE_WORD.search(text):
        return text
    for t in timexes(text, ref):
        verb = _PAST_VERB_AFTER.match(text, t.end)
        if not verb or not (verb[1].endswith("ed") or verb[1] in PAST_FORMS):
            continue
        # The clause has its verb before the date ("which until May was" has not) and no
        # comma opens it (after one, a comma closes it: "Orla, which sank in May, said").
        opened = _RELATIVE_OPEN.search(text, 0, t.start)
        if (
            opened
            and not text[: opened.start()].rstrip().endswith(",")
            and VERB.search(text, opened.start() + 1, t.start)
        ):
            return text[: opened.start()] + " " * (t.end - opened.start()) + text[t.end :]
    return text


def date_of(text: str, ref: date | None) -> tuple[str, bool] | None:
    """The date of the first time expression outside quotation marks that dates the main
    clause's event. Dates of other clauses ("a plane that crashed on June 1 last year") and
    clock times are passed over; a vague one ends the search (a later date is often a target,
    not the event: "said he would go later this week to urge a cap by 2010")."""
    text = _without_contact_relative(text, ref)
    quoted = _quoted_spans(text)
    for t in timexes(text, ref):
        if t.type in ("DURATION", "SET") or any(a <= t.start < b for a, b in quoted):
            continue
        if t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            continue
        if _CLOCK_ONLY.fullmatch(t.text):
            continue  # "at 22:30 local time on June 1": the day comes next
        if too_vague(t, text):
            return None
        # The date must govern the main clause's event verb.
        verb = None if _names_other(t, text) else governor(text, t.start, t.end)
        if verb is None:
            continue
        if _told_news(text, verb, t.end) in ("done", "state"):
            return None
        if _dates_the_charge(text, verb, t.start):
            continue
        if _beside_main(text, verb[0].start):
            return None
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


def state_day(text: str, ref: date | None) -> str | None:
    """The day of telling of a state a sentence attributes ("The black boxes have been
    found, an official said Thursday"): the state holds as of that day, though the event
    that brought it about may be older, so it dates no timeline event (`date_of` leaves
    the sentence undated) but may be the story's newest status."""
    if ref is None or "been" not in text:
        return None
    quoted = _quoted_spans(text)
    for t in timexes(text, ref):
        if t.type != "DATE" or granularity(t.value) != "D" or t.value[:10] > ref.isoformat():
            continue
        if any(a <= t.start < b for a, b in quoted) or too_vague(t, text):
            continue
        verb = governor(text, t.start, t.end)
        if verb is not None and _told_news(text, verb, t.end) == "state":
            return t.value[:10]
    return None


# A day ahead is named by a weekday, a month and a number, or "tomorrow" (a quick test
# before the time expressions are found).
_DAY_NAMED = re.compile(
    rf"\b(?:{alternation(words('weekdays') | set(lines('months')))}|tomorrow)\b|\d", re.I
)


def plan_days(text: str, ref: date | None) -> list[str]:
    """Days after `ref` a sentence speaks of as ahead, in any of its clauses: a deadline
    moved or set ("prompting Congress to delay until midnight Monday its deadline"), a plan
    told ("said some would be flying in as early as Wednesday"). Not a target ("by 2020"), a
    forecast's or a quotation's."""
    if ref is None or not _DAY_NAMED.search(text) or _FORECAST.search(text):
        return []
    quoted = _quoted_spans(text)
    days = []
    for t in timexes(text, ref):
        if t.type not in ("DATE", "TIME") or not _DAY.fullmatch(t.value[:10]):
            continue
        if t.value[:10] <= ref.isoformat() or any(a <= t.start < b for a, b in quoted):
            continue
        if too_vague(t, text) or _DEADLINE_BEFORE.search(text, 0, t.start):
            continue
        if side(text, t.start, t.end) == "future":
            days.append(t.value[:10])
    return days
