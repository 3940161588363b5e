"""The streaming copy detector (see `newsfuse.dedupe` for the method and its memory)."""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from newsfuse.config import CopyConfig
from newsfuse.dedupe.fingerprint import Fingerprint, SentenceHasher, Shingler, fmix32
from newsfuse.dedupe.index import BandIndex
from newsfuse.dedupe.origin import credit_snippets, parse_credits, pick_origin
from newsfuse.model import Article, CopyGroup

DEFAULT_THRESHOLD = CopyConfig().threshold
_U16_MAX = 0xFFFF
_NOTHING = np.zeros(0, dtype=np.uint16)


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
    """What the detector keeps of one article."""

    id: str
    time: datetime
    credit_snippets: tuple[str, ...]  # read into credits only if the article is copied
    # One array (one object header, not five): per sentence its shingles' end offset, its
    # words and its quote flag, then the top 16 bits of each mixed shingle hash. 16 bits are
    # enough to test containment in one other article of a few hundred shingles (a chance
    # hit has p = its shingles / 65,536, about 1%, and a sentence needs half its shingles to
    # hit; on the bench and the labeled pairs the results equal 32 bits) and halve memory.
    data: NDArray[np.uint16]
    n: int  # sentences
    sentences: tuple[str, ...]  # texts, with `keep_text` only

    @property
    def words(self) -> NDArray[np.uint16]:
        return self.data[self.n : 2 * self.n]

    def evict(self, copied: bool) -> None:
        """Outside the window: drop the shingles, and all but the id of an article in no
        copy pair (groups read the rest of paired articles only)."""
        if copied:
            self.data = self.data[: 3 * self.n].copy()
        else:
            self.data, self.n, self.credit_snippets, self.sentences = _NOTHING, 0, (), ()


def _pack_mask(mask: NDArray[np.bool_]) -> int:
    # Copied-sentence masks of every confirmed pair are kept as Python ints: a few bytes,
    # not two numpy arrays of about 100 bytes each.
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def _unpack_mask(bits: int, n: int) -> NDArray[np.bool_]:
    raw = np.frombuffer(bits.to_bytes((n + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(raw, count=n, bitorder="little").astype(bool)


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
        if not 0 < c.max_shingles <= _U16_MAX:
            raise ValueError("max_shingles must be in 1..65535 (offsets are stored in 16 bits)")
        self._shingler = Shingler(c.shingle)
        self._hasher = SentenceHasher(bands=c.bands, rows=c.rows, seed=c.seed)
        self._entries: list[_Entry] = []
        self._index: dict[str, int] = {}
        self._bands = BandIndex(c.max_postings)
        self._bitmap = np.zeros(1 << 16, dtype=bool)
        self._parent = array("l")
        # Per article number, its sentences long enough to be copied (grown by doubling).
        self._long = np.zeros(64, dtype=np.int32)
        # (article number, article number, copied mask of each as packed bits)
        self._pairs: list[tuple[int, int, int, int]] = []
        self._paired: set[int] = set()  # articles in some pair
        self.candidates_checked = 0

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, article: Article) -> list[CopyPair]:
        """Index one article; return the copies it forms with articles added before."""
        c = self.config
        return self._add(
            article, self._shingler.fingerprint(article.text, c.keep_text, c.max_shingles)
        )

    def extend(self, articles: Iterable[Article], batch: int = 64) -> list[CopyPair]:
        """`add` the articles in order (the same groups as one at a time), fingerprinting
        `batch` of them at once: about 1.5 times as fast as `add` (bench/dedupe_speed.py)."""
        c = self.config
        found: list[CopyPair] = []
        iterator = iter(articles)
        while chunk := list(itertools.islice(iterator, batch)):
            texts = [a.text for a in chunk]
            fingerprints = self._shingler.fingerprints(texts, c.keep_text, c.max_shingles)
            for article, fp in zip(chunk, fingerprints, strict=True):
                found += self._add(article, fp)
        return found

    def _add(self, article: Article, fp: Fingerprint) -> list[CopyPair]:
        if article.id in self._index:
            raise ValueError(f"article {article.id!r} was already added")
        c = self.config
        number = len(self._entries)
        mixed = fmix32(fp.shingles)
        entry = _Entry(
            article.id,
            article.sort_time,
            credit_snippets(article),
            np.concatenate(
                [
                    fp.offsets[1:],
                    np.minimum(fp.words, _U16_MAX),
                    fp.quoted,
                    mixed >> np.uint32(16),
                ]
            ).astype(np.uint16),
            fp.n_sentences,
            fp.sentences,
        )
        self._entries.append(entry)
        self._index[article.id] = number
        self._parent.append(number)
        oldest = 0
        if c.window is not None and number >= c.window:
            oldest = number - c.window + 1
            self._entries[oldest - 1].evict(oldest - 1 in self._paired)

        # Short sentences ("He said.") are too common to point at a copy.
        long = np.flatnonzero(fp.words >= c.min_sentence_words)
        if number == len(self._long):
            self._long = np.concatenate([self._long, np.zeros_like(self._long)])
        self._long[number] = len(long)
        signatures = self._hasher.signatures(fp, mixed)[long]
        keys = self._hasher.band_keys(signatures)
        sentence, other = self._bands.add(keys, np.repeat(long, c.bands), number, oldest)
        if len(other) == 0:  # most articles: nothing seen before shares a band
            return []
        # Articles met through at least `min_shared` different sentences: one shared stock
        # sentence (a newsletter plug) costs no confirmation.
        met = np.unique(other * (1 << 32) + sentence) >> 32
        owners, hits = np.unique(met, return_counts=True)
        # A stub of one sentence (a wire's first take, a teaser) is met through that one.
        stub = self._long[owners] == 1
        candidates = owners[(hits >= min(c.min_shared, 2, len(long))) | stub].tolist()

        found = []
        for o in candidates:
            self.candidates_checked += 1
            pair = self._confirm(self._entries[o], entry)
            if pair is not None:
                self._pairs.append(
                    (o, number, _pack_mask(pair.copied_a), _pack_mask(pair.copied_b))
                )
                self._union(o, number)
                self._paired.update((o, number))
                found.append(pair)
        return found

    def _copied(self, sentences: _Entry, other: _Entry) -> NDArray[np.bool_]:
        """Which sentences of one article are (mostly) found in the other's text."""
        n = sentences.n
        if n == 0:
            return np.zeros(0, dtype=bool)
        data = sentences.data
        ends = data[:n].astype(np.int64)
        shingles = data[3 * n :]
        # Membership in a bitmap of the other's 16-bit shingles: cheaper than sorting them
        # for a binary search, and far cheaper than isin. The bitmap is cleared after use.
        table, theirs = self._bitmap, other.data[3 * other.n :]
        table[theirs] = True
        present = table[shingles]
        table[theirs] = False
        starts = np.zeros(n, dtype=np.int64)
        starts[1:] = ends[:-1]
        hits = np.add.reduceat(present.view(np.int8), starts, dtype=np.int32)
        # Quotes do not prove copying: outlets print a statement or a tweet word for word.
        copied: NDArray[np.bool_] = (
            (hits >= self.config.sentence_containment * (ends - starts))
            & (data[n : 2 * n] >= self.config.min_sentence_words)
            & (data[2 * n : 3 * n] == 0)
        )
        return copied

    def _confirm(self, a: _Entry, b: _Entry) -> CopyPair | None:
        c = self.config
        copied_a, copied_b = self._copied(a, b), self._copied(b, a)
        # Both sides must show the copied sentences: words of one article's sentences
        # scattered over the other's text are not a copy. A stub with fewer sentences than
        # `min_shared` is a copy of a full report when all of them are copied (two stubs
        # alike prove no more than two headlines alike).
        short, full = sorted(int((e.words >= c.min_sentence_words).sum()) for e in (a, b))
        if full < c.min_shared or min(copied_a.sum(), copied_b.sum()) < min(c.min_shared, short):
            return None
        share = max(_share(a.words, copied_a), _share(b.words, copied_b))
        if share < (c.later_threshold if self._days_apart(a, b) > c.copy_days else c.threshold):
            return None
        return CopyPair(a.id, b.id, copied_a, copied_b)

    @staticmethod
    def _days_apart(a: _Entry, b: _Entry) -> int:
        """Days between two publications (0 when either is undated)."""
        if datetime.max in (a.time, b.time):
            return 0
        return abs((a.time - b.time).days)

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
        entries = self._entries
        return [
            CopyPair(
                entries[i].id,
                entries[j].id,
                _unpack_mask(bits_i, entries[i].n),
                _unpack_mask(bits_j, entries[j].n),
            )
            for i, j, bits_i, bits_j in self._pairs
        ]

    def groups(self) -> list[CopyGroup]:
        """Copy groups, earliest member first; groups ordered by their first member."""
        copied: dict[int, int] = {}  # article number -> its copied sentences, as bits
        for i, j, bits_i, bits_j in self._pairs:
            copied[i] = copied.get(i, 0) | bits_i
            copied[j] = copied.get(j, 0) | bits_j
        members: dict[int, list[int]] = {}
        for i in copied:  # only articles in some pair can be in a group
            members.setdefault(self._find(i), []).append(i)
        groups = []
        for group in members.values():
            entries = sorted(
                ((self._entries[i], i) for i in group), key=lambda e: (e[0].time, e[0].id)
            )
            masks = {i: _unpack_mask(copied[i], e.n) for e, i in entries}
            first, first_number = entries[0]
            first_copied = masks[first_number]
            evidence = tuple(
                s for s, hit in zip(first.sentences, first_copied, strict=False) if hit
            )
            groups.append(
                CopyGroup(
                    members=tuple(e.id for e, _ in entries),
                    shared_sentences=int(first_copied.sum()),
                    origin=pick_origin(parse_credits(e.credit_snippets) for e, _ in entries),
                    evidence=evidence,
                    copied_share=tuple(
                        (e.id, round(_share(e.words, masks[i]), 3)) for e, i in entries
                    ),
                )
            )
        groups.sort(key=lambda g: (self._entries[self._index[g.members[0]]].time, g.members))
        return groups


def _share(words: NDArray[np.uint16], copied: NDArray[np.bool_]) -> float:
    """Copied words over all words of the article's sentences."""
    total = int(words.sum(dtype=np.int64))
    return float(words[copied].sum(dtype=np.int64)) / total if total else 0.0


def find_copies(
    articles: Sequence[Article],
    threshold: float = DEFAULT_THRESHOLD,
    config: CopyConfig | None = None,
) -> list[CopyGroup]:
    """Groups of articles that share copied text (give it cleaned articles). `config`,
    when given, sets every setting (`threshold` is ignored then)."""
    # Briefs show the copied sentences: keep the texts (a brief is a few hundred articles).
    detector = CopyDetector(config or CopyConfig(threshold=threshold, keep_text=True))
    detector.extend(articles)
    return detector.groups()


def source_map(groups: Iterable[CopyGroup]) -> dict[str, str]:
    """Article id -> independent source key (the group's first member) for copied articles:
    the `sources` that `summarize` counts corroboration by."""
    return {member: group.members[0] for group in groups for member in group.members}
