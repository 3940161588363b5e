"""A person's office or party given differently by two sources (issue 16). Every text
here is invented for the test."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsfuse.analyze import analyze
from newsfuse.model import Article


def _values(*texts: str, days_apart: int = 0) -> list[set[str]]:
    day = datetime(2026, 3, 20)
    articles = [
        Article(str(i), t, published=day + timedelta(days=i * days_apart))
        for i, t in enumerate(texts)
    ]
    return [
        {v.value for v in d.values}
        for d in analyze(articles).discrepancies
        if d.about.startswith(("office", "party"))
    ]


def test_two_portfolios_of_one_office_differ() -> None:
    one = "Norwegian Prime Minister Ada Merrow told reporters the plan would pass on Monday."
    other = "Talks began as Dan Halm met Orland's finance minister, Ada Merrow, on Monday."
    assert _values(one, other) == [{"Norwegian Prime Minister", "Orland's finance minister"}]
    after = "The plan was backed by Ada Merrow, the defense minister, on Monday in Varrow."
    assert _values(one, after) == [{"Norwegian Prime Minister", "the defense minister"}]


def test_one_office_told_alike_or_shorter_is_no_disagreement() -> None:
    one = "Norwegian Defence Minister Ada Merrow told reporters the plan would pass on Monday."
    assert _values(one, "Orland's defense minister, Ada Merrow, spoke in Varrow.") == []
    assert _values(one, "Minister Ada Merrow spoke in Varrow on Monday.") == []
    # Two nouns may be two offices one person holds.
    assert _values(one, "Party chairman Ada Merrow spoke in Varrow on Monday.") == []


def test_a_grade_differs_only_with_its_portfolio_named() -> None:
    one = "Deputy Prime Minister Ada Merrow told reporters the plan would pass on Monday."
    other = "Prime Minister Ada Merrow spoke in Varrow on Monday."
    assert _values(one, other) == [{"Deputy Prime Minister", "Prime Minister"}]
    # "Deputy President" of a country and a party's president: two offices.
    deputy = "Deputy President Ada Merrow told reporters the plan would pass on Monday."
    assert _values(deputy, "Orla Party president Ada Merrow spoke in Varrow.") == []


def test_past_and_joined_offices_are_left_out() -> None:
    one = "Norwegian Prime Minister Ada Merrow told reporters the plan would pass on Monday."
    assert _values(one, "Former finance minister Ada Merrow spoke in Varrow on Monday.") == []
    assert _values(one, "Ada Merrow, a former finance minister, spoke in Varrow.") == []
    joined = "Deputy Prime Minister and Finance Minister Ada Merrow spoke in Varrow on Monday."
    assert _values("Prime Minister Ada Merrow spoke in Varrow on Monday.", joined) == []
    # An apposition that is no title of the person's: a list of people.
    listed = "Ada Merrow, Dan Halm and the finance minister met in Varrow on Monday."
    assert _values(one, listed) == []


def test_a_source_printing_both_or_reports_far_apart_are_no_disagreement() -> None:
    one = "Norwegian Prime Minister Ada Merrow told reporters the plan would pass on Monday."
    other = "Orland's finance minister, Ada Merrow, spoke in Varrow on Monday."
    assert _values(one + " Dan Halm met Finance Minister Ada Merrow at noon.", other) == []
    assert _values(one, other, days_apart=40) == []


def test_a_party_letter_differs() -> None:
    one = "Sen. Jo Lund, R-Texas, said the bill would fail in the House on Monday."
    other = "Sen. Jo Lund, D-Texas, said the bill would pass the Senate on Monday."
    assert _values(one, other) == [{"R-Texas", "D-Texas"}]
    assert _values(one, "Jo Lund (R-Texas) spoke in Varrow on Monday.") == []
