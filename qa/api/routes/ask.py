"""Questions."""

from fastapi import APIRouter, Request

from qa.answer import ask as run_ask
from qa.api.schemas import AskRequest
from qa.types import Answer

router = APIRouter(tags=["ask"])


@router.post("/api/ask", response_model=Answer)
def ask(body: AskRequest, request: Request) -> Answer:
    """Answer a question from the reports, citing the exact sentences it rests on."""
    state = request.app.state
    with state.lock:
        answer = run_ask(body.question, store=state.store, embedder=state.embedder, k=state.settings.top_k,
                         history=body.history)
    return answer
