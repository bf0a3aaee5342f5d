"""Shared themes across reports: what the townships say about their problems (or plans), grouped by meaning.

Items are the sentences of each report's problem (or plan) part: the sections the required-contents check finds
by heading, else the sentences it finds by pattern. Lead-ins with no content of their own (「存在的主要问题有：」)
are left out. Items are grouped by the meaning of their sentence vectors (average-linkage clustering on cosine
similarity, the threshold fitted on the plans' gold grouping and reported on the problems'), so 「普法形式单一」
and 「宣传方式缺乏创新」 can meet although they share no word. Each theme has a short label (its most central item's
point), how many townships raise it, and every sentence, cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from qa.county.required import Part, headed, load_parts, matching_sentences
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import Embedder
from qa.sentences import sentence_spans
from qa.store import ReportRow
from qa.types import Section

Kind = Literal["problems", "plans", "measures"]
PART_OF: dict[str, str] = {"problems": "shortcomings", "plans": "next_year", "measures": "measures"}
# Average-linkage cosine similarity of centred vectors: fitted on the plans' gold grouping (eval/county/themes/
# plans.jsonl, pairwise F1 0.484 at 0.1-0.2; raw vectors at their best 0.337) and reported on the problems'.
THRESHOLD = 0.2
_LEAD_IN = re.compile(r"[：:]$|^(虽然|尽管)[^。]*但|取得了?[^。，]{0,6}(成效|成绩|进展)[^。]{0,4}，(但|然而)[^。、]{0,8}(一些|某些|一定的?)(问题|不足|差距|短板)|(主要|具体)(表现|问题|有)[^。]{0,6}[：:]?$|^(存在的?)?(主要)?(问题|不足)(和|及)?(原因|不足)?[：:。]?$")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)\s*")


@dataclass(frozen=True)
class Item:
    report: ReportRow
    text: str
    start: int
    end: int
    section: str


@dataclass(frozen=True)
class Theme:
    label: str
    items: tuple[Item, ...]

    @property
    def townships(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for i in self.items:
            seen.setdefault(i.report.name)
        return tuple(seen)


def _part(kind: Kind) -> Part:
    return next(p for p in load_parts() if p.id == PART_OF[kind])


def items_of(report: ReportRow, text: str, kind: Kind) -> list[Item]:
    """The sentences of a report's problem or plan part, lead-ins left out; for its measures, the headings one
    level under the part's own (「（二）坚持科学民主依法决策」: a report's measures are most of it, its headings
    say them in a line each), else its sentences that say a measure."""
    part = _part(kind)
    out: list[Item] = []
    sections = parse_sections(text)
    if kind == "measures":
        return _measure_items(report, text, sections, part)
    if under := headed(sections, part):
        spans = [(s, e, " > ".join(sec.path)) for sec in under for s, e in sentence_spans(text, sec.start, sec.end)]
    else:
        spans = [(q.start, q.end, q.section) for q in matching_sentences(text, sections, part)]
    titles = {t for sec in sections for t in sec.path if any(p.search(t) for p in part.headings)}
    for s, e, path in spans:
        sentence = text[s:e]
        if sentence.strip() in titles:  # the part's own heading (「二、工作中存在的不足」) says nothing of its own
            continue
        if len(_NUMBERING.sub("", sentence)) >= 4 and not _LEAD_IN.search(sentence):
            out.append(Item(report, sentence, s, e, path))
    return out


MAX_MEASURE_SENTENCES = 12


def _measure_items(report: ReportRow, text: str, sections: Sequence[Section], part: Part) -> list[Item]:
    seen: dict[str, Item] = {}
    for sec in headed(sections, part):
        # the heading right below the part's last heading in the path (「一、主要做法和存在问题 > （一）主要做法 >
        # 一是…」 gives 「一是…」), unless what is below says problems or plans (「（二）存在问题」)
        k = max(i for i, t in enumerate(sec.path) if any(p.search(t) for p in part.headings))
        below = sec.path[k + 1:]
        if not below or any(p.search(t) for t in below for p in part.not_under) or below[0] in seen:
            continue
        title = below[0]
        at = text.rfind(title, 0, sec.start + len(title))  # the heading's own line, at or above its section
        if at >= 0:
            seen[title] = Item(report, title, at, at + len(title), " > ".join(sec.path[:k + 1]))
    if seen:
        return list(seen.values())
    quotes = matching_sentences(text, sections, part)[:MAX_MEASURE_SENTENCES]
    return [Item(report, q.text, q.start, q.end, q.section) for q in quotes]


LABEL_CHARS = 18


def label(text: str) -> str:
    """A theme's short label: its central item's first point, numbering and end marks taken off."""
    point = re.split(r"[，,；;。：:]", _NUMBERING.sub("", text), maxsplit=1)[0]
    return point if len(point) <= LABEL_CHARS else point[:LABEL_CHARS - 1] + "…"


def centred(vectors: np.ndarray) -> np.ndarray:
    """Unit vectors less their mean: every sentence of these reports is alike to e5 (cosine > 0.9); what sets a
    theme apart is how a sentence differs from the others."""
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return unit - unit.mean(axis=0) if len(unit) > 1 else unit


def cluster(vectors: np.ndarray, threshold: float = THRESHOLD) -> list[list[int]]:
    """Average-linkage agglomerative clustering on cosine similarity: merge the closest pair of groups while
    their average similarity is at least `threshold`."""
    n = len(vectors)
    if n == 0:
        return []
    v = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    sim = v @ v.T
    groups: list[list[int]] = [[i] for i in range(n)]
    while len(groups) > 1:
        best, pair = -2.0, (0, 0)
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                s = float(sim[np.ix_(groups[a], groups[b])].mean())
                if s > best:
                    best, pair = s, (a, b)
        if best < threshold:
            break
        a, b = pair
        groups[a] += groups.pop(b)
    return groups


def themes(rows: Sequence[ReportRow], texts: dict[str, str], embedder: Embedder, kind: Kind = "problems",
           threshold: float = THRESHOLD) -> list[Theme]:
    """The themes of the reports' problems (or plans), largest first (by townships, then sentences)."""
    items = [i for r in rows if r.id in texts for i in items_of(r, texts[r.id], kind)]
    if not items:
        return []
    vectors = centred(np.asarray(embedder.embed_documents([_NUMBERING.sub("", i.text) for i in items])))
    out = []
    for group in cluster(vectors, threshold):
        members = [items[i] for i in group]
        v = vectors[group]
        central = group[int(np.argmax((v @ v.T).mean(axis=1)))]
        out.append(Theme(label(items[central].text), tuple(sorted(members, key=lambda i: (i.report.id, i.start)))))
    out.sort(key=lambda t: (-len(t.townships), -len(t.items), t.label))
    return out
