"""`kill -9` of a real `qa ingest` at random moments, many times: the next run ends exactly where an uninterrupted
one does (registry, Chroma, keyword index and facts alike), and `qa check` finds them in agreement."""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.servers import until

QA = [sys.executable, "-m", "qa.cli"]
KILLS = int(os.environ.get("QA_CRASH_KILLS", "6"))  # per phase; raise it for a longer hunt
SEED = int(os.environ.get("QA_CRASH_SEED", "20261124"))
TOWNS = ["东岭镇", "西岭镇", "南山乡", "北山乡", "河东镇", "河西镇", "上坪乡", "下坪乡", "石桥镇", "柳林镇"]

pytestmark = pytest.mark.slow


def report(town: str, i: int, version: int = 1) -> str:
    cases = 10 + i + 100 * (version - 1)
    return f"""{town}2024年度法治政府建设工作报告
一、主要成效
（一）化解矛盾纠纷。全年共受理调解案件{cases}件，调解成功{cases - 1}件，调解成功率较上年提高{i}个百分点。
（二）法律顾问。全面推行一村一法律顾问制度，{i + 3}个村均聘请了法律顾问，全年提供法律咨询{20 + i}次。
（三）执法队伍。{i + 2}名工作人员取得行政执法证，组织执法人员参加培训{i + 1}次。
二、存在问题
一是法治宣传的针对性不够强，群众参与度不高；二是执法人员数量不足，专业能力有待提升。
三、下一步打算
继续加强法治宣传教育，推进{town}基层依法治理，提高调解工作质量。
"""


def write_folder(folder: Path, version: int) -> None:
    folder.mkdir(exist_ok=True)
    for i, town in enumerate(TOWNS):
        # version 2 changes two reports and adds one: updates retire old reports, additions add
        changed = version == 2 and i in (2, 7)
        (folder / f"{i:02d}-{town}.txt").write_text(report(town, i, 2 if changed else 1))
    if version == 2:
        (folder / "10-新城镇.txt").write_text(report("新城镇", 10))


def snapshots(*data_dirs: Path) -> list[dict[str, object]]:
    """Everything stored in each, as sorted lists (read in a fresh process: no client cache hides another's writes)."""
    code = ("import json, sys; from tests.store.test_crash import _snapshot; "
            "print(json.dumps([_snapshot(d) for d in sys.argv[1:]]))")
    out = subprocess.run([sys.executable, "-c", code, *map(str, data_dirs)], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2], timeout=600)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _snapshot(data_dir: str) -> dict[str, object]:
    from qa.retrieval.embed import E5Small
    from qa.store import Store

    embedder = E5Small()
    store = Store.open(Path(data_dir), embedder_name=embedder.name, dim=embedder.dim)
    db = store.registry._read()
    state = {
        "reports": sorted(db.execute("SELECT id, path, file_sha, township, year, chars, chunk_count FROM reports")),
        "files": sorted(db.execute("SELECT path, file_sha, report_id FROM files")),
        "chunks": sorted(db.execute('SELECT id, report_id, ord, section, start, "end", text, tokens FROM chunks')),
        "facts": sorted(db.execute("SELECT * FROM facts")),
        "vectors": sorted(store.vectors.ids()),
        "keyword": sorted(store.keyword.ids),
        "problems": store.check(),
    }
    store.close()
    return json.loads(json.dumps(state))  # type: ignore[no-any-return]


def ingest(folder: Path, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QA_DATA_DIR": str(data)}
    return subprocess.run(QA + ["ingest", str(folder)], env=env, capture_output=True, text=True, timeout=600)


def killed_ingest(folder: Path, data: Path, after: float | None = None, committed: int = 0) -> tuple[int, int]:
    """Start `qa ingest` and SIGKILL it `after` seconds in, or as soon as `committed` reports are in the registry
    (a kill certain to land between two reports' writes); (reports committed, journal entries) it left."""
    proc = subprocess.Popen(QA + ["ingest", str(folder)], env={**os.environ, "QA_DATA_DIR": str(data)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if after is not None:
        time.sleep(after)
    else:
        until(lambda: proc.poll() is not None or registry_counts(data)[0] >= committed, interval=0.02,
              what=f"{committed} reports committed")
    proc.kill()
    proc.wait()
    return registry_counts(data)


def registry_counts(data: Path) -> tuple[int, int]:
    """(reports committed, journal entries) in the registry of `data`, read without writing."""
    path = data / "registry.sqlite3"
    if not path.exists():
        return 0, 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT count(*) FROM reports").fetchone()[0], db.execute(
            "SELECT count(*) FROM pending").fetchone()[0]
    except sqlite3.Error:  # killed before the schema existed
        return 0, 0
    finally:
        db.close()


def test_kill_9_at_random_points_loses_nothing_and_leaves_nothing(tmp_path: Path) -> None:
    """Each trial: one or two `kill -9`s of an ingest at random moments, then a run to the end; its store must
    equal the uninterrupted one's. Phase 1 ingests into an empty store; phase 2 updates two reports and adds one
    to a copy of the finished phase-1 store (retiring old reports is the other write path)."""
    folder = tmp_path / "reports"
    rng = random.Random(SEED)
    log: list[str] = []
    inside = 0
    references, trials = [], []
    for version in (1, 2):
        write_folder(folder, version)
        reference = tmp_path / f"reference-v{version}"
        if version == 2:
            shutil.copytree(tmp_path / "reference-v1", reference)
        started = time.monotonic()
        assert ingest(folder, reference).returncode == 0
        full = time.monotonic() - started
        references.append(reference)
        for trial in range(KILLS):
            crashed = tmp_path / f"crashed-v{version}-{trial}"
            if version == 2:
                shutil.copytree(tmp_path / "reference-v1-start", crashed)
            if version == 1 and trial < 2:  # two kills certain to land inside the writes, whatever the timing
                committed, journal = killed_ingest(folder, crashed, committed=3 + 3 * trial)
                inside += 0 < committed < len(TOWNS)
                log.append(f"v1 trial {trial}: killed once {3 + 3 * trial} reports were committed: "
                           f"{committed} reports committed, {journal} in the journal")
            for _ in range(1 + (rng.random() < 0.5)):
                after = rng.uniform(0.2 * full, full)  # from the imports to the end of the writes
                committed, journal = killed_ingest(folder, crashed, after)
                inside += version == 1 and 0 < committed < len(TOWNS)
                log.append(f"v{version} trial {trial}: killed at {after:.1f} of {full:.1f} s: "
                           f"{committed} reports committed, {journal} in the journal")
            finished = ingest(folder, crashed)
            assert finished.returncode == 0, finished.stderr
            trials.append((version, crashed))
        if version == 1:  # phase 2 starts from the finished phase-1 store, before its own ingest
            shutil.copytree(reference, tmp_path / "reference-v1-start")
    print("\n".join(log))
    states = snapshots(*references, *(crashed for _, crashed in trials))
    want = dict(zip((1, 2), states[:2], strict=True))
    for (version, crashed), got in zip(trials, states[2:], strict=True):
        assert got["problems"] == [], (crashed.name, got["problems"])
        for part in ("reports", "files", "chunks", "facts", "vectors", "keyword"):
            assert got[part] == want[version][part], (crashed.name, part)
    assert [len(w["reports"]) for w in want.values()] == [10, 11]  # type: ignore[arg-type]
    assert inside >= 2, log  # kills landed inside the writes, not only before or after them
    check = subprocess.run(QA + ["check"], env={**os.environ, "QA_DATA_DIR": str(trials[-1][1])},
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and check.stdout.startswith("ok: 11 reports"), check.stdout + check.stderr
