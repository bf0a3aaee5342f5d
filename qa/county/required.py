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
        heading = _heading(text, sections, part)
        if heading:
            out.append(PartCheck(part.id, part.name, True, "heading", (heading,)))
            continue
        found = []
        for sec in sections:
            path = " > ".join(sec.path)
            if any(p.search(path) for p in part.not_under):
                continue
            for s, e in sentence_spans(text, sec.start, sec.end):
                if any(p.search(text[s:e]) for p in part.sentences):
                    found.append(Quote(text[s:e], s, e, path))
        present = len(found) >= part.min_sentences
        out.append(PartCheck(part.id, part.name, present, "sentences" if present else "",
                             tuple(found[:MAX_QUOTES]) if present else ()))
    return tuple(out)


def _heading(text: str, sections: Sequence[object], part: Part) -> Quote | None:
    """The first heading naming the part (a section's own title, with what it holds)."""
    for sec in sections:
        for title in getattr(sec, "path", ()):
            if any(p.search(title) for p in part.headings):
                at = text.find(title)
                return Quote(title, at, at + len(title), title) if at >= 0 else Quote(title, 0, 0, title)
    return None


def check_reports(registry: Registry, *, county: str | None = None, year: int | None = None,
                  parts: Sequence[Part] | None = None) -> list[ReportParts]:
    """Every report in scope, checked."""
    rows = in_scope(registry, county=county, year=year)
    texts = registry.report_texts([r.id for r in rows])
    return [ReportParts(r, check_text(texts[r.id], parts)) for r in rows if r.id in texts]
