"""Liveness and readiness."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from qa.errors import StoreError

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(request: Request) -> dict[str, object]:
    """Alive (the process answers)."""
    store = request.app.state.store
    return {"status": "ok", "reports": len(store.reports())}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """Ready to answer: the store open, the embedder loaded; with report and chunk counts."""
    state = request.app.state
    try:
        reports = len(state.store.reports())
    except Exception as e:  # a registry that cannot be read is "not ready", said plainly
        return JSONResponse({"status": "not ready", "reason": f"store: {e}"}, status_code=503)
    body = {"status": "ready", "reports": reports, "embedder": state.embedder.name,
            "llm": state.settings.llm_base_url is not None}
    try:
        body["chunks"] = state.store.vectors.count()
    except StoreError as e:  # questions are still answered, from the keyword index: ready, but say so
        body.update(status="degraded", reason=str(e))
    return JSONResponse(body)
