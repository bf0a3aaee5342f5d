"""Numeric facts: value, unit, qualifier and exact offsets; years, hotlines and dates are not counts."""

from qa.ingest.facts import extract_facts
from qa.ingest.numerals import chinese_value
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


def _facts(text: str) -> list[tuple[float, str, str, str, str]]:
    facts = extract_facts("r", text, [])
    for f in facts:
        assert text[f.start:f.end] == f.clause
    return [(f.value, f.value_text, f.qualifier, f.unit, f.clause) for f in facts]


def test_chinese_numerals_with_units_are_counts_as_written() -> None:
    text = "镇司法所配备专职调解员十二名，在二十四个村开展送法活动，一百零五名村民参加。各村参与竞赛五千人次。"
    assert _facts(text) == [
        (12.0, "十二", "", "名", "镇司法所配备专职调解员十二名"),
        (24.0, "二十四", "", "个", "在二十四个村开展送法活动"),
        (105.0, "一百零五", "", "名", "一百零五名村民参加"),
        (5000.0, "五千", "", "人次", "各村参与竞赛五千人次"),
    ]


def test_chinese_numerals_with_qualifiers() -> None:
    text = ("全年举办普法讲座三十余场，受教育干部群众一百五十余人次，组建法律明白人小组二十多个。"
            "印发宣传折页千余份、法治挂历两千余本。接待来访近千人。")
    assert _facts(text) == [
        (30.0, "三十", "余", "场", "全年举办普法讲座三十余场"),
        (150.0, "一百五十", "余", "人次", "受教育干部群众一百五十余人次"),
        (20.0, "二十", "多", "个", "组建法律明白人小组二十多个"),
        (1000.0, "千", "余", "份", "印发宣传折页千余份"),  # a list of counts is cut at its 、
        (2000.0, "两千", "余", "本", "法治挂历两千余本"),
        (1000.0, "千", "近", "人", "接待来访近千人"),
    ]


def test_wan_is_multiplied_out_except_in_money() -> None:
    text = ("线上普法覆盖1.2万人次，覆盖群众两万余人次。落实普法经费3万余元，"
            "投入法治文化阵地建设资金三十万元，补助十二万余元，调解涉及金额52.17万元。")
    assert _facts(text) == [
        (12000.0, "1.2万", "", "人次", "线上普法覆盖1.2万人次"),
        (20000.0, "两万", "余", "人次", "覆盖群众两万余人次"),
        (3.0, "3", "余", "万元", "落实普法经费3万余元"),
        (30.0, "三十", "", "万元", "投入法治文化阵地建设资金三十万元"),
        (12.0, "十二", "余", "万元", "补助十二万余元"),
        (52.17, "52.17", "", "万元", "调解涉及金额52.17万元"),
    ]


def test_liang_and_er_read_alike_and_stay_as_written() -> None:
    text = "甲村发放资料两千余份，乙村发放资料二千余份。配备网格员两名。"
    assert _facts(text) == [
        (2000.0, "两千", "余", "份", "甲村发放资料两千余份"),
        (2000.0, "二千", "余", "份", "乙村发放资料二千余份"),
        (2.0, "两", "", "名", "配备网格员两名"),
    ]


def test_numbers_below_ten_count_only_closing_a_clause_or_after_a_counting_word() -> None:
    text = "党委会专题研究法治工作三次，先后召开两次推进会，组织开展了两场讲座，乡党委书记讲授法治课四个方面。"
    assert _facts(text) == [
        (3.0, "三", "", "次", "党委会专题研究法治工作三次"),
        (2.0, "两", "", "次", "先后召开两次推进会"),
        (2.0, "两", "", "场", "组织开展了两场讲座"),
    ]


IDIOMS = [
    "一是压实责任，二是强化学习，三是规范执法。",
    "履行第一责任人职责，第一时间回应，排名第十二名。",
    "全面推行“一村一法律顾问”，建成一站式矛盾纠纷调处中心，坚持一把手负总责。",
    "落实三会一课，谋划“十四五”规划，“十三五”期间成效明显，学习党的二十大和二十届三中全会精神。",
    "围绕一个中心，坚决做到“两个维护”，增强四个意识，开展一批专项行动。",
    "一次性告知，下沉一线，一律公开，推出一系列举措，多次召开会议。",
    "健全乡村三级网络，实行一户一策，开展四下基层，实施五个一工程，推动三所一庭联动。",
    "严格落实中央八项规定精神，推行行政执法三项制度，落实“八五”普法。",
    "百名律师进千村，法治宣传进千家万户，开展数十场活动，几十名志愿者参与。",
    "五十一团唐驿镇设立法治宣传一条街，把法治建设作为一项重要任务，再上一个新台阶。",
    "乡镇一两个部门，二〇二三年度，十一期间值班。",
]


def test_chinese_numerals_in_idioms_are_not_facts() -> None:
    for text in IDIOMS:
        assert _facts(text) == [], text


def test_arabic_figures_keep_their_units() -> None:
    text = "受益群众10余万人，宣传覆盖2万，争取资金3000余万元，每天指派4-8名劝导员。"
    assert _facts(text) == [
        (10.0, "10", "余", "万", "受益群众10余万人"),
        (2.0, "2", "", "万", "宣传覆盖2万"),
        (3000.0, "3000", "余", "万元", "争取资金3000余万元"),
        (8.0, "4-8", "", "名", "每天指派4-8名劝导员"),
    ]


def test_chinese_numeral_values() -> None:
    cases = {"十二": 12, "三十": 30, "一百五十": 150, "两千": 2000, "一千零五十": 1050, "两万三": 23000,
             "一百五": 150, "三千万": 30_000_000, "十三五": None, "一两": None, "二〇二三": None, "二十两": None}
    assert {t: chinese_value(t) for t in cases} == cases
