"""Very long inputs under the size cap brief in bounded time (issue 20's time bombs)."""

from __future__ import annotations

import random
import time

import numpy as np

import newsfuse
from newsfuse.model import Article, Sentence
from newsfuse.segment.budget import opening, opening_articles, opening_sentences

_WORDS = (
    "council harbour ferry bridge storm engineer mayor report budget library school road river "
    "station market worker company plan court minister village crew pier vote repaired delayed "
    "visited reported announced approved closed opened new old local small large early late"
).split()


def _prose(size: int, seed: int = 0) -> str:
    """Paragraphs of made-up sentences over our own words and made-up ones."""
    rng = random.Random(seed)
    made_up = [
        "".join(rng.choices("bdfgklmnprstvz", k=2) + rng.choices("aeiou", k=1)) * 2
        for _ in range(3000)
    ]
    paragraphs, total = [], 0
    while total < size:
        sentences = [
            "The " + " ".join(rng.choices(_WORDS, k=5) + rng.choices(made_up, k=9)) + "."
            for _ in range(4)
        ]
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def test_opening_cuts_after_a_whole_paragraph_else_a_whole_word() -> None:
    text = "One two three.\n\nFour five six.\n\nSeven eight."
    assert opening(text, 100) == text
    assert opening(text, 33) == "One two three.\n\nFour five six."
    assert opening("one two three four five six", 16) == "one two three"
    assert opening("x" * 50, 10) == "x" * 10


def test_a_story_over_its_character_budget_reads_one_opening_length_of_its_long_articles() -> None:
    articles = [Article(str(n), "word " * size) for n, size in enumerate((10, 100, 1000))]
    # 50 + 500 + 5000 characters; 50 + 2 * 200 fit in 450.
    read = opening_articles(articles, article_chars=10_000, story_chars=450)
    assert read[0] is articles[0]
    assert [len(a.text) for a in read[1:]] == [199, 199]
    assert (
        opening_articles(articles, article_chars=300, story_chars=10_000)[1].text.count("word")
        == 60
    )


def test_opening_sentences_take_turns_and_count_distinct_texts() -> None:
    def article(name: str, texts: list[str]) -> tuple[Article, list[Sentence]]:
        # Two sentences a paragraph.
        paragraphs = [" ".join(texts[i : i + 2]) for i in range(0, len(texts), 2)]
        sentences = [Sentence(name, i, i // 2, t) for i, t in enumerate(texts)]
        return Article(name, "\n\n".join(paragraphs)), sentences

    long = article("long", [f"Long {n}." for n in range(10)])
    copy = article("copy", [f"Long {n}." for n in range(10)])
    short = article("short", ["Short 0.", "Short 1.", "Short 2."])
    articles, segmented = zip(long, copy, short, strict=True)
    cut, kept = opening_sentences(articles, segmented, limit=7)
    # In turns: Long 0, Short 0, Long 1, Short 1, Long 2, Short 2, Long 3; the copy's
    # sentences are read for free; each article is cut after a whole paragraph.
    assert [len(s) for s in kept] == [4, 4, 3]
    assert cut[0].text == "Long 0. Long 1.\n\nLong 2. Long 3."
    assert cut[2] is articles[2]
    assert opening_sentences(articles, segmented, limit=23)[0] == list(articles)


def test_a_two_megabyte_article_briefs_in_seconds() -> None:
    # 2 MB of prose in one article took 16 s of CPU (summary's all-pairs similarity).
    articles = [Article("long", _prose(2 * 1024 * 1024))]
    start = time.process_time()
    brief = newsfuse.brief(articles)
    assert time.process_time() - start < 5.0
    assert brief.summary


def test_align_compares_few_pairs_and_finds_every_link_all_pairs_finds() -> None:
    from scipy import sparse

    from newsfuse.analyze.align import align
    from newsfuse.analyze.claim_matrix import prefixes as _prefixes

    rng = random.Random(5)
    texts = _prose(60_000, seed=5).replace("\n\n", " ").split(". ")
    # Three articles; the third restates some sentences of the first, word for word or cut.
    by_article = {"a": texts[:150], "b": texts[150:300]}
    by_article["c"] = [" ".join(t.split()[: rng.randint(8, 16)]) for t in texts[:40:2]]
    sentences = {
        a: [Sentence(a, i, i, t.rstrip(".") + ".") for i, t in enumerate(ts)]
        for a, ts in by_article.items()
    }
    alignment = align(sentences)
    # All pairs, densely: every link the prefix filter kept and none it missed.
    claims = alignment.claims
    vocabulary = sorted({f for c in claims for f in c.words | {"#" + x for x in c.anchors}})
    column = {f: n for n, f in enumerate(vocabulary)}
    incidence = np.zeros((len(claims), len(vocabulary)))
    for i, c in enumerate(claims):
        incidence[i, [column[f] for f in c.words | {"#" + x for x in c.anchors}]] = 1
    weight = np.log((1 + len(claims)) / (1 + incidence.sum(axis=0))) + 1.0
    weight[[n for f, n in column.items() if f.startswith("#")]] *= 1.5
    weighted = incidence * weight
    coverage = (weighted @ incidence.T) / weighted.sum(axis=1, keepdims=True)
    counts = incidence @ incidence.T
    articles = [c.articles for c in claims]
    expected = {
        (i, j)
        for i, j in zip(*np.nonzero((coverage >= 0.5 - 1e-9) & (counts >= 3)), strict=True)
        if i != j and not (len(articles[i]) == 1 and articles[i] == articles[j])
    }
    found = {(i, j) for i, links in alignment.links.items() for j, _ in links}
    assert found == expected and len(found) >= 20
    # The pairs compared: far fewer than all of them.
    prefixes, _ = _prefixes(sparse.csr_matrix(weighted), weighted.sum(axis=1), 0.5)
    assert (prefixes @ sparse.csr_matrix(incidence).T).nnz < 0.2 * len(claims) ** 2
