"""The gold set is well formed and its evidence quotes are real: each occurs in its report after cleaning."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

GOLD = sorted((REPO / "eval" / "gold").glob("*.jsonl"))
TYPES = {"fact", "set", "comparison", "yesno", "summary", "followup", "refusal"}


def items() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for path in GOLD for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_gold_items_are_well_formed() -> None:
    gold = items()
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        assert g["type"] in TYPES, g["id"]
        assert ("turns" in g) == (g["type"] == "followup") and ("question" in g) != ("turns" in g), g["id"]
        assert bool(g["evidence"]) == (g["type"] != "refusal"), g["id"]
        compares = g["type"] == "comparison" or re.search(r"最|比", g.get("turns", [""])[-1])  # townships: the winner
        assert set(g["townships"]) >= {e["township"] for e in g["evidence"]} or compares, g["id"]
    assert sum(g["type"] == "refusal" for g in gold) >= 12


def test_every_evidence_quote_occurs_in_its_cleaned_report(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    from qa.chars import fold
    from qa.eval.zoo import zoo_reports
    from qa.ingest.pipeline import read_report

    texts = {r.meta.township: r.text for r in corpus_reports.values()}
    read = [read_report(z.path) for z in zoo_reports(REPO / "eval" / "zoo")]
    zoo_texts = {r.meta.township: r.text for r in read if r.meta.township}
    assert not set(zoo_texts) & set(texts)  # the zoo's townships are new ones
    for g in items():
        where = zoo_texts if g["id"].startswith("zoo-") else texts  # the zoo split is asked of the zoo too
        for e in g["evidence"]:
            assert e["township"] in where, (g["id"], e["township"])
            assert fold(e["quote"]) in where[e["township"]], (g["id"], e["quote"])  # read in simplified


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_gold_files_are_utf8_jsonl(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(line), dict)
