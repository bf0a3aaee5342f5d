"""The county's view: the indicator table (JSON, CSV, .xlsx), the required-parts check, shared themes and the
county's summary draft (JSON, Markdown, .docx)."""

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from qa.api.deps import ServicesDep, SettingsDep, StoreDep
from qa.api.schemas import error_responses
from qa.county import in_scope
from qa.county.export import records, to_csv, to_xlsx
from qa.county.indicators import county_table, load_indicators
from qa.county.required import check_reports, load_parts
from qa.county.summary import build_summary, to_docx, to_markdown
from qa.county.summary import records as summary_records
from qa.county.themes import Kind, themes
from qa.store.registry import ReportRow

router = APIRouter(tags=["county"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/api/table", responses={**error_responses(400), 200: {"content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}})
def indicator_table(store: StoreDep, settings: SettingsDep, county: str | None = None, year: int | None = Query(None, ge=1990, le=2100),
                    township: str | None = None,
                    format: Literal["json", "csv", "xlsx"] = "json") -> object:  # noqa: A002 -- the query's name
    """Every report in scope with the figures a county compares (indicators from qa/data/indicators.toml or
    QA_INDICATORS), each with the sentence it comes from; null (未找到 in CSV/.xlsx) where a report states none."""
    table = county_table(store.registry, indicators=load_indicators(settings.indicators), county=county, year=year,
                         township=township)
    if format == "csv":
        return Response(to_csv(table), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename*=UTF-8''%E6%8C%87%E6%A0%87%E8%A1%A8.csv"})
    if format == "xlsx":
        return Response(to_xlsx(table), media_type=XLSX,
                        headers={"Content-Disposition": "attachment; filename*=UTF-8''%E6%8C%87%E6%A0%87%E8%A1%A8.xlsx"})
    return records(table)


@router.get("/api/summary", responses={**error_responses(400, 404), 200: {"content": {
                "text/markdown": {"schema": {"type": "string"}},
                DOCX: {"schema": {"type": "string", "format": "binary"}}}}})
def summary_draft(services: ServicesDep, settings: SettingsDep, county: str | None = None,
                  year: int | None = Query(None, ge=1990, le=2100),
                  format: Literal["json", "md", "docx"] = "json") -> object:  # noqa: A002 -- the query's name
    """A draft of the county's summary of the reports in scope: sections following the required parts, the shared
    themes and key figures in each, every statement with bracketed source numbers resolved in 「出处」."""
    draft = build_summary(services.store.registry, services.embedder, county=county, year=year,
                          indicators=load_indicators(settings.indicators))
    if format == "docx":
        return Response(to_docx(draft), media_type=DOCX, headers={
            "Content-Disposition": "attachment; filename*=UTF-8''%E6%B1%87%E6%80%BB%E8%8D%89%E7%A8%BF.docx"})
    if format == "md":
        return Response(to_markdown(draft), media_type="text/markdown; charset=utf-8")
    return summary_records(draft)


@router.get("/api/required", responses=error_responses(400))
def required_parts(store: StoreDep, county: str | None = None,
                   year: int | None = Query(None, ge=1990, le=2100)) -> dict[str, object]:
    """Each report in scope checked for the parts an annual report must contain (《法治政府建设与责任落实督察工作
    规定》): each part present with the heading or sentences that cover it, or missing."""
    return {"parts": [{"id": p.id, "name": p.name, "rule": p.rule} for p in load_parts()],
            "reports": [{**_report(r.report), "body": r.report.meta.body, "county": r.report.meta.county,
                         "missing": list(r.missing),
                         "parts": [{"part": c.part, "name": c.name, "present": c.present, "by": c.by,
                                    "quotes": [q.__dict__ for q in c.quotes]} for c in r.parts]}
                        for r in check_reports(store.registry, county=county, year=year)]}


@router.get("/api/themes", responses=error_responses(400))
def shared_themes(services: ServicesDep, kind: Kind = "problems", county: str | None = None,
                  year: int | None = Query(None, ge=1990, le=2100)) -> dict[str, object]:
    """What the reports in scope say about their problems (or next year's plans, or their measures), grouped by
    meaning into themes: each with a short label, the townships that raise it and every sentence, cited."""
    registry = services.store.registry
    rows = in_scope(registry, county=county, year=year)
    found = themes(rows, registry.report_texts([r.id for r in rows]), services.embedder, kind)
    return {"kind": kind, "reports": len(rows),
            "themes": [{"label": t.label, "townships": list(t.townships),
                        "items": [{**_report(i.report), "text": i.text, "start": i.start, "end": i.end,
                                   "section": i.section} for i in t.items]} for t in found]}


def _report(r: ReportRow) -> dict[str, object]:
    """How the county view names a report: its id, display name, file, township and year."""
    return {"report_id": r.id, "name": r.name, "file": r.file, "township": r.meta.township, "year": r.meta.year}
