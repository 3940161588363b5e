"""The timeline and its Latest/Next lines on sentences we wrote (and on two real stories)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import SHARED, require

from newsfuse.analyze.clause_date import date_of, state_day
from newsfuse.analyze.latest import find_latest
from newsfuse.analyze.timeline import extract_timeline
from newsfuse.model import Article, Latest, TimelineEntry
from newsfuse.segment import segment

_MON = datetime(2026, 3, 2)
_THU = datetime(2026, 3, 5)


def _timeline(text: str, published: datetime | None) -> list[TimelineEntry]:
    return extract_timeline([Article("a1", text, published=published)])


def test_a_clock_time_gives_way_to_the_day_after_it() -> None:
    text = "The ferry Saint Orla was last heard from at 22:30 local time on June 1 and sank."
    assert [e.date for e in _timeline(text, datetime(2009, 6, 3))] == ["2009-06-01"]


def test_a_date_of_a_relative_clause_gives_way_to_the_main_clause_date() -> None:
    text = "The logs of a ferry that sank on June 1 last year were found on Thursday by divers."
    assert [e.date for e in _timeline(text, datetime(2010, 5, 7))] == ["2010-05-06"]


def test_a_noun_read_as_a_past_form_does_not_take_the_date_from_its_clause() -> None:
    # "cut approved" is a noun and a participle, not one verb group after the date.
    text = "The harbour board gave way Tuesday on the tax cut approved last month."
    assert [e.date for e in _timeline(text, datetime(2026, 3, 4))] == ["2026-03-03"]


def test_a_past_event_is_not_dated_after_its_publication() -> None:
    text = "In February, the harbour board asked the council to study a new pier."
    dates = [e.date for e in _timeline(text, datetime(2018, 1, 1))]
    assert "2018-02" not in dates and all(d <= "2018-01-01" for d in dates)


def test_one_event_told_early_and_late_is_one_entry() -> None:
    text = "The ferry Saint Orla sank off Port Alden on June 1, killing nine."
    early = Article("a1", text, published=datetime(2009, 6, 2))
    late = Article(
        "a2", text.replace("killing nine", "with nine aboard"), published=datetime(2009, 6, 20)
    )
    (entry,) = extract_timeline([early, late])
    assert (entry.date, entry.citations, entry.kind) == ("2009-06-01", ("a1", "a2"), "event")


def test_a_plan_told_in_the_past_dates_no_event() -> None:
    text = "The ferry Saint Orla was scheduled to reach Port Alden at 11:10 on June 1, 2009."
    assert _timeline(text, datetime(2009, 6, 1)) == []
    ahead = "The vote on the pier was scheduled for Monday, the council said."
    assert [e.kind for e in _timeline(ahead, datetime(2009, 6, 4))] == ["scheduled"]


def test_a_heading_glued_to_its_first_sentence_is_no_entry() -> None:
    text = "Port Alden opens new pier The town opened its pier on Sunday, the mayor said."
    assert _timeline(text, datetime(2016, 2, 8)) == []
    assert _timeline("The town opened its pier on Sunday, the mayor said.", datetime(2016, 2, 8))


def test_dates_between_subject_and_verb_and_of_an_occasion() -> None:
    feb6 = datetime(2018, 2, 6)
    cases = [
        ("Orla Ferries last year proposed a new pier at Port Alden.", ["2017"]),
        ("Shares of Orla Ferries fell sharply this morning, traders said.", ["2018-02-06"]),
        ("The ferry left Port Alden at 11:36 am local time on Tuesday, and sank.", ["2018-02-06"]),
        ("The harbour board said in a Dec. 22 filing it could book a loss.", ["2017-12-22"]),
        ("A ferry mix-up figured in the 1992 film Lost at Port Alden.", []),
        ("Unrest during the 2016 election put a spotlight on the harbour board.", []),
        (
            "Orla Ferries, which until last month was the largest operator, announced on "
            "Feb. 1 that it had lost a ship.",
            ["2018-02-01"],
        ),
    ]
    for text, dates in cases:
        assert [e.date for e in _timeline(text, feb6)] == dates, text


def test_ranges_negations_and_asides_date_no_event() -> None:
    nov = datetime(1998, 11, 2)
    for text in (
        "Crowds held up photographs of those jailed during his rule, from 1973 to 1990.",
        "Judges asked about deaths between Sept. 11, 1973, the coup, and Dec. 31, 1983.",
        "In the Port Alden mall, itself the scene of a bombing 14 months ago, people sat in cafes.",
        "The campgrounds, normally empty on November weeknights, were jammed with stargazers.",
        "Halm went to Port Alden where, police believe, he planted the bomb on Aug. 7.",
    ):
        assert _timeline(text, nov) == [], text


def test_a_negated_clause_dates_nothing_but_the_bombing_it_names_is_dated() -> None:
    # The charging never happened; the bombing the clause names did, in 1996.
    text = "The board has never charged anyone in the 1996 harbour bombing."
    assert _timeline(text, datetime(1998, 11, 2)) == [
        TimelineEntry("1996", "Harbour bombing", ("a1",), "background", phrase=True)
    ]


ASIDES = [
    "23/30 Harbour views from 1965 This photograph of Port Alden was taken from a plane.",
    "The ferry wasn't really meant to last past 2013, but the board kept it.",
    "The board said the pier was safe, according to a notice last updated 3 January.",
    "The tail end of 2017 was packed with storms at Port Alden.",
    "In the scene where she sails — the one she posted on Thanksgiving — Ada Pell fell.",
    "The vote comes two years after ferries were seized, sunk and burned on New Year's Eve.",
    "Tovar posted a clip of himself on a quay nearly two decades ago.",
    "Pell said that a dozen sailors died in a storm more than a year ago.",
    "Orla ferries sailed to Port Alden at least three times during October and November.",
    "One photo, reportedly taken on October 19, shows a tanker at Port Alden.",
    "Scores escaped at once, while another sailor was found in the bay earlier this year.",
    "On Wednesday, rebels were believed to be behind an attack on the Port Alden pier.",
    "Despite saying that Pell “helped him a lot” when he visited in November, Tovar left port.",
    "Despite saying that Pell helped him when he visited in November, Tovar left the port.",
]


@pytest.mark.parametrize("text", ASIDES)
def test_asides_periods_lists_and_slides_date_no_event(text: str) -> None:
    assert _timeline(text, datetime(2018, 1, 9)) == []


def test_a_plan_ahead_is_not_dated_before_publication() -> None:
    from newsfuse.time.attach import ahead

    plan = "Hundreds of revellers are expected to flock to the Port Alden pier on Sunday."
    said = "Tovar said on Friday he would meet Ada Pell on Sunday."
    assert ahead(plan, plan.index("Sunday"), len(plan) - 1)
    assert not ahead(said, said.index("Sunday"), len(said) - 1)


def test_a_number_after_than_opens_no_clause_and_a_pair_of_years_dates_the_first() -> None:
    text = "On April 14, 2014, more than 200 sailors were seized by rebels at Port Alden."
    assert [e.date for e in _timeline(text, datetime(2017, 5, 9))] == ["2014-04-14"]
    pair = "Tovar also sailed to Port Alden in 2001 and 2004."
    assert [e.date for e in _timeline(pair, datetime(2018, 2, 5))] == ["2001"]


NOT_EVENTS = [
    # a forecast made back then: whether it came true the sentence does not say
    "Back then, Ada Pell anticipated the ferry would first sail in 2013.",
    # a state ahead, not an event
    "When it sails in late January, the Saint Orla will become the largest ferry in port.",
    # a superlative's "today" is nowadays
    "That's twice as long as the longest pier in use today, the old Port Alden quay.",
    # the end of a quote in single quotes that opened in the sentence before
    "That seemed far too slow,' Tovar said in December.",
    # a post's text with a handle
    "The great @adapell & I parted ways over Christmas.",
    # the date opens a "when" clause after the verb
    "The photos ended any notion Tovar was joking when on Dec. 1 he first announced the trip.",
    # a state, where something was
    "The ferry, 70 metres long, sat at pier 39 Monday on the eve of its first voyage.",
    # a caption's verb we do not know, before the date
    "Some of the 21 rescued sailors appear Thursday in Port Alden, in a photo from the board.",
    # a sentence glued to the end of another, and a fact box's label
    "Sailors are open to talks according to the board (PAB) The pair will meet the council today.",
    "Stage 1 'Harbour': the Saint Orla was launched in 2009 and later sank.",
    # a participle inside the opening subject, whose verb comes after a comma
    "The $2 million raised through a harbour bond sale last year, the Orla fund, is frozen.",
    # a correction note, and a date of the report an as-clause cites
    "This article was amended on 4 January 2018 to correct the length of the Saint Orla.",
    "Here is a clue: As the Courier reported on Monday, the harbour board kept two ledgers.",
    # a view, not an event; a first name that is a month; the date of an unlike-clause
    "The whole night and early morning seemed full of omens for the harbour.",
    "Craig and April Likhite sailed to Port Kessel with their son, Cade, on the ferry.",
    "But unlike when they won the regatta in June, this time the crew stayed ashore.",
    # a quotation in the newswire's LaTeX marks; the end of a range; a period's end
    "``The pier has been closed for a week,'' Tovar said on Tuesday.",
    "Tovar ran the harbour board from 1996 to last May when he was forced out.",
    "In the nine months to September, ferry traffic averaged 9,400 cars a week.",
    # a plan that was not kept
    "Talks with the harbour board were to have begun Friday in Port Alden, but were cancelled.",
    # the date of the thing ahead of which something happens
    "Harbour officials have begun meeting in Port Alden ahead of the Nov. 17-18 summit.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_forecasts_states_quote_ends_and_glued_lines_date_no_event(text: str) -> None:
    assert _timeline(text, datetime(2018, 1, 9)) == []


def test_a_month_just_begun_dates_no_past_event_and_his_plans_are_no_future() -> None:
    month = "In January, the harbour board announced plans to build two piers."
    assert _timeline(month, datetime(2018, 1, 1)) == []
    assert [e.date for e in _timeline(month, datetime(2018, 1, 20))] == ["2018-01"]
    # "his plans" is a noun: "late Friday" is the Friday before a Wednesday paper.
    text = "Tovar revealed his bold plans via the radio late Friday, saying the ferry would sail."
    (entry,) = _timeline(text, datetime(2018, 1, 10))
    assert (entry.date, entry.kind) == ("2018-01-05", "event")


def test_a_plan_for_today_said_with_would_stays_scheduled() -> None:
    text = "The ferry sank as it was announced the council would hold a meeting today."
    (entry,) = _timeline(text, datetime(2017, 9, 16))
    assert (entry.date, entry.kind) == ("2017-09-16", "scheduled")


def test_a_source_named_after_the_clause_keeps_its_date() -> None:
    text = (
        "The ferry board released a video in August showing the wreck, The Harbour News reported."
    )
    assert [e.date for e in _timeline(text, datetime(2016, 10, 13))] == ["2016-08"]


def test_a_bare_weekday_six_days_back_dates_nothing() -> None:
    # A Monday paper: "early Tuesday" past is last Tuesday, or tomorrow where it happened.
    monday = datetime(2031, 8, 25)
    text = "The ferry Saint Orla ran aground off the northern cape early Tuesday morning."
    assert _timeline(text, monday) == []
    # Counted back in words, or a nearer weekday, it still dates the event.
    said = "The ferry Saint Orla ran aground off the northern cape last Tuesday."
    assert [e.date for e in _timeline(said, monday)] == ["2031-08-19"]
    near = "The ferry Saint Orla ran aground off the northern cape early Saturday morning."
    assert [e.date for e in _timeline(near, monday)] == ["2031-08-23"]


def test_an_as_clause_that_reports_nothing_keeps_the_date() -> None:
    text = "As crowds gather at the pier on Sunday night, medics will stand by in a tent."
    assert [(e.date, e.kind) for e in _timeline(text, datetime(2018, 1, 5))] == [
        ("2018-01-07", "scheduled")
    ]


def test_a_participle_set_off_by_commas_is_not_the_main_verb() -> None:
    # "acclaimed" describes Ferraz: read as the clause's past verb it put Sunday in the past.
    forecast = (
        "As Valdorians prepare to vote on Sunday, polls predict that President Tomas Ferraz, "
        "highly acclaimed for cutting prices, will win a second term."
    )
    assert date_of(forecast, date(2031, 8, 21)) in (None, ("2031-08-24", True))
    sank = "On Monday, the ferry, damaged in the storm, sank off the cape."
    assert date_of(sank, date(2031, 8, 21)) == ("2031-08-18", False)


def test_a_view_with_a_when_clause_dates_the_when_clause() -> None:
    text = "Few things seemed odd on Thursday when Tovar boarded the Saint Orla at Port Kessel."
    assert [e.date for e in _timeline(text, datetime(2018, 1, 9))] == ["2018-01-04"]


FRIDAY_PAPER = datetime(2024, 5, 10)  # a Friday


@pytest.mark.parametrize(
    "text",
    [
        # A closing attribution dates the saying, not the past event it attributes.
        "Rebels seized the port town of Orlen after a long siege, officials said Friday.",
        "The envoy Ada Pell has been detained in Orlen after a raid, officials said Friday.",
        # A date inside a possessive subject before a present perfect dates the noun.
        "Pell's detention late Thursday has left the cabinet deeply embarrassed by the affair.",
        # After "for the <deed> of", the deed's date.
        "An aide was later jailed for the murder of a rival in Lisbon in 2004.",
        # Before "in which", the date of the noun the relative clause describes.
        "Okafor cited a ruling in 2011 in which a judge rebuked the harbour agency.",
        # A verb in a clause of cause opened in its segment.
        "Halm wants to keep the pilots because they stood by him when the others struck in June.",
        # An as-clause of telling dates the telling, not the event told.
        "Then, the deckhand said as he told the story from his bed Thursday, guards beat him.",
    ],
)
def test_a_date_of_something_else_than_the_main_event_dates_nothing(text: str) -> None:
    assert _timeline(text, FRIDAY_PAPER) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The day's news: an active present perfect, a plan, a present state.
        ("The harbour board has approved the new pier, officials said Friday.", "2024-05-10"),
        ("The envoy will resign from her post, her office said Friday.", "2024-05-10"),
        (
            "Although no wreck was found, officials said Friday that the search went on.",
            "2024-05-10",
        ),
    ],
)
def test_a_closing_attribution_still_dates_the_days_news(text: str, date: str) -> None:
    assert [e.date for e in _timeline(text, FRIDAY_PAPER)] == [date]


def test_a_state_of_mind_dates_no_event() -> None:
    text = "Earlier this year, the founders of the harbour union hoped there was room for them."
    assert _timeline(text, FRIDAY_PAPER) == []


def test_an_editorial_gives_no_timeline_entries() -> None:
    text = "The board caved in on Tuesday on the ill-advised pier plan of the harbour council."
    lead = "The Kessel Courier said in an editorial for Thursday, March 5:"
    news = Article("a1", text, published=datetime(2026, 3, 5))
    editorial = Article("a2", f"{lead}\n\n{text}", published=datetime(2026, 3, 5))
    labelled = Article("a3", text, title="Opinion: a pier too far", published=datetime(2026, 3, 5))
    assert [e.date for e in extract_timeline([news])] == ["2026-03-03"]
    assert extract_timeline([editorial]) == extract_timeline([labelled]) == []


def _latest(*reports: tuple[str, str, datetime]) -> Latest | None:
    """The Latest/Next lines of reports (id, text, publication) through the timeline."""
    articles = [Article(i, text, published=day) for i, text, day in reports]
    sentences = {a.id: segment(a) for a in articles}
    return find_latest(extract_timeline(articles, sentences), articles, sentences)


def test_a_comma_less_relative_clause_ended_by_a_date_leaves_the_main_verb_its_own() -> None:
    text = "The bakery where Ada Pell baked until she retired in March reopened on Tuesday."
    assert [e.date for e in _timeline(text, datetime(2026, 3, 4))] == ["2026-03-03"]
    # The relative clause's own verb after its date ("which until May was") is no main verb.
    text = "Orla Lines, which until May was the largest ferry firm, announced on Monday a sale."
    assert [e.date for e in _timeline(text, datetime(2026, 3, 4))] == ["2026-03-02"]


def test_a_state_attributed_to_its_day_of_telling() -> None:
    ref = date(2026, 3, 5)  # a Thursday
    said = "The two divers have been found alive, a coastguard officer said on Thursday."
    assert date_of(said, ref) is None  # no event date: they may have been found before
    assert state_day(said, ref) == "2026-03-05"
    assert state_day("The two missing divers were found, an officer said on Thursday.", ref) is None
    assert state_day("The divers have been found, an officer said on Thursday.", None) is None


def test_a_lead_s_state_is_the_newest_status_unless_its_report_dates_the_event() -> None:
    early = ("a", "The ferry Saint Orla sank off Port Alden on Monday, officials said.", _MON)
    found = (
        "b",
        "The ferry's two data recorders have been recovered from the seabed, the harbour"
        " office said on Thursday.",
        _THU,
    )
    latest = _latest(early, found)
    assert latest is not None and latest.status is not None
    assert (latest.status.date, latest.status.citations) == ("2026-03-05", ("b",))
    dated = (
        "b",
        found[1] + " Divers recovered the ferry's data recorders from the seabed on Wednesday.",
        _THU,
    )
    latest = _latest(early, dated)
    assert latest is not None and latest.status is not None
    assert latest.status.date == "2026-03-04"


def test_the_next_step_from_a_deadline_moved_in_a_side_clause() -> None:
    moved = (
        "a",
        "Talks on the harbour budget stalled on Thursday, prompting the council to push back"
        " until midnight Monday its deadline for a vote.",
        _THU,
    )
    latest = _latest(moved)
    assert latest is not None and latest.next is not None
    assert (latest.next.date, latest.next.kind) == ("2026-03-09", "scheduled")
    # Not a target ("by"), nor a day named further ahead than the report's coming week.
    for text in (
        "Talks stalled on Thursday, and the council hopes to vote by Monday, members said.",
        "Fans were asked on Thursday to hold a minute of applause at the next match on March 21.",
    ):
        latest = _latest(("a", text, _THU))
        assert latest is None or latest.next is None, text


def test_of_one_day_s_events_the_report_s_lead_is_the_latest() -> None:
    later = (
        "Crews worked through the week at the port. Engineers checked the quay walls daily."
        " Divers cleared the channel of debris. Cafes on the quay stayed open late on Thursday"
        " for crews."
    )
    lead = "The harbour at Port Alden reopened on Thursday after a week of repairs."
    latest = _latest(("a", later, _THU), ("b", lead, _THU))
    assert latest is not None and latest.status is not None
    assert "reopened" in latest.status.text


@pytest.mark.parametrize(
    ("path", "cluster", "line", "day"),
    [
        # A deadline a report moved in a side clause, two days after the newest report.
        ("duc2003/task2.jsonl", "d31031t", "next", "1998-10-12"),
        # The newest report's lead: a passive present perfect told on its day.
        ("multiling2011/english.jsonl", "M008", "status", "2010-05-06"),
    ],
)
def test_latest_and_next_of_real_stories(path: str, cluster: str, line: str, day: str) -> None:
    from newsfuse.clean import clean
    from newsfuse.evaluate.data import read_clusters

    (found,) = (c for c in read_clusters(require(SHARED / path)) if c.id == cluster)
    articles = [clean(a) for a in found.articles]
    sentences = {a.id: segment(a) for a in articles}
    latest = find_latest(extract_timeline(articles, sentences), articles, sentences)
    assert latest is not None and getattr(latest, line) is not None
    assert getattr(latest, line).date == day


def test_a_charge_is_not_dated_by_the_event_it_is_about() -> None:
    from datetime import date

    from newsfuse.analyze.clause_date import date_of

    paper = date(2031, 11, 10)  # a Monday
    charged = "Two men have been charged with murder in the bombing of the Arlen office on Aug. 7."
    assert date_of(charged, paper) is None
    killed = "Nine people were killed in the bombing of the Arlen office on Aug. 7."
    assert date_of(killed, paper) == ("2031-08-07", False)
    assert date_of("Two men were charged on Friday in the bombing.", paper) == ("2031-11-07", False)
