"""ROUGE as the DUC evaluations report it, computed with the `rouge-score` package.

The system summary is cut at a word budget, words are Porter-stemmed, stopwords are kept,
and scores are averaged over a cluster's references (the per-cluster average is then averaged
over clusters by the caller).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from rouge_score import rouge_scorer, tokenizers

METRICS = ("rouge1", "rouge2", "rougeL")


def truncate(text: str, words: int) -> str:
    """The first `words` whitespace-separated words of `text` (ROUGE-1.5.5's `-l`)."""
    return " ".join(text.split()[:words])


@lru_cache(maxsize=1)
def _scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


@lru_cache(maxsize=1)
def _tokenizer() -> tokenizers.DefaultTokenizer:
    return tokenizers.DefaultTokenizer(use_stemmer=True)


def score(summary: str, references: Sequence[str], words: int) -> dict[str, float]:
    """Recall and F1 of each metric, as `{"rouge1_r": .., "rouge1_f": .., ...}`, averaged
    over the references."""
    cut = truncate(summary, words)
    totals = dict.fromkeys((f"{m}_{k}" for m in METRICS for k in "rf"), 0.0)
    if not references:
        return totals
    for reference in references:
        scores = _scorer().score(reference, cut)
        for metric in METRICS:
            totals[f"{metric}_r"] += scores[metric].recall
            totals[f"{metric}_f"] += scores[metric].fmeasure
    return {key: value / len(references) for key, value in totals.items()}


def stems(text: str) -> list[str]:
    """Tokens exactly as `rouge-score` sees them: lowercased, alphanumeric, Porter-stemmed."""
    return list(_tokenizer().tokenize(text))


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
