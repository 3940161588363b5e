"""The stream's fast paths give what the plain computations they replace give."""

from __future__ import annotations

import math
import random

import pytest
from sklearn.feature_extraction.text import TfidfTransformer

from newsfuse.cluster.features import _SENTENCE_BREAK, _TOKEN, _lead_tokens, normalise
from newsfuse.cluster.particulars import IdfByCount, count_matrix, particulars
from newsfuse.cluster.window import TermColumns, WindowArticle

# Tokenised-corpus spacing (detached clitics and hyphens) everywhere, so that some head
# of the text ends inside a spacing `normalise` mends.
_PIECES = ("Lohan 's", "did n't", "90 - day", "U.S. troops", "a - b - c", "well", ".", ":", "x")


def _words(tokens: list[str], n: int) -> list[str]:
    """The tokens up to and including the `n`-th word token."""
    found, words = [], 0
    for token in tokens:
        found.append(token)
        if token not in _SENTENCE_BREAK:
            words += 1
            if words == n:
                break
    return found


@pytest.mark.parametrize("seed", range(4))
def test_the_head_of_a_long_text_reads_as_the_whole_text(seed: int) -> None:
    rng = random.Random(seed)
    text = " ".join(rng.choice(_PIECES) for _ in range(600))
    whole = _TOKEN.findall(normalise(text))
    for max_words in range(1, 120):
        head = _lead_tokens(text, max_words)
        # Every token up to the first word beyond those read (where `extract` stops).
        assert _words(head, max_words + 1) == _words(whole, max_words + 1)


def test_idf_by_count_is_the_smoothed_idf() -> None:
    idf, squared = IdfByCount(41), IdfByCount(41, 2)
    for df in (0, 1, 7, 40):
        assert idf[df] == math.log(41 / (df + 1)) + 1.0
        assert squared[df] == (math.log(41 / (df + 1)) + 1.0) ** 2


def _article(vector: dict[str, float]) -> WindowArticle:
    return WindowArticle((), None, vector, [], math.nan, frozenset(), 0.0)


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def test_term_columns_give_the_cosines_of_the_vectors_and_survive_renumbering() -> None:
    rng = random.Random(0)
    vocabulary = [f"t{i}" for i in range(400)]
    columns = TermColumns()
    others = []
    for _ in range(30):
        other = _article({t: rng.random() for t in rng.sample(vocabulary, 25)})
        columns.place(other)
        others.append(other)
    arrival = _article({t: rng.random() for t in rng.sample(vocabulary, 40)})
    columns.place(arrival)
    expected = [_cosine(arrival.vector, other.vector) for other in others]
    assert columns.cosines(arrival, others) == pytest.approx(expected, abs=1e-12)
    # Terms of articles gone from the window hold columns until they are renumbered.
    for i in range(1 << 16):
        columns.place(_article({f"gone{i}": 1.0}))
    kept = [*others, arrival]
    columns.compact(kept)
    assert sorted({int(c) for entry in kept for c in entry.columns}) == list(
        range(len({t for entry in kept for t in entry.vector}))
    )
    assert columns.cosines(arrival, others) == pytest.approx(expected, abs=1e-12)


def test_particulars_weigh_names_as_tfidf_over_their_count_matrix() -> None:
    names = [frozenset({"paris", "2019"}), frozenset(), frozenset({"paris", "notre dame"})]
    expected = TfidfTransformer().fit_transform(
        count_matrix([dict.fromkeys(n, 1.0) for n in names])
    )
    found = particulars(names)
    assert (found != expected).nnz == 0
    assert list(found.indices) == list(expected.indices)
