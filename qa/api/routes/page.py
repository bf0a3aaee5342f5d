"""The chat page (GET /) and the same page for an iframe (GET /embed); static files, no build step, no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from qa.api.deps import SettingsDep

router = APIRouter(tags=["page"], include_in_schema=False)
STATIC = Path(__file__).resolve().parents[1] / "static"


@router.get("/")
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", headers={"X-Frame-Options": "DENY"})


@router.get("/guide")
def guide() -> HTMLResponse:
    """The officials' guide (qa/data/guide.md, also docs/officials-guide.md) as a page."""
    from markdown_it import MarkdownIt  # rich's Markdown parser, already installed

    body = MarkdownIt().render((Path(__file__).resolve().parents[2] / "data" / "guide.md").read_text(encoding="utf-8"))
    return HTMLResponse(f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
                        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>使用说明</title>"
                        f"<link rel='stylesheet' href='/static/chat.css'></head><body class='guide'><main>{body}"
                        f"<p><a href='/'>返回问答</a></p></main></body></html>")


@router.get("/embed")
def embed(settings: SettingsDep) -> FileResponse:
    """The page for an intranet portal's iframe: only the origins in QA_CORS_ORIGINS may frame it."""
    origins = " ".join(settings.cors_origin_list)
    return FileResponse(STATIC / "index.html",
                        headers={"Content-Security-Policy": f"frame-ancestors 'self' {origins}".strip()})
