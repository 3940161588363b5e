"""Language data as data: every list loads, holds general English only, and is what the
code uses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

from newsfuse.analyze.names import mentions, organisations, places
from newsfuse.resources import lines, table, words

EN = importlib_resources.files("newsfuse.resources").joinpath("en")
LISTS = sorted(p.name.removesuffix(".txt") for p in EN.iterdir() if p.name.endswith(".txt"))
TABLES = sorted(p.name.removesuffix(".json") for p in EN.iterdir() if p.name.endswith(".json"))

# Words of the shipped example's invented world (examples/harbour-ferry: its outlets, the
# country, towns, ferry company, ships and people) and of the seed articles' story
# (../shared/data/seeds: US-China talks in June 2023). A general English list holds none.
EXAMPLE_WORDS = frozenset(
    "vardania vardanian varnholm kessel coastline eastmark gazette tribune courier vbn "
    "meridian mpa skerrow orla brenna brindle halvik revel orlund brask sunniva teodor dagny "
    "mattis seafarers".split()
)
SEED_WORDS = frozenset(
    "blinken antony xi jinping qin wang biden diaoyutai guesthouse fentanyl sino".split()
)


def _entries_words(name: str, kind: str) -> set[str]:
    text = EN.joinpath(f"{name}.{kind}").read_text(encoding="utf-8")
    if kind == "txt":
        text = " ".join(lines(name))  # comments may cite examples; entries may not
    return set(re.findall(r"[a-z]+", text.lower()))


def test_there_are_lists_and_tables() -> None:
    assert len(LISTS) >= 30
    assert {"units", "number_words", "place_aliases"} <= set(TABLES)


@pytest.mark.parametrize("name", LISTS)
def test_list_loads_without_repeats(name: str) -> None:
    entries = lines(name)
    assert entries, f"{name}.txt is empty"
    assert len(entries) == len(set(entries)), f"{name}.txt repeats an entry"
    assert words(name) == frozenset(entries)
    assert all(e == e.strip() and "#" not in e for e in entries)


@pytest.mark.parametrize("name", TABLES)
def test_table_loads(name: str) -> None:
    data = table(name)
    assert isinstance(data, dict) and data
    assert json.loads(EN.joinpath(f"{name}.json").read_text(encoding="utf-8")) == data


@pytest.mark.parametrize(
    ("name", "kind"), [(n, "txt") for n in LISTS] + [(n, "json") for n in TABLES]
)
def test_no_example_or_seed_words(name: str, kind: str) -> None:
    found = _entries_words(name, kind) & (EXAMPLE_WORDS | SEED_WORDS)
    assert not found, f"{name}.{kind} holds words of the example or the seeds: {sorted(found)}"


def test_missing_resource_is_a_clear_error() -> None:
    with pytest.raises(LookupError, match=r"no language resource en/no_such_list\.txt"):
        lines("no_such_list")


def test_code_uses_the_loaded_lists() -> None:
    assert organisations.ORG_HEADS is words("organisation_heads")
    assert places.PLACE_HEADS is words("place_heads")
    assert mentions._VESSEL_PREFIXES is words("vessel_prefixes")


# Run in a fresh interpreter whose `newsfuse.resources` files are a copy the test edits:
# the lists are read when the modules are imported.
_WITH_COPIED_RESOURCES = """
import importlib.resources, pathlib, sys
real = importlib.resources.files
copy = pathlib.Path(sys.argv[1])
importlib.resources.files = lambda p: copy if p == "newsfuse.resources" else real(p)
from newsfuse.analyze.names import find_mentions
print([m.hint for m in find_mentions("Police said Acme Syndicate paid.")])
"""


def test_a_list_file_change_takes_effect(tmp_path: Path) -> None:
    """A word added to organisation_heads.txt makes names headed by it bodies."""
    shutil.copytree(str(EN), tmp_path / "en")
    with (tmp_path / "en" / "organisation_heads.txt").open("a", encoding="utf-8") as heads:
        heads.write("syndicate  # added by the test\n")

    def hints(resources: str) -> str:
        run = [sys.executable, "-c", _WITH_COPIED_RESOURCES, resources]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    # "Police", then two capitalised words read as a person's name, then as a body's.
    assert hints(str(Path(str(EN)).parent)) == "['organization', 'person']"
    assert hints(str(tmp_path)) == "['organization', 'organization']"
