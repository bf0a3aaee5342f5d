"""The required-contents check: does each report cover the parts the rules require of an annual report?

The parts and how each is recognised are data (`qa/data/required.toml`: the rule's wording, heading and sentence
patterns). A part found is cited (its heading, or the sentences that cover it); a part not found is said to be
missing, for an official to confirm in the report.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.county import in_scope
from qa.errors import ConfigError
from qa.ingest.sections import parse_sections
from qa.sentences import sentence_spans
from qa.store import ReportRow
from qa.store.registry import Registry
from qa.types import Answer, Citation, ReportCheck, Section

REQUIRED_FILE = Path(__file__).resolve().parent.parent / "data" / "required.toml"
MAX_QUOTES = 3


@dataclass(frozen=True)
class Part:
    id: str
    name: str
    rule: str
    headings: tuple[re.Pattern[str], ...]
    sentences: tuple[re.Pattern[str], ...]
    min_sentences: int
    not_under: tuple[re.Pattern[str], ...]
    asked: re.Pattern[str] | None = None  # how a question names the part


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    section: str


@dataclass(frozen=True)
class PartCheck:
    part: str
    name: str
    present: bool
    by: str  # "heading", "sentences" or "" (missing)
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class ReportParts:
    report: ReportRow
    parts: tuple[PartCheck, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.part for p in self.parts if not p.present)


def load_parts(path: Path | None = None) -> tuple[Part, ...]:
    return _load(path or REQUIRED_FILE)


def _at_least_one(n: int, part: str) -> int:
    if n < 1:
        raise ValueError(f"part {part}: min_sentences must be at least 1 (a part found by no sentence is not found)")
    return n


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Part, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(Part(id=p["id"], name=p["name"], rule=p["rule"],
                          headings=tuple(re.compile(x) for x in p.get("headings", ())),
                          sentences=tuple(re.compile(x) for x in p.get("sentences", ())),
                          min_sentences=_at_least_one(int(p.get("min_sentences", 1)), p["id"]),
                          not_under=tuple(re.compile(x) for x in p.get("not_under", ())),
                          asked=re.compile(p["asked"]) if p.get("asked") else None)
                     for p in data["part"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, re.error) as e:
        raise ConfigError(f"{path}: cannot read the required parts ({type(e).__name__}: {e})") from e


def check_text(text: str, parts: Sequence[Part] | None = None) -> tuple[PartCheck, ...]:
    """Each part present (cited) or missing in one report's cleaned text."""
    sections = parse_sections(text)
    out = []
    for part in parts or load_parts():
        if under := headed(sections, part):
            title = _title(under[0], part) or ""
            at = text.find(title)
            start, end = (at, at + len(title)) if at >= 0 else (0, 0)
            out.append(PartCheck(part.id, part.name, True, "heading", (Quote(title, start, end, title),)))
            continue
        found = matching_sentences(text, sections, part)
        present = len(found) >= part.min_sentences
        out.append(PartCheck(part.id, part.name, present, "sentences" if present else "",
                             tuple(found[:MAX_QUOTES]) if present else ()))
    return tuple(out)


def _title(section: Section, part: Part) -> str | None:
    return next((t for t in section.path if any(p.search(t) for p in part.headings)), None)


def headed(sections: Sequence[Section], part: Part) -> list[Section]:
    """The sections under a heading that names the part (「二、存在的问题」 and everything below it)."""
    return [sec for sec in sections if _title(sec, part)]


def matching_sentences(text: str, sections: Sequence[Section], part: Part) -> list[Quote]:
    """The sentences that say the part in their own words, outside the sections it may not be under."""
    found = []
    for sec in sections:
        path = " > ".join(sec.path)
        if any(p.search(path) for p in part.not_under):
            continue
        for s, e in sentence_spans(text, sec.start, sec.end):
            if any(p.search(text[s:e]) for p in part.sentences):
                found.append(Quote(text[s:e], s, e, path))
    return found


def check_reports(registry: Registry, *, county: str | None = None, year: int | None = None,
                  parts: Sequence[Part] | None = None) -> list[ReportParts]:
    """Every report in scope, checked."""
    rows = in_scope(registry, county=county, year=year)
    return check_rows(rows, registry.report_texts([r.id for r in rows]), parts)


def check_rows(rows: Sequence[ReportRow], texts: dict[str, str],
               parts: Sequence[Part] | None = None) -> list[ReportParts]:
    """`rows` checked from their texts (a report whose text is absent, deleted meanwhile, is left out)."""
    return [ReportParts(r, check_text(texts[r.id], parts)) for r in rows if r.id in texts]


# 「没有写/未提及/报告缺少/漏写…」: a question about what reports leave out, not about something a report says was not
# done or is lacking (「哪些乡镇没有发生行政复议？」, 「未提出整改措施」, 「缺少专职法律人员的问题」): a bare 缺少 counts only
# with the report as its subject
_LACKS = re.compile(r"(没有|没|未|并未|不曾)(写|提到|提及|包含|涉及|说明|列出|总结|汇报)|漏写|漏掉|遗漏|"
                    r"(报告|总结|材料)[^。？?！!]{0,8}(缺少|缺失|缺了|没有|缺)")


def asks_missing(question: str, parts: Sequence[Part] | None = None) -> Part | None:
    """The required part a question asks which reports leave out (「哪些乡镇的报告没有写存在的不足？」), if it does."""
    lack = _LACKS.search(question)
    if not lack:
        return None
    after = question[lack.end():]
    named = [p for p in parts or load_parts() if p.asked and p.asked.search(after)]
    return min(named, key=lambda p: p.asked.search(after).start()) if named else None  # type: ignore[union-attr]


def missing_answer(question: str, part: Part, checked: Sequence[ReportParts]) -> Answer:
    """The answer to `asks_missing`'s question from the check: the reports lacking the part, and for the others
    the heading or sentence that shows they have it (cited)."""
    citations: list[Citation] = []
    rows: list[ReportCheck] = []
    lacking: list[str] = []
    for r in checked:
        c = next(x for x in r.parts if x.part == part.id)
        m = r.report.meta
        who = f"{r.report.name}（{m.year}年）" if m.year else r.report.name
        cites: tuple[Citation, ...] = ()
        if c.present and c.quotes:
            q = c.quotes[0]
            cites = (Citation(len(citations) + 1, r.report.id, r.report.file, m.township, m.county, m.year, q.section,
                              q.text, q.start, q.end, 1.0),)
            citations += cites
        elif not c.present:
            lacking.append(who)
        rows.append(ReportCheck(r.report.id, m.township, m.year, c.present, cites))
    if not checked:
        text = "没有可检查的报告。"
    elif lacking:
        text = (f"共检查{len(checked)}份报告，其中{len(lacking)}份没有写“{part.name}”：{'、'.join(lacking)}"
                f"（既没有这样的标题，也没有写这部分内容的语句，请在原文中确认）。")
    else:
        text = f"共检查{len(checked)}份报告，都写了“{part.name}”。"
    if citations:
        text += "写了的报告：" + "；".join(f"{c.township or c.file}「{c.text[:40]}」[{c.n}]" for c in citations) + "。"
    return Answer(question=question, answer=text, mode="extractive", refused=False, citations=tuple(citations),
                  reports=tuple(rows))
