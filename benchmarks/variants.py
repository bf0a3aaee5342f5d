"""Larger corpora built from the real reports: township names, years and numbers varied per copy."""

from __future__ import annotations

import bisect
import os
import random
import re
from collections.abc import Iterator, Sequence

import numpy as np

from qa.retrieval.embed import Embedder, embed_in_batches
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


_VARIANT_NAME = re.compile(f"[{_NAMES}]{{2}}\\d+[乡镇]")


class ReusedVectors:
    """An Embedder for varied corpora: a variant text gets the vector of the source text it was made from.

    Texts are matched on a key that ignores what `variant` changes (digits, the township name); a text
    whose key is new (a chunk boundary moved) gets the source text sharing the longest key prefix. The
    sources are embedded for real, once; queries always are.
    """

    def __init__(self, embedder: Embedder, sources: list[Report], texts: list[str]) -> None:
        self.name, self.dim = embedder.name, embedder.dim
        self._embedder = embedder
        self._aliases = aliases = sorted({a for r in sources if r.meta.township for a in township_aliases(r.meta.township)},
                         key=len, reverse=True)
        keys = [_key(t, aliases) for t in texts]
        vectors = embed_in_batches(embedder, texts)
        by_key = dict(zip(keys, vectors, strict=True))
        self._keys = sorted(by_key)
        self._vectors = np.stack([by_key[k] for k in self._keys])
        self.exact = self.closest = 0

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[self._find(_key(t, self._aliases))] for t in texts]) if texts else \
            np.zeros((0, self.dim), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embedder.embed_query(text)

    def _find(self, key: str) -> int:
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            self.exact += 1
            return i
        self.closest += 1
        near = [j for j in (i - 1, i) if 0 <= j < len(self._keys)]
        return max(near, key=lambda j: len(os.path.commonprefix([self._keys[j], key])))


def _key(text: str, aliases: Sequence[str]) -> str:
    for alias in aliases:
        text = text.replace(alias, "@")
    return re.sub(r"\d", "", _VARIANT_NAME.sub("@", text))
