"""The summary opens on the story's main event: concepts the independent sources' ledes agree
on weigh more for the opening pick, and a line whose only act is someone's saying never opens
while a line telling news can. Invented text only."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsfuse.config import SummaryConfig
from newsfuse.errors import ConfigError
from newsfuse.model import Article
from newsfuse.segment import segment
from newsfuse.summarize import summarize
from newsfuse.summarize.concepts import concept_sources
from newsfuse.summarize.kinds import reaction
from newsfuse.summarize.lede import lede_concepts

DAY = datetime(2001, 3, 3)


def _report(id_: str, text: str, outlet: str = "Wire") -> Article:
    return Article(id=id_, text=text, outlet=outlet, published=DAY)


@pytest.mark.parametrize(
    "line",
    [
        "The mayor says there is little hope that the ferry will sail again this year.",
        "Harbour officials said the crossing would stay shut until the spring.",
        "The minister told reporters that nobody believes the plan will work.",
        '"Nobody believes the plan," the minister said.',
    ],
)
def test_a_line_whose_only_act_is_saying_is_a_reaction(line: str) -> None:
    assert reaction(line)


@pytest.mark.parametrize(
    "line",
    [
        "A storm sank the harbour ferry on Monday, and the mayor said nobody was hurt.",
        "Police said they arrested two men after the ferry sank on Monday.",
        "The ferry sank in the harbour on Monday.",
    ],
)
def test_a_line_telling_an_act_is_not_a_reaction(line: str) -> None:
    assert not reaction(line)


def test_lede_concepts_count_independent_sources() -> None:
    articles = [
        _report("a", "The harbour ferry sank on Monday. Divers searched the wreck."),
        _report("b", "The harbour ferry sank on Monday. Divers searched the wreck."),
        _report("c", "A storm sank the harbour ferry. The town mourned."),
    ]
    sentences = [s for a in articles for s in segment(a)]
    vocabulary, _, _ = concept_sources(sentences)
    assert vocabulary is not None
    # Every article its own source: three ledes hold "ferry", two "monday", none "divers".
    shares = lede_concepts(sentences, vocabulary, {})
    assert shares[vocabulary["ferry"]] == 1.0
    assert shares[vocabulary["monday"]] == pytest.approx(2 / 3)
    assert shares[vocabulary["diver"]] == 0.0
    # Copies of one wire story are one source: "monday" is in one lede of two sources.
    shares = lede_concepts(sentences, vocabulary, {"a": "a", "b": "a", "c": "c"})
    assert shares[vocabulary["monday"]] == 0.5


def test_a_reaction_does_not_open_the_summary() -> None:
    # Two reports lead with the mayor's word, the most corroborated line: without the rule
    # it opens the summary. Both also tell the sinking, which opens instead.
    said = (
        "The harbour mayor says nobody in Vell believes the harbour ferry service will "
        "ever sail again."
    )
    articles = [
        _report("a", f"{said} The storm sank the ferry at its mooring.", "One"),
        _report("b", f"{said} The ferry sank in the storm on Monday.", "Two"),
        _report(
            "c",
            "A winter storm sank the harbour ferry at its mooring in Vell on Monday night. "
            "The mayor doubts the service will sail again.",
            "Three",
        ),
    ]
    lines = [item.text for item in summarize(articles, SummaryConfig(words=60))]
    assert lines[0] == "The storm sank the ferry at its mooring."
    assert said in lines  # only the order changes


def test_a_negative_lede_weight_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="lede_concept_weight"):
        SummaryConfig(lede_concept_weight=-1.0)
