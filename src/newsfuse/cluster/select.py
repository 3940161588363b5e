"""Which articles of a pile a brief keeps when the pile tells several stories.

A user who hands over a folder means one story, so the brief drops only what is clearly off
it. The clustering splits finely, precision first (two shootings in one city are two
stories), and a finer split is fine for `newsfuse stories` but costs a single brief its
sources: reports of one event that the clustering kept apart (a transcript, a wire flash, a
long feature) would go unread. So the largest story keeps every other story whose articles
share its vocabulary: average-link TF-IDF cosine at least `least_cosine` (chosen by
bench/brief_selection.py on piles of one event, with and without reports of another event of
the same kind, by the worst set).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from newsfuse.model import Article, Story

__all__ = ["LEAST_COSINE", "main_story"]

# bench/brief_selection.py: worst set's mean F1 0.939 (0.780 with the largest story alone, 0.918
# keeping all); left out, each set's F1 is 0.961 / 0.929 / 0.939.
LEAST_COSINE = 0.075


def main_story(
    articles: Sequence[Article], stories: Sequence[Story], least_cosine: float = LEAST_COSINE
) -> list[Article]:
    """The articles of the largest of `stories` (largest first) and of every other story
    close to it; `articles` in their order."""
    if len(stories) < 2:
        return list(articles)
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    row = {a.id: i for i, a in enumerate(articles)}
    main = [row[i] for i in stories[0].article_ids]
    keep = set(main)
    for story in stories[1:]:
        rows = [row[i] for i in story.article_ids]
        cosine = float(np.asarray((vectors[rows] @ vectors[main].T).mean()))
        if cosine >= least_cosine:
            keep.update(rows)
    return [a for i, a in enumerate(articles) if i in keep]
