"""A draft of the county's own summary of its townships' reports, every sentence with its sources.

Its sections follow the parts an annual report must contain (qa/data/required.toml): what the townships did (the
shared themes of their measures, then the key figures of the indicator table), the shortcomings they share, how
their principal leaders fulfilled their duty, and next year's plans; then which reports lack a required part.
Each statement about the reports carries bracketed source numbers ([3][7]) that the 「出处」 list at the end
resolves to township, year, file, section and the sentence itself, so an official can check or cut any line.

Nothing here is written by a model: themes (qa.county.themes) and figures (qa.county.indicators) are put into
fixed sentences. A total is given only where every figure has the same unit and the indicator is a count or an
amount, and it says it is qa's sum of the figures cited, not a figure any report states.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.county import in_scope
from qa.county.indicators import Indicator, Table, county_table, load_indicators
from qa.county.required import ReportParts, check_rows, load_parts
from qa.county.themes import Item, Kind, Theme, themes
from qa.errors import NotFoundError
from qa.retrieval.embed import Embedder
from qa.store import ReportRow
from qa.store.registry import Registry

NUMERALS = "一二三四五六七八九十"
QUOTE_CHARS = 60  # a quote in the body is cut here (the 「出处」 list has the whole sentence)
MAX_THEMES = 8  # per section: the themes most townships share
MAX_QUOTES = 4  # per theme: one sentence from each of at most this many townships


@dataclass(frozen=True)
class Source(Item):
    """A passage of a report the draft cites, and its number in 「出处」."""

    n: int


@dataclass(frozen=True)
class Sentence:
    """A statement, its source numbers, and the punctuation that follows them (「…」[3]；)."""

    text: str
    cites: tuple[int, ...] = ()
    end: str = ""

    def render(self) -> str:
        return self.text + "".join(f"[{n}]" for n in self.cites) + self.end


@dataclass
class Block:
    heading: str
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    level: int = 1  # 1: 「二、主要举措和成效」, 2: 「（一）主要做法」


@dataclass
class Summary:
    title: str
    blocks: list[Block]
    sources: list[Source]
    reports: int

    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for p in b.paragraphs for s in p]


class _Sources:
    """Numbers sources in the order the draft first cites them; a sentence cited twice keeps its number."""

    def __init__(self) -> None:
        self.items: list[Source] = []
        self._seen: dict[tuple[str, int, int], int] = {}

    def cite(self, report: ReportRow, text: str, start: int, end: int, section: str) -> int:
        key = (report.id, start, end)
        if key not in self._seen:
            self._seen[key] = len(self.items) + 1
            self.items.append(Source(report, text, start, end, section, n=len(self.items) + 1))
        return self._seen[key]


def _quote(text: str) -> str:
    text = text.strip().rstrip("。；;，,")
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def _names(names: Sequence[str]) -> str:
    return "、".join(names)


def _theme_paragraphs(found: Sequence[Theme], sources: _Sources, total: int, verb: str) -> list[list[Sentence]]:
    out = []
    for t in found[:MAX_THEMES]:
        firsts: dict[str, Item] = {}
        for i in t.items:
            firsts.setdefault(i.report.name, i)
        shown = list(firsts.items())[:MAX_QUOTES]
        cites = [sources.cite(i.report, i.text, i.start, i.end, i.section) for _, i in shown]
        lead = Sentence(f"{t.label}：{len(t.townships)}个（共{total}个）{verb}（{_names(list(firsts))}）。")
        quotes = [Sentence(f"{who}：「{_quote(i.text)}」", (n,)) for (who, i), n in zip(shown, cites, strict=True)]
        more = len(firsts) - len(shown)
        tail = [Sentence(f"另有{more}个乡镇（街道）所述相近。")] if more else []
        out.append([lead, *[Sentence(q.text, q.cites, "；" if k < len(quotes) - 1 else "。")
                            for k, q in enumerate(quotes)], *tail])
    if len(found) > MAX_THEMES:
        rest = sum(len(t.items) for t in found[MAX_THEMES:])
        out.append([Sentence(f"其余{len(found) - MAX_THEMES}个主题（{rest}句）各见于少数报告，见各报告原文。")])
    return out


def _figure(value: float) -> str:
    return f"{int(value)}" if value == int(value) else f"{value:g}"


def _figure_paragraphs(table: Table, sources: _Sources) -> list[list[Sentence]]:
    out = []
    years = len({r.report.meta.year for r in table.rows}) > 1  # several years: each figure says its year
    # a township's figures of two years are never added up (nor, then, anyone's)
    repeated = len({r.report.name for r in table.rows}) < len(table.rows)
    for ind in table.indicators:
        stated = [(r, r.cells[ind.id]) for r in table.rows if ind.id in r.cells]
        if not stated:
            continue
        stated.sort(key=lambda rc: -rc[1].value)
        parts = [Sentence(f"{r.report.name}{'（' + _year(r.report) + '）' if years else ''}{c.figure}",
                          (sources.cite(r.report, c.sentence, c.start, c.end, c.section),)) for r, c in stated]
        units = {c.unit for _, c in stated}
        total = ""
        if ind.kind in ("count", "amount") and len(units) == 1 and len(stated) > 1 and not repeated:
            total = f"，各报告所写数字合计{_figure(sum(c.value for _, c in stated))}{units.pop()}"
        lead = Sentence(f"{ind.name}：{len(stated)}份报告写明（共{len(table.rows)}份）{total}。其中")
        body = [Sentence(p.text, p.cites, "、" if k < len(parts) - 1 else "。") for k, p in enumerate(parts)]
        out.append([lead, *body])
    return out


def _duty_paragraphs(checked: Sequence[ReportParts], sources: _Sources) -> list[list[Sentence]]:
    out, missing = [], []
    for r in checked:
        check = next(c for c in r.parts if c.part == "leaders_duty")
        if not check.present or not check.quotes:
            missing.append(r.report.name)
            continue
        q = check.quotes[0]
        n = sources.cite(r.report, q.text, q.start, q.end, q.section)
        said = "设专节" if check.by == "heading" else "写到"
        out.append([Sentence(f"{r.report.name}{said}：「{_quote(q.text)}」", (n,), "。")])
    if missing:
        out.append([Sentence(f"{_names(missing)}的报告未写主要负责人履行第一责任人职责的情况。")])
    return out


def _missing_paragraphs(checked: Sequence[ReportParts]) -> list[list[Sentence]]:
    names = {p.id: p.name for p in load_parts()}
    lacking = [r for r in checked if r.missing]
    if not lacking:
        return [[Sentence(f"{len(checked)}份报告均包含督察工作规定要求的各部分内容。")]]
    return [[Sentence(f"{r.report.name}（{_year(r.report)}）的报告缺少："
                      f"{'、'.join(names[m] for m in r.missing)}。")] for r in lacking]


def _year(report: ReportRow) -> str:
    return f"{report.meta.year}年" if report.meta.year else "年份未识别"


def _scope(rows: Sequence[ReportRow], county: str | None, year: int | None) -> tuple[str, str]:
    counties = {r.meta.county for r in rows if r.meta.county}
    years = {r.meta.year for r in rows if r.meta.year}
    where = county or (counties.pop() if len(counties) == 1 else "")
    when = year or (years.pop() if len(years) == 1 else None)
    return where, f"{when}年度" if when else ""


def build_summary(registry: Registry, embedder: Embedder, *, county: str | None = None, year: int | None = None,
                  indicators: Sequence[Indicator] | None = None) -> Summary:
    """The draft for the reports in scope (by county and year); NotFoundError when there are none."""
    rows = in_scope(registry, county=county, year=year)
    if not rows:
        raise NotFoundError("no reports in scope for a summary" + (f" (county={county})" if county else "")
                            + (f" (year={year})" if year else ""))
    texts = registry.report_texts([r.id for r in rows])
    table = county_table(registry, indicators=load_indicators() if indicators is None else indicators,
                         county=county, year=year, texts=texts)
    checked = check_rows(rows, texts)
    sources = _Sources()
    where, when = _scope(rows, county, year)
    names = [r.name for r in rows]

    def themed(kind: Kind, verb: str) -> list[list[Sentence]]:
        found = themes(rows, texts, embedder, kind)
        return _theme_paragraphs(found, sources, len(set(names)), verb) or [[Sentence("各报告均未写这部分内容。")]]

    blocks = [Block("一、基本情况", [[Sentence(f"本稿汇总{len(rows)}份乡镇（街道）{when}法治政府建设情况报告："
                                            f"{_names(names)}。"),
                                   Sentence("各句后方括号内为出处编号，对应文末“出处”所列的报告原文；"
                                            "本稿由系统从各报告中摘取生成，引用前请核对原文。")]])]
    blocks.append(Block("二、主要举措和成效"))
    blocks.append(Block("（一）主要做法", themed("measures", "乡镇（街道）写到"), level=2))
    blocks.append(Block("（二）主要数据", _figure_paragraphs(table, sources)
                        or [[Sentence("各报告均未写明可比的数字。")]], level=2))
    blocks.append(Block("三、存在的不足和原因", themed("problems", "乡镇（街道）提到")))
    blocks.append(Block("四、党政主要负责人履行推进法治建设第一责任人职责情况", _duty_paragraphs(checked, sources)))
    blocks.append(Block("五、下一年度主要安排", themed("plans", "乡镇（街道）计划")))
    blocks.append(Block("附：报告必备内容核对", _missing_paragraphs(checked)))
    title = f"{where}{when}乡镇（街道）法治政府建设情况汇总（草稿）"
    return Summary(title, blocks, sources.items, len(rows))


def source_line(s: Source) -> str:
    year = f"{s.report.meta.year}年" if s.report.meta.year else "年份未识别"
    section = f"，{s.section}" if s.section else ""
    return f"[{s.n}] {s.report.name}（{year}，{s.report.file}{section}）：{s.text.strip()}"


def to_markdown(summary: Summary) -> str:
    lines = [f"# {summary.title}", ""]
    for b in summary.blocks:
        lines += [f"{'#' * (b.level + 1)} {b.heading}", ""]
        lines += ["".join(s.render() for s in p) + "\n" for p in b.paragraphs]
    lines += ["## 出处", ""] + [source_line(s) + "  " for s in summary.sources]
    return "\n".join(lines) + "\n"


def records(summary: Summary) -> dict[str, object]:
    return {"title": summary.title, "reports": summary.reports,
            "sections": [{"heading": b.heading, "level": b.level, "paragraphs": [[{"text": s.text, "cites": list(s.cites)} for s in p]
                                                               for p in b.paragraphs]} for b in summary.blocks],
            "sources": [{"n": s.n, "report_id": s.report.id, "township": s.report.meta.township,
                         "year": s.report.meta.year, "file": s.report.file, "section": s.section, "text": s.text,
                         "start": s.start, "end": s.end} for s in summary.sources]}


FONT = "宋体"  # what county offices write in; LibreOffice and WPS fall back to a CJK font they have


def to_docx(summary: Summary) -> bytes:
    """The draft as a Word document: headings, paragraphs with bracketed sources, and the 「出处」 list."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    for style in ("Normal", "Title", "Heading 1", "Heading 2"):
        st = doc.styles[style]
        st.font.name = FONT
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(12)
    head = doc.add_heading(summary.title, level=0)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for b in summary.blocks:
        doc.add_heading(b.heading, level=b.level)
        for p in b.paragraphs:
            para = doc.add_paragraph()
            for s in p:
                para.add_run(s.text)
                if s.cites:
                    run = para.add_run("".join(f"[{n}]" for n in s.cites))
                    run.font.superscript = True
                if s.end:
                    para.add_run(s.end)
    doc.add_heading("出处", level=1)
    for source in summary.sources:
        para = doc.add_paragraph(source_line(source))
        para.paragraph_format.space_after = Pt(2)
        for run in para.runs:
            run.font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
