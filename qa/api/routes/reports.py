"""Ingested reports: list, read, upload (admin), delete (admin)."""

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse

from qa.api.auth import require_admin
from qa.api.deps import ServicesDep, StoreDep
from qa.api.schemas import MetaCorrection, PassageOut, ReportOut, UploadOut, error_responses
from qa.errors import BadQuestionError, NotFoundError
from qa.ingest.locate import locate
from qa.ingest.uploads import display_name, ingest_uploads
from qa.store import ReportRow, Store, missing_fields

router = APIRouter(tags=["reports"])


@router.get("/api/reports", response_model=list[ReportOut])
def list_reports(store: StoreDep) -> list[dict[str, object]]:
    """Every ingested report with its township, year and chunk count."""
    return [_report_out(r) for r in store.reports()]


def _report_out(r: ReportRow) -> dict[str, object]:
    m = r.meta
    return {"id": r.id, "file": r.file, "township": m.township, "county": m.county, "year": m.year, "title": m.title,
            "body": m.body, "level": m.level, "city": m.city, "province": m.province, "sources": dict(m.sources),
            "missing": list(missing_fields(m)), "chars": r.chars, "chunk_count": r.chunk_count,
            "ingested_at": r.ingested_at}


@router.patch("/api/reports/{report_id}", response_model=ReportOut, dependencies=[Depends(require_admin)],
              responses=error_responses(400, 403, 404, 503))
def correct_report(services: ServicesDep, report_id: str, correction: MetaCorrection) -> dict[str, object]:
    """Correct a report's metadata (admin): filters and tables use it from the next question on, and a re-ingest of
    the same file keeps it. A field left out keeps its value; null clears it."""
    with services.write_lock:
        return _report_out(services.store.correct_meta(report_id, correction.model_dump(exclude_unset=True)))


@router.get("/api/reports/{report_id}/text", response_model=PassageOut, responses=error_responses(400, 404))
def report_text(store: StoreDep, report_id: str, start: int = Query(0, ge=0), end: int | None = Query(None, ge=0),
                context: int = Query(200, ge=0, le=5000)) -> dict[str, object]:
    """A passage of the report's cleaned text (the offsets citations use), with context either side."""
    registry = store.registry
    row = registry.report(report_id)
    text = registry.report_text(report_id, own_characters=True)
    end = len(text) if end is None else min(end, len(text))
    if start > end:
        raise BadQuestionError(f"start ({start}) is after end ({end})")
    source = _source_file(store, report_id)
    place = locate(source, text[start:end]) if source else None
    return {"report_id": report_id, "township": row.meta.township, "year": row.meta.year, "start": start,
            "end": end, "text": text[start:end], "before": text[max(0, start - context):start],
            "after": text[end:end + context], "file_name": display_name(source or Path(row.file)),
            "page": place.page if place else None, "paragraph": place.paragraph if place else None,
            "download": f"/api/reports/{report_id}/file" if source else None}


@router.get("/api/reports/{report_id}/file", response_class=FileResponse, responses=error_responses(404))
def report_file(store: StoreDep, report_id: str) -> FileResponse:
    """The original file a report was read from (a PDF opens in the browser; #page=N goes to a page)."""
    store.registry.report(report_id)  # 404 for an unknown report
    source = _source_file(store, report_id)
    if source is None:
        raise NotFoundError(f"the file of report {report_id!r} is no longer on the server")
    return FileResponse(source, filename=display_name(source), content_disposition_type="inline",
                        media_type=_MEDIA.get(source.suffix.lower(), "application/octet-stream"))


_MEDIA = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8", ".md": "text/plain; charset=utf-8",
          ".html": "text/plain; charset=utf-8", ".htm": "text/plain; charset=utf-8",  # a saved page is shown as
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}  # text, never run


def _source_file(store: Store, report_id: str) -> Path | None:
    """The first file of the report still on disk (an upload's saved copy, or the path it was ingested from)."""
    for path in store.registry.file_paths(report_id):
        if Path(path).is_file():
            return Path(path)
    return None


@router.post("/api/reports", response_model=UploadOut, dependencies=[Depends(require_admin)],
             responses=error_responses(400, 403, 413, 503))
def upload_reports(services: ServicesDep, files: Annotated[list[UploadFile], File()]) -> dict[str, object]:
    """Upload and ingest report files at once; the answer says per file what was added, updated or why it failed."""
    state, settings = services, services.settings
    if len(files) > settings.upload_max_files:
        raise HTTPException(413, f"{len(files)} files; at most {settings.upload_max_files} per upload")
    limit = int(settings.max_file_mb * 2**20)
    contents = []
    for f in files:
        data = f.file.read(limit + 1)  # no more than one byte past the limit: such a file is refused anyway
        contents.append((f.filename or "unnamed", data, f.size if f.size is not None else len(data)))
    with state.write_lock:
        results = ingest_uploads(contents, folder=settings.data_dir / "uploads", max_file_mb=settings.max_file_mb,
                                 store=state.store, embedder=state.embedder, max_chars=settings.chunk_max_chars,
                                 limits=settings.ingest_limits)
    rows = [{"file": r.path, "status": r.status, "report_id": r.report_id, "township": r.township, "year": r.year,
             "chunks": r.chunks, "reason": r.reason, "fix": r.fix,
              "reason_zh": r.reason_zh, "fix_zh": r.fix_zh} for r in results]
    return {**{k: sum(r.status == k for r in results) for k in ("added", "updated", "unchanged", "failed")},
            "files": rows}


@router.delete("/api/reports/{report_id}", response_model=ReportOut, dependencies=[Depends(require_admin)],
               responses=error_responses(403, 404, 503))
def remove_report(services: ServicesDep, report_id: str) -> dict[str, object]:
    """Delete a report with its chunks, vectors, keyword entries and facts, and the bytes of its uploaded files."""
    uploads = (services.settings.data_dir / "uploads").resolve()
    with services.write_lock:
        files = services.store.registry.file_paths(report_id)
        row = services.store.delete_report(report_id)
        for path in map(Path, files):  # only what the API saved: files `qa ingest` read stay where their owner keeps them
            if path.parent == uploads:
                path.unlink(missing_ok=True)
        return _report_out(row)
