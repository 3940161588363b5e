"""Clean one article: run the rules over its paragraphs, keeping what each removed."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsfuse.clean.rules import DEFAULT_RULES, Rule, find_dateline
from newsfuse.model import Article, Removal

__all__ = ["clean"]


def clean(article: Article, rules: Sequence[Rule] = DEFAULT_RULES) -> Article:
    """Return the article with noise removed; what each rule took is kept in `removed`."""
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    place = article.place
    if place is None and paragraphs:
        found = find_dateline(paragraphs[0].strip())
        place = found[0] if found else None
    removed = list(article.removed)
    for rule in rules:
        paragraphs, gone = rule.apply(paragraphs)
        removed.extend(Removal(rule.name, text.strip()) for text in gone if text.strip())
    text = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    return dataclasses.replace(article, text=text, removed=tuple(removed), place=place)
