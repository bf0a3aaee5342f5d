"""Numbers an answer states, and which of them its cited passages do not contain."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# What qa writes around quoted passages, not claims from them: [n] citation markers, list numbers,
# the count of reports it checked and the report-year label taken from each report's metadata.
_FURNITURE = re.compile(r"\[\d+\]|^\d+\.\s|共检查\d+份报告|其中\d+个乡镇|[（(]\d{4}年[）)]", re.MULTILINE)


def numbers(text: str) -> list[str]:
    """The numbers in `text` as written (full-width digits folded), e.g. ['52', '52.17']."""
    return _NUMBER.findall(unicodedata.normalize("NFKC", text))


def claimed_numbers(answer: str) -> list[str]:
    """The numbers an answer states as facts: all of them but qa's own furniture."""
    return numbers(_FURNITURE.sub(" ", answer))


def unsupported_numbers(answer: str, sources: Iterable[str]) -> list[str]:
    """Numbers the answer claims that occur in none of `sources`."""
    known = {n for s in sources for n in numbers(s)}
    return [n for n in claimed_numbers(answer) if n not in known]
