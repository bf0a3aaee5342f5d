"""The county's view measured against gold written by reading the reports (eval/county/).

- `table.jsonl` / `table_zoo.jsonl`: every indicator × every report of the corpus and of the format zoo, the value
  the report states for the year or null ("not stated"). A cell is right when both are null or both the same value.
  `table.unsupported` counts cells whose figure their own sentence does not contain: it must stay 0.
- `required/gold.jsonl`: per report and required part, present or not (corpus, zoo, and reports written to lack
  parts). Missed: a part qa calls present that is not; false alarms: a part qa calls missing that is there.
- `themes/problems.jsonl`: the problems the corpus's reports raise, grouped into themes by hand (each sentence
  named by its opening characters, unique in its report); qa's grouping is scored by pairwise F1 over the items
  both share.

Reports are read and their facts extracted exactly as ingest does (read_report, parse_sections, extract_facts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.county.indicators import Cell, load_indicators, report_cells
from qa.county.required import check_text
from qa.county.themes import Kind, themes
from qa.errors import EvalError
from qa.ingest.facts import extract_facts
from qa.ingest.pipeline import read_report
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import Embedder
from qa.store import ReportRow
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


def pairwise_f1(gold: dict[tuple[str, str], str], got: dict[tuple[str, str], int]) -> tuple[float, int]:
    """Pairwise F1 of a grouping against gold over the items both hold (file, sentence), and how many those are."""
    both = [k for k in gold if k in got]
    tp = fp = fn = 0
    for i, a in enumerate(both):
        for b in both[i + 1:]:
            same_gold, same_got = gold[a] == gold[b], got[a] == got[b]
            tp += same_gold and same_got
            fp += same_got and not same_gold
            fn += same_gold and not same_got
    precision, recall = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), len(both)


def score_themes(gold: Path, corpus: Path, embedder: Embedder, kind: Kind) -> tuple[float, int, int]:
    """qa's themes of the corpus's problems (or plans) against the gold grouping: pairwise F1, items shared, gold
    items."""
    wanted = {(str(g["file"]), str(g["opening"])): str(g["theme"]) for g in _lines(gold)}  # a sentence by its
    openings: dict[str, list[str]] = {}  # first characters (unique in its report): report texts stay in the corpus
    for file, opening in wanted:
        openings.setdefault(file, []).append(opening)
    reports = {p.name: read_report(p) for p in sorted(corpus.iterdir()) if p.name in {f for f, _ in wanted}}
    rows = [ReportRow(id=r.id, path=name, file_sha=r.file_sha, meta=r.meta, chars=len(r.text), chunk_count=0,
                      ingested_at="")
            for name, r in reports.items()]
    found = themes(rows, {r.id: r.text for r in reports.values()}, embedder, kind)
    got = {(i.report.file, o): n for n, t in enumerate(found) for i in t.items
           for o in openings.get(i.report.file, ()) if i.text.startswith(o)}
    f1, shared = pairwise_f1(wanted, got)
    return f1, shared, len(wanted)


def county_metrics(county: Path, corpus: Path | None, zoo: Path | None, embedder: Embedder | None = None
                   ) -> tuple[dict[str, float | None], dict[str, object]]:
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
    if corpus is not None and embedder is not None and (county / "themes" / "problems.jsonl").is_file():
        problems = score_themes(county / "themes" / "problems.jsonl", corpus, embedder, "problems")
        plans = score_themes(county / "themes" / "plans.jsonl", corpus, embedder, "plans")
        metrics["themes.pairwise_f1"] = problems[0]  # held out: the threshold was fitted on the plans
        info["themes"] = {"problems": {"pairwise_f1": problems[0], "items_shared": problems[1], "gold": problems[2]},
                          "plans (fitted on)": {"pairwise_f1": plans[0], "items_shared": plans[1], "gold": plans[2]}}
    if (county / "required" / "gold.jsonl").is_file():
        required = score_required(county / "required" / "gold.jsonl", corpus, zoo)
        metrics |= {"required.missed": float(required.missed), "required.false_alarms": float(required.false_alarms)}
        info["required"] = {"checks": required.checks, "missing": required.missing, "misses": required.misses}
    return metrics, info
