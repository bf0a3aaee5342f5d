"""Run every gold item through every system, score it, and check the floors."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import EvalError
from qa.eval.gold import TYPES, GoldItem, Span, evidence_overlap, locate
from qa.eval.metrics import ItemScore, score_item, summarize
from qa.eval.systems import System
from qa.retrieval.filters import township_aliases
from qa.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SystemResult:
    """One system's scores: headline metrics, the same per question type and per gold split, and every item."""

    name: str
    metrics: dict[str, float | None]
    by_type: dict[str, dict[str, float | None]]
    items: list[ItemScore]
    by_split: dict[str, dict[str, float | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalResult:
    """A whole eval run. `info` says what was run on what (mode, gold size, ingest time…)."""

    info: dict[str, object]
    systems: list[SystemResult]
    failures: list[str] = field(default_factory=list)

    def system(self, name: str) -> SystemResult:
        return next(s for s in self.systems if s.name == name)


def run_eval(gold: Sequence[GoldItem], *, systems: Sequence[System], store: Store, info: dict[str, object],
             on_item: Callable[[str, GoldItem], None] | None = None) -> EvalResult:
    """Ask every system every gold question and score the answers."""
    reports = store.reports()
    texts = store.registry.report_texts([r.id for r in reports])
    quotes: dict[str, list[Span]] = {item.id: locate(item, reports, texts) for item in gold}
    names = {a for r in reports if r.meta.township for a in township_aliases(r.meta.township)}
    splits = sorted({item.split for item in gold})
    overlap = {s: [o for item in gold if item.split == s and (o := evidence_overlap(item, names)) is not None]
               for s in splits}
    info = {**info, "splits": {s: {"questions": sum(item.split == s for item in gold),
                                   "evidence_overlap": round(sum(v) / len(v), 3) if v else None}
                               for s, v in overlap.items()}}
    results = []
    for system in systems:
        scores = []
        for item in gold:
            scores.append(score_item(item, system.respond(item.turns), quotes[item.id]))
            if on_item:
                on_item(system.name, item)
        by_type = {t: summarize([s for s in scores if s.type == t]) for t in TYPES if any(s.type == t for s in scores)}
        by_split = {sp: summarize([s for s in scores if s.split == sp]) for sp in splits}
        results.append(SystemResult(system.name, summarize(scores), by_type, scores, by_split))
        logger.info("eval %s: %s", system.name, results[-1].metrics)
    return EvalResult(info={**info, "questions": len(gold)}, systems=results)


def check_floors(result: EvalResult, thresholds: Path, *, system: str = "qa") -> list[str]:
    """What falls short of `thresholds` for the run's mode: one line per metric below its floor or above its ceiling.

    The file has `[<mode>.min]` floors and `[<mode>.max]` ceilings over the whole gold set, and
    `[<mode>.split.<split>.min]` / `.max` over one split (one gold file), keyed by metric name.
    """
    try:
        table = tomllib.loads(thresholds.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise EvalError(f"cannot read thresholds {thresholds}: {e}") from e
    mode = str(result.info.get("mode", "extractive"))
    limits = table.get(mode)
    if not limits:
        raise EvalError(f"{thresholds} has no [{mode}.min] / [{mode}.max] tables for this run's mode")
    scored = result.system(system)
    tables = [(mode, "", limits, scored.metrics)]
    for split, split_limits in limits.get("split", {}).items():
        if split not in scored.by_split:  # a run on part of the gold set (one file) checks the splits it has
            logger.info("no gold split %s in this run: its floors are not checked", split)
            continue
        tables.append((f"{mode}.split.{split}", f" on split {split}", split_limits, scored.by_split[split]))
    failures = []
    for table_name, on, table_limits, metrics in tables:
        for bound, ok in (("min", lambda v, lim: v >= lim), ("max", lambda v, lim: v <= lim)):
            for name, limit in table_limits.get(bound, {}).items():
                if name not in metrics:
                    raise EvalError(f"{thresholds}: [{table_name}.{bound}] names an unknown metric {name!r}")
                value = metrics[name]
                if value is None or not ok(value, limit):
                    where = "below its floor" if bound == "min" else "above its ceiling"
                    failures.append(f"{system} {name} = {value}{on} is {where} {limit} ({thresholds.name})")
    return failures
