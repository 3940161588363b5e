"""Render a Brief as JSON, Markdown or a self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from newsfuse.model import Article, Brief

__all__ = ["citation_labels", "explain_markdown", "to_dict", "to_html", "to_json", "to_markdown"]


def citation_labels(ids: Sequence[str]) -> dict[str, str]:
    """Short labels for citations: '000' for '000_813b193e1c298078' when that stays unique."""
    short = {i: i.split("_", 1)[0] for i in ids}
    if len(set(short.values())) == len(short) and all(short.values()):
        return short
    return {i: i for i in ids}


def _source(article: Article) -> dict[str, object]:
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "place": article.place,
        "words": article.words,
    }


def to_dict(brief: Brief) -> dict[str, object]:
    return {
        "title": brief.title,
        "sources": [_source(a) for a in brief.articles],
        "summary": [
            {"text": item.text, "citations": list(item.citations)} for item in brief.summary
        ],
        "removed": {
            a.id: [{"rule": r.rule, "text": r.text} for r in a.removed] for a in brief.articles
        },
    }


def to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(to_dict(brief), indent=indent, ensure_ascii=False)


def _md_cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def to_markdown(brief: Brief, explain: bool = False) -> str:
    labels = citation_labels([a.id for a in brief.articles])
    lines = [f"# {brief.title or 'Story brief'}", ""]
    lines.append(f"*{len(brief.articles)} sources*")
    lines += ["", "## Summary", ""]
    for item in brief.summary:
        cites = ", ".join(labels[c] for c in item.citations)
        lines.append(f"- {item.text} [{cites}]")
    if not brief.summary:
        lines.append("_No sentence could be extracted._")
    lines += ["", "## Sources", "", "| id | outlet | title | published | words |"]
    lines.append("|---|---|---|---|---|")
    for a in brief.articles:
        date = a.published.date().isoformat() if a.published else ""
        cells = [labels[a.id], a.outlet or "", a.title or "", date, a.words]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    text = "\n".join(lines).rstrip() + "\n"
    return text + "\n" + explain_markdown(brief) if explain else text


def explain_markdown(brief: Brief) -> str:
    """What cleaning removed, per article, by rule."""
    labels = citation_labels([a.id for a in brief.articles])
    lines = ["## What cleaning removed", ""]
    for a in brief.articles:
        lines += [f"### {labels[a.id]}", ""]
        if not a.removed:
            lines.append("_nothing_")
        lines.extend(f"- `{r.rule}`: {_md_cell(r.text)}" for r in a.removed)
        lines.append("")
    return "\n".join(lines)


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25}
.cite{font-size:.8em;color:#555;white-space:nowrap}
.cite a{color:#0a58ca;text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:.9em}
td,th{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
details{margin:.3rem 0}.rule{font-family:monospace;color:#8a3b00}
"""


def to_html(brief: Brief) -> str:
    """A self-contained page; every piece of text from the articles is escaped."""
    labels = citation_labels([a.id for a in brief.articles])
    title = escape(brief.title or "Story brief")
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{len(brief.articles)} sources</p>",
        "<h2>Summary</h2>",
        "<ul>",
    ]
    for item in brief.summary:
        cites = ", ".join(
            f'<a href="#src-{escape(c, quote=True)}">{escape(labels[c])}</a>'
            for c in item.citations
        )
        out.append(f'<li>{escape(item.text)} <span class="cite">[{cites}]</span></li>')
    out += ["</ul>", "<h2>Sources</h2>", "<table>"]
    out.append("<tr><th>id</th><th>outlet</th><th>title</th><th>published</th><th>words</th></tr>")
    for a in brief.articles:
        date = a.published.date().isoformat() if a.published else ""
        title_cell = escape(a.title or "")
        if a.url and a.url.startswith(("http://", "https://")):
            title_cell = f'<a href="{escape(a.url, quote=True)}" rel="noopener">{title_cell}</a>'
        out.append(
            f'<tr id="src-{escape(a.id, quote=True)}"><td>{escape(labels[a.id])}</td>'
            f"<td>{escape(a.outlet or '')}</td><td>{title_cell}</td>"
            f"<td>{escape(date)}</td><td>{a.words}</td></tr>"
        )
    out += ["</table>", "<h2>What cleaning removed</h2>"]
    for a in brief.articles:
        out.append(f"<details><summary>{escape(labels[a.id])}: {len(a.removed)} removals</summary><ul>")
        out.extend(
            f'<li><span class="rule">{escape(r.rule)}</span> {escape(r.text)}</li>'
            for r in a.removed
        )
        out.append("</ul></details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
