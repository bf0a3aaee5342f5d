"""Where a passage of a report's cleaned text is in the file it came from: the page of a PDF, the paragraph of a .docx.

An official checks a citation against the document on their desk; the cleaned text's offsets mean nothing there.
Cleaning drops debris, joins wrapped lines and may fold characters, so a passage is found again by its first
characters with whitespace and invisible characters left out on both sides, in simplified characters.
"""

from __future__ import annotations

import bisect
import functools
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from qa.chars import fold
from qa.errors import QAError
from qa.ingest.load import load

logger = logging.getLogger(__name__)

PROBE = 16  # characters of a passage looked for: enough to be unique in a few pages, short enough to stay on one page


@dataclass(frozen=True)
class Place:
    """A passage's place in its file: `page` (1-based) of a PDF, `paragraph` (1-based) of a .docx."""

    page: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class _Squeezed:
    chars: str  # the file's text without whitespace or invisible characters, folded to simplified
    at: tuple[int, ...]  # for each of them, its offset in the loaded text
    breaks: tuple[int, ...]  # offsets in the loaded text where a page (PDF) or a paragraph (.docx) starts
    kind: str  # "page" or "paragraph"


def _kept(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


@functools.lru_cache(maxsize=64)
def _squeezed(path: str, size: int, mtime_ns: int) -> _Squeezed | None:
    """The file read once per version (size and mtime are the cache key's part that changes with it)."""
    del size, mtime_ns
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        return None
    try:
        loaded = load(Path(path))
    except QAError as e:
        logger.info("cannot locate passages in %s: %s", path, e)
        return None
    text = fold(loaded.text)
    keep = [i for i, ch in enumerate(text) if _kept(ch)]
    if suffix == ".pdf":
        breaks, kind = loaded.pages or (0,), "page"
    else:  # python-docx gives one line per paragraph (and per table row); empty ones are not counted, as a reader
        starts = (0, *(i + 1 for i, ch in enumerate(text) if ch == "\n"))  # would not count them
        breaks, kind = tuple(s for s in starts if text[s:s + 200].split("\n", 1)[0].strip()), "paragraph"
    return _Squeezed("".join(text[i] for i in keep), tuple(keep), tuple(breaks), kind)


def locate(path: str | Path, passage: str) -> Place | None:
    """The page or paragraph of `path` where `passage` starts; None for other file types, a file that is gone,
    or a passage not found in it."""
    file = Path(path)
    try:
        stat = file.stat()
    except OSError:
        return None
    squeezed = _squeezed(str(file), stat.st_size, stat.st_mtime_ns)
    probe = "".join(ch for ch in fold(passage) if _kept(ch))
    if squeezed is None or not probe:
        return None
    for length in (PROBE, PROBE // 2):  # a probe may cross debris cleaning removed (a page number between pages)
        where = squeezed.chars.find(probe[:length])
        if where >= 0:
            number = bisect.bisect_right(squeezed.breaks, squeezed.at[where])
            return Place(page=number) if squeezed.kind == "page" else Place(paragraph=number)
    return None
