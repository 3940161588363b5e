"""What a brief reads of very long inputs: an article's opening characters, a story's opening
sentences.

Several stages compare sentences with sentences, and every stage costs time per character;
a file under the size cap can hold a book, or 200 long reports of one story. News puts what
matters first, so a brief reads each article from the top and stops at a budget: at most
`article_chars` characters of one article, and at most `story_sentences` distinct sentences of
one story, taken evenly from the top of every article. Both budgets sit far above any real
report (the longest article of the shared data is 34 KB, its largest story 681 sentences), so
they change only inputs that would otherwise take minutes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsfuse.model import Article, Sentence

__all__ = ["opening", "opening_articles", "opening_sentences"]


def opening_articles(
    articles: Sequence[Article], article_chars: int, story_chars: int
) -> list[Article]:
    """Every article cut to its opening (`opening`): `article_chars` characters at most,
    and fewer when the story's articles hold more than `story_chars` in all, every long
    article then cut to one length (the largest that fits)."""
    limit = min(article_chars, _fair_share([len(a.text) for a in articles], story_chars))
    return [
        a if len(a.text) <= limit else dataclasses.replace(a, text=opening(a.text, limit))
        for a in articles
    ]


def _fair_share(lengths: Sequence[int], total: int) -> int:
    """The largest cut c such that sum(min(length, c)) <= total (at least 1)."""
    left = total
    for k, length in enumerate(sorted(lengths)):
        if length * (len(lengths) - k) > left:
            return max(left // (len(lengths) - k), 1)
        left -= length
    return max(lengths, default=1)


def opening(text: str, limit: int) -> str:
    """The first `limit` characters of `text` at most, cut after the last whole paragraph
    they hold (else after the last whole word)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for separator in ("\n\n", None):
        # A cut in the first half would drop more than it need: try a finer boundary.
        end = head.rfind(separator) if separator else max(head.rfind(" "), head.rfind("\n"))
        if end > limit // 2:
            return head[:end].rstrip()
    return head


def opening_sentences(
    articles: Sequence[Article], segmented: Sequence[Sequence[Sentence]], limit: int
) -> tuple[list[Article], list[list[Sentence]]]:
    """Every article cut to its opening sentences, `limit` distinct texts at most in all,
    with its sentences (`segment` of each article).

    Articles are read in turns, one sentence each (the first sentence of every article,
    then the second...), so that a long article does not crowd out the others; a text
    already read (a copy's sentence) costs nothing. An article is cut after a whole
    paragraph: the one holding its last sentence read."""
    if sum(map(len, segmented)) <= limit:
        return list(articles), [list(s) for s in segmented]
    kept = _turns([[s.text for s in sentences] for sentences in segmented], limit)
    cut_articles, cut_sentences = [], []
    for article, sentences, k in zip(articles, segmented, kept, strict=True):
        if k == len(sentences):
            cut_articles.append(article)
            cut_sentences.append(list(sentences))
            continue
        paragraphs = sentences[k - 1].paragraph + 1 if k else 0
        text = "\n\n".join(article.paragraphs[:paragraphs])
        cut_articles.append(dataclasses.replace(article, text=text))
        cut_sentences.append([s for s in sentences if s.paragraph < paragraphs])
    return cut_articles, cut_sentences


def _turns(texts: Sequence[Sequence[str]], limit: int) -> list[int]:
    """How many opening texts of each list are read, in turns, before `limit` distinct
    texts are."""
    kept = [0] * len(texts)
    seen: set[str] = set()
    for position in range(max(map(len, texts), default=0)):
        for a, article in enumerate(texts):
            if position >= len(article):
                continue
            if article[position] not in seen:
                if len(seen) == limit:
                    return kept
                seen.add(article[position])
            kept[a] = position + 1
    return kept
