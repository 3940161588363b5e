"""Counts of people with no noun of their own ("67 of them died", "162 others were
injured"): what they count is told by their verb, and they are compared like with like.
Every input is invented for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsfuse.analyze import analyze
from newsfuse.analyze.quantities import find_quantities
from newsfuse.model import Article, Sentence

_P = "MILLBROOK, Orlavia _ "


def _values(*texts: str) -> list[set[str]]:
    """The values of each discrepancy of articles `texts` published on one day."""
    day = datetime(2026, 3, 20)
    articles = [Article(str(i), t, published=day) for i, t in enumerate(texts)]
    return [{v.value for v in d.values} for d in analyze(articles).discrepancies]


def _counts(text: str) -> list[tuple[str, str, float, frozenset[str]]]:
    said = [Sentence("a", 0, 0, text)]
    return [(q.phrase, q.unit, q.low, q.events) for q in find_quantities(said)]


@pytest.mark.parametrize(
    ("text", "phrase", "value", "event"),
    [
        ("A fire at the hall killed 67 of them, police said.", "killed 67 of them", 67, "died"),
        (
            "Another 162 others were injured in the crush.",
            "162 others were injured",
            162,
            "injured",
        ),
        (
            "More than 190 were badly hurt, officials said.",
            "More than 190 were badly hurt",
            190,
            "injured",
        ),
        ("The hall fire left 60 dead and many more hurt.", "60 dead", 60, "died"),
        ("The blast killed 60 and injured 162 on Thursday.", "killed 60", 60, "died"),
        ("About 65 young people died in the hall.", "About 65 young people", 65 * 0.85, "died"),
        (
            "Police said 2,500 are still missing after the flood.",
            "2,500 are still missing",
            2500,
            "missing",
        ),
        ("Troops have arrested 40 since the riots began.", "arrested 40", 40, "arrested"),
    ],
)
def test_a_count_without_a_noun_counts_people_its_verb_tells_of(
    text: str, phrase: str, value: float, event: str
) -> None:
    (count,) = [c for c in _counts(text) if c[0] == phrase]
    assert count[1:] == ("people", pytest.approx(value), frozenset({event}))


@pytest.mark.parametrize(
    "text",
    [
        "The fire destroyed 67 of them before dawn.",  # no happening to people said
        "Of the passengers, 67 were children from Kessel.",
        "The blast killed 30 to 40 in the market.",  # a range
        "Troops killed 40 rebels near the border.",  # a noun of its own, read by the noun
        "Another 20 more died overnight in the camps.",  # an increment, not the toll
        "In 1998 died the last of the old guard.",  # a year
    ],
)
def test_a_count_whose_thing_is_unclear_is_left_out(text: str) -> None:
    assert not [c for c in _counts(text) if c[1] == "people"]


def test_death_tolls_worded_without_a_noun_differ() -> None:
    one = _P + "A blaze at a crowded club killed 60 people late Thursday, police said Friday."
    other = _P + (
        "Young people were dancing at a crowded club when a blaze killed 67 of them late "
        "Thursday, police said."
    )
    assert _values(one, other) == [{"60 people", "killed 67 of them"}]
    # Counts of another happening are another thing: no disagreement.
    other = other.replace("killed", "injured")
    assert _values(one, other) == []


def test_injury_counts_worded_without_a_noun_differ_and_a_hedge_allows_its_values() -> None:
    one = _P + "The blaze at the club also injured 162 others, officials said Friday."
    other = _P + "The blaze at the club also injured more than 190, officials said Friday."
    assert _values(one, other) == [{"injured 162 others", "injured more than 190"}]
    # "about 170" allows 162: no disagreement.
    other = _P + "The blaze at the club also injured about 170, officials said Friday."
    assert _values(one, other) == []


def test_a_figure_the_report_says_was_given_before_is_no_value_of_it() -> None:
    assert not _counts("Police had first said 65 were dead.")
    assert not _counts("Officials earlier had reported 65 dead, but backed off that figure.")
    assert _counts("Police said 65 were dead.")


@pytest.mark.parametrize(
    "text",
    [
        "A tsunami in 2004 killed 170 , 000 people across the region.",  # thousands split
        "She was arrested around 10 a.m. Friday near the depot.",  # a time of day
        "A Kessel mother of 12 was killed in the crossfire.",  # her children
        "The new Orla 8900 is missing a radio.",  # a name
        "Divers found 40 dead fish along the bank.",  # an adjective of the noun after
        "He was charged with conspiring to kill three others in Kessel.",  # a plan
    ],
)
def test_a_figure_beside_a_happening_that_is_not_its_count_is_left_out(text: str) -> None:
    assert not [c for c in _counts(text) if c[1] == "people"]


def test_a_hedged_toll_joins_a_value_it_allows_and_is_no_value_of_its_own() -> None:
    one = _P + "A blaze at a crowded club killed 60 people late Thursday, police said Friday."
    other = _P + (
        "Young people were dancing at a crowded club when a blaze killed 67 of them late "
        "Thursday, police said."
    )
    third = (
        _P + "About 65 people died when a blaze swept a crowded club late Thursday, police said."
    )
    (values,) = _values(one, other, third)
    # "about 65" allows both 60 and 67: it is shown with one of them, not against both.
    assert {"60 people", "killed 67 of them"} <= values
    assert "About 65 people" not in values


def test_those_a_hospital_received_are_no_value_of_all_injured() -> None:
    one = _P + "Twelve people were killed and 70 others were injured by the landslide in Kessel."
    other = _P + (
        '"We have received around 50 people with injuries from the landslide in Kessel," '
        "a doctor said."
    )
    assert _values(one, other) == []


def test_a_share_of_one_thing_told_two_ways_differs() -> None:
    # What a share is of ("of the vote") says what it measures, as a counted noun does.
    one = (
        "In early returns, Ada Merrow appeared to have beaten Dan Halm with 56 percent of the vote."
    )
    other = "Official tallies on Monday gave Ada Merrow 51 percent of the vote in the election."
    assert _values(one, other) == [{"56 percent", "51 percent"}]
    # A share of the vote counted is another share; "exceeding 7 percent" agrees with 7.3.
    counted = "Official tallies gave Ada Merrow 51 percent with 56 percent of the vote counted."
    assert _values(one, counted) == []
    assert (
        _values(
            "The deficit is exceeding 7 percent of gross domestic product, officials said.",
            "The deficit, equal to 7.3 percent of gross domestic product, must shrink.",
        )
        == []
    )


def test_a_sum_named_before_it_is_of_that_thing() -> None:
    # "a package of $30 billion": the noun before "of" says what the sum is.
    one = "Officials put the final touches on a package of $30 billion or more for Orlavia."
    other = "The package of $40 billion for Orlavia was agreed on Monday."
    assert _values(one, other) == [{"$30 billion", "$40 billion"}]
    # Not "a total of": a sum of anything.
    assert (
        _values(
            "Donors pledged a total of $30 billion to Orlavia.",
            "Banks lent a total of $40 billion to firms in Kessel.",
        )
        == []
    )
    # A report printing the new and the old offer: the other's "offer of $82" is its $82.
    both = (
        "The new bid represents $82 per Kestrel share, up from a previous offer of $70 a"
        " share, and was 50 percent higher than the share price before the deal was proposed."
    )
    new = (
        "The new offer of $82 a Kestrel share will be the best and final one, according to a"
        " statement from Orla on Monday."
    )
    assert _values(both, new) == []
