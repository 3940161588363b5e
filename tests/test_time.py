"""newsfuse.time on sentences we wrote, and its score on TempEval-3 train (real data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsfuse.evaluate.timex import read_documents, score
from newsfuse.time import find_timexes

SHARED = Path(__file__).resolve().parents[1] / "../shared/data/time/tempeval3_train.jsonl"
THURSDAY = date(2015, 1, 22)


def values(text: str, dct: date | None = THURSDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct)]


def test_weekday_follows_the_tense_of_its_clause() -> None:
    assert (
        values("The council voted 9-2 to repeal it Wednesday afternoon.")[0][2] == "2015-01-21TAF"
    )
    assert values("The council will vote on Wednesday.")[0][2] == "2015-01-28"
    assert values("She said the council would vote Monday.")[0][2] == "2015-01-26"
    assert values("The mayor spoke on Thursday.")[0][2] == "2015-01-22"


def test_relative_and_absolute_dates() -> None:
    assert values("Prices rose last October.")[0][2] == "2014-10"
    assert values("Two weeks ago the plant closed.")[0][2] == "2015-W02"
    assert values("It opened on March 3, 1998.")[0][2] == "1998-03-03"
    assert values("Sales fell this year.")[0][2] == "2015"
    assert values("The firm reported third-quarter profit.")[0][2] == "2014-Q3"
    assert values("The plan has run for three years.")[0][1:] == ("DURATION", "P3Y")
    assert values("The bus runs daily.")[0][1:] == ("SET", "P1D")
    assert values("The polls close at 8 p.m. Tuesday.")[0][2] == "2015-01-20T20:00"


def test_a_named_day_is_the_event_it_names() -> None:
    assert values("Security has grown since Sept. 11.")[0][2] == "2001-09-11"
    assert values("The Sept. 11 attacks changed air travel.")[0][2] == "2001-09-11"
    # In its own season the same words are a date of that year.
    assert values("The hearing is set for Sept. 11.", date(2015, 9, 1))[0][2] == "2015-09-11"


def test_without_a_creation_date_only_absolute_dates_are_valued() -> None:
    found = values("On Monday the court met; on June 16, 2023 it ruled.", None)
    assert found == [("June 16, 2023", "DATE", "2023-06-16")]


def test_words_that_only_look_like_dates() -> None:
    assert values("Officials may march to the square.") == []
    assert values("Their Christmas lights were on.") == []


@pytest.mark.skipif(not SHARED.is_file(), reason="needs ../shared/data/time")
def test_tempeval3_train_scores() -> None:
    report = score(read_documents(SHARED)).report()
    # measured: relaxed extent F1 0.922, value F1 0.752
    assert report["relaxed"]["f1"] >= 0.90  # type: ignore[index]
    assert report["value"]["f1"] >= 0.73  # type: ignore[index]
