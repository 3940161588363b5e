"""Fingerprints of an article's text: per-sentence word shingles and MinHash signatures.

Everything here is vectorised over the whole article, because the detector has to fingerprint
thousands of articles a second (bench/dedupe_speed.py):

- Sentence boundaries come from one regex pass over the text (`newsfuse.dedupe.spans`: the
  rules of `newsfuse.segment`, applied to the whole text instead of paragraph by paragraph).
- Words are found and hashed in numpy on the text's code points: no per-token Python string,
  no dict of token hashes.
- Shingles of all sentences are combined, MinHashed and banded in a few array operations.

Signatures follow datasketch's `MinHash` exactly (scheme "affine32": a MurmurHash3
finalizer, then affine permutations drawn from the same seed); `tests/test_dedupe.py` checks
that they are identical. datasketch's per-object API costs about 100 µs per sentence.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from numpy.typing import NDArray

from newsfuse.dedupe.spans import (
    I64,
    SPACE,
    U32,
    classify,
    code_points,
    quoted_sentences,
    sentence_spans,
)

U64 = NDArray[np.uint64]

_FMIX = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3 fmix32, as datasketch uses
_MULT = np.uint32(0x9E3779B1)  # odd: mixing token hashes into a shingle hash stays bijective
_BASE = np.uint64(0x100000001B3)  # odd base of the polynomial hash of a word's code points


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Shingles and per-sentence facts of one article (no text unless asked for)."""

    shingles: U32  # every sentence's shingle hashes, sentence after sentence
    offsets: NDArray[np.int32]  # sentence i owns shingles[offsets[i]:offsets[i + 1]]
    words: NDArray[np.int32]  # tokens per sentence
    quoted: NDArray[np.bool_]  # mostly quotation: outlets print the same quote independently
    sentences: tuple[str, ...]  # sentence texts, or () when text is not kept

    @property
    def n_sentences(self) -> int:
        return len(self.words)


def fmix32(values: U32) -> U32:
    s1, m1, s2, m2, s3 = _FMIX
    h = values ^ (values >> np.uint32(s1))
    h = h * np.uint32(m1)
    h = h ^ (h >> np.uint32(s2))
    h = h * np.uint32(m2)
    out: U32 = h ^ (h >> np.uint32(s3))
    return out


def _fmix64(h: U64) -> U64:
    # MurmurHash3 fmix64: the polynomial sum is weak in its low bits, this spreads them.
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    out: U64 = h ^ (h >> np.uint64(33))
    return out


_POWERS = np.ones(1, dtype=np.uint64)


def _powers(n: int) -> U64:
    """_BASE ** i for i < n, mod 2**64 (grown on demand: a word can be very long)."""
    global _POWERS
    if len(_POWERS) < n:
        size = max(n, 2 * len(_POWERS), 64)
        steps = np.full(size, _BASE, dtype=np.uint64)
        steps[0] = 1
        with np.errstate(over="ignore"):
            _POWERS = np.cumprod(steps, dtype=np.uint64)
    return _POWERS[:n]


def word_hashes(text: str, classes: U32 | None = None) -> tuple[U32, I64]:
    """32-bit hashes of the lowercased words (`[^\\W_]+`) of the text and the character
    offset where each word starts. Quote marks and apostrophes are not word characters, so
    curly and straight quotes (which reprints change) give the same words. Stable across
    processes (no `hash`). `classes`: `classify(code_points(text))` if the caller has it."""
    folded = classify(code_points(text)) if classes is None else classes
    chars = np.flatnonzero(folded > SPACE)  # positions of word characters
    if len(chars) == 0:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    first = np.empty(len(chars), dtype=bool)
    first[0] = True
    np.not_equal(chars[1:], chars[:-1] + 1, out=first[1:])  # a gap before: a word starts
    starts = np.flatnonzero(first)
    lengths = np.empty_like(starts)
    lengths[:-1] = starts[1:] - starts[:-1]
    lengths[-1] = len(chars) - starts[-1]
    position = np.arange(len(chars)) - np.repeat(starts, lengths)  # place inside its word
    # Array arithmetic wraps around silently (numpy warns on scalar overflow only), which
    # is what these hashes want; `np.errstate` would cost more than the arithmetic.
    terms = folded[chars].astype(np.uint64) * _powers(int(lengths.max()))[position]
    sums = np.add.reduceat(terms, starts) + lengths.astype(np.uint64)
    hashes = (_fmix64(sums) >> np.uint64(32)).astype(np.uint32)
    return hashes, chars[starts]


class Shingler:
    """Word k-shingles hashed to 32 bits, sentence by sentence."""

    def __init__(self, k: int = 4) -> None:
        self.k = k

    def _shingles(self, hashes: U32, lengths: I64) -> tuple[U32, I64]:
        """k-shingle hashes of consecutive sentences (token hashes, sentence lengths) in one
        vectorised pass; a sentence shorter than k is one shingle of all its tokens. Returns
        the shingles and their count per sentence."""
        k, n = self.k, len(hashes)
        ends = np.cumsum(lengths)
        starts = ends - lengths
        # Every window of k tokens (Horner: ((h0 * M + h1) * M + h2) * M + h3); those that
        # cross into the next sentence are dropped below.
        padded = np.zeros(n + k - 1, dtype=np.uint32)
        padded[:n] = hashes
        out = padded[:n].copy()
        for j in range(1, k):  # array arithmetic wraps around silently, as a hash should
            out *= _MULT
            out += padded[j : j + n]
        counts = np.maximum(lengths - k + 1, 1)
        before = np.cumsum(counts) - counts  # shingles of the sentences before each
        # Window starts: start + 0 .. count - 1 of each sentence.
        first = np.repeat(starts - before, counts) + np.arange(before[-1] + counts[-1])
        shingles = out[first]
        short = np.flatnonzero(lengths < k)
        if len(short):
            # A short sentence's one shingle combines only its own tokens.
            at, size = starts[short], lengths[short]
            value = hashes[at]
            for j in range(1, k - 1):
                value = np.where(j < size, value * _MULT + hashes[np.minimum(at + j, n - 1)], value)
            shingles[before[short]] = value
        return shingles, counts

    def shingles(self, text: str) -> U32:
        """Hashes of the word k-grams of one sentence; shorter than k, one shingle."""
        hashes, _ = word_hashes(text)
        if len(hashes) == 0:
            return np.zeros(0, dtype=np.uint32)
        return self._shingles(hashes, np.array([len(hashes)]))[0]

    def fingerprint(
        self, text: str, keep_text: bool = True, max_shingles: int = 4000
    ) -> Fingerprint:
        """Sentences of the text (at most `max_shingles` shingles, cut inside the last
        sentence if need be: bounded memory per article), each as its shingle hashes."""
        return self.fingerprints([text], keep_text, max_shingles)[0]

    def fingerprints(
        self, texts: Sequence[str], keep_text: bool = True, max_shingles: int = 4000
    ) -> list[Fingerprint]:
        """`fingerprint` of several texts in one pass: numpy's cost per call, not per
        element, is most of the time for one article, so a batch is several times faster."""
        if not texts:
            return []
        # A blank line between texts is a paragraph break: no sentence, word or quote runs
        # from one text into the next.
        text = "\n\n".join(texts)
        first_char = np.zeros(len(texts), dtype=np.int64)
        np.cumsum([len(t) + 2 for t in texts[:-1]], out=first_char[1:])
        codes = code_points(text)
        classes = classify(codes)
        starts, ends, opens = sentence_spans(text, codes, classes)
        quoted = quoted_sentences(text, starts, ends, opens, codes)
        hashes, at = word_hashes(text, classes)
        # Every word lies inside one sentence: spans only strip whitespace.
        sentence_of = np.searchsorted(starts, at, side="right") - 1
        lengths = np.bincount(sentence_of, minlength=len(starts)).astype(np.int64)
        keep = lengths > 0  # a sentence of punctuation only is no sentence
        text_of = np.searchsorted(first_char, starts, side="right") - 1
        # A text has at most words + sentences shingles: only then can the cap bite.
        if len(hashes) + len(starts) > max_shingles:
            counts = np.where(keep, np.maximum(lengths - self.k + 1, 1), 0)
            before = np.cumsum(counts) - counts
            first = np.searchsorted(starts, first_char)  # each text's first sentence
            base = np.append(before, before[-1] + counts[-1])[first]
            # Whole sentences up to the one that reaches `max_shingles` in its text.
            keep &= before - base[text_of] < max_shingles
            hashes = hashes[keep[sentence_of]]
        lengths, quoted, text_of = lengths[keep], quoted[keep], text_of[keep]
        if len(hashes):
            shingles, counts = self._shingles(hashes, lengths)
        else:
            shingles, counts = np.zeros(0, dtype=np.uint32), lengths
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        words = lengths.astype(np.int32)
        kept_starts, kept_ends = starts[keep].tolist(), ends[keep].tolist()
        bounds = np.searchsorted(text_of, np.arange(len(texts) + 1)).tolist()
        out = []
        for lo, hi in itertools.pairwise(bounds):
            own = offsets[lo : hi + 1] - offsets[lo]
            mine = shingles[offsets[lo] : offsets[hi]]
            if own[-1] > max_shingles:
                mine, own = mine[:max_shingles], np.minimum(own, max_shingles)
            out.append(
                Fingerprint(
                    shingles=mine,
                    offsets=own.astype(np.int32),
                    words=words[lo:hi],
                    quoted=quoted[lo:hi],
                    sentences=tuple(
                        text[s:e] for s, e in zip(kept_starts[lo:hi], kept_ends[lo:hi], strict=True)
                    )
                    if keep_text
                    else (),
                )
            )
        return out


class SentenceHasher:
    """MinHash signatures of sentences, split into LSH bands.

    Sentences, not whole articles, are sketched: a partial copy (eight wire paragraphs in
    a longer story) shares little of the whole article but whole sentences, and a reprint
    that drops, inserts or reorders paragraphs leaves its sentences intact.
    """

    def __init__(self, bands: int = 2, rows: int = 2, seed: int = 1) -> None:
        self.bands, self.rows, self.seed = bands, rows, seed
        # datasketch's permutations, so signatures equal MinHash(num_perm, seed).update_batch.
        template = MinHash(num_perm=bands * rows, seed=seed, scheme="affine32")
        a, b = template.permutations
        self.a = np.asarray(a, dtype=np.uint32)
        self.b = np.asarray(b, dtype=np.uint32)
        # Band salts keep equal values in different bands from meeting in one table.
        self._salt = (np.arange(bands, dtype=np.uint64) + np.uint64(1)) * np.uint64(
            0x9E3779B97F4A7C15
        )

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def signatures(self, fp: Fingerprint, mixed: U32 | None = None) -> NDArray[np.uint32]:
        """One MinHash signature (num_perm values) per sentence, in one vectorised pass.
        `mixed` is `fmix32(fp.shingles)` when the caller has it already."""
        if fp.n_sentences == 0:
            return np.zeros((0, self.num_perm), dtype=np.uint32)
        if mixed is None:
            mixed = fmix32(fp.shingles)
        permuted = mixed[:, None] * self.a + self.b  # wraps mod 2**32, as datasketch's does
        return np.minimum.reduceat(permuted, fp.offsets[:-1], axis=0)

    def band_keys(self, signatures: NDArray[np.uint32]) -> U64:
        """One 64-bit key per sentence and band (sentence-major); equal keys mean equal
        band values."""
        if len(signatures) == 0:
            return np.zeros(0, dtype=np.uint64)
        bands = signatures.reshape(len(signatures), self.bands, self.rows).astype(np.uint64)
        key = np.empty(bands.shape[:2], dtype=np.uint64)
        key[:] = self._salt
        for r in range(self.rows):  # FNV-style mixing; array arithmetic wraps silently
            key ^= bands[:, :, r]
            key *= np.uint64(0x100000001B3)
        out: U64 = key.ravel()
        return out
