"""Speakers given by a page's layout rather than by a sentence, which the ranking does not
read (it reads a statement's paragraph and the one before):

- a quote printed as a paragraph of its own and signed by the next ("— Ada Lund."), as fact
  checks and embedded posts print them;
- a quote that goes on into the next paragraph: the writer leaves the first paragraph's
  quotation unclosed and opens the next with a quotation mark, naming no one again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from newsfuse.analyze.attribution.features import Candidate, Piece
from newsfuse.analyze.names import Registry

__all__ = ["SIGNED_CONFIDENCE", "continues", "signer"]

# A paragraph that signs the quote before it: "— Ada Lund", "- Ada Lund, Riverton mayor.",
# "-President Lund, writing after the vote."
_SIGNATURE = re.compile(r"[-—–]+\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:[,(].*)?\.?")
# The confidence printed with a signed quote: every one of the 7 signatures in PolNeAR's
# training split names the annotated speaker (docs/benchmarks.md), (7 + 1) / (7 + 2) ~ 0.9.
SIGNED_CONFIDENCE = 0.9
_MARKS = '"“”'


class _Resolving(Protocol):
    text: str
    registry: Registry
    article_id: str

    def resolve(self, c: Candidate, quoted: Sequence[Piece]) -> tuple[str, str | None] | None: ...


def signer(
    resolver: _Resolving, statement: Sequence[Piece], paragraphs: Sequence[tuple[int, int]]
) -> tuple[str, str | None] | None:
    """The person signing a statement that fills its paragraph, in the next paragraph."""
    number = statement[0].paragraph
    start, end = paragraphs[number]
    text = resolver.text
    if number + 1 >= len(paragraphs) or statement[0].start - 1 > start:
        return None
    if text[statement[-1].end + 1 : end].strip(" .,"):
        return None
    low, high = paragraphs[number + 1]
    signature = _SIGNATURE.fullmatch(text, low, high)
    if signature is None or len(text[low:high].split()) > 15:
        return None
    at, stop = signature.span(1)
    registry, article_id = resolver.registry, resolver.article_id
    found = [
        Candidate("name", m.start, m.end, m.name, name, kind)
        for m, name, kind in registry.mentions.get(article_id, ())
        if at <= m.start < stop
    ] + [
        Candidate("name", u.start, u.end, u.name, u.name, "unknown")
        for u in registry.unresolved.get(article_id, ())
        if at <= u.start < stop
    ]
    resolved = [r for c in found if (r := resolver.resolve(c, statement)) is not None]
    return resolved[0] if len({name for name, _ in resolved}) == 1 else None


def continues(text: str, last: Piece, statement: Sequence[Piece]) -> bool:
    """Whether `statement` goes on the quote whose last piece is `last`: it opens the next
    paragraph with a quotation mark, and `last` ran to its paragraph's end unclosed. A piece
    opened by a closing mark (”) is the writer's words after a quote, not one left open."""
    first = statement[0]
    return (
        first.paragraph == last.paragraph + 1
        and text[last.start - 1 : last.start] != "”"
        and text[first.start - 1 : first.start] in _MARKS
        and text[last.end : last.end + 1] not in _MARKS
        and not text[last.end : first.start - 1].strip()
    )
