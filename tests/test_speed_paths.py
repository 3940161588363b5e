"""Speed shortcuts agree with the slow, obvious computation they replace."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import ftfy
import ftfy.badness
import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

import newsfuse
from newsfuse.analyze import claim_parts, clause_date, exclusives, newsworthy, quantities, spellings
from newsfuse.analyze.attribution import apart, features
from newsfuse.analyze.names import Registry, mentions, name_runs
from newsfuse.analyze.names.people import OFFICE_NOUNS
from newsfuse.clean import captions, clean, repeats
from newsfuse.clean import rules as r
from newsfuse.memo import one_brief, per_brief
from newsfuse.resources import lines
from newsfuse.resources import words as word_list
from newsfuse.resources.patterns import together
from newsfuse.segment import fold_case, segment, split_sentences, tokenize
from newsfuse.segment.lines import QUOTED
from newsfuse.segment.words import _TOKEN as words_pattern
from newsfuse.summarize import concept_terms, concept_tokens
from newsfuse.summarize.similarity import content_tokens
from newsfuse.summarize.terms import fit_binary, transform_binary
from newsfuse.time import find_timexes

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seeds"

# --- ftfy skipped where it has nothing to fix ----------------------------------------------

ENCODING_CASES = [
    "Plain ASCII text, with digits 1,200 and (brackets).",
    "Curly “quotes” and ‘single’ ones — and an en dash – too.",
    "Café, naïve, façade: Latin-1 letters.",
    "The minister\u00e2\u20ac\u2122s caf\u00c3\u00a9 visit.",  # UTF-8 read as cp1252
    "Ã©tÃ© en France",
    "Fish &amp; chips",  # an HTML entity: ftfy may unescape it
    "A line\u2028separator and a soft\u00adhyphen.",
    "Full-width ＡＢＣ and a ligature ﬁ.",
]


@pytest.mark.parametrize("text", ENCODING_CASES)
def test_encoding_skip_agrees_with_fix_text(text: str) -> None:
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    assert r._mojibake(text) == ftfy.badness.is_bad(text)
    if r._UNTOUCHED.fullmatch(text) and not r._mojibake(text):
        assert fixed == text  # the skip is only taken where fix_text changes nothing
    assert r.repair_encoding([text])[0] == [fixed]


# --- duplicate sentences through a word index ---------------------------------------------


def _naive_duplicate_sentence(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """duplicate_sentence by comparing every pair of sentences."""
    split = [split_sentences(p.replace("\n", " ")) for p in paragraphs]
    flat = [
        (i, j, set(repeats._WORD.findall(s.lower())), repeats._who(s), repeats._opening_pronoun(s))
        for i, row in enumerate(split)
        for j, s in enumerate(row)
    ]
    drop: set[tuple[int, int]] = set()
    for b, (i, j, words, who, opens) in enumerate(flat):
        if len(words) < 6:
            continue
        for a, (k, m, other, _, other_opens) in enumerate(flat):
            if a == b or (k, m) in drop or len(other) < len(words):
                continue
            if not who <= other:
                continue
            if opens not in ("", other_opens):
                continue
            if len(other) == len(words) and a > b:
                continue
            if len(words & other) >= 0.9 * len(words):
                drop.add((i, j))
                break
    kept, removed = [], []
    for i, sentences in enumerate(split):
        removed += [s for j, s in enumerate(sentences) if (i, j) in drop]
        rest = [s for j, s in enumerate(sentences) if (i, j) not in drop]
        if len(rest) == len(sentences):
            kept.append(paragraphs[i])
        elif rest:
            kept.append(" ".join(rest))
    return kept, removed


DUPLICATES = [
    "The ferry left the harbour at dawn with forty passengers aboard. It was calm.",
    "Officials said the ferry left the harbour at dawn with forty passengers aboard and crew.",
    "The ferry left the harbour at dawn with forty passengers aboard.",  # an exact repeat
    "Rescuers reached the stranded vessel shortly before noon on Tuesday.",
    "Rescuers reached the stranded ferry shortly before noon on Tuesday.",  # one word apart
    "She said the pilots had asked the harbour for a tug before noon on Tuesday.",
    "Brandt said the pilots had asked the harbour for a tug before noon on Tuesday.",  # two people
    "Short one. Another short one.",
    "The coastguard praised the crew for keeping everyone calm during the long wait.",
]


def test_duplicate_sentence_index_equals_pairwise() -> None:
    assert repeats.duplicate_sentence(DUPLICATES) == _naive_duplicate_sentence(DUPLICATES)
    assert repeats.duplicate_sentence(DUPLICATES)[1]  # the input does hold duplicates


def test_duplicate_sentence_index_equals_pairwise_on_seeds() -> None:
    for article in newsfuse.read(SEEDS):
        paragraphs = article.text.split("\n\n")
        assert repeats.duplicate_sentence(paragraphs) == _naive_duplicate_sentence(paragraphs)


# --- exclusives by one sparse product -------------------------------------------------------


def _naive_covered(
    words: list[frozenset[str]],
    groups: list[int],
    candidates: list[int],
    max_covered: float,
    names: list[frozenset[str]],
) -> set[int]:
    def covers(i: int, j: int) -> bool:
        a, b = words[i], words[j]
        shared = len(a & b)
        share = shared / min(len(a), len(b)) if shared else 0.0
        return (
            (shared >= 4 and share >= max_covered)
            or (shared >= 3 and share >= 0.6)
            or (shared >= 5 and share >= 0.4)
            or (shared >= 4 and share >= 0.3 and bool(names[i] & names[j] & a & b))
        )

    return {
        i for i in candidates for j in range(len(words)) if groups[j] != groups[i] and covers(i, j)
    }


def test_covered_sparse_product_equals_naive() -> None:
    words = [
        frozenset("ferry harbour dawn passengers forty".split()),
        frozenset("ferry harbour dawn passengers crew storm".split()),  # 4 shared with 0
        frozenset("ferry harbour dawn".split()),  # a near copy of 0: 3 words, all shared
        frozenset("ferry crew noon".split()),  # too few shared to cover anything
        frozenset("rescuers vessel noon tuesday stranded".split()),
        frozenset("rescuers vessel noon tuesday stranded helicopter".split()),  # same group
        frozenset("coastguard crew calm wait praised".split()),
        frozenset(),
        # 4 of 12 shared with the next: a rewording only by the name both print.
        frozenset(
            "brandt mayor warned thieves kessel refugees link old barracks river a b".split()
        ),
        frozenset(
            "mayor insisted thieves kessel refugees ties crowd angry outside tuesday".split()
        ),
    ]
    groups = [0, 1, 1, 1, 2, 2, 0, 1, 0, 2]
    names = [frozenset()] * 8 + [frozenset({"brandt", "kessel"}), frozenset({"kessel"})]
    every = list(range(len(words)))
    for max_covered in (0.5, 0.7, 0.9):
        expected = _naive_covered(words, groups, every, max_covered, names)
        assert exclusives._covered(words, groups, every, max_covered, names) == expected
    assert exclusives._covered(words, groups, every, 0.5, names) == {0, 1, 2, 8, 9}
    unnamed = [frozenset[str]()] * len(words)
    assert exclusives._covered(words, groups, every, 0.5, unnamed) == {0, 1, 2}


# --- token memo and term matrices ------------------------------------------------------------


def test_per_brief_memo_lives_as_long_as_the_brief() -> None:
    calls: list[str] = []

    @per_brief
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("a") == shout("a") == "A"
    assert calls == ["a", "a"]  # outside a brief: no memo
    with one_brief():
        assert shout("b") == shout("b") == "B"
        with one_brief():  # nested: the same memo
            assert shout("b") == "B"
    assert calls == ["a", "a", "b"]
    with one_brief():  # a new brief starts empty
        shout("b")
    assert calls == ["a", "a", "b", "b"]


def test_tokenize_returns_a_fresh_list_inside_a_brief() -> None:
    with one_brief():
        first = tokenize("Xi met Blinken.")
        first.append("changed")
        assert tokenize("Xi met Blinken.") == ["xi", "met", "blinken"]


@pytest.fixture(scope="module")
def seed_sentences() -> list[str]:
    articles = [clean(a) for a in newsfuse.read(SEEDS)]
    return list(dict.fromkeys(s.text for a in articles for s in segment(a)))


@pytest.mark.parametrize(
    ("tokenizer", "terms", "ngrams", "dtype"),
    [
        (content_tokens, content_tokens, (1, 1), np.float32),
        (concept_tokens, concept_terms, (1, 2), np.int64),
    ],
)
def test_terms_equal_count_vectorizer(seed_sentences, tokenizer, terms, ngrams, dtype) -> None:  # type: ignore[no-untyped-def]
    vectorizer = CountVectorizer(
        tokenizer=tokenizer,
        lowercase=False,
        token_pattern=None,
        binary=True,
        ngram_range=ngrams,
        dtype=dtype,
    )
    expected = vectorizer.fit_transform(seed_sentences).tocsr()
    got, vocabulary = fit_binary(map(terms, seed_sentences), dtype)
    assert vocabulary == vectorizer.vocabulary_
    # Entry for entry, in stored order: float sums over rows must not change by a bit.
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(got, name), getattr(expected, name)), name
    assert got.dtype == expected.dtype and got.shape == expected.shape

    queries = [*seed_sentences[:40:3], "Words the story never printed.", ""]
    expected = vectorizer.transform(queries).tocsr()
    got = transform_binary(map(terms, queries), vocabulary, dtype)
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(got, name), getattr(expected, name)), name
    assert got.shape == expected.shape


def test_fit_binary_rejects_no_terms() -> None:
    with pytest.raises(ValueError):
        fit_binary([(), ()])
    assert math.isclose(fit_binary([("a",), ()])[0].sum(), 1)


# --- clean: scans skipped where they cannot match ------------------------------------------


def _naive_repeats_a_run(words: list[str]) -> bool:
    return any(
        words[t : t + k] == words[t + k : t + 2 * k]
        for k in (2, 3, 4)
        for t in range(len(words) - 2 * k + 1)
    )


def test_repeated_run_bytes_equal_naive() -> None:
    rng = random.Random(0)
    for _ in range(2000):
        words = [rng.choice("ab") for _ in range(rng.randrange(0, 12))]
        assert repeats._repeats_a_run(words) == _naive_repeats_a_run(words), words
    for article in newsfuse.read(SEEDS):
        for paragraph in article.text.split("\n\n"):
            words = repeats._LETTERS.findall(paragraph)
            assert repeats._repeats_a_run(words) == _naive_repeats_a_run(words)


def test_fold_case_finds_every_case_insensitive_match() -> None:
    # Every character that re.IGNORECASE matches to an ASCII letter folds to that letter.
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            letter = fold_case(char)
            assert re.fullmatch(letter, char, re.IGNORECASE), hex(code)
    for text in ("İmage", "PHOTO", "ſix", "\u212aelvin", "Straße", "photo: AP"):
        folded = fold_case(text)
        assert len(folded) == len(text)
        for word in ("image", "photo", "six", "kelvin"):
            for m in re.finditer(word, text, re.IGNORECASE):
                assert folded[m.start() : m.end()] == word


@pytest.mark.parametrize(
    "line",
    [
        "The ferry at dawn. Photo: AP Photo",
        "Rescuers at work (Pool via AP)",
        "A calm sea (AP Photo/Andy Wong) ",
        "Crew on deck. İMAGE: Getty",
        "Nothing to see here, it said.",
        "A bracket (closed)",
    ],
)
def test_credit_shortcut_equals_search(line: str) -> None:
    assert captions._credit(line) == (captions._CREDIT.search(line) is not None)


# --- analysis: per-registry memo, quotes blanked by slices ----------------------------------


def test_registry_resolve_memo_equals_fresh() -> None:
    articles = [clean(a) for a in newsfuse.read(SEEDS)]
    registry = Registry.build(articles)
    for article in articles:
        for sentence in segment(article):
            for match in re.finditer(r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*", sentence.text):
                fresh = registry._resolve(match[0], article.id)
                assert registry.resolve(match[0], article.id) == fresh
                assert registry.resolve(match[0], article.id) == fresh  # from the memo


# --- analysis: scans skipped or restructured --------------------------------------------------


@pytest.fixture(scope="module")
def story_texts() -> list[str]:
    """The seeds, cleaned and raw, and texts made to hit the edge cases."""
    raw = [a.text for a in newsfuse.read(SEEDS)]
    made = [
        "  Xi met Biden.\n\n Wang said: Qin left. \u201cThey\u201d \u201cMet\u201d\nAnd\n  Then",
        'Like Qin, he came. "Blinken\t said it," and Blinken? Yes. Mr Wang:  Fine',
        "About 5 a.m. on Monday, nearly six hours, some 212 passengers, $1.5 billion, "
        "40 per cent, at 6.40PM, in 2019, last year, this Month, tomorrow, 27-year-old, "
        "ſix ſeconds, İn February, twenty-five ONE-third, 3:15pm Tuesday, fifteen days",
    ]
    return raw + [clean(a).text for a in newsfuse.read(SEEDS)] + made


def test_opens_sentence_equals_opening_scan(story_texts: list[str]) -> None:
    opening = re.compile(r"(?:^|[.!?:\n]\s*|[\"“]\s*)(?=[A-Z])")
    for text in story_texts:
        expected = {m.end() for m in opening.finditer(text)}
        got = {at for at in range(len(text) + 1) if mentions._opens_sentence(text, at)}
        assert got == expected


@pytest.mark.parametrize(
    ("pattern", "plain"),
    [
        (
            mentions._SEQUENCE,
            rf"(?<![\w'’])(?:{mentions._CAP})(?:[^\S\n](?:(?:of|for|of\sthe)\s"
            rf"|(?:(?:{mentions._PARTICLES})\s){{1,2}})?(?:{mentions._PREFIXES})?"
            rf"(?:{mentions._CAP}))*",
        ),
        (spellings._NAME_FORM, r"(?<![\w'’-])(?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*"),
        (name_runs(4), r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*"),
        (name_runs(5), r"(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*"),
    ],
)
def test_name_patterns_opening_with_a_capital_match_as_before(
    story_texts: list[str], pattern: re.Pattern[str], plain: str
) -> None:
    made = [
        "A.B. C",
        "U.S.A Ab-",
        "x-Ab A-B",
        "’Ab",
        "AB. CD",
        "A",
        "A.",
        "A-",
        "Of The Ab Cd Ef Gh",
        "Mr. Xi. U.S.  Army",
        "McDonald’s Ab.Cd E",
    ]
    for text in [*story_texts, *made]:
        expected = [m.span() for m in re.finditer(plain, text)]
        assert [m.span() for m in pattern.finditer(text)] == expected, text


def _sentences_of(texts: list[str]) -> list[str]:
    return [s for text in texts for s in split_sentences(text)] + texts


def test_quantity_alternation_matches_as_plain_join(story_texts: list[str]) -> None:
    plain = re.compile(
        quantities._QUANTITY.pattern.replace(
            quantities._WORD, "|".join(quantities._NUMBER_WORDS)
        ).replace(quantities._QUALIFIERS, "|".join(quantities._QUALIFIER_WORDS)),
        re.IGNORECASE,
    )
    assert plain.pattern != quantities._QUANTITY.pattern
    for sentence in _sentences_of(story_texts):
        got = [(m.span(), m.groupdict()) for m in quantities._QUANTITY.finditer(sentence)]
        assert got == [(m.span(), m.groupdict()) for m in plain.finditer(sentence)]


def test_date_and_clock_pre_checks_miss_nothing(story_texts: list[str]) -> None:
    hits = 0
    for sentence in _sentences_of(story_texts):
        if find_timexes(sentence, None):
            hits += 1
        if quantities._CLOCK_TIME.search(sentence):
            assert quantities._CLOCK_HINT.search(sentence), sentence
    assert hits > 10
    for sentence in ("The THIS MONTH plan", "the ſame year", "on Mon.", "at 5 P.M", "4pm"):
        assert quantities._CLOCK_HINT.search(sentence) or not quantities._CLOCK_TIME.search(
            sentence
        )


# --- neighbour choice by selection ----------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_nearest_by_selection_equals_stable_sort(seed: int) -> None:
    from newsfuse.cluster.refine import nearest

    rng = np.random.default_rng(seed)
    # Few distinct values, so ties at the k-th best are the rule, not the exception.
    scores = rng.integers(0, 6, size=(40, 60)).astype(float) / 5
    own = np.arange(40)
    scores[own, own + 10] = -np.inf
    for k, floor in ((1, 0.0), (5, 0.1), (10, 0.5), (59, 0.0), (80, 0.2)):
        rows, cols = nearest(scores, k, floor)
        top = np.argsort(-scores, axis=1, kind="stable")[:, : min(k, 59)]
        expected = {(int(r), int(c)) for r in range(40) for c in top[r] if scores[r, c] >= floor}
        assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected


# --- patterns rewritten to be searched quickly (speed13) -------------------------------------

_EDGES = [
    "U.S. Sen. Ab said. Then Mr. X left! “Yes.” Dr. No? 'Quoted,' he said. O'Hara's 'x'",
    "at 5:30 a.m. or 5.30pm, 1,200 or 3.5 or x1 or .5 or 12,5; (Ab) “Cd” ‘Ef’ 'Gh' -7",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "plain"),
    [
        (features._SENTENCE_END, r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’]?\s+(?=[\"“A-Z])"),
        (apart._SENTENCE_END, r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])[.!?][\"”’]?\s+(?=[\"“”A-Z])"),
        (QUOTED, r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’|(?<!\w)'(?:[^'\n]|'(?=\w))+'(?!\w)"),
        (claim_parts._FIGURE, r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?"),
        (claim_parts._CAPITALISED, r"(?<=[\s(\"“‘'])[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"),
        (
            claim_parts._CLOCK,
            r"(?<![\d.,])(\d{1,2})(?::(\d{2})|\.(\d{2})(?=\s*[ap]\.?m\b))(?![\d:])",
        ),
        (newsworthy.NAME, r"(?<=[\s(\"“])[A-Z][a-z]+"),
        (exclusives._QUANTITY, r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)[\s-]+([A-Za-z]+)"),
    ],
)
def test_look_behind_after_the_first_character_matches_as_before(
    story_texts: list[str], pattern: re.Pattern[str], plain: str
) -> None:
    before = re.compile(plain, pattern.flags)
    for text in [*story_texts, *_EDGES]:
        for start in (0, len(text) // 3):
            got = [(m.span(), m.groups()) for m in pattern.finditer(text, start)]
            assert got == [(m.span(), m.groups()) for m in before.finditer(text, start)], text


def test_word_lists_as_tries_match_as_plain_joins(story_texts: list[str]) -> None:
    verbs = [*lines("time_past_verbs"), *lines("time_more_past_verbs")]
    plain_verb = re.compile(
        rf"\b(?:{'|'.join(verbs)}|is|are|be|been|has|have|will|would|can|could|should|may"
        r"|might|must|says|\w{3,}ed|\w+n['’]t)\b",
        re.I,
    )
    nouns = sorted(OFFICE_NOUNS | word_list("institution_nouns"))
    plain_someone = re.compile(rf"\b(?:{'|'.join(nouns)})s?\b", re.I)
    plain_title = re.compile(rf"\b(?:{'|'.join(lines('title_abbreviations'))})\.$", re.I)
    made = ["He DIDN’T go", "Police said", "the Gov.", "Messrs.", "xSen.", "ministers", "Sen. x"]
    for sentence in [*_sentences_of(story_texts), *made]:
        assert bool(clause_date.VERB.search(sentence)) == bool(plain_verb.search(sentence))
        assert bool(newsworthy._SOMEONE.search(sentence)) == bool(plain_someone.search(sentence))
        end = sentence.rstrip()
        title = exclusives._CUT_AT_TITLE.search(end, max(0, len(end) - exclusives._TITLE_REACH))
        assert bool(title) == bool(plain_title.search(end)), sentence


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("caption_cues", 0),
        ("boilerplate_cues", re.I),
        ("no_comment_cues", re.I),
        ("form_prompts", re.I),
    ],
)
def test_fragments_together_find_as_plain_joins(
    story_texts: list[str], name: str, flags: int
) -> None:
    fragments = lines(name)
    plain = re.compile("|".join(fragments), flags)
    quick = re.compile(together(fragments), flags)
    made = ["Read more: x", "Image copyright PA", "did not return calls", "MOST READ", "x"]
    for sentence in [*_sentences_of(story_texts), *made]:
        assert bool(quick.search(sentence)) == bool(plain.search(sentence)), sentence


def test_registry_keeps_mentions_in_text_order() -> None:
    # Attribution's candidates read an article's mentions by bisection on this order.
    articles = [clean(a) for a in newsfuse.read(SEEDS)]
    registry = Registry.build(articles)
    for a in articles:
        starts = [m.start for m, _, _ in registry.mentions[a.id]]
        assert starts == sorted(starts) and len(starts) > 10


def test_tokens_replace_the_apostrophe_as_per_token(story_texts: list[str]) -> None:
    for text in [*story_texts, "Don’t it’s ’90s rock’n’roll 'x’"]:
        per_token = [t.replace("’", "'") for t in words_pattern.findall(text.lower())]
        assert tokenize(text) == per_token
