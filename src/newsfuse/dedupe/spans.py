"""Where an article's sentences start and end, and which are mostly quotation, found in one
vectorised pass over the text's code points (the fingerprints' first step)."""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from numpy.typing import NDArray

# Private on purpose: dedupe must split exactly where the segmenter would, but over the
# whole text at once; `split_sentences` works paragraph by paragraph and line by line,
# which costs more than all the hashing together.
from newsfuse.segment.sentences import _CANDIDATE, _is_boundary

U32 = NDArray[np.uint32]
I64 = NDArray[np.int64]

# A sentence starts after a paragraph break (group "para"), after a line break unless the
# next line reads as a continuation of a hard-wrapped one, or at an end `_CANDIDATE` finds.
# Only the end of a match is used, and a pattern that opens with "\n" is searched for as a
# literal: ten times faster than one opening with optional spaces.
_BREAK = re.compile(r"\n(?:(?P<para>\s*\n)\s*|\s*(?![\sa-z,;:)\]}%]))")
_SINGLE_QUOTES = (ord("'"), ord("‘"))
_DOUBLE_QUOTES = (ord('"'), ord("“"), ord("”"))
_OPENING, _STRAIGHT = ord("“"), ord('"')
_STOPS = tuple(map(ord, ".!?…"))


SPACE = 1  # a control character: no word character folds to it


@cache
def _table() -> U32:
    """Code point -> its lowercase code point if it is a word character (`[^\\W_]`, which
    is exactly `str.isalnum`), `SPACE` if it is whitespace (`str.isspace`, what
    `str.strip` strips), else 0; for the Basic Multilingual Plane (built once, 256 KB).
    One lookup serves both the sentence spans and the words."""
    chars = [chr(cp) for cp in range(0x10000)]
    return np.array(
        [
            (ord(low) if len(low := ch.lower()) == 1 else ord(ch))
            if ch.isalnum()
            else (SPACE if ch.isspace() else 0)
            for ch in chars
        ],
        dtype=np.uint32,
    )


def code_points(text: str) -> U32:
    # UTF-32 without a byte-order mark: index i is the text's character i.
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _any_of(codes: U32, values: tuple[int, ...]) -> NDArray[np.bool_]:
    # A few comparisons beat np.isin's sort or table for three or four values.
    out: NDArray[np.bool_] = codes == values[0]
    for value in values[1:]:
        out |= codes == value
    return out


def _between(codes: U32, low: str, high: str) -> NDArray[np.bool_]:
    out: NDArray[np.bool_] = (codes >= ord(low)) & (codes <= ord(high))
    return out


def classify(codes: U32) -> U32:
    """`_table` applied to the text's code points."""
    table = _table()
    if len(codes) == 0 or codes.max() < 0x10000:
        out: U32 = table[codes]
        return out
    # Rare (emoji, historic scripts): look those up one by one.
    astral = codes >= 0x10000
    out = table[np.where(astral, 0, codes)]
    for i in np.flatnonzero(astral):
        ch = chr(int(codes[i]))
        out[i] = ord(ch.lower()[0]) if ch.isalnum() else (SPACE if ch.isspace() else 0)
    return out


def _strip(cuts: dict[int, bool], nonspace: I64, size: int) -> tuple[I64, I64, NDArray[np.bool_]]:
    """The pieces between cuts, stripped of whitespace (`nonspace`: offsets of the other
    characters), without the empty ones; and whether each opens a paragraph."""
    bounds = np.array(sorted(cuts), dtype=np.int64)
    lo = bounds
    hi = np.empty_like(lo)
    hi[:-1], hi[-1] = lo[1:], size
    first = np.searchsorted(nonspace, lo)
    last = np.searchsorted(nonspace, hi) - 1
    full = last >= first
    opens = np.array([cuts[b] for b in bounds.tolist()])
    if not full.all():
        for k in np.flatnonzero(~full[:-1]):  # a paragraph break before an empty piece counts
            opens[k + 1] |= opens[k]
        first, last = first[full], last[full]
        opens = opens[full]
    return nonspace[first], nonspace[last] + 1, opens


def sentence_spans(
    text: str, codes: U32 | None = None, classes: U32 | None = None
) -> tuple[I64, I64, NDArray[np.bool_]]:
    """Start and end offsets of the text's stripped sentences, and whether each opens a
    paragraph. Splits where `newsfuse.segment.split_sentences` would, and also where
    scraping lost the space between two sentences ("the ocean.The rings")."""
    if codes is None:
        codes = code_points(text)
    if classes is None:
        classes = classify(codes)
    nonspace = np.flatnonzero(classes != SPACE)
    if len(nonspace) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
    cuts: dict[int, bool] = {0: True}
    for match in _BREAK.finditer(text):
        cuts[match.end()] = cuts.get(match.end(), False) or match["para"] is not None
    # `_CANDIDATE.finditer` tries every character; its matches can only start a run of
    # stops (".", "!", "?", "…"), found in numpy, and where the match fails at the start of
    # a run it fails inside the run too: the same matches, for a fraction of the time.
    stop = _any_of(codes, _STOPS)
    run = np.flatnonzero(stop[1:] & ~stop[:-1]) + 1
    for at in ([0] if stop[0] else []) + run.tolist():
        end = _CANDIDATE.match(text, at)
        if end and end.end() not in cuts and _is_boundary(text, end):
            cuts[end.end()] = False
    starts, ends, opens = _strip(cuts, nonspace, len(text))
    long = ends - starts > 300
    if long.any():
        # "the ocean.The rings": scraping lost the space between two sentences. Looked for
        # only in long sentences, where it is likely a glued pair and not "Yahoo!News": the
        # pattern [a-z]{2}[.!?](?=[A-Z][a-z]), tested in numpy at the stops only (a regex
        # over every long sentence cost as much as the whole split).
        dots = np.flatnonzero(stop[2:-2]) + 2
        c = [codes[dots + d] for d in (-2, -1, 1, 2)]
        glued = dots[
            (codes[dots] != 0x2026)  # "…" is not in the pattern
            & _between(c[0], "a", "z")
            & _between(c[1], "a", "z")
            & _between(c[2], "A", "Z")
            & _between(c[3], "a", "z")
        ]
        inside = np.searchsorted(starts, glued, side="right") - 1
        glued = glued[long[inside] & (glued < ends[inside])] + 1
        if len(glued):
            for cut in glued.tolist():
                cuts.setdefault(cut, False)
            starts, ends, opens = _strip(cuts, nonspace, len(text))
    return starts, ends, opens


def quoted_sentences(
    text: str, starts: I64, ends: I64, opens: NDArray[np.bool_], codes: U32 | None = None
) -> NDArray[np.bool_]:
    """Whether at least half of each sentence's characters are inside double quotes (curly
    or straight; quotes run across sentences, and a new paragraph closes a quote left open:
    a stray mark must not turn the rest of the article into quotation). A sentence opening
    with a single quote counts as quoted too: some outlets quote with single marks."""
    if codes is None:
        codes = code_points(text)
    first = codes[starts]
    single: NDArray[np.bool_] = (first == _SINGLE_QUOTES[0]) | (first == _SINGLE_QUOTES[1])
    marks = np.flatnonzero(_any_of(codes, _DOUBLE_QUOTES))
    if len(marks) == 0:
        return single
    # Walk the marks in order, collecting the quoted stretches; a stretch still open at the
    # next paragraph's start ends there.
    resets = [*starts[opens].tolist(), len(text)]
    paragraph = (np.searchsorted(resets, marks, side="right") - 1).tolist()
    lo_list: list[int] = []
    hi_list: list[int] = []
    is_open, opened_at, current = False, 0, 0
    for at, char, p in zip(marks.tolist(), codes[marks].tolist(), paragraph, strict=True):
        if is_open:
            lo_list.append(opened_at)
            hi_list.append(at if p == current else resets[current + 1])
            is_open = is_open and p == current
        is_open = char == _OPENING or (char == _STRAIGHT and not is_open)
        opened_at, current = at + 1, p
    if is_open:
        lo_list.append(opened_at)
        hi_list.append(resets[current + 1])
    if not lo_list:
        return single
    lo, hi = np.array(lo_list), np.array(hi_list)
    # Quoted characters before offset x, for every sentence start and end at once: the
    # stretches wholly before x, plus the part of the last one that starts before x.
    x = np.concatenate([starts, ends])
    span = hi - lo
    whole = np.zeros(len(span) + 1, dtype=np.int64)
    np.cumsum(span, out=whole[1:])
    last = np.searchsorted(lo, x, side="right") - 1
    part = np.minimum(x - lo[last], span[last])
    before = np.where(last >= 0, whole[last] + part, 0)
    inside = before[len(starts) :] - before[: len(starts)]
    quoted: NDArray[np.bool_] = single | (inside >= 0.5 * np.maximum(ends - starts, 1))
    return quoted
