"""Many texts joined into one, so a word is searched once in all of them: checking 50,000 sentences for a question's
words costs a few scans of one string, not a Python loop per sentence and word."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

# A text this long is searched as an array of character codes: a word is a few vectorised comparisons, where
# re.finditer builds a Match for each time the word occurs. Across 5,000 reports (15,000 candidate chunks, 1.9 million
# characters) the words of 「哪些乡镇聘请了村法律顾问？」 occur 342,000 times: 54 ms with finditer, about 20 with arrays.
# Shorter texts (one township's chunks) are searched with re: an array costs more to build than it saves there.
ARRAY_FROM = 20_000


class Joined:
    """Texts joined with NUL between them (a word never spans two)."""

    def __init__(self, texts: Sequence[str], *, remember: bool = False) -> None:
        self.texts = texts
        self.text = "\0".join(texts)
        self.starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
        # `remember`: a word's places are kept (for one question's texts, searched again by sentence; not for texts
        # kept long, where every word ever asked would stay)
        self._places: dict[str, np.ndarray] | None = {} if remember else None
        self._codes: np.ndarray | None = None
        self._firsts: dict[str, np.ndarray] = {}

    def places(self, word: str) -> np.ndarray:
        """Where `word` starts in the joined text, each time it occurs (overlapping times too: 一村一 twice in
        一村一村一)."""
        found = self._places.get(word) if self._places is not None else None
        if found is None:
            found = self._search(word)
            if self._places is not None:
                self._places[word] = found
        return found

    def _search(self, word: str) -> np.ndarray:
        if len(self.text) < ARRAY_FROM or not word:
            # every place, as the arrays find them: also those overlapping another (a lookahead consumes nothing)
            return np.array([m.start() for m in re.finditer(f"(?={re.escape(word)})", self.text)], dtype=np.int64)
        codes = self.codes()
        if max(map(ord, word)) > np.iinfo(codes.dtype).max:  # a character the text cannot hold
            return np.zeros(0, dtype=np.int64)
        want = np.array([ord(c) for c in word], dtype=codes.dtype)
        at = self._firsts.get(word[0]) if self._places is not None else None
        if at is None:  # the places of its first character (kept with the words': 法律, 法律顾问 and 法治 share them)
            at = np.flatnonzero(codes == want[0])
            if self._places is not None:
                self._firsts[word[0]] = at
        at = at[at < len(codes) - len(want) + 1]
        for k in range(1, len(want)):  # each next character narrows the places down
            at = at[codes[at + k] == want[k]]
        return at.astype(np.int64)

    def codes(self) -> np.ndarray:
        """The joined text's character codes (UTF-16 units when every character is one, as in Chinese text; else
        code points), built when first searched."""
        if self._codes is None:
            utf16 = np.frombuffer(self.text.encode("utf-16-le"), dtype=np.uint16)
            self._codes = utf16 if len(utf16) == len(self.text) else np.frombuffer(
                self.text.encode("utf-32-le"), dtype=np.uint32)
        return self._codes

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
