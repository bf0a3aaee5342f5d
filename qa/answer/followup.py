"""Follow-ups: a question that leans on the previous turn is rewritten to stand alone.

「唐驿镇有多少人领取了行政执法证？」 then 「那塔布勒合特乡呢？」 → 「塔布勒合特蒙古民族乡有多少人领取了行政执法证？」
「嘎美乡开展了多少场国家安全教育宣传？」 then 「禁毒宣传呢？」 → 「嘎美乡禁毒宣传多少场？」
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.retrieval.filters import YEAR, parse_filters, township_aliases
from qa.store.registry import ReportRow

_LEAD = re.compile(r"^(那么|那|还有|另外|再问一下|然后)[，,\s]*")
_TAIL = re.compile(r"(呢|怎么样|情况如何|如何|的情况)?[？?。.!！\s]*$")
_ASKS = re.compile(r"多少\w?|几[个名人次件场期所家处项份起户条]|是否|有没有|吗|哪些|哪个|是谁|什么")
_FILLER = re.compile(r"[的了在和与及]")


@dataclass(frozen=True)
class Followup:
    """The standalone question, and whether it swapped the place of the previous one (「那X呢？」)."""

    question: str
    swapped_place: bool


def standalone(question: str, history: Sequence[str], reports: list[ReportRow]) -> Followup | None:
    """What `question` means given the earlier user turns, or None when it already stands alone."""
    if not history:
        return None
    earlier = standalone(history[-1], history[:-1], reports)
    prev = earlier.question if earlier else history[-1]
    now, before = parse_filters(question, reports), parse_filters(prev, reports)
    core = _TAIL.sub("", _LEAD.sub("", question.strip()))
    content = core
    for t in now.townships:
        for alias in sorted(township_aliases(t), key=len, reverse=True):
            content = content.replace(alias, "")
    content = _FILLER.sub("", YEAR.sub("", content)).strip()
    if now.townships and len(content) <= 1:  # 「那色务乡呢？」: the previous question, asked of another place
        return Followup(_swap_place(prev, before.townships, now.townships, reports), swapped_place=True)
    elliptic = core != question.strip().rstrip("？?") or len(core) <= 12
    if not now.townships and before.townships and elliptic:  # 「禁毒宣传呢？」: same place, new topic
        asks = "" if _ASKS.search(core) else "".join(_ASKS.findall(prev)[:1])
        years = "".join(f"{y}年" for y in before.years if not now.years)
        return Followup(f"{'、'.join(before.townships)}{years}{core}{asks}？", swapped_place=False)
    return None


def _swap_place(prev: str, old: tuple[str, ...], new: tuple[str, ...], reports: list[ReportRow]) -> str:
    """The previous question with its township(s) replaced; its year kept only where the new place has it."""
    text = prev
    for t in old:
        for alias in sorted(township_aliases(t), key=len, reverse=True):
            text = text.replace(alias, "")
    years = {int(y) for y in YEAR.findall(text)}
    have = {r.meta.year for r in reports if r.meta.township in new}
    if years and not years <= have:  # 2023 was the old place's report year; the new place may only have 2024
        text = YEAR.sub("", text)
    text = re.sub(r"^[和与及、，\s]+", "", text)
    return "、".join(new) + text
