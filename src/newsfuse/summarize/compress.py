"""Sentence compression: drop what a summary line does not need, keep what it states.

Only spans that carry no fact of the story go: a wire dateline opening the sentence
("SAO PAULO, Brazil (AP) _"), a trailing bare attribution (", officials said Monday.")
whose source the citations already name, and asides in brackets outside quotes ("(AP)",
"(C-R)", an editor's code) that hold no figure. Every compressed text is the original with
spans removed, so each word of it still stands in the cited articles.
"""

from __future__ import annotations

import re

__all__ = ["compress", "strip_asides", "strip_dateline"]

# "LONDON (AP) _", "RIO DE JANEIRO, Brazil (AP) _", "NEW YORK _", "OSLO (Reuters) -".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*"  # the place, in capitals
    r"(?:,\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})?"  # ", Brazil", ", N.Y."
    r"(?:\s*\([A-Za-z-]{2,12}\))?"  # "(AP)"
    r"\s*(?:_|--?|—|–)\s+(?=[A-Z0-9\"'`“‘])"
)
# ", officials said Wednesday." / ", a Scotland Yard spokeswoman said." at the very end:
# up to six words of speaker, no quote marks, then a speech verb and an optional day.
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:according to)\s+[^,\"“”'`]{3,60}"
    r"|(?:[^\s,\"“”'`]+\s+){1,6}(?:said|says|reported|announced)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today))?)"
    r"(?P<end>[.!])$"
)
# A bracketed aside, up to a few words, followed by punctuation or a word; one holding a
# figure ("(52 to 48)", "($1.5 billion)") states a fact and stays.
_ASIDE = re.compile(r"\s\([^()\d]{1,60}\)(?=[\s,.;:!?])")
# Words before the comma that make it a full statement rather than a fragment.
_MIN_KEPT_WORDS = 6


def strip_dateline(text: str) -> str:
    return _DATELINE.sub("", text, count=1)


def _outside_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count('"') % 2 == 0 and before.count("“") == before.count("”")


def strip_asides(text: str) -> str:
    """`text` without bracketed asides outside quotes: a quote keeps its words."""
    for aside in reversed(list(_ASIDE.finditer(text))):
        if _outside_quotes(text, aside.start()):
            text = text[: aside.start()] + text[aside.end() :]
    return text


def compress(text: str) -> str:
    """`text` without its dateline, asides in brackets and trailing bare attribution, when
    what is left still reads as a sentence; else `text` as is."""
    text = strip_asides(strip_dateline(text))
    match = _ATTRIBUTION.search(text)
    if match and not re.search(r"[\"“”`']{1,2}\s*$", text[: match.start()]):
        kept = text[: match.start()]
        # Quotes must stay paired, and a clause of a few words is not worth the risk.
        if len(kept.split()) >= _MIN_KEPT_WORDS and kept.count('"') % 2 == 0:
            return kept + match["end"]
    return text
