"""What a cleaning rule takes and gives: an article's paragraphs in, the paragraphs it keeps
and the texts it removed out."""

import re

Paragraphs = list[str]
RuleResult = tuple[Paragraphs, list[str]]


def word_count(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’)]?$", text.strip()))


def short_line(text: str, max_words: int = 14) -> bool:
    """A line shaped like a headline, label or caption title rather than prose."""
    return 0 < word_count(text) <= max_words and not _ends_sentence(text)
