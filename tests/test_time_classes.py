"""newsfuse.time, one test per error class fixed under issue 15's cross-validation (sentences
we wrote)."""

from __future__ import annotations

from datetime import date

from newsfuse.time import find_timexes

NOV_2 = date(1989, 11, 2)


def values(text: str, dct: date | None = NOV_2) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct)]


def test_the_latest_period_of_a_report_is_its_quarter() -> None:
    text = "Net rose in the third quarter. Sales in the latest period were $2 billion."
    assert [v[2] for v in values(text)] == ["1989-Q3", "1989-Q3"]
    assert values("Revenue for the current period rose.")[0][1:] == ("DATE", "1989-Q4")
    # A period that is no quarter: a game's, or one of mourning.
    assert values("He scored in the first period.") == []
    assert values("The period of mourning ended.") == []


def test_fiscal_and_full_year() -> None:
    assert values("Earnings will be lower for the fiscal year.")[0][1:] == ("DATE", "1989")
    assert values("Sales for the full year were $6 billion.")[0][1:] == ("DATE", "1989")
    assert values("Profit fell last fiscal year.")[0][1:] == ("DATE", "1988")
    # A fiscal year named by its end is a year's length.
    assert values("In the fiscal year ended Jan. 31, sales rose.")[0][1:] == ("DURATION", "P1Y")
    assert values("The full day was lost.") == []


def test_rate_of_an_amount_is_no_time() -> None:
    assert values("It will save $500 million a year.") == []
    assert values("Sales will rise 8.5% annually.") == []
    assert values("Qantas runs four flights a week.") == []
    # A length, a frequency and a comparison stay.
    assert values("It took a year to build.")[0][1:] == ("DURATION", "P1Y")
    assert values("He visits twice a week.")[0][1:] == ("SET", "P1W")
    assert values("The bus runs daily.")[0][1:] == ("SET", "P1D")
    assert values("Net fell from $5 million a year ago.")[0][1:] == ("DATE", "1988")


def test_a_month_or_weekday_after_a_is_one_not_every() -> None:
    assert values("It was sold under a June agreement.")[0][1:] == ("DATE", "1989-06")
    assert values("They met every Monday.")[0][1:] == ("SET", "XXXX-WXX-1")


def test_month_or_season_of_a_spelled_year() -> None:
    spoken = date(1998, 2, 27)
    assert values("We saw it in the winter of nineteen ninety-four.", spoken)[0][1:] == (
        "DATE",
        "1994-WI",
    )
    assert values("January nineteen ninety-seven. Atlanta again.", spoken)[0][2] == "1997-01"
    assert values("The year two thousand and one came.", spoken)[0][2] == "2001"


def test_a_vague_count_of_units_is_a_duration() -> None:
    # TimeML: "the past few weeks" is a few weeks long; "recent weeks" a vague past.
    feb_6 = date(1998, 2, 6)
    assert values("For the past few weeks we have been hit.", feb_6)[0][1:] == ("DURATION", "PXW")
    assert values("Over the next several days it will rain.", feb_6)[0][1:] == ("DURATION", "PXD")
    assert values("It fell in recent weeks.", feb_6)[0][1:] == ("DATE", "PAST_REF")
    assert values("In coming months it will rise.", feb_6)[0][1:] == ("DATE", "FUTURE_REF")


def test_year_after_pre_or_post() -> None:
    jan_6 = date(2000, 1, 6)
    assert values("But the post-1959 politics split families.", jan_6)[0][1:] == ("DATE", "1959")
    assert values("The pre-2008 rules stood.", jan_6)[0][1:] == ("DATE", "2008")


def test_a_quarter_named_for_comparison_does_not_anchor_the_next() -> None:
    text = "In the year-ago quarter, it lost $5 million. During the quarter, it paid taxes."
    assert [v[2] for v in values(text, date(1989, 10, 30))] == ["1988-Q3", "1989-Q3"]


def test_a_quarter_not_yet_begun_reported_in_the_past_is_last_years() -> None:
    january = date(1998, 1, 26)
    assert values("It reported a drop in profits for the fourth quarter.", january)[0][2] == (
        "1997-Q4"
    )
    assert values("It will report on its fourth quarter.", january)[0][2] == "1998-Q4"
    assert values("Profit rose in the first quarter.", january)[0][2] == "1998-Q1"


def test_a_deadline_in_the_past_perfect_is_behind() -> None:
    thursday = date(1990, 8, 16)
    assert values("Only two members had filed reports by Wednesday.", thursday)[0][2] == (
        "1990-08-15"
    )
    assert values("Members must file reports by Wednesday.", thursday)[0][2] == "1990-08-22"


def test_the_next_morning_is_the_day_after_the_last_date() -> None:
    text = "He was arrested on Feb. 22. He appeared in court the next morning."
    assert [v[2] for v in values(text, date(2000, 2, 24))] == ["2000-02-22", "2000-02-23"]
    assert values("The evening was cold.", date(2000, 2, 24)) == []


def test_the_quarter_a_year_ago_is_one_comparison() -> None:
    text = "Net rose in the third quarter. For the quarter a year ago, it earned $5 million."
    text += " In the quarter, sales rose."
    assert [v[:3] for v in values(text, date(1989, 10, 26))] == [
        ("the third quarter", "DATE", "1989-Q3"),
        ("the quarter a year ago", "DATE", "1988-Q3"),
        ("the quarter", "DATE", "1989-Q3"),
    ]


def test_uncounted_decades_and_centuries() -> None:
    assert values("It was ruled from Moscow for centuries.")[0][1:] == ("DURATION", "PXC")
    assert values("For decades, they fought.")[0][1:] == ("DURATION", "PXY")
    assert values("It lasted two decades.")[0][1:] == ("DURATION", "P20Y")


def test_a_count_and_a_half() -> None:
    assert values("It took two and a half years.")[0][1:] == ("DURATION", "P2Y6M")
    assert values("He left six and a half hours later.")[0][1:] == ("DURATION", "PT6H30M")
    # Half a year back is a month: 18 months before November 1989.
    assert values("It closed a year and a half ago.")[0][1:] == ("DATE", "1988-05")


def test_a_weekday_afternoon_is_that_part_of_the_day() -> None:
    # TimeML's TAF; a weekday's morning and night stay the day (TimeBank's majority).
    assert values("They met Tuesday afternoon.")[0][1:] == ("TIME", "1989-10-31TAF")
    assert values("They met Tuesday morning.")[0][1:] == ("DATE", "1989-10-31")


def test_an_hour_in_a_part_of_the_day_is_a_clock_time() -> None:
    assert values("He will leave at 4 in the morning.")[0][1:] == ("TIME", "1989-11-02T04:00")
    assert values("They met at 7 in the evening on Tuesday.")[0][2] == "1989-10-31T19:00"
    assert values("He scored 2 in the afternoon.") == []  # a count, not an hour


def test_a_day_joined_by_a_present_copula_is_ahead() -> None:
    thursday = date(2013, 3, 14)
    assert values("The vote is Tuesday.", thursday)[0][2] == "2013-03-19"
    assert values("The funeral is on Saturday night.", thursday)[0][2] == "2013-03-16"
    assert values("He said the vote was Tuesday.", thursday)[0][2] == "2013-03-12"
    assert values("He is leaving Friday.", thursday)[0][2] == "2013-03-15"
    assert values("Elections are due in November.", thursday)[0][2] == "2013-11"


def test_this_weekend_is_the_current_weeks() -> None:
    thursday, monday = date(2013, 3, 14), date(2013, 3, 11)
    assert values("They meet this weekend.", thursday)[0][2] == "2013-W11-WE"
    assert values("They meet this weekend.", monday)[0][2] == "2013-W11-WE"
    # In a past clause written on a Monday, the weekend just gone.
    assert values("The storm hit this weekend.", monday)[0][2] == "2013-W10-WE"


def test_spelled_hundreds_and_thousands_of_years() -> None:
    assert values("It lasted two hundred years.")[0][1:] == ("DURATION", "P200Y")
    assert values("It lasted one hundred and fifty years.")[0][2] == "P150Y"
    # Not the year 2000 and a vague "years".
    assert values("It was kept secret for two thousand years.") == [
        ("two thousand years", "DURATION", "P2000Y")
    ]
    assert values("In the year two thousand, it fell.")[0][2] == "2000"


def test_halves_quarters_of_a_century_and_the_prior_period() -> None:
    assert values("The talks lasted half an hour.")[0][1:] == ("DURATION", "PT30M")
    assert values("It took half a year.")[0][2] == "P6M"
    assert values("It took half a minute.")[0][2] == "PT30S"
    assert values("It was the worst in a quarter century.")[0][1:] == ("DURATION", "P25Y")
    assert values("Sales rose from the prior year.")[0][1:] == ("DATE", "1988")


def test_the_reported_quarter_is_no_forecast_one() -> None:
    text = (
        "Profit fell in the third quarter. Analysts expect losses through the third quarter "
        "of 1990. In the year-ago period, it earned $5 million. The quarter was weak."
    )
    assert [v[2] for v in values(text)] == ["1989-Q3", "1990-Q3", "1988-Q3", "1989-Q3"]


def test_fiscal_quarters() -> None:
    assert values("Net fell in the fiscal-first quarter.")[0][1:] == ("DATE", "1989-Q1")
    assert values("Profit rose in the first quarter of fiscal 1998.") == [
        ("the first quarter of fiscal 1998", "DATE", "1998-Q1")
    ]
    assert values("Losses go on through the first two quarters of 1990.")[0][1:] == (
        "DATE",
        "1990-H1",
    )


def test_then_current_is_past() -> None:
    assert values("Holders buy at the then current price.")[0][1:] == ("DATE", "PAST_REF")
    assert values("The current price rose.")[0][1:] == ("DATE", "PRESENT_REF")


def test_a_weekday_of_a_named_week_and_comparisons_of_periods() -> None:
    thursday = date(2013, 3, 14)
    assert values("They met on Thursday last week.", thursday) == [
        ("Thursday last week", "DATE", "2013-03-07")
    ]
    assert values("They meet Monday next week.", thursday)[0][2] == "2013-03-18"
    assert values("Sales posted a year-on-year rise.", thursday) == []
    assert values("Sales rose in the year's first quarter.", thursday)[0][2] == "2013-Q1"
    assert values("It rang in the middle of the night.", thursday) == []


def test_counts_and_names_that_look_like_times() -> None:
    thursday = date(2013, 3, 14)
    assert values("He sent 2000 troops.", thursday) == []  # a count
    assert values("Voters in the 2012 elections stayed home.", thursday)[0][2] == "2012"
    assert values("2012 sales rose.", thursday)[0][2] == "2012"
    assert values("April Ryan asked a question.", thursday) == []  # a first name
    assert values("It snowed at the Winter Olympics.", thursday) == []
    assert values("They met on the Fourth of July.", thursday)[0][1:] == ("DATE", "2012-07-04")


def test_a_month_after_in_dates_and_after_and_names() -> None:
    # "In January Britain ...": a preposition before, so a date although a capital follows;
    # "Craig and April Likhite": "and" joins names, so a first name.
    from datetime import date

    from newsfuse.time import find_timexes

    dct = date(2019, 5, 3)
    assert [t.value for t in find_timexes("In January Britain spent more.", dct)] == ["2019-01"]
    assert find_timexes("Craig and April Likhite drove home.", dct) == []


def test_a_plan_in_the_past_perfect_is_gone_by() -> None:
    # Thursday's paper: the Friday that "had been" the deadline is the one before.
    found = values("The offer had been scheduled to expire at midnight Friday.")
    assert found[0][1:] == ("TIME", "1989-10-27T24:00")
    assert values("It had been due to expire Friday evening.")[0][2] == "1989-10-27TEV"
    assert values("Until Tuesday, the police had not named him a suspect.")[0][2] == "1989-10-31"
    # "were planning to": the plan's marker speaks, not its past auxiliary.
    text = "They will march on Saturday and were planning to drive around the city."
    assert values(text)[0][2] == "1989-11-04"
    text = "Protesters planned a march on Saturday and were planning to drive around the city."
    assert values(text)[0][2] == "1989-11-04"


def test_the_week_alone_is_a_week_not_dated() -> None:
    text = "Shares fell 5% on Friday. For the week, the index dropped 3.8%."
    assert values(text)[1][1:] == ("DATE", "1989-WXX")
    assert values("Stocks rose last week.")[0][2] == "1989-W43"


def test_uncounted_quarters_of_something_are_time() -> None:
    found = values("It turned a profit after several quarters of losses.")
    assert found[0][1:] == ("DURATION", "PXQ")
    assert values("Three quarters of its food is imported.") == []


def test_the_past_year_is_the_calendar_year_before() -> None:
    assert values("Hate groups grew over the past year.")[0][1:] == ("DATE", "1988")
    assert values("The plants will close over the next year or so.")[0][2] == "1990"
    # A week or a decade keeps its length.
    assert values("It rained for the past week.")[0][1:] == ("DURATION", "P1W")
    assert values("Prices rose over the past decade.")[0][1:] == ("DURATION", "P10Y")


def test_the_full_year_is_the_reports_not_the_last_date_given() -> None:
    text = "The plant opens in 1992. He forecast higher earnings for the full year."
    assert values(text)[1][1:] == ("DATE", "1989")


def test_a_month_after_until_or_through_is_the_nearer_one() -> None:
    # Written in November: next January, though the clause is in the past.
    assert values("The banks extended loans through January.")[0][2] == "1990-01"
    assert values("The fund's sales held up through August.")[0][2] == "1989-08"


def test_a_title_in_capitals_is_no_date() -> None:
    assert values('Baker said on ABC News\' "This Week," that he agreed.') == []
    assert values("This week, Baker said he agreed.")[0][2] == "1989-W44"


def test_the_nth_day_of_something_said_now_is_today() -> None:
    assert values("Today is the eighth day of the strike.")[1][1:] == ("DATE", "1989-11-02")
    assert values("The second day of the talks was calm.") == []


def test_one_day_after_a_modal_is_some_day_to_come() -> None:
    assert values("Islam will one day be the second religion.")[0][1:] == (
        "DATE",
        "FUTURE_REF",
    )
    assert values("The strike lasted one day.")[0][1:] == ("DURATION", "P1D")


def test_one_number_parser_for_time_and_quantities() -> None:
    from newsfuse.time.lexicon import number_value, parse_number

    assert parse_number("two dozen") == number_value("two dozen") == 24
    assert number_value("twenty-four") == parse_number("twenty four") == 24
    assert number_value("a") == 1 and parse_number("a") is None
    assert number_value("2 1/2") == 2.5 and number_value("a few") is None
