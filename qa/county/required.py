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
from qa.types import Section

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


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Part, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(Part(id=p["id"], name=p["name"], rule=p["rule"],
                          headings=tuple(re.compile(x) for x in p.get("headings", ())),
                          sentences=tuple(re.compile(x) for x in p.get("sentences", ())),
                          min_sentences=int(p.get("min_sentences", 1)),
                          not_under=tuple(re.compile(x) for x in p.get("not_under", ())))
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
    texts = registry.report_texts([r.id for r in rows])
    return [ReportParts(r, check_text(texts[r.id], parts)) for r in rows if r.id in texts]
