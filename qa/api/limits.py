"""The request boundary, before anything reads a body or checks a key in a route: sizes, keys, read time.

A pure ASGI middleware (no request object is built, no body buffered) that refuses, in this order:

- headers larger than QA_MAX_HEADER_KB in total: 431 (uvicorn's own h11 limit, set by `qa serve` a little
  above it, bounds what is read before this runs);
- a request to a key-guarded route whose Authorization names no configured key: 401, before its body is read
  (past WRONG_KEYS_PER_MINUTE of them from one address, 429: keys cannot be guessed at speed)
  (a 400 MB JSON body is not parsed for a caller without a key); an upload without an admin key: 401/403
  (nothing is spooled to disk);
- a body larger than its route allows (QA_MAX_BODY_KB; POST /api/reports: QA_MAX_UPLOAD_MB): 413 at once when
  Content-Length says so, else as soon as the bytes sent pass the limit;
- a body whose next piece takes longer than QA_READ_TIMEOUT seconds to arrive: 408.

Routes still check keys themselves (rate limits, admin keys); this only keeps what they never need out of memory.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

from qa.api.auth import GUARDED_PREFIXES, RateLimiter, admin_refusal, key_allowed
from qa.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/api/reports"
WRONG_KEYS_PER_MINUTE = 30  # requests without a valid key from one address; then 429 (a browser asks once or twice)


# a request refused part-way through its body closes its connection: kept open, the rest of the body would still
# be read (and thrown away) for as long as the client goes on sending
CLOSE = {"Connection": "close"}


class Boundaries:
    """Size, key and read-time limits on every HTTP request (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.settings = settings
        self.wrong_keys = RateLimiter(WRONG_KEYS_PER_MINUTE, clock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        s = self.settings
        headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
        if sum(len(k) + len(v) for k, v in headers) > s.max_header_kb * 1024:
            await _refuse(send, 431, f"the request's headers are over {s.max_header_kb} KB (QA_MAX_HEADER_KB)")
            return
        path = scope.get("path", "")
        guarded = path.startswith(GUARDED_PREFIXES) and scope.get("method") != "OPTIONS"  # (CORS preflight)
        if guarded and not key_allowed(_header(headers, b"authorization"), s):
            client = scope.get("client") or ("", 0)
            wait = self.wrong_keys.wait(f"addr:{client[0]}")  # guessing keys costs time
            if wait:
                await _refuse(send, 429, f"too many requests without a valid key from this address; retry in "
                                         f"{math.ceil(wait)} s", extra=[(b"retry-after", str(math.ceil(wait)).encode())])
                return
            await _refuse(send, 401, "a valid API key is needed: Authorization: Bearer <key>",
                          extra=[(b"www-authenticate", b"Bearer")])
            return
        upload = path == UPLOAD_PATH and scope.get("method") == "POST"
        if upload and (refusal := admin_refusal(_header(headers, b"authorization"), s)):  # before spooling a file
            await _refuse(send, refusal[0], refusal[1],
                          extra=[(b"www-authenticate", b"Bearer")] if refusal[0] == 401 else None)
            return
        limit = int(s.max_upload_mb * 1024 * 1024) if upload else s.max_body_kb * 1024
        setting = "QA_MAX_UPLOAD_MB" if upload else "QA_MAX_BODY_KB"
        too_large = f"the request's body is over {s.max_upload_mb:g} MB ({setting})" if upload else \
            f"the request's body is over {s.max_body_kb} KB ({setting})"
        length = _header(headers, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _refuse(send, 413 if length.isdigit() else 400,
                          too_large if length.isdigit() else "the Content-Length header is not a number")
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), timeout=s.read_timeout)
            except TimeoutError:
                raise HTTPException(408, f"the request's body stopped arriving for {s.read_timeout:g} s "
                                         "(QA_READ_TIMEOUT)", headers=CLOSE) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, too_large, headers=CLOSE)
            return message

        await self.app(scope, limited, send)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for k, v in headers:
        if k.lower() == name:
            return v.decode("latin-1").strip()
    return None


async def _refuse(send: Send, status: int, detail: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    from http import HTTPStatus

    body = json.dumps({"error": HTTPStatus(status).phrase, "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


def timed_h11(head_timeout: float, max_connections: int | None = None) -> type:
    """uvicorn's h11 protocol that closes a connection whose request head has not arrived within `head_timeout`
    seconds of the connection (or of the last response on it): uvicorn times out only idle keep-alive connections,
    so a client that opens connections and sends half a request line would hold them forever.

    Past `max_connections` open at once, a new connection closes the oldest one still waiting for its request head
    (a half-sent head or an idle keep-alive): uvicorn's own cap answers 503 only once a head has arrived, so
    connections that never send one would otherwise hold file descriptors until none is left for anyone."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    waiting: dict[Any, None] = {}  # connections (TimedH11) waiting for a request head, oldest first

    class TimedH11(H11Protocol):  # type: ignore[misc]
        _head_timer: asyncio.TimerHandle | None = None

        def _await_head(self) -> None:
            self._stop_head_timer()
            self._head_timer = self.loop.call_later(head_timeout, self._head_late)
            waiting[self] = None

        def _stop_head_timer(self) -> None:
            waiting.pop(self, None)
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_late(self) -> None:
            self._head_timer = None
            waiting.pop(self, None)
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if max_connections is not None and len(self.connections) > max_connections:
                for other in list(waiting):
                    other._stop_head_timer()
                    if other.conn.their_state is h11.IDLE and not other.transport.is_closing():
                        other.transport.close()  # the oldest still waiting for a head; one answering is never closed
                        self.connections.discard(other)  # now, not when the loop gets to its connection_lost
                        break
            self._await_head()

        def handle_events(self) -> None:
            super().handle_events()
            if self.conn.their_state is not h11.IDLE:  # the head has arrived: QA_READ_TIMEOUT covers the body
                self._stop_head_timer()
            elif self._head_timer is None and not self.transport.is_closing():
                # back to waiting for a head without a response completing now (a body read after its answer)
                self._await_head()

        def on_response_complete(self) -> None:
            super().on_response_complete()  # may already have read a pipelined request's head
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self._await_head()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_head_timer()
            super().connection_lost(exc)

    return TimedH11
