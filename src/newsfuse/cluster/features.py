"""Article text to weighted terms: words, capitalised names, title words.

Pure functions of one article, so the streaming and batch paths (and Ray workers) compute
the same features, and features can be computed in parallel ahead of clustering.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsfuse.config import ClusterConfig
from newsfuse.model import Article
from newsfuse.parallel import map_ahead

# Words, with inner apostrophes, hyphens and dots ("U.S.", "al-Assad"), and sentence ends.
_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|[.!?\n:;\"“”`]")
_SENTENCE_BREAK = frozenset('.!?\n:;"“”`')
# Characters a word takes in running English with its space, and a margin (about six).
_CHARS_A_WORD = 8
# Words that open sentences or headlines capitalised without being names.
_STOP = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "say", "told", "according", "mr", "mrs", "ms", "dr", "new", "year",
    "years", "week", "day", "days", "time", "people", "just", "like", "including", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "reuters", "ap", "afp", "updated", "news", "photo", "image", "copyright",
    "read", "getty", "images", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "s", "t", "ll", "ve",
    "re", "d", "m",
}  # fmt: skip


def stem(word: str) -> str:
    """A light, cheap stem: possessives and plurals, so 'quake' meets 'quakes'."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


# Pre-tokenised corpora (ECB+, Penn-style) put spaces around clitics and inner hyphens:
# "Lohan 's", "did n't", "90 - day". Rejoined, they read as the same words as running text.
# Each alternative opens on the space it drops, so the search skips ahead to spaces rather
# than trying a look-behind at every character (a third of reading an article otherwise).
_DETACHED = re.compile(
    r" (?:(?<=\w )(?=(?:'s|’s|n't|'re|'ve|'ll|'d)\b)"  # Lohan 's -> Lohan's
    r"|(?<=\w )(?=- \w)|(?<=\w - )(?=\w))"  # 90 - day -> 90-day
)


def normalise(text: str) -> str:
    """Running-text spacing for tokenised input; other text passes through unchanged."""
    if " 's" not in text and " - " not in text and " n't" not in text:
        return text
    return _DETACHED.sub("", text)


@dataclass(frozen=True, slots=True)
class Features:
    """Term counts of one article, already weighted by where the term occurs."""

    terms: dict[str, float]
    names: frozenset[str]
    title: frozenset[str]


def _term(lower: str) -> str | None:
    """The stemmed term of a lowercased word, None for stopwords."""
    if len(lower) < 2 or lower in _STOP:
        return None
    return stem(lower)


# What a word token reads as: its term, and whether it opens with a capital (a name where
# it does not open a sentence) or a digit (a figure anywhere).
_Word = tuple[str | None, bool, bool]


@lru_cache(maxsize=1 << 17)
def _word(token: str) -> _Word:
    """A word token's term (`_term`) and whether it opens with a capital and with a digit;
    cached per token because news vocabulary is Zipfian and this runs on every word of
    every article: one look-up a token instead of lowercasing, stemming and testing it."""
    return _term(token.lower()), token[0].isupper(), token[0].isdigit()


def _lead_tokens(text: str, max_words: int) -> list[str]:
    """The tokens of `text`, or of a head of it that holds more than its first
    `max_words` words: the rest of a long report is never read, so it is not tokenised.
    Two whole tokens beyond those read make sure a token cut at the head's end (or a
    spacing `normalise` would mend across it) is not among them."""
    head = _CHARS_A_WORD * (max_words + 3)
    if len(text) > head:
        tokens = _TOKEN.findall(normalise(text[:head]))
        if len(tokens) - sum(map(_SENTENCE_BREAK.__contains__, tokens)) >= max_words + 3:
            return tokens
    return _TOKEN.findall(normalise(text))


def extract(
    article: Article,
    max_words: int = 400,
    title_weight: float = 2.0,
    name_weight: float = 2.0,
) -> Features:
    """Terms of the title and the first `max_words` words of the text.

    The lead carries the who/what/where of a news report; later paragraphs drift into
    background shared with other stories, so they are cut rather than down-weighted.
    """
    counts: dict[str, float] = {}
    names: set[str] = set()
    title_terms: set[str] = set()
    title = article.title or ""
    for tok in _TOKEN.findall(normalise(title)):
        term = _word(tok)[0]
        if term is not None:
            title_terms.add(term)
            counts[term] = counts.get(term, 0.0) + title_weight
    sentence_start = True
    words = 0
    run: list[str] = []
    for tok in _lead_tokens(article.text, max_words):
        if tok in _SENTENCE_BREAK:
            sentence_start = True
            if len(run) > 1:
                names.add(" ".join(run))
            run = []
            continue
        words += 1
        if words > max_words:
            break
        term, upper, digit = _word(tok)
        capital = upper and not sentence_start
        sentence_start = False
        if term is None:
            if len(run) > 1:
                names.add(" ".join(run))
            run = []
            continue
        if capital or digit:
            # A capitalised word inside a sentence is most likely a name, and numbers are
            # dates, tolls, magnitudes, sums: the evidence that two reports tell the same
            # event, not just two events of the same kind. Both weigh as names.
            counts[term] = counts.get(term, 0.0) + name_weight
            names.add(term)
            run.append(term)
        else:
            counts[term] = counts.get(term, 0.0) + 1.0
            if len(run) > 1:
                names.add(" ".join(run))
            run = []
    if len(run) > 1:
        names.add(" ".join(run))
    # Multi-word names ("tara reid") are terms of their own: rarer, hence more telling.
    for name in names:
        if " " in name:
            counts[name] = counts.get(name, 0.0) + name_weight
    return Features(
        terms={t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()},
        names=frozenset(names),
        title=frozenset(title_terms),
    )


class FeatureCache:
    """The features of the last `size` articles seen, keyed by id and a digest of title and
    text, so that articles clustered again (the store's window, re-clustered on every
    ingest) are read once. Bounded: least recently used first out."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[object, ...], Features] = OrderedDict()
        self._lock = threading.Lock()  # a pipeline may cluster in several threads

    def features(self, articles: Sequence[Article], config: ClusterConfig) -> list[Features]:
        found = []
        settings = (config.max_words, config.title_weight, config.name_weight)
        for article in articles:
            digest = hashlib.blake2b(
                f"{article.title or ''}\0{article.text}".encode("utf-8", "surrogatepass"),
                digest_size=16,
            ).digest()
            key = (article.id, digest, *settings)
            with self._lock:
                features = self._kept.pop(key, None)
            if features is None:
                features = extract(article, *settings)
            with self._lock:
                self._kept[key] = features  # the most recent last
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
            found.append(features)
        return found


def features_of(
    articles: Sequence[Article], config: ClusterConfig, cache: FeatureCache | None = None
) -> list[Features]:
    if cache is not None:
        return cache.features(articles, config)
    return [extract(a, config.max_words, config.title_weight, config.name_weight) for a in articles]


def features_ahead(
    articles: Iterable[Article], config: ClusterConfig, workers: int, chunk: int = 256
) -> Iterator[tuple[Article, Features]]:
    """Each article with its features, in order, extracted in `workers` processes while
    the caller works on the ones before. Story assignment is sequential, but reading an
    article is not: on a second core it costs the stream only the pickling of articles and
    features between the processes."""
    source = iter(articles)
    batches = iter(lambda: list(islice(source, chunk)), [])
    for batch, features in map_ahead(partial(features_of, config=config), batches, workers):
        yield from zip(batch, features, strict=True)
