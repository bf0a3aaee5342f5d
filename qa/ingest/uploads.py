"""Uploaded files: checked against the limits, saved under safe names, ingested; results named as the client sent them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from qa.errors import IngestError
from qa.ingest.load import DEFAULT_LIMITS, Limits, check_size, check_suffix
from qa.ingest.pipeline import FileResult, ingest
from qa.retrieval.embed import Embedder
from qa.store import Store, low_disk


def ingest_uploads(files: Sequence[tuple[str, bytes, int]], *, folder: Path, max_file_mb: float, store: Store,
                   embedder: Embedder, max_chars: int, limits: Limits = DEFAULT_LIMITS) -> list[FileResult]:
    """Save each acceptable file in `folder` and ingest it; refused files get a failed result with the reason.

    A file is (the name the client gave, its content, its size): a server reads no more of a file than the
    limit, so the content of a refused one may be cut short while its size says how large it was.
    """
    folder.mkdir(parents=True, exist_ok=True)
    saved: dict[str, str] = {}  # saved path -> the name the client gave
    refused: list[FileResult] = []
    for name, data, size in files:
        try:
            check_suffix(name)
            check_size(name, max(size, len(data)), max_file_mb)
        except IngestError as e:
            refused.append(FileResult.failed(name, e))
            continue
        path = folder / safe_name(name, data)
        try:
            path.write_bytes(data)
        except OSError as e:  # a full disk, most likely: nothing half-written stays behind
            if not store.registry.file_report(str(path.resolve())):
                path.unlink(missing_ok=True)
            full = low_disk(folder)
            refused.append(FileResult(name, "failed", reason=f"could not save the upload ({e.strerror or e})"
                                      + (f"; {full}" if full else ""),
                                      fix="free some space on the server, then upload it again" if full else
                                      "check that qa may write to its data folder, then upload it again",
                                      reason_zh="无法保存上传的文件" + ("：服务器磁盘空间不足" if full else ""),
                                      fix_zh="请管理员清理磁盘空间后重新上传" if full else
                                      "请管理员检查 qa 对数据目录的写权限后重新上传"))
            continue
        saved[str(path)] = name
    summary = ingest([Path(p) for p in saved], store=store, embedder=embedder, max_chars=max_chars,
                     max_file_mb=max_file_mb, limits=limits)
    for r in summary.results:  # a failed file's bytes have no reason to stay, unless an earlier upload stored them
        if r.status == "failed" and store.registry.file_report(str(Path(r.path).resolve())) is None:
            Path(r.path).unlink(missing_ok=True)
    return [replace(r, path=saved.get(r.path, r.path)) for r in summary.results] + refused


def safe_name(name: str, data: bytes) -> str:
    """A file name that cannot leave its folder: the content hash, then the base name's safe characters."""
    base = re.sub(r"[^\w.\-\u4e00-\u9fff]", "_", Path(name.replace("\\", "/")).name).lstrip(".")[-100:]
    return f"{hashlib.sha256(data).hexdigest()[:16]}-{base or 'file'}"


def display_name(path: Path) -> str:
    """The name a saved upload was given by its client (safe_name's hash prefix taken off); other paths' own name."""
    name = path.name
    return name[17:] if re.fullmatch(r"[0-9a-f]{16}-.+", name) else name
