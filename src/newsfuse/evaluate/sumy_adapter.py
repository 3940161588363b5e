"""newsfuse's segmenter and tokenizer inside sumy.

sumy's own Tokenizer needs NLTK's punkt data, which cannot be downloaded here; sumy only
asks a tokenizer for `to_sentences` and `to_words`, so newsfuse's pair plugs in, and the
document model is built directly from articles (one sumy paragraph per article paragraph).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence

from newsfuse.model import Article
from newsfuse.segment import split_sentences, tokenize


class NewsfuseTokenizer:
    """sumy's tokenizer interface over `newsfuse.segment`."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokenize(sentence))


def to_document(
    articles: Sequence[Article], tokenizer: NewsfuseTokenizer | None = None
) -> ObjectDocumentModel:
    """One sumy document holding every article, paragraph by paragraph."""
    tokenizer = tokenizer or NewsfuseTokenizer()
    return ObjectDocumentModel(
        [
            Paragraph([SumySentence(text, tokenizer) for text in tokenizer.to_sentences(p)])
            for article in articles
            for p in article.paragraphs
        ]
    )


def ranked(summarizer: Callable[[Any, Any], Any], document: ObjectDocumentModel) -> list[str]:
    """Every sentence of `document`, best first, as `summarizer` rates them.

    sumy returns its top k sentences in document order; handing it a callable count
    captures the full ranking instead, so a word budget can be filled best-first and
    truncation drops the sentence the summarizer valued least.
    """
    order: list[str] = []

    def count(infos: Sequence[Any]) -> Sequence[Any]:
        order.extend(str(info.sentence) for info in infos)
        return infos

    summarizer(document, count)
    return order
