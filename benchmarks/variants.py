"""Larger corpora built from the real reports: township names, years and numbers varied per copy."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from qa.retrieval.filters import township_aliases
from qa.types import Report

_NAMES = "东西南北新安永和丰平宁泰兴隆昌福康乐华青红白金石云山河湖林桥田沙"
_NUMBER = re.compile(r"(?<![\d.])\d{1,5}(?![\d.]*年)")


def variant(report: Report, i: int) -> tuple[str, str]:
    """Copy i of a report: a new township name (every alias replaced), another year, numbers scaled."""
    rng = random.Random(f"{report.id}:{i}")
    township = report.meta.township or "某乡"
    suffix = township[-1] if township[-1] in "乡镇" else "乡"
    new = "".join(rng.choice(_NAMES) for _ in range(2)) + f"{i}" + suffix
    text = report.text
    for alias in sorted(township_aliases(township), key=len, reverse=True):
        text = text.replace(alias, new)
    year = 2018 + rng.randrange(8)
    if report.meta.year:
        text = text.replace(f"{report.meta.year}年", f"{year}年")
    text = _NUMBER.sub(lambda m: str(max(1, round(int(m.group()) * rng.uniform(0.5, 1.5)))), text)
    return new, text


def variants(reports: list[Report], n: int) -> Iterator[tuple[str, str]]:
    """n report texts, cycling through the sources."""
    for i in range(n):
        yield variant(reports[i % len(reports)], i)
