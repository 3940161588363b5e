"""Slips of one source that "where sources differ" must show, and their near misses that
are two things. Every input is invented for these tests."""

from __future__ import annotations

from datetime import datetime

from newsfuse.analyze import analyze
from newsfuse.analyze.quantities import find_quantities
from newsfuse.analyze.spellings import _one_letter_apart
from newsfuse.model import Article, Sentence


def _values(*texts: str) -> list[set[str]]:
    """The values of each discrepancy of articles `texts` published on one day."""
    day = datetime(2026, 3, 20)
    articles = [Article(str(i), t, published=day) for i, t in enumerate(texts)]
    return [{v.value for v in d.values} for d in analyze(articles).discrepancies]


def test_a_unit_before_a_noun_measures_the_noun() -> None:
    said = [Sentence("a", 0, 0, "Runners set off on a 31 mile charity relay in Kessel.")]
    (relay,) = find_quantities(said)
    assert (relay.unit, relay.measures) == ("miles", "relay")
    # After the noun ("miles from"), a unit measures nothing named.
    said = [Sentence("a", 0, 0, "Runners set off 31 miles from Kessel at dawn.")]
    assert find_quantities(said)[0].measures == ""


def test_two_lengths_of_one_measured_thing_differ() -> None:
    one = "The torch will be carried on a 31 mile relay around Kessington, beginning at noon."
    other = "Police made dozens of arrests during the 43 mile torch relay through Kessington."
    assert _values(one, other) == [{"31 mile", "43 mile"}]
    # A length of another thing is no value of the relay's.
    other = "Police made dozens of arrests after a 43 mile drive through Kessington."
    assert _values(one, other) == []


def test_counts_with_the_words_beside_them_alike_are_one_fact() -> None:
    one = "Doran Pell, 67, was charged with 269 counts of wire fraud after a Kessel inquiry."
    other = "He has been charged with 377 counts of wire fraud and faces years in prison."
    assert _values(one, other) == [{"269 counts", "377 counts"}]


def test_a_hedged_value_joins_the_value_it_prints() -> None:
    # The first source prints 11.5 million twice, once hedged; that is one value of its own
    # beside the second source's 11 million, not two values of one source.
    first = (
        "The Orla papers hold 11.5 million documents from a Kessel law firm. "
        "The Orla papers include approximately 11.5 million documents, the paper said."
    )
    second = "The Orla papers hold 11 million documents from a Kessel law firm."
    third = "The Orla papers hold 16.1 million documents from a Kessel law firm."
    values = _values(first, second, third)
    assert any({"11.5 million documents", "16.1 million documents"} <= v for v in values)


def test_a_place_is_named_whole() -> None:
    # "Canadian police" names no place: the second report still gives another country for
    # the shootings than the first.
    one = "Officials described a pattern of sniper shootings of doctors in Canada and western Ohio."
    other = (
        "Last week Canadian police began to study the sniper shootings of doctors in Mexico "
        "and western Ohio."
    )
    assert {"Canada", "Mexico"} in _values(one, other)


def test_f_for_ph_in_a_name_is_one_slip() -> None:
    assert _one_letter_apart("Rudolf Kessel", "Rudolph Kessel")
    assert not _one_letter_apart("Rudolph Kessel", "Rudolph Kessel")
    # At a name's start "Ph" and "F" are read as two names.
    assert not _one_letter_apart("Philip Kessel", "Filip Kessel")
    one = "The hostages, Rudolf Pettersi and Dara Hickling, worked for a Kessel phone company."
    other = "The hostages, Rudolph Pettersi and Dara Hickling, worked for a Kessel phone firm."
    assert _values(one, other) == [{"Rudolf Pettersi", "Rudolph Pettersi"}]


def test_durations_in_two_units_of_one_named_thing_differ() -> None:
    one = "Kidnappings have been common in Orlavia since the end of its two-year war with Kessel."
    other = "The economy of Orlavia was devastated by Kessel's 21-month war against the rebels."
    assert _values(one, other.replace("21-month", "17-month")) == [{"two-year", "17-month"}]
    # One length in two units agrees, and a length of another thing is no value of the war's.
    assert _values(one, other.replace("21-month", "24-month")) == []
    assert _values(one, other.replace("21-month war", "17-month siege")) == []
    # A whole figure of the coarser unit that the other rounds to is the length told
    # roughly: 21 months is a two-year war to the year.
    assert _values(one, other) == []


def test_two_sums_of_one_thing_differ() -> None:
    one = "Orla Air has been unable to make payments on $2.1 billion of debt since the strike."
    other = "With $2.2 billion in debt and falling revenue, the carrier seeks a Kessel investor."
    assert _values(one, other) == [{"$2.1 billion", "$2.2 billion"}]
    assert _values(one, other.replace("in debt", "in losses")) == []


def test_counts_with_a_word_beside_and_three_around_alike_are_one_fact() -> None:
    one = "The Orla Star, which had 129 people on board, hit a pillar of the Kessel bridge."
    other = "There were 181 people on board the ship when the vessel hit a supporting pillar."
    assert _values(one, other) == [{"129 people", "181 people"}]
    # The same count words, but about other things: "people on board" of another vessel.
    other = "A ferry with 181 people on board sank off Port Alden in a storm last year."
    assert _values(one, other) == []


def test_places_of_a_pair_between_are_read() -> None:
    one = "Kessel envoys tried to defuse growing tension between Iceland and Norway on Sunday."
    other = "Kessel envoys met over the growing tensions between Iceland and Sweden at dawn."
    assert {"Norway", "Sweden"} in _values(one, other)
    # The pair in the other order differs in the same one place.
    other = "Kessel envoys met over the growing tensions between Sweden and Iceland at dawn."
    assert {"Norway", "Sweden"} in _values(one, other)


def test_an_amount_for_each_is_no_value_of_a_total() -> None:
    total = "In Varrow alone, storm damage to property has passed $2 billion, officials said."
    each = (
        "In Varrow, the state and the insurers will spend about $1.7 billion each on storm damage."
    )
    assert _values(total, each) == []
    said = [Sentence("a", 0, 0, "The two firms paid $4 million apiece for the site.")]
    assert find_quantities(said)[0].per_item
    assert not find_quantities([Sentence("a", 0, 0, "The firm paid $4 million for it.")])[
        0
    ].per_item
