"""The indicator table as JSON records, CSV and .xlsx (Excel and WPS), every figure with its sentence.

"Not stated" is written 「未找到」 (qa found no such figure in the report), never 0 and never an empty cell that a
sum would read as 0; a figure in another unit than its column's (a count in a rate column) is written as the report
words it (16个), never as a bare number. The .xlsx holds the figures in its first sheet (numbers, but for those), each
cell commented with the sentence it comes from, and every citation in full in a second sheet.
"""

from __future__ import annotations

import csv
import io

from qa.county.indicators import Cell, Indicator, Row, Table

NOT_FOUND = "未找到"
_HEAD = ("县（市、区）", "乡镇（街道）", "年度")


def _who(row: Row) -> tuple[str, str, str]:
    m = row.report.meta
    return (m.county or "", row.report.name, f"{m.year}" if m.year else "")


def _value(cell: Cell) -> int | float:
    return int(cell.value) if cell.value == int(cell.value) else cell.value


def _in_column(indicator: Indicator, cell: Cell) -> int | float | str:
    """What the table's column holds for the cell: its number when in the unit the header names, else the figure as
    the report writes it. A rate column (村（社区）法律顾问（%）) may hold a count (16个村委会): as the number 16, a
    spreadsheet would read 16%, and sum or sort it with the rates."""
    return _value(cell) if indicator.kind != "rate" or cell.unit in ("%", "％") else cell.figure


def change(table: Table, row: Row, indicator: str) -> float | None:
    """The cell's change on the same township's report of the year before, when both state a figure."""
    before = table.previous(row)
    now, then = row.cells.get(indicator), before.cells.get(indicator) if before else None
    return now.value - then.value if now and then and now.unit == then.unit else None


def records(table: Table) -> dict[str, object]:
    """The table as JSON: its indicators, and per report every cell with its citation (null: not stated)."""
    return {
        "indicators": [{"id": i.id, "name": i.name, "kind": i.kind, "unit": i.unit} for i in table.indicators],
        "rows": [{"report_id": r.report.id, "file": r.report.file, "county": r.report.meta.county,
                  "township": r.report.meta.township, "body": r.report.meta.body, "year": r.report.meta.year,
                  "cells": {i.id: ({"value": c.value, "unit": c.unit, "figure": c.figure, "sentence": c.sentence,
                                    "start": c.start, "end": c.end, "section": c.section,
                                    "change": change(table, r, i.id)} if (c := r.cells.get(i.id)) else None)
                            for i in table.indicators}}
                 for r in table.rows]}


def to_csv(table: Table) -> str:
    """One row per report, one column per indicator (the figure as a number, or as worded when in another unit than
    the column's; 未找到 when not stated); a BOM so Excel opens it as UTF-8."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([*_HEAD, *(f"{i.name}（{i.unit}）" for i in table.indicators)])
    for r in table.rows:
        w.writerow([*_who(r), *(_in_column(i, c) if (c := r.cells.get(i.id)) else NOT_FOUND for i in table.indicators)])
    return "\ufeff" + out.getvalue()


def to_xlsx(table: Table) -> bytes:
    """Sheet 「指标表」: the figures (numbers, as in `to_csv`; a comment on each cell quotes its sentence); sheet 「出处」: every
    figure with the report's own wording, its sentence, section and file, and its change on the year before."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "指标表"
    sheet.append([*_HEAD, *(f"{i.name}（{i.unit}）" for i in table.indicators)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    grey = Font(color="5F6368")
    # the row's number counted here: openpyxl's max_row walks every cell (the ×1000 export took 328 s, not 30)
    for n, r in enumerate(table.rows, 2):
        sheet.append([*_who(r), *(_in_column(i, c) if (c := r.cells.get(i.id)) else NOT_FOUND
                                  for i in table.indicators)])
        for col, ind in enumerate(table.indicators, len(_HEAD) + 1):
            if c := r.cells.get(ind.id):
                sheet.cell(n, col).comment = Comment(f"{c.figure}：{c.sentence}", "qa", width=320, height=120)
            else:
                sheet.cell(n, col).font = grey
    sheet.freeze_panes = "D2"
    sheet.column_dimensions["B"].width = 24
    sources = book.create_sheet("出处")
    sources.append([*_HEAD, "指标", "数值", "单位", "报告中的表述", "原文句子", "章节", "较上年", "文件"])
    for cell in sources[1]:
        cell.font = Font(bold=True)
    for r in table.rows:
        for ind in table.indicators:
            if c := r.cells.get(ind.id):
                sources.append([*_who(r), ind.name, _value(c), c.unit, c.figure, c.sentence, c.section,
                                change(table, r, ind.id), r.report.file])
    sources.column_dimensions["H"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
