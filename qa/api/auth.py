"""API keys: Bearer keys checked in constant time; admin keys for changing the store.

No keys configured means an open service, which `qa serve` only allows on loopback.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections.abc import Callable

from fastapi import HTTPException, Request

from qa.api.deps import SettingsDep
from qa.config import Settings

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


# The routes behind a key (every other path is the page, its assets, the docs and the health probes)
GUARDED_PREFIXES = ("/api/", "/v1/")


def _presented(request: Request) -> str | None:
    return bearer(request.headers.get("authorization"))


def bearer(header: str | None) -> str | None:
    """The key of an `Authorization: Bearer <key>` header, None when there is none."""
    scheme, _, key = (header or "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" and key.strip() else None


def key_allowed(header: str | None, settings: Settings) -> bool:
    """Whether an Authorization header may use the key-guarded routes: any user or admin key, when keys are set."""
    if not settings.api_key_list:
        return True
    key = bearer(header)
    return key is not None and _matches(key, settings.api_key_list + settings.admin_key_list)


def _matches(key: str, keys: list[str]) -> bool:
    # compare against every key, so the time taken says nothing about which (or how many) matched
    found = False
    for k in keys:
        found |= hmac.compare_digest(key.encode(), k.encode())
    return found


class RateLimiter:
    """A token bucket per caller: `per_minute` requests a minute, in bursts of up to `per_minute`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[bytes, tuple[float, float]] = {}  # caller -> (tokens, when counted)
        self._lock = threading.Lock()

    def wait(self, caller: str) -> float:
        """Take one request from `caller`'s bucket: 0 when allowed, else the seconds until it would be."""
        if self.per_minute <= 0:
            return 0.0
        who = hashlib.sha256(caller.encode()).digest()  # keys are not kept in the clear
        rate = self.per_minute / 60
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(who, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * rate)
            if tokens < 1:
                self._buckets[who] = (tokens, now)
                return (1 - tokens) / rate
            self._buckets[who] = (tokens - 1, now)
            return 0.0


def require_key(request: Request, settings: SettingsDep) -> None:
    """Any configured key (user or admin) when QA_API_KEYS is set; then the caller's rate limit."""
    keys = settings.api_key_list + settings.admin_key_list
    key = _presented(request)
    if settings.api_key_list and (key is None or not _matches(key, keys)):
        raise HTTPException(401, "a valid API key is needed: Authorization: Bearer <key>",
                            headers={"WWW-Authenticate": "Bearer"})
    # per key; without keys (loopback only) per client address
    caller = key if settings.api_key_list else f"addr:{request.client.host if request.client else ''}"
    wait = request.app.state.rate_limiter.wait(caller or "")
    if wait:
        raise HTTPException(429, f"too many requests for this key: at most {settings.rate_limit} a minute; "
                                 f"retry in {math.ceil(wait)} s", headers={"Retry-After": str(math.ceil(wait))})


def admin_refusal(header: str | None, settings: Settings) -> tuple[int, str] | None:
    """Why an Authorization header may not change the reports (status, reason), None when it may."""
    if not settings.api_key_list and not settings.admin_key_list:
        return None
    key = bearer(header)
    if key is None:
        return 401, "an admin key is needed: Authorization: Bearer <key>"
    if not settings.admin_key_list or not _matches(key, settings.admin_key_list):
        return 403, "this key may not change the reports (QA_ADMIN_KEYS)"
    return None


def require_admin(request: Request, settings: SettingsDep) -> None:
    """An admin key (QA_ADMIN_KEYS) when any keys are configured."""
    refusal = admin_refusal(request.headers.get("authorization"), settings)
    if refusal:
        status, why = refusal
        raise HTTPException(status, why, headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


def open_bind_refusal(host: str, api_keys: list[str]) -> str | None:
    """Why `host` may not be served on without keys, or None when it may."""
    if api_keys or host in LOOPBACK:
        return None
    return (f"refusing to listen on {host} without QA_API_KEYS: anyone who can reach this machine could read "
            "every report. Set QA_API_KEYS (and QA_ADMIN_KEYS for uploads), or serve on 127.0.0.1.")
