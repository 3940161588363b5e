"""newsfuse.Pipeline: components by name, one validated config, briefs that record it."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Self

import numpy as np
import pytest
from conftest import EXAMPLE

import newsfuse
from newsfuse import ConfigError, NewsfuseConfig, Pipeline, registry
from newsfuse.cli import main
from newsfuse.config import ClusterConfig, CopyConfig, SummaryConfig
from newsfuse.model import Article
from newsfuse.summarize import TfidfContainment

ORDER = (
    "ingest",
    "cluster",
    "clean",
    "dedupe",
    "segment",
    "align",
    "summarize",
    "quotes",
    "discrepancies",
    "timeline",
    "exclusives",
    "entities",
    "key_figures",
    "latest",
    "outlets",
)


@pytest.fixture(scope="module")
def example() -> list[Article]:
    return newsfuse.read(EXAMPLE)


def test_components_are_listed_in_order() -> None:
    code = "import newsfuse; p = newsfuse.Pipeline(); print(p.component_names)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(ORDER)


class ExactMatch:
    """A sentence states another's fact only when the texts are the same."""

    fitted = 0

    def fit(self, texts: Sequence[str]) -> Self:
        type(self).fitted += 1
        self._texts = np.array(texts, dtype=object)
        return self

    def block(self, rows: slice | Sequence[int], cols: slice | Sequence[int] | None = None):  # type: ignore[no-untyped-def]
        other = self._texts if cols is None else self._texts[cols]
        return (self._texts[rows][:, None] == other[None, :]).astype(np.float32)


@registry.register("similarity", "exact-match")
def _exact_match(config: NewsfuseConfig) -> ExactMatch:
    return ExactMatch()


@registry.register("align", "same-meaning")
def _same_meaning(config: NewsfuseConfig) -> Any:
    """The alignment with an encoder that gives every sentence one vector: each scored
    article is as near as can be to every line (`Alignment.paraphrase`)."""
    from newsfuse.analyze.align import align

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.ones((len(texts), 1))

    def align_claims(work: Any) -> None:
        work.alignment = align(work.sentences, work.sources, encode=encode)

    return align_claims


def test_the_paraphrase_cosine_cites_only_with_sentence_vectors(example: list[Article]) -> None:
    def cited(config: dict[str, Any]) -> list[set[str]]:
        return [set(i.citations) for i in Pipeline(config).brief(example).summary]

    default = cited({})
    on = {"summary": {"cite_paraphrase": 0.73}}
    near = cited({"components": {"align": "same-meaning"}, **on})
    assert all(a <= b for a, b in zip(default, near, strict=True)) and default != near
    # Off by default, vectors or not.
    assert cited({"components": {"align": "same-meaning"}}) == default
    # Without vectors the setting changes nothing.
    assert cited({"summary": {"cite_paraphrase": 0.0}}) == default


def test_a_component_swapped_by_name_changes_the_brief(example: list[Article]) -> None:
    default = Pipeline().brief(example)
    before = ExactMatch.fitted
    swapped = Pipeline({"components": {"similarity": "exact-match"}}).brief(example)
    assert ExactMatch.fitted == before + 1
    assert swapped.config is not None
    assert swapped.config["components"]["similarity"] == "exact-match"  # type: ignore[index]
    # Only identical sentences corroborate each other now: fewer sources per fact (the
    # similarity's carriers; the citations are the alignment's).
    assert [i.text for i in swapped.summary] != [i.text for i in default.summary]
    assert sum(len(i.fact.carriers) for i in swapped.summary if i.fact) < sum(
        len(i.fact.carriers) for i in default.summary if i.fact
    )


def test_an_unregistered_name_fails_when_the_pipeline_is_made() -> None:
    with pytest.raises(ConfigError, match=r"components\.quotes: nothing registered as 'nope'"):
        Pipeline({"components": {"quotes": "nope"}})
    with pytest.raises(ConfigError, match="no component kind"):
        registry.register("tokenizer", "mine")


def test_disable_skips_sections(example: list[Article]) -> None:
    full = Pipeline().brief(example)
    assert full.quotes and full.timeline
    part = Pipeline(disable=["quotes", "timeline"]).brief(example)
    assert part.quotes == () and part.timeline == ()
    assert part.summary == full.summary and part.entities == full.entities
    assert part.config is not None and part.config["disable"] == ["quotes", "timeline"]
    with pytest.raises(ConfigError, match="cannot skip segment"):
        Pipeline(disable=["segment"])


def test_the_brief_records_the_config_that_made_it(example: list[Article]) -> None:
    pipeline = Pipeline({"summary": {"words": 60}, "copies": {"threshold": 0.3}})
    brief = pipeline.brief(example)
    assert brief.config == {"version": newsfuse.__version__, **pipeline.config.to_dict()}
    assert brief.config["summary"]["words"] == 60  # type: ignore[index]
    assert sum(len(i.text.split()) for i in brief.summary) <= 60
    # JSON-ready: plain tables, lists and scalars.
    assert json.loads(json.dumps(brief.config)) == brief.config


def test_config_round_trips_through_toml(tmp_path: Path) -> None:
    config = NewsfuseConfig(
        copies=CopyConfig(threshold=0.25, window=500, keep_text=True),
        cluster=ClusterConfig(time_scale_days=None, reprint_cosine=None, window_days=30.0),
        summary=SummaryConfig(words=80, overflow=True),
        disable=("exclusives",),
    )
    path = tmp_path / "newsfuse.toml"
    config.save(path)
    assert NewsfuseConfig.load(path) == config
    assert NewsfuseConfig.load(path).to_toml() == path.read_text(encoding="utf-8")
    assert NewsfuseConfig.from_toml("") == NewsfuseConfig()
    assert Pipeline.from_toml(path).config == config


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[summary]\nwords = 0", "summary.words must be at least 1, not 0"),
        ("[summary]\nwords = 'many'", "summary.words must be an integer, not 'many'"),
        ("[summary]\nwords = 1.5", "summary.words must be an integer"),
        ("[summary]\nredundancy_cutoff = 1.5", r"summary.redundancy_cutoff must be in \[0, 1\]"),
        ("[summary]\noverflow = 1", "summary.overflow must be true or false"),
        ("[summary]\nmin_sentence_words = 60", "min_sentence_words .60. is above"),
        ("[summary]\ncite_pair_saying = -0.1", "summary.cite_pair_saying must be >= 0"),
        ("[summary]\ncite_paraphrase = 'near'", "summary.cite_paraphrase must be a number"),
        ("[copies]\nthreshold = 0", r"copies.threshold must be in \(0, 1\]"),
        ("[copies]\nwindow = 0", "copies.window must be >= 1 or off"),
        ("[cluster]\ntime_scale_days = -1", "cluster.time_scale_days must be > 0"),
        ("[sumary]\nwords = 80", "sumary: no such setting"),
        ("[summary]\nword = 80", "summary.word: no such setting"),
        ("summary = 3", "summary must be a table"),
        ("disable = ['titles']", "disable: cannot skip titles"),
        ("[clean]\nskip_rules = 'byline'", "clean.skip_rules must be a list of strings"),
        ("[summary\n", "not valid TOML"),
    ],
)
def test_bad_settings_fail_naming_the_setting(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        NewsfuseConfig.from_toml(toml)


def test_bad_values_fail_in_constructors_too() -> None:
    with pytest.raises(ConfigError, match="candidates must be at least 1"):
        SummaryConfig(candidates=0)
    with pytest.raises(ConfigError, match=r"clean\.skip_rules: no cleaning rule nosuch"):
        Pipeline({"clean": {"skip_rules": ["nosuch"]}})


def test_skipped_cleaning_rules_are_not_applied(example: list[Article]) -> None:
    rules = {r.rule for a in Pipeline().brief(example).articles for r in a.removed}
    assert rules, "the example has page noise to clean"
    skip = sorted(rules)[0]
    kept = Pipeline({"clean": {"skip_rules": [skip]}}).brief(example)
    assert skip not in {r.rule for a in kept.articles for r in a.removed}


def _groups(example: list[Article]) -> list[list[Article]]:
    return [example, example[:3], example[1:], example[::2], example[:2]]


def test_threads_sharing_one_similarity_brief_as_serial(example: list[Article]) -> None:
    shared = TfidfContainment()
    groups = _groups(example)
    serial = [newsfuse.to_json(newsfuse.brief(g, similarity=shared)) for g in groups]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(
            pool.map(lambda g: newsfuse.to_json(newsfuse.brief(g, similarity=shared)), groups)
        )
    assert threaded == serial
    assert shared._query is None, "the caller's similarity was fitted in place"
    assert serial[0] == newsfuse.to_json(Pipeline().brief(groups[0]))


def test_pipe_gives_the_serial_briefs_from_processes(example: list[Article]) -> None:
    pipeline = Pipeline({"summary": {"words": 80}})
    groups = _groups(example)
    serial = [newsfuse.to_json(pipeline.brief(g)) for g in groups]

    def stream() -> Iterator[list[Article]]:  # not Sized: always spread over processes
        yield from groups

    assert [newsfuse.to_json(b) for b in pipeline.pipe(stream(), n_process=2)] == serial
    assert [newsfuse.to_json(b) for b in pipeline.pipe(groups)] == serial
    with pytest.raises(ValueError, match="backend"):
        list(pipeline.pipe(groups, backend="threads"))  # type: ignore[arg-type]


def test_a_pipeline_pickles_as_its_config() -> None:
    pipeline = Pipeline({"summary": {"words": 50}}, disable=["entities"])
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.config == pipeline.config and copy.disabled == ("entities",)


def test_the_shortcut_takes_words_from_its_config_unless_given(example: list[Article]) -> None:
    def words(brief: newsfuse.Brief) -> int:
        return sum(len(i.text.split()) for i in brief.summary)

    small = newsfuse.brief(example, config=SummaryConfig(words=30))
    assert words(small) <= 30 < words(newsfuse.brief(example))
    assert newsfuse.brief(example, words=30, config=SummaryConfig(words=200)) == small
    root = dataclasses.replace(NewsfuseConfig(), summary=SummaryConfig(words=30))
    assert newsfuse.brief(example, config=root) == small


def test_largest_story_keeps_a_single_story_whole(example: list[Article]) -> None:
    pipeline = Pipeline()
    assert pipeline.largest_story(example) == example
    assert pipeline.brief(example, largest_story=True) == pipeline.brief(example)


def test_cli_reads_a_config_file_and_flags_override_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.toml"
    NewsfuseConfig(summary=SummaryConfig(words=40), disable=("quotes",)).save(path)
    assert main(["brief", str(EXAMPLE), "--config", str(path), "--format", "json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert from_file["quotes"] == []
    assert sum(len(i["text"].split()) for i in from_file["summary"]) <= 40
    assert main(["brief", str(EXAMPLE), "--config", str(path), "--words", "90", "-q"]) == 0
    assert capsys.readouterr().out != ""
    expected = Pipeline({"summary": {"words": 90}, "disable": ["quotes"]}).brief(
        newsfuse.read(EXAMPLE)
    )
    assert main(["brief", str(EXAMPLE), "--config", str(path), "--words", "90"]) == 0
    assert capsys.readouterr().out == newsfuse.to_markdown(expected)


def test_cli_reports_a_bad_config_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[summary]\nwords = -5\n", encoding="utf-8")
    assert main(["brief", str(EXAMPLE), "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"newsfuse: {path}: summary.words must be at least 1, not -5\n"
    assert main(["stories", str(EXAMPLE), "--out", str(tmp_path), "--config", "nope.toml"]) == 2
    assert "nope.toml" in capsys.readouterr().err
