"""The one path from an HTTP request to answer events, shared by /api/ask, /api/chat and /v1/chat/completions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict

from qa.answer.ask import EVERY_REPORT, Scope, answer_prepared, prepare, writer_events
from qa.answer.llm import Delta, label
from qa.api.deps import Services
from qa.errors import BadQuestionError
from qa.types import Answer

Event = Delta | Answer


def answer_events(services: Services, question: str, history: Sequence[str] = (), scope: Scope = EVERY_REPORT
                  ) -> Iterator[Event]:
    """Deltas of the answer text, then the final Answer. The extractive part runs now, in its lane.

    Each thread reads the registry through its own connection and the embedder serialises its own engine
    calls; the lanes keep questions of one kind from fighting over the cores; uploads take only the write lock.
    The LLM writes outside the lanes (it waits on another machine).
    """
    s = services
    with s.lanes.lane("single"):  # reading the question (jieba, follow-ups, terms) is single-lane work too
        prepared = prepare(question, store=s.store, history=history, scope=scope)
    with s.lanes.lane(prepared.kind):
        extractive = answer_prepared(prepared, store=s.store, embedder=s.embedder, k=s.settings.top_k)
    if s.writer:
        return writer_events(extractive, s.writer)
    return iter([Delta(extractive.answer), extractive])


def final(events: Iterator[Event]) -> Answer:
    *_, answer = events
    assert isinstance(answer, Answer)
    return answer


def split_messages(messages: Sequence[tuple[str, str]]) -> tuple[str, list[str]]:
    """(the last user message, the user messages before it) from a chat's (role, content) pairs."""
    users = [content for role, content in messages if role == "user" and content.strip()]
    if not users:
        raise BadQuestionError("the conversation has no user message")
    return users[-1], users[:-1]


def markdown_lines(text: str) -> str:
    """Text whose lines stay lines in a Markdown renderer (a single newline joins them into one paragraph)."""
    return re.sub(r"\n+", "\n\n", text)


def markdown_sources(answer: Answer) -> str:
    """The citations as a Markdown list under a bold head, for chat clients that render Markdown."""
    cited = answer.citations or answer.related
    if not cited:
        return ""
    head = "**来源：**" if answer.citations else "**相关段落（仅供参考）：**"
    items = "\n".join(f"- [{c.n}] {label(c)}：{_md_escape(c.text)}" for c in cited)
    return f"\n\n{head}\n\n{items}"


def _md_escape(text: str) -> str:
    """A passage shown as it is: the characters Markdown reads as markup (*, _, `, <, #…) escaped."""
    return re.sub(r"([\\`*_<>#|\[\]])", r"\\\1", " ".join(text.split()))


def sse(event: str, data: object) -> str:
    payload = asdict(data) if isinstance(data, Answer) else data  # type: ignore[arg-type]
    # U+2028/U+2029 are line breaks to JavaScript's line splitting (the page's SSE parser): escaped, as JSON allows
    text = json.dumps(payload, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"event: {event}\ndata: {text}\n\n"
