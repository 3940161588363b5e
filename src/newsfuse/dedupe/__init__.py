"""Dedupe: find text that articles copied from each other or from a common wire.

1. Candidates: every sentence gets a MinHash signature over its word 4-shingles, and
   articles whose sentences share an LSH band are candidate copies. Indexing sentences,
   not whole articles, is what finds partial copies: eight wire paragraphs inside a longer
   story share little of the whole but collide sentence by sentence.
2. Confirmation: a sentence of one article counts as copied when most of its shingles occur
   in the other and it is not mostly quotation (outlets quote a statement independently).
   A pair is a copy when at least `min_shared` sentences are copied and the copied text
   is at least `threshold` of either article; one stock sentence is not enough.
3. Groups: copies are joined transitively (wire copy reprinted by many outlets is one
   source). Candidate generation and confirmation are symmetric in the two articles, so
   adding articles one at a time gives the same groups as any other order. (One
   exception bounds the work: a band value already held by `max_postings` articles is
   stock text, e.g. a newsletter plug, and stops producing candidates.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsfuse.dedupe.fingerprint import Fingerprint, SentenceHasher, Shingler
from newsfuse.dedupe.origin import credit_snippets, credits, parse_credits, pick_origin
from newsfuse.model import Article, CopyGroup

__all__ = [
    "DEFAULT_THRESHOLD",
    "CopyConfig",
    "CopyDetector",
    "CopyPair",
    "credits",
    "find_copies",
    "source_map",
]


DEFAULT_THRESHOLD = 0.2


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """Settings of copy detection (defaults measured in bench/dedupe_speed.py)."""

    threshold: float = DEFAULT_THRESHOLD  # copied share of either article's words that makes a copy
    min_shared: int = 2  # copied sentences needed: one shared stock sentence is not a copy
    sentence_containment: float = 0.5  # share of a sentence's shingles found in the other
    min_sentence_words: int = 6  # shorter sentences ("He said.") prove nothing
    shingle: int = 4
    bands: int = 2  # LSH bands of `rows` MinHash values per sentence
    rows: int = 2
    seed: int = 1
    max_postings: int = 64  # articles per band value before it counts as stock text
    keep_text: bool = True  # keep sentence texts for evidence; off for bounded memory
    max_shingles: int = 4000  # per article: bounds memory on very long texts


@dataclass(frozen=True, slots=True)
class CopyPair:
    """Two articles found to share copied text, with the copied sentences of each."""

    a: str
    b: str
    copied_a: NDArray[np.bool_] = field(compare=False, repr=False)
    copied_b: NDArray[np.bool_] = field(compare=False, repr=False)

    @property
    def shared_sentences(self) -> int:
        return int(min(self.copied_a.sum(), self.copied_b.sum()))


@dataclass(slots=True)
class _Entry:
    id: str
    time: datetime
    fp: Fingerprint
    credit_snippets: tuple[str, ...]  # read into credits only if the article is copied
    _set: NDArray[np.uint32] | None = None

    def shingle_set(self) -> NDArray[np.uint32]:
        # Sorted unique shingles, built on first need: most articles are never a candidate.
        if self._set is None:
            self._set = np.unique(self.fp.shingles)
        return self._set


class CopyDetector:
    """Streaming copy detector: `add` articles one at a time, read `groups()` any time.

    >>> detector = CopyDetector()
    >>> for article in articles:
    ...     detector.add(article)
    >>> detector.groups()
    """

    def __init__(self, config: CopyConfig | None = None) -> None:
        self.config = config or CopyConfig()
        c = self.config
        self._shingler = Shingler(c.shingle)
        self._hasher = SentenceHasher(bands=c.bands, rows=c.rows, seed=c.seed)
        self._entries: list[_Entry] = []
        self._index: dict[str, int] = {}
        # Band key -> article number, or a list of them once several articles share it.
        self._bands: dict[int, int | list[int]] = {}
        self._parent: list[int] = []
        self._pairs: list[tuple[int, int, CopyPair]] = []
        self.candidates_checked = 0

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, article: Article) -> list[CopyPair]:
        """Index one article; return the copies it forms with articles added before."""
        if article.id in self._index:
            raise ValueError(f"article {article.id!r} was already added")
        c = self.config
        fp = self._shingler.fingerprint(article.text, c.keep_text, c.max_shingles)
        number = len(self._entries)
        entry = _Entry(article.id, article.sort_time, fp, credit_snippets(article))
        self._entries.append(entry)
        self._index[article.id] = number
        self._parent.append(number)

        # Short sentences ("He said.") are too common to point at a copy.
        signatures = self._hasher.signatures(fp)[fp.words >= c.min_sentence_words]
        # Articles met through at least `min_shared` different sentences: one shared stock
        # sentence (a newsletter plug) costs no confirmation.
        met: dict[int, set[int]] = {}
        for i, key in enumerate(self._hasher.band_keys(signatures)):
            seen = self._bands.get(key)
            if seen is None:
                self._bands[key] = number
                continue
            if isinstance(seen, int):
                others = [seen]
                self._bands[key] = [seen, number]
            elif len(seen) < c.max_postings:
                others = seen[:]
                seen.append(number)
            else:
                continue
            sentence = i // c.bands
            for other in others:
                if other != number:
                    met.setdefault(other, set()).add(sentence)
        candidates = [o for o, hits in met.items() if len(hits) >= min(c.min_shared, 2)]

        found = []
        for other in sorted(candidates):
            self.candidates_checked += 1
            pair = self._confirm(self._entries[other], entry)
            if pair is not None:
                self._pairs.append((other, number, pair))
                self._union(other, number)
                found.append(pair)
        return found

    def extend(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.add(article)

    def _copied(self, sentences: _Entry, other: _Entry) -> NDArray[np.bool_]:
        """Which sentences of one article are (mostly) found in the other's text."""
        fp = sentences.fp
        if fp.n_sentences == 0:
            return np.zeros(0, dtype=bool)
        # Membership by binary search in the other's sorted shingles: far cheaper than isin.
        table = other.shingle_set()
        if len(table) == 0:
            return np.zeros(fp.n_sentences, dtype=bool)
        where = np.minimum(np.searchsorted(table, fp.shingles), len(table) - 1)
        present = table[where] == fp.shingles
        hits = np.add.reduceat(present.astype(np.int32), fp.offsets[:-1])
        sizes = np.diff(fp.offsets)
        # Quotes do not prove copying: outlets print a statement or a tweet word for word.
        return (
            (hits >= self.config.sentence_containment * sizes)
            & (fp.words >= self.config.min_sentence_words)
            & ~fp.quoted
        )

    def _confirm(self, a: _Entry, b: _Entry) -> CopyPair | None:
        c = self.config
        copied_a, copied_b = self._copied(a, b), self._copied(b, a)
        # Both sides must show the copied sentences: words of one article's sentences
        # scattered over the other's text are not a copy.
        if min(copied_a.sum(), copied_b.sum()) < c.min_shared:
            return None
        share = max(_share(a.fp, copied_a), _share(b.fp, copied_b))
        if share < c.threshold:
            return None
        return CopyPair(a.id, b.id, copied_a, copied_b)

    def _find(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, i: int, j: int) -> None:
        ri, rj = self._find(i), self._find(j)
        if ri != rj:
            self._parent[max(ri, rj)] = min(ri, rj)

    def pairs(self) -> list[CopyPair]:
        """Every confirmed copy pair, in the order found."""
        return [pair for _, _, pair in self._pairs]

    def groups(self) -> list[CopyGroup]:
        """Copy groups, earliest member first; groups ordered by their first member."""
        members: dict[int, list[int]] = {}
        for i in range(len(self._entries)):
            members.setdefault(self._find(i), []).append(i)
        copied: dict[int, NDArray[np.bool_]] = {}
        for i, j, pair in self._pairs:
            for k, mask in ((i, pair.copied_a), (j, pair.copied_b)):
                copied[k] = copied[k] | mask if k in copied else mask.copy()
        groups = []
        for group in members.values():
            if len(group) < 2:
                continue
            entries = sorted((self._entries[i] for i in group), key=lambda e: (e.time, e.id))
            first = entries[0]
            first_copied = copied[self._index[first.id]]
            evidence = tuple(
                s for s, hit in zip(first.fp.sentences, first_copied, strict=False) if hit
            )
            groups.append(
                CopyGroup(
                    members=tuple(e.id for e in entries),
                    shared_sentences=int(first_copied.sum()),
                    origin=pick_origin(parse_credits(e.credit_snippets) for e in entries),
                    evidence=evidence,
                    copied_share=tuple(
                        (e.id, round(_share(e.fp, copied[self._index[e.id]]), 3)) for e in entries
                    ),
                )
            )
        groups.sort(key=lambda g: (self._entries[self._index[g.members[0]]].time, g.members))
        return groups


def _share(fp: Fingerprint, copied: NDArray[np.bool_]) -> float:
    """Copied words over all words of the article's sentences."""
    total = int(fp.words.sum())
    return float(fp.words[copied].sum()) / total if total else 0.0


def find_copies(
    articles: Sequence[Article], threshold: float = DEFAULT_THRESHOLD
) -> list[CopyGroup]:
    """Groups of articles that share copied text (give it cleaned articles)."""
    detector = CopyDetector(CopyConfig(threshold=threshold))
    detector.extend(articles)
    return detector.groups()


def source_map(groups: Iterable[CopyGroup]) -> dict[str, str]:
    """Article id -> independent source key (the group's first member) for copied articles:
    the `sources` that `summarize` counts corroboration by."""
    return {member: group.members[0] for group in groups for member in group.members}
