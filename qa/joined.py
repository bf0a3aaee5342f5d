"""Many texts joined into one, so a word is searched once in all of them: checking 50,000 sentences for a question's
words costs a few scans of one string, not a Python loop per sentence and word."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np


class Joined:
    """Texts joined with NUL between them (a word never spans two)."""

    def __init__(self, texts: Sequence[str], *, remember: bool = False) -> None:
        self.texts = texts
        self.text = "\0".join(texts)
        self.starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
        # `remember`: a word's places are kept (for one question's texts, searched again by sentence; not for texts
        # kept long, where every word ever asked would stay)
        self._places: dict[str, np.ndarray] | None = {} if remember else None

    def places(self, word: str) -> np.ndarray:
        """Where `word` starts in the joined text, each time it occurs."""
        found = self._places.get(word) if self._places is not None else None
        if found is None:
            found = np.array([m.start() for m in re.finditer(re.escape(word), self.text)], dtype=np.int64)
            if self._places is not None:
                self._places[word] = found
        return found

    def rows(self, word: str) -> np.ndarray:
        """The indices of the texts holding `word` (ascending; a text may repeat, once for each occurrence)."""
        return np.searchsorted(self.starts, self.places(word), side="right") - 1

    def spans_holding(self, word: str, spans: Spans) -> np.ndarray:
        """Per span of the joined text (`Spans`: parts of the texts, such as their sentences), True when it holds
        `word` whole: the word is found once in the texts and its places are looked up among the spans."""
        at = self.places(word)
        found = np.zeros(len(spans.sorted_starts), dtype=bool)
        if len(at) and len(found):
            i = np.searchsorted(spans.sorted_starts, at, side="right") - 1
            inside = (i >= 0) & (at + len(word) <= spans.sorted_ends[np.maximum(i, 0)])
            found[i[inside]] = True
        return found[spans.place]

    def holding(self, words: Sequence[str]) -> np.ndarray:
        """Per text, True when it holds at least one of `words`."""
        found = np.zeros(len(self.texts), dtype=bool)
        for word in dict.fromkeys(words):
            found[self.rows(word)] = True
        return found


class Spans:
    """Spans (start, end) of a Joined's text, such as the sentences of its texts: in any order, a span may repeat,
    but two different spans do not overlap."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray) -> None:
        self.starts, self.ends = starts, ends
        self.sorted_starts, first, self.place = np.unique(starts, return_index=True, return_inverse=True)
        self.sorted_ends = ends[first]
