"""Cleaning rules against repetition: paragraphs and sentences a page prints twice, and runs
of words repeated in place (a scraper's doubled text). Each is linear in the text's length:
an adversarial page of one repeated phrase must not make cleaning quadratic."""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import chain

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.clean.shape import Paragraphs, RuleResult, word_count
from newsfuse.resources import lines
from newsfuse.segment import split_sentences
from newsfuse.segment.lines import heading

_WORD = re.compile(r"\w+")
_PRONOUNS = frozenset(lines("personal_pronouns"))


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def duplicate_paragraph(paragraphs: Paragraphs) -> RuleResult:
    """A paragraph printed twice (a lede repeated under the picture): keep the first."""
    kept: Paragraphs = []
    removed: list[str] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        key = _normalise(paragraph)
        if key in seen and word_count(paragraph) >= 5:
            removed.append(paragraph)
        else:
            seen.add(key)
            kept.append(paragraph)
    return kept, removed


# A sentence whose rarest words other sentences print more often than this (counting each
# wording once) is not looked up: only text made of a few words over and over (a spam page,
# a generated list) gets there, and checking it against every such sentence is quadratic.
# An article's own sentences stay far below it.
MAX_HOLDERS = 64


def duplicate_sentence(paragraphs: Paragraphs) -> RuleResult:
    """A sentence repeated, or wholly contained, in a longer sentence of the same article:
    a standfirst restated in the body, or a lede repeated inside a paragraph."""
    split = [split_sentences(p.replace("\n", " ")) for p in paragraphs]
    # The word set of `_normalise(s).split()`, without building the joined string.
    # One object per wording, so that wordings compare by identity.
    wordings: dict[frozenset[str], frozenset[str]] = {}
    flat = [
        wordings.setdefault(words, words)
        for sentences in split
        for words in (frozenset(_WORD.findall(s.lower())) for s in sentences)
    ]
    every = [s for sentences in split for s in sentences]
    drop = _contained(flat, [_who(s) for s in every], [_opening_pronoun(s) for s in every])
    kept: Paragraphs = []
    removed: list[str] = []
    b = 0
    for paragraph, sentences in zip(paragraphs, split, strict=True):
        gone = [b + j in drop for j in range(len(sentences))]
        b += len(sentences)
        if not any(gone):
            kept.append(paragraph)
            continue
        removed.extend(s for s, g in zip(sentences, gone, strict=True) if g)
        rest = [s for s, g in zip(sentences, gone, strict=True) if not g]
        if rest:
            kept.append(" ".join(rest))
    return kept, removed


def _who(sentence: str) -> frozenset[str]:
    """The words (lower-cased) that say who or how many a sentence is about: the last word of
    each run of capitalised words ("Ada Lund" and "Senator Lund" by "lund"; the
    first word only unless a stop word; none in a line capitalised as a heading is),
    figures and personal pronouns."""
    words = _WORD.findall(sentence)
    titled = heading(words)
    found = set()
    for at, (word, following) in enumerate(zip(words, [*words[1:], ""], strict=False)):
        low = word.lower()
        name = not titled and word[:1].isupper() and (at > 0 or low not in ENGLISH_STOP_WORDS)
        if (name and not following[:1].isupper()) or low in _PRONOUNS or word.isdigit():
            found.add(low)
    return frozenset(found)


def _opening_pronoun(sentence: str) -> str:
    """The personal pronoun a sentence opens on (lower-cased), else "": its subject."""
    # Pages print a closing mark for an opening one too.
    first = _WORD.match(sentence.lstrip("\"“”‘’'( "))
    low = first[0].lower() if first else ""
    return low if low in _PRONOUNS else ""


def _contained(
    flat: list[frozenset[str]], who: list[frozenset[str]], opening: list[str]
) -> set[int]:
    """Sentences (by index) of six or more words, 90% of which a sentence not yet dropped
    holds, `who` words all, and opening on the same pronoun if it opens on one (a longer
    one, or an equally long one that comes first): "He voted for the ban" is neither "Ames
    voted for the ban, too" nor "The senator voted for the ban; he is ..."."""
    frequency = Counter(chain.from_iterable(flat))
    shared = {word for word, n in frequency.items() if n > 1}
    # Sentences of one wording (word set) are looked up once: repeated text holds many.
    members: dict[frozenset[str], list[int]] = defaultdict(list)
    for b, words in enumerate(flat):
        members[words].append(b)
    dropped: Counter[frozenset[str]] = Counter()  # members dropped so far, all earlier ones
    postings: dict[str, list[frozenset[str]]] | None = None  # built on first need
    drop: set[int] = set()
    for b, words in enumerate(flat):
        if len(words) < 6:
            continue
        # An earlier sentence of the same wording still kept holds this one ("She said he
        # voted" is not "He said she voted").
        same = opening[b] == opening[members[words][0]]
        if same and bisect_left(members[words], b) > dropped[words]:
            drop.add(b)
            dropped[words] += 1
            continue
        need = 0.9 * len(words)
        # A sentence holding `need` of these words misses at most `spare` of them. Words no
        # other sentence prints are missed by all: with more than `spare` of them, as most
        # sentences have, nothing can hold this one.
        spare = len(words) - math.ceil(need)
        if len(words - shared) > spare:
            continue
        if postings is None:
            postings = defaultdict(list)
            for other in members:
                for word in other & shared:
                    postings[word].append(other)
        # A holder misses at most `spare` words, so it holds one of any spare + 1: only the
        # postings of the rarest are candidates (words this sentence alone prints have
        # none). Comparing every pair of sentences was 1 ms an article.
        rarest = sorted(words, key=frequency.__getitem__)[: spare + 1]
        if sum(len(postings.get(word, ())) for word in rarest) > MAX_HOLDERS:
            continue
        for other in {other for word in rarest for other in postings.get(word, ())}:
            if other is words or len(other) < len(words) or len(words & other) < need:
                continue
            if not who[b] <= other:
                continue
            if opening[b] not in ("", opening[members[other][0]]):
                continue
            # Of two equally long wordings, the first printed is kept: holders come before.
            longer = len(other) > len(words)
            before = len(members[other]) if longer else bisect_left(members[other], b)
            if before > dropped[other]:  # the dropped members all come before
                drop.add(b)
                dropped[words] += 1
                break
    return drop


_LETTERS = re.compile(r"[A-Za-z]+")


def _repeats_a_run(words: list[str]) -> bool:
    """Whether words[t : t + k] == words[t + k : t + 2k] for some t and k = 2 to 4."""
    for k in (2, 3, 4):
        # A byte per word, 1 where it equals the word k later: k ones in a row are such a
        # run. Found in C, where a loop over the words was most of the rule's time.
        same = bytes(map(operator.eq, words, words[k:]))
        if b"\x01" * k in same:
            return True
    return False


_LETTER_RUN = re.compile(r"([A-Za-z]+)")


def _windows(paragraph: str) -> list[tuple[int, int]]:
    """Character spans, in order, outside which `_REPEATED` cannot match: the words
    words[t : t + 2k] wherever words[t : t + k] == words[t + k : t + 2k], k = 2 to 4 (a
    match is such a run), merged where they meet. Each span ends where the next letter run
    starts, so a match inside one sees the character after it."""
    pieces = _LETTER_RUN.split(paragraph)  # between-runs, run, between-runs, ..., between
    words = pieces[1::2]
    covered = np.zeros(len(words) + 1, dtype=np.int64)
    for k in (2, 3, 4):
        same = np.frombuffer(bytes(map(operator.eq, words, words[k:])), dtype=np.uint8)
        if len(same) < k:
            continue
        run = np.ones(len(same) - k + 1, dtype=bool)
        for i in range(k):
            run &= same[i : i + len(run)] == 1
        starts = np.flatnonzero(run)
        np.add.at(covered, starts, 1)
        np.add.at(covered, starts + 2 * k, -1)
    inside = np.concatenate(([False], np.cumsum(covered[:-1]) > 0, [False]))
    edges = np.flatnonzero(np.diff(inside.astype(np.int8)))
    # Where word t starts: the length of every piece before it.
    offset = np.concatenate(([0], np.cumsum([len(piece) for piece in pieces])))
    return [
        (int(offset[2 * a + 1]), int(offset[2 * b + 1]) if b < len(words) else len(paragraph))
        for a, b in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True)
    ]


_REPEATED = re.compile(r"\b((?:[A-Za-z]+\s+){1,3}[A-Za-z]+)\s+\1\b")
# "... and thousands and thousands of people": a run opening with a conjunction is the
# writer's "X and X", said for stress, not a run printed twice.
_CONJUNCTIONS = frozenset({"and", "or", "nor", "but"})


def repeated_words(paragraphs: Paragraphs) -> RuleResult:
    """A run of two or more words printed twice in a row: 'the second and second and final'."""
    kept: Paragraphs = []
    removed: list[str] = []
    for paragraph in paragraphs:
        # The back-referencing pattern is slow (0.6 ms an article, seconds on a long page);
        # it can only match where the paragraph's letter runs repeat 2 to 4 of them at once.
        if not _repeats_a_run(_LETTERS.findall(paragraph)):
            kept.append(paragraph)
            continue
        # Searched only where it can match (no match spans two windows); the text between
        # matches and each match's first half are joined once at the end (replacing in the
        # whole paragraph once per match was quadratic).
        parts: list[str] = []
        end = 0
        for start, stop in _windows(paragraph):
            for match in _REPEATED.finditer(paragraph, start, stop):
                if match.group(1).split(None, 1)[0].lower() in _CONJUNCTIONS:
                    continue
                removed.append(match.group(1))
                parts += [paragraph[end : match.start()], match.group(1)]
                end = match.end()
        kept.append("".join(parts) + paragraph[end:])
    return kept, removed
