"""Liveness."""

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(request: Request) -> dict[str, object]:
    """Alive and able to serve: the store is open and the embedder loaded."""
    store = request.app.state.store
    return {"status": "ok", "reports": len(store.reports())}
