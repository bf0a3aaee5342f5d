"""The harness end to end on the real corpus: baselines, a scored run, reports, and the CLI's quality gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qa.eval.gold import load_gold
from qa.eval.llamaindex import LlamaIndexBaseline
from qa.eval.report import write_reports
from qa.eval.run import run_eval
from qa.eval.systems import DenseOnly, KeywordOnly, QaSystem
from tests.conftest import REPO

pytestmark = pytest.mark.corpus
GOLD = REPO / "eval" / "gold"
PICK = ("fact-01", "set-01", "cmp-01", "ref-01", "fu-02")


@pytest.fixture(scope="module")
def plain(corpus_store, embedder) -> LlamaIndexBaseline:  # type: ignore[no-untyped-def]
    return LlamaIndexBaseline(corpus_store[0], embedder)


def test_llamaindex_baseline_passages_are_exact_spans_of_the_reports(corpus_store, plain) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    r = plain.respond(["唐驿镇有多少人领取了行政执法证？"])
    assert len(r.ranked) == 10 and len(r.cited) == 3 and not r.refused
    for p in r.ranked:
        assert store.registry.report_text(p.span.report_id)[p.span.start:p.span.end] == p.text
    assert "领取行政执法证件人员共14名" in r.answer  # the top passages, verbatim, are its answer


def test_a_scored_run_over_qa_and_the_baselines(corpus_store, embedder, plain, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    gold = [g for g in load_gold(GOLD) if g.id in PICK]
    systems = [QaSystem(store, embedder, k=8), KeywordOnly(store), DenseOnly(store, embedder), plain]
    result = run_eval(gold, systems=systems, store=store, info={"mode": "extractive"})
    qa = {s.id: s for s in result.system("qa").items}
    assert qa["fact-01"].correct and qa["fact-01"].quotes_cited == 1 and qa["fact-01"].recall_at[10] == 1.0  # type: ignore[index]
    assert set(qa["set-01"].townships) == {"塔布勒合特蒙古民族乡", "后台乡"}
    assert qa["cmp-01"].townships[0] == "五十一团唐驿镇"
    assert qa["ref-01"].correct and qa["ref-01"].refused
    assert result.system("bm25").metrics["refusals.recall"] == 0.0  # baselines always answer
    assert result.system("qa").metrics["answers.unsupported_number_rate"] == 0.0

    paths = write_reports(result, tmp_path)
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert [s["name"] for s in data["systems"]] == ["qa", "bm25", "dense", "llamaindex"]
    assert "| retrieval.recall@5 |" in paths[1].read_text(encoding="utf-8")
    page = paths[2].read_text(encoding="utf-8")
    tags = _tags(page)
    assert tags.count("svg") == 3 and "script" not in tags and "link" not in tags  # self-contained, three charts
    misses = [s.id for s in result.system("qa").items if not s.correct]
    assert "fu-02" in misses and all(f"<td>{m}</td>" in page for m in misses)


def test_cli_quality_gate_fails_below_a_floor(corpus_data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = tmp_path / "g.jsonl"
    gold.write_text("".join(line + "\n" for line in (GOLD / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
                            if json.loads(line)["id"] in ("fact-01", "fact-02", "ref-01")), encoding="utf-8")
    strict, lenient = tmp_path / "strict.toml", tmp_path / "lenient.toml"
    strict.write_text('[extractive.min]\n"refusals.precision" = 1.01\n', encoding="utf-8")
    lenient.write_text('[extractive.min]\n"answers.fact_accuracy" = 1.0\n"refusals.recall" = 1.0\n', encoding="utf-8")
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data)}

    def run(thresholds: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "qa.cli", "eval", "--gold", str(gold), "--out", str(tmp_path / "out"),
                               "--no-baselines", "--thresholds", str(thresholds)],
                              capture_output=True, text=True, env=env, cwd=REPO, timeout=300)

    bad = run(strict)
    assert bad.returncode == 1, bad.stderr
    assert "qa refusals.precision = 1.0 is below its floor 1.01" in bad.stderr
    good = run(lenient)
    assert good.returncode == 0, good.stderr
    assert "answers.fact_accuracy" in good.stdout and (tmp_path / "out" / "report.html").is_file()


def _tags(page: str) -> list[str]:
    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            found.append(tag)

    Tags().feed(page)
    return found
