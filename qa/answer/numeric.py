"""Numbers answered from the facts extracted at ingest: "how many" exactly, comparisons by value.

The number stated is always the fact's own clause, and the citation is the sentence it is in, so
an answer never states a number its citation does not contain.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from qa.answer.evidence import Meaning, bigram_share, off_topic, standout
from qa.answer.forms import MEASURES, unit_answers
from qa.answer.support import FACT_FEATURES, load_support
from qa.answer.terms import SECTION_WEIGHT, Terms, is_premise
from qa.store import Store
from qa.store.registry import ReportRow
from qa.types import Citation, Fact

COMPARE = re.compile(r"最多|最少|更多|更少|最高|最低|最大|最小|多于|少于|哪个.{0,16}[多少]")
FEWEST = re.compile(r"最少|更少|最低|最小|少于|哪个.{0,16}少")
SENTENCE_WEIGHT = 0.5  # a question term elsewhere in the fact's sentence counts half as much as one in its clause
CANDIDATE = 0.3  # a fact covering less of the question's terms than this is not considered at all
WORDED = 0.6  # the share of all the question's words a fact holding them is supported by (as before the model)
WORDED_LOOSE = 0.5
LOOSE = 0.8  # a comparison names its measure loosely (调解的矛盾纠纷 vs 受理调解案件): its threshold is this share
# Measures whose units say what is counted: a figure in other units never answers (people and times are counted
# in units reports mix: 个, 次; those only weigh in the model's unit_match signal). A measure the question names in
# its own unit word is held to what qa.answer.forms.unit_answers allows (not when a follow-up carries it over).
STRICT_MEASURES = frozenset({"money", "rate", "area", "duration", "length", "rank"})
# Units only one measure counts in (元, %, 人次, 平方米, 天, 米…): a figure in one answers only a question asking that
# measure or its kin (人次 a question of people), even when the question's own unit is the generic 个: 几个村 is never
# 五千人次. 万 is not one: a bare magnitude (「受教育群众2万」) counts anything.
OWN_UNITS = frozenset(u for name, _, units in MEASURES if name in STRICT_MEASURES | {"attendance"} for u in units) - {"万"}
NEAR = 0.05  # facts the model is this nearly as sure of as of a report's likeliest are told apart by unit and wording
_ITEM = re.compile(r"[一二三四五六七八九十]+是|\d+[.．、]|[（(]\d+[）)]")  # an item's heading (一是, 1., （1）), not a chapter's
_UNIT, _CLAUSE, _COVERAGE = (FACT_FEATURES.index(f) for f in ("unit_match", "clause_coverage", "coverage"))
PER_REPORT = 8  # facts of each report whose meaning is compared with the question's (the best-covering ones)
# a one-report figure question's facts nearest it in meaning also judged (_by_meaning). Not tuned: 3 (12th session,
# without the rules that now bound them) moved paraphrase figures 0.865 → 0.919 on the eval
MEANING_CANDIDATES = 3


@dataclass(frozen=True)
class ScoredFact:
    fact: Fact
    coverage: float  # the idf-weighted share of the question's words in its clause, sentence or heading
    clause_coverage: float
    support: float = 0.0  # the probability that it answers the question (qa.answer.support)
    features: tuple[float, ...] = ()
    unknown: float = 0.0  # the share of the question's words no report uses (they are in no fact either)
    by_meaning: bool = False  # a candidate only for its meaning (`_by_meaning`): judged when no worded one supports

    def worded_alike(self, share: float = 0.6) -> bool:
        """Supported by wording alone: it holds `share` of every content word of the question."""
        return self.coverage * (1 - self.unknown) >= share

    def rank_key(self, share: float = 0.6) -> tuple[bool, float, float, float, float]:
        """Facts worded like the question first (by wording), then the rest by probability, to two places (the
        model says 1.00 of several figures of one sentence), then in the unit asked, then by wording:
        「法律咨询一共多少回？」 is 「开展法律咨询服务17次」, not 「共参与法律服务6次，其中提供法律咨询10人次」."""
        if self.worded_alike(share):
            return (True, self.coverage, self.clause_coverage, 0.0, 0.0)
        return (False, round(self.support, 2), self.unit_match, self.clause_coverage, self.coverage)

    @property
    def unit_match(self) -> float:
        """The fact_features signal: 1 in a unit the question asks in, 0 in another, 0.5 when it asks in none."""
        return self.features[_UNIT] if self.features else 0.5

def score(fact: Fact, terms: Terms, find: Callable[[str, str], float] | None = None) -> ScoredFact:
    """How well a fact's clause (then its sentence, then its heading) covers the question's terms."""
    find = find or terms.found
    found = in_clause = 0.0
    for t, w in terms.weights.items():
        clause = find(t, fact.clause)
        found += max(clause, SENTENCE_WEIGHT * find(t, fact.sentence),
                     SECTION_WEIGHT * SENTENCE_WEIGHT * find(t, fact.section)) * w
        in_clause += clause * w
    total = terms.total or 1.0
    return ScoredFact(fact, found / total, in_clause / total)


def best_facts(store: Store, terms: Terms, report_ids: Sequence[str] | None, meaning: Meaning, *,
               loose: bool = False) -> dict[str, ScoredFact]:
    """Each report's most probable answering fact (of `report_ids`, all when None), if it supports the question.

    `loose` (a comparison, or 「那X呢？」 whose measure came from another report's wording) accepts a fact a
    little below the threshold.
    """
    threshold = load_support().fact.threshold * (LOOSE if loose else 1.0)
    worded = WORDED_LOOSE if loose else WORDED
    passing: dict[str, list[ScoredFact]] = {}
    for s in fact_candidates(store, terms, report_ids, meaning):
        if s.worded_alike(worded) or s.support >= threshold:
            passing.setdefault(s.fact.report_id, []).append(s)
    return {rid: _likeliest([s for s in found if not s.by_meaning] or found, worded)
            for rid, found in passing.items()}


def _likeliest(found: list[ScoredFact], worded: float) -> ScoredFact:
    """Of one report's facts that answer, the one worded like the question; else, of those the model is about as sure
    of as of its likeliest (within NEAR), the one in the unit asked whose own clause is worded most like the question:
    「色务一年接了几件上访？」 is 「受理群众信访事项1件」, not 「信访隐患…大排查」's 「排查调解矛盾纠纷9起」."""
    alike = [s for s in found if s.worded_alike(worded)]
    if alike:
        return max(alike, key=lambda s: s.rank_key(worded))
    return found[near_likeliest([s.features for s in found], [s.support for s in found])]


def near_likeliest(features: Sequence[Sequence[float]], support: Sequence[float]) -> int:
    """Which of some facts (their fact_features rows and probabilities) qa takes: of those within NEAR of the
    likeliest, the one in the unit asked, then with its own clause worded most like the question. The answer and
    qa.eval.fit's decisions both choose with this."""
    top = max(support)
    return max((i for i, p in enumerate(support) if p >= top - NEAR),
               key=lambda i: (features[i][_UNIT], features[i][_CLAUSE], features[i][_COVERAGE], support[i]))


def fact_candidates(store: Store, terms: Terms, report_ids: Sequence[str] | None, meaning: Meaning
                    ) -> list[ScoredFact]:
    """The facts that may answer the question, each with its signals and probability (what is fitted on)."""
    per_report: dict[str, list[ScoredFact]] = {}
    # the question's words about its topic: not those naming its measure (钱, whose forms are 万元…)
    topical = [t for t in terms.weights if not set(terms.forms_of(t)) & terms.units]
    if not topical:
        if terms.unknown:
            return []  # 「河长制这块花了多少钱？」: all it says of its topic is in words no report uses
        topical = list(terms.weights)
    find = functools.cache(terms.found)  # this question's facts share sentences and headings: each looked up once
    for fact in store.facts(report_ids, mentioning=[f for t in necessary_terms(terms, CANDIDATE)
                                                    for f in terms.forms_of(t)]):
        if not _may_answer(fact, terms):
            continue
        s = score(fact, terms, find)
        if s.coverage >= CANDIDATE and _about(fact, topical, find):
            per_report.setdefault(fact.report_id, []).append(s)
    flat = [s for found in per_report.values()
            for s in sorted(found, key=lambda s: (-s.coverage, -s.clause_coverage))[:PER_REPORT]]
    if report_ids is not None and len(report_ids) == 1 and terms.measure_said:
        flat += _by_meaning(store, terms, report_ids[0], flat, meaning, topical, find)
    dense = meaning.similarity([(s.fact.report_id, s.fact.sentence_start, s.fact.sentence_end, s.fact.sentence)
                                for s in flat])
    best_dense = _best_dense(flat, dense.tolist())
    spread = meaning.spreads(list(best_dense))
    x = np.array([fact_features(terms, s, float(d), best_dense[s.fact.report_id], spread[s.fact.report_id])
                  for s, d in zip(flat, dense, strict=True)]).reshape(len(flat), len(FACT_FEATURES))
    probability = load_support().fact.probability(x)
    return [replace(s, support=float(p), features=tuple(row), unknown=terms.unknown)
            for s, p, row in zip(flat, probability, x, strict=True)]


def _best_dense(found: list[ScoredFact], dense: list[float]) -> dict[str, float]:
    """Each report's highest similarity of a worded candidate (of one by meaning when it has none): the candidates by
    meaning, chosen for being near, must not change the worded ones' signals (dense_gap)."""
    best: dict[str, float] = {}
    for late in (False, True):
        worded = set(best)
        for s, d in zip(found, dense, strict=True):
            if s.by_meaning == late and s.fact.report_id not in worded:
                best[s.fact.report_id] = max(best.get(s.fact.report_id, -1.0), d)
    return best


def _may_answer(fact: Fact, terms: Terms) -> bool:
    """Can this figure answer the question at all, by what it counts and where it stands?"""
    if terms.measure in STRICT_MEASURES and fact.unit not in terms.units:
        return False  # asked how much money, a count of people is no answer
    if (terms.measure_said or fact.unit in OWN_UNITS) and not unit_answers(terms.measure, terms.units, fact.unit):
        return False  # asked how many people, a count of sessions is no answer; asked 几个村, nor an attendance
    if (fact.report_id, fact.start) in terms.taken:
        return False  # 「纠纷接了多少件？调成了几件？」: the figure an earlier part is answered by answers not this one
    if is_premise(fact.value, fact.clause, terms):
        return False  # 「走了一百四十次，调成了几次？」: the figure the question gives is its premise
    if not all(terms.found(t, fact.sentence) for t in terms.kind_named):
        return False  # 「婚姻纠纷调解了多少件？」: 「排查调解矛盾纠纷9起」 counts disputes of every kind
    return not terms.counted or counts_what_is_asked(fact, terms)  # 多少法律明白人: 「调解员5名」 counts else


def _about(fact: Fact, words: Sequence[str], find: Callable[[str, str], float]) -> bool:
    """Does the figure's sentence, or the item it is one of, hold one of `words` (the question's words about its
    topic)? A figure holding none but the measure's, or holding them only in a chapter's heading, answers nothing:
    「普法花了多少钱？」 is not 「调解协议涉及金额52.17万元」; an item says what its figures are about: 「四是聚焦重点群体
    普法」 over 「…受教育干部群众2000余人次」."""
    return any(find(t, fact.sentence) or find(t, _item(fact)) for t in words)


def _by_meaning(store: Store, terms: Terms, report_id: str, found: list[ScoredFact], meaning: Meaning,
                topical: Sequence[str], find: Callable[[str, str], float]) -> list[ScoredFact]:
    """A figure question about one report in words it does not use (「标语布挂出去多少条」 for 「悬挂横幅30余条」),
    asking its measure in words (多少条, not the generic 几个: 「几个村拿到了…」 is not any 「16个村委会」): of the
    report's figures in the units asked that are not among the worded candidates (`found`) but hold a word of the
    question's topic (宣传; not what it counts: in 「三零平安创建评上了几个村」 村 is no topic), the MEANING_CANDIDATES
    whose sentences are nearest the question in meaning, for the model to judge when no worded candidate supports
    (best_facts; qa.eval.fit.decide per question, which is the same while this runs for one report only)."""
    have = {(s.fact.report_id, s.fact.start) for s in found}
    about = [t for t in topical if t not in terms.counted]
    facts = [f for f in store.facts([report_id]) if f.unit in terms.units and (f.report_id, f.start) not in have
             and _may_answer(f, terms) and _about(f, about, find)]
    if not facts:
        return []
    # only sentences with a stored vector: a report's figures may be thousands, and none is embedded for this
    dense = meaning.similarity([(f.report_id, f.sentence_start, f.sentence_end, f.sentence) for f in facts], embed=False)
    stored = np.flatnonzero(~np.isnan(dense))
    order = stored[np.argsort(-dense[stored], kind="stable")][:MEANING_CANDIDATES]
    return [replace(score(facts[i], terms, find), by_meaning=True) for i in order.tolist()]


def _item(fact: Fact) -> str:
    """The heading of the item a fact is one of (「四是聚焦重点群体普法」), not a chapter's; empty when none."""
    item = fact.section.rsplit(" > ", 1)[-1]
    return item if _ITEM.match(item) else ""


def counts_what_is_asked(fact: Fact, terms: Terms) -> bool:
    """Does the figure count what the question counts: is it named in the figure's clause or before it in its
    sentence (「受理矛盾纠纷48件，调解成功46件」 counts 纠纷 twice), not only after it (「调解员5名，…法律明白人培训」)?"""
    upto = fact.sentence[:fact.end - fact.sentence_start]
    return any(terms.found(t, upto) for t in terms.counted)


def fact_features(terms: Terms, s: ScoredFact, dense: float, best_dense: float, spread: tuple[float, float]
                  ) -> tuple[float, ...]:
    """The signals of qa.answer.support.FACT_FEATURES for one fact."""
    unit_match = 0.5 if not terms.units else float(s.fact.unit in terms.units)
    return (s.coverage, s.clause_coverage, dense, dense - best_dense, standout(dense, spread),
            bigram_share(terms, s.fact.sentence + s.fact.section),
            unit_match, off_topic(terms, s.fact.section), terms.unknown)


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
                    start=f.sentence_start, end=f.sentence_end, score=round(s.support, 4), figure_start=f.start,
                    figure_end=f.end)
