"""Numbers answered from the facts extracted at ingest: "how many" exactly, comparisons by value.

The number stated is always the fact's own clause, and the citation is the sentence it is in, so
an answer never states a number its citation does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.answer.evidence import SECTION_WEIGHT, Terms
from qa.store import Store
from qa.store.registry import ReportRow
from qa.types import Citation, Fact

COMPARE = re.compile(r"最多|最少|更多|更少|最高|最低|最大|最小|多于|少于|哪个.{0,16}[多少]")
FEWEST = re.compile(r"最少|更少|最低|最小|少于|哪个.{0,16}少")
SENTENCE_WEIGHT = 0.5  # a question term elsewhere in the fact's sentence counts half as much as one in its clause
SUPPORT = 0.6
COMPARE_SUPPORT = 0.5  # a comparison names its measure loosely (调解的矛盾纠纷 vs 受理调解案件): accept a little less


@dataclass(frozen=True)
class ScoredFact:
    fact: Fact
    coverage: float
    clause_coverage: float


def score(fact: Fact, terms: Terms) -> ScoredFact:
    """How well a fact's clause (then its sentence, then its heading) covers the question's terms."""
    found = in_clause = 0.0
    for t, w in terms.weights.items():
        if t in fact.clause:
            found += w
            in_clause += w
        elif t in fact.sentence:
            found += SENTENCE_WEIGHT * w
        elif t in fact.section:
            found += SECTION_WEIGHT * SENTENCE_WEIGHT * w
    total = terms.total or 1.0
    return ScoredFact(fact, found / total, in_clause / total)


def best_facts(store: Store, terms: Terms, report_ids: Sequence[str] | None, *, support: float = SUPPORT
               ) -> dict[str, ScoredFact]:
    """Each report's best-covering fact (of `report_ids`, all when None), if it covers the question well enough."""
    best: dict[str, ScoredFact] = {}
    for fact in store.registry.facts(report_ids, mentioning=necessary_terms(terms, support)):
        s = score(fact, terms)
        if s.coverage < support:
            continue
        prior = best.get(fact.report_id)
        if prior is None or (s.coverage, s.clause_coverage) > (prior.coverage, prior.clause_coverage):
            best[fact.report_id] = s
    return best


def necessary_terms(terms: Terms, support: float) -> list[str]:
    """Terms of which a fact must mention one to reach `support`: all the others together weigh too little.

    Lets SQLite skip most facts before any is scored (88,000 facts at ×1000 of the corpus).
    """
    light, weight = set(), 0.0
    for term, w in sorted(terms.weights.items(), key=lambda tw: tw[1]):
        if weight + w >= support * terms.total:
            break
        light.add(term)
        weight += w
    return [t for t in terms.weights if t not in light]


def is_comparison(question: str) -> bool:
    return bool(COMPARE.search(question))


def rank_for_comparison(question: str, found: list[ScoredFact]) -> list[ScoredFact]:
    """Largest value first (smallest first for 最少/更少…)."""
    return sorted(found, key=lambda s: s.fact.value, reverse=not FEWEST.search(question))


def unit_note(found: list[ScoredFact]) -> str:
    """A warning when the compared numbers count different things (件 vs 起)."""
    units = sorted({s.fact.unit for s in found})
    return f"（注意：各报告的计数单位不同：{'、'.join(units)}，比较仅供参考。）" if len(units) > 1 else ""


def fact_citation(s: ScoredFact, n: int, report: ReportRow) -> Citation:
    """A citation of the sentence the fact is in."""
    f = s.fact
    return Citation(n=n, report_id=f.report_id, file=report.file, township=report.meta.township,
                    county=report.meta.county, year=report.meta.year, section=f.section, text=f.sentence,
                    start=f.sentence_start, end=f.sentence_end, score=round(s.coverage, 4))
