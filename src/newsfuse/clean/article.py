"""Clean one article: run the rules over its paragraphs, keeping what each removed."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsfuse.clean.rules import DEFAULT_RULES, Rule, find_dateline
from newsfuse.clean.tokens import detokenise, detokenise_title
from newsfuse.model import Article, Removal

__all__ = ["clean"]


# A hard-wrapped text breaks its lines near a fixed width, mid-sentence; a line longer than
# this was not wrapped, so the text's line breaks end paragraphs.
_WRAP_WIDTH = 100


def paragraphs_of(text: str) -> list[str]:
    """The text's paragraphs: blocks between blank lines; in a text without blank lines whose
    lines are longer than a wrapped text's, each line (crawlers and extractors print a
    paragraph per line, the headline first)."""
    if "\n\n" not in text and "\n" in text.strip():
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if max(map(len, lines)) > _WRAP_WIDTH:
            return lines
    return [p for p in text.split("\n\n") if p.strip()]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def clean(article: Article, rules: Sequence[Rule] = DEFAULT_RULES) -> Article:
    """Return the article with noise removed; what each rule took is kept in `removed`."""
    paragraphs = paragraphs_of(article.text)
    removed = list(article.removed)
    # The headline printed again atop the text is no paragraph of it.
    if paragraphs and article.title and _same(paragraphs[0], article.title):
        removed.append(Removal("title", paragraphs.pop(0).strip()))
    title = article.title
    if title and any(rule.apply is detokenise for rule in rules):
        title = detokenise_title(title, article.text)
    place = article.place
    if place is None and paragraphs:
        found = find_dateline(paragraphs[0].strip())
        place = found[0] if found else None
    for rule in rules:
        paragraphs, gone = rule.apply(paragraphs)
        removed.extend(Removal(rule.name, text.strip()) for text in gone if text.strip())
    text = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    return dataclasses.replace(article, title=title, text=text, removed=tuple(removed), place=place)
