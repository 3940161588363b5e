"""Fingerprints of an article's text: per-sentence word shingles and MinHash signatures.

Signatures follow datasketch's `MinHash` exactly (scheme "affine32": a MurmurHash3
finalizer, then affine permutations drawn from the same seed), but every sentence of an
article is hashed in one vectorised pass. datasketch's per-object API costs about 100 µs
per sentence (copy, update_batch, LSH insert), which alone would hold the detector under
2,000 articles/s; `tests/test_dedupe.py` checks that the signatures are identical.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from numpy.typing import NDArray

from newsfuse.segment import split_sentences

U32 = NDArray[np.uint32]

_FMIX = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3 fmix32, as datasketch uses
_MULT = np.uint32(0x9E3779B1)  # odd: mixing token hashes into a shingle hash stays bijective
_TOKEN_CACHE_LIMIT = 500_000
# "the ocean.The rings": scraped text loses the space between sentences.
_PARAGRAPH = re.compile(r"\n\s*\n")
_QUOTE = re.compile('["“”]')
_WORD = re.compile(r"[^\W_]+")
_MARKER = "qqnewsfusesentenceqq"
_SEPARATOR = f" {_MARKER} "
_GLUED = re.compile(r"([a-z]{2}[.!?])([A-Z][a-z])")


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


def quoted_share(sentence: str, open_quote: bool) -> tuple[float, bool]:
    """Share of the sentence's characters inside double quotes (curly or straight), and
    whether a quote is still open at its end (quotes run across sentences). A sentence
    opening with a single quote counts as quoted too: some outlets quote with single marks."""
    inside, last = 0, 0
    for mark in _QUOTE.finditer(sentence):
        if open_quote:
            inside += mark.start() - last
        char = mark.group()
        open_quote = char == "“" or (char == '"' and not open_quote)
        last = mark.end()
    if open_quote:
        inside += len(sentence) - last
    share = inside / max(len(sentence), 1)
    if sentence[:1] in "'‘":
        share = max(share, 0.5)
    return share, open_quote


def _sentences(text: str) -> tuple[list[str], list[bool]]:
    """Sentences, also where scraping lost the space between them ("the ocean.The rings"),
    and whether each opens a paragraph."""
    out: list[str] = []
    opens: list[bool] = []
    for paragraph in _PARAGRAPH.split(text):
        first = len(out)
        for sentence in split_sentences(paragraph):
            if len(sentence) > 300 and _GLUED.search(sentence):
                out += split_sentences(_GLUED.sub(r"\1 \2", sentence))
            else:
                out.append(sentence)
        opens += [i == first for i in range(first, len(out))]
    return out, opens


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
        out = list(map(cache.get, tokens))
        for i, h in enumerate(out):
            if h is None:
                out[i] = cache[tokens[i]] = zlib.crc32(tokens[i].encode())
        return np.array(out, dtype=np.uint32)

    def _shingles(self, hashes: U32, lengths: NDArray[np.int64]) -> tuple[U32, NDArray[np.int64]]:
        """k-shingle hashes of consecutive sentences (token hashes, sentence lengths) in one
        vectorised pass; a sentence shorter than k is one shingle. Returns the shingles
        and their count per sentence."""
        k = self.k
        ends = np.repeat(np.cumsum(lengths), lengths)  # the end of each token's sentence
        starts = ends - np.repeat(lengths, lengths)
        position = np.arange(len(hashes))
        padded = np.r_[hashes, np.zeros(k, dtype=np.uint32)]
        out = hashes.copy()
        with np.errstate(over="ignore"):
            for j in range(1, k):
                inside = position + j < ends
                out = np.where(inside, out * _MULT + padded[j : j + len(hashes)], out)
        keep = (position + k <= ends) | ((position == starts) & (ends - starts < k))
        counts = np.maximum(lengths - k + 1, 1)
        return out[keep], counts

    def shingles(self, tokens: list[str]) -> U32:
        """Hashes of the token k-grams of one sentence; shorter than k, one shingle."""
        if not tokens:
            return np.zeros(0, dtype=np.uint32)
        return self._shingles(self._hashes(tokens), np.array([len(tokens)]))[0]

    def fingerprint(
        self, text: str, keep_text: bool = True, max_shingles: int = 4000
    ) -> Fingerprint:
        """Sentences of the text (at most `max_shingles` shingles: bounded memory per
        article), each as its shingle hashes."""
        sentences, opens = _sentences(text)
        # One tokenizer pass over the article; a marker token separates the sentences.
        # Word tokens drop quote marks and apostrophes, so curly and straight quotes (which
        # reprints change) give the same shingles.
        tokens = _WORD.findall(_SEPARATOR.join(sentences).lower())
        per_sentence: list[list[str]] = [[]]
        for token in tokens:
            if token == _MARKER:
                per_sentence.append([])
            else:
                per_sentence[-1].append(token)
        words: list[int] = []
        quoted: list[bool] = []
        kept: list[str] = []
        flat: list[str] = []
        total, open_quote = 0, False
        for sentence, opens_paragraph, toks in zip(sentences, opens, per_sentence, strict=True):
            # A quote left open is closed by a new paragraph: a stray mark must not turn
            # the rest of the article into quotation.
            share, open_quote = quoted_share(sentence, open_quote and not opens_paragraph)
            if not toks:
                continue
            flat += toks
            words.append(len(toks))
            quoted.append(share >= 0.5)
            if keep_text:
                kept.append(sentence)
            total += max(len(toks) - self.k + 1, 1)
            if total >= max_shingles:
                break
        lengths = np.array(words, dtype=np.int64)
        if flat:
            shingles, counts = self._shingles(self._hashes(flat), lengths)
        else:
            shingles, counts = np.zeros(0, dtype=np.uint32), lengths
        return Fingerprint(
            shingles=shingles,
            offsets=np.r_[0, np.cumsum(counts)].astype(np.int32),
            words=lengths.astype(np.int32),
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
