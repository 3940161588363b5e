"""Fingerprints of an article's text: per-sentence word shingles and MinHash signatures.

Signatures follow datasketch's `MinHash` exactly (scheme "affine32": a MurmurHash3
finalizer, then affine permutations drawn from the same seed), but every sentence of an
article is hashed in one vectorised pass. datasketch's per-object API costs about 100 µs
per sentence (copy, update_batch, LSH insert), which alone would hold the detector under
2,000 articles/s; `tests/test_dedupe.py` checks that the signatures are identical.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from numpy.typing import NDArray

from newsfuse.segment import split_sentences, tokenize

U32 = NDArray[np.uint32]

# Curly and straight quotes, dashes and apostrophes differ between a wire and its reprints.
_PUNCT = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "–": "-"})
_FMIX = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3 fmix32, as datasketch uses
_MULT = np.uint32(0x9E3779B1)  # odd: mixing token hashes into a shingle hash stays bijective
_TOKEN_CACHE_LIMIT = 500_000
# "the ocean.The rings": scraped text loses the space between sentences.
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the detector keeps of one article (no text unless asked for)."""

    shingles: U32  # every sentence's shingle hashes, sentence after sentence
    offsets: NDArray[np.int32]  # sentence i owns shingles[offsets[i]:offsets[i + 1]]
    words: NDArray[np.int32]  # tokens per sentence
    quoted: NDArray[np.bool_]  # mostly quotation: outlets print the same quote independently
    sentences: tuple[str, ...]  # sentence texts, or () when text is not kept

    @property
    def n_sentences(self) -> int:
        return len(self.words)


def normalise(text: str) -> str:
    """Fold Unicode compatibility forms and typographic quotes, which reprints change."""
    return unicodedata.normalize("NFKC", text).translate(_PUNCT)


def quoted_share(sentence: str, open_quote: bool) -> tuple[float, bool]:
    """Share of the sentence's characters inside double quotes, and whether a quote is
    still open at its end (quotes run across sentences). A sentence opening with a single
    quote counts as quoted too: some outlets quote with single marks."""
    inside = 0
    for ch in sentence:
        if ch == '"':
            open_quote = not open_quote
        elif open_quote:
            inside += 1
    share = inside / max(len(sentence), 1)
    if sentence[:1] == "'":
        share = max(share, 0.5)
    return share, open_quote


def fmix32(values: U32) -> U32:
    s1, m1, s2, m2, s3 = _FMIX
    h = values ^ (values >> np.uint32(s1))
    h = h * np.uint32(m1)
    h = h ^ (h >> np.uint32(s2))
    h = h * np.uint32(m2)
    out: U32 = h ^ (h >> np.uint32(s3))
    return out


class Shingler:
    """Word k-shingles hashed to 32 bits, stable across processes (crc32, not `hash`)."""

    def __init__(self, k: int = 4) -> None:
        self.k = k
        self._token_hash: dict[str, int] = {}

    def _hashes(self, tokens: list[str]) -> U32:
        cache = self._token_hash
        if len(cache) > _TOKEN_CACHE_LIMIT:  # a bound on memory over endless streams
            cache.clear()
        out = []
        for token in tokens:
            h = cache.get(token)
            if h is None:
                h = cache[token] = zlib.crc32(token.encode())
            out.append(h)
        return np.array(out, dtype=np.uint32)

    def shingles(self, tokens: list[str]) -> U32:
        """Hashes of the token k-grams; a sentence shorter than k is one shingle."""
        if not tokens:
            return np.zeros(0, dtype=np.uint32)
        h = self._hashes(tokens)
        k = min(self.k, len(h))
        n = len(h) - k + 1
        with np.errstate(over="ignore"):
            out = h[:n].copy()
            for j in range(1, k):
                out = out * _MULT + h[j : j + n]
        return out

    def fingerprint(
        self, text: str, keep_text: bool = True, max_shingles: int = 4000
    ) -> Fingerprint:
        """Sentences of the text (at most `max_shingles` shingles: bounded memory per
        article), each as its shingle hashes."""
        parts: list[U32] = []
        words: list[int] = []
        quoted: list[bool] = []
        kept: list[str] = []
        total = 0
        open_quote = False
        for sentence in split_sentences(_GLUED.sub(" ", text)):
            plain = normalise(sentence)
            share, open_quote = quoted_share(plain, open_quote)
            tokens = tokenize(plain)
            if not tokens:
                continue
            sh = self.shingles(tokens)
            parts.append(sh)
            words.append(len(tokens))
            quoted.append(share >= 0.5)
            if keep_text:
                kept.append(sentence)
            total += len(sh)
            if total >= max_shingles:
                break
        lengths = np.array([len(p) for p in parts], dtype=np.int32)
        return Fingerprint(
            shingles=np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint32),
            offsets=np.r_[0, np.cumsum(lengths)].astype(np.int32),
            words=np.array(words, dtype=np.int32),
            quoted=np.array(quoted, dtype=bool),
            sentences=tuple(kept),
        )


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

    def signatures(self, fp: Fingerprint) -> NDArray[np.uint32]:
        """One MinHash signature (num_perm values) per sentence, in one vectorised pass."""
        if fp.n_sentences == 0:
            return np.zeros((0, self.num_perm), dtype=np.uint32)
        with np.errstate(over="ignore"):
            permuted = fmix32(fp.shingles)[:, None] * self.a + self.b
        return np.minimum.reduceat(permuted, fp.offsets[:-1], axis=0)

    def band_keys(self, signatures: NDArray[np.uint32]) -> list[int]:
        """One 64-bit key per sentence and band; equal keys mean equal band values."""
        if len(signatures) == 0:
            return []
        bands = signatures.reshape(len(signatures), self.bands, self.rows).astype(np.uint64)
        with np.errstate(over="ignore"):
            key = np.broadcast_to(self._salt, bands.shape[:2]).copy()
            for r in range(self.rows):
                key = (key ^ bands[:, :, r]) * np.uint64(0x100000001B3)
        return [int(k) for k in key.ravel()]
