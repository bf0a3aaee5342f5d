"""Answers without an LLM: the sentences that answer the question, each cited.

Questions across reports (哪些乡镇…, 各乡镇…) are checked report by report, not from a global
top-k, so a township whose report says so is never dropped for lack of rank.
"""

from __future__ import annotations

import re

from qa.answer.evidence import Evidence, Terms, cite, sentences
from qa.retrieval.embed import Embedder
from qa.retrieval.hybrid import search
from qa.store import Store
from qa.types import Answer, Citation

ACROSS = re.compile(r"哪些|哪几个|哪个|哪一个|各个?(乡镇|乡|镇|地|单位|报告)|所有(乡镇|报告)|几个乡镇|多少个乡镇|每个乡镇|普遍|分别")
SUPPORT = 0.6  # share of the question's (idf-weighted) terms a sentence must contain to support an answer
MAX_SENTENCES = 3


def refusal(question: str, what: str | None, related: list[Evidence]) -> Answer:
    """The plain 'not in the reports' answer, with the closest passages as related, not as citations."""
    subject = what or "能回答这个问题的内容"
    text = f"在已收录的报告中没有找到{subject}。"
    if related:
        text += "下面是最接近的段落，仅供参考。"
    return Answer(question=question, answer=text, mode="extractive", refused=True,
                  related=tuple(cite(ev, i) for i, ev in enumerate(related[:3], 1)))


def answer_single(question: str, terms: Terms, *, store: Store, embedder: Embedder, k: int,
                  report_ids: tuple[str, ...] | None) -> Answer:
    """Answer from the best sentences of the top hits."""
    hits = search(question, store=store, embedder=embedder, k=k, report_ids=report_ids)
    evidence = sentences(hits, terms)
    if not evidence or evidence[0].coverage < SUPPORT:
        return refusal(question, None, evidence)
    best = evidence[0]
    chosen = [best]
    for ev in evidence[1:]:
        if len(chosen) == MAX_SENTENCES:
            break
        # each sentence occurs once in `evidence` (hits are distinct, non-overlapping chunks)
        if ev.coverage >= max(SUPPORT, best.coverage - 0.2) and ev.score >= best.score - 0.25:
            chosen.append(ev)
    citations = [cite(ev, i) for i, ev in enumerate(chosen, 1)]
    lines = [f"{_who(c)}：{c.text}[{c.n}]" for c in citations]
    return Answer(question=question, answer="\n".join(lines), mode="extractive", refused=False,
                  citations=tuple(citations))


def answer_across(question: str, terms: Terms, *, store: Store, embedder: Embedder,
                  report_ids: tuple[str, ...] | None) -> Answer:
    """Check every report in scope; list each one whose best sentence supports the question."""
    scope = [r for r in store.reports() if report_ids is None or r.id in report_ids]
    supported: list[Evidence] = []
    closest: list[Evidence] = []
    query_vector = embedder.embed_query(question)
    for report in scope:
        hits = search(question, store=store, embedder=embedder, k=4, report_ids=(report.id,),
                      query_vector=query_vector)
        evidence = sentences(hits, terms)
        if not evidence:
            continue
        if evidence[0].coverage >= SUPPORT:
            supported.append(evidence[0])
            if len(evidence) > 1 and evidence[1].coverage >= SUPPORT:  # the runner-up supports it too
                supported.append(evidence[1])
        else:
            closest.append(evidence[0])
    if not supported:
        closest.sort(key=lambda ev: -ev.score)
        return refusal(question, None, closest)
    # one line per township, best first; a second supporting sentence joins its township's line
    by_report: dict[str, list[Evidence]] = {}
    for ev in supported:
        by_report.setdefault(ev.hit.ref.chunk.report_id, []).append(ev)
    ordered = sorted(by_report.values(), key=lambda evs: -evs[0].score)
    citations: list[Citation] = []
    lines = []
    for i, evs in enumerate(ordered, 1):
        cited = [cite(ev, len(citations) + j) for j, ev in enumerate(evs, 1)]
        citations.extend(cited)
        lines.append(f"{i}. {_who(cited[0])}：" + "".join(f"{c.text}[{c.n}]" for c in cited))
    head = f"共检查{len(scope)}份报告，其中{len(ordered)}个乡镇的报告有相关内容："
    return Answer(question=question, answer="\n".join([head, *lines]), mode="extractive", refused=False,
                  citations=tuple(citations))


def is_across(question: str, townships: tuple[str, ...]) -> bool:
    """Does the question ask about many townships at once?"""
    return len(townships) != 1 and bool(ACROSS.search(question))


def _who(c: Citation) -> str:
    year = f"（{c.year}年）" if c.year else ""
    return f"{c.township or c.file}{year}"


__all__ = ["answer_across", "answer_single", "is_across", "refusal"]
