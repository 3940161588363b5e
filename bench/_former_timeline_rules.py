"""The timeline's date rules before newsfuse.time (commit e3542d3), kept as the baseline of
bench/timex_eval.py: every date the old `resolve_dates` read, as a TIMEX span."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsfuse.evaluate.timex import Span
from newsfuse.segment import fold_case

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_MONTH2 = _MONTH.replace("month", "month2")
# A day is one or two digits not followed by more: "July 2012" is a month and a year, not
# 20 July. A month with a year and no day ("until November 2018") is that month.
_EXPRESSIONS = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH2}(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|(?P<rel>(?i:last|this|next|in|since|by|until|earlier|on))\s+"
    + _MONTH.replace("month", "month3")
    + r"(?!\s+\d{1,2}(?!\d))(?:,?\s+(?P<year3>\d{4}))?"
    r"|" + _MONTH.replace("month", "month4") + r",?\s+(?P<year5>\d{4})"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?P<today>today|yesterday|tomorrow|earlier in the day)"
    r"|(?P<span>(?i:earlier\s+this|this|last|next))\s+(?P<unit>(?i:month|year))\b"
    r"|in\s+(?P<year4>(?:19|20)\d\d)\b)"
)
_FUTURE = re.compile(
    r"\b(?:will|would|is to|are to|expected to|scheduled|plans? to|set to|due to|"
    r"hopes? to|hoped to|coming|upcoming|ahead of|next|may|might|could)\b",
    re.I,
)
# A past-tense verb between a future marker and the date puts the date back in the past:
# "Ahead of his meeting, Merrow told reporters on Monday".
_PAST = re.compile(r"\b(?:said|told|met|left|leaving|was|were|had|arrived|\w{3,}ed)\b", re.I)
# A participle after a determiner is a noun or an adjective, not a verb: "the injured".
_DETERMINER = re.compile(r"\b(?:the|a|an|its|his|her|their|of)\s+$", re.I)
# Markers that put a date said before them ahead: "a trip in November, where he is
# expected to meet". Only unambiguous ones: "may" or "next" after a date say nothing of it.
_FUTURE_AFTER = re.compile(
    r"\b(?:will|is to|are to|(?:is|are) expected to|(?:is|are) scheduled|plans? to|"
    r"(?:is|are) set to|(?:is|are) due to)\b",
    re.I,
)


# Every date `_EXPRESSIONS` reads prints a digit, a month's name, "day" (weekdays, "today",
# "yesterday", "earlier in the day"), "tomorrow", or "month" or "year" in any case.
_DATE_HINT = re.compile(r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|tomorrow")


def _may_date(sentence: str) -> bool:
    """False where `_EXPRESSIONS` cannot match: a cheaper scan than its own, and most
    sentences print no date."""
    if _DATE_HINT.search(sentence):
        return True
    folded = fold_case(sentence)
    return "month" in folded or "year" in folded


def _has_past(text: str) -> bool:
    return any(not _DETERMINER.search(text[: m.start()]) for m in _PAST.finditer(text))


def _is_future(sentence: str, start: int, end: int | None = None) -> bool:
    before = sentence[max(0, start - 70) : start]
    markers = list(_FUTURE.finditer(before))
    if markers:
        return not _has_past(before[markers[-1].end() :])
    if end is None:
        return False
    # No marker before the date: one just after it, in the same clause and with no past
    # verb between, speaks of it too.
    after = re.split(r"[;:]|\s[-—–]\s", sentence[end : end + 60], maxsplit=1)[0]
    marker = _FUTURE_AFTER.search(after)
    return marker is not None and not _has_past(after[: marker.start()])


def resolve_dates(sentence: str, ref: date) -> list[tuple[str, int, bool]]:
    """ISO dates (or "YYYY-MM", "YYYY") in a sentence, each with its offset and whether the
    sentence speaks of it as ahead."""
    found: list[tuple[str, int, bool]] = []
    if not _may_date(sentence):
        return found
    for m in _EXPRESSIONS.finditer(sentence):
        future = _is_future(sentence, m.start(), m.end())
        iso: str | None = None
        month_name = m["month"] or m["month2"]
        if month_name:
            day = int(m["day"] or m["day2"])
            year = int(m["year"] or m["year2"] or ref.year)
            try:
                iso = date(year, _MONTHS[month_name.lower().rstrip(".")], day).isoformat()
            except ValueError:
                continue
        elif m["month3"]:
            month = _MONTHS[m["month3"].lower().rstrip(".")]
            rel = m["rel"].lower()
            if m["year3"]:
                year = int(m["year3"])
            elif rel == "last" or (rel in ("since", "earlier") and month > ref.month):
                year = ref.year - 1 if month >= ref.month else ref.year
            elif rel == "next" or (future and month < ref.month):
                year = ref.year + 1 if month < ref.month else ref.year
            elif not future and month > ref.month:
                year = ref.year - 1  # "postponed in February" is the February before
            else:
                year = ref.year
            iso = f"{year:04d}-{month:02d}"
        elif m["month4"]:
            iso = f"{int(m['year5']):04d}-{_MONTHS[m['month4'].lower().rstrip('.')]:02d}"
        elif m["span"]:
            step = {"last": -1, "next": 1}.get(m["span"].lower(), 0)
            if m["unit"].lower() == "year":
                # "this year" dates nothing the publication date does not.
                iso = f"{ref.year + step:04d}" if step else None
            else:
                months = ref.year * 12 + ref.month - 1 + step
                iso = f"{months // 12:04d}-{months % 12 + 1:02d}"
        elif m["wd"]:
            delta = (ref.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7
            day_ = ref + timedelta(days=(7 - delta) % 7) if future else ref - timedelta(days=delta)
            iso = day_.isoformat()
        elif m["today"]:
            shift = {"yesterday": -1, "tomorrow": 1}.get(m["today"].lower(), 0)
            iso = (ref + timedelta(days=shift)).isoformat()
        elif m["year4"]:
            iso = m["year4"]
        if iso:
            found.append((iso, m.start(), future))
    return found


def former_tagger(text: str, dct: date | None) -> list[Span]:
    if dct is None:
        return []
    spans = []
    for iso, start, _ in resolve_dates(text, dct):
        m = _EXPRESSIONS.match(text, start)
        end = m.end() if m else start + 1
        spans.append(Span(start, end, "DATE", iso))
    return spans
