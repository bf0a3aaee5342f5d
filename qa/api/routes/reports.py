"""Ingested reports and their text."""

from pathlib import Path

from fastapi import APIRouter, Query, Request

from qa.api.schemas import PassageOut, ReportOut
from qa.errors import BadQuestionError

router = APIRouter(tags=["reports"])


@router.get("/api/reports", response_model=list[ReportOut])
def list_reports(request: Request) -> list[dict[str, object]]:
    """Every ingested report with its township, year and chunk count."""
    return [{"id": r.id, "file": Path(r.path).name, "township": r.meta.township, "county": r.meta.county,
             "year": r.meta.year, "title": r.meta.title, "chars": r.chars, "chunk_count": r.chunk_count,
             "ingested_at": r.ingested_at} for r in request.app.state.store.reports()]


@router.get("/api/reports/{report_id}/text", response_model=PassageOut)
def report_text(request: Request, report_id: str, start: int = Query(0, ge=0), end: int | None = Query(None, ge=0),
                context: int = Query(200, ge=0, le=5000)) -> dict[str, object]:
    """A passage of the report's cleaned text (the offsets citations use), with context either side."""
    registry = request.app.state.store.registry
    row = registry.report(report_id)
    text = registry.report_text(report_id)
    end = len(text) if end is None else min(end, len(text))
    if start > end:
        raise BadQuestionError(f"start ({start}) is after end ({end})")
    return {"report_id": report_id, "township": row.meta.township, "year": row.meta.year, "start": start,
            "end": end, "text": text[start:end], "before": text[max(0, start - context):start],
            "after": text[end:end + context]}
