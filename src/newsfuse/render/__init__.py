"""Render a Brief as JSON, Markdown or a self-contained HTML page.

Sections a stage left empty (no copies found, no analysis run) are left out of Markdown and
HTML; JSON always has every key, so that consumers can rely on its shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
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
                "confidence": q.confidence,
                "text": q.text,
                "variants": [{"text": v.text, "citations": list(v.citations)} for v in q.variants],
                "citations": list(q.citations),
            }
            for q in brief.quotes
        ],
        "discrepancies": [
            {
                "about": d.about,
                "values": [
                    {"value": v.value, "text": v.text, "citations": list(v.citations)}
                    for v in d.values
                ],
            }
            for d in brief.discrepancies
        ],
        "timeline": [
            {"date": t.date, "text": t.text, "citations": list(t.citations), "kind": t.kind}
            for t in brief.timeline
        ],
        "exclusives": {
            a.id: [{"text": e.text} for e in brief.exclusives if e.article_id == a.id]
            for a in brief.articles
            if any(e.article_id == a.id for e in brief.exclusives)
        },
        "entities": [
            {"name": e.name, "type": e.type, "mentions": dict(e.mentions)} for e in brief.entities
        ],
        "removed": {
            a.id: [{"rule": r.rule, "text": r.text} for r in a.removed] for a in brief.articles
        },
    }


def to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(to_dict(brief), indent=indent, ensure_ascii=False)


# --- Markdown ---------------------------------------------------------------------------


def _md(text: object) -> str:
    """Text from an article, made inert in Markdown table cells and list items."""
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def to_markdown(brief: Brief, explain: bool = False) -> str:
    labels = citation_labels([a.id for a in brief.articles])

    def cite(ids: Iterable[str]) -> str:
        return "[" + ", ".join(labels.get(i, i) for i in ids) + "]"

    lines = [f"# {_md(brief.title or 'Story brief')}", ""]
    independent = len(brief.articles) - sum(len(g.members) - 1 for g in brief.copies)
    lines.append(f"*{len(brief.articles)} sources, {independent} independent*")
    lines += ["", "## Summary", ""]
    for item in brief.summary:
        lines.append(f"- {_md(item.text)} {cite(item.citations)}")
    if not brief.summary:
        lines.append("_No sentence could be extracted._")
    if brief.copies:
        lines += ["", "## Copied text", ""]
        for g in brief.copies:
            origin = f" from {_md(g.origin)}" if g.origin else ""
            lines.append(
                f"- One source: {g.shared_sentences} shared sentences{origin} {cite(g.members)}"
            )
    if brief.quotes:
        lines += ["", "## Quotes", ""]
        for q in brief.quotes:
            lines.append(
                f"- **{_md(q.speaker or 'Unattributed')}**: “{_md(q.text)}” {cite(q.citations)}"
            )
            for v in q.variants[1:]:
                lines.append(f"  - also worded: “{_md(v.text)}” {cite(v.citations)}")
    if brief.discrepancies:
        lines += ["", "## Where sources differ", ""]
        for d in brief.discrepancies:
            values = "; ".join(f"{_md(v.value)} {cite(v.citations)}" for v in d.values)
            lines.append(f"- {_md(d.about)}: {values}")
    if brief.timeline:
        lines += ["", "## Timeline", ""]
        for t in brief.timeline:
            kind = "" if t.kind == "event" else f" _({t.kind})_"
            lines.append(f"- **{t.date}**{kind} {_md(t.text)} {cite(t.citations)}")
    if brief.exclusives:
        lines += ["", "## Reported by one source only", ""]
        for e in brief.exclusives:
            lines.append(f"- {_md(e.text)} {cite([e.article_id])}")
    if brief.entities:
        lines += ["", "## Who and what", ""]
        for ent in brief.entities:
            total = sum(n for _, n in ent.mentions)
            # Cited like every other line: the articles that name it.
            lines.append(
                f"- {_md(ent.name)} ({ent.type}): {total} mentions "
                f"{cite(a for a, _ in ent.mentions)}"
            )
    lines += ["", "## Sources", "", "| id | outlet | title | published | words |"]
    lines.append("|---|---|---|---|---|")
    for a in brief.articles:
        date = a.published.date().isoformat() if a.published else ""
        cells = [labels[a.id], a.outlet or "", a.title or "", date, a.words]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
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
        lines.extend(f"- `{r.rule}`: {_md(r.text)}" for r in a.removed)
        lines.append("")
    return "\n".join(lines)


# --- HTML -------------------------------------------------------------------------------

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25}
.cite{font-size:.8em;color:#555;white-space:nowrap}
.cite a{color:#0a58ca;text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:.9em}
td,th{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.values{display:flex;flex-wrap:wrap;gap:.5rem}
.values div{border:1px solid #ddd;padding:.4rem;flex:1}
details{margin:.3rem 0}.rule{font-family:monospace;color:#8a3b00}
"""


def to_html(brief: Brief) -> str:
    """A self-contained page; every piece of text from the articles is escaped."""
    labels = citation_labels([a.id for a in brief.articles])

    def cite(ids: Iterable[str]) -> str:
        links = ", ".join(
            f'<a href="#src-{escape(i, quote=True)}">{escape(labels.get(i, i))}</a>' for i in ids
        )
        return f'<span class="cite">[{links}]</span>'

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
    out += [f"<li>{escape(i.text)} {cite(i.citations)}</li>" for i in brief.summary]
    out.append("</ul>")
    if brief.copies:
        out += ["<h2>Copied text</h2>", "<ul>"]
        for g in brief.copies:
            origin = f" from {escape(g.origin)}" if g.origin else ""
            evidence = "".join(f"<li>{escape(s)}</li>" for s in g.evidence)
            out.append(
                f"<li>{cite(g.members)} share {g.shared_sentences} sentences{origin}"
                f"<details><summary>shared text</summary><ul>{evidence}</ul></details></li>"
            )
        out.append("</ul>")
    if brief.quotes:
        out.append("<h2>Quotes</h2>")
        speakers: dict[str, list[str]] = {}
        for q in brief.quotes:
            variants = "".join(
                f"<li>“{escape(v.text)}” {cite(v.citations)}</li>" for v in q.variants[1:]
            )
            speakers.setdefault(q.speaker or "Unattributed", []).append(
                f"<li>“{escape(q.text)}” {cite(q.citations)}"
                + (f"<ul>{variants}</ul>" if variants else "")
                + "</li>"
            )
        for speaker, items in speakers.items():
            out += [f"<h3>{escape(speaker)}</h3>", "<ul>", *items, "</ul>"]
    if brief.discrepancies:
        out.append("<h2>Where sources differ</h2>")
        for d in brief.discrepancies:
            cells = "".join(
                f"<div><strong>{escape(v.value)}</strong> {cite(v.citations)}"
                f"<p>{escape(v.text)}</p></div>"
                for v in d.values
            )
            out += [f"<h3>{escape(d.about)}</h3>", f'<div class="values">{cells}</div>']
    if brief.timeline:
        out += ["<h2>Timeline</h2>", "<ol>"]
        out += [
            f"<li><time>{escape(t.date)}</time> <em>{escape(t.kind)}</em> "
            f"{escape(t.text)} {cite(t.citations)}</li>"
            for t in brief.timeline
        ]
        out.append("</ol>")
    if brief.exclusives:
        out += ["<h2>Reported by one source only</h2>", "<ul>"]
        out += [f"<li>{escape(e.text)} {cite([e.article_id])}</li>" for e in brief.exclusives]
        out.append("</ul>")
    if brief.entities:
        out += ["<h2>Who and what</h2>", "<ul>"]
        out += [
            f"<li>{escape(e.name)} <em>{escape(e.type)}</em>: "
            f"{sum(n for _, n in e.mentions)} mentions</li>"
            for e in brief.entities
        ]
        out.append("</ul>")
    out += ["<h2>Sources</h2>", "<table>"]
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
        out.append(
            f"<details><summary>{escape(labels[a.id])}: {len(a.removed)} removals</summary><ul>"
        )
        out += [
            f'<li><span class="rule">{escape(r.rule)}</span> {escape(r.text)}</li>'
            for r in a.removed
        ]
        out.append("</ul></details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
