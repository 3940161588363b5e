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
from collections.abc import Sequence
from functools import lru_cache

from newsfuse.resources import words
from newsfuse.time.verb_groups import (
    BE,
    LINKS,
    PAST_FORMS,
    REPORTING,
    STATE,
    SUBORDINATORS,
    Word,
    cut_segments,
    main_groups,
    opens_between,
    verb_groups,
    words_in,
)

__all__ = [
    "PAST_FORMS",
    "ahead",
    "governor",
    "governs",
    "told_ahead_in_past",
    "verb_ahead",
]

_RELATIONAL = words("time_relational_verbs")
# Past forms that report a state, not an event: "the offer comprised $60 in cash".
_STATIVE = frozenset(
    {"comprised", "consisted", "contained", "remained", "totaled", "totalled", "equaled"}
    | {"sat"}  # "the rocket sat atop the launch pad Monday": where it was
)
_MODALS = frozenset({"would", "could", "should", "might", "may", "must"})
_FUTURE = frozenset({"will", "shall", "won't", "'ll", "would"})  # "said she would meet"
_SAME_TIME = frozenset({"when", "while", "as", "once"})
_SCHEDULE = re.compile(
    r"\s+(?:now\s+|still\s+|also\s+|\w+ly\s+)?"
    r"(?:set|due|scheduled|slated|expected|going\s+to|about\s+to)\b",
    re.I,
)
_COPULA_AHEAD = re.compile(
    r"\s+(?:(?:now|still|also|\w+ly)\s+)?(?:(?:set|due|scheduled|slated|expected|going|about)"
    r"\s+to\s+)?(?:become|remain|stay)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never)\b|n['’]t\b", re.I)
# "The ship is to arrive on Wednesday": a present "be" before "to" and a verb is a plan.
_BE_TO = re.compile(r"\s+to\s+[a-z]+\b")
_TO_BE = re.compile(r"\s+to\s+(?:be|have\s+been)\b")
# "called a meeting for later Sunday": after "for", a date is what a noun names, unless the
# verb schedules ("was set for Monday").
_FOR_BEFORE = re.compile(r"\bfor\s+(?:later\s+|next\s+|this\s+)?$", re.I)
_SCHEDULING = words("time_schedule_verbs")
_DASHES = frozenset({"—", "–"})
_PREPOSITIONS = words("time_phrase_prepositions")
# Words after a passive participle ("raised through a sale", "adopted in 2013").
_AFTER_PASSIVE = _PREPOSITIONS | {"through", "during"}
# Words an opening time phrase starts with ("In the early hours of Thursday, ...").
_OPENING_WORDS = _PREPOSITIONS | _SAME_TIME | words("time_opening_words")


def _is_event(group: list[Word], sentence: str, dated: bool = True) -> bool:
    """Whether a verb group reports an event; `dated` when the date is its own (only then
    is "is to arrive" a plan: in "our aim is to grow" it defines)."""
    tokens = [w.text.lower() for w in group]
    if _NEGATION.search(sentence, group[0].start, group[-1].end):
        return False  # "has never charged anyone", "did not attend": no event happened
    if any(t in _MODALS for t in tokens) and "have" in tokens:
        return False  # "would have paid": a hypothesis
    if any(t in _FUTURE for t in tokens) or _SCHEDULE.match(sentence, group[0].end):
        # "will become the most powerful rocket", "is set to remain": a state ahead.
        return not _COPULA_AHEAD.match(sentence, group[-1].end)
    if tokens[0] in BE and len(tokens) > 1 and _TO_BE.match(sentence, group[-1].end):
        return False  # "was believed to be behind an attack": a state reported
    if tokens[0] in ("is", "are", "am"):
        # "is to arrive on Wednesday" is a plan; a present passive is a caption's or a
        # state's ("is seen from").
        return dated and len(tokens) == 1 and bool(_BE_TO.match(sentence, group[-1].end))
    return any(w.kind == "past" and w.text.lower() not in STATE | _STATIVE for w in group)


def governs(sentence: str, start: int, end: int) -> bool:
    """Whether the time expression at `start:end` dates the event of the main clause."""
    return governor(sentence, start, end) is not None


def ahead(sentence: str, start: int, end: int) -> bool:
    """Whether the verb the time expression dates puts it ahead of the writing: "will
    meet", "are expected to flock", "is to arrive" (not "would", which may be past)."""
    verb = governor(sentence, start, end)
    return verb is not None and verb_ahead(sentence, verb)


def verb_ahead(sentence: str, verb: Sequence[Word]) -> bool:
    """`ahead` for the verb `governor` found."""
    first = verb[0].text.lower()
    if first in ("will", "shall", "'ll", "won't"):
        return True
    return first in ("is", "are", "am") and bool(
        _SCHEDULE.match(sentence, verb[0].end) or _BE_TO.match(sentence, verb[0].end)
    )


def told_ahead_in_past(verb: Sequence[Word]) -> bool:
    """Whether the verb a time expression dates (`governor`) is a future seen from the past
    ("he anticipated it would first fly in 2013"): a plan or a forecast then, not an event."""
    return verb[0].text.lower() == "would"


# Copies of one wire story repeat their sentences word for word: each is read once.
@lru_cache(maxsize=1024)
def governor(sentence: str, start: int, end: int) -> list[Word] | None:
    """The main clause's event verb the time expression at `start:end` dates, if any."""
    segments = cut_segments(sentence)
    index = next((i for i, (a, b) in enumerate(segments) if a <= start < b), None)
    if index is None:
        return None
    seg_start, seg_end = segments[index]
    found = words_in(sentence, seg_start, seg_end)
    if _inside_other_clause(sentence, segments, index, found, start):
        return None
    # A date set off by commas after its clause ("has played there before, in 2004", "arrested
    # Ada Pell, 42, on Jan. 29") belongs to the nearest segment before it with a verb.
    if not verb_groups(found) and not _verbless_opening(sentence, segments, index, start):
        back = index
        while back > 0 and not verb_groups(words_in(sentence, *segments[back - 1])):
            back -= 1
        lead = sentence[seg_start:start].split()
        if back > 0 and len(lead) <= 2 and not any(w.kind == "opener" for w in found):
            seg_start = segments[back - 1][0]
            segments = [*segments[: back - 1], (seg_start, seg_end), *segments[index + 1 :]]
            index = back - 1
            found = words_in(sentence, seg_start, seg_end)
    groups = verb_groups(found)
    before = [g for g in groups if g[-1].end <= start]
    # "was yesterday revealed", "has this week agreed": the date inside a verb group.
    inner = next((g for g in groups if g[0].start >= end), None)
    if (
        before
        and before[-1][-1].kind == "aux"
        and inner
        and not sentence[end : inner[0].start].split()
    ):
        before[-1] = before[-1] + inner
        groups = [g for g in groups if g is not inner]
    # A verb after the date is a rival when it follows the date directly or has an
    # auxiliary ("received on Thursday cannot be sold"), not in a clause of its own ("in 2012
    # before rates rose") nor a participle further on ("arrived on Sunday for a visit aimed",
    # "gave way Tuesday on the tax cut approved last month": two past forms, no auxiliary).
    after = [
        g
        for g in groups
        if g[0].start >= end
        and not opens_between(found, end, g[0].start)
        and not LINKS & set(sentence[end : g[0].start].lower().split())  # "and returned"
        and (g[0].kind == "aux" or len(sentence[end : g[0].start].split()) <= 1)
    ]
    # "Earlier this month NASA's survey plane captured ...": a date that opens the sentence
    # dates its first verb, however far.
    opening_date = index == 0 and len(sentence[seg_start:start].split()) <= 2
    if not before and not after and opening_date:
        after = [g for g in groups if g[0].start >= end][:1]
    if before:
        verb, earlier = before[-1], before[:-1]
        opening = found[0] is verb[0] and len(verb) == 1 and verb[0].kind == "past"
        # "Opened in October, the store was praised", "is sending a lander, planned for
        # 2022": a participle phrase of its own (but "His lawyer, Ada Pell, said Monday").
        main_before = any(main_groups(sentence, seg) for seg in segments[:index])
        if opening and (main_before if index else len(segments) > 1):
            return None
        if _subject_participle(sentence, segments, index, found, verb, earlier):
            return None
        # "..., according to statistics released in June": a participle after the object
        # of a preposition opening a later segment modifies that noun.
        if (
            index
            and found[0].text.lower() in _PREPOSITIONS
            and verb is groups[0]
            and len(verb) == 1
        ):
            return None
        if opens_between(found, verb[-1].end, start):
            return None
        # "dispelled notions he was kidding when on Dec. 1 he announced plans": the date
        # opens the "when" clause after the verb, whose own verb comes later.
        if any(w.text.lower() == "when" and verb[-1].end <= w.start < start for w in found):
            return None
        low = [w.text.lower() for w in verb]
        # A bare participle after a main verb modifies a noun: "a law adopted in 2013" (but
        # not after a relative clause's verb: "the company that built it said Friday").
        if len(verb) == 1 and verb[0].kind == "past" and earlier:
            between = sentence[earlier[-1][-1].end : verb[0].start].lower().split()
            first = earlier[-2][-1].end if len(earlier) > 1 else seg_start
            after_relative = opens_between(found, first, earlier[-1][0].start)
            if not LINKS & set(between) and (not after_relative or "to" in between):
                return None
        if after and not set(low) & REPORTING:
            return None  # "the shares received on Thursday cannot be sold"
        # A clause opened after the segment's first verb and not closed by "and"/"but"
        # holds this verb: "suffered a crash after Seoul announced it would ban ... in May".
        if earlier:
            stretch = [w for w in found if earlier[0][-1].end <= w.start < verb[0].start]
            links = [i for i, w in enumerate(stretch) if w.text.lower() in LINKS]
            if any(w.kind == "opener" for w in stretch[links[-1] + 1 if links else 0 :]):
                return None
            # "awards that were granted in 2016 and were due to be paid next month": a verb
            # right after "and" shares the clause of the verb before it.
            link = stretch[links[-1]] if links else None
            nxt = stretch[links[-1] + 1] if links and links[-1] + 1 < len(stretch) else verb[0]
            if link is not None and nxt.kind in ("aux", "past"):
                prior = [g for g in earlier if g[-1].end <= link.start]
                first = prior[-2][-1].end if len(prior) > 1 else seg_start
                if prior and opens_between(found, first, prior[-1][0].start):
                    return None
    elif after:
        verb, earlier = after[0], []
        if opens_between(found, end, verb[0].start):
            return None
    elif _verbless_opening(sentence, segments, index, start):
        # "On Saturday, the Packers announced ...", "However, on May 4, the search was
        # extended": the first verb of the rest.
        return _main_verb(sentence, segments[index:])
    else:
        return None
    # The verb inside a clause of its own: "who led the coup", "that was in 2006".
    since = earlier[-1][-1].end if earlier else seg_start
    if opens_between(words_in(sentence, since, verb[0].start), since, verb[0].start):
        return None
    if set(w.text.lower() for w in verb) & _RELATIONAL:
        return None
    if _FOR_BEFORE.search(sentence, 0, start) and not {w.text.lower() for w in verb} & _SCHEDULING:
        return None
    # "When Google launched it last year, it included ...": an opening clause of the same
    # time dates the main clause, which must then report an event ("As we said last year,
    # our goal is ..." does not).
    if index == 0 and len(segments) > 1 and found[0].text.lower() in _SAME_TIME:
        main = _main_verb(sentence, segments, False)
        return verb if _is_event(verb, sentence) and main is not None else None
    return verb if _is_event(verb, sentence) else None


def _subject_participle(
    sentence: str,
    segments: list[tuple[int, int]],
    index: int,
    found: list[Word],
    verb: list[Word],
    earlier: list[list[Word]],
) -> bool:
    """Whether the verb is a bare participle inside the opening subject, whose own verb comes
    after a comma: "The $240 million raised through a sale last year, Tezos, is frozen"."""
    if index or earlier or len(verb) > 1 or verb[0].kind != "past":
        return False
    if verb[0].text.lower() in REPORTING:
        return False  # "The organiser said on Monday that the night 'was amazing'"
    if not found or found[0].text.lower() not in ("the", "a", "an"):
        return False
    # A passive participle takes no object: "A man unleashed a barrage ..." is a main verb.
    following = [w for w in found if w.start >= verb[0].end][:1]
    if following and following[0].text.lower() not in _AFTER_PASSIVE:
        return False
    for seg in segments[1:]:
        words_ = words_in(sentence, *seg)
        if words_ and words_[0].text.lower() in LINKS:
            return False
        groups = main_groups(sentence, seg)
        if groups:
            # (not ", The Two-Way has reported": a source named after the clause)
            tokens = {w.text.lower() for w in groups[0]}
            return groups[0][0].text.lower() in BE | {"has", "have", "had"} and not (
                tokens & REPORTING
            )
    return False


def _inside_other_clause(
    sentence: str, segments: list[tuple[int, int]], index: int, found: list[Word], start: int
) -> bool:
    """Whether the date's segment (`found`, its words) lies in a clause or aside that an
    earlier segment opened, so that it cannot date the main clause."""
    seg_start, seg_end = segments[index]
    earlier = [words_in(sentence, *seg) for seg in segments[:index]]
    # "went to the port where, officials believe, he planted the bomb on Aug. 7": a clause
    # opened before an aside goes on after it ("played there before, in 2004" opens none).
    for words_ in earlier:
        word = words_[-1].text.lower() if words_ else ""
        if word in SUBORDINATORS and word not in ("before", "after", "since", "once"):
            return True
    # "In the scene where she drove — the one she posted on Thanksgiving — she was asked":
    # an aside between dashes dates the aside.
    if {sentence[seg_start - 1 : seg_start], sentence[seg_end : seg_end + 1]} <= _DASHES:
        return True
    first = found[0] if found else None
    # "Despite saying that Pell helped him when he visited in November, Tovar left": an
    # opening phrase or clause of its own ("After", "Although", "Despite") dates only itself,
    if first and first.kind == "opener" and index == 0 and len(segments) > 1:
        return first.text.lower() not in _SAME_TIME
    # and so does a "when" clause after one ("Despite saying Pell 'helped' when he visited").
    in_when = first is not None and index > 0 and first.text.lower() in _SAME_TIME
    if in_when and any(w.kind == "opener" for words_ in earlier for w in words_):
        return True
    # "... two years after women were groped, molested and robbed during the festivities":
    # a segment that goes on with a list of verbs continues the clause the one before it
    # opened (but "Orla, which was the largest, announced on Monday" resumes the main one).
    listed = {"and", "or"} & {w.text.lower() for w in found if w.start < start}
    if first and index and first.kind in ("aux", "past", "adverb") and listed:
        previous = earlier[-1]
        verbs = [i for i, w in enumerate(previous) if w.kind in ("aux", "past")]
        return any(w.kind == "opener" for w in previous[: verbs[0] if verbs else None])
    return False


def _verbless_opening(
    sentence: str, segments: list[tuple[int, int]], index: int, date_start: int
) -> bool:
    """Whether the segments up to the date's hold no verb and open no clause, and the date
    opens its segment ("However, on May 4, the search was extended"; not "In the mall,
    itself the scene of a bombing in 1997, people sat")."""
    lead = sentence[segments[index][0] : date_start].split()
    if index and len(lead) > 2:
        return False
    # "Some of the freed girls appear Thursday in Banki, ...": a subject and a verb we do not
    # know before the date, not an opening phrase ("In the early hours of Thursday, ...").
    if not index and len(lead) > 2:
        # "But late on Thursday, a spokesman ...": a conjunction before the phrase.
        joined = lead[0].lower() in {"and", "but", "or", "however", "yet", "then"}
        if lead[joined].lower() not in _OPENING_WORDS:
            return False
    for seg in segments[: index + 1]:
        found = words_in(sentence, *seg)
        if verb_groups(found) or any(w.kind == "opener" for w in found):
            return False
    return True


def _appositive_participle(sentence: str, segment: tuple[int, int], group: list[Word]) -> bool:
    """Whether `group` is a lone past participle and its phrase set off by commas
    ("Ferraz, acclaimed for cutting prices, will win"; not "his father, 76, said that"):
    it describes a noun; the clause's verb comes after it."""
    start, end = segment
    lead = sentence[start : group[0].start].split()
    after = sentence[group[0].end : end].split()
    return (
        len(group) == 1
        and group[0].kind == "past"
        and all(w.endswith("ly") for w in lead)
        and bool(after)
        and after[0].lower() in _AFTER_PASSIVE | {"as"}
        and sentence[:start].rstrip().endswith(",")
        and sentence[end:].lstrip().startswith(",")
    )


def _main_verb(
    sentence: str, segments: list[tuple[int, int]], dated: bool = True
) -> list[Word] | None:
    """The first verb after the opening segment, if it reports an event."""
    rest = [
        (g, s)
        for s in segments[1:]
        for g in verb_groups(words_in(sentence, *s))
        if not _appositive_participle(sentence, s, g)
    ]
    if not rest:
        return None
    verb, (rest_start, _) = rest[0]
    found = words_in(sentence, rest_start, verb[0].start)
    if opens_between(found, rest_start, verb[0].start):
        return None
    return verb if _is_event(verb, sentence, dated) else None
