"""The county's indicator table: figures from their sentences, "not stated" never 0, exports that open."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.county.export import NOT_FOUND, records, to_csv, to_xlsx
from qa.county.indicators import IndicatorError, county_table, load_indicators
from qa.ingest.pipeline import ingest
from tests.conftest import app_over

pytestmark = pytest.mark.corpus


def _cells(table, township: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    row = next(r for r in table.rows if r.report.meta.township == township)
    return {k: (c.value, c.figure) for k, c in row.cells.items()}


def test_the_corpus_table_reads_each_figure_from_its_sentence(corpus_store) -> None:  # type: ignore[no-untyped-def]
    table = county_table(corpus_store[0].registry)
    assert len(table.rows) == 5 and len(table.indicators) >= 12
    assert _cells(table, "五十一团唐驿镇")["enforcement_staff"] == (14.0, "14名")
    tabu = _cells(table, "塔布勒合特蒙古民族乡")
    assert tabu["mediation_received"] == (52.0, "52件") and tabu["mediation_resolved"] == (51.0, "51件")
    assert tabu["hotline_12345"] == (30.0, "30件")
    assert "petitions_received" not in tabu  # not stated: no cell, never a 0
    assert _cells(table, "嘎美乡")["reconsideration_cases"][0] == 0.0  # 「无行政诉讼和行政复议案件发生」 says none
    for row in table.rows:
        for c in row.cells.values():
            assert c.figure in c.sentence, (row.report.meta.township, c)


def test_filters_narrow_the_rows(corpus_store) -> None:  # type: ignore[no-untyped-def]
    registry = corpus_store[0].registry
    assert [r.report.meta.township for r in county_table(registry, year=2024).rows] in (["嘎美乡", "色务乡"],
                                                                                     ["色务乡", "嘎美乡"])
    assert not county_table(registry, county="不存在县").rows


def test_exports_say_not_found_and_open_in_a_spreadsheet(corpus_store) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    table = county_table(corpus_store[0].registry)
    text = to_csv(table)
    assert text.startswith("\ufeff县（市、区）,乡镇（街道）,年度,持证执法人员（人）")
    tang = next(line for line in text.splitlines() if "五十一团唐驿镇" in line).split(",")
    assert tang[3] == "14" and NOT_FOUND in tang and "0" not in tang[3:5]
    book = load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.sheetnames == ["指标表", "出处"]
    sheet = book["指标表"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "五十一团唐驿镇")
    assert row[3].value == 14 and "领取行政执法证件人员共14名" in row[3].comment.text
    assert row[4].value == NOT_FOUND and row[4].comment is None
    # 后台乡 gives a count of villages (16个) for a rate column: written as worded, never as the number 16 (read 16%)
    advisers = next(n for n, c in enumerate(sheet[1]) if str(c.value).startswith("村（社区）法律顾问"))
    houtai = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "后台乡")
    assert houtai[advisers].value == "16个" and "16个" in houtai[advisers].comment.text
    assert next(line for line in text.splitlines() if line.split(",")[1] == "后台乡").split(",")[advisers] == "16个"
    sources = list(book["出处"].iter_rows(min_row=2, values_only=True))
    assert ("五十一团唐驿镇", "持证执法人员", 14) in {(s[1], s[3], s[4]) for s in sources}
    assert all(str(s[6]) for s in sources)  # every figure with its sentence


def test_two_years_of_a_township_give_the_change(make_store, embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for year, cases in ((2023, 40), (2024, 46)):
        (tmp_path / f"{year}.txt").write_text(
            f"青石县白沙镇{year}年度法治政府建设工作情况报告\n一、主要工作\n"
            f"{year}年，全镇共受理调解矛盾纠纷{cases}件，调解成功{cases - 2}件。\n二、存在的不足\n法治力量薄弱。\n",
            encoding="utf-8")
    store = make_store()
    ingest([tmp_path / "2023.txt", tmp_path / "2024.txt"], store=store, embedder=embedder, max_chars=300)
    table = county_table(store.registry, township="白沙镇")
    data = records(table)
    later = next(r for r in data["rows"] if r["year"] == 2024)  # type: ignore[union-attr]
    assert later["cells"]["mediation_received"]["value"] == 46 and later["cells"]["mediation_received"]["change"] == 6
    earlier = next(r for r in data["rows"] if r["year"] == 2023)  # type: ignore[union-attr]
    assert earlier["cells"]["mediation_received"]["change"] is None  # no year before it in the table


def test_the_api_serves_json_csv_and_xlsx(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app_over(corpus_store[0], embedder)) as client:
        body = client.get("/api/table").json()
        assert [i["id"] for i in body["indicators"]][:2] == ["enforcement_staff", "gov_legal_advisers"]
        tang = next(r for r in body["rows"] if r["township"] == "五十一团唐驿镇")
        assert tang["cells"]["enforcement_staff"]["sentence"].endswith("领取行政执法证件人员共14名。")
        assert tang["cells"]["petitions_received"] is None
        csv = client.get("/api/table", params={"format": "csv", "year": 2024})
        assert csv.headers["content-type"].startswith("text/csv") and csv.text.count("\n") == 3
        xlsx = client.get("/api/table", params={"format": "xlsx"})
        assert xlsx.content.startswith(b"PK") and "attachment" in xlsx.headers["content-disposition"]
        assert client.get("/api/table", params={"format": "pdf"}).status_code == 422


@pytest.mark.parametrize(("entry", "said"), [
    ('id = "x"\nname = "X"\nkind = "count"\nunit = "件"\nany = ["x"]', "`units` is missing"),
    ('id = "x"\nname = "X"\nkind = "many"\nunit = "件"\nunits = ["件"]\nany = ["x"]', "`kind` is 'many'"),
    ('id = "x"\nname = "X"\nkind = "count"\nunit = "件"\nunits = ["件"]\nany = ["x"]\nzero = ["(未"]', "not a regular"),
    ('id = "x"\nname = "X"\nkind = "count"\nunit = "件"\nunits = ["件"]\nany = ["x"]\nnote = "y"', "unknown field"),
])
def test_a_bad_indicators_file_is_named_with_its_field(tmp_path: Path, entry: str, said: str) -> None:
    path = tmp_path / "indicators.toml"
    path.write_text("[[indicator]]\n" + entry + "\n", encoding="utf-8")
    with pytest.raises(IndicatorError) as caught:
        load_indicators(path)
    assert str(path) in str(caught.value) and said in str(caught.value) and "indicator 1 (x)" in str(caught.value)


@pytest.mark.corpus
def test_qa_table_prints_csv_and_writes_xlsx_only_to_a_file(corpus_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    env = {**os.environ, "QA_DATA_DIR": str(corpus_data)}
    qa = [sys.executable, "-m", "qa.cli", "table"]
    csv_out = subprocess.run([*qa, "--format", "csv"], env=env, capture_output=True, text=True, timeout=600)
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("县（市、区）,乡镇（街道）,年度")  # no BOM on a terminal
    assert "五十一团唐驿镇" in csv_out.stdout
    refused = subprocess.run([*qa, "--format", "xlsx"], env=env, capture_output=True, text=True, timeout=600)
    assert refused.returncode == 2 and "give --out FILE.xlsx" in refused.stderr
    done = subprocess.run([*qa, "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0 and "5 reports × 16 indicators" in done.stdout
    assert (tmp_path / "t.xlsx").read_bytes()[:2] == b"PK"
