"""Questions of our own on the real corpus: the cited passage must hold the sentence that answers."""

import pytest

from qa.answer import ask
from qa.errors import BadQuestionError

# question -> (township that must be cited, text the cited passage must contain)
FACTS = {
    "唐驿镇有多少人领取了行政执法证？": ("五十一团唐驿镇", "领取行政执法证件人员共14名"),
    "塔布勒合特蒙古民族乡2023年受理了多少调解案件？": ("塔布勒合特蒙古民族乡", "受理调解案件52件"),
    "色务乡开展了多少次治安巡逻？": ("色务乡", "治安巡逻150余次"),
    "后台乡配置了几名专职调解员？": ("后台乡", "配置专职调解员3名"),
    "嘎美乡有几名乡级专兼职人民调解员？": ("嘎美乡", "乡级专兼职人民调解员5名"),
    "塔布勒合特乡培育了多少名法律明白人？": ("塔布勒合特蒙古民族乡", "培育法律明白人12名"),
    "塔布勒合特蒙古民族乡有几名工作人员申领了行政执法证？": ("塔布勒合特蒙古民族乡", "5名工作人员申领了行政执法证"),
    "色务乡2024年受理群众信访事项多少件？": ("色务乡", "受理群众信访事项1件"),
    "唐驿镇举办了多少场领导干部法治讲座？": ("五十一团唐驿镇", "举办领导干部法治讲座8场"),
    "嘎美乡开展了多少场国家安全教育宣传？": ("嘎美乡", "国家安全教育宣传14场次"),
    "塔布勒合特蒙古民族乡12345热线共接收派单多少件？": ("塔布勒合特蒙古民族乡", "共接收派单30件"),
    "后台乡的法律顾问服务对接了多少个村委会？": ("后台乡", "16个村委会"),
    "五十一团法律顾问参与审核合同多少件？": ("五十一团唐驿镇", "参与审核合同(协议)11件"),
    "色务乡开展法治专题学习几次？": ("色务乡", "开展法治专题学习4次"),
    "塔布勒合特蒙古民族乡聘请了几名专业律师作为政府法律顾问？": ("塔布勒合特蒙古民族乡", "聘请2名专业律师"),
    "嘎美乡在多少个村居委会开展了法治微宣讲？": ("嘎美乡", "18个村居委会开展“法治微宣讲”"),
    "色务乡排查调解矛盾纠纷多少起？": ("色务乡", "排查调解矛盾纠纷9起"),
    "后台乡的党委书记是谁？": ("后台乡", "乡党委书记孟庆云"),
    "后台乡多久开一次调解员例会？": ("后台乡", "每月召开工作例会"),  # how often: a sentence saying so, no figure
    # the model is as sure of 「排查调解矛盾纠纷9起」 (a sentence on 信访隐患): the clause that names 信访 wins
    "色务乡一年里收到几件群众来访？": ("色务乡", "受理群众信访事项1件"),
    # 普法 only in its own heading (四是聚焦重点群体普法); 人次 is the unit, not a word to find
    "塔布勒合特蒙古民族乡给重点群体普法，受众有多少人次？": ("塔布勒合特蒙古民族乡", "受教育干部群众2000余人次"),
    # 三十场 is the premise: the 12场次 and 30场次 around it are not the audience
    "唐驿镇给放假回来的学生宣讲了三十场，受教育的群众有多少？": ("五十一团唐驿镇", "受教育群众15000余人"),
}


@pytest.fixture(scope="module")
def store_and_embedder(corpus_store, embedder):  # type: ignore[no-untyped-def]
    return corpus_store[0], embedder


@pytest.mark.parametrize("question", list(FACTS))
def test_fact_questions_cite_the_answering_sentence(store_and_embedder, question: str) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    township, quote = FACTS[question]
    answer = ask(question, store=store, embedder=embedder, k=8)
    assert not answer.refused, answer.answer
    assert any(quote in c.text and c.township == township for c in answer.citations), answer.answer
    text = {r.id: store.registry.report_text(r.id) for r in store.reports()}
    for c in answer.citations:  # every citation is the exact passage at its offsets
        assert text[c.report_id][c.start:c.end] == c.text


def test_which_townships_hired_village_legal_advisers(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇聘请了村法律顾问？", store=store, embedder=embedder, k=8)
    assert not answer.refused
    assert {c.township for c in answer.citations} == {"塔布勒合特蒙古民族乡", "后台乡"}
    assert "共检查5份报告" in answer.answer
    assert any("16个村委会" in c.text for c in answer.citations)


def test_summary_across_reports_cites_each_problem_section(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("各乡镇普遍存在哪些问题？", store=store, embedder=embedder, k=8)
    assert not answer.refused
    assert {"色务乡", "嘎美乡", "五十一团唐驿镇", "塔布勒合特蒙古民族乡"} <= {c.township for c in answer.citations}
    assert all("问题" in c.section or "不足" in c.section or "问题" in c.text for c in answer.citations)


@pytest.mark.parametrize(("question", "named"), [
    ("红旗镇聘请法律顾问了吗？", "红旗镇"),
    ("2022年各乡镇调解了多少案件？", "2022"),
    ("后台乡2024年受理了多少行政复议案件？", "后台乡"),
    ("火星基地有多少名宇航员？", None),
    ("第三师四十五团有多少人领了执法证？", "四十五团"),  # a numbered 团场 no report is from
    ("色务乡的法治宣传一条街有多长？", None),  # a length: no figure in metres, whatever else counts
    ("后台乡在平安建设知识竞赛中拿了第几名？", None),  # a place in a ranking is no count a report states
    ("塔布勒合特蒙古民族乡普法花了多少钱？", None),  # money: its counts of people and events are no answer
    ("嘎美乡秸秆禁烧这块一年花了多少钱？", None),  # all it says of its topic is in words no report uses
    ("后台乡平安建设知识竞赛有几个村参加？", None),  # villages: its 五千人次 counts an attendance, not villages
    # a figure near in meaning answers only a measure asked in words: 几个村 is no 「16个村委会」 (法律顾问服务)
    ("后台乡有几个村拿到了三零平安创建的牌子？", None),
    # a kind of dispute no report names: 「排查调解矛盾纠纷9起」 counts disputes of every kind
    ("色务乡婚姻纠纷调解了多少件？", None),
    ("色务乡草场纠纷调了多少起？", None),
])
def test_what_the_reports_do_not_say_is_refused(store_and_embedder, question: str, named: str | None) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask(question, store=store, embedder=embedder, k=8)
    assert answer.refused and not answer.citations
    assert answer.answer.startswith("在已收录的报告中没有找到")
    if named:
        assert named in answer.answer


@pytest.mark.parametrize("question", ["", "   ", "问" * 1001])
def test_empty_or_huge_questions_are_rejected(store_and_embedder, question: str) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    with pytest.raises(BadQuestionError):
        ask(question, store=store, embedder=embedder, k=8)


def test_a_question_of_two_parts_gets_both_answered_each_cited(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("塔布勒合特蒙古民族乡受理了多少调解案件？调解成功了多少件？", store=store, embedder=embedder, k=8)
    assert not answer.refused
    first, second = answer.answer.split("\n【")
    assert "52件" in first and "[1]" in first and "51件" in second and "[2]" in second
    assert [c.n for c in answer.citations] == [1, 2]
    assert all("调解成功51件" in c.text for c in answer.citations)  # one sentence states both


def test_a_colloquial_question_finds_the_official_wording(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("唐驿镇有几个人有执法证？", store=store, embedder=embedder, k=8)  # reports: 行政执法证件
    assert not answer.refused and "14名" in answer.answer
    assert answer.citations[0].township == "五十一团唐驿镇"


def test_a_figure_the_question_states_is_not_its_answer(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("色务乡入户走访了一百四十次，最后成功调解了几次？", store=store, embedder=embedder, k=8)
    assert not answer.refused and "31次" in answer.answer.split("：", 1)[1]


@pytest.mark.parametrize(("question", "first", "second"), [
    ("塔布勒合特蒙古民族乡受理了多少调解案件？成功了几件？", "受理调解案件52件", "调解成功51件"),
    ("色务乡受理了几件信访？化解了几件？", "受理群众信访事项1件", "化解1件"),
])
def test_each_part_of_a_question_is_answered_by_its_own_figure(store_and_embedder, question: str, first: str,  # type: ignore[no-untyped-def]
                                                               second: str) -> None:
    # the second part carries the first's topic (受理调解案件成功了几件): the figure the first is answered by is
    # the likeliest for it too, and is not its answer
    store, embedder = store_and_embedder
    answer = ask(question, store=store, embedder=embedder, k=8)
    figures = [c.text[c.figure_start - c.start:c.figure_end - c.start] for c in answer.citations
               if c.figure_start is not None and c.figure_end is not None]
    assert len(figures) == 2 and first in figures[0] and figures[1].endswith(second)


def test_a_question_only_in_words_no_report_uses_is_refused_with_its_townships_closest_passages(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    store, embedder = store_and_embedder
    answer = ask("嘎美乡一年收了多少税款？", store=store, embedder=embedder, k=8)
    assert answer.refused and not answer.citations and answer.answer.startswith("在已收录的报告中没有找到这个数字")
    assert answer.related and {c.township for c in answer.related} == {"嘎美乡"}


def test_a_question_listing_townships_is_answered_for_each(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    """The report worded most like the question no longer takes every citation: each township listed has its part."""
    store, embedder = store_and_embedder
    answer = ask("嘎美和色务平时都怎么搞普法宣传？", store=store, embedder=embedder, k=8)
    assert not answer.refused
    assert "【嘎美平时都怎么搞普法宣传？】" in answer.answer and "【色务平时都怎么搞普法宣传？】" in answer.answer
    assert {c.township for c in answer.citations} == {"嘎美乡", "色务乡"}
    assert any("普法行" in c.text for c in answer.citations if c.township == "嘎美乡")
    # which of them is still one set question, not asked of each
    which = ask("后台、唐驿还是色务，哪个搞过扫黑除恶宣传？", store=store, embedder=embedder, k=8)
    assert "【" not in which.answer


def test_a_yes_no_question_is_answered_by_a_failing_the_report_admits(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 「…是不是都…了？」 is answered 「no」 by the report's own problems section: that heading does not count against it
    store, embedder = store_and_embedder
    answer = ask("塔布勒合特的干部是不是都把法治当回事了？", store=store, embedder=embedder, k=8)
    assert not answer.refused and "依法行政的意识还不强" in answer.citations[0].text, answer.answer


def test_a_failing_asked_in_words_is_looked_for_under_problems(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 「…观念还不够强」 asks what the reports admit: 唐驿's sentence under 「存在的问题」 answers, its heading no count against it
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇的报告里讲到干部脑子里法治观念还不够强？", store=store, embedder=embedder, k=8)
    assert not answer.refused and any("依法办事观念不强" in c.text and c.township == "五十一团唐驿镇"
                                      for c in answer.citations), answer.answer


def test_a_figure_asked_in_words_no_report_uses_is_found_by_meaning(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 集市, 标语布: none of the report's figures holds enough of the question's words; its 条 are nearest in meaning
    store, embedder = store_and_embedder
    answer = ask("色务乡在集市上挂宣传标语布挂了多少条？", store=store, embedder=embedder, k=8)
    assert answer.answer == "色务乡（2024年）：悬挂横幅30余条[1]", answer.answer
    # one worded like the question is taken before any found by meaning: 几回 of 法治专题学习, not of 调解员 training
    answer = ask("色务乡领导干部一年集中学了几回法？", store=store, embedder=embedder, k=8)
    assert not answer.refused and "4次" in answer.answer, answer.answer


def test_a_hotline_named_by_its_number_is_a_word_not_a_figure(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    from qa.answer.terms import _figure

    assert not _figure("12345", "打12345的单子有几件？") and not _figure("110", "110接警多少次？")
    assert _figure("140", "走了140次，调成了几次？") and _figure("2023", "2023年") and _figure("120", "120名干部")
    # only a hotline's number, and only where no unit follows it anywhere in the question
    assert _figure("1234", "共1234，对吗？") and _figure("120", "有120多人参加吗？") and _figure("115", "走访了115家商户吗？")
    assert _figure("120", "1200余人中有120名党员，几名是干部？")
    store, embedder = store_and_embedder
    answer = ask("塔布勒合特打12345的单子有几件？", store=store, embedder=embedder, k=8)
    assert answer.answer == "塔布勒合特蒙古民族乡（2023年）：2023年“12345”热线平台共接收派单30件[1]", answer.answer


def test_a_verb_said_split_finds_the_word_reports_use(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 普过法 is 普法 said with 过 inside it: 塔布勒合特's 「针对…青少年…」 was not found for jieba's 普过 + 法
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇给学生普过法？", store=store, embedder=embedder, k=8)
    assert {c.township for c in answer.citations} == {"塔布勒合特蒙古民族乡", "五十一团唐驿镇"}, answer.answer


def test_a_question_about_the_reports_themselves_lists_those_of_its_year(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 工作总结 names the report itself, as 报告 does: every 2023 report answers, not only those saying 汇报 in a sentence
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇报上来的是2023年的工作总结？", store=store, embedder=embedder, k=8)
    assert {c.township for c in answer.citations} == {"塔布勒合特蒙古民族乡", "后台乡", "五十一团唐驿镇"}, answer.answer


def test_a_lexicon_word_the_tokenizer_cuts_still_finds_its_forms(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # jieba cuts 免费打官司 (免费 + 官司); the lexicon says reports word it 法律援助
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇给群众免费打官司？", store=store, embedder=embedder, k=8)
    assert not answer.refused and any("法律援助" in c.text and c.township == "嘎美乡" for c in answer.citations), \
        answer.answer


def test_suing_the_government_is_found_as_the_reports_word_it_and_nowhere_else(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 告政府 is a lawsuit (行政诉讼): 「…法治政府建设工作报告」 holds 政府 and the 告 of 报告, and is none
    store, embedder = store_and_embedder
    answer = ask("嘎美、色务还是后台，哪家的报告里提了有没有人告政府？", store=store, embedder=embedder, k=8)
    assert [c.township for c in answer.citations] == ["嘎美乡"] and "无行政诉讼" in answer.citations[0].text, \
        answer.answer
    anyone = ask("哪些乡镇有人告政府？", store=store, embedder=embedder, k=8)  # (refused, or answered by a lawsuit)
    assert anyone.refused or all("诉讼" in c.text for c in anyone.citations), anyone.answer
    assert not any("政府建设" in c.text for c in anyone.citations), anyone.answer


def test_a_township_doing_one_of_the_things_a_question_lists_is_listed(store_and_embedder) -> None:  # type: ignore[no-untyped-def]
    # 「老年人、青少年」 are alternatives: 唐驿's 「预防老年人诈骗」 is 普法 for the old, as 塔布勒合特's is for both
    store, embedder = store_and_embedder
    answer = ask("哪些乡镇的普法针对老年人、青少年？", store=store, embedder=embedder, k=8)
    assert {c.township for c in answer.citations} == {"塔布勒合特蒙古民族乡", "五十一团唐驿镇"}, answer.answer
    either = ask("哪些乡镇开展过防邪教、禁毒宣传？", store=store, embedder=embedder, k=8)
    assert any(c.township == "嘎美乡" and "禁毒" in c.text for c in either.citations), either.answer


def test_only_a_plan_is_off_topic_for_a_yes_no_question() -> None:
    from qa.answer.evidence import off_topic
    from qa.answer.terms import Terms

    yesno, open_question = Terms({"法治": 1.0}, False, kind="yesno"), Terms({"法治": 1.0}, False, kind="open")
    assert off_topic(yesno, "四、存在的问题") == 0.0 and off_topic(open_question, "四、存在的问题") == 1.0
    assert off_topic(yesno, "五、下一步工作计划") == 1.0
