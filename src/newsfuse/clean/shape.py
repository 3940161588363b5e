"""What a cleaning rule takes and gives: an article's paragraphs in, the paragraphs it keeps
and the texts it removed out."""

Paragraphs = list[str]
RuleResult = tuple[Paragraphs, list[str]]


def word_count(text: str) -> int:
    return len(text.split())
