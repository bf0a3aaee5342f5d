"""Shared themes: the problems of several reports grouped by meaning, each cited."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from qa.county.themes import cluster, items_of, label
from qa.eval.county import pairwise_f1
from tests.conftest import app_over


def test_clustering_merges_what_is_close_and_keeps_apart_what_is_not() -> None:
    vectors = np.array([[1.0, 0.0], [0.99, 0.1], [0.0, 1.0], [0.1, 0.99]])
    assert sorted(sorted(g) for g in cluster(vectors, 0.9)) == [[0, 1], [2, 3]]
    assert len(cluster(vectors, 0.9999)) == 4


def test_a_label_is_the_point_without_its_numbering() -> None:
    assert label("（一）法治意识有待加强。部分干部……") == "法治意识有待加强"
    assert label("二是部分干部依法行政的意识还不强，口头讲法治") == "部分干部依法行政的意识还不强"


def test_pairwise_f1_counts_pairs_grouped_alike() -> None:
    gold = {("a", "1"): "t1", ("a", "2"): "t1", ("b", "3"): "t2"}
    assert pairwise_f1(gold, {("a", "1"): 0, ("a", "2"): 0, ("b", "3"): 1}) == (1.0, 3)
    assert pairwise_f1(gold, {("a", "1"): 0, ("a", "2"): 1, ("b", "3"): 1})[0] == 0.0


@pytest.mark.corpus
def test_the_corpus_problems_are_grouped_and_cited(corpus_store, corpus_reports, embedder) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    rows = {r.meta.township: r for r in store.reports()}
    texts = store.registry.report_texts()
    seewu = [i.text for i in items_of(rows["色务乡"], texts[rows["色务乡"].id], "problems")]
    assert any(t.startswith("（一）法治意识有待加强") for t in seewu)
    assert not any(t.endswith("：") for t in seewu)  # lead-ins are not problems
    with TestClient(app_over(store, embedder)) as client:
        body = client.get("/api/themes").json()
    assert body["kind"] == "problems" and len(body["themes"]) >= 3
    for theme in body["themes"]:
        assert theme["label"] and theme["items"]
        for item in theme["items"]:
            assert texts[item["report_id"]][item["start"]:item["end"]] == item["text"]  # cited exactly
    widest = body["themes"][0]
    assert len(widest["townships"]) >= 2  # the first theme is one several townships share


def test_measures_are_the_headings_right_below_the_parts_own() -> None:
    import dataclasses

    from qa.store import ReportRow
    from qa.types import ReportMeta

    meta = ReportMeta(**{**{f.name: None for f in dataclasses.fields(ReportMeta)}, "township": "红旗乡", "year": 2023})
    report = ReportRow("r1", "/x/红旗乡.txt", "sha", meta, 0, 0, "")
    combined = ("红旗乡2023年度法治政府建设工作报告\n一、主要做法和存在问题\n（一）主要做法\n1．健全制度体系。全乡制定制度5项。\n"
                "2．加强普法宣传。开展普法活动12场。\n（二）存在问题\n人员不足。\n二、下一步工作计划\n我乡将继续加强普法。\n")
    items = items_of(report, combined, "measures")
    assert [i.text for i in items] == ["1．健全制度体系", "2．加强普法宣传"]  # not 「（二）存在问题」, not the part's own
    assert all(combined[i.start:i.end] == i.text for i in items)
    above = combined.replace("一、主要做法和存在问题", "一、基本情况")  # the part's heading one level down
    assert [i.text for i in items_of(report, above, "measures")] == ["1．健全制度体系", "2．加强普法宣传"]
