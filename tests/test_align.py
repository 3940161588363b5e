"""The alignment of claims across sources, on small texts written for these tests."""

from __future__ import annotations

from newsfuse.analyze.align import align
from newsfuse.analyze.quantities import find_quantities
from newsfuse.model import Sentence


def _s(article: str, index: int, text: str) -> Sentence:
    return Sentence(article, index, 0, text)


def test_restatement_in_other_words_is_aligned_and_other_figures_are_not_cited() -> None:
    sentences = {
        "a": [
            _s("a", 0, "The Harlow ferry ran aground off Kessel Point with 212 passengers aboard."),
            _s("a", 1, "Lunch was served late in the village hall."),
        ],
        "b": [
            _s(
                "b", 0, "With 212 passengers aboard, the Harlow ferry ran aground off Kessel Point."
            ),
            _s("b", 1, "The Harlow ferry ran aground off Kessel Point with 180 passengers aboard."),
        ],
    }
    alignment = align(sentences)
    assert alignment.stated_by(sentences["a"][0]) == ("a", "b")
    assert alignment.stated_by(sentences["a"][1]) == ("a",)
    # Aligned (about one fact), so the figures are compared; not cited for 212.
    assert alignment.linked(sentences["b"][1], sentences["a"][0])


def test_event_names_are_not_counts_and_hyphenated_counts_keep_their_noun() -> None:
    found = find_quantities(
        [_s("a", 0, "The Sept. 11 hijackers and the 9/11 attacks led to a 47-page indictment.")]
    )
    assert [(q.phrase, q.unit) for q in found] == [("47-page indictment", "page indictment")]


def test_a_line_cites_only_articles_holding_its_own_news_not_the_story_common_words() -> None:
    from newsfuse.analyze.align import cite
    from newsfuse.model import Fact, SummaryItem

    line = "Divers of the Varn coast guard recovered bodies from the Tessaly ferry in Lake Orrin."
    sentences = {
        "a": [_s("a", 0, line)],
        # The story's common words, but only debris: it does not state the bodies.
        "b": [_s("b", 0, "Debris of the Tessaly ferry was seen in Lake Orrin by the coast guard.")],
        # The same news in other words.
        "c": [
            _s("c", 0, "Coast guard divers recovered bodies from the Tessaly ferry, Lake Orrin.")
        ],
    }
    # As the summary's similarity found the carriers: on the common words, "b" among them.
    item = SummaryItem(line, ("a", "b", "c"), 3, Fact(sentences["a"][0], ("a", "b", "c")))
    (cited,) = cite([item], align(sentences))
    assert cited.citations == ("a", "c")
    assert cited.independent_sources == 2
