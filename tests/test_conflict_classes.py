"""Classes of "where sources differ": what is one thing stated two ways, and what is two
things. Every input is invented for these tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsfuse.analyze import analyze
from newsfuse.analyze.claim_parts import years_back
from newsfuse.model import Article, Discrepancy
from newsfuse.time.lexicon import parse_number


def _discrepancies(*texts: str, days_apart: int = 1) -> list[Discrepancy]:
    """The discrepancies of articles `texts`, each published `days_apart` after the one before."""
    day = datetime(2026, 3, 20)
    articles = [
        Article(str(i), t, published=day + timedelta(days=i * days_apart))
        for i, t in enumerate(texts)
    ]
    return list(analyze(articles).discrepancies)


def _values(*texts: str) -> list[set[str]]:
    """The values of each discrepancy of articles `texts` published on one day."""
    return [{v.value for v in d.values} for d in _discrepancies(*texts, days_apart=0)]


def test_dozens_are_multiplied_and_round() -> None:
    assert parse_number("two dozen") == 24
    assert parse_number("a dozen") == 12
    assert parse_number("three dozen") == 36
    # "two dozen" is a round count: 20 is within it (abstain), 10 is not one count of it.
    line = "Gunmen stormed the Kessel barracks at dawn, and {} attackers were later arrested."
    assert _values(line.format("20"), line.format("two dozen")) == []
    assert _values(line.format("18"), line.format("two dozen")) == [
        {"18 attackers", "two dozen attackers"}
    ]


def test_a_hedge_allows_a_small_difference_only() -> None:
    line = "The ferry ran aground about {} miles from Port Alden on its way to the Kessel islands."
    # Overlapping as intervals, but neither figure within the other's hedge.
    assert _values(line.format("20"), line.format("26")) == [{"about 20 miles", "about 26 miles"}]
    assert _values(line.format("20"), line.format("21")) == []


def test_a_moved_decimal_point_is_a_disagreement() -> None:
    line = "The Orla quake struck {} miles deep under the Kessel coast, the survey office said."
    assert _values(line.format("12"), line.format("1.2")) == [{"12 miles", "1.2 miles"}]
    # Digits that differ are still too far apart to be one figure misreported.
    assert _values(line.format("12"), line.format("1.5")) == []


def test_distances_from_other_places_or_directions_are_two_things() -> None:
    assert (
        _values(
            "The Orla quake's centre lay 28 kilometres south of Port Alden, the survey said.",
            "The Orla quake's centre lay 40 kilometres southwest of Port Alden, the survey said.",
        )
        == []
    )
    assert (
        _values(
            "The Orla rocket flew 900 miles before it fell into the sea, the survey said.",
            "The Orla rocket flew over Kessel, some 700 miles away from Port Alden, it said.",
        )
        == []
    )
    # From one place in one direction: one distance.
    assert _values(
        "The Orla quake's centre lay 28 kilometres south of Port Alden, the survey said.",
        "The Orla quake's centre lay 40 kilometres south of Port Alden, the survey said.",
    ) == [{"28 kilometres", "40 kilometres"}]


def test_counts_of_a_status_or_of_another_time_are_two_things() -> None:
    assert _values(
        "Rebels took 200 pupils from the Kessel school in March, officials said.",
        "Officials said 150 pupils from the Kessel school were taken in March.",
    ) == [{"200 pupils", "150 pupils"}]
    assert (
        _values(
            "Rebels took 200 pupils from the Kessel school in March, officials said.",
            "Officials said the 150 pupils who remain with the rebels were taken from the "
            "Kessel school in March.",
        )
        == []
    )
    assert years_back("The team lost that final 13 years ago.") == {"13"}
    assert years_back("The team lost that final two days ago.") == frozenset()
    assert (
        _values(
            "The Kessel side needed just four wins to take the cup, the coach said on Sunday.",
            "Eleven years ago the Kessel side needed just six wins to take the cup.",
        )
        == []
    )


def test_days_of_one_event_without_the_alignment() -> None:
    # The word before each day is among the other's words: one curfew, two days.
    assert _values(
        "The mayor, who only hours earlier had announced the end of the Kessel curfew on "
        "May 6, said it would now last a month longer.",
        "The mayor today extended the curfew, which was due to end on May 8, by a month, as "
        "he vowed to restore order.",
    ) == [{"May 6", "May 8"}]
    # The day of another event (the words before each differ) is not compared.
    assert (
        _values(
            "Another strong aftershock of the May 6 quake shook the Kessel coast on Sunday.",
            "On May 8, a second quake shook the Kessel coast; the May 6 quake was stronger.",
        )
        == []
    )


def test_each_figure_is_matched_with_its_counterpart() -> None:
    # Three shares in one report, two in the other: the second differs, the first agrees,
    # and the third is of something the other report leaves out.
    assert _values(
        "A Kessel survey found that heavy users of the app are 56% more likely to say they "
        "are unhappy and 27% more likely to be depressed.",
        "The survey found heavy users are 56% more likely to say they are unhappy, 38% more "
        "likely to be depressed and 35% more likely to sleep badly.",
    ) == [{"27%", "38%"}]


def test_what_a_count_is_said_to_be_stops_at_the_next_count() -> None:
    # "with one race remaining" tells of the race, not of the points.
    assert _values(
        "Orla, who trails Kessel by 27 points with one race remaining, led when the race "
        "was stopped.",
        "Kessel, 19 points clear of Orla in the title race, will win the title if he wins "
        "the race.",
    ) == [{"19 points", "27 points"}]


def test_a_span_back_that_is_the_figure_itself_is_compared() -> None:
    line = "Kessel's spokesman said the mayor met the Orla family {} years ago in Port Alden."
    assert _values(line.format("25"), line.format("35")) == [{"25 years", "35 years"}]


def test_days_far_apart_are_two_events_without_the_alignment() -> None:
    from datetime import date

    from newsfuse.analyze.align import align
    from newsfuse.analyze.discrepancies import _about_one_fact
    from newsfuse.analyze.quantities import event_dates
    from newsfuse.model import Sentence

    def day(text: str, article_id: str):  # type: ignore[no-untyped-def]
        return event_dates([Sentence(article_id, 0, 0, text)], date(2026, 3, 20), None)[0]

    unlinked = align({}, {})
    photo = day("A file photo shows the Orla jet parked at the Port Alden airport on March 2.", "a")
    left = "Flight 12 took off from the Port Alden airport on March {} and vanished over the sea."
    assert _about_one_fact(photo, day(left.format(4), "b"), unlinked)
    assert not _about_one_fact(photo, day(left.format(20), "b"), unlinked)


def test_years_and_loved_ones_are_no_counts() -> None:
    from newsfuse.analyze.claim_parts import counts

    assert counts("Their loved ones gathered at the harbour.") == {}
    assert counts("Since the 2001 attacks the port has been closed.") == {}
    assert counts("Dozens of sailors and 19 hijackers") == {
        "sailo": [(24, 120)],
        "hijac": [(19, 19)],
    }


def test_a_persons_age_given_two_ways_within_weeks_differs() -> None:
    first = "Harbour pilot Ada Quillmore, 51, was honoured on Monday for the night rescue."
    second = (
        "The rescue was led by Ada Quillmore, 52, who has piloted the Kessel harbour for years."
    )
    ages = [{v.value for v in d.values} for d in _discrepancies(first, second) if "age" in d.about]
    assert ages == [{"51", "52"}]
    # A year apart, a birthday may lie between the reports: no disagreement.
    later = _discrepancies(first, second, days_apart=400)
    assert not [d for d in later if "age" in d.about]
    # The same age twice, or one source printing both, is no disagreement either.
    assert not [
        d for d in _discrepancies(first, first.replace("Monday", "Tuesday")) if "age" in d.about
    ]


def test_wire_dollar_abbreviation_and_below_above_bounds() -> None:
    assert [
        len(d.values)
        for d in _discrepancies(
            "The port owes dlrs 2.1 billion to its lenders, the harbour board said on Monday.",
            "The port owes $2.6 billion to its lenders, the harbour board said on Monday.",
        )
    ] == [2]
    # "below 50" is at most 50: "around 40" may be the same amount.
    assert not _discrepancies(
        "The port's reserves have fallen below dlrs 50 billion, the harbour board said.",
        "The port's reserves have fallen to around dlrs 40 billion, the harbour board said.",
    )
