"""Find a report's township, county, year and title in its cleaned text."""

from __future__ import annotations

import re
from collections import Counter

from qa.types import ReportMeta

_CN = r"\u4e00-\u9fff"
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)")
# A township-level name: ends in 乡/镇/街道/团 (民族乡 included), as titles write them.
_TOWNSHIP = re.compile(rf"[{_CN}]{{1,16}}?(?:民族乡|街道|乡|镇|团)(?=20\d\d|法治|依法|关于|年度|工作|（|$)")
_COUNTY_PREFIX = re.compile(rf"^([{_CN}]{{1,6}}?(?:自治县|自治旗|县|市|区|旗))(?=[{_CN}]{{2,}})")
_YEAR = re.compile(r"(20\d\d)\s*年")
_PLAN_AFTER = re.compile(r"^(度)?(重点|工作计划|工作打算|工作思路|工作安排|主要目标|目标任务|计划|打算|要点)")
_NOT_PLACE = {"治县", "全县", "本县", "该县", "我县", "各县", "县市", "全市", "本市", "我市", "该市", "全区", "本区",
              "我区", "城区", "市区", "辖区", "社区", "景区", "园区", "片区", "山区", "牧区", "库区", "矿区", "校区",
              "小区", "师市", "兵团"}
_GENERIC_TOWNSHIP = re.compile(r"^(全|本|我|该|各|每|乡|镇|团|街道|所在|驻地|哪|这|那|其他|有关)")


def find_meta(text: str) -> ReportMeta:
    """Township, county, year and title from the text itself, never from the file name."""
    title = find_title(text)
    head = title or ""
    township, county = _township_and_county(head)
    if township is None:
        township, county2 = _township_and_county(_first_paragraph(text))
        county = county or county2
    if county is None:
        county = _county_in(_first_paragraph(text))
    return ReportMeta(township=township, county=county, year=find_year(text, title), title=title)


def find_title(text: str) -> str | None:
    """The opening short lines (a title often wraps onto a second line)."""
    parts: list[str] = []
    for line in text.split("\n")[:4]:
        if len(line) > 45 or _HEADING.match(line) or (parts and line.endswith(("。", "：", ":"))):
            break
        parts.append(line)
    return "".join(parts) or None


def _first_paragraph(text: str) -> str:
    for line in text.split("\n")[:6]:
        if len(line) > 45:
            return line
    return text[:300]


def _township_and_county(head: str) -> tuple[str | None, str | None]:
    for m in _TOWNSHIP.finditer(head):
        name = m.group(0)
        county = None
        cm = _COUNTY_PREFIX.match(name)
        if cm:
            county, name = cm.group(1), name[cm.end():]
        if len(name) >= 2 and not _GENERIC_TOWNSHIP.match(name):
            return name, county
    return None, None


def _county_in(paragraph: str) -> str | None:
    import jieba.posseg  # HMM place-name tagging; only the opening paragraph is tagged

    for word, flag in jieba.posseg.cut(paragraph):
        if flag == "ns" and len(word) >= 2 and word.endswith(("县", "市", "区", "旗")) and word not in _NOT_PLACE:
            return word
    return None


def find_year(text: str, title: str | None = None) -> int | None:
    """The year reported on: the title's year, else the year the body speaks of most.

    Years that introduce next year's plan (2024年重点工作) and dates of signature or publication
    do not count.
    """
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
    counts: Counter[int] = Counter()
    for m in _YEAR.finditer(text):
        if _PLAN_AFTER.match(text[m.end():m.end() + 6]):
            continue
        if re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", text[m.end():m.end() + 8]):
            continue  # a full date: a signature or a publication date, not the period reported on
        counts[int(m.group(1))] += 1
    if not counts:
        return None
    top = max(counts.values())
    return min(y for y, c in counts.items() if c == top)
