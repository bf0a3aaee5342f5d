"""Run every gold item through every system, score it, and check the floors."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import EvalError
from qa.eval.gold import TYPES, GoldItem, Span, locate
from qa.eval.metrics import ItemScore, score_item, summarize
from qa.eval.systems import System
from qa.store import Store

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SystemResult:
    """One system's scores: headline metrics, the same per question type, and every item."""

    name: str
    metrics: dict[str, float | None]
    by_type: dict[str, dict[str, float | None]]
    items: list[ItemScore]


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
    results = []
    for system in systems:
        scores = []
        for item in gold:
            scores.append(score_item(item, system.respond(item.turns), quotes[item.id]))
            if on_item:
                on_item(system.name, item)
        by_type = {t: summarize([s for s in scores if s.type == t]) for t in TYPES if any(s.type == t for s in scores)}
        results.append(SystemResult(system.name, summarize(scores), by_type, scores))
        logger.info("eval %s: %s", system.name, results[-1].metrics)
    return EvalResult(info={**info, "questions": len(gold)}, systems=results)


def check_floors(result: EvalResult, thresholds: Path, *, system: str = "qa") -> list[str]:
    """What falls short of `thresholds` for the run's mode: one line per metric below its floor or above its ceiling.

    The file has `[<mode>.min]` floors and `[<mode>.max]` ceilings, keyed by metric name.
    """
    try:
        table = tomllib.loads(thresholds.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise EvalError(f"cannot read thresholds {thresholds}: {e}") from e
    mode = str(result.info.get("mode", "extractive"))
    limits = table.get(mode)
    if not limits:
        raise EvalError(f"{thresholds} has no [{mode}.min] / [{mode}.max] tables for this run's mode")
    metrics = result.system(system).metrics
    failures = []
    for bound, ok in (("min", lambda v, lim: v >= lim), ("max", lambda v, lim: v <= lim)):
        for name, limit in limits.get(bound, {}).items():
            if name not in metrics:
                raise EvalError(f"{thresholds}: [{mode}.{bound}] names an unknown metric {name!r}")
            value = metrics[name]
            if value is None or not ok(value, limit):
                where = "below its floor" if bound == "min" else "above its ceiling"
                failures.append(f"{system} {name} = {value} is {where} {limit} ({thresholds.name})")
    return failures
