"""The county's indicator table: per report, the figures a rule-of-law office compares, each with its sentence.

Indicators are data (`qa/data/indicators.toml`, or the file QA_INDICATORS names): an office adds one without code.
A cell is read from the report's numeric facts (`qa.ingest.facts`: a number, its unit and the clause it counts),
never computed: a figure a sentence does not contain is never shown, and a report that states nothing is "not
stated", never 0. Only phrases an indicator lists as saying "none" (未发生行政复议) give a 0, citing that sentence.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa.answer.evidence import PLANS, PROBLEMS
from qa.county import in_scope
from qa.errors import ConfigError
from qa.sentences import sentence_spans
from qa.store import ReportRow
from qa.store.registry import Registry
from qa.types import Fact

INDICATORS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.toml"
KINDS = ("count", "amount", "rate")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=年)")
_TOTAL = re.compile(r"共|全年|累计|总计|合计")


class IndicatorError(ConfigError):
    """The indicators file has an entry qa cannot use: which file, which indicator, which field."""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    kind: str
    unit: str
    units: tuple[str, ...]
    any: tuple[str, ...]
    also: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    prefer: tuple[str, ...] = ()
    zero: tuple[re.Pattern[str], ...] = ()
    full: tuple[re.Pattern[str], ...] = ()
    of: str = ""
    all: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Cell:
    """One report's figure for one indicator, and the sentence that states it (offsets in the cleaned text)."""

    indicator: str
    value: float
    unit: str
    figure: str  # as the sentence writes it: 52件, 2000余人次, 全覆盖, 未发生
    sentence: str
    start: int
    end: int
    section: str


@dataclass(frozen=True)
class Row:
    report: ReportRow
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    indicators: tuple[Indicator, ...]
    rows: tuple[Row, ...]

    def previous(self, row: Row) -> Row | None:
        """The same township's report of the year before (for the trend), if the table holds one."""
        m = row.report.meta
        return self._by_year.get((m.township, m.county, m.year - 1)) if m.township and m.year else None

    @functools.cached_property
    def _by_year(self) -> dict[tuple[str | None, str | None, int | None], Row]:
        """Rows by (township, county, year), built once: an export asks for every cell's year before."""
        out: dict[tuple[str | None, str | None, int | None], Row] = {}
        for r in self.rows:
            out.setdefault((r.report.meta.township, r.report.meta.county, r.report.meta.year), r)
        return out


def load_indicators(path: Path | None = None) -> tuple[Indicator, ...]:
    """The indicators of `path` (the shipped file by default); IndicatorError names the file, entry and field."""
    return _load(path or INDICATORS_FILE)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Indicator, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise IndicatorError(f"{path}: cannot read the indicators ({e})") from e
    out: list[Indicator] = []
    for n, entry in enumerate(data.get("indicator", []), 1):
        where = f"{path}: indicator {n} ({entry.get('id', 'no id')})"
        for key in ("id", "name", "kind", "unit", "units", "any"):
            if not entry.get(key):
                raise IndicatorError(f"{where}: `{key}` is missing")
        if entry["kind"] not in KINDS:
            raise IndicatorError(f"{where}: `kind` is {entry['kind']!r}, not one of {', '.join(KINDS)}")
        unknown = set(entry) - set(Indicator.__dataclass_fields__)
        if unknown:
            raise IndicatorError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        lists = {k: tuple(entry.get(k, ())) for k in ("units", "any", "also", "avoid", "prefer", "zero", "full", "all")}
        for k, v in lists.items():
            if not all(isinstance(x, str) and x for x in v):
                raise IndicatorError(f"{where}: `{k}` must be a list of non-empty strings")
        patterns = {k: tuple(_pattern(x, where, k) for x in lists.pop(k)) for k in ("zero", "full", "all")}
        out.append(Indicator(id=entry["id"], name=entry["name"], kind=entry["kind"], unit=entry["unit"],
                             of=entry.get("of", ""), **lists, **patterns))  # type: ignore[arg-type]
    if not out:
        raise IndicatorError(f"{path}: no [[indicator]] entries")
    ids = [i.id for i in out]
    if len(set(ids)) != len(ids):
        raise IndicatorError(f"{path}: two indicators share an id")
    for i in out:
        if i.of and (i.of not in ids or ids.index(i.of) > ids.index(i.id)):
            raise IndicatorError(f"{path}: indicator {i.id}: `of` must name an indicator listed before it ({i.of!r})")
    return tuple(out)


def _pattern(text: str, where: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as e:
        raise IndicatorError(f"{where}: `{key}` pattern {text!r} is not a regular expression ({e})") from e


def _with_next(fact: Fact) -> str:
    """The clause, and the one after it when that one only goes on about it (…7名，均持证上岗)."""
    at = fact.sentence.find(fact.clause)
    rest = fact.sentence[at + len(fact.clause):].lstrip("，,、 ") if at >= 0 else ""
    following = re.split(r"[，,；;。]", rest, maxsplit=1)[0]
    return fact.clause + "，" + following if re.match(r"均|全部|全都|都|已全部", following) else fact.clause


def _counts(fact: Fact, indicator: Indicator, year: int | None) -> bool:
    clause = fact.clause
    if fact.unit not in indicator.units or not any(w in _with_next(fact) for w in indicator.any):
        return False
    if indicator.also and not any(w in clause or w in fact.sentence for w in indicator.also):
        return False
    if any(w in clause for w in indicator.avoid):
        return False
    if PLANS.search(fact.section) or PROBLEMS.search(fact.section):
        return False  # a plan's target or a problem's figure is not what the year did
    return not (year and any(int(y) != year for y in _YEAR.findall(clause)))


def _weight(fact: Fact, indicator: Indicator) -> int:
    """How much a figure stands out among a report's figures for an indicator: preferred words, a total (共, 全年),
    and not a part (其中…)."""
    return (2 * sum(w in fact.clause for w in indicator.prefer) + bool(_TOTAL.search(fact.clause))
            - fact.clause.startswith("其中"))


def _best(found: list[Fact], indicator: Indicator) -> Fact | None:
    """The figure that stands out; None when two different figures tie (several figures and no total)."""
    ranked = sorted(found, key=lambda f: (-_weight(f, indicator), f.start))
    top = ranked[0]
    tied = [f for f in ranked[1:] if _weight(f, indicator) == _weight(top, indicator) and f.value != top.value]
    return None if tied else top


def _phrase_cell(text: str, spans: Sequence[tuple[int, int]], indicator: Indicator,
                 patterns: Sequence[re.Pattern[str]], value: float, unit: str) -> Cell | None:
    for s, e in spans:
        for pattern in patterns:
            if m := pattern.search(text, s, e):
                return Cell(indicator.id, value, unit, m.group(), text[s:e], s, e, "")
    return None


def _fact_cell(indicator: Indicator, f: Fact) -> Cell:
    return Cell(indicator.id, f.value, f.unit, f.figure, f.sentence, f.sentence_start, f.sentence_end, f.section)


def report_cells(text: str, facts: Sequence[Fact], indicators: Sequence[Indicator], year: int | None
                 ) -> dict[str, Cell]:
    """The cells of one report: each indicator's figure, a 100% or 0 its own patterns state, or none."""
    out: dict[str, Cell] = {}
    spans = sentence_spans(text)  # split once for every indicator's phrases
    for ind in indicators:
        if cell := _phrase_cell(text, spans, ind, ind.full, 100.0, "%"):  # 全覆盖 says more than a count of villages
            out[ind.id] = cell
        elif (found := [f for f in facts if _counts(f, ind, year)]) and (best := _best(found, ind)):
            out[ind.id] = _fact_cell(ind, best)
        elif (base := out.get(ind.of)) and any(p.search(base.sentence) for p in ind.all):
            out[ind.id] = Cell(ind.id, base.value, base.unit, base.figure, base.sentence, base.start, base.end,
                               base.section)
        elif cell := _phrase_cell(text, spans, ind, ind.zero, 0.0, ind.unit):
            out[ind.id] = cell
    return out


def county_table(registry: Registry, *, indicators: Sequence[Indicator] | None = None, county: str | None = None,
                 year: int | None = None, township: str | None = None, texts: dict[str, str] | None = None) -> Table:
    """Every report in scope (by county, year, township) with its cells, ordered by county, township and year.
    `texts`: the reports' texts when the caller has read them already."""
    indicators = tuple(indicators or load_indicators())
    rows = in_scope(registry, county=county, year=year, township=township)
    ids = [r.id for r in rows]
    facts: dict[str, list[Fact]] = {i: [] for i in ids}
    for f in registry.facts(ids):
        facts[f.report_id].append(f)
    texts = registry.report_texts(ids) if texts is None else texts
    return Table(indicators, tuple(Row(r, report_cells(texts.get(r.id, ""), facts[r.id], indicators, r.meta.year))
                                   for r in rows))
