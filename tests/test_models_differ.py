"""A model or numbered thing named two ways by two sources (issue 16). Every text here is
invented for the test."""

from __future__ import annotations

from datetime import datetime

from newsfuse.analyze import analyze
from newsfuse.analyze.models_differ import designations
from newsfuse.model import Article, Sentence


def _values(*texts: str) -> list[set[str]]:
    day = datetime(2026, 3, 20)
    articles = [Article(str(i), t, published=day) for i, t in enumerate(texts)]
    return [
        {v.value for v in d.values}
        for d in analyze(articles).discrepancies
        if d.about == "name and number"
    ]


def test_one_number_under_two_names_in_one_slot_differs() -> None:
    one = "The first Orla Air plane, a Kestrel 40, landed at Varrow on Monday."
    other = "The Merlin K-40 short-haul plane carried 52 passengers to Varrow on its first day."
    assert _values(one, other) == [{"Kestrel 40", "Merlin K-40"}]
    # No word beside both: the two may be anything.
    assert _values(one, "Merlin K-40 shares rose on the news from Varrow.") == []


def test_one_name_with_two_numbers_differs_only_in_one_fact() -> None:
    one = "Orla Air Flight 212 crashed into the sea off Varrow on Monday, killing 40 people."
    other = "Orla Air Flight 221 crashed into the sea off Varrow on Monday, killing 40 people."
    assert _values(one, other) == [{"Flight 212", "Flight 221"}]
    earlier = "It was the worst crash since Orla Air Flight 519 came down near Kessel in March."
    assert _values(one, earlier) == []
    # A source printing both knows them apart.
    assert _values(one, other + " Orla Air Flight 212 landed safely at Kessel that day.") == []


def test_what_is_no_designation() -> None:
    said = Sentence("a", 0, 0, "About 50 people met in March 2019 and on Sept 11 near Route 66.")
    assert [d.name for d in designations(said)] == ["Route 66"]


def test_a_sentence_opening_word_before_a_number_is_no_designation() -> None:
    # "Aged" and "Just" are capitalised only because they open the sentence.
    aged = "Aged 45, the captain of the ferry had sailed the Varrow route for two decades."
    assert _values(aged, aged.replace("45", "54")) == []
