"""Which sentences may be summary lines: statements that stand on their own, not page
furniture (captions, credits, navigation) nor lines leaning on an earlier sentence."""

from __future__ import annotations

import re

from newsfuse.config import SummaryConfig
from newsfuse.model import Sentence
from newsfuse.segment.lines import (
    FIRST_OR_SECOND_PERSON,
    QUOTED,
    furniture,
    leans_back,
    said_nothing,
)

__all__ = ["prose", "usable"]

_OPEN_QUOTES = "\"“‘'"
# A quote attributed to a bare pronoun: the reader cannot tell who spoke.
_PRONOUN_SPEAKER = re.compile(
    r"[,\"”’]\s+(?:he|she|they|it)\s+(?:said|says|added|told|stressed|noted|warned)\b",
    re.IGNORECASE,
)

# Words outside a quotation that can say who spoke ("..., Smith said").
_MIN_ATTRIBUTION_WORDS = 2


def speaks_unnamed(text: str) -> bool:
    """Whether a line is someone's words with no name the reader can see: a quotation with
    no attribution beside it, or first or second person outside quotation marks ("I tell
    ya, we're world champions")."""
    outside = QUOTED.sub(" ", text)
    if FIRST_OR_SECOND_PERSON.search(outside):
        return True
    text = text.lstrip()
    if text[:1] not in _OPEN_QUOTES or (text.startswith("'") and not text[1:2].isupper()):
        return False  # "'90s music": an elision, not a quotation
    # An opening mark that never closes quotes the whole line.
    return QUOTED.match(text) is None or len(re.findall(r"\w+", outside)) < _MIN_ATTRIBUTION_WORDS


def _balanced_quotes(text: str) -> bool:
    straight = text.count('"') % 2 == 0
    curly = text.count("“") == text.count("”")
    return straight and curly


def usable(sentence: Sentence, config: SummaryConfig) -> bool:
    """Whether a sentence reads well on its own as a summary line."""
    text = sentence.text
    # The cheap tests first: `prose` searches some thirty furniture patterns.
    return (
        text.rstrip("\"”’')").endswith((".", "!"))
        and _balanced_quotes(text)
        and not leans_back(text)
        and not _mostly_quoted(text)
        and not _PRONOUN_SPEAKER.search(text)
        and not speaks_unnamed(text)
        and not said_nothing(text)
        and prose(sentence, config)
    )


def _mostly_quoted(text: str) -> bool:
    """Half or more of the line inside quotation marks: a summary tells what happened in
    its own words; who said what is the Quotes section's."""
    return 2 * len(QUOTED.sub("", text)) <= len(text)


def prose(sentence: Sentence, config: SummaryConfig) -> bool:
    """Whether a sentence is at least a line of prose of a summary line's length: the last
    resort when no sentence is usable, so that text never gets an empty summary."""
    text = sentence.text
    return (
        config.min_sentence_words <= sentence.words <= config.max_sentence_words
        and (text[:1].isupper() or text[:1].isdigit() or text[:1] in _OPEN_QUOTES)
        and not furniture(text)
    )
