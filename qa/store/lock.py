"""One writing process per data folder: an advisory lock file that names its holder.

An embedded Chroma keeps its HNSW index in the memory of the process that opened it, so a second process
that writes vectors into the same folder (`qa ingest` beside a running `qa serve`) leaves the first unable
to read them, and its journal recovery could remove vectors the other is still committing. So a process
opens a data folder for writing only when no other process has; the others open it to read.
The kernel drops the lock when its holder dies, so a `kill -9` never leaves the folder locked.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path

from qa.errors import StoreBusyError, StoreError

LOCK_NAME = "writer.lock"


class WriterLock:
    """The data folder's writer lock, held from `acquire` to `release` (or the process's end)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd  # None: a second store of the process that holds the lock

    @classmethod
    def acquire(cls, data_dir: Path, *, owner: str) -> WriterLock:
        """Take the lock for `owner` (what to tell a refused process: 「qa serve」); StoreBusyError when held.

        A second store opened by the same process shares the first one's lock: both go through one
        embedded Chroma client (chromadb shares it per path within a process), so they see each other's writes.
        """
        path = data_dir / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"{path}: cannot open the writer lock ({e.strerror or e})") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = read_holder(path)
            if holder.get("pid") == os.getpid():
                return cls(None)
            raise StoreBusyError(busy_message(data_dir, holder)) from None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps({"pid": os.getpid(), "owner": owner, "command": " ".join(sys.argv[:6]),
                                     "since": time.strftime("%Y-%m-%d %H:%M:%S")}, ensure_ascii=False).encode())
        except OSError as e:  # a full disk: the lock is not kept half-made
            os.close(fd)
            raise StoreError(f"{path}: cannot write the writer lock ({e.strerror or e})") from e
        return cls(fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def read_holder(path: Path) -> dict[str, object]:
    """What the lock file says of the process holding it ({} when unreadable)."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def busy_message(data_dir: Path, holder: dict[str, object]) -> str:
    who = f"{holder.get('owner', 'another qa process')} (pid {holder.get('pid', '?')}, since {holder.get('since', '?')})"
    advice = ("add reports through it (the page's upload, or POST /api/reports), or stop it and run this again"
              if str(holder.get("owner", "")).startswith("qa serve") else "wait for it to finish, then run this again")
    return f"{data_dir} is being written by {who}: {advice}"
