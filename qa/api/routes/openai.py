"""OpenAI-compatible chat completions, so chat front ends (Open WebUI, LobeChat) and Dify can use qa as a model.

The reply's text carries its [n] markers and a sources list at the end; the structured answer
(citations, per-report table) rides in the extra field `qa`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from qa.answer.llm import Delta
from qa.api.answering import Event, answer_events, final, markdown_lines, markdown_sources, split_messages
from qa.api.chat_tasks import client_task
from qa.api.deps import ServicesDep
from qa.api.routes.ask import SSE_HEADERS
from qa.api.schemas import OpenAIChatRequest, error_responses
from qa.types import Answer

router = APIRouter(tags=["openai"])
MODEL = "qa"


@router.get("/v1/models")
def models() -> dict[str, object]:
    """The one model qa offers."""
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "qa"}]}


@router.post("/v1/chat/completions", responses={200: {"content": {"text/event-stream": {}}}, **error_responses(400)})
def completions(body: OpenAIChatRequest, services: ServicesDep):  # type: ignore[no-untyped-def]
    """Answer the last user message (earlier ones make follow-ups work), in OpenAI's shape."""
    question, history = split_messages([(m.role, m.content) for m in body.messages])
    task = client_task(question, history)
    if task is not None:  # the client naming or tagging its chat: not a question to the reports
        events: Iterator[Event] = iter([Delta(task), Answer(question=question, answer=task, mode="task",
                                                            refused=False)])
    else:
        events = answer_events(services, question, history)
    cid, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
    if body.stream:
        return StreamingResponse(_chunks(events, cid, created, plain=task is not None),
                                 media_type="text/event-stream", headers=SSE_HEADERS)
    answer = final(events)
    content = answer.answer if task is not None else markdown_lines(answer.answer) + markdown_sources(answer)
    return {"id": cid, "object": "chat.completion", "created": created, "model": MODEL,
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}, "qa": asdict(answer)}


def _chunks(events: Iterator[Event], cid: str, created: int, *, plain: bool = False) -> Iterator[str]:
    """The events as OpenAI chunks, in Markdown (lines kept apart, sources as a list) unless `plain` (a task's reply)."""
    def chunk(delta: dict[str, str], finish: str | None = None, extra: Answer | None = None) -> str:
        body: dict[str, object] = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL,
                                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        if extra is not None:
            body["qa"] = asdict(extra)
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    streamed: list[str] = []
    for e in events:
        if isinstance(e, Delta):
            streamed.append(e.text)
            yield chunk({"content": e.text if plain else markdown_lines(e.text)})
            continue
        tail = "" if plain else markdown_sources(e)
        if "".join(streamed).strip() != e.answer.strip():  # the check changed what streamed: show the checked text
            tail = f"\n\n**核对后的回答：**\n\n{markdown_lines(e.answer)}" + tail
        yield chunk({"content": tail})
        yield chunk({}, "stop", e)
    yield "data: [DONE]\n\n"
