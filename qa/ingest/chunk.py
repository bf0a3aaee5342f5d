"""Cut sections into chunks: never across a section, only at sentence ends, under a size."""

from __future__ import annotations

import hashlib
import re

from qa.ingest.sections import SEPARATOR
from qa.sentences import sentence_spans
from qa.types import Chunk, Section

_CLAUSE = re.compile(r"[，,、：:]")


def chunk_id(report_id: str, start: int, end: int) -> str:
    """A chunk's id: its report's content hash and its span, so re-ingest reproduces it."""
    return hashlib.sha256(f"{report_id}:{start}:{end}".encode()).hexdigest()[:24]


def chunk(report_id: str, text: str, sections: list[Section], *, max_chars: int) -> list[Chunk]:
    """Pack each section's sentences greedily into chunks of at most `max_chars` characters.

    A sentence longer than `max_chars` is cut at clause marks (，、：), and only as a last
    resort mid-clause, so no chunk exceeds the limit.
    """
    chunks: list[Chunk] = []
    for section in sections:
        label = SEPARATOR.join(section.path)
        for start, end in _pack(_pieces(text, section, max_chars), max_chars):
            chunks.append(Chunk(id=chunk_id(report_id, start, end), report_id=report_id, ord=len(chunks),
                                section=label, start=start, end=end, text=text[start:end]))
    return chunks


def _pieces(text: str, section: Section, max_chars: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text, section.start, section.end):
        if e - s <= max_chars:
            pieces.append((s, e))
        else:
            pieces.extend(_split_long(text, s, e, max_chars))
    return pieces


def _split_long(text: str, s: int, e: int, max_chars: int) -> list[tuple[int, int]]:
    cuts = [m.end() for m in _CLAUSE.finditer(text, s, e)] + [e]
    out: list[tuple[int, int]] = []
    begin, last = s, s
    for cut in cuts:
        if cut - begin > max_chars and last > begin:
            out.append((begin, last))
            begin = last
        last = cut
    while e - begin > max_chars:  # a clause longer than the limit: cut it hard
        out.append((begin, begin + max_chars))
        begin += max_chars
    out.append((begin, e))
    return out


def _pack(pieces: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    packed: list[tuple[int, int]] = []
    for s, e in pieces:
        if packed and e - packed[-1][0] <= max_chars:
            packed[-1] = (packed[-1][0], e)
        else:
            packed.append((s, e))
    return packed
