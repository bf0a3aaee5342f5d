"""Score sentences of retrieved chunks as evidence for a question's terms."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from qa.sentences import addresses_a_model, sentence_spans
from qa.store.keyword import KeywordIndex
from qa.types import Citation, Hit

_NUMERIC_QUESTION = re.compile(r"多少|几[个名人次件场期所家处项份起户条]|数量|人数|次数|件数|金额|比例|百分|多大|面积|率是")
# The words that ask (几名, 多少, 更多, 是否…) say what kind of answer is wanted, not what it is about.
_ASKING = re.compile(r"几.?|多少.?|多大|多高|更|最|多|少|更多|最多|更少|最少|较多|人数|次数|件数|数量|是否|有没有|怎样|怎么样|如何|什么|哪里")
# 「三、下一步工作打算」 alone: a top-level heading names a part of the report, it is not evidence
_TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、[^。，；]{0,20}")
_HAS_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万]+[个名人次件场期所家处项余]")


@dataclass(frozen=True)
class Evidence:
    """One sentence of a hit, with how well it covers the question."""

    hit: Hit
    start: int
    end: int
    text: str
    coverage: float
    score: float


@dataclass(frozen=True)
class Terms:
    """The content terms of a question, weighted by idf, and whether it asks for a number."""

    weights: dict[str, float]
    numeric: bool

    @cached_property
    def total(self) -> float:
        return sum(self.weights.values())


def question_terms(question_tokens: list[str], index: KeywordIndex, *, drop: set[str], question: str) -> Terms:
    """Weigh the question's tokens by idf, leaving out township names and years (they are filters)."""
    weights: dict[str, float] = {}
    for t in question_tokens:
        if t in drop or any(t in d for d in drop) or re.fullmatch(r"\d+", t) or t[0] in "各哪每" or _ASKING.fullmatch(t):
            continue
        # a compound the reports never use (普遍存在) whose parts are also terms adds nothing
        if not index.df(t) and any(o != t and o in t for o in question_tokens):
            continue
        # one character (防, 更) says little on its own in Chinese: half weight
        weights[t] = index.idf(t) * (0.5 if len(t) == 1 else 1.0)
    return Terms(weights=weights, numeric=bool(_NUMERIC_QUESTION.search(question)))


# Words these reports use interchangeably: a question's term is found when one of its equivalents is.
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "打算": ("计划", "重点工作", "工作安排", "思路"),
    "计划": ("打算", "重点工作", "工作安排"),
    "下一步": ("下步", "下部", "今后", "年重点", "年工作计划"),
    "一步": ("下步", "下部", "今后", "年重点", "年工作计划"),
    "不足": ("问题", "短板", "薄弱", "不够", "有待", "仍需"),
    "问题": ("不足", "短板", "薄弱"),
    "存在": ("存在", "仍然", "还"),
    "诈骗": ("诈骗", "反诈"),
}
SECTION_WEIGHT = 0.7  # a term only in the sentence's heading counts for less than one in the sentence


def coverage(text: str, terms: Terms, section: str = "") -> float:
    """The idf-weighted share of the question's terms in `text` (or, for less, in its heading path)."""
    return float(coverages([text], terms, [section])[0])


def coverages(texts: Sequence[str], terms: Terms, sections: Sequence[str] | None = None) -> np.ndarray:
    """`coverage` of many texts at once: each form of each term is searched once in all the texts joined,
    so checking 20,000 chunks of 5,000 reports costs a few regex scans, not 100,000 Python loops."""
    if not terms.total or not texts:
        return np.zeros(len(texts))
    in_text = _presence(texts, terms)
    in_section = _presence(sections, terms) if sections is not None else np.zeros_like(in_text)
    weights = np.array(list(terms.weights.values()))
    found = np.where(in_text, 1.0, np.where(in_section, SECTION_WEIGHT, 0.0)) @ weights
    return found / terms.total


def _presence(texts: Sequence[str], terms: Terms) -> np.ndarray:
    """(texts × terms): does text i contain term j or one of its equivalents?"""
    joined = "\0".join(texts)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]])
    found = np.zeros((len(texts), len(terms.weights)), dtype=bool)
    for j, term in enumerate(terms.weights):
        for form in (term, *EQUIVALENTS.get(term, ())):
            at = [m.start() for m in re.finditer(re.escape(form), joined)]
            if at:
                found[np.searchsorted(starts, at, side="right") - 1, j] = True
    return found


def sentences(hits: list[Hit], terms: Terms) -> list[Evidence]:
    """Every sentence of every hit, scored: term coverage, then the hit's rank, then a number if asked."""
    return sentences_per_group({"": hits}, terms).get("", [])


def sentences_per_group(groups: dict[str, list[Hit]], terms: Terms, *, top: int | None = None
                        ) -> dict[str, list[Evidence]]:
    """`sentences` of many groups of hits (one per report) in one batch; each group ranked on its own,
    and cut to its `top` best when given."""
    spans: list[tuple[str, int, Hit, int, int, str]] = []
    for key, hits in groups.items():
        for rank, hit in enumerate(hits):
            for s, e, text in _sentences_of(hit.ref.chunk.text):
                spans.append((key, rank, hit, s, e, text))
    covs = coverages([sp[5] for sp in spans], terms, [sp[2].ref.chunk.section for sp in spans]).tolist()
    scored: dict[str, list[tuple[float, int]]] = {key: [] for key in groups}
    for i, ((key, rank, _, _, _, text), cov) in enumerate(zip(spans, covs, strict=True)):
        score = cov + 0.05 / (1 + rank)
        if terms.numeric and _HAS_NUMBER.search(text):
            score += 0.15
        scored[key].append((score, i))
    out: dict[str, list[Evidence]] = {}
    for key, items in scored.items():
        items.sort(key=lambda si: -si[0])  # stable: ties keep reading order
        out[key] = []
        for score, i in items[:top]:
            _, _, hit, s, e, text = spans[i]
            c = hit.ref.chunk
            out[key].append(Evidence(hit, c.start + s, c.start + e, text, covs[i], score))
    return out


@functools.lru_cache(maxsize=200_000)
def _sentences_of(chunk_text: str) -> tuple[tuple[int, int, str], ...]:
    """The sentences of a chunk that can be evidence (not too short, not a bare top-level heading, not
    words to a model)."""
    out = []
    for s, e in sentence_spans(chunk_text):
        text = chunk_text[s:e]
        if len(text) >= 6 and not _TOP_HEADING.fullmatch(text) and not addresses_a_model(text):
            out.append((s, e, text))
    return tuple(out)


def cite(ev: Evidence, n: int) -> Citation:
    """A citation of exactly this sentence, located in its report's cleaned text."""
    ref = ev.hit.ref
    return Citation(n=n, report_id=ref.chunk.report_id, file=ref.file, township=ref.township, county=ref.county,
                    year=ref.year, section=ref.chunk.section, text=ev.text, start=ev.start, end=ev.end,
                    score=round(ev.score, 4))


def who(c: Citation) -> str:
    """The report a citation comes from, as answers name it: 色务乡（2024年）."""
    year = f"（{c.year}年）" if c.year else ""
    return f"{c.township or c.file}{year}"
