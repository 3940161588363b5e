"""Quote attribution: the learned component on text we wrote, and its scores on PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, require

from newsfuse.analyze.attribution import _model, attribute, resolve
from newsfuse.analyze.quotes import extract_quotes
from newsfuse.evaluate.quotes import brief_quotes, read_gold, score_quotes, speaker_matches
from newsfuse.model import Article

TEXT = (
    "Harbour council leader Mara Velton opened the new ferry terminal on Tuesday.\n\n"
    '"This terminal will carry twice as many passengers as the old one," Velton said. '
    '"We built it in under a year."\n\n'
    'The opposition called the project "rushed".'
)


def test_speaker_and_pieces_of_one_statement() -> None:
    found = list(attribute(Article("a", TEXT)))
    said = [a for a in found if "twice as many" in a.text]
    assert len(said) == 1 and said[0].speaker == "Mara Velton"
    assert "under a year" in said[0].text  # the two pieces around "Velton said" are one
    assert 0.0 < said[0].confidence <= 1.0
    # A one-word scare quote is no quote of the brief.
    assert not any("rushed" in q.text for q in extract_quotes([Article("a", TEXT)]))


def test_speaker_matching() -> None:
    assert speaker_matches("Larry Krasner", "Philadelphia District Attorney Larry Krasner")
    assert speaker_matches("Larry Krasner", "Mr. Krasner")
    assert not speaker_matches("Pennsylvania Republicans", "Mr. Krasner")


def test_eval_counts_on_a_written_file(tmp_path: Path) -> None:
    start = TEXT.index('"This')
    end = TEXT.index('year."') + 6
    source = TEXT.index("Velton said")
    row = {
        "id": "a",
        "text": TEXT,
        "attributions": [
            {
                "source": {"start": source, "end": source + 6, "text": "Velton"},
                "cue": {"start": source + 7, "end": source + 11, "text": "said"},
                "content": {"start": start, "end": end, "text": TEXT[start:end]},
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n")
    scores = score_quotes(read_gold(path), brief_quotes)
    assert (scores.gold, scores.found, scores.found_with_speaker) == (1, 1, 1)


def test_polnear_dev_beats_the_rules_it_replaced() -> None:
    # The rules measured 0.79 quote precision and 0.82 speaker precision on dev. Recall
    # (0.85) sits under the rules' 0.90: fragments we cannot attribute are left out.
    path = require(SHARED / "attribution" / "polnear_dev.jsonl")
    s = score_quotes(read_gold(path), brief_quotes).as_dict()
    assert s["precision"] >= 0.92 and s["recall"] >= 0.83
    # Speaker precision 0.941 at recall 0.731 (0.924 at 0.729 before the ranking read the
    # sentence context and the threshold held on every fold; 0.90 at 0.64 before the verifier).
    assert s["speaker_precision"] >= 0.93 and s["speaker_recall"] >= 0.70


def _speakers(text: str) -> dict[str, str | None]:
    return {a.text: a.speaker for a in attribute(Article("a", text))}


def test_pronouns_pick_the_speaking_antecedent() -> None:
    # "Unlike Orsen, she ..." is not Orsen speaking; an unnamed official who spoke is "he".
    text = (
        "Port director Ilse Varga spoke after the vote on Monday.\n\n"
        'Unlike Piet Orsen, she said the harbour "will reopen within the month, whatever it costs".'
        "\n\nA senior port official, speaking on condition of anonymity, said the talks "
        "were long.\n\n"
        '"This was a hard negotiation and nobody got everything," he said.'
    )
    speakers = _speakers(text)
    assert speakers["will reopen within the month, whatever it costs"] == "Ilse Varga"
    assert speakers["This was a hard negotiation and nobody got everything"] == (
        "A senior port official"
    )


def test_titled_name_of_a_body_and_an_apostrophe_inside_a_name() -> None:
    from newsfuse.analyze.names.mentions import find_mentions

    found = find_mentions("said Captain Rhona O’Dell of the Northern Pilots, who led.")
    assert [(m.name, m.role) for m in found] == [
        ("Rhona O’Dell", "Captain"),
        ("Northern Pilots", ""),
    ]


def test_clergy_police_and_coaching_titles_are_roles_not_first_names() -> None:
    from newsfuse.analyze.names.mentions import find_mentions

    text = "Rabbi Ada Merrow and Sheriff Piet Orsen met Coach Lin Tovar."
    assert [(m.name, m.role) for m in find_mentions(text)] == [
        ("Ada Merrow", "Rabbi"),
        ("Piet Orsen", "Sheriff"),
        ("Lin Tovar", "Coach"),
    ]


def test_a_caption_credit_glued_to_the_next_words_is_not_part_of_a_name() -> None:
    from newsfuse.analyze.names.mentions import find_mentions

    found = find_mentions("Photo: Getty Images Ada Merrow waves. Reuters The Velton Council met.")
    assert [m.name for m in found] == ["Photo", "Ada Merrow", "Velton Council"]
    alone = find_mentions("A picture from Getty Images shows the harbour.")
    assert [m.name for m in alone] == ["Getty Images"]


def test_a_nationality_adjective_ends_no_persons_name() -> None:
    from newsfuse.analyze.names.mentions import find_mentions

    (korean,) = find_mentions("A South Korean said so.")
    assert (korean.name, korean.hint) == ("South Korean", "other")


def test_a_surname_never_given_in_full_can_speak() -> None:
    # "Okafor" alone is no entity of the story's Registry; cued by "said", it still speaks.
    from newsfuse.analyze.names import Registry

    text = (
        "The harbour board met on Tuesday to discuss the winter timetable.\n\n"
        '"We cannot run the late crossing with one boat and no spare crew," said Okafor, '
        'who chairs the board. "Something has to give."'
    )
    article = Article("a", text)
    registry = Registry.build([article])
    assert "Okafor" in {m.name for m in registry.unresolved["a"]}
    said = [a for a in attribute(article, registry) if "late crossing" in a.text]
    assert [a.speaker for a in said] == ["Okafor"]


def test_confidence_is_the_verifiers_and_zero_when_unattributed() -> None:
    text = (
        "Port director Ilse Varga spoke after the vote.\n\n"
        '"The harbour will reopen within the month," Varga said.\n\n'
        'A sign on the quay read "Closed until further notice for repairs to the pier".'
    )
    quotes = {q.text: q for q in extract_quotes([Article("a", text)])}
    spoken = quotes["The harbour will reopen within the month"]
    threshold = float(str(_model()["speaker"]["threshold"]))
    assert spoken.speaker == "Ilse Varga" and threshold <= spoken.confidence <= 1.0
    unattributed = [q for q in quotes.values() if q.speaker is None]
    assert unattributed and all(q.confidence == 0.0 for q in unattributed)


def test_a_speaker_in_a_speech_verb_clause_is_held_to_the_cued_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "Port director Ilse Varga spoke after the vote.\n\n"
        '"The harbour will reopen within the month," Varga said.'
    )
    model = dict(_model())

    def speakers(cued: float, other: float) -> list[str | None]:
        model["speaker"] = {**_model()["speaker"], "cued_threshold": cued, "threshold": other}
        monkeypatch.setattr(resolve, "_model", lambda: model)
        return [a.speaker for a in attribute(Article("a", text)) if a.cued]

    assert speakers(0.0, 1.01) == ["Ilse Varga"]
    assert speakers(1.01, 0.0) == [None]


def test_a_speaker_before_said_at_a_sentence_end_is_kept() -> None:
    # A feed that breaks lines with single newlines (the whole story one paragraph); the
    # speech verb ends its sentence ('Whitlock said.'), a description stands before the
    # name ("Riverton coach"), and "he" follows a sentence whose subject is the player.
    text = (
        "The Riverton Hawks beat the Lakeside Owls 27-10 on Sunday.\n"
        "Owls receiver Tobias Vanterpool caught two passes for 40 yards in the first half.\n"
        "“Big afternoon for this group,” Riverton coach Dana Whitlock said. “We kept our heads "
        "and finished the job on the road.”\n"
        "Vanterpool may have been the only one unhappy with his own catch.\n"
        "“I should have held on to it the first time,” he said. “I will work on that all "
        "week.”\n"
        "The Hawks host the Owls again in two weeks."
    )
    speakers = {text.split(" ... ")[0]: s for text, s in _speakers(text).items()}
    assert speakers["Big afternoon for this group"] == "Dana Whitlock"
    assert speakers["I should have held on to it the first time"] == "Tobias Vanterpool"


def test_hyphenated_and_particle_names_are_one_person() -> None:
    from newsfuse.analyze.names import Registry
    from newsfuse.analyze.names.people import could_be_person

    assert could_be_person("Marie-Claire") and could_be_person("Ines de Waal")
    assert not could_be_person("de Waal") and not could_be_person("HARBOUR")
    text = (
        "Harbour master Marie-Claire Osterby and pilot Joost van der Hulst met on Monday.\n\n"
        '"The channel is safe again," van der Hulst said.\n\n'
        '"We dredged it twice this winter," said Osterby.'
    )
    article = Article("a", text)
    registry = Registry.build([article])
    people = {n for _, n, k in registry.mentions["a"] if k == "person"}
    assert {"Marie-Claire Osterby", "Joost van der Hulst"} <= people
    speakers = _speakers(text)
    assert speakers["The channel is safe again"] == "Joost van der Hulst"
    assert speakers["We dredged it twice this winter"] == "Marie-Claire Osterby"


def test_a_description_of_an_office_is_the_one_person_named_with_it() -> None:
    text = (
        "On Monday, District Attorney Jo Merrow charged two dock workers with theft.\n\n"
        '"We have every record we need to go to trial," the district attorney said.\n\n'
        "The inquiry was called for by Sen. Ada Lund, who chairs the port committee.\n\n"
        "The hearing was set for May.\n\n"
        '"The port deserves answers before the summer season," the senator said.'
    )
    from newsfuse.analyze.names import Registry

    registry = Registry.build([Article("a", text)])
    said = text.index("the district attorney said")
    assert registry.by_office("the district attorney", "a", said) == "Jo Merrow"
    assert registry.by_office("the district attorney", "a", 0) is None  # not named yet
    speakers = _speakers(text)
    assert speakers["The port deserves answers before the summer season"] == "Ada Lund"
    # Two people named with the office: "the senator" is neither (precision first).
    two = text.replace("The hearing", "Sen. Piet Orsen agreed. The hearing")
    assert _speakers(two)["The port deserves answers before the summer season"] is None


def test_each_line_of_a_one_paragraph_a_line_page_is_a_paragraph() -> None:
    from newsfuse.analyze.attribution import paragraph_spans

    text = 'Ada Lund spoke first.\n"We will go on," she said.\nand a line\nwrapped.\n\nEnd.'
    assert [text[a:b] for a, b in paragraph_spans(text)] == [
        "Ada Lund spoke first.",
        '"We will go on," she said.\nand a line\nwrapped.',
        "End.",
    ]


def test_a_pronoun_after_a_sentence_opened_by_a_name_is_that_name() -> None:
    # The name opening the sentence before "she" is its antecedent; the sentence end just
    # before that name was missed, which put the earlier sentence's name beside it.
    text = (
        "The ferry crews back Piet Orsen and the harbour board backs Ada Lund.\n\n"
        "At the vote on Tuesday, Piet Orsen spoke first. Ada Lund took the floor for the "
        'board.\n\n"The late crossing will stay for one more winter," she said.'
    )
    assert _speakers(text)["The late crossing will stay for one more winter"] == "Ada Lund"


def test_a_line_break_ends_a_name() -> None:
    from newsfuse.analyze.names.mentions import find_mentions

    found = find_mentions("Read more from Harbour Weekly\nPiet Orsen said the ferry is late.")
    assert "Piet Orsen" in [m.name for m in found]


def test_a_name_read_off_page_furniture_is_no_speaker() -> None:
    # A video player's label before the quote is capitalised words, not the one speaking.
    text = (
        "Harbour engineer Ada Lund said the new gates are far from perfect.\n\n"
        "JUST WATCHED Why do harbour gates fail? Replay More Videos ... MUST WATCH 01:14\n\n"
        '"The gates have to close before the surge arrives, or they do nothing," he said.'
    )
    speakers = _speakers(text)
    assert speakers["The gates have to close before the surge arrives, or they do nothing"] in (
        None,
        "Ada Lund",
    )


def test_a_speaker_leading_the_quote_with_a_colon_is_kept() -> None:
    # The verifier reads the cue's shape: `Stated X:` on the line before the quote is the
    # speaker introducing it (held back as unsure before it read the shape).
    text = (
        "The port plan drew a crowd on Monday, and mayor Ole Brevik spoke first.\n\n"
        "Stated Brevik:\n\n"
        '"The first duty of this council is to the people who live by the water."'
    )
    found = list(attribute(Article("a", text)))
    assert [a.speaker for a in found] == ["Ole Brevik"]


def test_a_surname_after_place_prepositions_is_still_the_person() -> None:
    # "to Velton", "from Velton" made the surname a place by vote; it is Mara Velton.
    from newsfuse.analyze.names import Registry

    text = (
        "Harbour council leader Mara Velton opened the terminal on Tuesday.\n\n"
        "Critics wrote to Velton in March, and letters came from Velton in reply.\n\n"
        "Velton's office said the terminal cost less than planned."
    )
    registry = Registry.build([Article("a", text)])
    kinds = {(m.name, k) for m, _, k in registry.mentions["a"]}
    assert ("Velton", "person") in kinds and ("Velton", "place") not in kinds


def test_initials_contractions_and_descriptions_give_whole_names() -> None:
    # "Jo K. Merrow" is Jo Merrow (not "Jo K"); "Merrow isn't" is Merrow (not "Merrow Isn");
    # "a report in the archive" names no one ("A report in the archive" was printed).
    from newsfuse.analyze.names.mentions import find_mentions

    names = [m.name for m in find_mentions("Mayor Jo K. Merrow spoke. Velton Isn’t Done, it read.")]
    assert names[:2] == ["Jo Merrow", "Velton"]
    assert [m.name for m in find_mentions("He took Vitamin C. He slept.")] == ["Vitamin C"]
    text = (
        "Council leader Ada Lund opened the archive on Monday.\n\n"
        'A note in the archive said the harbour "had flooded nine times in a century."'
    )
    speakers = {a.speaker for a in attribute(Article("a", text))}
    assert not any(s and s.startswith("A note") for s in speakers)


def test_an_indefinite_pronoun_or_a_people_is_no_speaker() -> None:
    # "Another said" opens a sentence with a capital; "Americans" are a people: no one to print.
    texts = (
        'Harbour officials met on Monday.\n\nAnother said the vote "will not change what the '
        'port does next."',
        'Port officials and Americans living nearby met on Monday.\n\n"We want the ferry back '
        'before the winter storms," Americans told the council.',
    )
    for text in texts:
        assert [a.speaker for a in attribute(Article("a", text))] == [None]


def test_a_surname_the_gazetteer_calls_a_place_is_the_person_named_with_it() -> None:
    # "Bolton" alone is a town to the gazetteer; the story names "Lena Bolton".
    text = (
        "Harbour pilot Lena Bolton spoke after the storm on Tuesday.\n\n"
        '"We will not sail in this weather, whatever the timetable says," Bolton said.'
    )
    assert list(_speakers(text).values()) == ["Lena Bolton"]


def test_a_surname_two_people_share_names_neither() -> None:
    from newsfuse.analyze.attribution.resolve import _Resolver
    from newsfuse.analyze.names import Registry

    text = "On Tuesday, Lena Bolton and her brother Piet Bolton ran the yard. Bolton said so."
    article = Article("a", text)
    resolver = _Resolver(text, Registry.build([article]), "a")
    assert resolver._surname_of("Bolton") is None
    assert resolver._surname_of("Yard Master Piet Bolton") is None


def test_a_country_is_no_surname_of_a_name_the_rules_took_for_a_person() -> None:
    from newsfuse.analyze.attribution.resolve import _Resolver
    from newsfuse.analyze.names import Registry

    text = "On Monday, Editor Russia and Lena Bolton met. Russia said so. Bolton agreed."
    article = Article("a", text)
    resolver = _Resolver(text, Registry.build([article]), "a")
    resolver.names = [(11, "Editor Russia", "person", ""), (29, "Lena Bolton", "person", "")]
    assert resolver._surname_of("Russia") is None
    assert resolver._surname_of("Bolton") == "Lena Bolton"
    resolver.names = [(29, "Bolton", "person", "")]  # one word: no full name to give
    assert resolver._surname_of("Bolton") is None


def test_sentence_index_agrees_with_the_scan_it_replaces() -> None:
    from newsfuse.analyze.attribution.evidence import _sentence_span, _Sentences

    text = (
        'Mr. Ode Lanz spoke first. "We sail at dawn," he said. Then the U.S. envoy, '
        "Ms. Rhee, left.\n\nA second paragraph opens here! Does it end? Yes."
    )
    index = _Sentences(text, 0, len(text))
    for low in (0, 20, text.index("A second")):
        for at in range(low, len(text)):
            assert index.span(at, low) == _sentence_span(text, at, low, len(text)), (low, at)


def _context(text: str, needle: str) -> dict[str, float]:
    """The ranking's features of the mention `needle` for the article's only statement."""
    from newsfuse.analyze import attribution as attr
    from newsfuse.analyze.attribution.evidence import ranking_features
    from newsfuse.analyze.names import Registry

    article = Article("a", text)
    registry = Registry.build([article])
    paragraphs = attr.paragraph_spans(text)
    found = attr.pieces(text, paragraphs)
    number = found[0].paragraph
    options = attr.candidates(text, paragraphs, found, number, registry, "a")
    features = ranking_features(text, found, options, paragraphs, found)
    return next(f for c, f in zip(options, features, strict=True) if c.text == needle)


def test_the_ranking_reads_which_word_relays_a_quote() -> None:
    told = _context(
        'Ferry captain Ode Lanz told the Gazette: "We sail at dawn or not at all."', "Ode Lanz"
    )
    assert told["v_relayed_own=told"] == 1.0 and told["v_relayed_by=None"] == 1.0
    relayed = _context(
        '"We sail at dawn or not at all," Lanz said, according to Harbour Radio.', "Harbour Radio"
    )
    assert relayed["v_relayed_by=according"] == 1.0


def test_quotations_in_single_marks_are_read_as_quotations() -> None:
    from newsfuse.analyze.quotes import double_marked

    text = (
        "The harbour board voted to close the old pier on Monday.\n\n"
        "'We had no other choice. The timbers are rotten,' board chairman Ada Merrow said.\n\n"
        "'It's a sad day for the town,' said Jon Tovar, who has fished from the pier for "
        "forty years. The pier's café will move to the players' lounge by the harbour."
    )
    article = Article("a1", text)
    marked = double_marked(article)
    assert len(marked.text) == len(text)
    assert marked.text.count('"') == 4  # apostrophes and possessives keep their marks
    speakers = {q.speaker for q in extract_quotes([article])}
    assert {"Ada Merrow", "Jon Tovar"} <= speakers
    # An article quoting in double marks keeps its single marks (a quote within a quote).
    nested = Article("a2", "\"He told me 'Never again,' and left,\" Ada Merrow said on Monday.")
    assert double_marked(nested) is nested


def test_she_is_no_one_the_article_calls_he_and_an_age_ends_a_name() -> None:
    text = (
        "Mayor Tom Fielding said the decision was a blow to the island.\n\n"
        "Maria Lopez, 34, remembers the winter the boat stopped. "
        "As far as she is concerned, the council has done its best.\n\n"
        '"Without the boat I would lose my job," she said.\n\n'
        "Fielding has done his best, residents say.\n\n"
        '"We will not give up on this crossing," she said.'
    )
    speakers = {q.text.split()[0]: q.speaker for q in extract_quotes([Article("a", text)])}
    # A first name opening a sentence is part of the name when an age follows it.
    assert speakers["Without"] == "Maria Lopez"
    # The last person named is a man the article calls "his": abstain, not Fielding.
    assert speakers["We"] is None


def test_a_long_appositive_before_said_keeps_the_first_name() -> None:
    text = (
        "The harbour reopened on Monday.\n\n"
        "Ada Quillmore, another harbour pilot who had known the captain for many years, said, "
        '"He never once sailed in weather he did not trust."'
    )
    quotes = extract_quotes([Article("a", text)])
    assert [q.speaker for q in quotes] == ["Ada Quillmore"]


def test_a_lone_first_name_before_the_full_name_is_no_speaker() -> None:
    text = (
        "Flooding hits Riverton\n\n"
        'A dad known only as Kevin said: "We have lost everything we had in the basement."\n\n'
        '"The river rose faster than anyone expected," Kevin Harris said.\n\n'
        'Kevin said: "The water came in through the back door."'
    )
    speakers = {a.text[:12]: a.speaker for a in attribute(Article("a", text))}
    # The first Kevin may be anyone: the article has not yet named Kevin Harris.
    assert speakers["We have lost"] is None
    assert speakers["The river ro"] == "Kevin Harris"
    assert speakers["The water ca"] == "Kevin Harris"  # after the full name: the same man


def test_a_single_word_is_a_quote_only_when_a_speech_verb_gives_its_speaker() -> None:
    text = (
        "Ferry terminal opens in Riverton\n\n"
        "Harbour council leader Mara Velton opened the new ferry terminal on Tuesday.\n\n"
        'Velton called the old terminal "dangerous" and said the new one was overdue.\n\n'
        'The new pier is "temporary", according to the plans.'
    )
    printed = {q.text: q.speaker for q in extract_quotes([Article("a", text)])}
    assert printed == {"dangerous": "Mara Velton"}


def test_an_object_her_after_a_name_marks_no_gender() -> None:
    text = (
        "The clinic where Dr. Ivo Marrick worked until he retired reopened on Monday.\n\n"
        "Lena Dorsey, 31, remembers the winter she first came. "
        "As far as she is concerned, Marrick gave her a second chance.\n\n"
        '"I would not be here without that clinic," she said.'
    )
    quotes = extract_quotes([Article("a", text)])
    # Marrick is "he" (a verb follows his name); "her" after it is someone else: the quote
    # is not his, and nobody else is named in his sentence, so it stays unattributed.
    assert [q.speaker for q in quotes] == [None]
