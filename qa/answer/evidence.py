"""Score sentences of retrieved chunks as evidence for a question: its terms, and its meaning.

Each sentence gets the signals of qa.answer.support (term coverage, dense similarity from the vectors stored
at ingest, bigram overlap, a number when one is asked, plan/problem headings) and the fitted model's
probability that it is the evidence, by which sentences are ranked and supported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import numpy as np

from qa.answer.support import SENTENCE_FEATURES, load_support
from qa.answer.terms import Terms, coverage_from, covered, presence
from qa.joined import Joined, Spans
from qa.retrieval.embed import Embedder
from qa.sentences import evidence_offsets, evidence_sentences
from qa.store import Store
from qa.store.registry import SentenceTable
from qa.types import Chunk, Citation, Hit

_HAS_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万]+[个名人次件场期所家处项余]")
# A heading that says the sentences under it are plans or problems, not what was done
PLANS = re.compile(r"计划|打算|下一步|下步|思路|安排|展望|明年|来年")
PROBLEMS = re.compile(r"不足|问题|短板|差距|薄弱|困难")
# A sentence holding this share of the question's content words (words no report uses included) supports it
# whatever the model says: a question worded like its report is answered as it always was.
LEXICAL_SUPPORT = 0.6
FloatOrArray = TypeVar("FloatOrArray", float, np.ndarray)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence of a hit, with how well it covers the question."""

    hit: Hit
    start: int
    end: int
    text: str
    coverage: float  # the idf-weighted share of all the question's content words it holds (unused words too)
    score: float  # the probability that it is the evidence (qa.answer.support)
    features: tuple[float, ...] = ()
    lexical: float = 0.0  # `coverage`, plus small bonuses for the hit's rank and a number when one is asked

    @property
    def worded_alike(self) -> bool:
        """Supported by wording alone: it holds LEXICAL_SUPPORT of every content word of the question (and is no
        sentence that never supports: `slot_unfilled`)."""
        return self.coverage >= LEXICAL_SUPPORT and not (self.features and self.features[_SLOT] == 0.0)

    @property
    def rank_key(self) -> tuple[bool, float, float]:
        """Sentences worded like the question first (by wording, near-ties by probability), then the rest by
        probability to two places (floored, so no two of a hundredth straddle a threshold), and of those the model is as
        sure of, the one whose meaning stands out most in its report (a model sure of several, 0.99, on two common
        words: 「干部是不是都把法治当回事了？」)."""
        if self.worded_alike:
            return (True, round(self.lexical, 1), self.score)
        return (False, hundredths(self.score), self.features[_STANDOUT] if self.features else 0.0)


class ChunkTexts:
    """Chunks' texts joined once for a question: each word is found in them once, and its places serve both the
    chunks' coverage and their sentences' (`sentences_per_group`)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.index = {c.id: i for i, c in enumerate(chunks)}
        self.joined = Joined([c.text for c in chunks], remember=True)
        self.sections = [c.section for c in chunks]

    def coverages(self, terms: Terms) -> np.ndarray:
        """Each chunk's `coverage` (its heading counting for less)."""
        return covered(self.joined, self.sections, terms)


def hundredths(p: float) -> float:
    """A probability floored to two places: the model is as sure of two sentences in one hundredth."""
    return float(np.floor(p * 100) / 100)


def sentence_columns(chunks: ChunkTexts, spans: Spans, headings: Sequence[str], heading: np.ndarray, terms: Terms
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Coverage and bigram share (a bigram in its heading counting too) of sentences, given as `spans` of their
    chunks' joined text and `heading[i]`, the index of each one's heading in `headings`: every word is found once
    in the chunks, and its places looked up among the sentences."""
    n = len(spans.starts)
    joined = Joined(headings)
    covs = coverage_from(presence(n, lambda w: chunks.joined.spans_holding(w, spans), terms),
                     presence(len(headings), joined.rows, terms)[heading], terms)
    found = np.zeros(n)
    if not terms.bigrams:
        return covs, found
    # as in `bigram_share` of the sentence and its heading joined: a bigram may also run from one into the other
    # (characters compared as codes, -1 for none)
    codes = chunks.joined.codes()
    last = np.where(spans.ends > spans.starts, codes[np.maximum(spans.ends - 1, 0)].astype(np.int64), -1) if len(codes) \
        else np.full(n, -1)
    first = np.array([ord(h[0]) if h else -1 for h in headings], dtype=np.int64)[heading] if len(headings) \
        else np.full(n, -1)
    for b in terms.bigrams:
        in_heading = np.zeros(len(headings), dtype=bool)
        in_heading[joined.rows(b)] = True
        found += chunks.joined.spans_holding(b, spans) | in_heading[heading] | ((last == ord(b[0])) & (first == ord(b[1])))
    return covs, found / len(terms.bigrams)


def focus_held(chunks: ChunkTexts, spans: Spans, terms: Terms) -> np.ndarray:
    """Which sentences (`spans` of the chunks' joined text) hold a term of what a yes/no question asks whether
    (Terms.focus): one holding none says nothing of it, and, like one lacking the slot asked, never supports."""
    focus = replace(terms, weights={t: terms.weights[t] for t in terms.focus}, alternatives=(),
                    parts={t: cuts for t, cuts in terms.parts.items() if t in terms.focus})
    return np.asarray((presence(len(spans.starts), lambda w: chunks.joined.spans_holding(w, spans), focus) > 0).any(axis=1))


@dataclass(frozen=True)
class Meaning:
    """What the dense signals need: the question's vector, and the store whose sentence vectors it is compared
    with (a sentence without a stored vector, from a report ingested before they were kept, is embedded now)."""

    vector: np.ndarray
    store: Store
    embedder: Embedder

    def spreads(self, report_ids: Sequence[str]) -> dict[str, tuple[float, float]]:
        """Per report, the mean and spread of the question's similarity over every sentence of it (from the
        report's stored spread): a sentence that answers stands out from its report's others; the best of a
        report that does not, less so."""
        mean, std, sentences = self.store.spread_table.similarity(self.vector, report_ids)
        few = sentences < 2  # no spread to stand out from
        mean, std = np.where(few, 0.0, mean), np.where(few, 1.0, np.maximum(std, 1e-3))
        return {rid: (m, d) for rid, m, d in zip(report_ids, mean.tolist(), std.tolist(), strict=True)}

    def similarity(self, sentences: Sequence[tuple[str, int, int, str]], *, embed: bool = True) -> np.ndarray:
        """The question's cosine similarity with each (report id, start, end, text) sentence; NaN for one without a
        stored vector unless `embed` (then it is embedded now)."""
        if not sentences:
            return np.zeros(0)
        table = self.store.sentence_table  # once: a write meanwhile may bring another table, with other rows
        rows = table.find([(rid, s, e) for rid, s, e, _ in sentences])
        if not embed:
            return np.where(rows >= 0, table.similarity(self.vector, rows), np.nan)
        return self._of_rows(table, rows, lambda i: sentences[i][3])

    def of_chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
        """The question's similarity with every evidence sentence of each chunk, in order."""
        table = self.store.sentence_table
        rows = table.of_chunks(chunks)
        texts = [text for c in chunks for _, _, text in evidence_sentences(c.text)] if (rows < 0).any() else []
        return self._of_rows(table, rows, texts.__getitem__)

    def _of_rows(self, table: SentenceTable, rows: np.ndarray, text: Callable[[int], str]) -> np.ndarray:
        sims = table.similarity(self.vector, rows)
        missing = np.flatnonzero(rows < 0).tolist()
        if missing:
            sims[missing] = self.embedder.embed_documents([text(i)[:200] for i in missing]) @ self.vector
        return sims


def sentences(hits: list[Hit], terms: Terms, meaning: Meaning) -> list[Evidence]:
    """Every sentence of every hit, best first (Evidence.rank_key)."""
    return sentences_per_group({"": hits}, terms, meaning).get("", [])


def sentences_per_group(groups: dict[str, list[Hit]], terms: Terms, meaning: Meaning, *, top: int | None = None,
                        chunks: ChunkTexts | None = None) -> dict[str, list[Evidence]]:
    """`sentences` of many groups of hits (one per report) in one batch; each group ranked on its own,
    and cut to its `top` best when given.

    Across 5,000 reports a question scores some 50,000 sentences: their features are columns computed at once,
    and an Evidence is built only for the sentences each group keeps. `chunks`, the hits' chunks already joined
    (with others), saves finding the question's words in them again."""
    keys = list(groups)
    # each hit with a sentence: its group, its rank there, the hit, its chunk and its sentences' offsets (one pass)
    hits: list[tuple[int, int, Hit]] = []
    chunk_of: list[Chunk] = []
    offsets_of: list[np.ndarray] = []
    for g, key in enumerate(keys):
        for rank, hit in enumerate(groups[key]):
            if len(offsets := evidence_offsets((c := hit.ref.chunk).text)):
                hits.append((g, rank, hit))
                chunk_of.append(c)
                offsets_of.append(offsets)
    out: dict[str, list[Evidence]] = {key: [] for key in keys}
    if not hits:
        return out
    # one row per sentence: its hit's columns repeated for each of its sentences
    count = len(hits)
    per_hit = np.fromiter(map(len, offsets_of), dtype=np.int64, count=count)
    of_hit = np.repeat(np.arange(count), per_hit)
    group = np.fromiter((h[0] for h in hits), dtype=np.int64, count=count)[of_hit]
    ranks = np.fromiter((h[1] for h in hits), dtype=float, count=count)[of_hit]
    sections = [c.section for c in chunk_of]
    headings = {sec: i for i, sec in enumerate(dict.fromkeys(sections))}
    heading = np.fromiter(map(headings.__getitem__, sections), dtype=np.int64, count=count)[of_hit]
    ids = [c.id for c in chunk_of]
    if chunks is None or not all(map(chunks.index.__contains__, ids)):
        chunks = ChunkTexts(list(dict(zip(ids, chunk_of, strict=True)).values()))
    at = chunks.joined.starts[np.fromiter(map(chunks.index.__getitem__, ids), dtype=np.int64, count=count)][of_hit]
    offsets = np.concatenate(offsets_of)
    spans = Spans(at + offsets[:, 0], at + offsets[:, 1])
    covs, shares = sentence_columns(chunks, spans, list(headings), heading, terms)
    dense = meaning.of_chunks(chunk_of).astype(float)
    best_dense = np.full(len(keys), -1.0)
    np.maximum.at(best_dense, group, dense)
    reports = [c.report_id for c in chunk_of]
    spread = meaning.spreads(list(dict.fromkeys(reports)))
    mean, std = (np.array([spread[rid][i] for rid in reports])[of_hit] for i in (0, 1))
    n = len(of_hit)
    texts = [t for c in chunk_of for _, _, t in evidence_sentences(c.text)] if terms.numeric or terms.slot else []
    x = np.column_stack([
        covs, dense, dense - best_dense[group], standout(dense, (mean, std)),
        shares,
        [float(bool(_HAS_NUMBER.search(text))) for text in texts] if terms.numeric else np.zeros(n),
        [slot_filled(terms, text) for text in texts] if terms.slot
        else np.where(focus_held(chunks, spans, terms), 0.5, 0.0) if terms.focus else np.full(n, 0.5),
        np.array([off_topic(terms, sec) for sec in headings])[heading], 1.0 / (1 + ranks), np.full(n, terms.unknown)])
    probability = load_support().sentence.probability(x)
    coverage = covs * (1 - terms.unknown)
    lexical = coverage + 0.05 / (1 + ranks) + 0.15 * (x[:, SENTENCE_FEATURES.index("number")] > 0)
    # Evidence.rank_key as columns: worded alike first (by rounded wording, then probability), then by rounded
    # probability, then standout; ties keep reading order (np.lexsort is stable; its last key is the first compared)
    worded = (coverage >= LEXICAL_SUPPORT) & ~slot_unfilled(x)  # (Evidence.worded_alike)
    rounded = np.floor(probability * 100) / 100  # hundredths()
    alike = np.flatnonzero(worded)
    rounded[alike] = [round(v, 1) for v in lexical[alike].tolist()]  # as Python rounds (np.round differs at x.x5)
    order = np.lexsort((np.where(worded, -probability, -x[:, _STANDOUT]), -rounded, ~worded, group))
    if top is not None:  # each group's first `top` (order runs group by group)
        grouped = group[order]
        first = np.searchsorted(grouped, grouped, side="left")
        order = order[np.arange(len(order)) - first < top]
    # an Evidence for each kept sentence only: its hit, and which of the hit's sentences it is
    starts = np.cumsum(per_hit) - per_hit
    which = (order - starts[of_hit[order]]).tolist()
    columns = zip(of_hit[order].tolist(), which, group[order].tolist(), coverage[order].tolist(),
                  probability[order].tolist(), x[order].tolist(), lexical[order].tolist(), strict=True)
    for h, k, g, cov, prob, row, lex in columns:
        c = chunk_of[h]
        s, e, text = evidence_sentences(c.text)[k]
        out[keys[g]].append(Evidence(hits[h][2], c.start + s, c.start + e, text, cov, prob, tuple(row), lex))
    return out


_SLOT, _STANDOUT = SENTENCE_FEATURES.index("slot"), SENTENCE_FEATURES.index("standout")


def slot_unfilled(x: np.ndarray) -> np.ndarray:
    """Per row of sentence features (or for one row): the question asks for a time, a person, an organisation or a
    title and the sentence names none. Such a sentence never supports an answer: 「是谁给培训的？」 is not answered
    by the sentence that only says they were trained, however alike."""
    return np.asarray(x)[..., _SLOT] == 0.0


def supports(ev: Evidence, threshold: float) -> bool:
    """Does this sentence support an answer: worded like the question, or by the model's probability (and never
    when it lacks the slot the question asks for: `slot_unfilled`)?"""
    if ev.features and ev.features[_SLOT] == 0.0:  # slot_unfilled, for one row (no array for each of 8,000)
        return False
    return ev.worded_alike or ev.score >= threshold


# What fills a slot: a time (3月, 年底), a person (书记孟庆云, 以乡党委书记为组长), an organisation, a title
_FILLS = {
    "time": re.compile(r"\d{1,2}月|\d{1,2}日|20\d\d年\d|[一二三四五六七八九十]{1,2}月|年初|年底|年中|上半年|下半年"),
    "person": re.compile(r"(?:书记|乡长|镇长|主任|所长|团长|政委|组长|局长)[\u4e00-\u9fff]{2,3}(?:同志)?(?=[，,。、；（(\s]|$)"
                         r"|[\u4e00-\u9fff]{2,3}同志|为组长|任组长|担任|挂帅|牵头"),
    "org": re.compile(r"事务所|(?<!家)律所|公司|法院|检察院|派出所|协会|学校|大学|[^结布格当]局(?!面|势)"),
    "title": re.compile(r"《[^》]+》|“[^”]+”"),
    "frequency": re.compile(r"每(?:天|日|周|星期|月|季度?|半年|年)|(?<!不)定期|按月|按季|一月一|逢[一二三四五六七八九十\d]"),
}


def slot_filled(terms: Terms, text: str) -> float:
    """1 when the sentence holds what the question's slot asks (a time for 什么时候), 0 when not, 0.5 for no slot."""
    if terms.slot is None:
        return 0.5
    return float(bool(_FILLS[terms.slot].search(text)))


def standout(dense: FloatOrArray, spread: tuple[FloatOrArray, FloatOrArray]) -> FloatOrArray:
    """How far a sentence's similarity (or many sentences') stands above its report's others, in their spreads."""
    mean, std = spread
    return (dense - mean) / std


def bigram_share(terms: Terms, text: str) -> float:
    """The share of the question's content bigrams found in `text`."""
    # a question's bigram is two Chinese characters: in the text's bigrams exactly when it is a substring of it
    return sum(b in text for b in terms.bigrams) / len(terms.bigrams) if terms.bigrams else 0.0


def off_topic(terms: Terms, section: str) -> float:
    """1 when a sentence sits under a plan or problem heading and the question does not ask about those."""
    kind = "plans" if PLANS.search(section) else "problems" if PROBLEMS.search(section) else None
    if kind == "problems" and terms.kind == "yesno":  # 「…走进老百姓心里了吗？」: what a report admits answers no
        return 0.0
    return float(kind is not None and kind != terms.topic)


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
