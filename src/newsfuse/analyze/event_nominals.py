"""Events a sentence names by a dated noun phrase: "the Aug. 7 bombing of the trade office",
"since Sunday's election", "ahead of the Oct. 25 runoffs".

Later reports often tell a story's main event only so, as a thing the clause they sit in
speaks of ("two vans had been used in the Aug. 7 bombing"): the clause's own date is the
telling's, and `clause_date.date_of` rightly passes such a date over. Here the date dates the
noun instead. A nominal is a determiner or a possessive, a day, month or year of
`newsfuse.time` (anchored to the paper's date as clauses are), up to three modifiers and an
event noun of `resources/en/event_nouns.json`, not a compound's first half ("the Oct. 3
election campaign"). It is left out, rather than guessed, when:

- the date is vague, clock time only, or inside quotation marks;
- a planned event ("election", "vote") is dated by a bare weekday with no word saying it is
  over ("since", "after", "results of"): "preparing for Sunday's election" is the coming one,
  and the time layer reads a weekday's possessive as gone by; or by this month or this year,
  which may still be ahead;
- an unplanned event ("bombing", "crash") is dated after the paper (a misreading);
- a word says it did not take place as dated ("the planned Oct. 25 vote", "postponed");
- a weekday six days back (a filing place's day may be the event's next one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import cast

from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.analyze._text import content_set
from newsfuse.analyze.clause_date import EVENT_NOUN_FORMS, VERB, too_vague
from newsfuse.resources import lines, table, words
from newsfuse.resources.patterns import one_of
from newsfuse.segment.lines import QUOTED
from newsfuse.time import granularity, timexes, to_date
from newsfuse.time.lexicon import alternation

__all__ = ["Nominal", "dated_nominals", "event_stem", "kin"]

_NOUNS = cast(dict[str, list[str]], table("event_nouns"))
_UNPLANNED = frozenset(_NOUNS["unplanned"])
_PLANNED = frozenset(_NOUNS["planned"])
_NOT_HELD = frozenset(_NOUNS["not_held"])


def _phrases(key: str) -> str:
    # Longest first, spaces as any run of blanks.
    return "|".join(
        r"\s+".join(map(re.escape, p.split())) for p in sorted(_NOUNS[key], key=len, reverse=True)
    )


_HEADS = "|".join(sorted(_UNPLANNED | _PLANNED, key=len, reverse=True))
# A quick test before the time expressions are read: an event noun a few words after a
# number, a possessive, a month or a weekday ("Aug. 7", "1996", "Sunday's", "the August").
# (The nouns as a tree of shared beginnings, `one_of`: searched four times as fast.)
# A set look-up of the sentence's words first: twice as fast again.
_LOWER_WORD = re.compile(r"[a-z]+")
_ANY_HEAD = re.compile(
    rf"(?:\d|['’]s\b|\b(?:{alternation(words('weekdays') | frozenset(lines('months')))})\b)"
    rf"[^,;:!?]{{0,40}}?\b(?:{one_of(sorted(_UNPLANNED | _PLANNED))})(?:e?s)?\b",
    re.I,
)
_CALLED_OFF = re.compile(rf"\b(?:{_phrases('called_off')})\b", re.I)
_DONE_BEFORE = re.compile(rf"\b(?:{_phrases('done_cues')})\s+$", re.I)
# What opens the nominal before its date: "the", "a", "its", and one adjective ("the twin
# Aug. 7 bombings", "the planned Oct. 25 vote"); a possessive date needs none ("Sunday's").
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our)\s+(?:([a-z][a-z-]*)\s+)?$", re.IGNORECASE
)
# After the date: a range's second day ("the Nov. 17-18 summit") or the possessive, then up to
# three modifiers ("Sunday's presidential election", "the Aug. 7 U.S. embassy bombings") and
# the event noun.
_AFTER = re.compile(
    rf"(?P<own>['’]s)?(?:[-–]\d\d?)?\s+(?P<mods>(?:[\w.’'-]+\s+){{0,3}}?)"
    rf"(?P<head>{_HEADS})(?P<plural>e?s)?\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b\d{4}\b|['’]\d\d\b")
_CALENDAR = words("weekdays") | frozenset(lines("months"))
_WEEKDAY = re.compile(rf"\b(?:{alternation(words('weekdays'))})\b", re.I)
# What may follow the event noun: a stop, or a word of no noun phrase ("of", "that", a verb).
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w'’-]*)")
# A complement told with the noun: "of the trade office", "in Kenya and Tanzania".
# (Not "by": "represented at today's ceremony by X" is the verb's agent.)
_COMPLEMENT_OPENERS = frozenset({"of", "in", "at", "on", "off", "against", "near", "outside"})
_PLACE_OPENERS = frozenset({"in", "at", "off", "near", "outside"})
# (A stop inside one sentence ends an abbreviation: "of the U.S. embassies".)
_COMPLEMENT = re.compile(r"\s+((?:of|in|at|on|off|against|near|outside)\s[^,;:!?()\"“”—–]*)")
_CLAUSE_WORDS = frozenset(
    "that which who whom whose when where while but or as because after before since until "
    "than if said says say told to for with from was were is are has have had will would".split()
)
_MAX_COMPLEMENT = 8
_MONTH = re.compile(rf"\b(?:{alternation(frozenset(lines('months')))})\b", re.I)
_MODAL_AHEAD = re.compile(r"\b(?:will|would|could|may|might|shall|can)\s+(?!have\b)\w+", re.I)
_PAST_PREDICATE = re.compile(
    r"\s*(?:\w+ly\s+)?(?:was|were|had|did|(?:did|was|were|had)n['’]?t|[a-z]+ed)\b", re.I
)
_ABBREVIATION = re.compile(r"\.\w+\.$")  # "U.S." keeps its stop
# A date ahead with no year written is guessed into the coming months; further ahead the
# guess is likelier wrong ("planning for the June 21 meeting" of a June years back).
_AHEAD_GUESS = timedelta(days=120)
_STEMMER = PorterStemmer()


@dataclass(frozen=True, slots=True)
class Nominal:
    """A dated event nominal of a sentence: its date (ISO, a day, month or year), whether it
    is ahead of the paper, the event noun's stem and the phrase as an entry's text."""

    iso: str
    future: bool
    head: str
    text: str
    detail: frozenset[str]  # content words of the modifiers and the complement
    year_written: bool  # "the June 1995 meeting", not "the June meeting"


@cache
def event_stem(word: str) -> str:
    """The stem an event noun shares with its verb: "bombing"/"bombed", "election"/
    "re-elected", "vote"/"voted" (Porter's, of the word's last hyphenated part)."""
    stem: str = _STEMMER.stem(word.lower().rsplit("-", 1)[-1])
    return stem


_UNPLANNED_STEMS = frozenset(map(event_stem, _UNPLANNED))


def kin(a: str, b: str) -> bool:
    """Whether two event stems may name one event of one day: the same noun, or two names of
    a happening ("Friday's blast", "Friday's market attack", "the bombing")."""
    return a == b or (a in _UNPLANNED_STEMS and b in _UNPLANNED_STEMS)


def dated_nominals(text: str, ref: date | None) -> list[Nominal]:
    """The sentence's dated event nominals (see the module's doc), in order."""
    if EVENT_NOUN_FORMS.isdisjoint(_LOWER_WORD.findall(text.lower())) or not _ANY_HEAD.search(text):
        return []
    quoted = [m.span() for m in QUOTED.finditer(text)]
    called_off = bool(_CALLED_OFF.search(text))
    found = []
    for t in timexes(text, ref):
        if t.type not in ("DATE", "TIME") or any(a <= t.start < b for a, b in quoted):
            continue
        if t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") or too_vague(t, text):
            continue
        m = _AFTER.match(text, t.end)
        if m is None:
            continue
        opener = _DETERMINER.search(text, max(0, t.start - 40), t.start)
        if not (m["own"] or opener):
            continue  # "on Aug. 7 bombings began": the date is the clause's
        mods = m["mods"].split()
        if any(not _modifier(w) for w in mods) or _compound(text, m.end()):
            continue
        adjective = opener[1].lower() if opener and opener[1] else ""
        if adjective in _NOT_HELD or any(w.lower() in _NOT_HELD for w in mods):
            continue
        head = m["head"].lower()
        before = text[: opener.start() if opener else t.start]
        iso = t.value[:10]
        future = _ahead(iso, ref)
        if not _holds(head, t.text, iso, ref, future, bool(_DONE_BEFORE.search(before))):
            continue
        if called_off:
            continue  # "the Oct. 25 vote was postponed": not held on its day
        phrase = " ".join([*mods, m["head"] + (m["plural"] or "")])
        entry = _entry_text(phrase, text, m.end())
        # "could come up during the February session": a planned event a modal speaks of is
        # ahead, whichever year the month was read in.
        guessed_month = bool(_MONTH.search(t.text)) and not _YEAR.search(t.text)
        if not future and guessed_month and head in _PLANNED and _MODAL_AHEAD.search(text):
            continue
        # "the December ruling didn't bar them" in a November paper: the subject of a past
        # verb is over, so a year-less date read ahead was read in the wrong year.
        if (
            future
            and guessed_month
            and _PAST_PREDICATE.match(text, m.end() + len(entry) - len(phrase))
        ):
            continue
        detail = content_set(entry) - content_set(m["head"] + (m["plural"] or ""))
        written = bool(_YEAR.search(t.text))
        found.append(Nominal(iso, future, event_stem(head), entry, detail, written))
    return found


def _modifier(word: str) -> bool:
    """A word that may stand between a date and its event noun: not a function word or a
    verb ("the Aug. 7 bombing" yes; "on Sunday they vote" no)."""
    low = word.lower().strip(".")
    if low in ENGLISH_STOP_WORDS or not low or low[0].isdigit() or low in _CALENDAR:
        return False  # "last year's October election": the month dates it, not the year
    if low.endswith("ing") and low == word:
        return False  # "the 1996 law banning attacks": a verb's phrase, not a modifier
    return word[0].isupper() or not VERB.fullmatch(word)


def _compound(text: str, end: int) -> bool:
    """The event noun is the first half of a compound ("the Oct. 3 election campaign",
    "Sunday's vote count"): the date may date the whole, not the event."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or text[end : nxt.start(1)].strip():
        return False  # a stop or a comma follows
    word = nxt[1]
    low = word.lower()
    if low in ENGLISH_STOP_WORDS or low in _CLAUSE_WORDS:
        return False
    return not (low == word and VERB.fullmatch(word))  # "the crash killed" is no compound


def _ahead(iso: str, ref: date | None) -> bool:
    return ref is not None and iso > ref.isoformat()[: len(iso)]


def _holds(head: str, when: str, iso: str, ref: date | None, future: bool, done: bool) -> bool:
    """Whether the date dates the event as the sentence tells it (see the module's doc)."""
    planned = head in _PLANNED
    if future:
        # Ahead: only a planned event, on a day the text names (a weekday ahead may be
        # the coming one or the one after, and the layer read it as gone by).
        if not planned or _WEEKDAY.search(when):
            return False
        day = to_date(iso)
        guessed = ref is not None and day is not None and not _YEAR.search(when)
        return not (guessed and day is not None and ref is not None and day - ref > _AHEAD_GUESS)
    if ref is None:
        return True  # dated by its own text ("the Aug. 7, 2031 bombing")
    if _WEEKDAY.search(when):
        if iso == (ref - timedelta(days=6)).isoformat():
            return False
        return done or not planned
    unit = granularity(iso)
    if planned and unit in ("M", "Y") and iso == ref.isoformat()[: len(iso)]:
        return done  # "this year's election" may still be ahead
    return True


def _entry_text(phrase: str, text: str, end: int) -> str:
    """The nominal as an entry: its modifiers, the noun and a short complement, capitalised
    ("Bombing of the Velmora trade office")."""
    out = phrase
    comp = _COMPLEMENT.match(text, end)
    if comp is not None:
        kept: list[str] = []
        tokens = comp[1].split()
        # "in Kenya", "at the Khobar Towers", not "in several particulars": a place-like
        # preposition keeps only a name or a number.
        if tokens[0].lower() in _PLACE_OPENERS and not any(
            w[:1].isupper() or w[:1].isdigit() for w in tokens[1:3]
        ):
            tokens = []
        for i, word in enumerate(tokens):
            low = word.lower()
            if i and (low in _CLAUSE_WORDS or (low == word and VERB.fullmatch(word))):
                break
            if low == "and" and not (
                kept
                and kept[-1][:1].isupper()
                and i + 1 < len(tokens)
                and tokens[i + 1][:1].isupper()
            ):
                break
            kept.append(word)
            if len(kept) == _MAX_COMPLEMENT:
                break
        if kept:
            kept[-1] = (
                kept[-1].removesuffix(".") if not _ABBREVIATION.search(kept[-1]) else kept[-1]
            )
        while kept and (
            kept[-1].lower() in ENGLISH_STOP_WORDS or kept[-1].lower() in _COMPLEMENT_OPENERS
        ):
            kept.pop()
        if kept:
            out = f"{phrase} {' '.join(kept)}"
    return out[:1].upper() + out[1:]
