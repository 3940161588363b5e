"""The summarizers compared by `newsfuse eval summaries`: newsfuse and its baselines.

A system takes a cluster's cleaned articles, a word budget and the references (only the
oracle may look at them) and returns summary sentences, most important first, so that
cutting at the budget drops what the system valued least.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.config import SummaryConfig
from newsfuse.evaluate.rouge import ngrams, stems
from newsfuse.model import Article
from newsfuse.segment import segment
from newsfuse.summarize import summarize
from newsfuse.summarize.similarity import content_tokens

System = Callable[[Sequence[Article], int, Sequence[str]], list[str]]


def _fill(sentences: Sequence[str], words: int) -> list[str]:
    """Sentences in the given order until the budget is reached (the last one may run over:
    the scorer cuts it, as DUC's ROUGE runs did)."""
    out: list[str] = []
    total = 0
    for sentence in sentences:
        if total >= words:
            break
        out.append(sentence)
        total += len(sentence.split())
    return out


def newsfuse_default(
    articles: Sequence[Article], words: int, references: Sequence[str] = ()
) -> list[str]:
    config = dataclasses.replace(SummaryConfig(), words=words, overflow=True)
    return [item.text for item in summarize(articles, config)]


def newsfuse_budget(
    articles: Sequence[Article], words: int, references: Sequence[str] = ()
) -> list[str]:
    """newsfuse as a brief prints it: within the budget, no sentence past it."""
    config = dataclasses.replace(SummaryConfig(), words=words)
    return [item.text for item in summarize(articles, config)]


def lead(articles: Sequence[Article], words: int, references: Sequence[str] = ()) -> list[str]:
    """The opening sentences of the earliest article."""
    if not articles:
        return []
    first = min(enumerate(articles), key=lambda pair: (pair[1].sort_time, pair[0]))[1]
    return _fill([s.text for s in segment(first)], words)


def _sumy(name: str) -> System:
    def run(articles: Sequence[Article], words: int, references: Sequence[str] = ()) -> list[str]:
        # Imported here: sumy is only needed when a sumy baseline runs.
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.kl import KLSummarizer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        from newsfuse.evaluate.sumy_adapter import ranked, to_document

        kinds: dict[str, Any] = {
            "lexrank": LexRankSummarizer,
            "textrank": TextRankSummarizer,
            "lsa": LsaSummarizer,
            "luhn": LuhnSummarizer,
            "kl": KLSummarizer,
        }
        summarizer = kinds[name](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        return _fill(ranked(summarizer, to_document(articles)), words)

    run.__name__ = f"sumy_{name}"
    return run


def centroid(articles: Sequence[Article], words: int, references: Sequence[str] = ()) -> list[str]:
    """Sentences closest to the TF-IDF centroid of the cluster, skipping near-repeats
    (after Radev et al.'s MEAD)."""
    texts = [s.text for a in articles for s in segment(a)]
    if not texts:
        return []
    vectorizer = TfidfVectorizer(tokenizer=content_tokens, lowercase=False, token_pattern=None)
    try:
        vectors = vectorizer.fit_transform(texts)
    except ValueError:
        return _fill(texts, words)
    center = np.asarray(vectors.mean(axis=0)).ravel()
    scores = vectors @ center / (np.linalg.norm(center) or 1.0)
    chosen: list[int] = []
    total = 0
    for i in np.argsort(-scores, kind="stable"):
        if total >= words:
            break
        if chosen and (vectors[chosen] @ vectors[i].T).toarray().max() > 0.5:
            continue
        chosen.append(int(i))
        total += len(texts[i].split())
    return [texts[i] for i in chosen]


def oracle(articles: Sequence[Article], words: int, references: Sequence[str] = ()) -> list[str]:
    """Greedy upper bound: add the sentence that most raises ROUGE-1 + ROUGE-2 recall against
    the references, until the budget is spent or nothing helps."""
    texts = [s.text for a in articles for s in segment(a)]
    if not texts or not references:
        return []
    refs = [stems(r) for r in references]
    # Per n-gram, its count in each reference, scaled by 1/|reference n-grams| so that the
    # gains add up to the mean recall over references.
    need: dict[tuple[str, ...], list[tuple[int, float]]] = {}
    for n in (1, 2):
        for tokens in refs:
            grams = ngrams(tokens, n)
            total = max(sum(grams.values()), 1)
            for gram, count in grams.items():
                need.setdefault(gram, []).append((count, 1.0 / total))
    candidates = []
    for text in texts:
        tokens = stems(text)
        candidates.append(ngrams(tokens, 1) + ngrams(tokens, 2))
    have: Counter[tuple[str, ...]] = Counter()
    chosen: list[int] = []
    spent = 0
    while spent < words:
        best, best_gain = -1, 0.0
        for i, grams in enumerate(candidates):
            if i in chosen:
                continue
            # Overflowing words are cut by the scorer: credit only the part that fits.
            room = words - spent
            length = len(texts[i].split())
            share = min(1.0, room / max(length, 1))
            gain = 0.0
            for gram, count in grams.items():
                for want, weight in need.get(gram, ()):
                    before = have[gram]
                    gain += (min(before + count, want) - min(before, want)) * weight
            gain *= share
            if gain > best_gain:
                best, best_gain = i, gain
        if best < 0:
            break
        chosen.append(best)
        have.update(candidates[best])
        spent += len(texts[best].split())
    return [texts[i] for i in chosen]


SYSTEMS: dict[str, System] = {
    "newsfuse": newsfuse_default,
    "newsfuse-budget": newsfuse_budget,
    "lead": lead,
    "lexrank": _sumy("lexrank"),
    "textrank": _sumy("textrank"),
    "lsa": _sumy("lsa"),
    "luhn": _sumy("luhn"),
    "kl": _sumy("kl"),
    "centroid": centroid,
    "oracle": oracle,
}
