"""How the attribution models read words: tokens with names masked and speech phrases as
cues (`_tokens`), and the stretch between a quote and a mention sliced from its article's tokens
read once (`_span_tokens`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from newsfuse.resources import lines, words

# A sentence's last word keeps no full stop ("he said." is "said", "."): only initialisms
# ("U.S.") and numbers ("3.5") hold one.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[\w'’-]+(?:\.\d+)*|[^\w\s]")


@cache
def _cues() -> frozenset[str]:
    """Words of speech cues: those PolNeAR's cue spans use often (learned) and general
    English speech verbs in every form ("retorted", "concedes"), which the learned list
    holds only when PolNeAR printed that form often."""
    return words("speech_cues") | words("speech_verbs")


@cache
def _passive_cues() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(lines('passive_speech_cues'))})\b")


_FUNCTION_WORDS = frozenset(("the", "a", "an", "he", "she", "they", "it", "i", "we", "but", "and"))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """Lower-cased tokens; a capitalised word that is no cue or function word becomes
    "<cap>", so the models learn where names stand, never which names; a passive speech
    phrase ("was quoted as saying", "quotes X as saying") is the one cue "said", and an
    adverb before a cue ("X later told") is read past. Cached: each statement of a
    paragraph reads the same few words around the same candidates."""
    # Every passive phrase holds " as "; most text does not, and the search is dear.
    found = _TOKEN.findall(_passive_cues().sub("said", text) if " as " in text else text)
    return _read_past_adverbs(tuple(map(_normal, found)))


@lru_cache(maxsize=65536)
def _normal(token: str) -> str:
    """A token as the models read it (see `_tokens`): cached, as words recur."""
    low = token.lower().replace("’", "'")
    if token[:1].isupper() and low not in _cues() and low not in _FUNCTION_WORDS:
        return "<cap>"
    return low


def _read_past_adverbs(found: tuple[str, ...]) -> tuple[str, ...]:
    if words("verb_adverbs").isdisjoint(found):
        return found
    return tuple(t for t, read_past in zip(found, _read_past(found), strict=True) if not read_past)


def _read_past(found: Sequence[str]) -> list[bool]:
    """Which tokens are adverbs before a cue."""
    adverbs, cues = words("verb_adverbs"), _cues()
    return [
        t in adverbs and i + 1 < len(found) and found[i + 1] in cues for i, t in enumerate(found)
    ]


@dataclass(frozen=True, slots=True)
class _TextTokens:
    """Every token of a text, as `_tokens` reads it before its passive phrases."""

    starts: list[int]
    ends: list[int]
    normal: tuple[str, ...]  # `_normal` forms
    kept: tuple[str, ...]  # those not read past as adverbs, in the whole text
    kept_before: list[int]  # how many of `kept` come before each token


@lru_cache(maxsize=64)
def _text_tokens(text: str) -> _TextTokens:
    found = list(_TOKEN.finditer(text))
    normal = tuple(_normal(m[0]) for m in found)
    read_past = _read_past(normal)
    kept_before = [0, *accumulate(not skipped for skipped in read_past)]
    kept = tuple(t for t, skipped in zip(normal, read_past, strict=True) if not skipped)
    return _TextTokens(
        [m.start() for m in found], [m.end() for m in found], normal, kept, kept_before
    )


def _span_tokens(text: str, start: int, end: int) -> tuple[str, ...]:
    """`_tokens(text[start:end])` sliced from the whole text's tokens: tokenising each
    stretch between a quote and a mention afresh costs time quadratic in a paragraph's
    mentions. `_TOKEN` reads no context, so the slice is the stretch's own tokens when no
    token crosses either edge; a passive phrase rewrites text, so then it is read afresh.
    An adverb is read past when the next token is a cue, so the whole text's choice holds
    for all but the stretch's last token, which is always kept."""
    between = text[start:end]
    t = _text_tokens(text)
    first, stop = bisect_left(t.starts, start), bisect_left(t.starts, end)
    crossed = (first and t.ends[first - 1] > start) or (stop and t.ends[stop - 1] > end)
    if crossed or (" as " in between and _passive_cues().search(between)):
        return _tokens(between)
    if stop <= first:
        return ()
    return t.kept[t.kept_before[first] : t.kept_before[stop - 1]] + t.normal[stop - 1 : stop]
