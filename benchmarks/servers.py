"""Start a server as a subprocess on a free loopback port and wait until it answers (benchmarks only)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], *, ready_path: str, port: int, env: dict[str, str] | None = None,
          timeout: float = 300) -> tuple[subprocess.Popen[bytes], str]:
    """(process, base url) once GET ready_path answers 200; exits the benchmark if it never does."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + ready_path, timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.25)
    proc.terminate()
    sys.exit(f"{cmd[:4]} did not answer {ready_path} within {timeout:.0f} s")


def qa_serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`qa serve` with `env`, ready to answer (its /readyz returns 200)."""
    port = free_port()
    return start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], ready_path="/readyz", port=port,
                 env=env)


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS) or its peak (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")
