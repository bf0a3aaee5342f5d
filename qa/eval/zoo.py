"""The format zoo: test reports written from the patterns of published pages, each with the metadata it states.

`eval/zoo/<part>/expected.jsonl` holds one line per report: its file (under the part's folder), the patterns it
shows and where they were seen, and what its metadata must read (township, county, city, province, year, level,
body). `score_metadata` reads every report as ingest does and compares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import EvalError, IngestError

# Scored exactly, as the issue measures them: the township's full name, the county when the page states one, and
# the year reported on. The rest are reported, not gated.
GATED = ("township", "county", "year")
REPORTED = ("level", "city", "province")


@dataclass(frozen=True)
class ZooReport:
    """One zoo report and the metadata it must read as."""

    path: Path
    patterns: tuple[str, ...]
    expected: dict[str, object]


@dataclass
class MetadataScore:
    """Per field, the share of zoo reports read exactly; `exact` the share with every gated field right."""

    reports: int = 0
    fields: dict[str, float] = field(default_factory=dict)
    exact: float = 0.0
    misses: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        return {"metadata.exact": self.exact, **{f"metadata.{k}": v for k, v in self.fields.items()}}


def zoo_reports(zoo: Path) -> list[ZooReport]:
    """Every report of the zoo with its expected metadata; an error names a line that is malformed."""
    found = []
    for listing in sorted(zoo.glob("*/expected.jsonl")):
        for n, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                path = listing.parent / raw["file"]
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise EvalError(f"{listing}:{n}: not a zoo line ({e})") from e
            if not path.is_file():
                raise EvalError(f"{listing}:{n}: no file {path}")
            found.append(ZooReport(path, tuple(raw.get("patterns", ())), raw))
    if not found:
        raise EvalError(f"no zoo reports under {zoo} (expected <part>/expected.jsonl)")
    return found


def score_metadata(zoo: Path) -> MetadataScore:
    """Read every zoo report as ingest does and compare its metadata with what it states."""
    from qa.ingest.pipeline import read_report

    reports = zoo_reports(zoo)
    right = dict.fromkeys(GATED + REPORTED, 0)
    exact = 0
    misses = []
    for z in reports:
        try:
            meta = read_report(z.path).meta
            got: dict[str, object] = {f: getattr(meta, f) for f in GATED + REPORTED}
        except IngestError as e:
            got = {"error": e.reason}
        wrong = [f for f in GATED + REPORTED if got.get(f) != z.expected.get(f)]
        for f in GATED + REPORTED:
            right[f] += f not in wrong
        exact += not any(f in wrong for f in GATED)
        if wrong:
            misses.append(f"{z.path.relative_to(zoo)}: " + "; ".join(
                f"{f} {got.get(f)!r} (expected {z.expected.get(f)!r})" for f in wrong))
    n = len(reports)
    return MetadataScore(n, {f: round(right[f] / n, 3) for f in GATED + REPORTED}, round(exact / n, 3), misses)
