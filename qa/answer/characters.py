"""Quotes shown in the characters their report is written in.

qa reads every report in simplified characters (qa.chars.fold: one character for one), so a question in simplified
finds a report published in traditional ones; what an official reads is the report's own text: each citation's
passage is taken from the original at the same offsets, and the answer's text quotes it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from qa.types import Answer, Citation


def in_own_characters(answer: Answer, originals: Mapping[str, str]) -> Answer:
    """`answer` with the passages of reports written in traditional characters as they are written."""
    if not originals:
        return answer
    swaps: dict[str, str] = {}

    def own(c: Citation) -> Citation:
        original = originals.get(c.report_id)
        if original is None or original[c.start:c.end] == c.text or len(original) < c.end:
            return c
        shown = original[c.start:c.end]
        swaps[c.text] = shown
        return replace(c, text=shown)

    citations = tuple(own(c) for c in answer.citations)
    related = tuple(own(c) for c in answer.related)
    reports = tuple(replace(r, citations=tuple(own(c) for c in r.citations)) for r in answer.reports)
    text = answer.answer
    for folded, shown in sorted(swaps.items(), key=lambda kv: -len(kv[0])):  # longer quotes first
        text = text.replace(folded, shown)
    return replace(answer, answer=text, citations=citations, related=related, reports=reports)
