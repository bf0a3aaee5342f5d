"""Quotes shown in the characters their report is written in.

qa reads every report in simplified characters (qa.chars.fold: one character for one), so a question in simplified
finds a report published in traditional ones; what an official reads is the report's own text: each citation's
passage is taken from the original at the same offsets, and the answer's text quotes it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from difflib import SequenceMatcher

from qa.types import Answer, Citation


def in_own_characters(answer: Answer, originals: Mapping[str, str]) -> Answer:
    """`answer` with the passages of reports written in traditional characters as they are written."""
    if not originals:
        return answer
    swaps: list[tuple[str, str]] = []

    def own(c: Citation) -> Citation:
        original = originals.get(c.report_id)
        if original is None or original[c.start:c.end] == c.text or len(original) < c.end:
            return c
        shown = original[c.start:c.end]
        swaps.append((c.text, shown))
        return replace(c, text=shown)

    citations = tuple(own(c) for c in answer.citations)
    related = tuple(own(c) for c in answer.related)
    reports = tuple(replace(r, citations=tuple(own(c) for c in r.citations)) for r in answer.reports)
    return replace(answer, answer=_quoted_as_written(answer.answer, swaps), citations=citations, related=related,
                   reports=reports)


QUOTE_CHARS = 4  # a run shorter than this shared by an answer and a passage is a name or a date, not a quote


def _quoted_as_written(text: str, swaps: list[tuple[str, str]]) -> str:
    """`text` with every run of it quoted from a passage (the whole sentence or a clause of it) in the passage's
    own characters; a fold keeps lengths, so each run is replaced in place."""
    chars = list(text)
    for folded, shown in swaps:
        matcher = SequenceMatcher(None, text, folded, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            if size >= QUOTE_CHARS:
                chars[a:a + size] = shown[b:b + size]
    return "".join(chars)
