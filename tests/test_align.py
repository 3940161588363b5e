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
    from newsfuse.analyze.citations import cite
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


def test_figures_read_number_words_and_clock_times_however_printed() -> None:
    from newsfuse.analyze.claim_parts import date_figures, figures

    assert figures("Fifty-two people were hurt.") == figures("52 people were hurt.") == {"52"}
    assert figures("The alarm sounded at 5:10 a.m.") == figures("It sounded at 5.10am.")
    assert figures("A rate of 2.50 percent") == {"2.50"}  # a decimal is no clock
    assert date_figures("Forty people died on March 3rd, 2011 near Dunmore.") == {"3", "2011"}


def _cited(line: str, others: dict[str, str]) -> tuple[str, ...]:
    from newsfuse.analyze.citations import cite
    from newsfuse.model import Fact, SummaryItem

    sentences = {"a": [_s("a", 0, line)]}
    sentences |= {k: [_s(k, 0, text)] for k, text in others.items()}
    # As the summary's similarity found the carriers: the line's own article only.
    item = SummaryItem(line, ("a",), 1, Fact(sentences["a"][0], ("a",)))
    (cited,) = cite([item], align(sentences))
    return cited.citations


def test_a_shorter_restatement_of_the_line_is_cited_but_not_a_sentence_on_its_words() -> None:
    line = (
        "Marrow Air apologised to two hockey players who were removed from a plane in "
        "Tolland after a steward accused them of taking blankets, which their coach later "
        "told local radio happened because of their accents and their team's colours."
    )
    cited = _cited(
        line,
        {
            # The main claim in fewer words: cited (before: 12 of the line's 20 content
            # words fell short of 3/4).
            "b": "Marrow Air apologised to two hockey players removed from a plane in Tolland "
            "after a steward accused them of taking blankets.",
            # Words of the line, another claim.
            "c": "Their coach said the players had flown with Marrow Air from Tolland before.",
        },
    )
    assert cited == ("a", "b")


def test_a_restatement_may_leave_out_the_date_but_not_give_another_year() -> None:
    line = "Forty people died on March 3rd, 2011 when the Dunmore dam burst above the valley."
    cited = _cited(
        line,
        {
            "b": "Forty people died when the Dunmore dam burst above the valley.",  # no date
            "c": "Forty people died in 1998 when the Dunmore dam burst above the valley.",
            "d": "Twelve people died when the Dunmore dam burst above the valley.",
        },
    )
    assert cited == ("a", "b")


def test_a_restatement_of_the_main_clause_alone_is_cited_but_not_one_on_its_names() -> None:
    from newsfuse.analyze.citations import cite
    from newsfuse.analyze.claim_parts import main_clause
    from newsfuse.model import Fact, SummaryItem

    line = (
        "A Vellmark district court fined the Orrin Harbour ferry company on Friday, which "
        "had kept sailing for weeks after inspectors flagged its rusted hull plates."
    )
    assert main_clause(line) == (
        "A Vellmark district court fined the Orrin Harbour ferry company on Friday"
    )
    sentences = {
        "a": [_s("a", 0, line)],
        # The main claim in other words, with another clause of its own: a citation.
        "b": [
            _s(
                "b",
                0,
                "The Vellmark court fined the Orrin Harbour ferry company on Friday as "
                "angry passengers watched from the gallery.",
            )
        ],
        # The same names, another claim about them.
        "c": [_s("c", 0, "The Orrin Harbour ferry company will appeal in Vellmark, it said.")],
        "d": [_s("d", 0, "Lunch was served late in the Vellmark village hall on Friday.")],
    }
    item = SummaryItem(line, ("a",), 1, Fact(sentences["a"][0], ("a",)))
    alignment = align(sentences)
    (cited,) = cite([item], alignment, main_share=0.55)
    assert cited.citations == ("a", "b")
    # Without the main-clause check, the whole line's words fall short.
    (cited,) = cite([item], alignment)
    assert cited.citations == ("a",)


def test_a_restatement_need_not_keep_time_spans_back_nor_indefinite_counts() -> None:
    from newsfuse.analyze.claim_parts import telling_figures

    assert telling_figures("Orla Venn began coaching 42 years ago at Dunmore.") == set()
    assert telling_figures("The dam was built five years ago for 12 villages.") == {"12"}
    assert telling_figures("Dozens of boats and hundreds of people, 52 of them hurt.") == {"52"}
    # A line dated "42 years ago" cites a sentence giving the year instead.
    line = "Orla Venn began her coaching career 42 years ago as an assistant at Dunmore College."
    assert _cited(
        line, {"b": "Venn's coaching career began as an assistant at Dunmore College in 1975."}
    ) == ("a", "b")


def test_a_fact_told_over_two_sentences_in_other_words_is_cited_with_its_figures() -> None:
    from newsfuse.analyze.citations import cite
    from newsfuse.model import Fact, SummaryItem

    line = "Brenholt mining officials said 14 workers were trapped by a tunnel collapse at Ostvik."
    sentences = {
        "a": [_s("a", 0, line), _s("a", 1, "The Ostvik mine opened in 1961.")],
        # The fact over two sentences, in other words.
        "b": [
            _s("b", 0, "A tunnel gave way at the Ostvik pit early on Tuesday."),
            _s("b", 1, "Brenholt mining officials said 14 workers were caught below."),
            _s("b", 2, "Rain fell on the town all afternoon."),
        ],
        # The story's names and words, but not the figure: another fact, or part of it.
        "c": [
            _s("c", 0, "Brenholt mining officials said the tunnel at Ostvik had been shored up."),
            _s("c", 1, "Workers there earn more than they did a decade ago."),
        ],
        "d": [_s("d", 0, "The Ostvik mine opened in 1961 under Brenholt ownership.")],
    }
    alignment = align(sentences)
    scores = alignment.support(line)
    assert set(scores) == {"a", "b"}  # only articles printing "14" are scored
    assert abs(scores["a"] - 1.0) < 1e-9
    assert scores["b"] >= 0.62
    item = SummaryItem(line, ("a",), 1, Fact(sentences["a"][0], ("a",)))
    (cited,) = cite([item], alignment, support=0.62)
    assert cited.citations == ("a", "b")
    # Without the support score, the reworded article is not found.
    (cited,) = cite([item], alignment)
    assert cited.citations == ("a",)


def test_paraphrase_cites_near_sentences_only_with_an_encoder_and_past_the_checks() -> None:
    import numpy as np

    from newsfuse.analyze.citations import cite
    from newsfuse.model import Fact, SummaryItem

    texts = {
        "The Harlow ferry sank in a storm off Kessel Point with its crew of trawlermen aboard.": [
            1.0,
            0.0,
        ],
        "A storm off Kessel Point sank the Harlow ferry.": [0.8, 0.6],
        # Near in meaning, but none of what the line says happened: no support window.
        "Lunch was served late in the village hall.": [0.9, 0.4359],
    }

    def encode(batch: object) -> np.ndarray:
        return np.array([texts[t] for t in batch])  # type: ignore[attr-defined]

    first, second, third = list(texts)
    sentences = {
        "a": [_s("a", 0, first)],
        "b": [_s("b", 0, second)],
        "c": [_s("c", 0, third)],
    }
    plain, embedded = align(sentences), align(sentences, encode=encode)
    assert plain.vectors is None and embedded.vectors is not None
    # The support score is lexical: the vectors leave it as it is.
    assert plain.support(first) == embedded.support(first) and "b" in plain.support(first)
    near = embedded.paraphrase(sentences["a"][0], "bc")
    assert abs(near["b"] - 0.8) < 1e-9 and plain.paraphrase(sentences["a"][0], "bc") == {}
    item = SummaryItem(first, ("a",), 1, Fact(sentences["a"][0], ("a",)))
    for alignment, threshold, cited in [
        (embedded, 0.75, ("a", "b")),
        (embedded, 0.85, ("a",)),
        (plain, 0.75, ("a",)),
    ]:
        (item_cited,) = cite([item], alignment, paraphrase=threshold)
        assert item_cited.citations == cited, (threshold, alignment.vectors is None)


def test_counts_read_what_a_text_counts_with_indefinite_counts_as_spans() -> None:
    from newsfuse.analyze.claim_parts import counts, saying_words

    assert counts("Police are looking into dozens of burglaries.") == {"burgl": [(24, 120)]}
    assert counts("Fifty-two people died and hundreds more were hurt.") == {
        "peopl": [(52.0, 52.0)],
        "hurt": [(200, 1000)],
    }
    assert counts("No figures here.") == {}
    # What a line says happened, not who or when.
    assert saying_words('"I will miss the game," Brandt said Monday.') >= {"miss", "game"}
    assert not saying_words("Brandt, Monday.") & {"brand", "monda"}


def test_support_needs_the_words_of_what_happened_and_no_other_count() -> None:
    from newsfuse.analyze.citations import cite
    from newsfuse.model import Fact, SummaryItem

    quote = '"I will miss the game," coach Tomas Brandt said Monday.'
    toll = "Police are investigating dozens of burglaries in Tarrow since March."
    sentences = {
        "a": [_s("a", 0, quote), _s("a", 1, toll)],
        # The names and the day, not the words: another fact.
        "b": [_s("b", 0, "Coach Tomas Brandt of Tarrow stepped down on Monday.")],
        # Another count of the same thing: another figure.
        "c": [_s("c", 0, "Police in Tarrow are investigating 359 burglaries since March.")],
        "d": [_s("d", 0, "Tarrow police say they are investigating dozens of burglaries.")],
    }
    alignment = align(sentences)
    assert "b" not in alignment.support(quote)
    scores = alignment.support(toll)
    assert "c" not in scores and scores["d"] >= 0.6
    item = SummaryItem(toll, ("a",), 1, Fact(sentences["a"][1], ("a",)))
    (cited,) = cite([item], alignment, support=0.6)
    assert cited.citations == ("a", "d")


def test_a_report_naming_only_other_days_tells_another_event() -> None:
    line = "The Tarrow ferry ran aground off Kessel Point on Friday with 212 aboard."
    sentences = {
        "a": [_s("a", 0, line)],
        "b": [
            _s("b", 0, "A second ferry ran into trouble early Tuesday."),
            _s("b", 1, "The Tarrow ferry, with 212 aboard, ran aground off Kessel Point."),
        ],
        "c": [_s("c", 0, "With 212 aboard, the Tarrow ferry ran aground off Kessel Point.")],
    }
    scores = align(sentences).support(line)
    assert "b" not in scores and scores["c"] >= 0.65


def test_a_copy_of_a_cited_article_is_cited_at_the_lower_copy_support() -> None:
    from newsfuse.analyze.citations import cite
    from newsfuse.model import Fact, SummaryItem

    line = "Harbour police in Velmar said 9 fishing boats sank in the storm on the bay overnight."
    loosely = "Nine fishing boats went down in the bay, Velmar police said."
    closed = "The harbour master closed the port until noon."
    sentences = {
        "a": [_s("a", 0, line)],
        "b": [_s("b", 0, line), _s("b", 1, closed)],
        # b's copy, cut and reworded by the copying outlet.
        "c": [_s("c", 0, loosely), _s("c", 1, closed)],
        # Another source telling it as loosely: no copy of a cited article.
        "d": [_s("d", 0, loosely), _s("d", 1, "Crews searched the coast all day.")],
    }
    alignment = align(sentences, {"b": "b", "c": "b"})
    scores = alignment.support(line)
    assert 0.5 <= scores["c"] < 0.65 and 0.5 <= scores["d"] < 0.65
    item = SummaryItem(line, ("a",), 1, Fact(sentences["a"][0], ("a",)))
    (cited,) = cite([item], alignment, support=0.65, copy_support=0.5)
    assert cited.citations == ("a", "b", "c")
    assert cited.independent_sources == 2  # b and its copy are one source
    (cited,) = cite([item], alignment, support=0.65)
    assert cited.citations == ("a", "b")


def test_the_main_clause_reads_past_inset_clauses_appositives_and_a_bare_setting() -> None:
    from newsfuse.analyze.claim_parts import main_clause

    # A relative clause set off by commas before the verb: the claim reads on past it.
    assert main_clause(
        "The Orrin ferry, which had been laid up for repairs, sank off Kessel Point on Monday."
    ) == ("The Orrin ferry sank off Kessel Point on Monday.")
    # An appositive after a comma hangs on the claim, as a clause does.
    assert main_clause(
        "Investigators boarded the Harlow Star, the ferry that struck the pier at Kessel, "
        "as rain fell."
    ) == ("Investigators boarded the Harlow Star")
    # A setting before the subject is left out, unless it names, counts or dates something.
    assert main_clause(
        'Amid cheers of "at last," the Vellmark mayor opened the new bridge after a long delay.'
    ) == ("the Vellmark mayor opened the new bridge")
    assert main_clause(
        "On March 3, the Vellmark mayor opened the new bridge after a long delay."
    ) == ("On March 3, the Vellmark mayor opened the new bridge")
    assert main_clause(
        "At the Vellmark town hall, the mayor said the new bridge would open soon."
    ) == ("At the Vellmark town hall, the mayor said the new bridge would open soon.")
    # "as" without a comma is a preposition ("named X as the reason"), not a clause.
    assert main_clause(
        "The ferry captain named the storm as the reason he turned back after midnight."
    ) == ("The ferry captain named the storm as the reason he turned back")


def test_the_main_clause_told_over_two_sentences_counts_but_not_its_names_alone() -> None:
    line = "Forty passengers were hurt when the Orrin ferry hit the Kessel pier in thick fog."
    sentences = {
        "a": [_s("a", 0, line), _s("a", 1, "The pier reopened a week later.")],
        # The main claim over two sentences: the ferry and the pier in one, the hurt in the next.
        "b": [
            _s("b", 0, "The Orrin ferry hit the Kessel pier in thick fog on its morning run."),
            _s("b", 1, "Forty passengers were hurt, the harbour master told reporters."),
            _s("b", 2, "Lunch was served late in the village hall."),
        ],
        # The names and the figure over two sentences, not what happened to them.
        "c": [
            _s("c", 0, "Orrin and Kessel officials met in the fog on Monday."),
            _s("c", 1, "Forty of them later took the ferry home."),
        ],
    }
    alignment = align(sentences)
    with_pairs = alignment.support(line)
    without = alignment.support(line, pair_saying=1.01)
    assert with_pairs["b"] > without["b"] + 0.05
    # A pair holding the clause's names but not its saying words gains nothing ...
    assert with_pairs["c"] == without["c"]
    # ... which it would without that check.
    assert alignment.support(line, pair_saying=0.0)["c"] > without["c"]
