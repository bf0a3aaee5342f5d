from qa.ingest.sections import SEPARATOR, cn_number, parse_sections

SYNTHETIC = """城关镇2023年度法治政府建设工作报告
2023年，城关镇……。
一、主要成效
（一）加强组织领导。
成立领导小组。
（2）加强法治学习。
一是组织学习2期，参加人员50人。二是开展讲座3次。
（三）化解矛盾纠纷。全镇共受理调解案件12件。
1.完善机制。建立调解中心。
2.加强培训。培训调解员8次。
二、存在问题
一是宣传不够；二是队伍不强。"""


def paths(text: str) -> dict[str, str]:
    return {text[s.start:s.end]: SEPARATOR.join(s.path) for s in parse_sections(text)}


def test_cn_numbers() -> None:
    assert [cn_number(s) for s in ("一", "九", "十", "十二", "二十", "二十三", "7")] == [1, 9, 10, 12, 20, 23, 7]


def test_outline_levels_with_inconsistent_numbering_and_inline_items() -> None:
    got = paths(SYNTHETIC)
    assert got["（一）加强组织领导。\n成立领导小组。"] == "一、主要成效 > （一）加强组织领导"
    # （2） beside （一） and （三） is their sibling, not a child
    assert got["一是组织学习2期，参加人员50人。"] == "一、主要成效 > （2）加强法治学习 > 一是组织学习2期"
    assert got["二是开展讲座3次。"] == "一、主要成效 > （2）加强法治学习 > 二是开展讲座3次"
    assert got["（三）化解矛盾纠纷。全镇共受理调解案件12件。"] == "一、主要成效 > （三）化解矛盾纠纷"
    assert got["2.加强培训。培训调解员8次。"] == "一、主要成效 > （三）化解矛盾纠纷 > 2.加强培训"
    assert got["一是宣传不够；"] == "二、存在问题 > 一是宣传不够"
    assert got["二是队伍不强。"] == "二、存在问题 > 二是队伍不强"


def test_sections_do_not_overlap_and_keep_all_body_text() -> None:
    sections = parse_sections(SYNTHETIC)
    assert all(a.end <= b.start for a, b in zip(sections, sections[1:], strict=False))
    covered = "".join(SYNTHETIC[s.start:s.end] for s in sections)
    for line in ("成立领导小组。", "建立调解中心。", "2023年，城关镇……。"):
        assert line in covered


def test_known_corpus_section_paths(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    expected = {
        ("000_34e5d983f20fcaa4.txt", "4个村队均实现了每村1名聘用律师"):
            "一、2023年法治政府建设情况 > （四）规范行政行为，深入推进依法执政 > 三是发挥政府法律顾问作用",
        ("000_34e5d983f20fcaa4.txt", "共接收派单30件"):
            "一、2023年法治政府建设情况 > （5）推进政府行政高效透明，更好发挥政府作用 > 一是坚持为民解忧",
        ("003_a09d03cfebe872bb.txt", "领取行政执法证件人员共14"):
            "一、2023年度工作开展情况 > （三）充分发挥司法行政职能作用",
        ("004_913615f662c886fc.pdf", "开展法治专题学习4次"):
            "一、主要做法及成效 > （二）注重法治宣传教育，持续提升法治素养 > 1.以深入推动“八五”普法为总抓手",
        ("002_0eaea493a516bd61.docx", "乡级专兼职人民调解员5名"):
            "一、主要措施及成效 > （四）夯实基层基础，推进依法管理 > 一是加强基层法治人才队伍和基础设施建设",
        ("001_31921d5176bdc757.txt", "配置专职调解员3名"):
            "二、主要做法 > （五）努力营造良好的法治环境 > 四是构建矛盾纠纷大调解工作格局",
    }
    for (name, quote), path in expected.items():
        report = corpus_reports[name]
        at = report.text.index(quote)
        section = next(s for s in parse_sections(report.text) if s.start <= at < s.end)
        assert SEPARATOR.join(section.path) == path
