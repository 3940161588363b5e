"""Cross-source analysis on the seeds and two Giveme5W1H events, scored against expectations
written from reading them (before running the analysis on them).

Each section's precision and recall is printed (pytest -s) and held above a floor, so that a
change that loses quotes or invents discrepancies fails here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import SHARED, require

import newsfuse
from newsfuse.analyze import Analysis, analyze
from newsfuse.analyze.clause_date import resolve_dates
from newsfuse.analyze.discrepancies import find_quantities
from newsfuse.analyze.exclusives import find_exclusives
from newsfuse.analyze.names import Registry
from newsfuse.clean import clean
from newsfuse.ingest.formats import parse_date
from newsfuse.model import Article, Exclusive, Sentence
from newsfuse.time.lexicon import parse_number

ROOT = Path(__file__).resolve().parents[1]

# (accepted speakers, phrase in the quote, articles printing it)
SEED_QUOTES = [
    ({"Xi Jinping"}, "mutual respect and sincerity", {"000", "002", "003"}),
    ({"Xi Jinping"}, "agreement on some specific issues", {"002"}),
    ({"Xi Jinping"}, "follow through with the common understanding", {"002"}),
    ({"Xi Jinping"}, "first american friend", {"001"}),
    ({"Xi Jinping"}, "placed our hopes on the american people", {"001"}),
    ({"Xi Jinping"}, "foundation of sino us relations lies in the people", {"002"}),
    ({"Wang Yi"}, "reflect deeply and work with china", {"000", "002"}),
    ({"Wang Yi"}, "downward spiral", {"000", "001", "002"}),
    ({"Wang Yi"}, "objectivity and rationality", {"000", "002"}),
    ({"Wang Yi", "China's Ministry of Foreign Affairs"}, "choice between dialogue", {"000", "003"}),
    ({"Wang Yi"}, "no room for compromise", {"000", "003"}),
    ({"China's Ministry of Foreign Affairs"}, "erroneous perception of china leading", {"001"}),
    ({"Antony Blinken"}, "direct engagement and sustained communication", {"001"}),
    ({"Antony Blinken"}, "heard the same from my chinese counterparts", {"001"}),
    ({"Antony Blinken"}, "frank and constructive conversations", {"003"}),
    ({"Antony Blinken"}, "committed to doing everything we can", {"003"}),
    ({"Antony Blinken"}, "resolved peacefully", {"003"}),
    ({"Antony Blinken"}, "by coercion and pressure", {"003"}),
    ({"Antony Blinken"}, "precisely so that we can make sure", {"004"}),
    ({"Antony Blinken", "State Department"}, "diplomacy to raise concerns", {"003"}),
    ({"Qin Gang"}, "since the establishment of diplomatic relations", {"001", "003"}),
    ({"Qin Gang"}, "fundamental interests of the two peoples", {"001"}),
    ({"Qin Gang"}, "taiwan issue is the core", {"001"}),
    ({"Qin Gang"}, "the problem most important", {"003"}),
    ({"Qin Gang"}, "stable predictable and constructive", {"000"}),
    ({"Matthew Miller"}, "candid substantive and constructive", {"001"}),
    ({"Matthew Miller", "Antony Blinken"}, "importance of diplomacy", {"001"}),
    ({"A senior US official"}, "real conversation", {"001"}),
    ({"Jake Sullivan"}, "significant event", {"002"}),
    ({"Joe Biden"}, "legitimate differences", {"000"}),
    # Short quotes a speech verb attributes ('Wang urged the US to "reflect deeply"'); a
    # phrase in quotes that no verb attributes is a scare quote and not listed.
    ({"Xi Jinping"}, "candid and in depth", {"000"}),
    ({"Xi Jinping"}, "some specific issues", {"000", "002"}),
    ({"Wang Yi"}, "reflect deeply", {"000", "002"}),
    ({"Wang Yi"}, "erroneous perception", {"000", "002"}),
    ({"Wang Yi"}, "critical juncture", {"000"}),
    ({"Wang Yi"}, "cooperation or conflict", {"001"}),
    ({"China's Ministry of Foreign Affairs"}, "low point", {"001", "004"}),
    ({"Jake Sullivan"}, "transformational moment", {"002"}),
]
# (about, competing values as phrases)
SEED_DISCREPANCIES = [("Blinken-Qin Gang talks", {"seven and a half hours", "nearly six hours"})]
# (date, kind, word in the entry)
SEED_TIMELINE = [
    ("2023-06-16", "event", "gates"),
    ("2023-06-17", "event", "biden"),
    ("2023-06-17", "event", "leaving"),
    ("2023-06-18", "event", "qin"),
    ("2023-06-18", "event", "sunday"),
    ("2023-06-19", "event", "wang"),
    ("2023-06-19", "event", "xi"),
    ("2023-06-22", "scheduled", "modi"),
    ("2023-11", "scheduled", "apec"),
    ("2023-02", "background", "balloon"),
    ("2022-10", "background", "abc"),
    ("2022-11", "background", "bali"),
    ("2022-08", "background", "live-fire"),
    ("1949", "background", "1949"),
]
# (article, word in the sentence): details one source alone prints
SEED_EXCLUSIVES = [
    ("001", "fundamental interests"),
    ("001", "live-fire"),
    ("001", "senior us official"),
    ("001", "placed our hopes"),
    ("002", "modi"),
    ("002", "quad"),
    ("002", "sullivan"),
    ("002", "significant event"),
    ("002", "analysts say"),
    ("002", "road map"),
    ("002", "qin feng"),
    ("002", "catching up"),
    ("002", "foundation of sino-us"),
    ("002", "current world situation"),
    ("002", "new delhi"),
    ("003", "fueling fears"),
    ("003", "4:30"),
    ("003", "1949"),
    ("003", "one china policy"),
    ("003", "abc news"),
    ("003", "committed to doing everything"),
    ("003", "resolved peacefully"),
    ("004", "neither mr blinken"),
    ("004", "fentanyl"),
]
# Seed exclusives that are mostly quotation: the quotes section shows them with their
# speaker, so "one source only" leaves them out (issue 16).
SEED_QUOTED = {
    ("001", "fundamental interests"),
    ("001", "placed our hopes"),
    ("002", "significant event"),
    ("002", "current world situation"),
    ("002", "foundation of sino-us"),
    ("003", "committed to doing everything"),
    ("003", "resolved peacefully"),
}


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _short(ids: object) -> set[str]:
    return {i.split("_", 1)[0] for i in ids}  # type: ignore[attr-defined]


def _pr(
    correct_predictions: int, predictions: int, found: int, expected: int
) -> tuple[float, float]:
    return correct_predictions / max(predictions, 1), found / max(expected, 1)


@pytest.fixture(scope="module")
def seed_analysis(seed_articles: list[Article]) -> Analysis:
    return analyze([clean(a) for a in seed_articles])


def test_quotes_on_seeds(seed_analysis: Analysis) -> None:
    def hit(q: object, gold: tuple[set[str], str, set[str]]) -> bool:
        speakers, phrase, _ = gold
        return q.speaker in speakers and any(  # type: ignore[attr-defined]
            phrase in _norm(v.text)
            for v in q.variants  # type: ignore[attr-defined]
        )

    quotes = seed_analysis.quotes
    correct = sum(any(hit(q, g) for g in SEED_QUOTES) for q in quotes)
    found = [g for g in SEED_QUOTES if any(hit(q, g) for q in quotes)]
    cited = sum(any(hit(q, g) and g[2] <= _short(q.citations) for q in quotes) for g in SEED_QUOTES)
    p, r = _pr(correct, len(quotes), len(found), len(SEED_QUOTES))
    print(f"\nquotes: P={p:.2f} R={r:.2f} ({len(quotes)} predicted); all citations for {cited}")
    assert p >= 0.75 and r >= 0.8
    # The two translations of Xi's remark are one quote with variants.
    xi = [q for q in quotes if hit(q, SEED_QUOTES[0])]
    assert len(xi) == 1 and len(xi[0].variants) >= 2
    assert {"000", "002", "003"} <= _short(xi[0].citations)


def test_speaker_normalisation(seed_articles: list[Article]) -> None:
    registry = Registry.build([clean(a) for a in seed_articles])
    article = seed_articles[0].id
    for form in (
        "Mr Blinken",
        "Blinken",
        "Antony Blinken",
        "Secretary Blinken",
        "Anthony Blinken",
        "the top US diplomat",
    ):
        assert registry.resolve(form, article) == "Antony Blinken", form
    assert registry.resolve("Qin", article) == "Qin Gang"
    assert registry.resolve("a senior US official", article) is None


def test_discrepancies_on_seeds(seed_analysis: Analysis) -> None:
    found = seed_analysis.discrepancies
    values = [{v.value for v in d.values} for d in found]
    correct = sum(any(v == g for _, g in SEED_DISCREPANCIES) for v in values)
    p, r = _pr(correct, len(found), correct, len(SEED_DISCREPANCIES))
    print(f"\ndiscrepancies: P={p:.2f} R={r:.2f}")
    assert p == 1.0 and r == 1.0


def test_discrepancy_on_example() -> None:
    import newsfuse

    articles = [clean(a) for a in newsfuse.read(ROOT / "examples" / "harbour-ferry")]
    found = analyze(articles).discrepancies
    assert [{v.value for v in d.values} for d in found] == [{"212 passengers", "230 passengers"}]
    odd = next(v for v in found[0].values if v.value == "230 passengers")
    assert odd.citations == ("northern-tribune",)


def test_example_quotes_and_timeline() -> None:
    import newsfuse

    analysis = analyze([clean(a) for a in newsfuse.read(ROOT / "examples" / "harbour-ferry")])
    # Halvik's remark in three translations is printed three times, never under anyone else.
    # Two of them share one content word and their speaker falls just under the attribution
    # verifier's threshold (0.86, 0.86 < 0.875): unattributed, they stand apart from his.
    remark = ("care about today", "counts today")
    halvik = [q for q in analysis.quotes if any(r in v.text for v in q.variants for r in remark)]
    assert sum(len(q.variants) for q in halvik) == 3
    assert {q.speaker for q in halvik} <= {"Teodor Halvik", None}
    assert any(q.speaker == "Teodor Halvik" for q in halvik)
    # "would meet families on Sunday", said on Saturday 14 March, is the Sunday after.
    revel = [e for e in analysis.timeline if "meet families" in e.text]
    assert [(e.date, e.kind) for e in revel] == [("2026-03-15", "scheduled")]
    # A ship named with an article or a prefix ("the Saint Orla", "MV Saint Orla") is no person.
    ship = next(e for e in analysis.entities if e.name == "Saint Orla")
    assert ship.type == "other"


def test_restatements_are_not_discrepancies() -> None:
    def sentence(article: str, text: str) -> Sentence:
        return Sentence(article, 0, 0, text)

    a = sentence("a", "Blinken met Wang Yi for about three hours on Monday.")
    b = sentence("b", "Blinken met Wang Yi for three hours on Monday, a US official said.")
    qa, qb = find_quantities([a])[0], find_quantities([b])[0]
    assert qa.low <= qb.high and qb.low <= qa.high
    assert parse_number("seven and a half") == 7.5
    assert parse_number("two hundred") == 200
    assert parse_number("1,200") == 1200


def test_limits_disagree_on_the_limit() -> None:
    from datetime import datetime

    def article(article_id: str, text: str) -> Article:
        return Article(article_id, text, published=datetime(2026, 3, 14))

    def values(*texts: str) -> list[set[str]]:
        found = analyze([article(str(i), t) for i, t in enumerate(texts)]).discrepancies
        return [{v.value for v in d.values} for d in found]

    # Two maxima overlap as intervals but state different limits.
    assert values(
        "The skipper could face up to 10 years in prison if convicted of negligence.",
        "The skipper could face up to 14 years in prison if convicted of negligence.",
    ) == [{"up to 10 years", "up to 14 years"}]
    # A limit and a value within it, or one limit worded twice, do not disagree.
    assert (
        values(
            "The skipper could face up to 10 years in prison if convicted of negligence.",
            "The skipper could face 8 years in prison if convicted of negligence.",
            "The skipper could face up to ten years in prison if convicted of negligence.",
        )
        == []
    )


def test_far_apart_amounts_and_dates_of_one_event() -> None:
    from datetime import datetime

    def article(article_id: str, text: str) -> Article:
        return Article(article_id, text, published=datetime(2026, 3, 20))

    def values(*texts: str) -> list[set[str]]:
        found = analyze([article(str(i), t) for i, t in enumerate(texts)]).discrepancies
        return [{v.value for v in d.values} for d in found]

    # Amounts far apart are two things or two times (a later count), not one misreported.
    assert (
        values(
            "Divers had recovered 10 percent of the wreck of the Saint Orla by Monday.",
            "Divers had recovered 90 percent of the wreck of the Saint Orla by Monday.",
        )
        == []
    )
    # The day of one event (the words beside it name the event alike) is compared ...
    assert values(
        "The harbour board will vote on the Kessel jetty repairs at its March 24 meeting.",
        "The harbour board will vote on the Kessel jetty repairs at its March 26 meeting.",
    ) == [{"March 24", "March 26"}]
    # ... a day of another event, or of one worded with its year, is not.
    assert (
        values(
            "The harbour board will vote on the Kessel jetty repairs at its March 24 meeting.",
            "The harbour board, elected on March 2, will vote on the Kessel jetty repairs.",
            "The harbour board votes on the Kessel jetty repairs at its March 24, 2026 meeting.",
        )
        == []
    )


def test_restated_figures_are_not_exclusive() -> None:
    articles = [
        Article("a", "The ferry operator said the repair bill came to 4,380 crowns in all."),
        Article("b", "Repairs to the jetty cost the harbour board 4,380 crowns, its chair said."),
        Article("c", "Divers recovered 212 life jackets from the ferry's hold on Sunday morning."),
    ]
    texts = {e.article_id: e.text for e in find_exclusives(articles)}
    assert set(texts) == {"c"}
    # Only a year as printed is left out: "2,000" and "20.5" are figures.
    articles = [
        Article("a", "The ferry operator said the repair bill came to 2,000 crowns in all."),
        Article("b", "Repairs to the jetty cost the harbour board 2,000 crowns, its chair said."),
    ]
    assert find_exclusives(articles) == []


def test_spellings_and_clock_times() -> None:
    from datetime import datetime

    def article(article_id: str, text: str) -> Article:
        return Article(article_id, text, published=datetime(2026, 3, 14))

    # A name one letter apart in two sources, around the same words, is reported, also
    # behind a title run into it; typography and grammar ("Workers' Party", "Israeli") are
    # not; a source printing both is its slip.
    found = analyze(
        [
            article("a", "Her son called the electricity provider Penelec about the bill."),
            article("b", "Her son contacted Penelac, the electricity provider, about the bill."),
            article("c", "The Workers' Party said the provider Israel TV named sent a bill."),
            article("d", "The Workers Party said the provider Israeli TV named sent a bill."),
            article("e", "Her son called the provider's chief Ilse Marvick about the bill."),
            article("f", "Her son wrote to Provider Chief Ilse Marvik about the bill."),
        ]
    ).discrepancies
    assert [{v.value for v in d.values} for d in found] == [
        {"Penelec", "Penelac"},
        {"Ilse Marvick", "Ilse Marvik"},
    ]
    # Clock times: a hedge is an interval, and times of different days are not compared.
    found = analyze(
        [
            article("a", "The ferry struck the rocks at 6.40 a.m. on Saturday, officials said."),
            article("b", "The ferry struck the rocks at about 6.45am on Saturday, officials said."),
            article("c", "The ferry struck the rocks at 7.20 a.m. on Saturday, officials said."),
            article("d", "The ferry struck the rocks at 9 a.m. on Friday, officials said."),
        ]
    ).discrepancies
    assert [sorted(v.value for v in d.values) for d in found] == [["6.40 a.m.", "7.20 a.m."]]


def test_relative_dates() -> None:
    monday = date(2023, 6, 19)
    assert (
        resolve_dates("On Saturday, Biden said he hoped to meet Xi.", monday)[0][0] == "2023-06-17"
    )
    assert resolve_dates("Xi met Gates on Friday.", monday)[0][0] == "2023-06-16"
    assert resolve_dates("Modi will meet Biden on June 22.", monday)[0][0] == "2023-06-22"
    assert resolve_dates("Last October, Blinken said", monday)[0][0] == "2022-10"
    assert resolve_dates("plans were postponed in February", monday)[0][0] == "2023-02"
    assert resolve_dates("Xi is expected to visit in November", monday)[0][0] == "2023-11"
    # A future marker just after the date speaks of it too; a past verb before it does not.
    ahead = "Xi's trip to the US in November, where he is expected to meet Biden"
    assert resolve_dates(ahead, monday)[0][::2] == ("2023-11", True)
    assert resolve_dates("when Xi met Biden in Bali in November.", monday)[0][0] == "2022-11"
    # "would" before a weekday looks forward, even past "the injured" (not a verb there).
    saturday = date(2026, 3, 14)
    revel = "She said she would meet families of the injured on Sunday."
    assert resolve_dates(revel, saturday)[0][0] == "2026-03-15"
    # A month and a year are that month, not a day of it.
    assert resolve_dates("In July 2012, a bank error", saturday)[0][0] == "2012-07"
    assert resolve_dates("to pay until November 2018", saturday)[0][0] == "2018-11"
    assert resolve_dates("a bill earlier this month", saturday)[0][0] == "2026-03"
    assert resolve_dates("filmed last month", date(2018, 1, 1))[0][0] == "2017-12"


def test_timeline_on_seeds(seed_analysis: Analysis) -> None:
    entries = seed_analysis.timeline

    def hit(e: object, gold: tuple[str, str, str]) -> bool:
        when, kind, word = gold
        return e.date == when and e.kind == kind and word in e.text.lower()  # type: ignore[attr-defined]

    correct = sum(any(hit(e, g) for g in SEED_TIMELINE) for e in entries)
    found = sum(any(hit(e, g) for e in entries) for g in SEED_TIMELINE)
    p, r = _pr(correct, len(entries), found, len(SEED_TIMELINE))
    print(f"\ntimeline: P={p:.2f} R={r:.2f} ({len(entries)} entries)")
    # Recall 0.64 -> 0.50 since the timeline leaves out a sentence whose date belongs to a
    # relative or subordinate clause ("that broke away ... in 1949", "after ... in February").
    assert p >= 0.6 and r >= 0.45
    dates = [e.date for e in entries]
    assert dates == sorted(dates)


def test_exclusives_on_seeds(seed_analysis: Analysis) -> None:
    items = seed_analysis.exclusives

    def hit(e: object, gold: tuple[str, str]) -> bool:
        article, word = gold
        return e.article_id.startswith(article) and word in e.text.lower()  # type: ignore[attr-defined]

    facts = [g for g in SEED_EXCLUSIVES if g not in SEED_QUOTED]
    correct = sum(any(hit(e, g) for g in facts) for e in items)
    found = sum(any(hit(e, g) for e in items) for g in facts)
    p, r = _pr(correct, len(items), found, len(facts))
    assert not any(hit(e, g) for e in items for g in SEED_QUOTED)
    print(f"\nexclusives: P={p:.2f} R={r:.2f} ({len(items)} predicted)")
    assert p >= 0.7 and r >= 0.6
    # Copies of one wire story are one source: 001 and 004 share AP text, so a detail only
    # they print is one source's exclusive once the copy detector says so.
    assert not any("snub" in e.text.lower() for e in items)
    grouped = analyze([clean(a) for a in _seeds()], sources={_id("004"): _id("001")})
    assert any("snub" in e.text.lower() for e in grouped.exclusives)


def _seeds() -> list[Article]:
    import newsfuse

    return newsfuse.read(ROOT.parent / "shared" / "data" / "seeds")


def _id(prefix: str) -> str:
    return next(a.id for a in _seeds() if a.id.startswith(prefix))


def test_entities_on_seeds(seed_analysis: Analysis) -> None:
    by_name = {e.name: e for e in seed_analysis.entities}
    for name, kind in [
        ("Antony Blinken", "person"),
        ("Xi Jinping", "person"),
        ("Wang Yi", "person"),
        ("Qin Gang", "person"),
        ("Bill Gates", "person"),
        ("Beijing", "place"),
        ("Taiwan", "place"),
        ("State Department", "organization"),
    ]:
        assert by_name[name].type == kind, name
    assert len(by_name["Antony Blinken"].mentions) == 5
    assert "Anthony Blinken" not in by_name and "Blinken" not in by_name


def test_brief_carries_analysis(seed_brief: newsfuse.Brief) -> None:
    assert seed_brief.quotes and seed_brief.timeline and seed_brief.entities
    assert '"discrepancies"' in newsfuse.to_json(seed_brief)


# Two real Giveme5W1H events annotated by reading them (tests/data/analysis_<name>.json, ids
# and short snippets only), scored like the seeds. Floors sit a little under what is measured.
CLUSTERS = {
    # measured: quotes 1.00/0.75 (a speaker under the attribution verifier's threshold
    # leaves its quotes out; 1.00/1.00 before it), discrepancies 1.00/1.00, timeline 1.00/0.75
    # (recall was 1.00 before dates in "that"/"until" clauses stopped dating entries),
    # excl. 1.00/0.78 (0.80/0.89 before quotes left "one source only": the gold's "heart
    # monitor" is a quote, "“I told [my son] I want a heart monitor,” she told the paper";
    # 0.78/0.78 before colour and leaning-back lines left it)
    "electric_bill": {"quotes": (0.9, 0.7), "discrepancies": (0.9, 0.9), "timeline": (0.75, 0.7),
                      "exclusives": (0.7, 0.75)},
    # measured: quotes 0.88/0.78, discrepancies 1.00/0.50, timeline 1.00/0.71, excl. 0.69/0.77
    # (0.70/0.87 before quotes and "did not immediately respond" left "one source only": the
    # gold holds three quotes, "voice of resistance", "threw stones", "administrative detention";
    # 0.69/0.70 since lines leaning back or with an unnamed speaker left it: "She said
    # sentencing ... “much, much lighter.”", "”Their aim is to terrorize people ...,” he said")
    "tamimi": {"quotes": (0.8, 0.7), "discrepancies": (0.9, 0.45), "timeline": (0.9, 0.65),
               "exclusives": (0.6, 0.65)},
}  # fmt: skip


def _cluster(name: str) -> tuple[dict, list[Article], dict[str, str]]:  # type: ignore[type-arg]
    gold = json.loads((ROOT / "tests" / "data" / f"analysis_{name}.json").read_text())
    path = require(SHARED / "clusters" / "giveme5w1h_news_cluster.jsonl")
    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["cluster_id"] != gold["cluster"]:
            continue
        # One paragraph per line in this set; the model separates paragraphs by blank lines.
        text = "\n\n".join(p for p in r["text"].splitlines() if p.strip())
        articles.append(
            clean(Article(r["id"], text, r["title"] or None, r["source"] or None,
                          parse_date(r["date"]) if r["date"] else None))
        )  # fmt: skip
    full = {a.id[:8]: a.id for a in articles}
    # Copies of one wire story, read as one source, as the copy detector would report them.
    sources = {full[i]: full[group[0]] for group in gold["sources"] for i in group}
    return gold, articles, sources


def _score_cluster(gold: dict, analysis: Analysis) -> dict[str, tuple[float, float]]:  # type: ignore[type-arg]
    def speaker_ok(speaker: str | None, accepted: list[str]) -> bool:
        return speaker is not None and _norm(speaker) in {_norm(a) for a in accepted}

    def quote_hit(q: object, g: dict) -> bool:  # type: ignore[type-arg]
        return speaker_ok(q.speaker, g["speakers"]) and any(  # type: ignore[attr-defined]
            g["snippet"] in _norm(v.text)
            for v in q.variants  # type: ignore[attr-defined]
        )

    def discrepancy_hit(d: object, g: dict) -> bool:  # type: ignore[type-arg]
        values = [v.value.lower() for v in d.values]  # type: ignore[attr-defined]
        return all(any(w in v for v in values) for w in g["values"])

    def timeline_hit(e: object, g: dict) -> bool:  # type: ignore[type-arg]
        return (
            e.date == g["date"]  # type: ignore[attr-defined]
            and e.kind == g["kind"]  # type: ignore[attr-defined]
            and g["snippet"] in e.text.lower()  # type: ignore[attr-defined]
        )

    def exclusive_hit(e: object, g: dict) -> bool:  # type: ignore[type-arg]
        return e.article_id[:8] in g["articles"] and g["snippet"] in e.text.lower()  # type: ignore[attr-defined]

    scores = {}
    for section, predicted, hit in (
        ("quotes", analysis.quotes, quote_hit),
        ("discrepancies", analysis.discrepancies, discrepancy_hit),
        ("timeline", analysis.timeline, timeline_hit),
        ("exclusives", analysis.exclusives, exclusive_hit),
    ):
        expected = gold[section]
        correct = sum(any(hit(x, g) for g in expected) for x in predicted)
        found = sum(any(hit(x, g) for x in predicted) for g in expected)
        scores[section] = _pr(correct, len(predicted), found, len(expected))
    return scores


@pytest.mark.parametrize("name", sorted(CLUSTERS))
def test_annotated_clusters(name: str) -> None:
    gold, articles, sources = _cluster(name)
    scores = _score_cluster(gold, analyze(articles, sources))
    print(f"\n{name} ({gold['cluster']}, {len(articles)} articles):")
    for section, (p, r) in scores.items():
        print(f"  {section}: P={p:.2f} R={r:.2f}")
    for section, (p_floor, r_floor) in CLUSTERS[name].items():
        p, r = scores[section]
        assert p >= p_floor and r >= r_floor, (section, p, r)


def test_analysis_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    # A DUC cluster where names tied in the registry once went by set order, so the entity
    # counts changed with PYTHONHASHSEED.
    path = require(SHARED / "duc2003" / "task2.jsonl")
    cluster = next(line for line in path.read_text().splitlines() if '"d30020t"' in line)
    pile = tmp_path / "cluster.jsonl"
    pile.write_text("\n".join(json.dumps(d) for d in json.loads(cluster)["documents"]))
    script = (
        "import sys, newsfuse; "
        "print(newsfuse.to_json(newsfuse.brief(newsfuse.read([sys.argv[1]]))))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(pile)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "7")
    }
    assert len(outputs) == 1


def test_spellings_are_listed_in_an_order_that_does_not_depend_on_the_hash_seed() -> None:
    # One name spelt four ways by four sources: its pairs were once met in a set's order.
    script = """
from newsfuse.analyze.discrepancies import find_discrepancies
from newsfuse.model import Article
text = ("The ferry Saint Orla ran aground off Kessel Point on Tuesday, and coastguard crews "
        "rescued forty passengers. Captain Ilse Marwick said the tide turned fast.")
names = ("Marwick", "Marwik", "Marwich", "Narwick")
found = find_discrepancies(
    [Article(id=name, text=text.replace("Marwick", name)) for name in names]
)
print([[v.value for v in d.values] for d in found])
"""
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    (output,) = outputs
    assert output.count("Captain Ilse Marwick") == 3


def test_one_wording_of_one_speaker_is_one_quote() -> None:
    from newsfuse.analyze.quotes import QuoteMention, group_quotes

    # Reprints repeat a short quote that shares too few words to join by overlap.
    mentions = [QuoteMention(f"a{i}", 0, "Wang Yi", "reflect deeply") for i in range(300)]
    mentions.append(QuoteMention("b", 0, "Qin Gang", "reflect deeply"))
    quotes = group_quotes(mentions)
    assert [(q.speaker, len(q.citations)) for q in quotes] == [("Wang Yi", 300), ("Qin Gang", 1)]


def test_regular_spelling_variants_and_two_counts_are_not_discrepancies() -> None:
    from datetime import datetime

    def article(article_id: str, text: str) -> Article:
        return Article(article_id, text, published=datetime(2026, 3, 14))

    def values(*texts: str) -> list[set[str]]:
        found = analyze([article(str(i), t) for i, t in enumerate(texts)]).discrepancies
        return [{v.value for v in d.values} for d in found]

    # British and American spelling, an acronym written two ways: one name.
    assert (
        values(
            "The Harbour Defence Office said the Varnholm Councillors met the UNHCCR delegation.",
            "The Harbour Defense Office said the Varnholm Councilors met the UNHCR delegation.",
        )
        == []
    )
    # One letter apart otherwise is a spelling difference of sources.
    assert values(
        "The Harbour Defence Office said the Varnholm councillors met Ilse Marvik today.",
        "The Harbour Defence Office said the Varnholm councillors met Ilse Marvick today.",
    ) == [{"Ilse Marvik", "Ilse Marvick"}]
    # A source printing both figures counts two things.
    assert (
        values(
            "Rescuers freed 21 passengers from the wreck near Port Kessel on Saturday. "
            "Another 40 passengers from the wreck near Port Kessel are still missing.",
            "Rescuers freed 40 passengers from the wreck near Port Kessel on Saturday.",
        )
        == []
    )


def test_exclusives_read_the_alignment_and_rank() -> None:
    from newsfuse.analyze.align import align
    from newsfuse.analyze.exclusives import newsworthiness
    from newsfuse.segment import segment

    articles = [
        Article(
            "a", "Harbour pilots said the Saint Orla lost steering near the Brindle Rocks at dawn."
        ),
        Article(
            "b", "Near the Brindle Rocks, the Saint Orla lost its steering at dawn, pilots said."
        ),
        Article("c", "Harbour master Edda Lund closed the quay to visitors until the salvage."),
        # A headline or a caption is no statement.
        Article("d", "Ferry captain warned owners of steering faults weeks before the grounding"),
        # Colour: no one named, nothing counted, no one in office acting.
        Article("e", "Gulls wheeled over the grey quay while relatives waited in the cold wind."),
    ]
    sentences = {a.id: segment(a) for a in articles}
    alignment = align(sentences)
    found = find_exclusives(articles, sentences=sentences, alignment=alignment)
    assert [e.article_id for e in found] == ["c"]
    # Figures and names tell more than colour.
    assert newsworthiness("Captain Ivo Randell, 52, warned of 4 steering faults.") > newsworthiness(
        "Gulls wheeled over the grey quay while relatives waited in the cold wind."
    )


def test_exclusives_leave_out_page_furniture_and_near_copies() -> None:
    """Captions, prompts, headings and a lightly edited copy under another outlet's name
    are not details one source reports (before: all five were listed)."""
    from newsfuse.segment.lines import statement

    story = "Harbour pilots said the Saint Orla lost steering near the Brindle Rocks at dawn."
    furniture = [
        "Hide Caption 3 of 9 Photos: Relatives of the crew gathered at the Kessel quay on Monday.",
        "If you like this story, share it with a friend and tell us what you think today!",
        "Harbour Board Approves Emergency Funding For Kessel Jetty Repairs After Grounding.",
    ]
    articles = [
        Article("a", story + " " + " ".join(furniture)),
        Article("b", "Near the Brindle Rocks, the Saint Orla lost its steering at dawn."),
        Article("c", "Divers found the ferry's black box recorder intact on the seabed overnight."),
        Article("d", "Its black box recorder was recovered."),
    ]
    found = [e.text for e in find_exclusives(articles)]
    assert not any(f in found for f in furniture)
    assert not any("black box" in f for f in found)  # c and d state it, in other words
    assert [statement(f) for f in furniture] == [False, False, False]
    assert statement(story)
    assert not statement("Saint Orla aground near Brindle Rocks")


def test_a_figure_is_compared_in_sentences_that_differ_in_it_alone() -> None:
    # The alignment weighs a figure as an anchor, so these two do not align: they differ
    # in the figure and share two words. Restated but for the figure, they disagree.
    found = analyze(
        [
            Article(
                "a", "A court in Marrow Vale heard the case. It extended her remand for 8 days."
            ),
            Article("b", "The judge heard the case on Monday. It extended her remand for 11 days."),
        ]
    ).discrepancies
    assert [{v.value for v in d.values} for d in found] == [{"8 days", "11 days"}]
    # A short sentence sharing two words with a long one about something else is no
    # restatement: a three-year spell of one man, two years of another.
    found = analyze(
        [
            Article(
                "a",
                "Months passed before his wife, Edda Brill, learned of his fate: a three-year "
                "spell in a labor camp in the remote and frigid north.",
            ),
            Article("b", "In 1993 he was put in a labor camp for two years."),
        ]
    ).discrepancies
    assert found == ()


def test_places_of_one_fact_differ_unless_one_holds_the_other() -> None:
    def places(a: str, b: str) -> list[set[str]]:
        found = analyze([Article("a", a), Article("b", b)]).discrepancies
        return [{v.value for v in d.values} for d in found if d.about == "place"]

    one = "The Corvel airliner bound for Oslo crashed off {} on Friday, killing all 90 aboard."
    other = "All 90 aboard the Corvel airliner died when it crashed off {} late on Friday."
    assert places(one.format("Iceland"), other.format("Norway")) == [{"Iceland", "Norway"}]
    # A country and a region of it (or a town pycountry does not know) are one place at two
    # levels: no disagreement.
    assert places(one.format("Norway"), other.format("Rogaland")) == []
    # A territory ISO 3166-1 lists as a country is also a region of another (ISO 3166-2).
    assert places(one.format("China"), other.format("Hong Kong")) == []
    # Places of two events: the words beside them do not agree.
    assert (
        places(
            "Talks on the airliner were held in Iceland on Friday.",
            "The Corvel airliner crashed off Norway on Friday, killing all 90 aboard.",
        )
        == []
    )
    # A list of places names each for a fact of its own.
    assert (
        places(
            "Its shells were registered in Iceland, in Norway and in Denmark, records show.",
            "Its shells were registered in Sweden, records show.",
        )
        == []
    )


def test_exclusives_leave_out_legal_notices_and_glued_captions() -> None:
    """A page's legal notice and captions glued without full stops are no detail of the
    story (before: both were listed as one source's)."""
    notice = "Channel Nine is not responsible for the content of external Internet sites."
    glued = (
        "Over 30 tugs were sent to the reef, according to harbour staff The tugs are "
        "working through the night to free the hull."
    )
    articles = [
        Article("a", f"Harbour pilots said the Saint Orla lost steering at dawn. {notice}"),
        Article("b", f"Near the Brindle Rocks, the Saint Orla lost its steering at dawn. {glued}"),
    ]
    found = [e.text for e in find_exclusives(articles)]
    assert notice not in found
    assert glued not in found
    # A name after a lower-case word is not a glued caption.
    assert find_exclusives(
        [
            Article("a", "The Saint Orla lost steering at dawn near the Brindle Rocks."),
            Article("b", "A deckhand told The Kessel Courier the crew had warned of faults."),
        ]
    )


def test_people_and_crew_are_counted_things() -> None:
    # The collective nouns count on their own ("15 people", "17 crew"); the pattern once
    # wanted three letters before them, so a death toll was never compared.
    lead = "{} people were killed when a ferry capsized near Port Alden on Monday, police said."
    other = (
        "Rescuers said {} people were killed after the ferry capsized near Port Alden on Monday."
    )
    found = analyze(
        [
            Article("a", lead.format(15) + " The ferry had left the harbour at dawn, full."),
            Article("b", other.format(17) + " Divers searched the hull through the night."),
        ]
    ).discrepancies
    assert [{v.value for v in d.values} for d in found] == [{"15 people", "17 people"}]


def test_exclusives_leave_out_rewordings_sharing_a_name_or_a_count() -> None:
    unrelated = Article("c", "Divers recovered 212 life jackets from the ferry's hold on Sunday.")
    # Another wording of one warning keeps its name and a few words, not their share.
    articles = [
        Article(
            "a",
            "Mayor Ilse Brandt warned that nobody should link the thieves at Kessel harbour "
            "with the refugees housed in the old barracks by the river.",
        ),
        Article(
            "b",
            "The mayor insisted on Tuesday that the thieves seen around Kessel harbour had "
            "no ties to refugees, whatever the angry crowd outside believed.",
        ),
        unrelated,
    ]
    assert {e.article_id for e in find_exclusives(articles)} == {"c"}
    # A count with what it counts, however the sentence around it is worded; a date
    # ("7 July") is no count.
    articles = [
        Article(
            "a", "Some 80 diggers were sent to the Kessel farm after the father called for help."
        ),
        Article("b", "Over 80 diggers worked through the night at the farm, officials said later."),
        unrelated,
    ]
    assert {e.article_id for e in find_exclusives(articles)} == {"c"}
    articles = [
        Article("a", "The jetty inquiry opened on 7 July in the town hall with ten witnesses."),
        Article("b", "Ferry crews walked out on 7 July after the pay talks collapsed overnight."),
        unrelated,
    ]
    assert {e.article_id for e in find_exclusives(articles)} == {"a", "b", "c"}


@pytest.mark.parametrize(
    "line",
    [
        "Please verify you're not a robot by ticking the box, then press send.",
        "Do you have a story for our news desk? Email us at desk@example.org today.",
        "Image copyright Harbour Agency Image caption Volunteers filled sandbags by the bank.",
        "Volunteers filled sandbags by the bank. Photograph: Jane Hollis for the Herald.",
        "(Courtesy of the Kessel harbour board) Volunteers filled sandbags by the bank.",
    ],
)
def test_sign_up_forms_tip_calls_and_credits_are_no_statements(line: str) -> None:
    from newsfuse.segment.lines import statement

    assert not statement(line)
    assert statement("Volunteers filled sandbags by the bank as the river rose on Monday.")


def test_shown_exclusives_name_their_subject_first() -> None:
    from newsfuse.render.rank import rank_exclusives

    found = [
        Exclusive("a", "He was taken to the harbour clinic twice during the spring storms."),
        Exclusive("a", "Harbour master Ilse Brandt ordered the ferry back to port on Monday."),
        Exclusive("b", "Her lawyer, Jon Marek, said the ferry company would appeal the fine."),
        Exclusive("c", "They said the jetty had been unsafe for years before the storm hit."),
    ]
    # A subject pronoun leaves the actor unnamed; a possessive opens a subject named next; a
    # source with nothing else still shows its one item.
    assert [e.text[:12] for e in rank_exclusives(found, 1)] == [
        "Harbour mast",
        "Her lawyer, ",
        "They said th",
    ]


def test_values_shown_as_differing_do_not_agree() -> None:
    # "at least 50" parts "59" from "at least 59", but printed as "59 people" vs "At least
    # 59 people" the difference reads as none: left out.
    said = "at the harbour festival in Port Alden on Sunday night"
    found = analyze(
        [
            Article("a", f"The gunman killed 59 people {said}, police said. It was crowded."),
            Article("b", f"Police said at least 50 people were killed {said}. Roads closed."),
            Article("c", f"At least 59 people were killed {said}, officials said. Staff came."),
        ]
    ).discrepancies
    assert found == ()


def test_counts_are_compared_like_with_like() -> None:
    """Counts of different happenings, a threat and a deed, a countdown read on two days,
    a sentence printing the other's figure, a conversion in brackets and a round figure are
    no disagreement; one happening worded two ways around one name is (issue 16)."""
    from datetime import datetime

    def values(*texts: str, days: tuple[int, ...] = ()) -> list[set[str]]:
        articles = [
            Article(str(i), t, published=datetime(2026, 3, 14 + (days[i] if days else 0)))
            for i, t in enumerate(texts)
        ]
        return [{v.value for v in d.values} for d in analyze(articles).discrepancies]

    # Injured and died: two things.
    assert (
        values(
            "In Velmar province 102 people were injured when the Corvel dam burst on Monday.",
            "In Velmar province 71 people died when the Corvel dam burst on Monday.",
        )
        == []
    )
    # One happening: a disagreement.
    assert values(
        "In Velmar province 102 people died when the Corvel dam burst on Monday.",
        "In Velmar province 71 people were killed when the Corvel dam burst on Monday.",
    ) == [{"102 people", "71 people"}]
    # A threat is no count of a deed.
    assert (
        values(
            "Officials in Dunmore said the militia fired three rockets at the dam.",
            "Officials in Dunmore said the militia threatened to fire four rockets at the dam.",
        )
        == []
    )
    # A countdown from the day of publication, read a day apart.
    assert (
        values(
            "With four days until the Corvel dam fund runs out, Dunmore officials met on Monday.",
            "With three days until the Corvel dam fund runs out, Dunmore officials met again.",
            days=(0, 1),
        )
        == []
    )
    # A conversion in brackets repeats the quantity before it; a round figure is a rounding.
    assert (
        values(
            "The Corvel quake struck at a depth of 28.4 kilometres (17.6 miles), Dunmore said.",
            "The Corvel quake struck at a depth of 28.4 kilometres (17.9 miles), Dunmore said.",
        )
        == []
    )
    assert (
        values(
            "The Corvel basin and its 4 million people lost power on Monday, Dunmore said.",
            "The Corvel basin and its 3.8 million people lost power on Monday, Dunmore said.",
        )
        == []
    )


def test_a_people_is_no_name_to_spell() -> None:
    from newsfuse.analyze.spellings import spellings

    texts = ("Americans", "Americas")
    articles = [Article(t, f"Many {t} in Velmar said the Corvel dam would hold.") for t in texts]
    assert spellings(articles, {t: t for t in texts}, None, {a.id: a for a in articles}) == []


def test_a_full_name_spelt_two_ways_needs_no_shared_words_but_a_given_name_does() -> None:
    from newsfuse.analyze.spellings import spellings

    def found(texts: dict[str, str]) -> list[set[str]]:
        articles = [Article(k, v) for k, v in texts.items()]
        by_id = {a.id: a for a in articles}
        return [
            {v.value for v in d.values}
            for d in spellings(articles, {k: k for k in texts}, None, by_id)
        ]

    # The given name says who is meant, though the sentences share no word.
    assert found(
        {
            "a": "Keeper Tomas Hallgrind said the otters were fed at noon.",
            "b": "The aquarium was shut for the winter, Tomas Hallgrund told reporters.",
        }
    ) == [{"Tomas Hallgrind", "Tomas Hallgrund"}]
    # A given name spelt two ways, or a short word, needs the words around it to agree.
    assert (
        found(
            {
                "a": "Keeper Elisabeth Orwin said the otters were fed at noon.",
                "b": "The aquarium was shut for the winter, Elizabeth Orwin told reporters.",
                "c": "Keeper Dana Ruul said the seals were fed at noon.",
                "d": "The pier was shut for the winter, Dana Raul told reporters.",
            }
        )
        == []
    )
    # One spelling is shown once, not again behind a title run into the name.
    assert found(
        {
            "a": "Keeper Tomas Hallgrind said the otters were fed at noon.",
            "b": "Keeper Tomas Hallgrund said the otters were fed at noon.",
        }
    ) == [{"Keeper Tomas Hallgrind", "Keeper Tomas Hallgrund"}]


def test_a_figure_both_print_alike_ties_a_general_unit_to_one_fact() -> None:
    def values(*texts: str) -> list[list[str]]:
        articles = [Article(chr(97 + n), t) for n, t in enumerate(texts)]
        return [[v.value for v in d.values] for d in analyze(articles).discrepancies]

    flew = "Tuesday's rocket flew 3,780 km{} east before splashing down off Corvel Point."
    fell = (
        "Its 2,700 km{} flight ended when the rocket splashed down off Corvel Point, Velmar said."
    )
    # The same conversion beside both distances: one flight, told two ways.
    assert values(flew.format(" (1,680 miles)"), fell.format(" (1,680 miles)")) == [
        ["3,780 km", "2,700 km"]
    ]
    # Without it, sentences worded this differently are not taken for one fact.
    assert values(flew.format(""), fell.format("")) == []


def test_a_date_needs_a_month_printed_as_a_name() -> None:
    from newsfuse.analyze.claim_parts import date_figures, telling_figures

    # "may" and "march" in lower case are verbs: their figures are counts to keep.
    assert date_figures("Rescuers said 5 may have drowned near Dunmore.") == set()
    assert telling_figures("The scouts march 30 miles to Dunmore.") == {"30"}
    assert date_figures("DUNMORE, OCT. 5 - The dam held.") == {"5"}
    assert date_figures("The dam broke on 7 May near Dunmore.") == {"7"}


def test_a_place_before_a_hyphenated_word_is_the_place() -> None:
    from newsfuse.analyze.places_differ import nested, place_mentions
    from newsfuse.segment import segment

    article = Article("a", "The files came from Panama-based Corvel Trust, its lawyers said.")
    found = place_mentions(segment(article), Registry.build([article]))
    assert [(m.place, m.preposition) for m in found] == [("Panama", "from")]
    # A territory pycountry lists as a country and as a region of another.
    assert nested("Hong Kong", "China") and not nested("France", "Spain")


def test_two_lower_bounds_agree_and_a_day_is_read_by_whole_words() -> None:
    from datetime import datetime

    def values(*texts: str) -> list[set[str]]:
        found = analyze(
            [Article(str(i), t, published=datetime(2026, 3, 20)) for i, t in enumerate(texts)]
        ).discrepancies
        return [{v.value for v in d.values} for d in found]

    said = "people were moved out of Kessel before the storm, the harbour board said."
    # Two exact counts of one fact disagree; two lower bounds do not: "more than 4,000"
    # says more than "more than 3,000", not otherwise.
    assert values(f"In all 3,000 {said}", f"In all 4,000 {said}") == [
        {"3,000 people", "4,000 people"}
    ]
    assert values(f"More than 3,000 {said}", f"More than 4,000 {said}") == []
    # The words beside a day are whole words: "struck Kessel on" shares "struck" with
    # "which struck on" (a window of 15 characters cut it to "truck").
    assert values(
        "The quake struck Kessel on March 12, killing 40 people in the harbour town.",
        "The tremors, which struck on March 14, killed 40 people in the harbour town.",
    ) == [{"March 12", "March 14"}]


def test_a_place_naming_a_thing_or_part_of_a_longer_name_is_not_whole() -> None:
    from newsfuse.analyze.places_differ import place_mentions
    from newsfuse.segment import segment

    article = Article(
        "a",
        "He was seen at Luton station on Friday. Talks resumed in Italy on Sunday. "
        "Aid arrived in East Africa by sea. The ferry docked in Norway.",
    )
    whole = {m.place: m.whole for m in place_mentions(segment(article), Registry.build([article]))}
    assert whole == {"Luton": False, "Italy": True, "East": False, "Norway": True}


def test_exclusives_are_reported_facts_not_quotes_shards_or_opinion() -> None:
    """Halves of quotes, shards of a dated list, web addresses and an opinion piece's
    sentences are no facts one source reports (before: all were listed; review11)."""
    story = "Harbour pilots said the Saint Orla lost steering near the Brindle Rocks at dawn."
    quoting = (
        "Port warden Hilda Maren said the tug crews had trained for a grounding all winter. "
        "“We knew the rocks would catch someone one day. "
        "The charts there have been wrong for years and nobody listened to the pilots. "
        "We warned the harbour board twice in writing,” she said.\n\n"
        "Nov. 8, 2019, Kessel _ A trawler strikes the same reef at night in heavy fog. "
        "Its skipper swims two miles to the breakwater and raises the alarm.\n\n"
        "The board posted its survey of the reef at https://example.org/kessel-survey today."
    )
    opinion = (
        "The Kessel Courier said in an editorial on Monday:\n\n"
        "Harbour safety has been neglected by three successive boards for a decade now."
    )
    articles = [
        Article("a", story),
        Article("b", "Near the Brindle Rocks, the Saint Orla lost its steering at dawn."),
        Article("c", quoting),
        Article("d", opinion),
        Article("e", "Reef safety is a scandal the port keeps ignoring.", title="Opinion: reefs"),
        # A title that only opens with the word is no opinion label.
        Article(
            "f",
            "Polls show 61 percent of Kessel voters want the reef charted.",
            title="Opinion polls",
        ),
    ]
    found = {e.text for e in find_exclusives(articles)}
    assert found == {
        "Port warden Hilda Maren said the tug crews had trained for a grounding all winter.",
        "Nov. 8, 2019, Kessel _ A trawler strikes the same reef at night in heavy fog.",
        "Polls show 61 percent of Kessel voters want the reef charted.",
    }


def test_exclusives_leave_out_lines_that_lean_on_others_or_repeat_the_brief() -> None:
    """Quote halves, lines leaning back ("He ...", "But they ..."), words of an unnamed
    speaker (", he said"), questions, the halves of a sentence cut at a title ("Sen." /
    "Max ...") and lines the summary or the quotes section shows are no separate
    one-source facts (before: all were listed; review12)."""
    story = "The ferry Saint Orla ran aground near the Brindle Rocks at dawn on Monday."
    rich = (
        "Port warden Hilda Maren said the tug crews had trained for a grounding all winter. "
        "He said he swam out to the hull with a rope and pulled two deckhands ashore. "
        "But they said the pumps had failed an inspection in the spring of last year. "
        "The cargo of timber shifted in the hold, the skipper told the court, he said. "
        "Who will pay for the salvage of the wreck and the cleaning of the beaches? "
        "The council adjourned because members did not want Sen.\n\n"
        "Ada Wren, the coastal senator, to speak on the rescue budget before the vote."
        " Ten fishing boats from Kessel joined the search for the missing cook overnight."
        " “We lost the steering and drifted onto the reef,” said pilot Oskar Lind, who had"
        " steered ferries through the strait for thirty years."
        " The insurer Halden Mutual sent three surveyors to the wreck on Tuesday morning."
    )
    half = "Keep the lifeboats ready for the storm tonight,” she told the crew of the tug Ivar."
    articles = [
        Article("a", story),
        Article("b", "Near the Brindle Rocks, the ferry Saint Orla ran aground at dawn."),
        Article("c", rich + " " + half),
    ]
    found = {e.text for e in find_exclusives(articles)}
    assert found == {
        "Port warden Hilda Maren said the tug crews had trained for a grounding all winter.",
        "Ten fishing boats from Kessel joined the search for the missing cook overnight.",
        "“We lost the steering and drifted onto the reef,” said pilot Oskar Lind, who had"
        " steered ferries through the strait for thirty years.",
        "The insurer Halden Mutual sent three surveyors to the wreck on Tuesday morning.",
    }
    shown = find_exclusives(
        articles,
        shown=["Halden Mutual sent three surveyors to the wreck, Tuesday."],
        quoted=["We lost the steering and drifted onto the reef."],
    )
    assert {e.text for e in shown} == {
        "Port warden Hilda Maren said the tug crews had trained for a grounding all winter.",
        "Ten fishing boats from Kessel joined the search for the missing cook overnight.",
    }


def test_exclusives_leave_out_lines_pointing_back_and_rank_harm_first() -> None:
    """A one-source item must mean something alone: "Among them ...", "The same ...",
    "Earlier, ...", someone's "Her pledge ...", "The plan was ..." lean on the sentence
    before (before: all were listed; review14, 23 of 155 items). Of the rest, a count of
    harm to people or property comes first, colour and travel detail last (issue 16)."""
    story = "Cyclone Petra crossed the Marrow Islands on Monday, killing at least 300 people."
    own = (
        "Officials on Halvey Island said only four people died after the evacuation. "
        "The same can't be said for Tarrant Island on the western side of the chain. "
        "Among them are nine fishermen from the harbor villages of the north coast. "
        "Earlier, officials said at least 60 people had died in the village of Dunmore. "
        "Her pledge to rebuild every school before winter drew cheers in the harbor hall. "
        "The plan was to reopen the airport for relief flights within three weeks. "
        "The seaside hotel on the bay reopened its restaurant and terrace to guests. "
        "On Tarrant Island the storm destroyed 4,000 homes and left the port in ruins."
    )
    articles = [
        Article("a", story),
        Article("b", "Cyclone Petra killed at least 300 people across the Marrow Islands."),
        Article("c", own),
    ]
    found = [e.text for e in find_exclusives(articles)]
    assert found == [
        "On Tarrant Island the storm destroyed 4,000 homes and left the port in ruins.",
        "Officials on Halvey Island said only four people died after the evacuation.",
    ]
