"""Questions: one JSON answer, or Server-Sent Events as the answer is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from qa.answer.ask import extractive_answer, writer_events
from qa.answer.llm import Delta
from qa.api.schemas import AskRequest
from qa.types import Answer

router = APIRouter(tags=["ask"])


@router.post("/api/ask", response_model=Answer,
             responses={200: {"content": {"text/event-stream": {}},
                              "description": "With `stream: true`: `delta` events ({text}), then one `answer` event."}})
def ask(body: AskRequest, request: Request):  # type: ignore[no-untyped-def]
    """Answer a question from the reports, citing the exact sentences it rests on."""
    state = request.app.state
    with state.lock:  # the embedder engine answers one question at a time; the LLM runs outside the lock
        extractive = extractive_answer(body.question, store=state.store, embedder=state.embedder,
                                       k=state.settings.top_k, history=body.history)
    events: Iterator[Delta | Answer] = (writer_events(extractive, state.writer) if state.writer
                                        else iter([Delta(extractive.answer), extractive]))
    if body.stream:
        return StreamingResponse(sse(events), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    *_, answer = events
    return answer


def sse(events: Iterator[Delta | Answer]) -> Iterator[str]:
    """Server-Sent Events: `delta` with each piece of text, then `answer` with the whole checked answer."""
    for event in events:
        if isinstance(event, Delta):
            yield f"event: delta\ndata: {json.dumps({'text': event.text}, ensure_ascii=False)}\n\n"
        else:
            yield f"event: answer\ndata: {json.dumps(asdict(event), ensure_ascii=False)}\n\n"
