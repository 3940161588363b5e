"""The brief as a desk reads it (issue 18): outlet names as citation labels, a title the
sources support, key figures, the latest status, how each outlet told it, and a brief
shorter than what it summarizes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from conftest import EXAMPLE, SEEDS, require

import newsfuse
from newsfuse.analyze.angles import outlet_angles
from newsfuse.analyze.latest import find_latest
from newsfuse.cli import main
from newsfuse.errors import ConfigError, InputError
from newsfuse.model import (
    Article,
    Brief,
    Discrepancy,
    DiscrepantValue,
    Exclusive,
    Sentence,
    TimelineEntry,
)
from newsfuse.outlets import outlet_name, read_ratings
from newsfuse.render import build_view, citation_labels, prose_words
from newsfuse.render.rank import FULL, figure_context
from newsfuse.segment import segment


@pytest.fixture(scope="module")
def example() -> Brief:
    pipeline = newsfuse.Pipeline()
    return pipeline.brief(pipeline.read([EXAMPLE]))


def test_outlet_names_from_outlet_site_or_url() -> None:
    assert outlet_name("www.huffingtonpost.com:80") == "HuffPost"
    assert outlet_name(None, "https://edition.cnn.com/2018/x.html") == "CNN"
    assert outlet_name(None, "http://usa.chinadaily.com.cn/a") == "China Daily"
    assert outlet_name(None, "https://www.kearneyhub.com/news") == "Kearneyhub"  # not listed
    assert outlet_name("The Kessel Courier", "https://kessel-courier.example/") == (
        "The Kessel Courier"
    )
    assert outlet_name(None, None) is None


def test_citation_labels_number_an_outlet_only_when_it_repeats() -> None:
    labels = citation_labels(["a", "b", "c", "d"], ["BBC", "CNN", "BBC", None])
    assert labels == {"a": "BBC 1", "b": "CNN", "c": "BBC 2", "d": "d"}


def test_example_cites_outlets_by_name_and_links_them(example: Brief) -> None:
    view = build_view(example)
    named = {s.id: s.label for s in view.sources if s.outlet}
    assert named["kessel-courier-2026-03-14-saint-orla-steering-email"] == "The Kessel Courier"
    labels = {c.label for line in view.summary for c in line.cites}
    assert "kessel-courier-2026-03-14-saint-orla-steering-email" not in labels
    html = newsfuse.to_html(example)
    assert 'href="https://kessel-courier.example/' in html


def test_example_title_is_not_the_outlier(example: Brief) -> None:
    assert example.title and "230" not in example.title


def test_example_key_figures_give_the_majority_and_the_outlier(example: Brief) -> None:
    passengers = next(f for f in example.key_figures if f.about == "passengers")
    first, second = passengers.values
    assert first.value == "212 passengers" and len(first.citations) == 5
    assert first.independent_sources == 4  # two of the five run the same wire copy
    assert second.value == "230 passengers" and second.citations == ("northern-tribune",)
    markdown = newsfuse.to_markdown(example)
    line = next(x for x in markdown.splitlines() if "**212 passengers**" in x)
    # The first value in the words around it, so that the line says what it counts.
    assert line.startswith("- A passenger ferry carrying **212 passengers** and 17 crew")
    assert "(5 sources, 4 independent)" in line
    assert "**230 passengers** (1 source)" in line


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Divers searched for 12 hours.", ("Divers searched for ", ".")),
        ("12 hours later, divers left.", ("", " later, divers left.")),
        (
            "The council met on Monday, and after a debate that ran late into the night, "
            "it voted to close the harbour for 12 hours from Tuesday, officials said.",
            ("… it voted to close the harbour for ", " from Tuesday, officials said."),
        ),
        ("Divers searched for twelve hours.", ("", "")),
    ],
)
def test_figure_context_keeps_the_clause_around_a_value(
    sentence: str, expected: tuple[str, str]
) -> None:
    assert figure_context("12 hours", sentence) == expected


def test_differences_a_key_figure_does_not_show_stay_in_the_default_brief(
    example: Brief,
) -> None:
    # 212 vs 230 sits under Key figures; another count of passengers, which no figure
    # shows, is still a difference the desk must see without --full.
    other = Discrepancy(
        "passengers",
        (
            DiscrepantValue("at least 40 passengers", "At least 40 passengers.", ("a",)),
            DiscrepantValue("about 60 passengers", "About 60 passengers.", ("b",)),
        ),
    )
    markdown = newsfuse.to_markdown(replace(example, discrepancies=[*example.discrepancies, other]))
    differ = markdown.split("## Where sources differ", 1)[1].split("##", 1)[0]
    assert "at least 40 passengers" in differ and "about 60 passengers" in differ
    assert "230 passengers" not in differ  # shown beside 212 under Key figures


def test_example_latest_and_next_step(example: Brief) -> None:
    assert example.latest and example.latest.status and example.latest.next
    assert example.latest.status.date == "2026-03-15"
    assert example.latest.next.date > example.latest.status.date
    assert "**Latest (2026-03-15):**" in newsfuse.to_markdown(example)


def test_latest_needs_a_dated_event_or_step() -> None:
    assert find_latest([]) is None
    background = TimelineEntry("2020-01", "Earlier.", ("a",), "background")
    assert find_latest([background]) is None
    event = TimelineEntry("2024-05-02", "It happened.", ("a",), "event")
    vote = TimelineEntry("2024-05-09", "A vote is due.", ("a", "b"), "scheduled")
    assert find_latest([event, vote, background]) == newsfuse.model.Latest(event, vote)


def _dated(article_id: str, day: int, text: str = "It was told.") -> Article:
    return Article(article_id, text, published=datetime(2024, 5, day))


def test_latest_is_no_view_and_next_is_after_the_newest_article() -> None:
    event = TimelineEntry("2024-05-02", "The board voted on the pier.", ("a",), "event")
    view = TimelineEntry("2024-05-03", "The night seemed full of omens.", ("b",), "event")
    due = TimelineEntry("2024-05-04", "The council will meet on Saturday.", ("a",), "scheduled")
    later = TimelineEntry("2024-05-09", "A vote is due.", ("b",), "scheduled")
    articles = [_dated("a", 2), _dated("b", 5)]
    found = find_latest([event, view, due, later], articles)
    assert found == newsfuse.model.Latest(event, later)  # the meeting of the 4th is past
    assert find_latest([event, due], articles) == newsfuse.model.Latest(event, None)


def test_a_lone_late_stamp_that_retells_an_earlier_event_is_not_the_latest() -> None:
    crash = "On Sunday, a small ferry with two local pilots ran aground off Port Kessel."
    told = TimelineEntry("2024-05-05", crash, ("a", "b"), "event")
    crawled = TimelineEntry("2024-05-19", crash.replace("small", "little"), ("c",), "event")
    articles = [_dated("a", 5), _dated("b", 6), _dated("c", 19)]
    assert find_latest([told, crawled], articles) == newsfuse.model.Latest(told, None)
    # The same words from a follow-up days after the others are its news.
    for day in (7, 10):
        follow_up = replace(crawled, date=f"2024-05-{day:02d}")
        articles[2] = _dated("c", day)
        assert find_latest([told, follow_up], articles) == newsfuse.model.Latest(follow_up, None)


def test_the_latest_cites_only_the_articles_that_state_it() -> None:
    line = "The harbour board voted on Monday to close the old pier."
    entry = TimelineEntry("2024-05-06", line, ("a", "b"), "event")
    sentences = {
        "a": [Sentence("a", 0, 0, line)],
        "b": [Sentence("b", 0, 0, "The pier was busy on Monday, as ever.")],
    }
    found = find_latest([entry], [_dated("a", 6), _dated("b", 6)], sentences)
    assert found and found.status and found.status.citations == ("a",)


def test_each_outlet_once_with_its_headline(example: Brief) -> None:
    names = [o.outlet for o in example.outlets]
    assert len(names) == len(set(names)) == 6
    courier = next(o for o in example.outlets if o.outlet == "The Kessel Courier")
    assert courier.headline and "steering" in courier.headline
    assert "email" in courier.stresses  # the one outlet that had the captain's email
    # Names keep their capitals: each stressed word as the outlet prints it most often.
    told = [w for o in example.outlets for w in o.stresses]
    assert any(w[0].isupper() for w in told) and all(w[0].isupper() or w.islower() for w in told)
    assert all(o.rating is None for o in example.outlets)  # no labels unless given


def test_an_outlet_stresses_its_story_not_its_page() -> None:
    # A sign-up form before the lead and an outlet's own name in a dateline are no angle.
    articles = [
        Article(
            "a",
            "Enter your email address Please enter an email address Email address is invalid\n"
            "(Harbour Post) Three cranes collapsed at the container quay on Monday morning.\n"
            "The port closed the quay while inspectors checked the remaining cranes.",
            outlet="Harbour Post",
        ),
        Article(
            "b",
            "Three cranes collapsed at the container quay on Monday, the port said.\n"
            "Dock workers said the wind had been rising for hours before the collapse.",
            outlet="Quay Times",
        ),
    ]
    post = next(o for o in newsfuse.brief(articles).outlets if o.outlet == "Harbour Post")
    assert post.lead and "email" not in post.lead.lower()
    assert not {"email", "address", "enter", "invalid", "harbour", "post"} & set(post.stresses)


def test_an_outlet_stresses_what_recurs_beyond_its_headline() -> None:
    # Words said once among the details tie, and ties read as noise; the headline is printed
    # beside the stresses, so its words are not repeated there.
    articles = [
        Article(
            "a",
            "Three cranes collapsed at the container quay on Monday morning.",
            title="Cranes collapse at container quay",
            outlet="Harbour Post",
        ),
        Article(
            "b", "Three cranes collapsed at the quay on Monday, the port said.", outlet="Quay Times"
        ),
    ]
    details = [
        Exclusive("a", "The crane driver had warned twice about cracked welds."),
        Exclusive("a", "The welds were checked in March; a barge passed nearby at noon."),
    ]
    sentences = {a.id: segment(a) for a in articles}
    post = outlet_angles(articles, sentences, details)[0]
    assert post.stresses == ("welds",)


def test_copies_of_one_story_stress_the_same_words() -> None:
    # The group's one-source details are filed under its first article printing them; the
    # copy's outlet printed them too.
    detail = "The welds had cracked; the welds were never checked."
    text = f"Three cranes collapsed at the container quay on Monday morning. {detail}"
    articles = [
        Article("a", text, title="Cranes fall", outlet="Harbour Post"),
        Article("b", text, title="Cranes fall", outlet="Coast Wire"),
        Article(
            "c", "Three cranes collapsed at the quay on Monday, the port said.", outlet="Quay Times"
        ),
    ]
    details = [Exclusive("a", detail)]
    sentences = {a.id: segment(a) for a in articles}
    post, wire, _ = outlet_angles(articles, sentences, details, sources={"a": "a", "b": "a"})
    assert post.stresses == wire.stresses == ("welds",)


def test_outlet_ratings_from_a_csv(tmp_path: Path) -> None:
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "outlet,rating\nThe Kessel Courier,local\nnorthern-tribune.example,regional\n", "utf-8"
    )
    assert read_ratings(ratings) == {"the kessel courier": "local", "northern tribune": "regional"}
    pipeline = newsfuse.Pipeline({"outlets": {"ratings": str(ratings)}})
    brief = pipeline.brief(pipeline.read([EXAMPLE]))
    rated = {o.outlet: o.rating for o in brief.outlets if o.rating}
    assert rated == {"The Kessel Courier": "local"}
    assert build_view(brief).ratings == [("local", 1)]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,score\nx,1\n", "utf-8")
    with pytest.raises(InputError, match=r"bad\.csv"):
        read_ratings(bad)
    with pytest.raises(ConfigError, match=r"outlets\.ratings"):
        newsfuse.Pipeline({"outlets": {"ratings": str(tmp_path / "missing.csv")}})


def test_markdown_brief_is_shorter_than_its_inputs(example: Brief, seed_brief: Brief) -> None:
    for brief in (example, seed_brief):
        inputs = sum(a.words for a in brief.articles)
        words = prose_words(newsfuse.to_markdown(brief))
        assert words <= 400 and words < 0.35 * inputs
        assert prose_words(newsfuse.to_markdown(brief, full=True)) > words
    full = build_view(example, caps=FULL)
    assert len(full.quotes) == len(example.quotes) and full.omitted == ()


def test_prose_words_leave_out_citations_and_the_sources_table() -> None:
    markdown = "# T\n\n- One two three. [BBC 1, CNN]\n\n## Sources\n\n| a | b |\n"
    assert prose_words(markdown) == 4


def test_cli_full_and_ratings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ratings = tmp_path / "r.csv"
    ratings.write_text("outlet,rating\nThe Northern Tribune,national\n", "utf-8")
    assert main(["brief", str(EXAMPLE), "-q", "--full", "--outlet-ratings", str(ratings)]) == 0
    out = capsys.readouterr().out
    assert "Coverage by rating: national 1" in out and "Not shown" not in out


def test_a_title_stating_an_outlier_gives_way() -> None:
    text = "The ferry carried {n} passengers when it hit the rocks off the coast on Monday."
    articles = [
        Article(f"a{i}", text.format(n=n), title=f"Ferry with {n} passengers hits rocks")
        for i, n in enumerate((212, 212, 230))
    ]
    articles[2] = Article("a2", text.format(n=230), title="Ferry with 230 passengers hits rocks")
    articles = [
        Article(a.id, a.text, title=a.title, published=datetime(2024, 3, 4)) for a in articles
    ]
    brief = newsfuse.brief(articles)
    assert brief.title == "Ferry with 212 passengers hits rocks"


def test_a_story_without_headlines_is_titled_by_its_lead_fact() -> None:
    from newsfuse.analyze.headline import supported_title
    from newsfuse.model import SummaryItem

    articles = [Article("a", "Text."), Article("b", "More text.")]
    lead = SummaryItem("The bridge reopened on Tuesday after repairs.", ("a", "b"), 2)
    assert supported_title(articles, [lead]) == lead.text
    assert supported_title(articles, []) is None
    # A line that only means something after the one before it names nothing: the first
    # line that reads alone is the title (before: "The same can't be said for ...").
    after = SummaryItem("The same can't be said for Pell Island.", ("a",), 1)
    assert supported_title(articles, [after, lead]) == lead.text


def test_key_figures_need_two_sources_and_skip_dates() -> None:
    texts = (
        "Investigators said the Aug. 7 bombings of the two embassies killed 224 civilians.",
        "The Aug. 7 bombings at the embassies killed 224 civilians, investigators said.",
    )
    articles = [Article(f"a{i}", t, published=datetime(1998, 10, 1)) for i, t in enumerate(texts)]
    figures = newsfuse.brief(articles).key_figures
    assert [f.about for f in figures] == ["civilians"]
    assert figures[0].values[0].independent_sources == 2
    one = newsfuse.brief(articles[:1]).key_figures
    assert one == ()


def test_a_key_figure_cites_only_the_sources_that_state_its_amount() -> None:
    # "At least 40" is compatible with 47 but does not say 47: an early report's bound.
    # "At least 47" does not say 47 either, nor does it differ from it.
    texts = (
        "At least 40 people were hurt when the footbridge over the Arlen canal gave way.",
        "The footbridge over the Arlen canal gave way and at least 40 people were hurt.",
        "Officials said 47 people were hurt when the footbridge over the Arlen canal gave way.",
        "The collapse of the footbridge over the Arlen canal hurt 47 people, officials said.",
        "At least 47 people were hurt when the footbridge over the Arlen canal gave way.",
    )
    articles = [Article(f"a{i}", t, published=datetime(2026, 3, 2)) for i, t in enumerate(texts)]
    (hurt,) = newsfuse.brief(articles).key_figures
    assert hurt.values[0].value == "47 people"
    assert hurt.values[0].citations == ("a2", "a3")
    assert len(hurt.values) == 1  # "at least 47" agrees with 47: no "vs"


def test_a_title_stating_an_outdated_count_gives_way() -> None:
    from newsfuse.analyze.headline import supported_title
    from newsfuse.model import Discrepancy, DiscrepantValue, SummaryItem

    articles = [
        Article("a", "Text.", title="Four dead as storm hits Port Alden"),
        Article("b", "Text.", title="Four dead as storm hits Port Alden coast"),
        Article("c", "Text.", title="Storm toll in Port Alden rises to nine"),
    ]
    toll = Discrepancy(
        "dead",
        (
            DiscrepantValue("four dead", "At least four dead.", ("a", "b")),
            DiscrepantValue("nine dead", "At least nine dead.", ("c",)),
        ),
        kind="update",
    )
    lead = SummaryItem("The storm hit Port Alden on Monday.", ("a", "b", "c"), 3)
    assert supported_title(articles, [lead], [toll]) == "Storm toll in Port Alden rises to nine"
    as_conflict = Discrepancy(toll.about, toll.values)
    assert supported_title(articles, [lead], [as_conflict]).startswith("Four dead")


def test_no_latest_from_the_text_dates_of_undated_sources() -> None:
    # "Earthquake today 2013" in a page title: with no publication date, nothing is newest.
    tagged = TimelineEntry("2013", "An earthquake today 2013 has struck.", ("u",), "event", "text")
    assert find_latest([tagged], [Article("u", "An earthquake today 2013 has struck.")]) is None
    event = TimelineEntry("2024-05-02", "The board voted on the pier.", ("a",), "event")
    assert find_latest([tagged, event]) == newsfuse.model.Latest(event, None)


def test_a_bound_is_no_source_of_the_amount_it_bounds() -> None:
    # "More than 150" excludes 150: a report giving it is no source of "150 people", and
    # with 148, 150 and "more than 150" from one source each no amount is a key figure.
    texts = (
        "A total of 148 people were killed in the bombing of the Arlen trade office.",
        "The blast at the Arlen trade office killed more than 150 people.",
        "The bombing of the Arlen trade office left 150 people dead, prosecutors say.",
    )
    articles = [Article(f"a{i}", t, published=datetime(2026, 3, 2)) for i, t in enumerate(texts)]
    assert not [f for f in newsfuse.brief(articles).key_figures if f.about == "people"]


def test_a_latest_line_the_summary_prints_cites_what_its_summary_line_cites() -> None:
    brief = newsfuse.brief(newsfuse.read(require(SEEDS)))
    assert brief.latest and brief.latest.status
    (line,) = [i for i in brief.summary if i.text == brief.latest.status.text]
    assert brief.latest.status.citations == line.citations


def test_an_upper_bound_and_a_lower_bound_of_one_number_are_two_values() -> None:
    texts = (
        "Up to 150 people were evacuated from the Arlen valley on Monday.",
        "Up to 150 people were evacuated from the Arlen valley, officials said.",
        "At least 150 people were evacuated from the Arlen valley on Monday.",
        "At least 150 people were evacuated from the Arlen valley, police said.",
    )
    articles = [Article(f"a{i}", t, published=datetime(2026, 3, 2)) for i, t in enumerate(texts)]
    (evacuated,) = newsfuse.brief(articles).key_figures
    assert evacuated.values[0].citations in (("a0", "a1"), ("a2", "a3"))


def test_a_year_of_the_1800s_is_no_count() -> None:
    text = "A quake in 1886 killed 60 people in the town of Arn, records show."
    articles = [Article(f"a{i}", text, published=datetime(2026, 3, 2)) for i in range(3)]
    figures = newsfuse.brief(articles).key_figures
    assert [v.value for f in figures for v in f.values] == ["60 people"]


def test_a_source_giving_two_values_of_a_figure_is_cited_for_neither() -> None:
    texts = (
        "Mayor Ada Lund won re-election with 56 percent of the vote in early returns on Sunday.",
        "Exit polls gave Mayor Ada Lund 56 percent of the vote on Sunday.",
        "Exit polls gave Mayor Ada Lund 56 percent of the vote on Sunday, but official tallies"
        " gave her 51 percent.",
        "Mayor Ada Lund won 51 percent of the vote on Sunday, the official count showed.",
    )
    articles = [Article(f"a{i}", t, published=datetime(2031, 3, 2)) for i, t in enumerate(texts)]
    (share,) = newsfuse.brief(articles).key_figures
    assert [(v.value, v.citations) for v in share.values] == [
        ("56 percent", ("a0", "a1")),
        ("51 percent", ("a3",)),
    ]
