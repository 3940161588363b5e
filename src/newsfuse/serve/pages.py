"""The web pages: the story list with the upload, paste and feed forms, a story's page
with its downloads, and the forms that delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile as StarletteUpload

from newsfuse.model import Brief
from newsfuse.render import to_json, to_markdown
from newsfuse.serve.guard import MAX_JSON_BYTES
from newsfuse.serve.schemas import ArticleIn, IngestOut
from newsfuse.serve.service import MAX_UPLOAD_FILES, Service, run
from newsfuse.serve.view import build_page, sources_chart

__all__ = ["PAGE", "StoryId", "add_pages"]

PAGE = 20
# Story ids beyond a 64-bit integer are no story, not a database error.
StoryId = Annotated[int, PathParam(ge=1, le=2**63 - 1)]


def add_pages(app: FastAPI, service: Service, templates: Jinja2Templates) -> None:
    """Add the pages to `app`."""

    def back(**message: str | int) -> RedirectResponse:
        return RedirectResponse("/?" + urlencode(message), status_code=303)

    def report(result: IngestOut) -> RedirectResponse:
        problems = "; ".join(f"{p.name}: {p.reason}" for p in result.problems[:5])
        return back(added=len(result.added), duplicates=len(result.duplicates), problems=problems)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Any:
        total, stories = service.store.stories(PAGE, (page - 1) * PAGE)
        params = request.query_params
        return templates.TemplateResponse(
            request,
            "index.html",
            {
                "stories": stories,
                "total": total,
                "page": page,
                "pages": max(1, -(-total // PAGE)),
                "articles": service.store.count_articles(),
                "added": params.get("added"),
                "duplicates": params.get("duplicates"),
                "deleted": params.get("deleted"),
                "problems": params.get("problems"),
                "error": params.get("error"),
            },
        )

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> RedirectResponse:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
        files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.size]
        if not files:
            return back(error="choose one or more files")
        articles, problems = await service.read_uploads(files)
        if not articles:
            return back(
                error="no article could be read",
                problems="; ".join(f"{p.name}: {p.reason}" for p in problems[:5]),
            )
        return report(await run(service.ingest, articles, "upload", problems))

    @app.post("/paste", include_in_schema=False)
    async def paste(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=10, max_part_size=MAX_JSON_BYTES)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        text = fields.get("text", "").strip()
        if not text:
            return back(error="paste the article's text")
        try:
            item = ArticleIn(
                text=text,
                title=fields.get("title") or None,
                outlet=fields.get("outlet") or None,
                url=fields.get("url") or None,
                published=fields.get("published") or None,
            )
        except ValueError:
            return back(error="the pasted article is too long or a field is invalid")
        return report(await run(service.ingest, [item.to_article("paste")], "paste", []))

    @app.post("/feed", include_in_schema=False)
    async def feed(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=5)
        url = str(form.get("url") or "").strip()
        if not url or len(url) > 2000:
            return back(error="give a feed URL")
        try:
            articles, problems, final = await run(service.fetch_feed, url)
        except HTTPException as exc:
            return back(error=str(exc.detail))
        return report(await run(service.ingest, articles, final, problems))

    @app.post("/stories/{story_id}/delete", include_in_schema=False)
    def delete_story(story_id: StoryId) -> RedirectResponse:
        deleted = service.store.delete(story_id=story_id)
        return back(deleted=len(deleted)) if deleted else back(error=f"no story {story_id}")

    @app.post("/articles/delete", include_in_schema=False)
    async def delete_article(request: Request) -> RedirectResponse:
        form = await request.form(max_files=0, max_fields=5)
        article_id = str(form.get("id") or "")
        deleted = await run(service.store.delete, [article_id])
        return back(deleted=len(deleted)) if deleted else back(error="no such article")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: StoryId) -> Any:
        try:
            story, result = service.story_brief(story_id)
        except HTTPException as exc:
            found = service.store.story(story_id) if exc.status_code != 404 else None
            if found is None:
                raise
            # The story cannot be briefed: its articles, each with a way to delete it.
            return templates.TemplateResponse(
                request,
                "error.html",
                {"status": exc.status_code, "message": exc.detail, "articles": found[1]},
                status_code=exc.status_code,
            )
        return templates.TemplateResponse(
            request,
            "story.html",
            {"story": story, "view": build_page(result), "chart": sources_chart(result.articles)},
        )

    def download(
        story_id: int, render: Callable[[Brief], str], media: str, ext: str
    ) -> PlainTextResponse:
        _, result = service.story_brief(story_id)
        return PlainTextResponse(
            render(result),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="story-{story_id}.{ext}"'},
        )

    @app.get("/stories/{story_id}/brief.md", include_in_schema=False)
    def download_markdown(story_id: StoryId) -> PlainTextResponse:
        return download(story_id, to_markdown, "text/markdown; charset=utf-8", "md")

    @app.get("/stories/{story_id}/brief.json", include_in_schema=False)
    def download_json(story_id: StoryId) -> PlainTextResponse:
        return download(story_id, to_json, "application/json", "json")
