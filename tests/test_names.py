"""The story's name registry on small invented texts: namesakes in different reports, the
types of storms, regions, companies and bodies, and a surname that is also a town's name."""

from __future__ import annotations

import time
from datetime import datetime

import newsfuse
from newsfuse.analyze.entities import extract_entities
from newsfuse.analyze.names import Registry, find_mentions
from newsfuse.analyze.names.people import NAME_WORD
from newsfuse.model import Article


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, outlet="Wire", published=datetime(2003, 4, 7))


def _resolved(registry: Registry, article_id: str) -> list[tuple[str, str, str]]:
    return [(m.name, name, kind) for m, name, kind in registry.mentions[article_id]]


NAMESAKES = [
    _article(
        "a",
        "Voters chose Mara Pell as mayor. Odo Ruiz Vanek da Cunha, a grocer, said he was pleased. "
        "``Prices will fall,'' da Cunha said.",
    ),
    _article(
        "b",
        "The runner-up, Ivo Teles Brando da Cunha, of the Farmers Front, did not concede. "
        "By night da Cunha had not spoken. Later da Cunha called the count unfair.",
    ),
]


def test_a_bare_surname_is_its_own_reports_bearer() -> None:
    registry = Registry.build(NAMESAKES)
    assert ("Cunha", "Odo Ruiz Vanek da Cunha", "person") in _resolved(registry, "a")
    bare_b = [name for surface, name, _ in _resolved(registry, "b") if surface == "Cunha"]
    assert bare_b == ["Ivo Teles Brando da Cunha"] * 2
    assert registry.resolve("Cunha", "b") == "Ivo Teles Brando da Cunha"
    who = {e.name: e.type for e in extract_entities(NAMESAKES, registry)}
    assert who["Ivo Teles Brando da Cunha"] == "person"
    assert who["Odo Ruiz Vanek da Cunha"] == "person"


def test_the_namesake_named_most_in_a_report_keeps_its_bare_surname() -> None:
    # A brother named once does not take "Mr. Hale" from the man the report is about.
    text = (
        "Tom Hale, 60, ran the mill. Mr. Hale sold it in May. His brother, Abe Hale, said the "
        "sale surprised him. Mr. Hale moved away."
    )
    registry = Registry.build([_article("a", text)])
    bare = [name for surface, name, _ in _resolved(registry, "a") if surface == "Hale"]
    assert bare == ["Tom Hale", "Tom Hale"]


def test_full_names_with_a_middle_name_or_second_surname_are_one_person() -> None:
    articles = [
        _article("a", "Nuno Alves spoke first. Nuno Alves spoke again. Alves left."),
        _article("b", "Then Nuno Costa Alves, the minister, spoke. Alves left."),
    ]
    registry = Registry.build(articles)
    assert {name for _, name, _ in _resolved(registry, "b")} == {"Nuno Alves"}


TYPES = [
    _article(
        "a",
        "Hurricane Olga killed 40 people on Tuesday before Olga turned toward the Caribbean. "
        "Royal Caribbean canceled two trips, said Ella Voss, an analyst at Harlow Securities. "
        "Latin America braced for rain as Olga crossed the Caribbean. "
        "Harlow Securities expects losses across Latin America, Voss said.",
    ),
    _article(
        "b",
        "The Truth and Justice Commission heard 2,000 witnesses. Its chairman, Olu Banda, said "
        "the truth was hard to find. The Truth Commission will report in May, Banda said.",
    ),
]


def test_who_and_what_types_storms_regions_companies_and_bodies() -> None:
    who = {e.name: e.type for e in extract_entities(TYPES)}
    assert who["Hurricane Olga"] == "other"
    assert who["Caribbean"] == "place"
    assert who["Latin America"] == "place"
    assert who["Harlow Securities"] == "organization"
    assert who["Truth and Justice Commission"] == "organization"
    assert "Truth" not in who and "Justice Commission" not in who
    assert "Royal Caribbean" not in who or who["Royal Caribbean"] == "organization"
    registry = Registry.build(TYPES)
    olga = [name for surface, name, _ in _resolved(registry, "a") if surface == "Olga"]
    assert olga == ["Hurricane Olga", "Hurricane Olga"]
    caribbean = {(n, k) for s, n, k in _resolved(registry, "a") if s == "Caribbean"}
    assert caribbean == {("Caribbean", "place")}
    bodies = {n for s, n, k in _resolved(registry, "b") if k == "organization"}
    assert bodies == {"Truth and Justice Commission"}


def test_a_body_opener_and_a_place_make_a_company() -> None:
    [mention] = find_mentions("He booked a trip with Royal Caribbean last year.")
    assert (mention.name, mention.hint) == ("Royal Caribbean", "organization")


def test_a_surname_that_is_a_town_speaks_beside_a_speech_verb() -> None:
    text = (
        "Few buy insurance here, said Lemuel Paris, a broker. ``It is too late,'' said Paris, "
        "who sells to firms. The plan is a waste, Paris contended. Banks in Paris disagreed. "
        "France said Israel contends otherwise."
    )
    registry = Registry.build([_article("a", text)])
    paris = [(n, k) for s, n, k in _resolved(registry, "a") if s == "Paris"]
    assert paris == [("Lemuel Paris", "person")] * 2 + [("Paris", "place")]
    # A country never stands for a person, whoever the story names.
    assert ("Israel", "Israel", "place") in _resolved(registry, "a")


def test_a_town_named_surname_speaks_in_the_brief() -> None:
    brief = newsfuse.brief(
        [
            _article("a", "NORLAND _ " + TYPES[0].text),
            _article(
                "b",
                (
                    "Few buy insurance here, said Lemuel Paris, a broker for 30 years.\n\n"
                    "``You would rather sell to the man with four cars,'' said Paris, who sells."
                ),
            ),
        ]
    )
    speakers = {q.text: q.speaker for q in brief.quotes}
    assert speakers["You would rather sell to the man with four cars"] == "Lemuel Paris"


def test_a_common_word_opening_a_sentence_is_no_person() -> None:
    text = (
        "Officials said the road was shut. A driver, Jo White, waited. White said the "
        "officials were slow."
    )
    registry = Registry.build([_article("a", text)])
    resolved = _resolved(registry, "a")
    assert not any(surface == "Officials" for surface, _, _ in resolved)
    assert ("White", "Jo White", "person") in resolved


def test_a_long_capitalised_word_is_read_in_linear_time() -> None:
    # The name-word pattern once split a run of letters every way (2**n tries).
    start = time.process_time()
    assert NAME_WORD.fullmatch("K" + "a" * 26 + "\u00f6") is None
    assert time.process_time() - start < 1.0


def test_a_name_particle_joined_by_a_hyphen_stays_in_the_name() -> None:
    names = [m.name for m in find_mentions("Crowds prayed at al-Aqsa Mosque on Friday.")]
    assert "Aqsa Mosque" in names
