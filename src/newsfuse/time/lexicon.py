"""Regular-expression pieces built from the time vocabulary in resources/en/time.json."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from newsfuse.resources import table

__all__ = ["VOCAB", "alternation", "month_pattern", "number_value", "vocab"]


def vocab() -> Mapping[str, Any]:
    return cast(Mapping[str, Any], table("time"))


VOCAB = vocab()


def alternation(names: Iterable[str]) -> str:
    """Longest first, so "sept" is tried before "sep"; spaces match any run of spaces."""
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len)[::-1])


def month_pattern(group: str) -> str:
    """Month names as names are written (capitalised or upper case): "march" and "may" in
    lower case are a verb and a modal."""
    forms = [form for name in VOCAB["months"] for form in (name.title(), name.upper())]
    return rf"(?-i:(?P<{group}>{alternation(forms)}))\b\.?"


_NUMBER = re.compile(r"[\d,.]+")


def number_value(words: str) -> float | None:
    """ "twenty-four" -> 24, "3" -> 3, "a few" -> None (vague)."""
    text = " ".join(words.lower().replace("-", " ").split())
    if _NUMBER.fullmatch(text):
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    numbers: Mapping[str, float] = VOCAB["numbers"]
    if text in numbers:
        return numbers[text]
    total = 0.0
    for word in text.split():
        if word not in numbers:
            return None
        value = numbers[word]
        total = total * value if value == 100 and total else total + value
    return total
