"""The tense of the clause a time expression sits in: which side of the publication date a
bare "Wednesday" or "in March" falls on.

The verb nearest the expression in its clause decides: "voted Wednesday" is past, "will vote
Wednesday" ahead, "said the vote will be held Wednesday" ahead (the reporting verb is farther
than the modal). A past verb between a future marker and the expression puts it back in the
past: "ahead of his meeting, Merrow told reporters on Monday".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from newsfuse.resources import lines
from newsfuse.time.lexicon import alternation

__all__ = ["Tense", "clause", "side", "tense"]

Tense = Literal["past", "present", "future"]


_FUTURE = re.compile(rf"\b(?:{alternation(lines('time_future_markers'))})\b", re.I)
# A present auxiliary of a future phrase ("is expected to") is not the present.
_PRESENT = re.compile(
    r"(?:\b(?:is|are|am|has|have|'re|does|do)\b|\b(?:that|it|there|what|here)['’]s\b)"
    r"(?!\s+(?:expected|set|scheduled|due|slated|going|to)\b)",
    re.I,
)
# Past forms: irregular ones from the list, regular "-ed" forms not after a determiner
# (a participle after "the" is an adjective: "the injured").
_IRREGULAR_PAST = frozenset(w.lower() for w in lines("time_past_verbs"))
_WORD = re.compile(r"\w+")
# A participle after a determiner is an adjective ("the injured"), after "be" a passive whose
# tense is its auxiliary's ("will be held").
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|his|her|their|of|be|being)\s+(?:(?:still|\w+ly)\s+)?$", re.I
)
# "plans" and "plan" after a determiner or a possessive are a noun, no future.
_PLAN_NOUNS = frozenset({"plans", "plan"})
_OWNER = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|my|your|these|those)|['’]s)\s+(?:\w+\s+)?$", re.I
)
_CLAUSE_END = re.compile(r"[.!?;:]\s|[\"“”]|\s[-—–]\s|\n")


def clause(text: str, start: int, end: int, reach: int = 90) -> tuple[str, str]:
    """The text of the clause before and after a span, cut at sentence and quote bounds."""
    before = text[max(0, start - reach) : start]
    cuts = list(_CLAUSE_END.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = text[end : end + reach]
    cut = _CLAUSE_END.search(after)
    if cut:
        after = after[: cut.start()]
    return before, after


@lru_cache(maxsize=4096)  # a grammar rule and the timeline ask of the same span
def tense(text: str, start: int, end: int) -> Tense | None:
    """Past, present or future by the nearest marker of each; None when the clause has none."""
    before, after = clause(text, start, end)
    best: tuple[int, Tense] | None = None
    for name, found in (
        ("future", _future_markers),
        ("past", _past_forms),
        ("present", _PRESENT.finditer),
    ):
        for m in found(before):
            distance = len(before) - m.end()
            if best is None or distance < best[0]:
                best = (distance, name)  # type: ignore[assignment]
        # A marker after the expression counts for less: "on Monday, he will" is as often
        # a new clause as the same one.
        for m in found(after):
            if best is None or m.start() + 25 < best[0]:
                best = (m.start() + 25, name)  # type: ignore[assignment]
            break
    return best[1] if best else None


# "had been due to expire Friday": a plan of the past perfect, gone by at the writing.
_HAD_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?$", re.I)


def _future_markers(text: str) -> list[re.Match[str]]:
    """Future markers, leaving out a plan named as a thing ("revealed his plans via Twitter
    late Friday": the revealing is past) and one in the past perfect, where "had" is the
    nearer past form."""
    return [
        m
        for m in _FUTURE.finditer(text)
        if not (m[0].lower() in _PLAN_NOUNS and _OWNER.search(text, 0, m.start()))
        and not _HAD_BEFORE.search(text, max(0, m.start() - 12), m.start())
    ]


_PLAN_AFTER = re.compile(rf"\s+(?:{_FUTURE.pattern})", re.I)


def _past_forms(text: str) -> list[re.Match[str]]:
    """Past forms, leaving out participles after a determiner ("the injured"), names
    inside the text ("United Launch Alliance") and the auxiliary of a plan ("were planning
    to drive Saturday": the plan's marker speaks)."""
    return [
        m
        for m in _WORD.finditer(text)
        if (m[0].lower() in _IRREGULAR_PAST or (len(m[0]) > 4 and m[0].lower().endswith("ed")))
        and not (m[0][0].isupper() and m.start() > 0 and m[0].lower() not in _IRREGULAR_PAST)
        and not _DETERMINER.search(text[max(0, m.start() - 24) : m.start()])
        and not (m[0].lower() in ("was", "were") and _PLAN_AFTER.match(text, m.end()))
    ]


def side(text: str, start: int, end: int) -> Tense | None:
    """Which side of the writing the expression at `start:end` falls on: a cue word just
    before it ("payable Dec. 1", "since Oct. 23") outweighs the verb, a day named as the day
    of a thing ("Wednesday's ruling") is one gone by, else the clause's `tense`."""
    cue = _DIRECTION_CUE.search(text, max(0, start - 40), start)
    if cue and cue.lastgroup == "future":
        # "had filed their reports by Wednesday", "until Thursday, they had not called him
        # a suspect": a deadline already past.
        had = any(_PAST_PERFECT.search(part) for part in clause(text, start, end))
        return "past" if had else "future"
    if cue:
        return "past"
    # TempEval-3 train folds 1-4: 21 of 22 such days are on or before the writing.
    if _POSSESSIVE_AFTER.match(text, end):
        return "past"
    return tense(text, start, end)


def _direction_cues() -> re.Pattern[str]:
    sides: dict[str, list[str]] = {"future": [], "past": []}
    for line in lines("time_direction_cues"):
        name, cue = (part.strip() for part in line.split(":", 1))
        sides[name].append(cue)
    groups = "|".join(rf"(?P<{name}>{alternation(cues)})" for name, cues in sides.items())
    return re.compile(rf"\b(?:{groups})\s+$", re.I)


_DIRECTION_CUE = _direction_cues()
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|not\s+|already\s+)?(?:been\s+)?\w+ed\b", re.I)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
