"""Markdown and a self-contained HTML page of a brief, from its view model and the Jinja
templates in `templates/`.

Sections a stage left empty (no copies found, no analysis run) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from newsfuse.model import Brief
from newsfuse.render.view import BriefView, Cite, build_view

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["explain_markdown", "templates", "to_html", "to_markdown"]


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


def to_markdown(brief: Brief | BriefView, explain: bool = False) -> str:
    """The brief in Markdown; with `explain`, followed by what cleaning removed."""
    view = brief if isinstance(brief, BriefView) else build_view(brief)
    text = _render("brief.md", view).rstrip() + "\n"
    return text + "\n" + explain_markdown(view) if explain else text


def explain_markdown(brief: Brief | BriefView) -> str:
    """What cleaning removed, per article, by rule."""
    view = brief if isinstance(brief, BriefView) else build_view(brief)
    return _render("explain.md", view).rstrip("\n") + "\n"


def to_html(brief: Brief | BriefView) -> str:
    """A self-contained page; every piece of text from the articles is escaped."""
    view = brief if isinstance(brief, BriefView) else build_view(brief)
    return _render("brief.html", view)
