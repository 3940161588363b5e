"""Organisations: the head words that make a name a body ("Ministry of Health", "Acme
Group"), and the one form a body's name takes across a story."""

from __future__ import annotations

from newsfuse.resources import words

__all__ = ["ADJECTIVES", "COUNTRY_WORDS", "NATIONALITY", "ORG_HEADS", "body_name"]

ORG_HEADS = words("organisation_heads")
# Whose a title or a body is: "US Secretary of State", "Chinese Foreign Ministry".
ADJECTIVES = words("nationality_adjectives")
COUNTRY_WORDS = words("country_words")
NATIONALITY = ADJECTIVES | COUNTRY_WORDS


def body_name(name: str) -> str:
    """A body's name without the country before it: "US State Department" and "State
    Department" are one body. A lone head keeps its country: "Palestinian Authority" is not
    any "Authority"."""
    parts = name.split()
    while len(parts) > 2 and parts[0].lower() in NATIONALITY:
        parts = parts[1:]
    return " ".join(parts)
