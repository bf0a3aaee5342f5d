"""The county's view measured against gold written by reading the reports (eval/county/).

- `table.jsonl` / `table_zoo.jsonl`: every indicator × every report of the corpus and of the format zoo, the value
  the report states for the year or null ("not stated"). A cell is right when both are null or both the same value.
  `table.unsupported` counts cells whose figure their own sentence does not contain: it must stay 0.
- `required/gold.jsonl`: per report and required part, present or not (corpus, zoo, and reports written to lack
  parts). Missed: a part qa calls present that is not; false alarms: a part qa calls missing that is there.
- `themes/problems.jsonl`: the problems the corpus's reports raise, grouped into themes by hand; qa's grouping is
  scored by pairwise F1 over the items both share.

Reports are read and their facts extracted exactly as ingest does (read_report, parse_sections, extract_facts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.county.indicators import Cell, load_indicators, report_cells
from qa.county.required import check_text
from qa.errors import EvalError
from qa.ingest.facts import extract_facts
from qa.ingest.pipeline import read_report
from qa.ingest.sections import parse_sections
from qa.types import Report


@dataclass
class TableScore:
    cells: int = 0
    right: int = 0
    unsupported: int = 0  # cells whose figure is not in their own sentence
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.cells if self.cells else 0.0


def _lines(path: Path) -> list[dict[str, object]]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as e:
        raise EvalError(f"{path}: cannot read the county gold ({e})") from e


def _figure_in_sentence(cell: Cell) -> bool:
    return cell.figure in cell.sentence or (cell.value == int(cell.value) and str(int(cell.value)) in cell.sentence)


def cells_of(report: Report) -> dict[str, Cell]:
    """A report's table cells, its facts extracted as ingest extracts them."""
    facts = extract_facts(report.id, report.text, parse_sections(report.text))
    return report_cells(report.text, facts, load_indicators(), report.meta.year)


def score_table(gold: Path, base: Path) -> TableScore:
    """Each gold line of `gold` (file relative to `base`) against the cell qa reads for it."""
    score = TableScore()
    known = {i.id for i in load_indicators()}
    read: dict[str, dict[str, Cell]] = {}
    for g in _lines(gold):
        file, indicator, want = str(g["file"]), str(g["indicator"]), g["value"]
        if indicator not in known:
            raise EvalError(f"{gold}: indicator {indicator!r} is not in the indicators file")
        if file not in read:
            read[file] = cells_of(read_report(base / file))
            score.unsupported += sum(not _figure_in_sentence(c) for c in read[file].values())
        cell = read[file].get(indicator)
        got = cell.value if cell else None
        right = (got is None and want is None) or (
            got is not None and isinstance(want, int | float) and abs(got - want) < 1e-6)
        score.cells += 1
        score.right += right
        if not right:
            score.misses.append(f"{file} {indicator}: gold {want}, qa {cell.figure if cell else 'not stated'}")
    return score


@dataclass
class RequiredScore:
    checks: int = 0
    missing: int = 0  # parts the gold says a report lacks
    missed: int = 0  # … that qa calls present
    false_alarms: int = 0  # parts qa calls missing that are there
    misses: list[str] = field(default_factory=list)


REQUIRED_BASES = {"corpus": "corpus", "zoo": "zoo", "written": "reports"}


def score_required(gold: Path, corpus: Path | None, zoo: Path | None) -> RequiredScore:
    """Each report × required part of the gold against qa's check; reports of a source not given are skipped."""
    bases = {"corpus": corpus, "zoo": zoo, "written": gold.parent / "reports"}
    score = RequiredScore()
    read: dict[str, dict[str, bool]] = {}
    for g in _lines(gold):
        base = bases.get(str(g["source"]))
        if base is None:
            continue
        path = base / str(g["file"])
        if str(path) not in read:
            read[str(path)] = {c.part: c.present for c in check_text(read_report(path).text)}
        present = read[str(path)][str(g["part"])]
        score.checks += 1
        score.missing += not g["present"]
        if g["present"] != present:
            if present:
                score.missed += 1
            else:
                score.false_alarms += 1
            score.misses.append(f"{g['file']} {g['part']}: gold {'present' if g['present'] else 'missing'}")
    return score


def county_metrics(county: Path, corpus: Path | None, zoo: Path | None) -> tuple[dict[str, float | None],
                                                                                   dict[str, object]]:
    """The county split's metrics, and what missed, for the eval report."""
    metrics: dict[str, float | None] = {}
    info: dict[str, object] = {}
    if corpus is not None and (county / "table.jsonl").is_file():
        table = score_table(county / "table.jsonl", corpus)
        metrics |= {"table.accuracy": table.accuracy, "table.unsupported": float(table.unsupported)}
        info["table"] = {"cells": table.cells, "misses": table.misses}
    if zoo is not None and (county / "table_zoo.jsonl").is_file():
        table = score_table(county / "table_zoo.jsonl", zoo)
        metrics |= {"table.zoo_accuracy": table.accuracy,
                    "table.unsupported": (metrics.get("table.unsupported") or 0.0) + table.unsupported}
        info["table_zoo"] = {"cells": table.cells, "misses": table.misses}
    if (county / "required" / "gold.jsonl").is_file():
        required = score_required(county / "required" / "gold.jsonl", corpus, zoo)
        metrics |= {"required.missed": float(required.missed), "required.false_alarms": float(required.false_alarms)}
        info["required"] = {"checks": required.checks, "missing": required.missing, "misses": required.misses}
    return metrics, info
