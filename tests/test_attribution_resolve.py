"""Speaker resolution forms found by reading PolNeAR train's unattributed quotes: titles
before names, signed quotes, mentions that cannot speak, and bodies that are never "he".
Every text here is written for the test."""

from __future__ import annotations

from newsfuse.analyze.attribution import attribute, resolve
from newsfuse.analyze.attribution.features import Candidate
from newsfuse.analyze.names import Registry
from newsfuse.analyze.quotes import find_quotes
from newsfuse.model import Article


def _said(text: str) -> list[tuple[str | None, str | None]]:
    article = Article("a", text)
    return [(q.speaker, q.role) for q in find_quotes(article, Registry.build([article]))]


def _resolver(text: str) -> resolve._Resolver:
    return resolve._Resolver(text, Registry.build([Article("a", text)]), "a")


def test_a_name_behind_a_title_is_the_person_with_the_title_as_role() -> None:
    r = _resolver("The vote was held on Monday.")
    assert r._titled("Riverton Alderman Ada C. Lund") == ("Ada C. Lund", "Riverton Alderman")
    assert r._titled("Clark County Recorder Ivo Berg") == ("Ivo Berg", "Clark County Recorder")
    assert r._titled("Nils Holm III") == ("Nils Holm III", None)
    # Capitalised words with no title before the name are no person's.
    assert r._titled("Riverton Harbour Bridge Works") is None


def test_a_title_at_a_sentences_start_is_the_role_and_answers_to_its_office() -> None:
    text = (
        "Archbishop Jo Lund led the service on Sunday in the old cathedral.\n\n"
        "The crowd filled the square outside.\n\n"
        '"We pray for every family that lost a home in the flood," the archbishop said.'
    )
    assert _said(text) == [("Jo Lund", "Archbishop")]


def test_a_courtesy_title_or_a_date_is_no_role() -> None:
    assert resolve._title_before("Mr. Ivo Berg", 4) is None
    for text, title in (
        ("On Monday President Ivo Berg", "President"),
        ("He met Lund. Archbishop Ivo Berg", "Archbishop"),
        ("Riverton Gov. Ivo Berg", "Riverton Gov."),
    ):
        assert resolve._title_before(text, text.index("Ivo")) == title


def test_he_or_she_is_never_a_body() -> None:
    company = (
        "Riverton Steel reported a loss on Tuesday. The company cut its forecast for the year."
        '\n\n"The market for steel will not recover before next spring," he said.'
    )
    assert _said(company) == [(None, None)]
    analyst = company.replace("on Tuesday.", "on Tuesday, according to analyst Ivo Berg.")
    assert _said(analyst) == [("Ivo Berg", None)]


def test_a_quote_signed_in_the_next_paragraph_is_the_signers() -> None:
    text = (
        "The claims were checked one by one.\n\n"
        '"We will rebuild the bridge before winter comes and the town will pay nothing."\n\n'
        "- Ada Lund, Riverton mayor.\n\n"
        "The claim does not hold."
    )
    found = list(attribute(Article("a", text)))
    assert [(a.speaker, a.confidence) for a in found] == [("Ada Lund", resolve.SIGNED_CONFIDENCE)]
    # A quote with the writer's words around it is not signed by a line after it.
    unsigned = text.replace('"We will', 'The mayor promised "we will')
    assert all(a.speaker is None for a in attribute(Article("a", unsigned)))


def test_mentions_that_cannot_speak_give_their_share_to_the_others() -> None:
    text = "Ivo Berg, a farmer from Lund, Norway, says the harvest failed."
    r = _resolver(text)
    place = Candidate("name", text.index("Norway"), text.index("Norway") + 6, "Norway")
    place = Candidate(place.kind, place.start, place.end, place.text, "Norway", "place")
    person = Candidate("name", 0, 8, "Ivo Berg", "Ivo Berg", "person")
    said = resolve._without_non_speakers(r, [person, place], [0.2, 0.6], [])
    assert said == [0.5, 0.0]  # 0.2 of the 0.4 left when the place cannot speak
    opening = Candidate("name", 0, 9, "According", "According", "unknown")
    assert resolve._without_non_speakers(r, [opening, person], [0.5, 0.25], []) == [0.0, 0.5]
    # A place that is a sentence's subject may speak ("Norway said"): it keeps its share.
    subject = Candidate("name", 0, 6, "Norway", "Norway", "place")
    assert resolve._without_non_speakers(r, [subject, person], [0.5, 0.25], []) == [0.5, 0.25]


def test_a_quote_going_on_into_the_next_paragraph_keeps_its_speaker() -> None:
    text = (
        "Riverton Mayor Ada Lund spoke at length on Monday about the flood.\n\n"
        'Lund said: "We lost the bridge in the spring and the ferry in the summer. Nobody '
        "in this town has forgotten what that cost.\n\n"
        '"The river took the road and the shops with it, and the school shut for a month.\n\n'
        '"We will build it again, and this time higher than the water has ever come."\n\n'
        "The council meets again next week."
    )
    assert [s for s, _ in _said(text)] == ["Ada Lund"] * 3
    # A paragraph opening with a quotation mark after a closed quote is a new statement.
    closed = text.replace("cost.\n\n", 'cost."\n\n')
    assert [s for s, _ in _said(closed)][1] is None
    # Words after a closing mark ('"A “B,” she said.') leave no quote open, whatever the
    # count of marks says.
    after = text.replace("the shops with it,", "the shops, “every one,” she said,")
    assert [s for s, _ in _said(after)][-1] is None


def test_a_sentences_adverb_is_no_name_and_a_long_name_is_a_persons() -> None:
    text = "Specifically, the plan failed. Manning said no. Doing so cost a year."
    r = _resolver(text)
    for word, named in (("Specifically", False), ("Manning", True), ("Doing", False)):
        at = text.index(word)
        mention = Candidate("name", at, at + len(word), word, word, "unknown")
        assert r._adverb_opening(mention) is not named
    assert r._long_name("Ada Hall Lund") and r._long_name("Ada Maria Lund Berg")
    assert not r._long_name("Riverton Harbour Commissioner Lund")


def test_a_surname_ending_like_an_adverb_still_speaks() -> None:
    text = (
        "Ada Kelly became mayor of Riverton in May after a long campaign.\n\n"
        'Kelly, who ran unopposed, told reporters: "We will rebuild the old bridge before winter '
        'comes."'
    )
    ((speaker, _),) = _said(text)
    assert speaker is not None and speaker.endswith("Kelly")
