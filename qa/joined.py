"""Many texts joined into one, so a word is searched once in all of them: checking 50,000 sentences for a question's
words costs a few scans of one string, not a Python loop per sentence and word."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np


class Joined:
    """Texts joined with NUL between them (a word never spans two)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.text = "\0".join(texts)
        self.starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
        self._places: dict[str, np.ndarray] = {}

    def places(self, word: str) -> np.ndarray:
        """Where `word` starts in the joined text, each time it occurs (found once, then remembered)."""
        found = self._places.get(word)
        if found is None:
            found = self._places[word] = np.array([m.start() for m in re.finditer(re.escape(word), self.text)],
                                                  dtype=np.int64)
        return found

    def rows(self, word: str) -> np.ndarray:
        """The indices of the texts holding `word` (ascending; a text may repeat, once for each occurrence)."""
        return np.searchsorted(self.starts, self.places(word), side="right") - 1

    def spans_holding(self, word: str, spans: Spans) -> np.ndarray:
        """Per span of the joined text (`Spans`: parts of the texts, such as their sentences), True when it holds
        `word` whole: the word is found once in the texts and its places are looked up among the spans."""
        at = self.places(word)
        found = np.zeros(len(spans.starts), dtype=bool)
        if len(at) and len(spans.order):
            i = np.searchsorted(spans.sorted_starts, at, side="right") - 1
            inside = (i >= 0) & (at + len(word) <= spans.sorted_ends[np.maximum(i, 0)])
            found[spans.order[i[inside]]] = True
        return found

    def holding(self, words: Sequence[str]) -> np.ndarray:
        """Per text, True when it holds at least one of `words`."""
        found = np.zeros(len(self.texts), dtype=bool)
        for word in dict.fromkeys(words):
            found[self.rows(word)] = True
        return found


class Spans:
    """Spans (start, end) of a Joined's text that do not overlap, such as the sentences of its texts."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray) -> None:
        self.starts, self.ends = starts, ends
        self.order = np.argsort(starts, kind="stable")
        self.sorted_starts, self.sorted_ends = starts[self.order], ends[self.order]
