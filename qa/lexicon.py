"""The domain lexicon: words officials and reports use for the same thing, read from qa/data/lexicon.txt.

It lives beside qa/types.py rather than in qa/answer because the store's tokenizer reads it too (to keep
its terms whole), and the store imports nothing from the stages above it.

>>> lexicon = load_lexicon()
>>> lexicon.forms("电诈")[:2]
('反电信网络诈骗', '电信网络诈骗')
>>> "宪法日" in lexicon.jieba_words()
True
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from qa.errors import LexiconError

DEFAULT_PATH = Path(__file__).parent / "data" / "lexicon.txt"

_SEPARATORS = re.compile(r"[\s、]+")
# what jieba's default cut can return as one token: runs of Han characters, letters and digits
_ONE_JIEBA_TOKEN = re.compile(r"[\u4e00-\u9fd5A-Za-z0-9]*[\u4e00-\u9fd5][\u4e00-\u9fd5A-Za-z0-9]*")


@dataclass(frozen=True)
class Entry:
    """One line of the lexicon: `words` find each other and `also`; `also` (one-way) finds nothing back."""

    words: tuple[str, ...]
    also: tuple[str, ...]
    section: str
    line: int


@dataclass(frozen=True)
class Lexicon:
    """Equivalence entries by class, and the terms the tokenizer keeps whole."""

    entries: tuple[Entry, ...]
    keep_whole: tuple[str, ...]
    source: str

    @cached_property
    def _forms(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, dict[str, None]] = {}
        for e in self.entries:
            for w in e.words:
                found.setdefault(w, {w: None}).update(dict.fromkeys((*e.words, *e.also)))
        # stable sort: among forms of one length, the term itself first, then the file's order
        return {w: tuple(sorted(forms, key=len, reverse=True)) for w, forms in found.items()}

    def forms(self, term: str) -> tuple[str, ...]:
        """`term` and every word it finds, longest first, each once; just `term` when the lexicon lacks it.

        The lookup is exact: pass the question's token (电诈), then search the forms as substrings."""
        return self._forms.get(term, (term,))

    @cached_property
    def _narrower(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for e in self.entries:
            for w in e.words:
                found.setdefault(w, set()).update(e.also)
        return {w: frozenset(n) for w, n in found.items()}

    def narrower(self, term: str) -> frozenset[str]:
        """The words `term` finds one way (诈骗 -> 反诈, 防诈): particular wordings of it, not other words for it."""
        return self._narrower.get(term, frozenset())

    def groups_of(self, term: str) -> tuple[Entry, ...]:
        """The entries `term` is on, finding or found (one-way)."""
        return tuple(e for e in self.entries if term in e.words or term in e.also)

    def jieba_words(self) -> list[str]:
        """Every term of two or more characters that jieba can return as one token, each once, in file order."""
        words = [w for e in self.entries for w in (*e.words, *e.also)] + list(self.keep_whole)
        return [w for w in dict.fromkeys(words) if len(w) >= 2 and _ONE_JIEBA_TOKEN.fullmatch(w)]

    @cached_property
    def _finding(self) -> tuple[str, ...]:
        return tuple(w for w, forms in self._forms.items() if len(forms) > 1)

    def words_in(self, text: str) -> list[str]:
        """The words of `text` that find other words (电诈 in 「嘎美防邪教、反电诈…」), as substrings, in file order."""
        return [w for w in self._finding if w in text]

    def __contains__(self, term: object) -> bool:
        return term in self._forms


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """The lexicon in `path` (qa/data/lexicon.txt by default), read once per path; LexiconError names the line."""
    return _load(Path(path).resolve() if path is not None else DEFAULT_PATH)


@functools.cache
def _load(path: Path) -> Lexicon:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise LexiconError(path, 0, f"cannot read it ({e})") from e
    return parse_lexicon(text, source=str(path))


def parse_lexicon(text: str, *, source: str = "<text>") -> Lexicon:
    """Parse the lexicon's text (syntax at the top of qa/data/lexicon.txt)."""
    entries: list[Entry] = []
    keep: list[str] = []
    section = ""
    seen: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("##"):
            section = stripped.lstrip("#").strip()
            if not section:
                raise LexiconError(source, n, "a class header (##) needs a title")
            continue
        line = stripped.split("#", 1)[0].strip()
        if not line:
            continue
        if not section:
            raise LexiconError(source, n, "an entry before any class header (## title)")
        if line.startswith("+"):
            words = _words(line[1:], source, n)
            if not words:
                raise LexiconError(source, n, "a keep-whole line (+) names no term")
            keep.extend(words)
            continue
        if "+" in line:
            raise LexiconError(source, n, "'+' only starts a keep-whole line")
        left, arrow, right = line.partition(">")
        if ">" in right:
            raise LexiconError(source, n, "more than one '>' (one-way lines have one: 甲 乙 > 丙 丁)")
        words, also = _words(left, source, n), _words(right, source, n)
        if arrow and not (words and also):
            raise LexiconError(source, n, f"a one-way line needs words on both sides of '>': {line!r}")
        if not arrow and len(words) < 2:
            raise LexiconError(source, n, f"a group needs two or more words: {line!r}")
        if twice := set(words) & set(also):
            raise LexiconError(source, n, f"{'、'.join(sorted(twice))} on both sides of '>'")
        key = (frozenset(words), frozenset(also))
        if key in seen:
            raise LexiconError(source, n, f"the same entry as line {seen[key]}")
        seen[key] = n
        entries.append(Entry(tuple(words), tuple(also), section, n))
    return Lexicon(tuple(entries), tuple(dict.fromkeys(keep)), source)


def _words(part: str, source: str, n: int) -> list[str]:
    words = [w for w in _SEPARATORS.split(part) if w]
    if repeated := [w for w, count in Counter(words).items() if count > 1]:
        raise LexiconError(source, n, f"{'、'.join(repeated)} written twice on the line")
    return words
