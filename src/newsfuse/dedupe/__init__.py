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
   stock text, e.g. a newsletter plug, and stops producing candidates; and with a
   `window`, only the last `window` articles are compared with a new one.)

Memory: what the detector keeps of an article is one uint16 array (per sentence its shingle
count, words and quote flag; then a 16-bit hash of each shingle, at most `max_shingles`),
its band postings at 12 bytes each (`index.BandIndex`), and its id, time and the few credit
lines (`origin.credit_snippets`); sentence texts only with `keep_text`. About 2.6 KB an
article on the bench. With a `window`, an article that leaves it keeps only its id (its
sentence counts and credits too if it is in a group) and its postings go at the next merge
of the index's last level, so memory is about window x 2.6 KB plus a few hundred bytes per
older article.
"""

from __future__ import annotations

from newsfuse.config import CopyConfig
from newsfuse.dedupe.detector import (
    DEFAULT_THRESHOLD,
    CopyDetector,
    CopyPair,
    find_copies,
    source_map,
)
from newsfuse.dedupe.origin import credits

__all__ = [
    "DEFAULT_THRESHOLD",
    "CopyConfig",
    "CopyDetector",
    "CopyPair",
    "credits",
    "find_copies",
    "source_map",
]
