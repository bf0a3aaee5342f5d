"""The county's view: the indicator table of every report in scope (JSON, CSV, .xlsx)."""

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from qa.api.deps import SettingsDep, StoreDep
from qa.api.schemas import error_responses
from qa.county.export import records, to_csv, to_xlsx
from qa.county.indicators import county_table, load_indicators

router = APIRouter(tags=["county"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/api/table", responses={**error_responses(400), 200: {"content": {"text/csv": {}, XLSX: {}}}})
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
