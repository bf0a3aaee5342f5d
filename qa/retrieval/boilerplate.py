"""Template phrases: sentences that most reports repeat (学习贯彻习近平法治思想…), found by shared character n-grams.

Such a sentence can match a question in every report, yet says nothing about any one township,
so questions across reports must not count it as a township's evidence.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable

import numpy as np

GRAM = 6
BUCKETS = 1 << 22  # hashed n-gram counters: 8 MB whatever the corpus size
TEMPLATE_SHARE = 0.5  # a sentence is a template when half its n-grams are common to many reports
MIN_REPORTS = 3


class Boilerplate:
    """How many reports contain each (hashed) character n-gram."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts = np.zeros(BUCKETS, dtype=np.uint16)
        self.reports = 0
        for text in texts:
            self.reports += 1
            grams = np.unique(np.fromiter(_hashes(text), dtype=np.int64))
            self.counts[grams] = np.minimum(self.counts[grams].astype(np.int64) + 1, 65535).astype(np.uint16)
        self.common = max(MIN_REPORTS, math.ceil(0.5 * self.reports))

    def share(self, sentence: str) -> float:
        """The share of the sentence's n-grams that at least `common` reports contain."""
        grams = np.fromiter(_hashes(sentence), dtype=np.int64)
        if not len(grams):
            return 0.0
        return float(np.mean(self.counts[grams] >= self.common))

    def is_template(self, sentence: str) -> bool:
        return self.reports >= MIN_REPORTS and self.share(sentence) >= TEMPLATE_SHARE


def _hashes(text: str) -> Iterable[int]:
    compact = "".join(ch for ch in text if not ch.isspace() and ch not in "，。、；：“”（）《》,.;:()")
    for i in range(len(compact) - GRAM + 1):
        yield zlib.crc32(compact[i:i + GRAM].encode()) % BUCKETS
