"""Gold questions: what each asks, what the right answer must contain, and where the evidence is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from qa.chars import fold
from qa.errors import EvalError
from qa.store.registry import ReportRow

QuestionType = Literal["fact", "yesno", "set", "comparison", "summary", "followup", "refusal"]
TYPES: tuple[str, ...] = get_args(QuestionType)


@dataclass(frozen=True)
class Quote:
    """A gold evidence quote: exact text of one township's cleaned report."""

    township: str
    quote: str


@dataclass(frozen=True)
class Span:
    """Where a passage or quote sits: a character range of one report's cleaned text."""

    report_id: str
    start: int
    end: int

    def overlap(self, other: Span) -> int:
        if self.report_id != other.report_id:
            return 0
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class GoldItem:
    """One gold question. `turns` holds the conversation; the question asked is its last turn."""

    id: str
    type: QuestionType
    turns: tuple[str, ...]
    answer: str
    must_include: tuple[str, ...]
    townships: tuple[str, ...]
    evidence: tuple[Quote, ...]
    source: str
    split: str = "corpus"  # the gold file it comes from (its stem): each split is scored on its own
    form: str | None = None  # how the question departs from the report's words (colloquial, synonym, multi_part…)
    standalone: bool | None = None  # follow-ups: must the last turn be read on its own (not merged with earlier ones)?
    interpreted_must: tuple[str, ...] = ()  # follow-ups: what the reading of the last turn must contain

    @property
    def question(self) -> str:
        return self.turns[-1]


def load_gold(path: Path) -> list[GoldItem]:
    """Every item of a .jsonl file, or of every .jsonl file in a folder, checked field by field."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise EvalError(f"no gold .jsonl files at {path}")
    items: list[GoldItem] = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                items.append(_item(line, f"{f}:{n}"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise EvalError(f"{item.source}: duplicate gold id {item.id!r}")
        seen.add(item.id)
    return items


def _item(line: str, where: str) -> GoldItem:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise EvalError(f"{where}: not JSON ({e.msg})") from e

    def field(name: str, kind: type, default: object = None) -> object:
        value = raw.get(name, default)
        if not isinstance(value, kind):
            raise EvalError(f"{where}: field {name!r} must be {kind.__name__}, got {value!r}")
        return value

    kind = field("type", str)
    if kind not in TYPES:
        raise EvalError(f"{where}: field 'type' must be one of {', '.join(TYPES)}, got {kind!r}")
    turns = raw["turns"] if "turns" in raw else [field("question", str)]
    if not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        raise EvalError(f"{where}: 'turns' must be a non-empty list of questions")
    try:
        evidence = tuple(Quote(e["township"], e["quote"]) for e in field("evidence", list, []))  # type: ignore[attr-defined]
    except (KeyError, TypeError) as e:
        raise EvalError(f"{where}: each evidence entry needs 'township' and 'quote'") from e
    standalone = raw.get("standalone")
    if standalone is not None and not isinstance(standalone, bool):
        raise EvalError(f"{where}: field 'standalone' must be true, false or absent, got {standalone!r}")
    return GoldItem(id=str(field("id", str)), type=kind, turns=tuple(turns),  # type: ignore[arg-type]
                    answer=str(field("answer", str, "")), must_include=tuple(field("must_include", list, [])),  # type: ignore[arg-type]
                    townships=tuple(field("townships", list, [])), evidence=evidence, source=where,  # type: ignore[arg-type]
                    split=Path(where.rsplit(":", 1)[0]).stem, form=raw.get("form"), standalone=standalone,
                    interpreted_must=tuple(raw.get("interpreted_must") or ()))


def locate(item: GoldItem, reports: Sequence[ReportRow], texts: dict[str, str]) -> list[Span]:
    """The span of each evidence quote in its township's report; an error names a quote that is not there."""
    spans = []
    for q in item.evidence:
        rows = [r for r in reports if r.meta.township == q.township]
        quote = fold(q.quote)  # a quote of a report in traditional characters is found in its text as qa reads it
        found = [Span(r.id, i, i + len(quote)) for r in rows if (i := texts[r.id].find(quote)) >= 0]
        if not found:
            raise EvalError(f"{item.source}: gold quote {q.quote!r} does not occur in any report of {q.township}")
        spans.append(found[0])
    return spans


_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
# Words that ask rather than say what is asked about: left out of a question's bigrams
ASKING = ("哪几个", "有没有", "是不是", "多少", "哪些", "哪个", "是否", "什么", "怎么", "怎样", "如何", "请问", "几", "吗", "呢")


def evidence_overlap(item: GoldItem, names: Iterable[str]) -> float | None:
    """The share of the question's Chinese character bigrams found in its evidence quotes (None: no evidence).

    Township names (`names`: every township's aliases), years, digits and asking words are left out, so the
    share measures how far the question's wording is from the report's (corpus split 0.655, paraphrase 0.159).
    """
    if not item.evidence:
        return None
    question = item.question
    for name in sorted(names, key=len, reverse=True):
        question = question.replace(name, " ")
    question = re.sub(r"\d+\s*年?", " ", question)
    for word in ASKING:
        question = question.replace(word, " ")
    grams = set(_HAN_PAIR.findall(question))
    if not grams:
        return 0.0
    quotes = "\n".join(q.quote for q in item.evidence)
    return sum(g in quotes for g in grams) / len(grams)
