"""What is said to qa rather than asked of the reports: a greeting, thanks, who are you.

A chat client's first message is often 「你好」; answering it with a refusal and passages about a hotline tells an
official nothing. The reply says what qa can answer, from what is loaded, with a few questions to start from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.store.registry import ReportRow
from qa.types import Answer

_END = r"[\s!！。.,，~～?？呀啊呢吧哈]*$"
_GREETING = re.compile(rf"^(你好|您好|大家好|哈喽|嗨|hi|hello|hey|早上好|上午好|中午好|下午好|晚上好|早|在吗|在不在)+{_END}",
                       re.IGNORECASE)
_THANKS = re.compile(rf"^(谢谢|多谢|感谢|谢了|辛苦了|好的|好|明白了|知道了|收到|ok|okay|thanks|thank you)+(你|您)?{_END}",
                     re.IGNORECASE)
_BYE = re.compile(rf"^(再见|拜拜|bye|goodbye)+{_END}", re.IGNORECASE)
_WHO = re.compile(rf"^(你是谁|你是什么|你能做什么|你可以做什么|你会什么|你能干什么|你有什么用|怎么用|如何使用|帮助|help){_END}",
                  re.IGNORECASE)


def small_talk(question: str, reports: Sequence[ReportRow]) -> Answer | None:
    """The reply to a greeting, thanks or 「你能做什么」; None for a question about the reports."""
    q = question.strip()
    if _THANKS.match(q):
        text = "不客气。还有想查的，直接问就行，例如某个乡镇的某项工作做了多少。"
    elif _BYE.match(q):
        text = "再见。"
    elif _GREETING.match(q) or _WHO.match(q):
        text = _introduction(reports)
    else:
        return None
    return Answer(question=question, answer=text, mode="extractive", refused=False)


def _introduction(reports: Sequence[ReportRow]) -> str:
    townships = list(dict.fromkeys(r.meta.township for r in reports if r.meta.township))
    years = sorted({r.meta.year for r in reports if r.meta.year})
    if not reports:
        return "你好！我回答乡镇法治政府建设报告里的问题，每个回答都标出引用的原文。目前还没有导入报告，请管理员先上传。"
    shown = "、".join(townships[:6]) + (f"等{len(townships)}个乡镇" if len(townships) > 6 else "")
    span = f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年" if years else ""
    first = townships[0] if townships else "某乡镇"
    return (f"你好！我回答已收录的{len(reports)}份法治政府建设报告里的问题（{shown}，{span}），"
            "每个回答都标出引用的原文句子，可以点开核对。\n"
            f"可以这样问：「{first}有多少人领取了行政执法证？」「哪些乡镇聘请了村法律顾问？」"
            f"「{first}下一年的工作计划是什么？」")
