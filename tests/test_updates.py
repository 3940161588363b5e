"""Updates told from conflicts: a running count that a later report gives anew (issue 16).

Every text here is invented for the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import jsonschema

import newsfuse
from newsfuse.analyze import analyze
from newsfuse.model import Article, Discrepancy
from newsfuse.render import brief_schema

EARLY = "Four sailors have died so far since the trawler Kestrel Dawn sank off Varrow Point."
LATE = "Six sailors have died so far since the trawler Kestrel Dawn sank off Varrow Point."


def _discrepancies(*reports: tuple[str, datetime | None]) -> list[Discrepancy]:
    articles = [Article(f"r{n}", text, published=at) for n, (text, at) in enumerate(reports)]
    return [d for d in analyze(articles).discrepancies if d.about.startswith("sailors")]


def test_a_toll_reported_later_is_an_update_oldest_first() -> None:
    morning, evening = datetime(2026, 3, 20, 8, 0), datetime(2026, 3, 20, 19, 30)
    # Given in either order, the values run oldest first with their times.
    for reports in ([(LATE, evening), (EARLY, morning)], [(EARLY, morning), (LATE, evening)]):
        (d,) = _discrepancies(*reports)
        assert d.kind == "update"
        assert [v.value for v in d.values] == ["Four sailors", "Six sailors"]
        assert [v.published for v in d.values] == [morning, evening]


def test_what_stays_a_conflict() -> None:
    morning = datetime(2026, 3, 20, 8, 0)

    def kind(early: str, at: datetime | None, late: str, then: datetime | None) -> str:
        (d,) = _discrepancies((early, at), (late, then))
        return d.kind

    # Two hours apart: one news cycle, the values disagree.
    assert kind(EARLY, morning, LATE, datetime(2026, 3, 20, 10, 0)) == "conflict"
    # Unknown times: precision first.
    assert kind(EARLY, None, LATE, None) == "conflict"
    assert kind(EARLY, morning, LATE, None) == "conflict"
    # A count that falls later is a correction or a disagreement, not a newer toll.
    assert kind(LATE, morning, EARLY, datetime(2026, 3, 21, 9, 0)) == "conflict"
    # Two lower bounds never disagree: a later one is an update, one of the same news
    # cycle nothing at all ("at least six" says more than "at least four", not otherwise).
    bound_early, bound_late = (
        f"At least {n} sailors died in the Kestrel Dawn." for n in ("four", "six")
    )
    assert _discrepancies((bound_early, morning), (bound_late, datetime(2026, 3, 20, 10, 0))) == []
    assert kind(bound_early, morning, bound_late, datetime(2026, 3, 21, 9, 0)) == "update"
    # No cue of a running count: two figures of one fact disagree.
    plain_early = "Four sailors were aboard the trawler Kestrel Dawn when it sank off Varrow Point."
    plain_late = "Six sailors were aboard the trawler Kestrel Dawn when it sank off Varrow Point."
    assert kind(plain_early, morning, plain_late, datetime(2026, 3, 21, 9, 0)) == "conflict"
    # A count of the dead or the injured is a toll by what happened: a later, higher one
    # is a newer count, a lower one still a disagreement.
    died_early = "Four sailors died when the trawler Kestrel Dawn sank off Varrow Point."
    died_late = "Six sailors died when the trawler Kestrel Dawn sank off Varrow Point."
    assert kind(died_early, morning, died_late, datetime(2026, 3, 21, 9, 0)) == "update"
    assert kind(died_late, morning, died_early, datetime(2026, 3, 21, 9, 0)) == "conflict"


def test_times_compared() -> None:
    # A bare date stands for its midday: reports of consecutive days are a day apart, a
    # bare date and a time of that day are not clearly apart.
    day = datetime(2026, 3, 20)
    (d,) = _discrepancies((EARLY, day), (LATE, datetime(2026, 3, 21)))
    assert d.kind == "update"
    (d,) = _discrepancies((EARLY, day), (LATE, datetime(2026, 3, 20, 16, 0)))
    assert d.kind == "conflict"
    # Times with a zone are compared in UTC: 23:00 at UTC-5 is 04:00 UTC the next day.
    west = timezone(timedelta(hours=-5))
    (d,) = _discrepancies(
        (EARLY, datetime(2026, 3, 20, 23, 0, tzinfo=west)),
        (LATE, datetime(2026, 3, 21, 7, 0, tzinfo=UTC)),
    )
    assert d.kind == "conflict"  # three hours apart
    # A later report placing its figure in the past gives no newer count.
    (d,) = _discrepancies(
        (EARLY, day), (f"Earlier this month, {LATE[0].lower()}{LATE[1:]}", datetime(2026, 3, 23))
    )
    assert d.kind == "conflict"


def test_an_update_is_rendered_as_one() -> None:
    articles = [
        Article("r0", EARLY, outlet="Harbour Post", published=datetime(2026, 3, 20, 8, 0)),
        Article("r1", LATE, outlet="Coast Radio", published=datetime(2026, 3, 20, 19, 30)),
    ]
    brief = newsfuse.brief(articles)
    data = newsfuse.to_dict(brief)
    jsonschema.Draft202012Validator(brief_schema()).validate(data)
    (d,) = [d for d in data["discrepancies"] if d["about"].startswith("sailors")]
    assert d["kind"] == "update"
    assert [v["published"] for v in d["values"]] == ["2026-03-20T08:00:00", "2026-03-20T19:30:00"]
    markdown = newsfuse.to_markdown(brief)
    line = next(x for x in markdown.splitlines() if x.startswith("- sailors"))
    assert "updated: Six sailors" in line
    assert "(2026-03-20 19:30) — earlier Four sailors" in line
    assert line.index("Coast Radio") < line.index("Harbour Post")
    html = newsfuse.to_html(brief)
    assert "updated: <strong>Six sailors</strong>" in html


def test_a_toll_of_years_before_is_not_updated() -> None:
    # A toll dated in a year before the report's is settled history: a later, higher
    # figure for it is a disagreement, not a newer count.
    old = "The Kestrel Dawn sank off Varrow Point in 2019, killing {} sailors."
    (d,) = _discrepancies(
        (old.format("four"), datetime(2026, 3, 20, 8, 0)),
        (old.format("six"), datetime(2026, 3, 21, 9, 0)),
    )
    assert d.kind == "conflict"
