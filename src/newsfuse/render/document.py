"""The brief as a JSON document: the contract of the CLI's `--format json` and the HTTP API.

Its shape is defined once, by the JSON Schema `brief.schema.json` beside this module: the
tests validate every brief against it and the API's OpenAPI document serves it. Every key is
always present (an empty list when a stage found nothing), so consumers can rely on the shape;
`config` is there when the brief records the settings that made it.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsfuse.model import Article, Brief, TimelineEntry
from newsfuse.outlets import outlet_name
from newsfuse.version import __version__

__all__ = ["SCHEMA_VERSION", "brief_schema", "source_dict", "to_dict", "to_json"]

# Raised on any change to the document's shape; see docs/formats.md.
SCHEMA_VERSION = 1


@cache
def _schema_text() -> str:
    return resources.files(__package__).joinpath("brief.schema.json").read_text("utf-8")


def brief_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the document `to_dict` returns (a fresh copy)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def source_dict(article: Article) -> dict[str, object]:
    """One entry of `sources`: what the brief says of an article, without its text."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_name": outlet_name(article.outlet, article.url),
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "place": article.place,
        "words": article.words,
    }


def _entry(t: TimelineEntry) -> dict[str, object]:
    return {
        "date": t.date,
        "text": t.text,
        "citations": list(t.citations),
        "kind": t.kind,
        "anchor": t.anchor,
    }


def to_dict(brief: Brief) -> dict[str, object]:
    document: dict[str, object] = {
        "schema_version": SCHEMA_VERSION,
        # Read when called: the package's version is set after its modules are imported.
        "newsfuse_version": __version__,
        "title": brief.title,
        "sources": [source_dict(a) for a in brief.articles],
        "summary": [
            {
                "text": item.text,
                "citations": list(item.citations),
                "independent_sources": item.independent_sources,
            }
            for item in brief.summary
        ],
        "copies": [
            {
                "members": list(g.members),
                "shared_sentences": g.shared_sentences,
                "origin": g.origin,
                "copied_share": dict(g.copied_share),
                "evidence": list(g.evidence),
            }
            for g in brief.copies
        ],
        "quotes": [
            {
                "speaker": q.speaker,
                "role": q.role,
                "confidence": round(q.confidence, 3),
                "text": q.text,
                "variants": [{"text": v.text, "citations": list(v.citations)} for v in q.variants],
                "citations": list(q.citations),
            }
            for q in brief.quotes
        ],
        "discrepancies": [
            {
                "about": d.about,
                "kind": d.kind,
                "values": [
                    {
                        "value": v.value,
                        "text": v.text,
                        "citations": list(v.citations),
                        "published": v.published.isoformat() if v.published else None,
                    }
                    for v in d.values
                ],
            }
            for d in brief.discrepancies
        ],
        "timeline": [_entry(t) for t in brief.timeline],
        "exclusives": {
            a.id: [{"text": e.text} for e in brief.exclusives if e.article_id == a.id]
            for a in brief.articles
            if any(e.article_id == a.id for e in brief.exclusives)
        },
        "entities": [
            {"name": e.name, "type": e.type, "mentions": dict(e.mentions)} for e in brief.entities
        ],
        "key_figures": [
            {
                "about": f.about,
                "values": [
                    {
                        "value": v.value,
                        "text": v.text,
                        "citations": list(v.citations),
                        "independent_sources": v.independent_sources,
                    }
                    for v in f.values
                ],
            }
            for f in brief.key_figures
        ],
        "latest": {
            "status": _entry(brief.latest.status) if brief.latest.status else None,
            "next": _entry(brief.latest.next) if brief.latest.next else None,
        }
        if brief.latest
        else None,
        "outlets": [
            {
                "outlet": o.outlet,
                "citations": list(o.article_ids),
                "headline": o.headline,
                "lead": o.lead,
                "stresses": list(o.stresses),
                "exclusives": o.exclusives,
                "rating": o.rating,
            }
            for o in brief.outlets
        ],
        "removed": {
            a.id: [{"rule": r.rule, "text": r.text} for r in a.removed] for a in brief.articles
        },
    }
    if brief.config is not None:
        document["config"] = brief.config
    return document


def to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(to_dict(brief), indent=indent, ensure_ascii=False)
