"""Numbers that sources state differently: durations, counts, money, percentages, clock
times; and names spelled differently.

Each quantity ("nearly six hours", "212 passengers", "$1.5 billion", "40 per cent") is read
as an interval, so that a hedge is not a disagreement: "about three hours" is 2.55-3.45
hours and agrees with "three hours"; "nearly six hours" is 5.1-6 and disagrees with "seven
and a half hours"; "more than 200 people" agrees with 212. Two quantities are about the same
thing when they share a unit, the words around them overlap, and they do not name different
people ("met Dan Halm for three hours" is not "met Lin Gao for six"). Each quantity is
compared with its best match in every other independent source; disagreements are reported
once per thing, with every value and the articles that print it.

An amount more than half again another ("10 percent" and "90 percent" recovered, 3 and 190
dissidents) is another thing or a later count, not one amount misreported. The day of an
event ("the July 7 bombings", "the July 9 bombings") is compared in sentences the alignment
links whose words beside the date agree.

Clock times are quantities in minutes, a hedge widening them by a quarter of an hour ("about
5am" agrees with "around 5:10 a.m."). Names spelled differently: `analyze.spellings`;
places: `analyze.places_differ`; a model or numbered thing named two ways ("a Fokker 50",
"a Falcon F-50"): `analyze.models_differ`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache

from newsfuse.analyze._text import YEAR, overlap, restated
from newsfuse.analyze.ages_differ import ages_differ
from newsfuse.analyze.align import Alignment
from newsfuse.analyze.claim_parts import date_figures, years_back
from newsfuse.analyze.claim_parts import figures as figures_in
from newsfuse.analyze.durations import UNIT_DAYS, dimension, in_unit, rounded
from newsfuse.analyze.entities import Registry
from newsfuse.analyze.models_differ import models_differ
from newsfuse.analyze.names.people import CALENDAR
from newsfuse.analyze.places_differ import place_discrepancies
from newsfuse.analyze.quantities import (
    CLOCK,
    EXACT_UNITS,
    GENERIC_UNITS,
    Quantity,
    clock_times,
    event_dates,
    find_quantities,
    typical,
)
from newsfuse.analyze.roles_differ import roles_differ
from newsfuse.analyze.spellings import discrepant_value, spellings
from newsfuse.analyze.timeline import reference_dates
from newsfuse.analyze.updates import UPDATE_GAP, published_time, update_order
from newsfuse.model import Article, Discrepancy, Sentence
from newsfuse.segment import segment

__all__ = [
    "Quantity",
    "find_discrepancies",
    "find_quantities",
    "quantity_groups",
]


# Capitalised words that date a sentence rather than name what it is about.


def _close(x: float, y: float) -> bool:
    # A small tolerance for rounding ("3.5 metres" vs "3.45 metres").
    return x <= y * 1.02 and y <= x * 1.02


def _agree(a: Quantity, b: Quantity) -> bool:
    if a.unit in EXACT_UNITS:
        return a.low == b.low  # one day
    # Two limits of one kind state the limit itself: "up to 10 years" and "up to 14 years"
    # overlap as intervals but give different maximum sentences.
    if a.low == b.low == 0.0 and min(a.high, b.high) > 0.0:
        return _close(a.high, b.high)
    if a.high == b.high == math.inf:
        return _close(a.low, b.low)
    # A hedge allows a small difference, not any that overlaps: "about 20 miles" (17-23)
    # and "about 26 miles" (22.1-29.9) overlap, but neither figure is within the other.
    return _inside(typical(a), b) or _inside(typical(b), a)


def _inside(x: float, q: Quantity) -> bool:
    return q.low <= x * 1.02 and x <= q.high * 1.02


def _point_moved(a: Quantity, b: Quantity) -> bool:
    """Whether two figures print the same digits with the decimal point in another place:
    "12 miles deep" and "1.2 miles deep", a slip of one source, however far apart."""
    printed = [re.search(r"\d[\d,]*(?:\.\d+)?", q.phrase) for q in (a, b)]
    if not all(printed) or not any("." in p[0] for p in printed if p):
        return False
    digits = [p[0].replace(",", "").replace(".", "").strip("0") for p in printed if p]
    return digits[0] == digits[1] and typical(a) != typical(b)


def _within(a: Quantity, b: Quantity, max_ratio: float) -> bool:
    """Whether two amounts are near enough to be one amount reported differently: a source
    that misreports a figure is off by a part of it ("45 vs 40 miles"), while "10 percent"
    and "90 percent" recovered, or 3 and 190 dissidents, are two things or two times."""
    if a.unit in EXACT_UNITS or a.unit.startswith(CLOCK):
        return True
    x, y = sorted((typical(a), typical(b)))
    return x > 0.0 and (y <= x * max_ratio or _point_moved(a, b))


# A figure a sentence could print for no other reason: a time of day, an amount in
# millions, or three digits and more ("16 months ago ... 16 others" share one by chance).
_FIGURE = re.compile(r"\d{1,2}:\d\d|\d[\d,.]*\s(?:million|billion|trillion)\b|\d(?:[\d,.]*\d){2,}")


# What a count says of its things now, not what happened to them: a count of those still
# held or missing is no value of the count of those taken.
_STATUSES = frozenset({"held", "missing"})
# Nor are those a hospital received or treats a value of all those injured or who died
# (though of those "taken to" it, worded without the hospital's name nearby).
_TREATED = "treated"
_HARMED = frozenset({"injured", "died"})


def _comparable(a: Quantity, b: Quantity, day: Mapping[str, date | None]) -> bool:
    """Whether two quantities can be values of one thing at all: counts of one happening
    ("102 people were injured" is no value of "71 people died"), neither a count of those
    still held where the other is not, distances from one place in one direction, of one
    time (as many years back from the report), both said to have happened ("threatened to
    fire four missiles" is no count of missiles fired), a count from the day
    of publication ("four days until the money runs out") read on days fewer apart than the
    values are, and neither sentence printing the other's figure (a source that prints both
    knows them apart: "left at 11:36 Tuesday morning and arrived at 7:33 p.m."). Two
    figures are also both totals or both amounts for each of several things ("about $1.7
    billion each" is no value of a total, however hedged)."""
    if a.events and b.events and not a.events & b.events:
        return False
    if (a.events ^ b.events) & _STATUSES:
        return False  # "the 276 girls" taken, and "the 197 girls who remain" held
    for x, y in ((a, b), (b, a)):
        if _TREATED in x.events and _TREATED not in y.events and y.events & _HARMED:
            return False  # "we have received around 50 people with injuries" / "70 injured"
    if a.irrealis != b.irrealis or a.origin != b.origin:
        return False
    if _years_back(a) != _years_back(b):
        return False  # "five outs from a berth 13 years ago" is not tonight's "four outs"
    if a.relative or b.relative:
        one, other = day[a.article_id], day[b.article_id]
        gap = abs((one - other).days) if one and other else math.inf
        # A day later a countdown of days moves by one; one of months hardly at all.
        if gap and gap / UNIT_DAYS.get(a.unit, math.inf) >= abs(typical(a) - typical(b)):
            return False
    if a.per_item != b.per_item and typical(a) != typical(b):
        return False  # "$1.7 billion each" and a total: one figure printed alike is one sum
    if a.unit in EXACT_UNITS or _agree(a, b):
        return True
    for x, y in ((a, b), (b, a)):
        figure = _FIGURE.search(x.phrase)
        # The cheap test first, then the figure printed whole.
        if figure and figure[0] in y.sentence.text and _whole(figure[0]).search(y.sentence.text):
            return False
    return True


def _years_back(q: Quantity) -> frozenset[str]:
    """The spans of years back from the report that q's sentence counts, but q itself
    ("an awkward pass 25 years ago" against "35 years ago" is the figure in question)."""
    text = q.sentence.text
    if "ago" not in text:
        return frozenset()  # most sentences: no regular expression to run
    return years_back(text[: q.start] + text[q.start + len(q.phrase) :])


@cache
def _whole(figure: str) -> re.Pattern[str]:
    """`figure` printed whole: not a part of "1,250" or "3.75"."""
    return re.compile(rf"(?<![\d,.:]){re.escape(figure)}(?![\d]|[,.:]\d)")


def _same_thing(a: Quantity, b: Quantity, min_overlap: float) -> float:
    if a.unit != b.unit:
        return 0.0
    if a.people - b.people and b.people - a.people:
        return 0.0  # each names someone the other does not: two different meetings
    if a.unit in EXACT_UNITS and a.near & b.near:
        return overlap(a.near, b.near)
    score = overlap(a.context, b.context)
    measured = a.measures and a.measures == b.measures  # as specific as a counted noun
    if not measured and (a.unit in GENERIC_UNITS or a.unit.startswith(CLOCK)):
        # "hours" or "dollars" can measure anything: the words around must agree.
        return score if len(a.context & b.context) >= 2 and score >= min_overlap else 0.0
    # A counted noun ("passengers") is specific already: one more shared word will do.
    return score if a.context & b.context and score >= min_overlap / 2 else 0.0


# Words around two days that tie them to one event without the alignment's link, once the
# words beside them agree, or the word before each is among the other's ("emergency on
# July 26" / "the emergency, which was due to end on July 28"): "rescheduled its
# shareholder meeting from March 6" and "at Qualcomm's March 8 shareholder meeting".
_DAY_SHARED = 3
# ... and only days a slip apart, a week at most: "lands at Paris airport on March 28" (a
# photo of the plane) and "left Paris airport ... vanished on June 1" are two events.
_DAY_SLIP = 7


# Words right beside two counts of one counted noun (three on either side) that tie them to
# one fact without the alignment's link. (Measured for units of anything too, seeds 1-5:
# nothing more found.)
_COUNT_SHARED = 3


# Reports this many days apart or more that restate an undated sentence but for its figure
# tell each the news of its own day ("The aftershock occurred at a depth of 28.4 km" in
# one month, "... of 32.6 km" three months later: two aftershocks), as far apart as
# `ages_differ.WINDOW` is for a birthday; the alignment's link or an anchor must tie them.
_OWN_NEWS = 30


def _about_one_fact(a: Quantity, b: Quantity, alignment: Alignment, days_apart: int = 0) -> bool:
    """Like with like only: two quantities in sentences the alignment says state one fact.
    A counted noun ("passengers") says what it counts, so for it two sentences naming the
    same two things ("Port Alden") will also do: a headline's "Ferry with 230 passengers
    runs aground near Port Alden" is worded too differently from the report's sentence to
    align. "Kilometres" or "dollars" measure anything, and need the alignment. (Letting
    the words around two counts stand in for the alignment found a few more injected
    conflicts and twice as many false alarms: measured in docs/benchmarks.md.)"""
    if a.unit in EXACT_UNITS:
        # A day of one event: the words beside it name the event alike ("the July 7
        # bombings"), and the sentences state one fact.
        if not a.near & b.near and not (a.lead in b.context and b.lead in a.context):
            return False
        if abs(a.low - b.low) <= _DAY_SLIP and len(a.context & b.context) >= _DAY_SHARED:
            return True
    if alignment.linked(a.sentence, b.sentence):
        return True
    if restated(a.sentence.text, b.sentence.text) and (
        days_apart < _OWN_NEWS or date_figures(a.sentence.text) or date_figures(b.sentence.text)
    ):
        return True
    i, j = alignment.claim_of(a.sentence), alignment.claim_of(b.sentence)
    shared = (
        alignment.claims[i].anchors & alignment.claims[j].anchors
        if i is not None and j is not None
        else frozenset()
    )
    # Another figure both print alike ties a general unit or a day to one fact: "flew
    # 3,780 km (1,680 miles)" and "The 2,700 km (1,680 miles) the missile flew"; the quake
    # that "struck on January 12" and "struck Haiti on January 14", killing 200,000 in
    # both. Not the figures compared: "$30 billion fled, reserves fell to $42 billion" is
    # no second printing of another report's "$30 billion".
    figures = {x for x in shared if len(x) >= 2 and x[:1].isdigit() and not YEAR.fullmatch(x)}
    if figures:  # most pairs share none: the phrases are read only then
        figures -= figures_in(a.phrase) | figures_in(b.phrase)
    if figures:
        return True
    if a.measures and a.measures == b.measures:
        return True  # "a 31 mile relay" and "a 43 mile relay": the noun says what is measured
    if a.unit in GENERIC_UNITS or a.unit.startswith(CLOCK):
        return False  # a day, a time of day, or a unit of anything: no more to go on
    if len(a.near & b.near) >= _COUNT_SHARED:
        return True  # "charged with 269 counts of wire fraud" / "with 377 counts of ..."
    if a.near & b.near and len(a.context & b.context) >= _COUNT_SHARED:
        # "had 129 people on board, hit a pillar" / "181 people on board ... hit a pillar"
        return True
    names = {x for x in shared if not x[:1].isdigit() and x not in CALENDAR}
    if len(names) >= 2:
        return True
    # Counts of one happening ("killed 11 people", "left 15 people dead") around one name
    # ("Tanzania"): one fact worded two ways.
    return bool(names and a.events & b.events)


def quantity_groups(
    articles: Sequence[Article],
    group: Mapping[str, str],
    registry: Registry,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_overlap: float = 0.3,
    alignment: Alignment | None = None,
    max_ratio: float = 1.5,
) -> list[list[list[Quantity]]]:
    """The story's quantities by the thing they measure, each thing's quantities by value
    (those that agree together); `group` maps an article id to its independent source."""
    quantities = [
        q
        for a in articles
        for q in find_quantities(sentences[a.id] if sentences is not None else segment(a), registry)
    ]
    refs = reference_dates(articles)
    for article in articles:
        said = sentences[article.id] if sentences is not None else segment(article)
        quantities += clock_times(said, refs[article.id], registry)
        quantities += event_dates(said, refs[article.id], registry)
    day = {a.id: a.published.date() if a.published else None for a in articles}
    # Union the best match of each quantity in every other independent source.
    parent = list(range(len(quantities)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Two quantities are about the same thing only if they share a unit and a context word
    # (`_same_thing`), so each is compared with those alone, found through an index: all
    # pairs was quadratic (1.5 million comparisons on a 500-article story).
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, b in enumerate(quantities):
        for word in b.context:
            postings[(dimension(b.unit), word)].append(j)
    # The quantities of each sentence by unit: another quantity of a's sentence that b
    # agrees with is b's counterpart, not a ("56% more likely to be unhappy and 27% more
    # likely to be depressed" beside another report's "56% ... 38% ...": 38% is 27%'s).
    beside: dict[tuple[str, int, str], list[Quantity]] = defaultdict(list)
    for q in quantities:
        beside[(q.article_id, q.sentence.index, q.unit)].append(q)
    bests: list[dict[str, int]] = []  # each quantity's best match in every other source
    for a in quantities:
        best: dict[str, tuple[float, int]] = {}
        others = [
            q for q in beside[(a.article_id, a.sentence.index, a.unit)] if q.phrase != a.phrase
        ]
        # In index order, as the scan over all was: of equal scores the first one wins.
        for j in sorted({j for word in a.context for j in postings[(dimension(a.unit), word)]}):
            b = quantities[j]
            if group[a.article_id] == group[b.article_id]:
                continue
            if b.unit != a.unit:
                # Durations in two units are one thing's only where each names it: "the
                # two-year war" and "the 21-month war".
                if not a.measures or a.measures != b.measures or rounded(a, b):
                    continue
                b = in_unit(b, a.unit)
            # The same value of the same counted thing corroborates; different values
            # are one thing's only in sentences about one fact (precision first).
            if not _within(a, b, max_ratio) or not _comparable(a, b, day):
                continue
            if not _agree(a, b) and any(_agree(q, b) for q in others):
                continue
            if not _agree(a, b) and any(
                _agree(a, q) and _within(a, q, max_ratio) and _comparable(a, q, day)
                for q in beside[(b.article_id, b.sentence.index, b.unit)]
                if q.phrase != b.phrase
            ):
                # ... and the other way: "$82 a share, up from an offer of $70" beside
                # another report's "an offer of $82": the $82 is a's counterpart, not $70.
                continue
            counted = not (a.unit in GENERIC_UNITS or a.unit.startswith(CLOCK))
            same = counted and _agree(a, b)
            one, other = day[a.article_id], day[b.article_id]
            apart = abs((one - other).days) if one and other else 0
            if alignment is not None and not same and not _about_one_fact(a, b, alignment, apart):
                continue
            score = _same_thing(a, b, min_overlap)
            if score and score > best.get(group[b.article_id], (0.0, -1))[0]:
                best[group[b.article_id]] = (score, j)
        bests.append({source: j for source, (_, j) in best.items()})
    for i, best_of_i in enumerate(bests):
        a = quantities[i]
        for j in best_of_i.values():
            # Not when j's own best match in a's source is another quantity of a's
            # sentence: "27%" beside another report's "38% ... and 35%" is 38%'s, not 35%'s.
            k = bests[j].get(group[a.article_id])
            if k is not None and k != i and quantities[k].sentence == a.sentence:
                continue
            parent[find(i)] = find(j)
    components: dict[int, list[Quantity]] = {}
    for i, q in enumerate(quantities):
        components.setdefault(find(i), []).append(q)
    things = []
    for component in components.values():
        members = [in_unit(q, component[0].unit) for q in component]  # one thing, one unit
        values: list[list[Quantity]] = []
        for q in sorted(members, key=lambda q: q.high - q.low):
            # A hedged value joins the value nearest its figure of those it agrees with:
            # "approximately 11.5 million" beside "11 million" and "11.5 million" is the
            # source's own 11.5 million (joined to 11 million, the source seemed to print
            # two values, and the thing was dropped).
            fits = [v for v in values if all(_agree(q, other) for other in v)]
            if fits:
                min(fits, key=lambda v: abs(typical(v[0]) - typical(q))).append(q)
            else:
                values.append([q])
        things.append(values)
    return things


def find_discrepancies(
    articles: Sequence[Article],
    sources: Mapping[str, str] | None = None,
    registry: Registry | None = None,
    sentences: Mapping[str, Sequence[Sentence]] | None = None,
    min_overlap: float = 0.3,
    alignment: Alignment | None = None,
    groups: Sequence[list[list[Quantity]]] | None = None,
    update_gap: timedelta = UPDATE_GAP,
) -> list[Discrepancy]:
    """Things independent sources give different numbers for; `groups`, when given, are
    the story's `quantity_groups` already made (a brief groups them once). A running count
    that later reports give anew is an update, not a conflict (`newsfuse.analyze.updates`)."""
    registry = registry or Registry.build(articles)
    group = {a.id: (sources or {}).get(a.id, a.id) for a in articles}
    by_id = {a.id: a for a in articles}
    times = {a.id: published_time(a) for a in articles}
    if groups is None:
        groups = quantity_groups(articles, group, registry, sentences, min_overlap, alignment)
    found = []
    for values in groups:
        members = [q for v in values for q in v]
        if len({group[q.article_id] for q in members}) < 2 or len(values) < 2:
            continue
        printers = [{group[q.article_id] for q in v} for v in values]
        if any(a & b for n, a in enumerate(printers) for b in printers[n + 1 :]):
            # A source printing two of the values knows they count two things ("276 girls
            # were taken, 21 freed"): no disagreement of sources.
            continue
        order = update_order(values, times, update_gap)
        if order is None and all(q.high == math.inf for q in members):
            # Lower bounds only never contradict: "more than 4,000" says more than "more
            # than 3,000", not otherwise; "at least four", then "at least six" killed is a
            # toll that rose. (Their values stay apart: the summary keeps the newest.)
            continue
        heads = [v[0] for v in values]
        if any(_agree(a, b) for n, a in enumerate(heads) for b in heads[n + 1 :]):
            # The values shown would agree ("59" and "at least 59"): the split lies between
            # members behind them, and printed it would read as no disagreement at all.
            continue
        shared = set.intersection(*(set(q.people) for q in members))
        unit = members[0].unit
        about = f"{unit}" + (f" ({', '.join(sorted(shared))})" if shared else "")
        found.append(
            Discrepancy(
                about,
                tuple(
                    discrepant_value(
                        v[0].phrase, v[0].sentence.text, [q.article_id for q in v], by_id
                    )
                    for v in (values if order is None else [values[i] for i in order])
                ),
                "conflict" if order is None else "update",
            )
        )
    return (
        found
        + spellings(articles, group, sentences, by_id)
        + place_discrepancies(articles, group, registry, sentences, alignment, by_id)
        + ages_differ(articles, group, registry, sentences, by_id)
        + roles_differ(articles, group, registry, sentences, by_id)
        + models_differ(articles, group, sentences, alignment, by_id)
    )
