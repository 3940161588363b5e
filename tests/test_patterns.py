"""The quick-search forms of word lists and pattern fragments match what the plain
alternations match."""

from __future__ import annotations

import re

from newsfuse.resources import lines
from newsfuse.resources.patterns import one_of, together


def test_one_of_matches_exactly_the_entries() -> None:
    entries = ["sep", "sept", "september", "said", "saw", "a.m.", "set up", "s"]
    pattern = re.compile(one_of(entries))
    tries = [*entries, "", "se", "sa", "septembe", "am", "a.mx", "set  up", "saidx", "S"]
    for text in tries:
        assert bool(pattern.fullmatch(text)) == (text in entries), text
    assert re.compile(one_of(["a"])).pattern == "a"
    assert one_of([]) == ""


def test_one_of_keeps_a_case_insensitive_search() -> None:
    verbs = lines("time_past_verbs")
    plain = re.compile(rf"\b(?:{'|'.join(verbs)})\b", re.I)
    quick = re.compile(rf"\b(?:{one_of(verbs)})\b", re.I)
    for text in ["He SAID so.", "they unsaid it", "Talks ended", "the said-so", verbs[-1]]:
        assert bool(plain.search(text)) == bool(quick.search(text)), text


def test_together_finds_what_the_fragments_find() -> None:
    fragments = [r"\bread more\b", r"\b(?:sign|log) in\b", r"^\(?Courtesy of\b", r", at left\b"]
    plain = re.compile("|".join(fragments), re.I)
    quick = re.compile(together(fragments), re.I)
    assert quick.pattern.startswith(r"\b(?:read more\b|(?:sign|log) in\b)|")
    texts = [
        "Read more: the story",
        "thread more",
        "please log in now",
        "Courtesy of the zoo",
        "(Courtesy of the zoo)",
        "the zoo, courtesy of",
        "The mayor, at left, spoke",
        "nothing here",
    ]
    for text in texts:
        assert bool(plain.search(text)) == bool(quick.search(text)), text
    assert together([r"^Photo\b"]) == r"^Photo\b"  # no shared boundary to match anywhere
