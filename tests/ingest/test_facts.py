"""Numeric facts: value, unit, qualifier and exact offsets; years, hotlines and dates are not counts."""

from qa.ingest.facts import extract_facts
from qa.ingest.sections import parse_sections

TEXT = ("一、调解工作\n2023年全乡共受理调解案件52件，调解成功51件，涉及金额52.17万元。"
        "开展治安巡逻150余次。认领77项权责清单、76项属地事项清单。"
        "“12345”热线接收派单30件。每天指派4-8名劝导员，“4.15”宣传日发放资料约300份。")


def test_counts_with_units_and_qualifiers() -> None:
    facts = extract_facts("r", TEXT, parse_sections(TEXT))
    got = [(f.value_text, f.qualifier, f.unit, f.clause) for f in facts]
    assert got == [
        ("52", "", "件", "2023年全乡共受理调解案件52件"),
        ("51", "", "件", "调解成功51件"),
        ("52.17", "", "万元", "涉及金额52.17万元"),
        ("150", "余", "次", "开展治安巡逻150余次"),
        ("77", "", "项", "认领77项权责清单"),  # a list of counts is cut at its 、
        ("76", "", "项", "76项属地事项清单"),
        ("30", "", "件", "“12345”热线接收派单30件"),
        ("4-8", "", "名", "每天指派4-8名劝导员"),
        ("300", "约", "份", "“4.15”宣传日发放资料约300份"),
    ]
    assert facts[7].value == 8.0
    for f in facts:
        assert TEXT[f.start:f.end] == f.clause and TEXT[f.sentence_start:f.sentence_end] == f.sentence
        assert f.clause in f.sentence and f.section == "一、调解工作"
