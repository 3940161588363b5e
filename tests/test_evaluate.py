"""The ROUGE harness: scoring, systems, the sumy adapter and the CLI subcommand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.cli import main
from newsfuse.evaluate import Cluster, evaluate, read_clusters, score, to_markdown, truncate
from newsfuse.evaluate.sumy_adapter import NewsfuseTokenizer, ranked, to_document
from newsfuse.evaluate.systems import SYSTEMS
from newsfuse.model import Article

DUC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "duc2003" / "task2.jsonl"

# A made-up event, three reports and two references: small enough to reason about.
_DOCS = [
    (
        "a",
        "2031-04-02",
        "Flooding closed the Varnell bridge on Tuesday after three days of heavy rain. "
        "Engineers said the river rose two metres overnight.\n\n"
        "The town council opened two shelters for displaced families.",
    ),
    (
        "b",
        "2031-04-02",
        "The Varnell bridge was closed on Tuesday as flooding followed heavy rain. "
        "Two shelters were opened by the town council for families.",
    ),
    (
        "c",
        "2031-04-03",
        "Mayor Ilse Dorn said repairs to the Varnell bridge could take a month. "
        "Heavy rain is forecast to ease by Friday.",
    ),
]
_REFERENCES = [
    "Flooding after heavy rain closed the Varnell bridge on Tuesday. The town council opened "
    "two shelters for families. Repairs could take a month.",
    "Heavy rain flooded the river and the Varnell bridge closed. Shelters opened for families.",
]


@pytest.fixture()
def dataset(tmp_path: Path) -> Path:
    cluster = {
        "cluster_id": "flood",
        "documents": [{"id": i, "title": None, "published": d, "text": t} for i, d, t in _DOCS],
        "references": _REFERENCES,
    }
    empty = {"cluster_id": "empty", "documents": [], "references": ["Nothing happened."]}
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps(cluster) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    return path


def test_read_clusters(dataset: Path) -> None:
    clusters = list(read_clusters(dataset))
    assert [c.id for c in clusters] == ["flood", "empty"]
    assert [a.id for a in clusters[0].articles] == ["a", "b", "c"]
    assert clusters[0].articles[0].published is not None
    assert len(list(read_clusters(dataset, limit=1))) == 1


def test_truncate_cuts_at_the_word_budget() -> None:
    assert truncate("one two  three\nfour", 3) == "one two three"


def test_score_matches_rouge_conventions() -> None:
    perfect = score(_REFERENCES[0], [_REFERENCES[0]], 100)
    assert perfect["rouge1_r"] == pytest.approx(1.0)
    assert perfect["rouge2_f"] == pytest.approx(1.0)
    # Porter stemming on: "closes" matches "closed"; stopwords kept: "the" counts.
    stemmed = score("the bridge closes", ["the bridge closed"], 100)
    assert stemmed["rouge1_r"] == pytest.approx(1.0)
    # Averaged over references: a perfect match with one of two is not 1.0 overall.
    both = score(_REFERENCES[0], _REFERENCES, 100)
    assert 0.0 < both["rouge1_r"] < 1.0
    # The cut applies before scoring.
    assert score(_REFERENCES[0], [_REFERENCES[0]], 5)["rouge1_r"] < 0.5


def test_evaluate_tiny_dataset(dataset: Path) -> None:
    skipped: list[str] = []
    systems = ["newsfuse", "lead", "centroid", "lexrank", "oracle"]
    results = evaluate(read_clusters(dataset), systems, words=20, on_skip=skipped.append)
    assert [r.system for r in results] == systems
    assert skipped and "empty" in skipped[0]
    for result in results:
        assert result.clusters == 1
        assert len(result.summaries["flood"].split()) > 0
        for key in ("rouge1_r", "rouge1_f", "rouge2_r", "rouge2_f", "rougeL_r", "rougeL_f"):
            assert 0.0 <= result.mean(key) <= 1.0
        assert result.seconds_per_cluster >= 0.0
    by_name = {r.system: r for r in results}
    assert by_name["oracle"].mean("rouge2_r") >= max(r.mean("rouge2_r") for r in results)
    table = to_markdown(results)
    assert table.startswith("| system | R-1 R | R-1 F1 |")
    assert "| oracle |" in table and "1 clusters." in table
    assert "| words | <90% | s/cluster |" in table
    for result in results:
        assert result.budget == 20
        assert 0 < result.mean_length <= 20
        assert result.short == (result.lengths["flood"] < 18)


def test_cache_reuses_baselines(dataset: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    first = evaluate(read_clusters(dataset), ["lead"], words=20, cache=cache)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored["lead|20|flood"][0] = "Varnell"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    again = evaluate(read_clusters(dataset), ["lead"], words=20, cache=cache)
    assert again[0].summaries["flood"] == "Varnell" != first[0].summaries["flood"]


def test_sumy_adapter_uses_newsfuse_segmenter() -> None:
    tokenizer = NewsfuseTokenizer()
    assert tokenizer.to_sentences("Mr. Dorn arrived at 9 a.m. Monday. The U.S. team left.") == (
        "Mr. Dorn arrived at 9 a.m. Monday.",
        "The U.S. team left.",
    )
    assert tokenizer.to_words("State-run TV's report, 1,200 words.") == (
        "state-run",
        "tv's",
        "report",
        "1,200",
        "words",
    )
    articles = [Article(i, t) for i, _, t in _DOCS]
    document = to_document(articles, tokenizer)
    assert len(document.paragraphs) == 4
    assert len(document.sentences) == 7
    from sumy.summarizers.luhn import LuhnSummarizer

    order = ranked(LuhnSummarizer(), document)
    assert sorted(order) == sorted(str(s) for s in document.sentences)


def test_every_system_runs_without_nltk_data() -> None:
    articles = [Article(i, t) for i, _, t in _DOCS]
    for name, system in SYSTEMS.items():
        sentences = system(articles, 30, _REFERENCES)
        assert sentences, name
        # Budget filled best-first: only the last sentence may run past it.
        assert sum(len(s.split()) for s in sentences[:-1]) < 30, name


def test_oracle_bounds_every_system_on_a_real_cluster() -> None:
    if not DUC.exists():
        pytest.skip(f"{DUC} is not available")
    path = DUC
    cluster = next(read_clusters(path))
    # KL-Sum and LSA are left out: seconds per cluster, and no different in kind.
    systems = ["newsfuse", "lead", "centroid", "luhn", "textrank", "oracle"]
    results = {r.system: r for r in evaluate([cluster], systems, words=100)}

    # The oracle adds sentences greedily by ROUGE-1 + ROUGE-2 recall: it bounds their sum, and
    # a system may beat it on one of them alone.
    def both(name: str) -> float:
        return results[name].mean("rouge1_r") + results[name].mean("rouge2_r")

    assert both("oracle") >= max(both(name) for name in results if name != "oracle")


def test_cli_eval_summaries(dataset: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval", "summaries", str(dataset), "--systems", "lead", "oracle"])
    out, err = capsys.readouterr()
    assert status == 0
    assert "| lead |" in out and "| oracle |" in out and "| newsfuse |" not in out
    assert "empty" in err
    assert main(["eval", "summaries", str(dataset), "--systems", "nope"]) == 2


def test_cluster_dataclass_is_plain() -> None:
    cluster = Cluster("x", (), ())
    assert evaluate([cluster], ["lead"])[0].clusters == 0


def test_injected_name_is_a_person_and_is_found_by_its_token() -> None:
    import random

    from newsfuse.evaluate.conflicts import found, inject
    from newsfuse.model import Brief, Discrepancy, DiscrepantValue

    text = (
        "Harbour master Ilse Marvick said the Saint Orla ran aground off Kessel Point. "
        "Marvick said the Harbour Office would report by Friday."
    )
    articles = [Article("a", text), Article("b", text.replace("Harbour master", "Port chief"))]
    made = inject("name", articles, {"a": "a", "b": "b"}, random.Random(0))
    assert made is not None
    altered, injection = made
    # A person's surname, not a capitalised word of a name of a thing ("Office").
    assert injection.old == "Marvick" and injection.new == "Marveck"
    assert "Marveck" in next(a.text for a in altered if a.id in injection.altered)

    def brief(*values: tuple[str, str]) -> Brief:
        shown = tuple(DiscrepantValue(v, v, (cited,)) for v, cited in values)
        return Brief(articles=(), summary=(), discrepancies=(Discrepancy("name", shown),))

    kept, changed = injection.kept[0], injection.altered[0]
    assert found(brief(("Ilse Marvick", kept), ("Ilse Marveck", changed)), injection)
    # Both values, each cited to the right source.
    assert not found(brief(("Ilse Marvick", changed), ("Ilse Marveck", kept)), injection)


def test_injected_number_is_one_fact_of_two_sources() -> None:
    import random

    from newsfuse.evaluate.conflicts import inject

    # "400 employees" of an airport and of an airline are two facts: nothing to inject.
    two = [
        Article("a", "The Dunmore airport, with 400 employees, will open for business next week."),
        Article("b", "The carrier has sent some of its 400 employees to train abroad this winter."),
    ]
    assert inject("number", two, {"a": "a", "b": "b"}, random.Random(0)) is None
    # One fact: the word beside the figure agrees.
    one = [
        Article("a", "The blast wounded 21 Israelis."),
        Article("b", "It killed the two bombers and wounded 21 Israelis."),
    ]
    made = inject("number", one, {"a": "a", "b": "b"}, random.Random(0))
    assert made is not None
    altered, injection = made
    assert "29 Israelis" in next(a.text for a in altered if a.id == injection.altered[0])


def test_injected_place_is_a_known_place_of_one_event() -> None:
    import random

    from newsfuse.evaluate.conflicts import inject

    # One country for two facts (talks there, a crash elsewhere): nothing to inject.
    two = [
        Article("a", "Talks on the Corvel airliner were held in Iceland and Norway on Friday."),
        Article("b", "The Corvel airliner crashed in Iceland, killing all 90 aboard. Norway."),
    ]
    assert inject("place", two, {"a": "a", "b": "b"}, random.Random(0)) is None
    # One event: three words beside the country agree; the other country the story names
    # replaces it, in the fact's sentence only.
    one = [
        Article("a", "The Corvel airliner crashed in Iceland, killing all 90 aboard."),
        Article("b", "All 90 aboard died when the Corvel airliner crashed in Iceland. Norway."),
        Article("c", "Relatives flew in from Norway on Saturday."),
    ]
    made = inject("place", one, {"a": "a", "b": "b", "c": "c"}, random.Random(0))
    assert made is not None
    _, injection = made
    assert (injection.old, injection.new) == ("Iceland", "Norway")
    # A name the registry may type as a place but no gazetteer knows is never injected.
    named = [Article(x, f"The Corvel airliner crashed near Brindle, with {x}.") for x in "ab"]
    assert inject("place", named, {"a": "a", "b": "b"}, random.Random(0)) is None


def test_injected_name_is_of_one_person_shown_to_be_one() -> None:
    import random

    from newsfuse.evaluate.conflicts import inject

    # Two capitalised words the registry takes for a person but the story never shows to
    # be one ("Corvel Visor", a product, after "the"), and one surname of two people:
    # nothing to inject.
    thing = "Buyers said Corvel Visor felt light. The Corvel Visor costs 300 crowns."
    things = [Article(x, thing) for x in "ab"]
    assert inject("name", things, {"a": "a", "b": "b"}, random.Random(0)) is None
    two = [
        Article("a", "The team coach Alvar Dunsmere said they trained at noon."),
        Article("b", "The team nurse Ilse Dunsmere said they trained at noon."),
    ]
    assert inject("name", two, {"a": "a", "b": "b"}, random.Random(0)) is None
    # One of them, shown by a role: injected.
    one = [two[0], Article("b", "Their coach Alvar Dunsmere said they trained at noon.")]
    made = inject("name", one, {"a": "a", "b": "b"}, random.Random(0))
    assert made is not None and made[1].old == "Dunsmere"


def test_injected_figure_is_found_in_words_and_a_share_is_lowered_by_ratio() -> None:
    from newsfuse.evaluate.conflict_candidates import changed_number
    from newsfuse.evaluate.conflicts import Injection, found
    from newsfuse.model import Brief, Discrepancy, DiscrepantValue

    assert changed_number("80 percent", "80") == ("57 percent", "57")
    assert changed_number("52 people", "52") == ("73 people", "73")
    injection = Injection("number", "52 people", "73 people", ("b",), ("a",), "52", "73")
    shown = (
        DiscrepantValue("Fifty-two people", "", ("a",)),
        DiscrepantValue("73 people", "", ("b",)),
    )
    brief = Brief(articles=(), summary=(), discrepancies=(Discrepancy("people", shown),))
    assert found(brief, injection)
    shown = (DiscrepantValue("Fifty people", "", ("a",)), shown[1])
    brief = Brief(articles=(), summary=(), discrepancies=(Discrepancy("people", shown),))
    assert not found(brief, injection)


def test_a_value_only_in_what_the_cleaning_drops_is_not_injected() -> None:
    import random

    from newsfuse.evaluate.conflicts import inject

    # Source b prints the day only in a photo caption, which the brief never shows: changing
    # it there is no conflict the brief could report.
    said = "The Corvel airliner crashed off Iceland"
    articles = [
        Article("a", f"{said} on March 14, killing all 90 aboard, officials said."),
        Article(
            "b",
            "All 90 aboard died when the Corvel airliner crashed off Iceland, officials said."
            "\n\nWreckage of the Corvel airliner that crashed off Iceland on March 14, 2026. "
            "REUTERS/Ana Holt\n\nRescuers worked through the night.",
        ),
    ]
    assert inject("date", articles, {"a": "a", "b": "b"}, random.Random(0)) is None
