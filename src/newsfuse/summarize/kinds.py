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
from newsfuse.segment.lines import QUOTED, leans_back, without_connective
from newsfuse.time.lexicon import alternation

__all__ = ["POSSESSIVE_OPENING", "event_words", "points_back", "reaction", "timeless", "told_days"]

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
# the blast"; nor in a compound ("The same-sex ...").
_OPENING = re.compile(
    rf"^(?:{alternation(lines('anaphoric_openings'))})\b(?![-’'])(?!\s+(?:to|of)\b)",
    re.IGNORECASE,
)
# "Earlier, officials said ...", "Earlier Monday, ...": earlier than what was just told (not
# "Earlier this month", which dates itself).
_EARLIER = re.compile(
    rf"^earlier\s*(?:,|(?:on\s+)?(?:{alternation(_WEEKDAYS)})\b|in\s+the\s+day\b)",
    re.IGNORECASE,
)
# "Most of them ...", "All three of these ...": a part of people just named.
_PART_OF = re.compile(r"^(?:\w+\s+){1,2}of\s+(?:them|these)\b", re.IGNORECASE)
# "Her pledge ...", "Their activism ...": someone's, told before; not when the noun is named
# next ("Her lawyer, Jane Doe, said").
POSSESSIVE_OPENING = re.compile(r"^(?:his|her|its|their)\s", re.IGNORECASE)
_NAMED_NEXT = re.compile(r"^\w+\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+,")
_QUOTE_MARKS = frozenset("\"“”‘’'")
_SPEECH = words("speech_verbs") | words("attribution_verbs") | {"say", "according"}
_PRONOUN_SAID = re.compile(r"^[\s,]*(?:he|she|they)\s+\w+", re.IGNORECASE)
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "his", "their"})
# A fronted clause of up to 20 words closed by a comma, then "he"/"she"/"they" and a verb.
_AFTER_CLAUSE = re.compile(r"^((?:[^,\s]+\s+){0,19}[^,\s]+),\s+(?:he|she|they)\s+[a-z]")
_MODALS = words("continuation_modals")
_BARE_PLURALS = words("bare_plural_subjects")
_AGENT_PLURALS = tuple(lines("agent_plural_suffixes"))
# A modal line is someone's report of a plan, or a condition, when it holds one of these:
# "Residents would return Friday, officials said."; "... would fall if ...".
_NOT_CONTINUING = _SPEECH | {"if", "unless"}
_FRONTERS = words("fronted_openers")
_STARTERS = words("sentence_starters")
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
            # "As they did before, Republicans ...": the pronoun points ahead, to the
            # subject after the clause.
            _, comma, rest = text.partition(", ")
            return not (comma and rest[:1].isupper())
        if word[:1].isupper() and word.strip(",.").lower() not in _WEEKDAYS | _MONTHS:
            return False  # a name before the pronoun: perhaps whom it stands for
    return False


def _speaker_told_before(text: str) -> bool:
    """A quotation whose speaker is in another sentence: it opens on a quotation mark and
    names no one outside the quotes ("“They want to be friends.”", "“...,” he said."), or
    what it quotes opens pointing back ("“These results are important,” Cem said.")."""
    opened = text.lstrip()
    if opened[:1] not in _QUOTE_MARKS:
        return False
    outside = {w.lower() for w in _WORD.findall(QUOTED.sub(" ", text))}
    after_quote = text[max(text.rfind("”"), text.rfind('"')) + 1 :]
    quoted = without_connective(opened.lstrip("".join(_QUOTE_MARKS)))
    return (
        not outside & _SPEECH
        or _PRONOUN_SAID.match(after_quote) is not None
        or leans_back(quoted, possessive=False)
    )


def _pronoun_after_clause(text: str) -> bool:
    """A personal pronoun subject right after a fronted clause naming nobody ("As the object
    of a manhunt, he has ...", "Citing the toll, she added ..."): not when the clause names
    someone or holds a pronoun, perhaps whom "he" stands for ("Asked if Ortiz would stay,
    she said ...")."""
    found = _AFTER_CLAUSE.match(text)
    if found is None or text[:1] in _QUOTE_MARKS:  # the clause of a quotation's speaker
        return False
    clause = found[1].split()
    if clause[0].lower() not in _STARTERS | _FRONTERS:
        return False  # "Millar did not go without, he ...": a name opens it
    return not any(w[:1].isupper() or w.lower() in _PRONOUNS | _OBJECT_PRONOUNS for w in clause[1:])


def _continues_a_hope(text: str) -> bool:
    """A bare plural subject with a modal and no speaker nor condition ("Offenders would
    confess and receive pardon."): the hope or plan of someone named the sentence before,
    which alone reads as what happened."""
    head = text.split(maxsplit=3)[:3]
    for at in (1, 2):
        if at >= len(head) or head[at].lower() not in _MODALS:
            continue
        subject = head[at - 1].lower()
        if at == 2 and head[0].lower() not in _BARE_PLURALS:
            return False  # "Many people would", not "Clinton aides would"
        if subject in _BARE_PLURALS or subject.endswith(_AGENT_PLURALS):
            said = {w.lower() for w in _WORD.findall(QUOTED.sub(" ", text))}
            return not said & _NOT_CONTINUING
    return False


@per_brief
def points_back(text: str) -> str | None:
    """What a line points back to, when its subject does: "" when it opens on words placing
    it after the sentence before ("Such ...", "Since then, ...", "The same ...", "Among
    them ...", "Earlier, ..."), on a part of people just named ("Most of them ..."), on
    someone's ("Her pledge ..." unless named next), its subject is a pronoun after a
    fronted phrase ("In 1994 he made ...") or it carries on someone's hope ("Offenders
    would confess ..."); the noun when its subject is a definite shell noun ("The request
    angered ..." -> "request"), else None."""
    if (
        _OPENING.match(text)
        or _EARLIER.match(text)
        or _PART_OF.match(text)
        or (POSSESSIVE_OPENING.match(text) and not _NAMED_NEXT.match(text))
        or _pronoun_after_fronting(text)
        or _pronoun_after_clause(text)
        or _continues_a_hope(text)
        or _speaker_told_before(text)
    ):
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
