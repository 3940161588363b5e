"""RSS and Atom feeds to Articles: one per entry (feedparser).

Entry bodies are HTML more often than not: the full `content` when the feed carries it,
else the `summary`. Markup goes through trafilatura like a page would, with a plain
tag-stripping fallback for fragments too short for it to call an article.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import trafilatura

from newsfuse.ingest.checks import scrub
from newsfuse.ingest.errors import InputError
from newsfuse.model import Article

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>")


def _plain(markup: str) -> str:
    """Text of an HTML fragment, one paragraph per block element."""
    text = _BLOCK.sub("\n\n", markup)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _body(entry: Any) -> str:
    parts = entry.get("content") or []
    value, kind = "", ""
    if parts:
        value, kind = str(parts[0].get("value") or ""), str(parts[0].get("type") or "")
    if not value.strip():
        value = str(entry.get("summary") or "")
        kind = str((entry.get("summary_detail") or {}).get("type") or "text/html")
    value = scrub(value)  # feedparser decodes "&#xd800;" to a lone surrogate
    if "html" not in kind and "<" not in value:
        return value.strip()
    extracted = trafilatura.extract(value, include_comments=False, include_tables=False)
    text = str(extracted or "")
    # trafilatura drops short fragments (a two-line summary); keep them as plain text.
    if len(text.split()) < len(_plain(value).split()) // 2:
        return _plain(value)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser normalises dates to UTC struct_time.
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):  # beyond the platform's calendar
                return None
    return None


def _text(value: object) -> str | None:
    return scrub(value).strip() or None if isinstance(value, str) else None


def parse_feed(
    data: bytes, stem: str, source_path: str | None = None
) -> Iterator[Article | InputError]:
    """One Article per entry with text; ids are `<file stem>:<entry number>`."""
    name = source_path or stem
    try:
        parsed = feedparser.parse(data)
    except ValueError as exc:  # a character reference past U+10FFFF
        yield InputError(name, f"not a readable RSS or Atom feed ({exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = "not a readable RSS or Atom feed" if parsed.get("bozo") else "feed has no entries"
        yield InputError(name, reason)
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        body = _body(entry)
        title = _text(entry.get("title"))
        if not body:
            yield InputError(f"{name}:{number}", "feed entry has no text")
            continue
        yield Article(
            id=f"{stem}:{number}",
            text=body,
            title=html.unescape(title) if title else None,
            outlet=outlet,
            published=_when(entry),
            url=_text(entry.get("link")),
            author=_text(entry.get("author")),
            source_path=source_path,
        )
