"""The summary says what happened first: timeless background never opens it, a line whose
subject points back waits for what it points to, two outlets' leads on one event are one
line, and copies of one wire story weigh once. Invented text only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pytest
from numpy.typing import NDArray

from newsfuse.config import SummaryConfig
from newsfuse.errors import ConfigError
from newsfuse.model import Article
from newsfuse.segment import segment
from newsfuse.summarize import find_facts, summarize
from newsfuse.summarize.kinds import event_words, points_back, timeless, told_days

DAY = datetime(2001, 3, 3)


class _WordContainment:
    """A Similarity without story statistics (TF-IDF's weights change with every copy):
    the share of a sentence's words another holds."""

    def fit(self, texts: Sequence[str]) -> _WordContainment:
        self.words = [set(t.lower().split()) for t in texts]
        return self

    def block(self, rows: Sequence[int], cols: Sequence[int] | None = None) -> NDArray[np.float32]:
        cols = range(len(self.words)) if cols is None else cols
        return np.array(
            [[len(self.words[i] & self.words[j]) / len(self.words[i]) for j in cols] for i in rows],
            dtype=np.float32,
        )


def _report(id_: str, text: str, outlet: str = "Wire", day: datetime = DAY) -> Article:
    return Article(id=id_, text=text, outlet=outlet, published=day)


@pytest.mark.parametrize(
    "line",
    [
        "A civic honor is the highest award the diocese gives.",
        "Canonization is the last step of a long process.",
        "The region is more than 75 percent Lutheran.",
    ],
)
def test_present_tense_definitions_are_timeless(line: str) -> None:
    assert timeless(line)


@pytest.mark.parametrize(
    "line",
    [
        "The archbishop honored the late mayor on Saturday.",
        "The mayor is accused of siding with the junta.",  # a past participle: an act
        "Officials say the bridge is safe.",  # someone says it
        "The bridge is closed until Monday.",  # a day
        "The bridge is the longest built in 1999.",  # a year
        "The state keeps control of the bridge.",  # no is/are
        "\u201cThis is the end of our isolation,\u201d said the secretary.",
    ],
)
def test_events_and_sayings_are_not_timeless(line: str) -> None:
    assert not timeless(line)


@pytest.mark.parametrize(
    ("line", "points_to"),
    [
        ("The request angered town officials as well as the diocese.", "request"),
        ("The latest intervention angered town officials.", "intervention"),
        ("The requests were denied within a day.", "request"),
        ("Such a pact would break the harbor law.", ""),
        ("Since then, the authority has accused the city of delays.", ""),
        ("The next day, the ferries sailed again.", ""),
        ("In 1994 he made his first visit to the island.", ""),
        ("On Saturday, they marched to the harbor.", ""),
        ("After Ortiz resigned, she left the guild.", None),  # the name is in the line
        ("In Westport it rained all day.", None),
        ("The request by the union was turned down.", None),  # told where it stands
        ("The report, released Monday, blamed the pilots.", None),
        ("The government offers help to the islanders.", None),  # a verb, not the noun
        ("The court ruled on Monday.", None),
        ("A request angered the officials.", None),  # indefinite: new to the reader
        ("In response, the harbor closed.", ""),
        ("In response to the strike, the harbor closed.", None),  # names what it answers
        ("At the time of the storm, the ferry was at sea.", None),
        # Comparison with, or a part of, what was just told.
        ("The same can't be said for Pell Island.", ""),
        ("Among them are two ferry pilots.", ""),
        ("Others swam to the harbor wall.", ""),
        ("Most of them were rescued by trawlers.", ""),
        ("The rest were taken to the clinic.", ""),
        ("The rest of the fleet stayed in port.", None),  # names what it is the rest of
        ("The same-sex couples married in the guild hall.", None),  # a compound
        # Earlier than what was just told; not a line that dates itself.
        ("Earlier, officials said at least 60 people were killed in Dunmore.", ""),
        ("Earlier Monday, the guild met in the harbor hall.", ""),
        ("Earlier this month, the guild met in the harbor hall.", None),
        # Someone's, unless named next.
        ("Her pledge drew cheers on the quay.", ""),
        ("Her lawyer, Ada Brell, said the pilot would appeal.", None),
        # A pronoun subject after a fronted clause naming nobody; not one that points ahead.
        ("As the owner of the ferry line, he faces the inquiry.", ""),
        ("As they did last year, Westport pilots struck for a day.", None),
        ("Ortiz did not wait, she sailed at dawn.", None),  # a name opens it
        # A bare plural with a modal: someone's hope or plan, not what happened.
        ("Offenders would confess and receive real pardon.", ""),
        ("Many people would rather stay on the island.", ""),
        ("Residents would return on Friday, officials said.", None),  # a report of a plan
        ("Voters would reject the bridge if asked.", None),  # a condition
        ("Ortiz would sail again in May.", None),
        # A quotation whose speaker is in another sentence.
        ("\u201cThey want to be friends.\u201d", ""),
        ("\u201cWe will rebuild,\u201d he said.", ""),
        ("\u201cThese results are important,\u201d Ada Brell said.", ""),
        ("\u201cThe quay will reopen,\u201d Ada Brell said.", None),
    ],
)
def test_lines_pointing_back(line: str, points_to: str | None) -> None:
    assert points_back(line) == points_to


def test_event_words_meet_across_wordings() -> None:
    one = event_words("The islanders on Tuesday opened their first bridge to the mainland.")
    other = event_words("Islanders celebrated the opening of their bridge Tuesday.")
    assert {"island", "bridge", "open"} <= one & other
    assert told_days("The islanders on Tuesday opened it on March 3.") == {"tuesday", "march 3"}
    assert not told_days("A tuesday market.")  # a weekday is written capitalised


def test_a_timeless_definition_does_not_open_the_summary() -> None:
    # Every report repeats the definition word for word; each tells the news its own way
    # (the third a day later). Weighed as news, the definition would open the summary.
    definition = "A harbor medal is the highest award the port guild gives."
    articles = [
        _report(
            "a",
            "Naming her a servant of the town, the port guild on Saturday gave pilot Lena "
            f"Ortiz its harbor medal. Some 9,000 people watched on the quay. {definition}",
        ),
        _report(
            "b",
            "Hailing the pilot as the savior of a trawler crew, the guild honored Lena Ortiz "
            f"on Saturday. {definition}",
            outlet="Times",
        ),
        _report(
            "c",
            "On a sunny quay, the guild master on Sunday called for calm in the harbor "
            f"dispute. {definition}",
            outlet="Post",
            day=datetime(2001, 3, 4),
        ),
    ]
    for words in (20, 40):
        lines = [item.text for item in summarize(articles, SummaryConfig(words=words))]
        assert lines and lines[0] != definition, lines
    # Weighing background as news (1.0), the definition still never opens.
    opening = summarize(articles, SummaryConfig(words=20, timeless_factor=1.0))[0]
    assert opening.text != definition


def test_a_line_pointing_back_needs_what_it_points_to() -> None:
    asked = "A week before the ceremony, a rights group in Lyon asked the guild for a delay."
    request = "The request angered harbor officials as well as the guild."
    news = "The port guild on Saturday gave its harbor medal to pilot Lena Ortiz."
    articles = [
        _report("a", f"{news} {asked} {request}"),
        _report(
            "b",
            f"{news} Harbor officials and the guild were angered by the "
            f"request of the rights group.",
            outlet="Times",
        ),
    ]
    for words in (20, 60):
        lines = [item.text for item in summarize(articles, SummaryConfig(words=words))]
        if request in lines:
            assert asked in lines, lines
    # Without the sentence before it in the budget, the line is never shown alone.
    lines = [item.text for item in summarize(articles, SummaryConfig(words=25))]
    assert request not in lines or asked in lines


def test_two_outlets_leads_on_one_event_are_one_line() -> None:
    articles = [
        _report(
            "a",
            "Taking a big step toward self-rule, the islanders on Tuesday opened "
            "their first bridge to the mainland. The bridge cost 30 million dollars.",
        ),
        _report(
            "b",
            "Islanders celebrated the long-delayed opening of their bridge Tuesday "
            "as crowds streamed across. The bridge was finished a year ago.",
            outlet="Times",
        ),
    ]
    leads = {articles[0].text.split(". ")[0] + ".", articles[1].text.split(". ")[0] + "."}
    lines = {item.text for item in summarize(articles, SummaryConfig(words=80))}
    assert len(lines & leads) == 1, lines
    # Reports of other days are not one event by this rule, even sharing words.
    later = [
        _report("a", "The islanders on Tuesday opened their first bridge to the mainland."),
        _report(
            "b",
            "The islanders on Wednesday closed their first bridge to the mainland for repairs.",
            outlet="Times",
            day=datetime(2001, 3, 4),
        ),
    ]
    apart = SummaryConfig(words=80, event_shared_words=99)
    assert summarize(later, SummaryConfig(words=80)) == summarize(later, apart)


def test_copies_of_one_wire_story_weigh_as_one_article() -> None:
    # A wire story's sentences score the same whether it comes in one copy or in three:
    # counted per article, the background its copies repeat would be the story's centre.
    wire = (
        "The port guild gave its harbor medal to pilot Lena Ortiz on Saturday. "
        "The guild was founded by fishermen in the old harbor district. "
        "Members elect a new master of the guild every spring."
    )
    other = (
        "Pilot Lena Ortiz received the port guild's harbor medal on Saturday for saving "
        "a trawler crew in a storm. The trawler crew watched from the quay."
    )

    def scores(copies: int) -> list[float]:
        articles = [_report(f"w{i}", wire) for i in range(copies)] + [_report("t", other)]
        sentences = [s for a in articles for s in segment(a)]
        similarity = _WordContainment().fit([s.text for s in sentences])
        sources = {f"w{i}": "w0" for i in range(copies)}
        facts = find_facts(sentences, similarity, SummaryConfig(), sources)
        return [f.score for f in facts if f.representative.article_id in ("w0", "t")]

    assert scores(3) == pytest.approx(scores(1), abs=1e-5)


def test_settings_are_checked() -> None:
    with pytest.raises(ConfigError):
        SummaryConfig(timeless_factor=1.5)
    with pytest.raises(ConfigError):
        SummaryConfig(event_shared_words=0)


def test_a_line_pointing_back_is_placed_after_what_it_points_to() -> None:
    from newsfuse.summarize.summary import _after_what_they_point_to

    # Line 7 points back to line 2, which the order put after it; line 9 is already after.
    assert _after_what_they_point_to([7, 1, 2, 5], {7: 2}) == [1, 2, 7, 5]
    assert _after_what_they_point_to([1, 2, 9], {9: 1}) == [1, 2, 9]
    assert _after_what_they_point_to([1, 2], {9: 1}) == [1, 2]  # told, never picked
