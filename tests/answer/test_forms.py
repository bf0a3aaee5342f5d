"""A question's form read from its wording: kind, measure and units, parts, options, comparison, topic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.answer.forms import MEASURES, content_text, is_asking, read_form
from qa.ingest.facts import extract_facts


@pytest.mark.parametrize(("question", "kind"), [
    ("色务乡有几名法律顾问？", "figure"),
    ("嘎美乡去年调解纠纷一共多少件啊", "figure"),
    ("唐驿镇普法经费投了多少钱？", "figure"),
    ("色务乡调解成功率是多少？", "figure"),
    ("参训人数呢？", "figure"),  # the measure named at the end asks for it
    ("哪个乡镇调解的纠纷最多？", "figure"),  # a ranking by a figure
    ("哪几个乡镇开展了宪法宣传周活动？", "set"),  # 几个 here asks which, not how many
    ("哪些乡镇聘了村法律顾问", "set"),
    ("开展了宪法宣传的乡镇有哪些？", "set"),  # the townships named first
    ("聘请了法律顾问的乡镇都有哪几个？", "set"),
    ("哪个镇搞了法治讲座？", "set"),
    ("几个乡镇开展了法治讲座？", "count"),  # how many townships: a count over reports, not a figure in one
    ("全县有多少个乡镇聘请了法律顾问？", "count"),
    ("色务乡有几个村配了法律顾问？", "figure"),  # 几个村 is a figure in the township's report
    ("色务乡有没有聘请法律顾问？", "yesno"),
    ("嘎美乡是不是搞了宪法宣传周活动", "yesno"),
    ("唐驿镇是否建立了行政执法公示制度？", "yesno"),
    ("色务乡有无开展禁毒宣传", "yesno"),
    ("色务乡聘法律顾问了吗？", "yesno"),
    ("色务乡搞了好几场普法宣传吗？", "yesno"),  # 好几场 states, it does not ask
    ("色务乡法律顾问聘了没有？", "yesno"),
    ("色务乡有法律顾问不？", "yesno"),
    ("嘎美乡搞禁毒宣传没？", "yesno"),
    ("色务乡开展了几十场普法宣传吗？", "yesno"),  # 几十场 states a rough number
    ("色务乡每个村最少有一名法律顾问吗？", "yesno"),  # 最少一名 is "at least", not a ranking
    ("色务乡的法律顾问是律师还是村干部？", "choice"),
    ("色务乡还是没有聘请法律顾问吗？", "yesno"),  # 还是 as "still"
    ("色务乡是怎么开展普法宣传的？", "open"),
    ("嘎美乡采取了哪些措施推进依法行政？", "open"),
    ("唐驿镇法治建设存在什么问题？", "open"),
    ("你能说说色务乡怎么搞普法的吗？", "open"),  # 怎么 outweighs the closing 吗
    ("色务乡的普法宣传情况", "open"),
    ("色务乡开展了哪些普法活动？", "list"),
    ("色务乡普法宣传有几种形式？", "list"),  # 几种 wants the forms, not a number
    ("色务乡依法治乡领导小组组长是谁？", "fact"),
    ("法治讲座是什么时候开的？", "fact"),
    ("近几年色务乡做了哪些工作？", "open"),  # 近几年 is not a how-many
])
def test_kind(question: str, kind: str) -> None:
    assert read_form(question).kind == kind


@pytest.mark.parametrize(("question", "measure", "units"), [
    ("色务乡有几名法律顾问？", "people", {"人", "名", "位"}),
    ("色务乡有几个法律顾问？", "people", {"人", "名", "位"}),  # 个 beside a person counts people
    ("色务乡法律顾问有几个", "people", {"人", "名", "位"}),
    ("唐驿镇去年调解了几起矛盾纠纷", "cases", {"件", "起", "宗", "例", "件次"}),
    ("多少人参加了色务乡的法治培训？", "people", {"人", "名", "位", "人次"}),  # an audience is counted in 人次 too
    ("普法宣传覆盖了多少人次？", "attendance", {"人次"}),
    ("色务乡一年搞了多少趟巡逻？", "times", {"次", "场", "场次", "期", "轮", "回", "批", "批次"}),
    ("法治讲座办了几期", "times", {"次", "场", "场次", "期", "轮", "回", "批", "批次"}),
    ("色务乡调解纠纷多少宗？", "cases", {"件", "起", "宗", "例", "件次"}),
    ("色务乡纠纷有多少？", "cases", {"件", "起", "宗", "例", "件次"}),  # no unit asked: what is counted says
    ("色务乡普法花了多少钱？", "money", {"元", "万元", "万"}),
    ("普法经费是多少？", "money", {"元", "万元", "万"}),
    ("宣传资料发了几份？", "copies", {"份", "册", "本"}),
    ("调解成功率百分之几？", "rate", {"%", "％", "个百分点"}),
    ("色务乡有几户法治示范户？", "households", {"户", "户次"}),
    ("色务乡有几个村配了法律顾问？", "items", {"个"}),
    ("色务乡多少村有法律顾问", "items", {"个"}),  # not people, though 法律顾问 are
])
def test_measure_and_units(question: str, measure: str, units: set[str]) -> None:
    form = read_form(question)
    assert (form.measure, form.units) == (measure, units)


def test_questions_that_ask_no_figure_have_no_measure() -> None:
    assert read_form("哪几个乡镇开展了法治讲座？").measure is None
    assert read_form("色务乡有没有聘请法律顾问？").units == frozenset()


def test_the_units_of_a_measure_are_units_facts_are_extracted_in() -> None:
    not_extracted_yet = {"位", "宗", "例", "轮", "回", "批", "米", "千米"}  # as MEASURES' comment says
    never = {"名次"}  # a place in a ranking is no count: no fact answers 第几名
    for _, _, units in MEASURES:
        for unit in units - not_extracted_yet - never:
            assert [f.unit for f in extract_facts("r", f"共完成13{unit}。", [])] == [unit]


@pytest.mark.parametrize(("question", "parts"), [
    ("色务乡开展了多少场普法宣传？覆盖多少人次？", ("色务乡开展了多少场普法宣传？", "色务乡普法宣传覆盖多少人次？")),
    ("色务乡有几名法律顾问，调解了多少件纠纷？", ("色务乡有几名法律顾问？", "色务乡调解了多少件纠纷？")),
    ("色务乡的法律顾问和调解员分别有几名？", ("色务乡的法律顾问有几名？", "色务乡的调解员有几名？")),
    ("普法宣传和禁毒宣传分别是多少场", ("普法宣传是多少场？", "禁毒宣传是多少场？")),
    ("色务乡和嘎美乡分别开展了多少场普法宣传？", ("色务乡开展了多少场普法宣传？", "嘎美乡开展了多少场普法宣传？")),
    ("2023年色务乡开展了多少场普法宣传？覆盖了多少人？",
     ("2023年色务乡开展了多少场普法宣传？", "色务乡2023年普法宣传覆盖了多少人？")),
    ("色务乡是否开展了法治讲座？搞了几场？", ("色务乡是否开展了法治讲座？", "色务乡法治讲座搞了几场？")),
    ("色务乡开展了多少场普法宣传？禁毒宣传呢？", ("色务乡开展了多少场普法宣传？", "色务乡禁毒宣传多少场？")),
    ("唐驿镇有多少人领取了执法证？那嘎美乡呢？", ("唐驿镇有多少人领取了执法证？", "嘎美乡有多少人领取了执法证？")),
    ("色务乡开展了多少场普法宣传，嘎美乡开展了多少场？",
     ("色务乡开展了多少场普法宣传？", "嘎美乡普法宣传开展了多少场？")),
    ("各乡镇普法工作存在哪些不足？下一步怎么改进？", ("各乡镇普法工作存在哪些不足？", "各乡镇下一步怎么改进？")),
    ("色务乡今年普法投入了多少经费，主要用在哪些方面？",
     ("色务乡今年普法投入了多少经费？", "色务乡今年普法投入经费主要用在哪些方面？")),
    # one question, however many clauses
    ("色务乡在开展普法宣传时发放了多少份资料？", ("色务乡在开展普法宣传时发放了多少份资料？",)),
    ("色务乡开展普法宣传的时候，发放了多少份资料？", ("色务乡开展普法宣传的时候，发放了多少份资料？",)),
    ("色务乡开展了多少场普法宣传，其中线上几场？", ("色务乡开展了多少场普法宣传，其中线上几场？",)),
    ("哪些乡镇开展了普法宣传，分别开展了多少场？", ("哪些乡镇开展了普法宣传，分别开展了多少场？",)),
    ("色务乡法律顾问和调解员一共有几名？", ("色务乡法律顾问和调解员一共有几名？",)),
    ("你知道吗，色务乡有几名法律顾问？", ("你知道吗，色务乡有几名法律顾问？",)),
    ("色务乡采取了哪些措施？效果怎么样？", ("色务乡采取了哪些措施？效果怎么样？",)),  # no topic to lend: kept whole
])
def test_parts(question: str, parts: tuple[str, ...]) -> None:
    assert read_form(question).parts == parts


@pytest.mark.parametrize("question", [
    "色务乡开展了多少场普法宣传？覆盖多少人次？",
    "色务乡的法律顾问和调解员分别有几名？",
    "色务乡是否开展了法治讲座？搞了几场？",
    "唐驿镇有多少人领取了执法证？那嘎美乡呢？",
])
def test_each_part_is_a_question_of_one_part(question: str) -> None:
    for part in read_form(question).parts:
        assert read_form(part).parts == (part,)


def test_a_multi_part_question_is_described_by_its_first_part() -> None:
    form = read_form("色务乡是否开展了法治讲座？搞了几场？")
    assert (form.kind, form.measure) == ("yesno", None)
    assert read_form(form.parts[1]).measure == "times"


@pytest.mark.parametrize(("question", "options"), [
    ("色务乡的法律顾问是律师还是村干部？", ("律师", "村干部")),
    ("普法宣传是线上、线下还是两者结合？", ("线上", "线下", "两者结合")),
    ("法律顾问是乡里聘的还是县里聘的", ("乡里聘", "县里聘")),
    ("去年开展了10场还是20场？", ("10场", "20场")),
    ("色务乡普法宣传线上多还是线下多？", ("线上多", "线下多")),
    ("色务乡还是没有聘请法律顾问吗？", ()),
])
def test_options(question: str, options: tuple[str, ...]) -> None:
    assert read_form(question).options == options


@pytest.mark.parametrize(("question", "compare", "across"), [
    ("哪个乡镇调解的纠纷最多？", "most", True),
    ("哪个乡镇开展普法宣传最少？", "fewest", True),
    ("哪个乡镇纠纷多？", "most", True),
    ("色务乡和嘎美乡谁的法律顾问更多", "most", True),
    ("色务乡哪一年调解纠纷最多？", "most", False),
    ("哪个乡镇开展了多少场普法宣传？", None, True),  # 多少 is neither 多 nor 少
    ("哪个乡镇开展了多种形式的普法", None, True),
    ("色务乡的普法宣传比去年更多吗？", None, False),  # more than last year: not a ranking
    ("各乡镇分别开展了多少场普法宣传？", None, True),
    ("是不是所有乡镇都聘请了法律顾问？", None, True),
    ("有没有乡镇开展了反诈宣传？", None, True),
    ("色务乡开展了哪些普法活动？", None, False),  # 哪些 alone is not about many townships
])
def test_compare_and_across(question: str, compare: str | None, across: bool) -> None:
    form = read_form(question)
    assert (form.compare, form.across) == (compare, across)


@pytest.mark.parametrize(("question", "topic"), [
    ("色务乡是怎么开展普法宣传的？", "done"),
    ("嘎美乡有哪些好的做法？", "done"),
    ("唐驿镇法治建设存在什么问题？", "problems"),
    ("色务乡普法工作还有哪些不足", "problems"),
    ("色务乡下一步有什么打算？", "plans"),
    ("嘎美乡明年准备怎么开展普法？", "plans"),
    ("色务乡明年计划开展多少场普法？", "plans"),
    ("色务乡制定了年度普法计划吗？", None),  # a plan made is work done, not a plan for next year
    ("色务乡计划生育工作做了什么？", "done"),
    ("色务乡解决了群众哪些问题？", "done"),  # problems solved are work done
    ("色务乡帮扶了多少困难群众？", None),
    # a failing asked about in words, not by the word 问题: what the problems section admits
    ("哪些乡镇的执法队伍人手不够？", "problems"),
    ("嘎美乡承认哪些工作还没做好？", "problems"),
    ("哪些乡镇干部依法办事的观念不强？", "problems"),
    ("色务乡调解员缺人吗？", "problems"),
    ("色务乡给调解员培训了几次？", None),
    ("各乡镇是怎么解决法律服务人手不够的？", "done"),  # a failing met is work done
    ("色务乡怎么应对调解员缺口的？", "done"),
    ("色务乡在解决问题上还有哪些不足？", "problems"),
    ("哪些乡镇的人民调解员有待遇？", None),  # 有待遇 is no 有待
])
def test_topic(question: str, topic: str | None) -> None:
    assert read_form(question).topic == topic


@pytest.mark.parametrize(("question", "content"), [
    ("请问色务乡有没有法律顾问？", "色务乡法律顾问"),
    ("色务乡是不是搞了宪法宣传周活动", "色务乡宪法宣传周活动"),
    ("请问一下色务乡平时都是咋搞普法的？", "色务乡普法"),
    ("色务乡一共有多少名法律顾问", "色务乡法律顾问"),
    ("色务乡大概花了多少钱搞普法", "色务乡花了普法"),
    ("你知道色务乡具体采取了哪些措施吗", "色务乡采取了措施"),
    ("色务乡有无人机巡逻吗？", "色务乡有无人机巡逻"),  # 有无 inside 有无人机 is not asking
    ("禁毒宣传讲了吗啡的危害吗？", "禁毒宣传讲了吗啡的危害"),
    ("有没有弄虚作假的情况？", "弄虚作假的情况"),
    ("近几年色务乡做了哪些工作？", "近几年色务乡工作"),
    ("法治讲座是什么时候开的？", "法治讲座开"),
    ("咱乡普法宣传效果咋样？", "乡普法宣传效果"),
])
def test_content_text(question: str, content: str) -> None:
    assert content_text(question) == content


@pytest.mark.parametrize(("token", "asking"), [
    ("几名", True), ("多少", True), ("有没有", True), ("没有", True), ("不是", True), ("一共", True), ("平时", True),
    ("啥", True), ("请问", True), ("哪些方面", True), ("法律顾问", False), ("普法", False), ("无人机", False),
])
def test_is_asking(token: str, asking: bool) -> None:
    assert is_asking(token) is asking


# What officials' questions are made of: place and topic words, the asking words, numbers and punctuation.
_PIECES = ["色务乡", "嘎美乡", "各乡镇", "哪些", "哪几个", "几个", "乡镇", "多少", "几名", "场", "有没有", "是不是", "吗",
           "呢", "还是", "分别", "和", "、", "其中", "普法宣传", "法律顾问", "覆盖", "人次", "最多", "少", "2023年",
           "下一步", "问题", "怎么", "，", "？", "。", " ", "1", "那"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_any_wording_reads_as_at_least_one_question(question: str) -> None:
    form = read_form(question)
    assert form.parts and all(p.strip() for p in form.parts) or form.parts == (question.strip(),)
    assert len(content_text(question)) <= len(question)


@pytest.mark.parametrize(("question", "slot"), [
    ("后台乡的党委书记叫什么名字？", "person"),
    ("法治建设领导小组是谁挂帅？", "person"),
    ("唐驿的法律顾问是哪家律所派的？", "org"),
    ("公众号是什么时候开通的？", "time"),
    ("嘎美乡出了个什么文件来安排法治工作？", "title"),
    ("色务乡是怎么开展普法的？", None),
    ("谁家搞了禁毒宣传多少场？", None),  # a figure: its measure is what is asked
])
def test_the_slot_a_short_fact_question_names(question: str, slot: str | None) -> None:
    assert read_form(question).slot == slot


@pytest.mark.parametrize(("question", "says", "manner"), [
    ("哪几个乡镇讲了群众上访是咋处理的？", {"讲", "讲了"}, "处理"),
    ("哪个报告里写到了法律顾问？", {"写", "写到"}, None),
    ("哪些乡镇自己承认干部法治观念不强？", {"承认"}, None),
    ("色务乡的领导平时学法是怎么安排的？", set(), "安排"),
    ("给学生讲了几场法治课？", set(), None),  # 讲 is what was done, not what a report says
    ("后台乡政府的信息是咋对外公开的？", set(), None),  # only the verb right after the how word
    ("色务乡维稳巡逻是怎么组织人手的？", set(), None),  # 人手 is what was organised, not how
    ("嘎美乡的法治建设搞得怎么样？", set(), None),
    ("哪几个乡镇交上来的是2023年度的工作总结？", {"总结", "工作总结"}, None),  # the report itself
    ("色务乡向县委汇报过几次法治工作？", set(), None),  # a report to the county is what was done
    ("各乡镇总结了哪些调解经验？", set(), None),
])
def test_the_verbs_that_only_ask(question: str, says: set[str], manner: str | None) -> None:
    form = read_form(question)
    assert form.says == says and form.manner == manner


@pytest.mark.parametrize(("question", "measure"), [
    ("后台乡在知识竞赛中拿了第几名？", "rank"),
    ("法治宣传一条街有多长？", "length"),
    ("司法所有多大？", "area"),
    ("塔布勒合特带出来多少个懂法的明白人？", "people"),  # 个 before the people counted
    ("色务乡有几个村配了法律顾问？", "items"),
])
def test_strict_measures(question: str, measure: str) -> None:
    assert read_form(question).measure == measure


def test_a_figure_in_another_measures_own_unit_never_answers_a_measure_asked_in_words() -> None:
    from qa.answer.forms import unit_answers

    people, copies, times = read_form("覆盖了多少人？"), read_form("发了多少本宣传册？"), read_form("搞了几场？")
    assert people.measure_named and copies.measure_named and times.measure_named
    assert not unit_answers(people.measure, people.units, "场次")  # 多少人 is never 17场次
    assert unit_answers(people.measure, people.units, "人次")  # an audience is counted in 人次 too
    assert not unit_answers(copies.measure, copies.units, "场次") and unit_answers(copies.measure, copies.units, "份")
    assert unit_answers(times.measure, times.units, "件")  # an activity is counted in 次 or in 件
    contracts = read_form("法律顾问审过几份合同？")
    assert unit_answers(contracts.measure, contracts.units, "件")  # documents in 份 or in 件 (审核合同11件)
    assert not unit_answers(copies.measure, copies.units, "个")  # but never in a generic counter
    # 开过几次会 asks (过 before 几 states only in 超过几个, 不过几个); 分几级 asks, and so does any A不A
    assert read_form("党委为法治专门开过几次会？班子集体学法又几次？").parts == (
        "党委为法治专门开过几次会？", "班子集体学法又几次？")
    assert read_form("调解网络分几级？").kind == "figure"
    assert read_form("群众满不满意？").kind == "yesno"
    assert read_form("唐驿一年里普法主要抓了哪几块？").kind == "list"  # which, not how many
    # the whole A不A(B) is the question a 「…呢？」 after it asks again; its words stay content (满意)
    assert read_form("色务乡群众对调解满不满意？普法呢？").parts[1] == "色务乡普法满不满意？"
    assert content_text("色务乡群众对调解满不满意？") == "色务乡群众对调解满意"
    # words only dropped as whole tokens: not out of 来访, 接下来, 单位
    assert read_form("色务乡普法讲座办了几场？来信来访多少件？").parts[1] == "色务乡来信来访多少件？"
    assert content_text("嘎美乡有多少单位签订了责任书？") == "嘎美乡单位签订了责任书"
    assert content_text("调解工作分哪几类？") == "调解工作分"
    # how often is no figure: reports say 每月, 定期 (a fact whose slot a sentence must fill)
    for question in ("后台乡调解员平时多久碰一次头？", "色务乡多长时间开展一次治安巡逻？", "塔布勒合特几个月培训一次？"):
        form = read_form(question)
        assert (form.kind, form.slot) == ("fact", "frequency"), question
    assert read_form("唐驿镇一个月开几次会？").kind == "figure" and read_form("后台乡多久能办结信访件？").kind == "figure"
    assert read_form("巡逻频率是多少？").slot == "frequency"  # not a rate
    # not how often: a figure said once, 一次性, a span stated (近几个月, 十几天)
    for question in ("多少人参加了一次培训？", "几个村一次性完成？", "补贴多久一次性发放？"):
        assert read_form(question).kind == "figure", question
    for question in ("近几个月开展过一次普法吗？", "色务乡十几天巡逻一次吗？"):
        assert read_form(question).kind == "yesno", question
    assert read_form("后台乡在宣传上都用了哪些手段？").kind == "open"
    assert unit_answers(people.measure, people.units, "个")  # a generic counter may count anything
    # guessed from what is counted, not asked in words: no unit is ruled out
    assert not read_form("哪几个给调解员做过培训？").measure_named
    assert not read_form("还有几个义务帮忙的法律顾问？").measure_named
    # a later part that is only a verb and its particle (回应得怎么样) asks about the first part's topic
    assert read_form("后台乡普法讲座办了几场？效果怎么样？").parts[1] == "后台乡普法讲座效果怎么样？"
    assert read_form("塔布勒合特12345那边转来多少单？回应得怎么样？").parts[1].startswith("塔布勒合特12345")
    # a thing's own counter names its measure (things of all kinds): 多少条 横幅 is never 8名 劝导员
    banners = read_form("色务乡往墙上路口挂的宣传布标一共多少条？")
    assert banners.measure_named and not unit_answers(banners.measure, banners.units, "名")
    assert unit_answers(banners.measure, banners.units, "个") and not read_form("有几个村参加？").measure_named
    assert not read_form("色务乡开展了几项普法活动？").measure_named  # 项 is generic: 「开展普法活动12场」 answers
