"""Questions: one JSON answer, or Server-Sent Events as the answer is written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from qa.answer.llm import Delta
from qa.api.answering import Event, answer_events, final, split_messages, sse
from qa.api.deps import ServicesDep
from qa.api.schemas import AskRequest, ChatRequest, error_responses
from qa.types import Answer

router = APIRouter(tags=["ask"])
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
_STREAM_DOC: dict[int | str, dict[str, Any]] = {200: {"content": {"text/event-stream": {}},
                     "description": "With `stream: true`: `delta` events ({text}), then the rest (see the summary)."},
               **error_responses(400)}


@router.post("/api/ask", response_model=Answer, responses=_STREAM_DOC)
def ask(body: AskRequest, services: ServicesDep):  # type: ignore[no-untyped-def]
    """Answer a question, citing the exact sentences it rests on. Streamed: `delta`…, then one `answer`."""
    events = answer_events(services, body.question, body.history, body.scope)
    if body.stream:
        return StreamingResponse(_ask_stream(events), media_type="text/event-stream", headers=SSE_HEADERS)
    return final(events)


@router.post("/api/chat", response_model=Answer, responses=_STREAM_DOC)
def chat(body: ChatRequest, services: ServicesDep):  # type: ignore[no-untyped-def]
    """A conversation's next answer (earlier user turns make follow-ups work).

    Streamed: `delta` events with the text as it is written, then `citations` (citations, related,
    the per-report table), then `done` with the whole answer.
    """
    question, history = split_messages([(m.role, m.content) for m in body.messages])
    events = answer_events(services, question, history, body.scope)
    if body.stream:
        return StreamingResponse(_chat_stream(events), media_type="text/event-stream", headers=SSE_HEADERS)
    return final(events)


def _ask_stream(events: Iterator[Event]) -> Iterator[str]:
    for e in events:
        yield sse("delta", {"text": e.text}) if isinstance(e, Delta) else sse("answer", e)


def _chat_stream(events: Iterator[Event]) -> Iterator[str]:
    for e in events:
        if isinstance(e, Delta):
            yield sse("delta", {"text": e.text})
            continue
        yield sse("citations", {"citations": [asdict(c) for c in e.citations],
                                "related": [asdict(c) for c in e.related], "reports": [asdict(r) for r in e.reports]})
        yield sse("done", e)
