"""Markdown and a self-contained HTML page of a brief, from its view model and the Jinja
templates in `templates/`.

Sections a stage left empty (no copies found, no analysis run) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from newsfuse.model import Brief
from newsfuse.render.rank import CAPS, FULL
from newsfuse.render.view import BriefView, Cite, build_view

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["explain_markdown", "prose_words", "templates", "to_html", "to_markdown"]

# A citation: "[BBC, CNN 2]" (not a link's text, which a "(" follows).
_CITATION = re.compile(r"\[[^\[\]]*\](?!\()")


def _md(text: object) -> str:
    """Text from an article, made inert in Markdown table cells and list items."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _cite(cites: Iterable[Cite]) -> str:
    return "[" + ", ".join(c.label for c in cites) + "]"


@cache
def templates() -> Environment:
    """The templates of briefs; `.html` ones escape every value, Markdown ones do not."""
    # Imported here: `import newsfuse` should not pay for it when nothing is rendered.
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("newsfuse.render", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = _md
    env.filters["cite"] = _cite
    return env


def _render(name: str, view: BriefView) -> str:
    return templates().get_template(name).render(v=view)


def _view(brief: Brief | BriefView, full: bool = False) -> BriefView:
    if isinstance(brief, BriefView):
        return brief
    return build_view(brief, caps=FULL if full else CAPS)


def to_markdown(brief: Brief | BriefView, explain: bool = False, full: bool = False) -> str:
    """The brief in Markdown: the best items of each section (`full`: all of them); with
    `explain`, followed by what cleaning removed."""
    view = _view(brief, full)
    text = _render("brief.md", view).rstrip() + "\n"
    return text + "\n" + explain_markdown(view) if explain else text


def explain_markdown(brief: Brief | BriefView) -> str:
    """What cleaning removed, per article, by rule."""
    return _render("explain.md", _view(brief)).rstrip("\n") + "\n"


def to_html(brief: Brief | BriefView, full: bool = False) -> str:
    """A self-contained page; every piece of text from the articles is escaped."""
    view = _view(brief, full)
    return _render("brief.html", view)


def prose_words(markdown: str) -> int:
    """Words a reader reads in a Markdown brief: citations, the sources table (a reference
    list, as citations are), the note of what was left out and markup are not counted."""
    text = markdown.split("\n## Sources\n", 1)[0]
    return sum(1 for token in _CITATION.sub(" ", text).split() if any(c.isalnum() for c in token))
