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
    # A weekday's afternoon is that part of the day (TimeML's TAF), a morning the day.
    assert values("The council voted 9-2 to repeal it Wednesday afternoon.")[0][1:] == (
        "TIME",
        "2015-01-21TAF",
    )
    assert values("The council voted to repeal it Wednesday morning.")[0][2] == "2015-01-21"
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
    assert values("The polls closed at 8 p.m. Tuesday.")[0][2] == "2015-01-20T20:00"


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
    # A word holding a time word is no time expression ("know" is not "now").
    assert values("They know the answer.") == []
    assert values("It was the second attempt and a second betrayal.") == []
    assert values("Iraq imports about three-quarters of its food.") == []


def test_timebank_conventions() -> None:
    # Chosen on the majority of TempEval-3 train folds 1-4 (fold 0 held out).
    quarter = "Profit rose in the third quarter from $5 million a year ago."
    assert [v[2] for v in values(quarter, date(1989, 10, 30))] == ["1989-Q3", "1988-Q3"]
    assert values("Sales grew in recent years.")[0][1:] == ("DATE", "PAST_REF")
    assert values("Rates fell over the past several quarters.")[0][1:] == ("DURATION", "PXQ")
    assert values("It earned $4 million in the year ended March 31.")[0][1:] == ("DURATION", "P1Y")
    assert values("They lived in camps for 2 1/2 years.")[0][2] == "P2Y6M"
    assert values("The boy was found on Thanksgiving Day.")[0][2] == "2014-11-27"
    assert values("Talks began in January this year.")[0][2] == "2015-01"


def test_the_word_prefilter_never_drops_a_match() -> None:
    from newsfuse.time import find as finder

    text = (
        "Two weeks ago, in mid-afternoon Tuesday, prices recently rose 3% a year; the 1990s "
        "and the 20th century ended; Christmas Eve at noon; every Monday; 5:30 p.m. EST."
    )
    every = {family for rule in finder.RULES for family in rule.triggers}
    everything = finder._select(finder._candidates(text, THURSDAY, every))
    found = finder._select(finder._candidates(text, THURSDAY, finder.trigger_families(text)))
    assert [c[:2] for c in found] == [c[:2] for c in everything]


@pytest.mark.skipif(not SHARED.is_file(), reason="needs ../shared/data/time")
def test_tempeval3_train_scores() -> None:
    report = score(read_documents(SHARED)).report()
    # measured (issue 15, eighth pass): relaxed extent F1 0.949, value F1 0.827
    assert report["relaxed"]["f1"] >= 0.94  # type: ignore[index]
    assert report["value"]["f1"] >= 0.82  # type: ignore[index]


def test_timeline_dates_only_what_dates_the_clause() -> None:
    from newsfuse.analyze.clause_date import resolve_dates

    friday = date(2010, 7, 2)
    assert resolve_dates("He was shot at 10 p.m. as he stood in his kitchen.", friday) == []
    assert resolve_dates("It was the worst crash since 2001, officials said.", friday) == []
    assert resolve_dates("The aide has been jailed since July.", friday)[0][0] == "2010-07"
    assert resolve_dates("The crash on June 1 last year killed 228.", friday)[0][0] == "2009-06-01"
    assert resolve_dates("Today, the old harbour is a busy shopping street.", friday) == []
    # Both ends of a range belong to the period, neither dates the clause.
    assert resolve_dates("The mails date between 2014 and 2016, he said.", friday) == []
    assert resolve_dates("The line, cut by the North in 2016, was restored.", friday) == []
    assert resolve_dates("Nobody on Flight 1943 saw it.", friday) == []
    landed = resolve_dates("It landed at 10:15 a.m. on New Year's Eve.", date(2018, 1, 1))
    assert [d[0] for d in landed] == ["2017-12-31"]
    due = resolve_dates("The report will be out next March 11.", friday)[0]
    assert (due[0], due[2]) == ("2011-03-11", True)


def test_page_furniture_is_no_timeline_entry() -> None:
    from newsfuse.analyze.timeline import is_event_clause

    assert not is_event_clause("So bright. pic.twitter.com/abc — A Reader (@reader) May 2, 2016")
    assert not is_event_clause("AGENCY ISSUES NATIONAL ADVISORY (May 2, 2016) - It said so.")
    assert not is_event_clause("Pictured is the old model, which went on sale in April 2016.")
    assert is_event_clause("LONDON (Reuters) - The trains collided on Wednesday morning.")


def test_comparisons_do_not_anchor_the_reported_period() -> None:
    # "a year ago" is a comparison: the next "the quarter" is still the reported quarter.
    text = "Net fell from $5 million a year ago. Sales rose in the quarter; the year-ago one fell"
    assert [v[2] for v in values(text, date(1989, 10, 30))] == ["1988", "1989-Q3", "1988-Q3"]


def test_a_decade_ago_is_ten_years_back() -> None:
    assert values("A decade ago, the pier was rebuilt.", date(2018, 2, 5))[0][2] == "2008"


def test_spoken_years_near_references_and_index_levels() -> None:
    assert values("The bombing in nineteen ninety-six shocked the games.")[0][2] == "1996"
    assert values("The goal is full employment by the year two thousand.")[0][2] == "2000"
    assert values("Rates may rise in the near term.")[0][2] == "FUTURE_REF"
    assert values("The index closed at 2082.1, down from its quarter-century high.") == []
    assert values("The two blasts came minutes apart.") == []


# (sentence we wrote, whether its first date governs the main clause's event)
GOVERNED = [
    ("A district court Saturday fined the former mayor of Port Alden.", True),
    ("Halm is serving a two-year term for joining an unlicensed march in 2013.", False),
    ("Tovar opposed the council, and its chair, who led the walkout in 2013 after rows.", False),
    (
        "Earlier, he was fined on charges arising from the closure of the depot in December 2012.",
        False,
    ),
    ("The town has also banned night markets under a bylaw adopted in late 2013.", False),
    ("She had been fined twice in other cases after the board dismissed her in 2013.", False),
    ("On Saturday, the Harriers announced they signed goalkeeper Ben Oduya.", True),
    ("He has also played all nine of the club's cup games since 2014.", False),
    (
        "In 2014, Oduya became the first keeper to start every game since the league grew in 1978.",
        True,
    ),
    ("The small firm that built the ferry said Friday its engineers have found the fault.", True),
    ("The outage followed a failed upgrade in November, drawing complaints.", False),
    ("The man who had filmed the short clip shared on Friday called it a teaser.", False),
    ("The tickets the fans bought on Thursday cannot be refunded.", False),
    ("On Dec. 6, the harbour master, Ada Pell, said the port could close.", True),
    ("The probe is set to launch in 2018.", True),
    (
        "It has snowed twice at the fair — that was in 2006 — and it has never been cancelled.",
        False,
    ),
    ("Small farms would have paid a rate of 20 percent next year.", False),
    ("The firm made a similar move in 2012 before new rules came into effect.", True),
    ("Speaking to a local radio station last year, the singer praised her band.", False),
    ("The club announced later Monday the coach's contract had been extended through 2021.", True),
    ("The bank on Friday became one of the first to publish details.", True),
    ("The ferry left at 9 a.m. Tuesday and returned at noon.", True),
    ("Opened in October, the gallery was praised by critics.", False),
    ("As we said last year, our aim is to grow.", False),
    ("When the firm opened its depot last year, it hired 40 drivers.", True),
    ("Photographs taken at the depot in May 2003 were shown to the court.", False),
    ("A plume of smoke is seen from the harbour on Friday.", False),
    ("During the crew members' testimony on Tuesday, they said the alarm failed.", True),
    ("The agency is building a lander, planned for 2022.", False),
    ("Her lawyer, Ada Pell, said Wednesday she doubts it.", True),
    ("It supplies a capsule that is planned to orbit the moon uncrewed in 2019.", False),
    ("Its first offer in November comprised $60 in cash.", False),
    ("Prices fell after the bank said it would stop lending in May.", False),
    # A passive's or a progressive's -ing goes on with its verb; "admitted taking" does not.
    ("An oar and a life vest were found floating off Port Alden on Tuesday.", True),
    ("Crews were searching the bay on Monday after the ferry sank.", True),
    ("Oduya admitted taking the bribes in 2012.", False),
    ("A tug from the navy is to reach the wreck on Wednesday.", True),
    ("The leak was yesterday traced to a valve.", True),
    ("However, on May 4, the search was extended.", True),
    ("The move would help the deal and its bid it made last year for a chip maker.", False),
    ("The council called an emergency meeting for later Sunday.", False),
    ("The vote was scheduled for Monday.", True),
    ("Tovar held shares that were granted as pay and were due to vest next month.", False),
    # A date set off by commas after its clause; an adverb that ends its segment.
    ("Tovar has sung at the festival before, in 2004, with Ada Pell.", True),
    ("Police arrested Dan Halm, 42, on Jan. 29 at his home.", True),
    ("Port Alden launched its first crewed ferry in 2003, and has grown since.", True),
    ("The ferry took another hit on Monday after the storm.", True),
    ("The Orla flight is still scheduled to depart on Friday.", True),
    ("Earlier this month the Orla survey plane captured an iceberg.", True),
    # A prevented event did not happen: the date is the stopping's.
    ("Port inspectors delayed two ferries from leaving the quay on Wednesday.", True),
    ("The judge will bar Halm from speaking to reporters on Monday.", True),
    ("He returned from visiting the Orla depot on Sunday.", False),
]


@pytest.mark.parametrize(("sentence", "governed"), GOVERNED)
def test_a_date_dates_the_main_clause_only_when_it_governs_it(
    sentence: str, governed: bool
) -> None:
    from newsfuse.time.attach import governs

    first = next(t for t in find_timexes(sentence, THURSDAY) if t.type in ("DATE", "TIME"))
    assert governs(sentence, first.start, first.end) is governed


def test_the_timeline_leaves_out_what_is_no_event_clause() -> None:
    from newsfuse.analyze.timeline import is_event_clause

    assert not is_event_clause("Ferry Saint Orla sinks off Port Alden in 2014")  # a heading
    assert not is_event_clause("'We will rebuild the pier,' Tovar said on Friday.")
    assert not is_event_clause("Scroll down for video The ferry sank on Friday, officials said.")
    assert is_event_clause("The ferry sank on Friday, officials said.")


def test_a_deadline_dates_no_event() -> None:
    from newsfuse.analyze.clause_date import resolve_dates

    assert resolve_dates("The pier will be rebuilt by 2020.", THURSDAY) == []


def test_a_cue_word_outweighs_the_tense_of_the_clause() -> None:
    # Declared (past) but payable ahead; searched (present perfect) since a past day.
    assert values("The board declared a dividend payable Feb. 1.", date(1989, 11, 2))[0][2] == (
        "1990-02-01"
    )
    assert (
        values("Agents have been looking for him since Oct. 23, police say.", date(1999, 5, 6))[0][
            2
        ]
        == "1998-10-23"
    )
    # A bare month with no tense in its clause is behind the writing, not ahead.
    assert values("A high of $42 a share in June, from $29 in March.", date(1989, 10, 30))[1][
        2
    ] == ("1989-03")


def test_this_coming_and_this_past_weekdays() -> None:
    assert values("The vote is this coming Sunday.")[0][2] == "2015-01-25"
    assert values("Fans met this past Monday.")[0][2] == "2015-01-19"


def test_the_day_after_counts_from_the_last_date_and_ages_are_no_durations() -> None:
    text = "He was shot on Oct. 23. Two men came to the house the day after his death."
    assert [v[2] for v in values(text, date(1998, 11, 21))] == ["1998-10-23", "1998-10-24"]
    assert values("Mr. Lund, 52 years old, will succeed him.") == []


def test_a_first_name_and_a_time_of_day_are_no_dates() -> None:
    assert values("Talks with Ana Lund and Jan Novak went on.") == []
    assert values("Late in the day, the lawyers left.") == []
    assert [v[0] for v in values("He was shot on the night of Oct. 23.")] == ["Oct. 23"]


def test_a_sentence_end_after_a_month_is_not_part_of_it() -> None:
    # The period is the sentence's: kept out of the span, it stops the next sentence's
    # present tense from deciding the year.
    text = "Lund will be named commander for a mission in December. Lund has flown twice."
    assert values(text, date(1998, 3, 4))[0] == ("December", "DATE", "1998-12")
    assert values("Profit fell in the year ended Sept. 30.")[1][0] == "Sept. 30"


def test_the_week_of_a_date_and_a_days_possessive() -> None:
    assert values("A hearing is set for the week of March 6.", date(2000, 2, 24))[0] == (
        "the week of March 6",
        "DATE",
        "2000-W10",
    )
    # The clause's "would" is the relatives' plan; the ruling is behind.
    text = "The relatives said they would look for ways around Wednesday's ruling."
    assert values(text, date(2000, 1, 7))[0][2] == "2000-01-05"
    # An apposition names the same day: "Oct. 12, the day before the crash".
    assert values("On Oct. 12, the day before the crash, it fell.")[1][2] == "2014-10-12"


def test_a_part_of_the_day_is_a_time_on_the_day_named() -> None:
    monday = date(1989, 10, 30)
    found = values("On Friday, buyers came in late morning.", monday)
    assert found[1] == ("late morning", "TIME", "1989-10-27TMO")
    assert values("At mid-afternoon yesterday, shares fell.", monday)[0][1:] == (
        "TIME",
        "1989-10-29TAF",
    )
    assert values("The morning paper ran it.", monday) == []


def test_an_adjective_in_ed_is_no_past_verb_and_the_next_day_follows_the_last() -> None:
    text = "The dividend would be paid on a still unspecified date in January."
    assert values(text, date(1989, 10, 26))[0][2] == "1990-01"
    found = values("The court met on March 3, 2014. The next day it ruled.")
    assert found[1] == ("The next day", "DATE", "2014-03-04")


def test_side_reads_cues_and_tense_skips_names_and_plans_named() -> None:
    from newsfuse.time.tense import side, tense

    cue = "The board declared a dividend payable Feb. 1."
    assert side(cue, cue.index("Feb"), len(cue) - 1) == "future"
    held = "Wednesday's vote was close."
    assert side(held, 0, 9) == "past"
    # "United" is a name, not a past verb; "That's" is the present.
    name = "That's as long as the pier open today, United Ferries' old quay."
    assert tense(name, name.index("today"), name.index("today") + 5) == "present"
    plans = "Tovar revealed his bold plans via the radio late Friday."
    assert tense(plans, plans.index("late"), len(plans) - 1) == "past"


def test_an_evening_is_a_time_and_the_previous_weekday_counts_from_the_last_day() -> None:
    assert values("The board met Wednesday evening.")[0][1:] == ("TIME", "2015-01-21TEV")
    found = values("On Jan. 9 the index fell 3% from the previous Friday.")
    assert found[1] == ("the previous Friday", "DATE", "2015-01-02")
    assert values("The fair opened the following Monday.")[0][2] == "2015-01-26"


def test_modern_news_forms() -> None:
    spring = date(2013, 3, 21)  # a Thursday, Easter 2013 is March 31
    assert values("Sales fell for three consecutive quarters.", spring)[0][1:] == (
        "DURATION",
        "P3Q",
    )
    assert values("The year before, it was worse.", spring)[0] == (
        "The year before",
        "DATE",
        "2012",
    )
    found = values("Profit rose in Q2 and will fall in Q3; FY2013 sales beat 4Q 2012.", spring)
    assert [v for _, _, v in found] == ["2012-Q2", "2013-Q3", "2013", "2012-Q4"]
    assert values("He will return after Easter.", spring)[0][2] == "2013-03-31"
    assert values("Good Friday fell late.", date(2014, 5, 1))[0][2] == "2014-04-18"
    assert values("She was found Thanksgiving Day clinging to a tube.", spring)[0][2] == (
        "2012-11-22"
    )
    assert values("Security rose after 9/11.", spring)[0][2] == "2001-09-11"
    # A holiday's name before a noun is a modifier: "the annual New Year's Eve party".
    assert values("They criticised the annual New Year's Eve party.", spring) == []
    assert values("They landed on Easter Island.", spring) == []
    assert values("The census runs every ten years.", spring)[0][1:] == ("SET", "P10Y")
    assert values("Buses leave every other week.", spring)[0][1:] == ("SET", "P2W")


def test_a_weekday_beside_a_date_or_a_clock() -> None:
    spring = date(2013, 3, 21)
    assert values("It was published on Thursday 21 March 2013.", spring)[0] == (
        "Thursday 21 March 2013",
        "DATE",
        "2013-03-21",
    )
    assert values("The vote at 3:30 p.m. ET on Thursday was delayed.", spring)[0][1:] == (
        "TIME",
        "2013-03-21T15:30",
    )
    # "until" before the clock puts the day ahead, though the clause is past.
    found = values("The deadline was extended until 9 a.m. EST Tuesday.", spring)
    assert found[0][2] == "2013-03-26T09:00"


def test_a_quarter_named_by_its_end() -> None:
    monday = date(1989, 10, 30)
    assert values("Sales rose in the quarter ended July 31.", monday)[0][2] == "1989-Q2"
    assert values("Sales will rise in the quarter ending Dec. 31.", monday)[0][2] == "1989-Q4"


def test_a_delay_and_a_rate_in_abbreviated_money() -> None:
    spring = date(2013, 3, 21)
    assert values("It opened two years later than planned.", spring)[0][1:] == ("DURATION", "P2Y")
    assert values("The strike has cost $1bn a day.", spring) == []


def test_a_holiday_takes_the_year_printed_before_it() -> None:
    found = values(
        "Those behind the 2015 New Year's Eve assaults stood accused.", date(2017, 12, 30)
    )
    assert found == [("2015 New Year's Eve", "DATE", "2015-12-31")]


def test_halves_titles_and_shares() -> None:
    assert values("A minute and a half later, a pilot called.")[0][1:] == ("DURATION", "PT1M30S")
    assert values("The talks took a year and a half.")[0][1:] == ("DURATION", "P1Y6M")
    assert values("He said on CBS's 60 Minutes that it was over.") == []
    assert values("He spoke on the news program 60 Minutes.") == []
    assert values("It has more than a quarter of the market.") == []


def test_a_timetable_verb_puts_a_bare_weekday_ahead() -> None:
    spring = date(2013, 3, 21)
    assert values("The leaders meet separately Monday with the envoy.", spring)[0][2] == (
        "2013-03-25"
    )
    assert values("The leaders met Monday.", spring)[0][2] == "2013-03-18"
    assert values("The polls close at 8 p.m. Tuesday.", spring)[0][2] == "2013-03-26T20:00"
    text = "The council takes up the request at 3 p.m. ET Friday."
    assert values(text, spring)[0][2] == "2013-03-22T15:00"


def test_coming_and_future_quarters() -> None:
    assert values("Losses will cut taxes in future quarters.")[0][1:] == ("DATE", "FUTURE_REF")
    assert values("It bodes ill for coming quarters.")[0][1:] == ("DATE", "FUTURE_REF")
    assert values("The crew quarters were cramped.") == []
    assert values("It settles in five business days.")[0][1:] == ("DURATION", "P5D")


def test_parts_of_named_months_and_hyphenated_minutes() -> None:
    spring = date(2013, 3, 21)
    assert values("It peaked in March of this year.", spring) == [
        ("March of this year", "DATE", "2013-03")
    ]
    assert values("The last week of March was busy.", spring) == [("March", "DATE", "2013-03")]
    assert values("Talks resumed after a 90-minute meeting.", spring)[0][1:] == (
        "DURATION",
        "PT90M",
    )
    assert values("It was a second betrayal.", spring) == []


def test_a_generic_today_is_no_day() -> None:
    assert values("The reform is for today's youth what the war was for theirs.") == []
    assert values("Today's vote was close.")[0][2] == "2015-01-22"


def test_centuries_and_unit_long_adjectives() -> None:
    spring = date(2013, 3, 21)
    assert values("They restored a 19th-century church.", spring)[0][1:] == ("DATE", "18")
    assert values("It was built in the last century.", spring)[0][1:] == ("DATE", "19")
    assert values("It ended the nineteenth century.", spring)[0][1:] == ("DATE", "18")
    assert values("They left their third day-long meeting.", spring)[0][1:] == ("DURATION", "P1D")


def test_a_second_day_of_the_same_month() -> None:
    spring = date(2013, 3, 21)
    found = values("The summit meets on April 24 and 25.", spring)
    assert found[1] == ("25", "DATE", "2013-04-25")
    assert len(values("On March 3 and 4 people died.", spring)) == 1
    found = values("They meet on April 24 and 25, 2014.", spring)
    assert [v for _, _, v in found[:2]] == ["2014-04-24", "2014-04-25"]
