"""The format zoo's reports (eval/zoo, written from the patterns of published pages) read with the metadata each
states: township, county when stated, and the year reported on, exactly, for at least 98% of them."""

from pathlib import Path

from qa.eval.zoo import score_metadata, zoo_reports

ZOO = Path(__file__).resolve().parents[2] / "eval" / "zoo"


def test_the_zoo_is_large_and_varied() -> None:
    reports = zoo_reports(ZOO)
    assert len(reports) >= 40
    assert len({r.path.suffix for r in reports}) >= 3  # .html, .txt, .docx
    assert {r.expected.get("level") for r in reports} >= {"township", "street", "county", "department"}


def test_zoo_metadata_is_read_exactly() -> None:
    score = score_metadata(ZOO)
    print("\n".join(score.misses))
    assert score.exact >= 0.98, score.misses
    assert min(score.fields[f] for f in ("township", "county", "year")) >= 0.98, score.fields
