"""Follow-ups: a question that leans on the previous turn is rewritten to stand alone.

「唐驿镇有多少人领取了行政执法证？」 then 「那塔布勒合特乡呢？」 → 「塔布勒合特蒙古民族乡有多少人领取了行政执法证？」
「嘎美乡开展了多少场国家安全教育宣传？」 then 「禁毒宣传呢？」 → 「嘎美乡禁毒宣传多少场？」
A question that names its own scope stands alone: it names a township (「后台乡的调解员每个月都开会吗？」) or
asks across townships (「哪些乡镇聘请了村法律顾问？」), or is a whole question of its own (`_leans_back`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa.retrieval.filters import YEAR, parse_filters, without_places
from qa.store.registry import ReportRow

_LEAD = re.compile(r"^(那么|那|还有|另外|再问一下|然后)[，,\s]*")
_TAIL = re.compile(r"(呢|怎么样|情况如何|如何|的情况)?[？?。.!！\s]*$")
_ASKS = re.compile(r"多少\w?|几[个名人次件场期所家处项份起户条]|是否|有没有|吗|哪些|哪个|是谁|什么")  # borrowed by 「…呢？」
_ASKING = re.compile(r"多少|几|是否|没有|吗|哪|谁|什么|啥|怎|如何|为什么|为何|何时|咋|么")  # a question's own asking word
_FILLER = re.compile(r"那边|这边|那里|这里|方面|[的了在和与及]")
# Asking across townships names its own scope: 哪些乡镇, 各乡镇, 哪个乡镇…最多, 几个乡镇. (「哪边…多？」 and 「谁家…？」
# choose among the places of the previous turn: they lean on it.)
_ACROSS = re.compile(r"(哪些|哪几个?|哪个|哪一个|几个|多少个|各个?|所有|每个|每一个|全部)(乡镇|乡|镇|团|地方|报告)")
# Words that point back at the previous turn: the question is not whole without it.
_REFERS = re.compile(r"^(这|那个|那些|其中|他们|它们|上述|该|此)|这些|这个|这项|这次|那些|那个|上面|上述|刚才|其中")
# A question no longer than this (without its lead and tail) is read as leaning on the previous one: 「参与人员有多少？」
WHOLE_QUESTION = 12


@dataclass(frozen=True)
class Followup:
    """The standalone question, and whether it swapped the place of the previous one (「那X呢？」)."""

    question: str
    swapped_place: bool


def standalone(question: str, history: Sequence[str], reports: Sequence[ReportRow]) -> Followup | None:
    """What `question` means given the earlier user turns, or None when it already stands alone."""
    if not history:
        return None
    earlier = standalone(history[-1], history[:-1], reports)
    prev = earlier.question if earlier else history[-1]
    now = parse_filters(question, reports)
    if now.unknown and not now.townships:  # it names a place of its own, one no report is of
        return None
    core = _TAIL.sub("", _LEAD.sub("", question.strip()))
    content = _FILLER.sub("", YEAR.sub("", without_places(core, reports))).replace(" ", "")
    if now.townships:
        if len(content) <= 1:  # 「那色务乡呢？」, 「塔布勒合特那边呢？」: the previous question, asked of another place
            before = parse_filters(prev, reports)
            return Followup(_swap_place(prev, before.townships, now.townships, reports), swapped_place=True)
        return None  # it names its own place
    before = parse_filters(prev, reports)
    if before.townships and not _ACROSS.search(question) and _leans_back(question, core):
        # 「禁毒宣传呢？」: same place, new topic
        asks = "" if _ASKING.search(core) else "".join(_ASKS.findall(prev)[:1])
        years = "".join(f"{y}年" for y in before.years if not now.years)
        return Followup(f"{'、'.join(before.townships)}{years}{core}{asks}？", swapped_place=False)
    return None


def _leans_back(question: str, core: str) -> bool:
    """Is `question` (`core` without its lead and tail) not a whole question of its own?

    It leans back when it has a lead or tail (那…, …呢), points back (这些, 其中), has no asking word of its own,
    or is short (`WHOLE_QUESTION`).
    """
    marked = core != question.strip().rstrip("？?")
    return marked or bool(_REFERS.search(core)) or not _ASKING.search(core) or len(core) <= WHOLE_QUESTION


def _swap_place(prev: str, old: tuple[str, ...], new: tuple[str, ...], reports: Sequence[ReportRow]) -> str:
    """The previous question with its township(s) replaced; its year kept only where the new place can be asked it."""
    text = re.sub(r"^[和与及、，\s]+", "", re.sub(r" +", "", without_places(prev, reports, townships=old)))
    swapped = "、".join(new) + text
    if parse_filters(swapped, reports).unknown:  # 2023 was the old place's report year; the new place may only have 2024
        swapped = "、".join(new) + re.sub(r"^[和与及、，\s]+", "", YEAR.sub("", text))
    return swapped
