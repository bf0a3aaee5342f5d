"""A shared folder as it really is: every bad file gets one line (file, reason, what to do), every good one goes in.

The same folder goes through `qa ingest` (a real subprocess: exit code, stderr lines, `qa reports`) and through
`POST /api/reports`, which must say the same per file.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from pypdf import PdfWriter

from qa.api.app import create_app
from qa.config import Settings

QA = [sys.executable, "-m", "qa.cli"]
ADMIN = {"Authorization": "Bearer admin-key"}


def report(township: str, cases: int) -> str:
    return (f"{township}2023年度法治政府建设工作报告\n一、主要成效\n（一）化解矛盾纠纷。全{township[-1]}共受理调解案件{cases}件。\n"
            f"（二）法律顾问。全面推行一村一法律顾问制度，各村均聘请了法律顾问。\n二、存在问题\n一是宣传不够；二是队伍不强。\n")


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(encrypt: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)  # a page with nothing on it but what a scanner would put there: no text layer
    if encrypt:
        writer.encrypt(encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


LONG = "某某县某某镇" * 11 + "法治政府建设工作报告.txt"  # 232 bytes in UTF-8: near the 255-byte limit of a file name
TRADITIONAL = "臺灣鎮2023年度法治政府建設工作報告\n一、主要成效\n全鎮共受理調解案件21件，調解成功20件。\n二、存在問題\n人員不足。\n"

# name -> (bytes, expected status, words the reason must contain, words the fix must contain)
FILES: dict[str, tuple[bytes, str, str, str]] = {
    "empty.txt": (b"", "failed", "empty", "copy"),
    "junk.txt": (random.Random(7).randbytes(20_000), "failed", "binary", "save it as"),
    "truncated.docx": (as_docx(report("南山镇", 3))[:3000], "failed", "truncated", "save it again"),
    "corrupt.pdf": (pdf()[:300], "failed", "corrupt", "export"),
    "encrypted.pdf": (pdf(encrypt="secret"), "failed", "password", "without the password"),
    "scanned.pdf": (pdf(), "failed", "no text layer", "OCR"),
    "huge.txt": (report("巨大镇", 1).encode() * 180_000, "failed", "50.8 MB, over the 20 MB limit", "QA_MAX_FILE_MB"),
    "table.xls": (b"\xd0\xcf\x11\xe0 spreadsheet", "other", "unsupported file type .xls", "save it as"),
    # A document format qa cannot read fails with what to convert it to; other formats in a folder are named as
    # skipped (a spreadsheet beside the reports is not a failure), and fail only when given by name or uploaded.
    "old.doc": (b"\xd0\xcf\x11\xe0 word 97", "failed", "unsupported file type .doc", ".docx"),
    "big5.txt": (TRADITIONAL.encode("big5"), "added", "", ""),
    "utf16.txt": (report("东岭镇", 4).encode("utf-16"), "added", "", ""),
    "utf16le-no-bom.txt": (report("西岭镇", 5).encode("utf-16-le"), "added", "", ""),
    "城关镇 2023 年度 报告.txt": (report("城关镇", 12).encode(), "added", "", ""),
    "a..b.txt": (report("河西乡", 30).encode("gb18030"), "added", "", ""),
    LONG: (report("长名镇", 6).encode(), "added", "", ""),
    # The same report as 城关镇's, under another name and as a .docx: stored once.
    "城关镇（复制）.txt": (report("城关镇", 12).encode(), "unchanged", "", ""),
    "城关镇.docx": (as_docx(report("城关镇", 12)), "unchanged", "", ""),
    "~$城关镇.docx": (b"\x06owner", "skipped", "", ""),  # Word's lock file: not a report, not a failure
}
STORED = {"东岭镇", "西岭镇", "城关镇", "河西乡", "长名镇"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shared-folder")
    for name, (data, *_) in FILES.items():
        (path / name).write_bytes(data)
    return path


def test_qa_ingest_names_each_bad_file_and_keeps_the_good_ones(folder: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run(QA + ["ingest", str(folder)], env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("failed: ")]
    for name, (_, status, reason, fix) in FILES.items():
        mine = [line for line in lines if line.startswith(f"failed: {folder / name}: ")]
        if status != "failed":
            assert not mine, name
            continue
        assert len(mine) == 1, (name, lines)  # one line each: the file, the reason, what to do
        assert reason in mine[0] and " — " in mine[0] and fix in mine[0].split(" — ", 1)[1], mine[0]
    assert len(lines) == sum(s == "failed" for _, s, *_ in FILES.values())
    assert "added 6, updated 0, unchanged 2, failed 8" in run.stdout, run.stdout
    assert "skipped 1 file in no report format: table.xls" in run.stdout

    listed = json.loads(subprocess.run(QA + ["reports", "--json"], env=env, capture_output=True, text=True,
                                       timeout=120, check=True).stdout)
    assert {r["meta"]["township"] for r in listed} >= STORED
    assert len(listed) == 6 and len({r["id"] for r in listed}) == 6  # 城关镇 once, whatever it arrived as
    big5 = next(r for r in listed if r["path"].endswith("big5.txt"))
    text = subprocess.run(QA + ["text", big5["id"], "--context", "0"], env=env, capture_output=True, text=True,
                          timeout=120, check=True).stdout
    assert "調解案件21件" in text  # Big5 decoded, not mojibake


def test_upload_says_the_same_per_file(folder: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", admin_keys="admin-key")
    files = [("files", (name, (folder / name).read_bytes(), "application/octet-stream"))
             for name, (_, status, *_) in FILES.items() if status != "skipped"]
    with TestClient(create_app(settings)) as client:
        body = client.post("/api/reports", files=files, headers=ADMIN).json()
    got = {f["file"]: f for f in body["files"]}
    for name, (_, status, reason, fix) in FILES.items():
        if status == "skipped":
            continue
        status = "failed" if status == "other" else status  # uploaded, a spreadsheet is refused by name
        assert got[name]["status"] == status, (name, got[name])
        assert reason in (got[name]["reason"] or "") and fix in (got[name]["fix"] or ""), got[name]
        if status == "failed":
            assert "/" not in got[name]["reason"]  # the server's folders stay out of the answer
    assert (body["added"], body["unchanged"], body["failed"]) == (6, 2, 9)
    saved = list((tmp_path / "data" / "uploads").iterdir())
    assert len(saved) == 8 and all(len(p.name.encode()) <= 255 for p in saved)


def test_every_reason_a_file_is_refused_is_also_said_in_chinese() -> None:
    """Officials upload on the page and read Chinese: each IngestError qa raises carries zh=(reason, fix)."""
    import ast

    from tests.conftest import REPO

    sites = []
    for path in (REPO / "qa").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "IngestError":
                sites.append((path.name, node.lineno, any(k.arg == "zh" for k in node.keywords)))
    assert len(sites) >= 15
    assert all(has for _, _, has in sites), [s for s in sites if not s[2]]


def test_a_refused_file_says_why_in_both_languages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from qa.errors import IngestError
    from qa.ingest.load import load
    from qa.ingest.pipeline import FileResult

    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(IngestError) as caught:
        load(empty)
    result = FileResult.failed(str(empty), caught.value)
    assert (result.reason, result.reason_zh) == ("the file is empty", "文件是空的")
    assert result.fix_zh and "重新复制" in result.fix_zh
