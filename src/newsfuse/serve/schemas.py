"""Request and response bodies of the HTTP API, as pydantic models so that FastAPI's
OpenAPI document describes them. The brief itself is the library's JSON document, described
by the JSON Schema that ships with `newsfuse.render` (`brief_components`)."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from newsfuse.ingest.checks import EARLIEST_YEAR, date_in_range
from newsfuse.ingest.errors import InputError
from newsfuse.ingest.formats import parse_date, parse_txt
from newsfuse.model import Article
from newsfuse.render import brief_schema

# A few hundred articles brief synchronously in seconds; more is a batch job.
MAX_ARTICLES = 500
MAX_TEXT_CHARS = 1_000_000


class ArticleIn(BaseModel):
    """One article with the JSONL fields; unknown keys are ignored, as in JSONL files."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(default=None, max_length=400)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=400, description="the outlet")
    outlet: str | None = Field(default=None, max_length=400, description="same as source")
    published: str | None = Field(default=None, max_length=100, description="any date format")
    date: str | None = Field(default=None, max_length=100, description="same as published")

    @field_validator("published", "date")
    @classmethod
    def _sane_date(cls, value: str | None) -> str | None:
        # As ingest does for files: a date outside the calendar's sane range would sort
        # and anchor a story's timeline wrongly for good.
        when = parse_date(value.strip()) if value and value.strip() else None
        if when is not None and not date_in_range(when):
            raise ValueError(f"date {value!r} is outside the years {EARLIEST_YEAR}-next year")
        return value

    def to_article(self, prefix: str) -> Article:
        """The Article; without an id, `prefix` plus a hash of the text, so that the same
        text sent twice is recognised as a duplicate."""

        def clean(value: str | None) -> str | None:
            return value.strip() or None if value is not None else None

        text = self.text.strip()
        when = clean(self.published) or clean(self.date)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        key = clean(self.id) or f"{prefix}-{digest}"
        title = clean(self.title)
        published = parse_date(when) if when else None
        if title is None:
            # Text without a title is read as a .txt file is: a crawl-date token, a
            # headline line and a date line lead the body when present.
            try:
                read = parse_txt(text, key)
            except InputError:
                read = None
            if read is not None:
                text, title, published = read.text, read.title, published or read.published
        return Article(
            id=key,
            text=text,
            title=title,
            outlet=clean(self.source) or clean(self.outlet),
            published=published,
            url=clean(self.url),
        )


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class BriefIn(ArticlesIn):
    words: int | None = Field(
        default=None, ge=1, le=2000, description="summary budget in words (default: the server's)"
    )
    all: bool = Field(
        default=False,
        description="brief every article; by default, as the CLI, only the largest story "
        "when the articles tell several",
    )


class FeedIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000, examples=["https://example.org/feed.xml"])


class InputProblem(BaseModel):
    name: str
    reason: str


class IngestOut(BaseModel):
    added: list[str] = Field(description="article ids as stored")
    duplicates: list[str] = Field(description="already stored with the same text")
    stories: list[int] = Field(description="stories the added articles belong to")
    problems: list[InputProblem] = Field(default_factory=list, description="inputs skipped")


class DeletedOut(BaseModel):
    deleted: list[str] = Field(description="ids of the articles deleted")


class StoryOut(BaseModel):
    id: int
    title: str | None
    size: int
    outlets: list[str]
    first: datetime | None = Field(description="earliest publication time, UTC")
    last: datetime | None = Field(description="latest publication time, UTC")
    updated: datetime


class StoryPage(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StoryOut]


class StoryDetail(StoryOut):
    articles: list[dict[str, object]] = Field(
        description="the story's articles, as the brief's sources",
        json_schema_extra={"items": {"$ref": "#/components/schemas/BriefSource"}},
    )


def brief_components() -> dict[str, Any]:
    """The brief's JSON Schema as OpenAPI components: `Brief`, and one `Brief<Name>` for
    each of its definitions, so that the API documents the one schema the library ships."""
    schema = brief_schema()
    defs = schema.pop("$defs")
    del schema["$schema"]
    text = json.dumps({"Brief": schema, **{f"Brief{k}": v for k, v in defs.items()}})
    components: dict[str, Any] = json.loads(
        text.replace('"#/$defs/', '"#/components/schemas/Brief')
    )
    return components


class ErrorBody(BaseModel):
    status: int
    message: str
    details: list[dict[str, object]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody
