"""Render a Brief: the JSON document (`document`), and Markdown or a self-contained HTML page
(`text`) from one view model (`view`)."""

from newsfuse.render.document import SCHEMA_VERSION, brief_schema, source_dict, to_dict, to_json
from newsfuse.render.text import explain_markdown, templates, to_html, to_markdown
from newsfuse.render.view import BriefView, build_view, citation_labels

__all__ = [
    "SCHEMA_VERSION",
    "BriefView",
    "brief_schema",
    "build_view",
    "citation_labels",
    "explain_markdown",
    "source_dict",
    "templates",
    "to_dict",
    "to_html",
    "to_json",
    "to_markdown",
]
