"""Parse a report's numbered outline into sections, each with its heading path.

Reports number their outline 一、 / （一） / 1. or 1、 / （1）, and enumerate inline with
一是…二是…. Numbering is often inconsistent (（2） beside （三）), so a heading whose style is new
but whose bracket family and number continue an open level is read as a sibling, not a child.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.types import Section

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
_STYLES: list[tuple[str, str, re.Pattern[str]]] = [
    # (style, family, pattern); group 1 is the number
    ("cn、", "cn、", re.compile(r"^([一二三四五六七八九十]{1,3})[、，．.]")),
    ("（cn）", "paren", re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]")),
    ("（n）", "paren", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("n.", "n.", re.compile(r"^(\d{1,2})[.．](?!\d)")),
    ("n、", "n、", re.compile(r"^(\d{1,2})、")),
]
_ITEM = re.compile(r"(?:^|(?<=[。；;！？!?]))([一二三四五六七八九十]{1,2})(?:是|要)(?=[\u4e00-\u9fff“])")
_TITLE_END = re.compile(r"[。；;：:]")
_CLAUSE_END = re.compile(r"[，,。；;：:、]")
SEPARATOR = " > "


@dataclass
class _Level:
    style: str
    family: str
    number: int
    title: str


def cn_number(s: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23; Arabic digits pass through."""
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return sum(_CN_DIGITS[c] * 10**i for i, c in enumerate(reversed(s)))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def parse_sections(text: str) -> list[Section]:
    """Split the cleaned text into sections, each with its heading path.

    Together they cover every non-blank character except bare heading lines whose title lives on
    in the paths of the sections under them.
    """
    bounds: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    stack: list[_Level] = []
    pos = 0
    for line in text.split("\n"):
        heading = _heading(line)
        if heading is not None:
            style, family, number = heading
            stack = _place(stack, style, family, number, _heading_title(line))
            bounds.append((pos, tuple(level.title for level in stack)))
        path = tuple(level.title for level in stack)
        items = list(_ITEM.finditer(line))
        for i, m in enumerate(items):
            nxt = items[i + 1].start() if i + 1 < len(items) else len(line)
            bounds.append((pos + m.start(), (*path, _item_title(line[m.start():nxt]))))
        if items:
            bounds.append((pos + len(line), path))
        pos += len(line) + 1
    return _spans(text, bounds)


def _heading(line: str) -> tuple[str, str, int] | None:
    for style, family, pattern in _STYLES:
        m = pattern.match(line)
        if m:
            return style, family, cn_number(m.group(1))
    return None


def _place(stack: list[_Level], style: str, family: str, number: int, title: str) -> list[_Level]:
    """The open levels after a heading: it closes its siblings and their children."""
    for depth in range(len(stack) - 1, -1, -1):
        level = stack[depth]
        same_style = level.style == style
        continues = level.family == family and number == level.number + 1
        if same_style or continues:
            # keep the level's first style so （2） then （三） stay one level
            return [*stack[:depth], _Level(level.style, family, number, title)]
    return [*stack, _Level(style, family, number, title)]


def _heading_title(line: str) -> str:
    """A heading line's title: the line, or its first sentence when body text follows inline."""
    m = _TITLE_END.search(line)
    title = line[: m.start()] if m else line
    if len(title) > 30:  # a long first sentence: its first clause names the topic
        clause = _CLAUSE_END.search(title, 4)
        title = title[: clause.start()] if clause else title[:30]
    return title.strip()


def _item_title(item: str) -> str:
    m = _CLAUSE_END.search(item)
    return (item[: m.start()] if m else item)[:30]


def _spans(text: str, bounds: list[tuple[int, tuple[str, ...]]]) -> list[Section]:
    bounds.sort(key=lambda b: b[0])  # stable: later bounds at the same offset win below
    sections: list[Section] = []
    for i, (start, path) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        sections.append(Section(start=start, end=end, path=path))
    return [s for i, s in enumerate(sections) if not _bare_heading(text, s, sections[i + 1 : i + 2])]


def _bare_heading(text: str, section: Section, following: list[Section]) -> bool:
    """A heading line with no body of its own, followed by the sections under it."""
    body = text[section.start:section.end].rstrip("。：:；;")
    if not section.path or body != section.path[-1] or not following:
        return False
    nxt = following[0].path
    return len(nxt) > len(section.path) and nxt[: len(section.path)] == section.path
