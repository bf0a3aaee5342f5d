"""Helpers for tests that start real servers as subprocesses (uvicorn, llama.cpp)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], *, url: str, log: Path, env: dict[str, str] | None = None,
          tries: int = 400) -> subprocess.Popen[bytes]:
    """Start `cmd` logging to a file (a pipe fills up and blocks a chatty server); wait until `url` answers 200."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))

    def up() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"{cmd[2:4]} exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            return httpx.get(url, timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        until(up, tries=tries, interval=0.3, what=f"{url} to answer")
    except BaseException:
        proc.terminate()
        raise
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def until(condition: Callable[[], object], *, tries: int = 1200, interval: float = 0.05, what: str = "") -> None:
    """Check `condition` up to `tries` times, `interval` s apart, until it holds: a bound on waiting for another
    thread or process by a count of checks, never by reading the clock."""
    for _ in range(tries):
        if condition():
            return
        time.sleep(interval)
    pytest.fail(f"waited for {what or 'a condition'}: still not true after {tries} checks")


def chromium(downloads: Path | None = None) -> WebDriver:
    """Debian's chromium, headless at 1280×900, driven through its chromedriver (paths given: nothing is
    downloaded); files it saves go to `downloads`."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver:
        pytest.fail("the browser test needs Debian's chromium and chromium-driver (make test installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(driver), options=options)
