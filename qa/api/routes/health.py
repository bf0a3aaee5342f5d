"""Liveness and readiness."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from qa.api.deps import ServicesDep, StoreDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(store: StoreDep) -> dict[str, object]:
    """Alive (the process answers)."""
    return {"status": "ok", "reports": len(store.reports())}


@router.get("/readyz")
def readyz(services: ServicesDep) -> JSONResponse:
    """Ready to answer: the store open, the embedder loaded, the newest registered vector readable; with counts.

    "degraded" when the vectors cannot serve (Chroma down, or a vector the registry lists unreadable):
    questions are still answered, from the keyword index.
    """
    store = services.store
    try:
        reports = len(store.reports())
    except Exception as e:  # a registry that cannot be read is "not ready", said plainly
        return JSONResponse({"status": "not ready", "reason": f"store: {e}"}, status_code=503)
    body: dict[str, object] = {"status": "ready", "reports": reports, "embedder": services.embedder.name,
                               "llm": services.writer is not None, "chunks": len(store.keyword.ids)}
    if problem := store.vectors_problem():
        body.update(status="degraded", reason=problem)
    return JSONResponse(body)
