"""Scoring: one gold item against one response, then averages per system and per question type."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from qa.answer.numbers import claimed_numbers, unsupported_numbers
from qa.eval.gold import GoldItem, Span
from qa.eval.systems import Passage, Response

RECALL_AT = (1, 3, 5, 10)
COVERS = 0.5  # a passage holds a quote when it contains at least half of the quote's characters


@dataclass(frozen=True)
class ItemScore:
    """How one response did on one gold item. None where a measure does not apply."""

    id: str
    type: str
    split: str
    form: str | None
    question: str
    gold: str
    answer: str
    refused: bool
    correct: bool
    townships: tuple[str, ...]
    recall_at: dict[int, float] | None
    reciprocal_rank: float | None
    ndcg10: float | None
    passage_chars: float | None
    cited: int
    cited_relevant: int
    quotes: int
    quotes_cited: int
    set_p: float | None
    set_r: float | None
    numbers: int
    unsupported: tuple[str, ...]
    latency_ms: float


def covers(passage: Passage, quote: Span) -> bool:
    return passage.span.overlap(quote) >= COVERS * (quote.end - quote.start)


def score_item(item: GoldItem, response: Response, quotes: Sequence[Span]) -> ItemScore:
    """Score one response; `quotes` are the spans of the item's gold evidence."""
    answerable = item.type != "refusal"
    ranked, cited = response.ranked, response.cited
    recall_at = rr = ndcg = None
    if answerable and quotes:
        recall_at = {k: _share_covered(ranked[:k], quotes) for k in RECALL_AT}
        first = next((i for i, p in enumerate(ranked, 1) if any(covers(p, q) for q in quotes)), None)
        rr = 1 / first if first else 0.0
        ndcg = _ndcg(ranked[:10], quotes)
    set_p = set_r = None
    if item.type in ("set", "summary"):
        got, gold = set(response.townships) if not response.refused else set(), set(item.townships)
        set_p = len(got & gold) / len(got) if got else 0.0
        set_r = len(got & gold) / len(gold)
    unsupported: list[str] = []
    stated = 0
    if not response.refused:
        stated = len(claimed_numbers(response.answer))
        unsupported = unsupported_numbers(response.answer, [f"{p.label} {p.text}" for p in cited])
    return ItemScore(
        id=item.id, type=item.type, split=item.split, form=item.form, question=" → ".join(item.turns), gold=item.answer, answer=response.answer,
        refused=response.refused, correct=_correct(item, response, set_p, set_r), townships=response.townships,
        recall_at=recall_at, reciprocal_rank=rr, ndcg10=ndcg,
        passage_chars=sum(len(p.text) for p in ranked) / len(ranked) if ranked else None,
        cited=len(cited) if answerable else 0,
        cited_relevant=sum(any(covers(p, q) for q in quotes) for p in cited) if answerable else 0,
        quotes=len(quotes) if answerable else 0,
        quotes_cited=sum(any(covers(p, q) for p in cited) for q in quotes) if answerable else 0,
        set_p=set_p, set_r=set_r, numbers=stated, unsupported=tuple(unsupported),
        latency_ms=response.latency_ms)


def _correct(item: GoldItem, r: Response, set_p: float | None, set_r: float | None) -> bool:
    if item.type == "refusal":
        return r.refused
    if r.refused:
        return False
    if item.standalone is True and r.interpreted_as is not None:  # merged with earlier turns it has nothing to do with
        return False
    if item.interpreted_must and not all(s in (r.interpreted_as or "") for s in item.interpreted_must):
        return False
    if item.type == "set":
        return set_p == 1.0 and set_r == 1.0
    if item.type == "summary":
        return set_r == 1.0
    if item.type == "comparison":
        return bool(r.townships) and r.townships[0] == item.townships[0]
    return all(s in r.answer for s in item.must_include)


def _share_covered(passages: Sequence[Passage], quotes: Sequence[Span]) -> float:
    return sum(any(covers(p, q) for p in passages) for q in quotes) / len(quotes)


def _ndcg(ranked: Sequence[Passage], quotes: Sequence[Span]) -> float:
    """Binary gain for a passage that holds a gold quote no higher passage held."""
    seen: set[int] = set()
    dcg = 0.0
    for i, p in enumerate(ranked, 1):
        new = {j for j, q in enumerate(quotes) if j not in seen and covers(p, q)}
        if new:
            seen |= new
            dcg += 1 / math.log2(i + 1)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(quotes), 10) + 1))
    return dcg / ideal


def summarize(scores: Sequence[ItemScore]) -> dict[str, float | None]:
    """The headline metrics over a list of item scores (None where no item measures it)."""
    def mean(values: Sequence[float | None]) -> float | None:
        vs = [v for v in values if v is not None]
        return round(sum(vs) / len(vs), 4) if vs else None

    def ratio(num: int, den: int) -> float | None:
        return round(num / den, 4) if den else None

    def accuracy(kind: str) -> float | None:
        return mean([float(s.correct) for s in scores if s.type == kind])

    retrieved = [s for s in scores if s.recall_at is not None]
    refused = [s for s in scores if s.refused]
    should_refuse = [s for s in scores if s.type == "refusal"]
    sets = [s for s in scores if s.type == "set"]
    set_p, set_r = mean([s.set_p for s in sets]), mean([s.set_r for s in sets])
    f1s = [_f1(s.set_p or 0.0, s.set_r or 0.0) for s in sets]
    latencies = sorted(s.latency_ms for s in scores)
    out: dict[str, float | None] = {f"retrieval.recall@{k}": mean([s.recall_at[k] for s in retrieved if s.recall_at])
                                    for k in RECALL_AT}
    out |= {
        "retrieval.mrr": mean([s.reciprocal_rank for s in retrieved]),
        "retrieval.ndcg@10": mean([s.ndcg10 for s in retrieved]),
        "citations.precision": ratio(sum(s.cited_relevant for s in scores), sum(s.cited for s in scores)),
        "citations.recall": ratio(sum(s.quotes_cited for s in scores), sum(s.quotes for s in scores)),
        "answers.accuracy": mean([float(s.correct) for s in scores]),
        "answers.fact_accuracy": accuracy("fact"),
        "answers.yesno_accuracy": accuracy("yesno"),
        "answers.followup_accuracy": accuracy("followup"),
        "answers.comparison_accuracy": accuracy("comparison"),
        "answers.summary_accuracy": accuracy("summary"),
        "sets.precision": set_p,
        "sets.recall": set_r,
        "sets.f1": mean(f1s),
        "refusals.precision": ratio(sum(s.type == "refusal" for s in refused), len(refused)),
        "refusals.recall": ratio(sum(s.refused for s in should_refuse), len(should_refuse)),
        "answers.answerable_refused": ratio(sum(s.type != "refusal" for s in refused),
                                            sum(s.type != "refusal" for s in scores)),
        "answers.unsupported_number_rate": ratio(sum(len(s.unsupported) for s in scores),
                                                 sum(s.numbers for s in scores)),
        "answers.median_chars": _percentile(sorted(len(s.answer) for s in scores if not s.refused), 50),
        "retrieval.mean_passage_chars": mean([s.passage_chars for s in retrieved]),
        "latency.p50_ms": _percentile(latencies, 50),
        "latency.p95_ms": _percentile(latencies, 95),
    }
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _percentile(sorted_values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not sorted_values:
        return None
    i = max(0, math.ceil(q / 100 * len(sorted_values)) - 1)
    return round(sorted_values[i], 1)
