"""Parsers from decoded text to Articles, one per input format."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime

import trafilatura
from dateutil import parser as dateparser

from newsfuse.ingest.errors import InputError
from newsfuse.model import Article

_CRAWL_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
# A line that is only a date, with optional weekday and time: "19 June 2023, 09:34",
# "Monday, June 19, 2023 4:30 PM", "2023-06-19T09:34Z".
_DATE_LINE = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:[,\sT]+\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{{2,4}}|Z)?)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")


def parse_date(value: str) -> datetime | None:
    try:
        parsed: datetime = dateparser.parse(value, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed


def _is_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 30 and not _SENTENCE_END.search(line.strip())


def parse_txt(text: str, article_id: str, source_path: str | None = None) -> Article:
    """Plain text: optional crawl date token, headline line and date line, then paragraphs."""
    published: datetime | None = None
    match = _CRAWL_DATE.match(text)
    if match:
        published = parse_date(match.group(1))
        text = text[match.end() :]
    lines = text.strip().splitlines()
    title: str | None = None
    # The headline stands alone: it is followed by a blank line or a date line.
    if (
        len(lines) > 1
        and _is_headline(lines[0])
        and (not lines[1].strip() or _DATE_LINE.match(lines[1].strip()))
    ):
        title = lines[0].strip()
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    if lines and _DATE_LINE.match(lines[0].strip()):
        published = parse_date(lines[0].strip()) or published
        lines = lines[1:]
    body = "\n".join(line.rstrip() for line in lines).strip()
    if not body:
        raise InputError(article_id, "no article text after the headline")
    return Article(
        id=article_id, text=body, title=title, published=published, source_path=source_path
    )


def parse_html(html: str, article_id: str, source_path: str | None = None) -> Article:
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    doc = extracted if isinstance(extracted, dict | None) else extracted.as_dict()
    text = str(doc.get("text") or "") if isinstance(doc, dict) else ""
    if not isinstance(doc, dict) or not text.strip():
        raise InputError(source_path or article_id, "no article text found in the HTML")
    meta = {k: v.strip() for k, v in doc.items() if isinstance(v, str) and v.strip()}
    title = meta.get("title")
    # trafilatura puts one paragraph per line; the headline often comes back as the first.
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Article(
        id=article_id,
        text="\n\n".join(paragraphs),
        title=title,
        outlet=meta.get("sitename") or meta.get("hostname"),
        published=parse_date(meta["date"]) if "date" in meta else None,
        url=meta.get("url"),
        author=meta.get("author"),
        source_path=source_path,
    )


def _str_field(record: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def parse_jsonl(
    text: str, stem: str, source_path: str | None = None
) -> Iterator[Article | InputError]:
    """One article per line. Bad lines come back as InputErrors so the rest still loads."""
    # Lines end at "\n" only, as when read from a file: JSON text may hold U+2028 and
    # other characters that str.splitlines() also breaks at.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield parse_jsonl_line(line, number, stem, source_path)


def parse_jsonl_line(
    line: str, number: int, stem: str, source_path: str | None = None
) -> Article | InputError:
    """The article on line `number` of a JSONL file, or the error naming that line."""
    where = f"{source_path or stem}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON ({exc.msg})")
    except RecursionError:  # the decoder recurses once per level of nesting
        return InputError(where, "JSON nested too deeply")
    if not isinstance(record, dict):
        return InputError(where, "expected a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(where, 'missing or empty "text"')
    published = _str_field(record, "published", "date")
    raw_id = record.get("id")
    return Article(
        id=str(raw_id) if raw_id not in (None, "") else f"{stem}:{number}",
        text=body.strip(),
        title=_str_field(record, "title"),
        outlet=_str_field(record, "source", "outlet"),
        published=parse_date(published) if published else None,
        url=_str_field(record, "url"),
        source_path=source_path,
    )
