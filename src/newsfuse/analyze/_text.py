"""Word-level helpers shared by the analysis modules."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.memo import per_brief
from newsfuse.resources import words
from newsfuse.segment import tokens

__all__ = ["YEAR", "YEAR_SINCE_1800", "content_set", "overlap", "restated", "stem", "words_beside"]

# A number that reads as a year of news (1900-2099): "in 1998". Not 18xx: "1800 GMT" is a time.
YEAR = re.compile(r"(?:19|20)\d\d")
# Where no clock time stands (a count before its noun, a model's number), 18xx is a year too:
# "a quake in 1886 killed 60".
YEAR_SINCE_1800 = re.compile(r"(?:1[89]|20)\d\d")
# Words every report of any story uses; they say nothing about which fact a sentence states.
_GENERIC = words("generic_news_words")


def stem(word: str) -> str:
    """A crude prefix stem: "agreed"/"agreeing" and "interactions"/"interaction" meet.

    Five characters are enough to join inflections and rarely join different words in one
    story; a real stemmer would cost a dependency for no measured gain here."""
    word = word.replace("'s", "")
    return word[:5] if len(word) > 5 else word


def words_beside(
    text: str, start: int, end: int, reach: int, drop: Iterable[str] = ()
) -> frozenset[str]:
    """The content words among the `reach` whole words on either side of `text[start:end]`.
    Whole words: a window of characters cut "struck Haiti on January 12" to "truck Haiti
    on", which no longer matched "struck on January 14"."""
    words = [*text[:start].split()[-reach:], *text[end:].split()[:reach]]
    return content_set(" ".join(words), drop)


def content_set(text: str, drop: Iterable[str] = ()) -> frozenset[str]:
    """Stemmed content words of a text, without stop words, numbers or `drop`."""
    dropped = set(drop)
    if not dropped:
        return _content_set(text)  # sentences: every section asks for the same ones
    return frozenset(stem(t) for t in _content_words(text) if t not in dropped)


def _content_words(text: str) -> list[str]:
    return [
        t
        for t in tokens(text)
        if t not in ENGLISH_STOP_WORDS and t not in _GENERIC and not t[0].isdigit() and len(t) > 1
    ]


@per_brief
def _content_set(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in _content_words(text))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: shared words over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


_QUOTE_CHARS = re.compile(r"[\"“”„«»]")


def unquote(text: str) -> str:
    return _QUOTE_CHARS.sub("", text).strip()


# Restated but for the figure or the place: this share of both sentences' content words.
RESTATED_SHARE = 0.7


def restated(a: str, b: str, share: float = RESTATED_SHARE) -> bool:
    """Whether two sentences state one fact but for a figure or a place: `share` of the
    shorter one's content words, and half that of the longer one's, are the other's. The
    alignment weighs a figure or a name as an anchor, so two sentences that differ in it
    alone may not align, exactly when two sources disagree ("extended her remand for 8
    days" and "for 11 days"). The longer one counts too: a short sentence ("put in a labor
    camp for two years") is most of a long one's words about something else ("a three-year
    spell in a labor camp")."""
    x, y = content_set(a), content_set(b)
    shared = len(x & y)
    return shared >= max(2, share * min(len(x), len(y)), share / 2 * max(len(x), len(y)))
