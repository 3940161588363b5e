"""Keeping speakers apart: the merge model joins quotation pieces on what lies between two
of them alone, so in a long paragraph (a wire story printed as one) it can join the words
of several people. A piece that carries its own attribution naming someone else, or a gap
holding a sentence that attributes words to someone else, starts a new statement:
'"A," X said. "B," said Y.' is two statements; '"A," X said. "B."' stays one."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from newsfuse.analyze.attribution.features import (
    _PERSONAL,
    ASIDE,
    SENTENCE_STOP,
    Piece,
    _inside,
)
from newsfuse.analyze.attribution.phrases import label
from newsfuse.analyze.attribution.tokens import _cues, _tokens
from newsfuse.analyze.names import Registry
from newsfuse.resources import words

_MARK = re.compile(r"[\"“”]")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_ABBREVIATIONS = words("title_abbreviations") | words("never_final_abbreviations")


# A sentence end as the features read one (`features._SENTENCE_END`), also before a closing
# mark that opens a quote: wire copy typed ''It's ...'' with two apostrophes first.
_SENTENCE_END = re.compile(SENTENCE_STOP + r"(?=[\"“”A-Z])")


def _ends(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Sentence ends in [start, end), except after a title ("said Sen. Ames")."""
    return [
        m
        for m in _SENTENCE_END.finditer(text, start, end)
        if not (w := _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1))
        or w[1].lower() not in _ABBREVIATIONS
    ]


class _Names:
    """The article's names outside quotes, in reading order, as (start, end, canonical
    name): people and bodies the Registry knows, and names it left unresolved."""

    def __init__(self, text: str, registry: Registry, article_id: str, quoted: Sequence[Piece]):
        found = [
            (m.start, m.end, name)
            for m, name, kind in registry.mentions.get(article_id, ())
            if kind in ("person", "organization")
        ]
        found += [(u.start, u.end, u.name) for u in registry.unresolved.get(article_id, ())]
        self.names = sorted(n for n in found if not _inside(n[0], n[0] + 1, quoted))
        self.starts = [n[0] for n in self.names]
        mentions = registry.mentions.get(article_id, ())
        self.people = {n for _, n, kind in mentions if kind == "person"}
        self.text = text

    def speaking(self, start: int, end: int) -> str | None:
        """The first name in [start, end) next to a speech cue: after one ('said X',
        'according to X') or before one, past an aside ('X, 16, told', 'X was quoted as
        saying'): the clause's speaker."""
        cues = _cues()
        for at, stop, name in self.names[bisect_left(self.starts, start) :]:
            if at >= end:
                break
            before = [t for t in _tokens(self.text[max(start, at - 30) : at]) if t[:1].isalnum()]
            aside = ASIDE.match(self.text, stop, end)
            rest = self.text[aside.end() if aside else stop : end]
            after = [t for t in _tokens(rest) if t[:1].isalnum()]
            # 'said council president X'; 'X was quoted as saying'.
            if cues.intersection(before[-3:]) or cues.intersection(after[:4]):
                return name
        return None


def _clause_after(text: str, piece: Piece, limit: int) -> tuple[int, int]:
    """From a piece's closing mark to its sentence's end or the next quotation mark; none
    when the piece closes its sentence ('"... no suspect." The paper said'). A question or
    an exclamation goes on into its attribution ('"Is it?" Moss asked')."""
    start = piece.end + 1
    if text[piece.end - 1 : piece.end] in (".", "…") and (
        text[start:limit].lstrip()[:1].isupper() or not text[start:limit].strip()
    ):
        return start, start
    end = next(iter(_ends(text, start, limit)), None)
    mark = _MARK.search(text, start, limit)
    stops = [limit, *(m.start() + 1 for m in (end, mark) if m)]
    return start, min(stops)


def _clause_before(text: str, piece: Piece, low: int) -> tuple[int, int]:
    """From the piece's sentence start (not before `low`) to its opening mark."""
    starts = [m.end() for m in _ends(text, low, piece.start)]
    return max([low, *starts]), piece.start - 1


def _own(text: str, piece: Piece, low: int, limit: int, names: _Names) -> set[str]:
    """The names attributing the piece in its own sentence, before and after it."""
    return {
        n
        for span in (_clause_before(text, piece, low), _clause_after(text, piece, limit))
        if (n := names.speaking(*span)) is not None
    }


def _speaking_between(text: str, first: Piece, second: Piece, names: _Names) -> set[str]:
    """The speakers of the sentences between two pieces, after the one closing the first
    (its own attribution) and up to the second's opening mark."""
    ends = _ends(text, first.end + 1, second.start)
    if not ends:
        return set()
    starts = [m.end() for m in ends]
    stops = [m.start() + 1 for m in ends[1:]] + [second.start - 1]
    return {n for a, b in zip(starts, stops, strict=True) if (n := names.speaking(a, b))}


def _pronoun_said(text: str, start: int, end: int) -> bool:
    """The clause opens "he said", "she added": a pronoun and a speech cue."""
    said = [t for t in _tokens(text[start:end]) if t[:1].isalnum()][:2]
    return len(said) == 2 and said[0] in _PERSONAL and said[1] in _cues()


def _subjects_between(text: str, first: Piece, second: Piece, names: _Names) -> set[str]:
    """People the Registry knows opening the whole sentences between two pieces (the
    sentences' subjects), or standing after one capitalised word there (a title)."""
    starts = [m.end() for m in _ends(text, first.end + 1, second.start)]
    return {
        n
        for at, _, n in names.names
        if n in names.people and any(s <= at and _FIRST_WORD.fullmatch(text, s, at) for s in starts)
    }


_FIRST_WORD = re.compile(r"(?:[A-Z][\w'’-]*\s+)?")


def speakers_apart(
    text: str,
    runs: Sequence[Sequence[Piece]],
    paragraphs: Sequence[tuple[int, int]],
    quoted: Sequence[Piece],
    registry: Registry,
    article_id: str,
) -> list[list[Piece]]:
    """The merge model's runs, cut before a piece whose own attribution names someone
    other than the run's, and before a piece that follows a sentence attributing words to
    someone else ("The paper reported ...", "Y told reporters ...")."""
    names = _Names(text, registry, article_id, quoted)
    out: list[list[Piece]] = []
    previous: Piece | None = None
    for run in runs:
        paragraph_end = paragraphs[run[0].paragraph][1]
        low = paragraphs[run[0].paragraph][0]
        if previous is not None and previous.paragraph == run[0].paragraph:
            low = previous.end + 1  # the sentence before a piece starts after the last piece
        previous = run[-1]
        current = [run[0]]
        nxt = run[1].start - 1 if len(run) > 1 else paragraph_end
        owners = _own(text, run[0], low, nxt, names)
        # '"A," he told the paper. "B?" Moss asked.': a run opened by a pronoun's words ends
        # where a piece names its own speaker.
        by_pronoun = not owners and _pronoun_said(text, *_clause_after(text, run[0], nxt))
        for i, piece in enumerate(run[1:], 1):
            last = current[-1]
            limit = run[i + 1].start - 1 if i + 1 < len(run) else paragraph_end
            # The piece's own sentence starts after the one closing the piece before: with
            # no sentence end between them, the words between are that piece's attribution.
            closing = _ends(text, last.end + 1, piece.start)
            own = _own(text, piece, closing[0].end() if closing else piece.start - 1, limit, names)
            others = _speaking_between(text, last, piece, names)
            if not own and _pronoun_said(text, *_clause_after(text, piece, limit)):
                # '"...," he said' after a sentence led by a new name: most likely that name.
                others |= _subjects_between(text, last, piece, names)
            # A piece opening in lower case goes on the writer's sentence, and one of a word or
            # two is a name or a title ("Lyin Ted"): not a new statement.
            said = text[piece.start : piece.end].lstrip(" .…'‘[(")
            opens = said[:1].isupper() and len(said.split()) >= 3
            # '... looking for "Senator Lund" and who ... . "That's how far ...," she said':
            # a label inside the writer's finished sentence is not the next statement's.
            phrase = bool(closing) and label(text, last)
            if opens and (
                phrase
                or (owners and (others - owners or (own and not own & owners)))
                or (by_pronoun and own)
            ):
                out.append(current)
                current, owners, by_pronoun = [piece], own, False
            else:
                current.append(piece)
                owners |= own
        out.append(current)
    return out
