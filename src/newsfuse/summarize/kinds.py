"""What kind of statement a candidate line is, as the summary weighs it: news of an event
(a day, someone doing something), timeless background ("A civic honor is the highest award
the diocese gives": present tense, no day, no act), or a line pointing back to something
told just before it ("The request angered ...", "Such a deal ...", "Since then, ...").

Cheap surface tests on one sentence each, in general English (resources/en): the summary
asks them of its few hundred candidates per story.
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.memo import per_brief
from newsfuse.resources import lines, words
from newsfuse.segment.lines import QUOTED
from newsfuse.time.lexicon import alternation

__all__ = ["event_words", "points_back", "reaction", "timeless", "told_days"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_COPULA = frozenset({"is", "are"})
# Tense and speech: a line holding one tells something that happened or was said.
_TELLING = (
    words("time_past_verbs")
    | words("time_more_past_verbs")
    | frozenset({"will", "would", "said", "says", "say", "told", "according"})
)
_DATED = frozenset({"today", "yesterday", "tonight", "tomorrow", "ago"})
_WEEKDAYS = words("weekdays")
_MONTHS = words("months")
_NOT_TIMELESS = _TELLING | _DATED | _WEEKDAYS | _MONTHS
_COPULA_WORD = re.compile(r"\b(?:is|are)\b", re.IGNORECASE)
# A year, or "last week", "next month", "this season".
_WHEN = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:last|next|this)\s+(?:week|weekend|month|year|night|season)\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(rf"\b({alternation(m.capitalize() for m in _MONTHS)})\.?\s+(\d{{1,2}})\b")
_SHELL_NOUNS = words("shell_nouns")
_POSTMODIFIERS = words("noun_postmodifiers")
# Not when the phrase names what it points to: "In response to the attack", "At the time of
# the blast".
_OPENING = re.compile(
    rf"^(?:{alternation(lines('anaphoric_openings'))})\b(?!\s+(?:to|of)\b)", re.IGNORECASE
)
_FRONTERS = words("fronted_openers")
_PRONOUNS = frozenset({"he", "she", "they"})
_FRONTED_REACH = 6  # words of a fronted phrase, pronoun included
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# "The request", "The Palestinian request", "This latest intervention": a determiner, at
# most this many modifiers, then the noun.
_MODIFIERS = 2


@per_brief
def timeless(text: str) -> bool:
    """Whether a line is background with no time: a present-tense "is"/"are" statement that
    names no day, month or year and holds no past, future or speech verb ("Beatification is
    the final step before sainthood")."""
    if not _COPULA_WORD.search(text):
        return False  # most lines: the cheap test first
    outside = QUOTED.sub(" ", text)
    tokens = {w.lower() for w in _WORD.findall(outside)}
    if not tokens & _COPULA or tokens & _NOT_TIMELESS or _WHEN.search(outside):
        return False
    return not any(len(w) > 4 and w.endswith("ed") for w in tokens)


_SAYING = frozenset({"said", "says", "say", "told", "tells"})
_PAST = words("time_past_verbs") | words("time_more_past_verbs")
# Words of a line searched for its first verb: a subject of a few words, then the verb.
_VERB_REACH = 8


@per_brief
def reaction(text: str) -> bool:
    """Whether a line's only act is someone's saying: its first verb is one of saying and
    no verb of another act follows ("Egypt's president says there is virtually nobody who
    believes ..."), a reaction, not the event. "Police said they arrested ..." tells one."""
    found = _WORD.findall(QUOTED.sub(" ", text))
    for at, word in enumerate(found[:_VERB_REACH]):
        lower = word.lower()
        if lower in _SAYING:
            return not any(_act(w.lower()) for w in found[at + 1 :])
        if _act(lower):
            return False
    return False


def _act(lower: str) -> bool:
    return lower not in _SAYING and (lower in _PAST or (len(lower) > 4 and lower.endswith("ed")))


def told_days(text: str) -> frozenset[str]:
    """The days a line names: weekdays ("saturday") and month days ("march 3")."""
    found = {w.lower() for w in _WORD.findall(text) if w.lower() in _WEEKDAYS and w[0].isupper()}
    found |= {f"{m.lower()} {d}" for m, d in _MONTH_DAY.findall(text)}
    return frozenset(found)


def _stem(word: str) -> str:
    """Inflections meet: "opened"/"opening"/"open", "honored"/"honor", "islanders"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:6]


@per_brief
def event_words(text: str) -> frozenset[str]:
    """What a line says happened, in stems: its lower-case content words (names and days
    left out), so that two outlets' wordings of one act meet ("opened their bridge" and
    "the opening of their bridge")."""
    found = set()
    for n, match in enumerate(_WORD.finditer(text)):
        word = match[0]
        lower = word.lower().replace("’", "'")
        if n > 0 and word[0].isupper():
            continue  # a name
        if lower in ENGLISH_STOP_WORDS or lower in _WEEKDAYS or len(lower) < 3:
            continue
        found.add(_stem(lower))
    return frozenset(found)


def _pronoun_after_fronting(text: str) -> bool:
    """A personal pronoun subject after a fronted phrase naming nobody ("In 1994 he made
    ...", "When she arrived, ..."): "he" is someone named before the line."""
    head = text.split(maxsplit=_FRONTED_REACH + 1)[:_FRONTED_REACH]
    if not head or head[0].lower() not in _FRONTERS:
        return False
    for word in head[1:]:
        if word.strip(",") in _PRONOUNS:
            return True
        if word[:1].isupper() and word.strip(",.").lower() not in _WEEKDAYS | _MONTHS:
            return False  # a name before the pronoun: perhaps whom it stands for
    return False


@per_brief
def points_back(text: str) -> str | None:
    """What a line points back to, when its subject does: "" when it opens on a word placing
    it after the sentence before ("Such ...", "Since then, ...") or its subject is a pronoun
    after a fronted phrase ("In 1994 he made ..."), the noun when its subject is a definite
    shell noun ("The request angered ..." -> "request"), else None."""
    if _OPENING.match(text) or _pronoun_after_fronting(text):
        return ""
    head = text.split(maxsplit=_MODIFIERS + 3)[: _MODIFIERS + 3]
    if not head or head[0].lower() not in _DETERMINERS:
        return None
    for at in range(1, min(len(head), _MODIFIERS + 2)):
        word = head[at]
        if word.rstrip(",;:") in _SHELL_NOUNS and not word.isalpha():
            return None  # "The report, released Monday, ...": told where it stands
        # A plural after a modifier may be a verb: "The government offers ...".
        noun = word if word in _SHELL_NOUNS else word.removesuffix("s") if at == 1 else ""
        if noun in _SHELL_NOUNS:
            following = head[at + 1].lower() if at + 1 < len(head) else ""
            return None if following in _POSTMODIFIERS or not following.isalpha() else noun
    return None
