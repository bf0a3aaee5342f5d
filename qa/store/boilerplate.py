"""Template phrases: sentences that most reports repeat (学习贯彻习近平法治思想…), found by shared character n-grams.

Such a sentence can match a question in every report, yet says nothing about any one township,
so questions across reports must not count it as a township's evidence. N-grams are hashed into a
fixed table and computed with numpy, so building over 5,000 reports and checking 10,000 sentences
are each a fraction of a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

GRAM = 6
BITS = 22
BUCKETS = 1 << BITS  # hashed n-gram counters: 8 MB whatever the corpus size
TEMPLATE_SHARE = 0.5  # a sentence is a template when half its n-grams are common to many reports
MIN_REPORTS = 3
_IGNORED = np.zeros(0x10000, dtype=bool)  # lookup table over the BMP: is this character left out of n-grams?
_IGNORED[[ord(c) for c in " \t\r\n\u3000，。、；：“”（）《》,.;:()"]] = True
_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top BITS bits of h·φ spread well
_BASE = np.uint64(1_000_003)


class Boilerplate:
    """How many reports contain each (hashed) character n-gram."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.counts = np.zeros(BUCKETS, dtype=np.uint16)
        self.reports = 0
        for text in texts:
            self.reports += 1
            grams = np.unique(_grams([text])[0])
            self.counts[grams] = np.minimum(self.counts[grams].astype(np.int64) + 1, 65535).astype(np.uint16)
        self.common = max(MIN_REPORTS, math.ceil(0.5 * self.reports))
        # sentences already judged (a question across 5,000 reports judges 12,000, mostly the same from question to
        # question: 15 ms of n-grams each time). At most every evidence sentence of the store, about 20 MB at ×1000.
        self._judged: dict[str, bool] = {}

    def share(self, sentence: str) -> float:
        """The share of the sentence's n-grams that at least `common` reports contain."""
        return float(self.shares([sentence])[0])

    def shares(self, sentences: Sequence[str]) -> np.ndarray:
        """`share` of many sentences in one vectorised pass."""
        grams, owners = _grams(list(sentences))
        common = (self.counts[grams] >= self.common).astype(np.float64)
        total = np.bincount(owners, minlength=len(sentences))
        found = np.bincount(owners, weights=common, minlength=len(sentences))
        return np.where(total > 0, found / np.maximum(total, 1), 0.0)

    def templates(self, sentences: Sequence[str]) -> np.ndarray:
        """For each sentence, whether it is a template."""
        if self.reports < MIN_REPORTS:
            return np.zeros(len(sentences), dtype=bool)
        judged = self._judged
        if new := list(dict.fromkeys(s for s in sentences if s not in judged)):
            judged.update(zip(new, (self.shares(new) >= TEMPLATE_SHARE).tolist(), strict=True))
        return np.fromiter((judged[s] for s in sentences), dtype=bool, count=len(sentences))

    def is_template(self, sentence: str) -> bool:
        return bool(self.templates([sentence])[0])


def _grams(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hashed character n-grams of all `texts` (whitespace and punctuation left out), and whose each is."""
    # which text each character belongs to, by the texts' lengths (a text may hold any character, NUL too)
    chars = np.frombuffer("".join(texts).encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    keep = ~_IGNORED[np.minimum(chars, len(_IGNORED) - 1)]
    chars, owner = chars[keep].astype(np.uint64), owner[keep]
    n = len(chars) - GRAM + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(GRAM):
        h = h * _BASE + chars[j:n + j]
    within = owner[:n] == owner[GRAM - 1:]  # n-grams do not run from one text into the next
    return ((h[within] * _MIX) >> np.uint64(64 - BITS)).astype(np.int64), owner[:n][within]
