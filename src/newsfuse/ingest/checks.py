"""Checks every Article gets on its way in, whatever its format.

A parsed article may still carry what later stages cannot handle: a lone UTF-16 surrogate
(JSON's "\\ud800" decodes to one, and no file can hold it once written), or a publication
date at the edge of the calendar, where converting it to UTC or adding a day to it
overflows. The surrogate becomes U+FFFD, as an undecodable byte would; a date outside
`EARLIEST_YEAR` .. next year is dropped with a notice, and the article kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

from newsfuse.errors import InputError
from newsfuse.model import Article

__all__ = ["EARLIEST_YEAR", "checked", "date_in_range", "scrub"]

# News older than the telegraph is no news; a date past next year is a typing error.
EARLIEST_YEAR = 1800
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("id", "text", "title", "outlet", "url", "author", "place", "source_path")


def latest_year() -> int:
    return datetime.now(UTC).year + 1


def date_in_range(published: datetime) -> bool:
    """Whether a publication date lies in the years `EARLIEST_YEAR` .. next year."""
    return EARLIEST_YEAR <= published.year <= latest_year()


def scrub(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _check(article: Article, notice: Callable[[str], None]) -> Article:
    changes: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[name] = scrub(value)
    if article.published is not None and not date_in_range(article.published):
        where = article.source_path or article.id
        notice(
            f"{where}: article {article.id!r}: publication date {article.published.isoformat()} "
            f"outside {EARLIEST_YEAR}..{latest_year()}, dropped"
        )
        changes["published"] = None
    return dataclasses.replace(article, **changes) if changes else article  # type: ignore[arg-type]


def checked(
    results: Iterable[Article | InputError], notice: Callable[[str], None]
) -> Iterator[Article | InputError]:
    """`results` with every article checked; errors pass through."""
    for result in results:
        yield result if isinstance(result, InputError) else _check(result, notice)
