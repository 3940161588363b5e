"""Whether a time expression dates the event of its sentence's main clause, without a parser.

A sentence is cut into segments at commas, colons, semicolons, brackets, dashes and quotation
marks, and each segment into words. Verb groups are runs of auxiliaries and past forms ("has
also banned", "was handed", "will meet"). The verb a date belongs to is the nearest group
before it in its segment, else the first after it; a date in a verbless opening segment ("On
Saturday, the court ruled") belongs to the first group of the sentence after it.

The date governs the event only when nothing stands between them that opens a clause of its
own (a subordinator, a relative pronoun, an -ing phrase: "after the military ousted him in
2013", "charges arising from the killing of protesters in December 2012"), the verb is not
itself inside such a clause, it reports an event (a past or future form, not a state: "is
serving", "was in 2006"; not a hypothesis: "would have paid"), it is not a participle after a
main verb ("banned demonstrations under a law adopted in 2013"), it does not point at another
event ("followed a failed launch in November"), and no second verb follows the date in its
segment ("the shares received on Thursday cannot be sold"), except after a reporting verb
("said Friday its engineers have established"). When unsure, it does not govern: the timeline
leaves such a sentence out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.resources import lines, words

__all__ = ["governs"]

# Quotation marks cut, a plural possessive's apostrophe ("the defendants' testimony") not.
_SEGMENT_CUT = re.compile(r"[,;:()\[\]\"“”‘—–]|\s-\s|(?<!\w)['’]|(?<![\ws])['’](?!\w)")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUBORDINATORS = words("time_subordinators")
_RELATIONAL = words("time_relational_verbs")
_REPORTING = frozenset(w.lower() for w in lines("attribution_verbs") if w.isalpha()) | {
    "announced",
    "confirmed",
    "disclosed",
    "reported",
    "revealed",
    "estimated",
    "cautioned",
    "warned",
}
_PAST = frozenset(w.lower() for w in lines("time_past_verbs")) | words("time_participles")
_STATE = frozenset({"was", "were", "had", "did", "is", "are", "am", "be", "been", "being"})
_AUX = _STATE | {"has", "have", "do", "does", "will", "would", "can", "could", "should", "may"}
_AUX |= {"might", "must", "shall", "cannot", "won't", "can't", "'ll"}
# Past forms that report a state, not an event: "the offer comprised $60 in cash".
_STATIVE = frozenset(
    {"comprised", "consisted", "contained", "remained", "totaled", "totalled", "equaled"}
)
_MODALS = frozenset({"would", "could", "should", "might", "may", "must"})
_FUTURE = frozenset({"will", "shall", "won't", "'ll", "would"})  # "said she would meet"
_ADVERBS = frozenset({"not", "also", "already", "just", "never", "still", "then", "finally"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those"}
)
_ING_NOUNS = words("time_ing_nouns")
# Words that join a second clause with a verb of its own: no participle follows them.
_LINKS = frozenset({"and", "but", "or", "when", "while", "as"})
_SAME_TIME = frozenset({"when", "while", "as", "once"})
_SCHEDULE = re.compile(r"\s+(?:set|due|scheduled|slated|expected|going\s+to|about\s+to)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int
    kind: str  # "aux" | "past" | "opener" | "adverb" | ""


def _kind(word: str, previous: str) -> str:
    """The part a word plays here; `previous` is the word before it, "" at a segment start."""
    low = word.lower()
    # A capitalised word inside a segment is a name ("United", "Armed Services", "May").
    name = word[0].isupper() and bool(previous)
    if name:
        return ""
    if low in _AUX:
        return "aux"
    after_determiner = previous in _DETERMINERS  # "the injured", "her hit song"
    if (low in _PAST or (len(low) > 4 and low.endswith("ed"))) and not after_determiner:
        return "past"
    if low in _SUBORDINATORS:
        return "opener"
    # "arising from", "for taking part", "Speaking to reporters" (but not a name: "Jinping").
    gerund = len(low) > 4 and low.endswith("ing")
    if gerund and low not in _ING_NOUNS and not after_determiner:
        return "opener"
    if low in _ADVERBS or (low.endswith("ly") and len(low) > 4):
        return "adverb"
    return ""


def _words(text: str, start: int, end: int) -> list[_Word]:
    found: list[_Word] = []
    previous = ""
    for m in _WORD.finditer(text, start, end):
        kind = _kind(m[0], previous)
        # "that" after a verb opens what was said ("said that the plant closed on Monday"),
        # whose event the date may well be; after a noun it opens a relative clause.
        after_verb = bool(found) and found[-1].kind in ("aux", "past")
        if kind == "opener" and m[0].lower() == "that" and after_verb:
            kind = ""
        found.append(_Word(m[0], m.start(), m.end(), kind))
        previous = m[0].lower()
    return found


def _groups(found: list[_Word]) -> list[list[_Word]]:
    """Runs of auxiliaries and past forms, with adverbs inside ("had already been sentenced")."""
    groups: list[list[_Word]] = []
    current: list[_Word] = []
    for w in found:
        if w.kind in ("aux", "past") or (current and w.kind == "adverb"):
            current.append(w)
            continue
        if current:
            groups.append(current)
        current = []
    if current:
        groups.append(current)
    return [[w for w in g if w.kind != "adverb"] or g for g in groups]


def _segments(sentence: str) -> list[tuple[int, int]]:
    cuts = [0, *(p for m in _SEGMENT_CUT.finditer(sentence) for p in m.span()), len(sentence)]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]


def _is_event(group: list[_Word], sentence: str) -> bool:
    tokens = [w.text.lower() for w in group]
    if any(t in _MODALS for t in tokens) and "have" in tokens:
        return False  # "would have paid": a hypothesis
    if any(t in _FUTURE for t in tokens) or _SCHEDULE.match(sentence, group[0].end):
        return True
    if tokens[0] in ("is", "are", "am"):
        return False  # a present passive is a caption's or a state's ("is seen from")
    return any(w.kind == "past" and w.text.lower() not in _STATE | _STATIVE for w in group)


def _opens_between(found: list[_Word], start: int, end: int) -> bool:
    return any(w.kind == "opener" and start <= w.start < end for w in found)


def governs(sentence: str, start: int, end: int) -> bool:
    """Whether the time expression at `start:end` dates the event of the main clause."""
    segments = _segments(sentence)
    index = next((i for i, (a, b) in enumerate(segments) if a <= start < b), None)
    if index is None:
        return False
    seg_start, seg_end = segments[index]
    found = _words(sentence, seg_start, seg_end)
    groups = _groups(found)
    before = [g for g in groups if g[-1].end <= start]
    # A verb after the date is a rival when it follows the date directly or has an
    # auxiliary ("received on Thursday cannot be sold"), not in a clause of its own ("in 2012
    # before rates rose") nor a participle further on ("arrived on Sunday for a visit aimed").
    after = [
        g
        for g in groups
        if g[0].start >= end
        and not _opens_between(found, end, g[0].start)
        and not _LINKS & set(sentence[end : g[0].start].lower().split())  # "and returned"
        and (len(g) > 1 or g[0].kind == "aux" or len(sentence[end : g[0].start].split()) <= 1)
    ]
    if before:
        verb, earlier = before[-1], before[:-1]
        opening = found[0] is verb[0] and len(verb) == 1 and verb[0].kind == "past"
        # "Opened in October, the store was praised", "is sending a lander, planned for
        # 2022": a participle phrase of its own (but "His lawyer, Ada Pell, said Monday").
        main_before = any(_groups(_words(sentence, *seg)) for seg in segments[:index])
        if opening and (main_before if index else len(segments) > 1):
            return False
        if _opens_between(found, verb[-1].end, start):
            return False
        low = [w.text.lower() for w in verb]
        # A bare participle after a main verb modifies a noun: "a law adopted in 2013" (but
        # not after a relative clause's verb: "the company that built it said Friday").
        if len(verb) == 1 and verb[0].kind == "past" and earlier:
            between = sentence[earlier[-1][-1].end : verb[0].start].lower().split()
            first = earlier[-2][-1].end if len(earlier) > 1 else seg_start
            after_relative = _opens_between(found, first, earlier[-1][0].start)
            if not _LINKS & set(between) and (not after_relative or "to" in between):
                return False
        if after and not set(low) & _REPORTING:
            return False  # "the shares received on Thursday cannot be sold"
        # A clause opened after the segment's first verb and not closed by "and"/"but"
        # holds this verb: "suffered a crash after Seoul announced it would ban ... in May".
        if earlier:
            stretch = [w for w in found if earlier[0][-1].end <= w.start < verb[0].start]
            links = [i for i, w in enumerate(stretch) if w.text.lower() in _LINKS]
            if any(w.kind == "opener" for w in stretch[links[-1] + 1 if links else 0 :]):
                return False
    elif after:
        verb, earlier = after[0], []
        if _opens_between(found, end, verb[0].start):
            return False
    elif index == 0 and not _opens_between(found, seg_start, start):
        # "On Saturday, the Packers announced ...": the first verb of the rest.
        return _main_verb_is_event(sentence, segments)
    else:
        return False
    # The verb inside a clause of its own: "who led the coup", "that was in 2006".
    since = earlier[-1][-1].end if earlier else seg_start
    if _opens_between(_words(sentence, since, verb[0].start), since, verb[0].start):
        return False
    if set(w.text.lower() for w in verb) & _RELATIONAL:
        return False
    # "When Google launched it last year, it included ...": an opening clause of the same
    # time dates the main clause, which must then report an event ("As we said last year,
    # our goal is ..." does not).
    if index == 0 and len(segments) > 1 and found[0].text.lower() in _SAME_TIME:
        return _is_event(verb, sentence) and _main_verb_is_event(sentence, segments)
    return _is_event(verb, sentence)


def _main_verb_is_event(sentence: str, segments: list[tuple[int, int]]) -> bool:
    """Whether the first verb after the opening segment reports an event."""
    rest = [(g, s) for s in segments[1:] for g in _groups(_words(sentence, *s))]
    if not rest:
        return False
    verb, (rest_start, _) = rest[0]
    found = _words(sentence, rest_start, verb[0].start)
    if _opens_between(found, rest_start, verb[0].start):
        return False
    return _is_event(verb, sentence)
