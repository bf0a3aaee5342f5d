"""Requests a chat client sends on its own behalf, not an official's question: name the chat, tag it, suggest
follow-ups. Open WebUI sends them as a user message that starts 「### Task:」; LobeChat and others ask in Chinese for a
title of at most 10 characters. Answered as such (a short title from the chat's first question), never as a question
to the reports, whose refusal would become the chat's title.
"""

from __future__ import annotations

import json
import re

_TASK = re.compile(r"^\s*#{1,3}\s*Task\s*:", re.IGNORECASE)
_TITLE = re.compile(r"\btitle\b|标题", re.IGNORECASE)
_TITLE_ASK = re.compile(r"(生成|总结|概括|起|取|拟).{0,12}标题|标题.{0,8}(生成|总结|概括)|generate.{0,40}\btitle\b",
                        re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"\btags?\b|标签", re.IGNORECASE)
_FOLLOW_UPS = re.compile(r"follow[- ]?up", re.IGNORECASE)
# The chat inside the task: Open WebUI's <chat_history> with USER:/ASSISTANT: lines, or plain 用户：/user: lines
_FIRST_USER = re.compile(r"(?:^|\n)\s*(?:USER|User|user|用户)\s*[:：]\s*(.+)")
TITLE_CHARS = 16


def client_task(message: str, history: list[str]) -> str | None:
    """The reply to a chat client's own request (title, tags, follow-up suggestions), or None for a question."""
    is_task = bool(_TASK.match(message))
    if not (is_task or _TITLE_ASK.search(message)):
        return None
    wants_json = "json" in message.lower()
    if _TITLE.search(message) or _TITLE_ASK.search(message):
        title = _title(message, history)
        return json.dumps({"title": title}, ensure_ascii=False) if wants_json else title
    if _TAGS.search(message):
        return json.dumps({"tags": ["法治政府建设", "乡镇报告"]}, ensure_ascii=False) if wants_json else "法治政府建设"
    if _FOLLOW_UPS.search(message):
        return json.dumps({"follow_ups": []}) if wants_json else ""
    return "" if is_task else None


def _title(message: str, history: list[str]) -> str:
    found = _FIRST_USER.search(message)
    first = found.group(1) if found else (history[0] if history else "")
    first = re.sub(r"[\s？?！!。，,]+", " ", first).strip()
    return first[:TITLE_CHARS] or "报告问答"
