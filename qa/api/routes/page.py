"""The chat page (GET /) and the same page for an iframe (GET /embed); static files, no build step, no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from qa.api.deps import SettingsDep

router = APIRouter(tags=["page"], include_in_schema=False)
STATIC = Path(__file__).resolve().parents[1] / "static"


@router.get("/")
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", headers={"X-Frame-Options": "DENY"})


@router.get("/embed")
def embed(settings: SettingsDep) -> FileResponse:
    """The page for an intranet portal's iframe: only the origins in QA_CORS_ORIGINS may frame it."""
    origins = " ".join(settings.cors_origin_list)
    return FileResponse(STATIC / "index.html",
                        headers={"Content-Security-Policy": f"frame-ancestors 'self' {origins}".strip()})
