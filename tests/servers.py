"""Helpers for tests that start real servers as subprocesses (uvicorn, llama.cpp)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], *, url: str, log: Path, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.Popen[bytes]:
    """Start `cmd` logging to a file (a pipe fills up and blocks a chatty server); wait until `url` answers 200."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{cmd[2:4]} exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    pytest.fail(f"{url} did not come up in {timeout:.0f} s: {log.read_text(errors='replace')[-2000:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def until(condition: Callable[[], object], limit: float = 60.0) -> None:
    """Poll `condition` until it holds: a bound on waiting for another thread or process, never a measured duration."""
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, f"still not true after {limit:.0f} s"
        time.sleep(0.05)
