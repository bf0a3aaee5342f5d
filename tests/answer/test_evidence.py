"""Coverage of a question's terms: equivalent wording counts, a heading counts for less."""

import numpy as np
import pytest

from qa.answer.terms import FORM_WEIGHT, SECTION_WEIGHT, Terms, coverage, cut_words, question_terms


def test_equivalent_words_count_as_the_question_term() -> None:
    terms = Terms(weights={"普法": 1.0, "不足": 1.0}, numeric=False)
    assert coverage("普法宣传力度还不够", terms) == 1.0  # 不够 is a way of saying 不足 (one way: in full)
    assert coverage("普法宣传力度大", terms) == 0.5
    # 不足 ≈ 问题: another word for it, in the heading
    assert coverage("普法宣传力度大", terms, section="二、存在问题") == (1 + SECTION_WEIGHT * FORM_WEIGHT) / 2


def test_plans_are_found_under_their_many_names() -> None:
    terms = Terms(weights={"打算": 2.0}, numeric=False)
    assert coverage("加强法治培训", terms, section="三、2024年工作计划") == SECTION_WEIGHT  # 年工作计划: one of 打算
    assert coverage("加强法治培训", terms, section="二、主要做法") == 0.0


def test_the_figures_a_question_states_are_its_premises_not_years() -> None:
    from qa.answer.terms import stated_figures

    def values(question: str) -> set[float]:
        return {v for v, _, _ in stated_figures(question)}

    assert stated_figures("色务挨家挨户走了一百四十次，最后调成的纠纷有几次？") == {
        (140.0, "色务挨家挨户走了一百四十次", "，最后调成的纠纷有几次？")}
    # said of its side of the asking word: 「超过两名法律顾问」, not 「有」
    assert {s for _, s, _ in stated_figures("有多少个村超过两名法律顾问？")} == {"个村超过两名法律顾问"}
    assert values("嘎美乡18个村一共有多少个法律明白人？") == {18.0}
    assert values("塔布勒合特除了两个律师，还有几个法律顾问？") == {2.0}
    assert values("唐驿镇2023年普法发了多少份宣传资料？") == set()  # a year states no figure
    assert stated_figures("第三师五十一团有几名执法人员？") == frozenset()  # nor a 团场's number


def test_a_figure_is_a_premise_only_when_said_of_what_the_question_states_it_of() -> None:
    from qa.answer.terms import Terms, is_premise, stated_figures

    question = "塔布勒合特主要领导给干部讲了两次法治课，专题学习又搞了几期？"
    terms = Terms(weights={"领导": 1.6, "干部": 1.5, "法治课": 2.1, "专题学习": 3.7}, numeric=True,
                  stated=stated_figures(question))
    assert is_premise(2.0, "主要领导讲授习近平法治思想专题法治课2次", terms)
    assert not is_premise(2.0, "开展习近平法治思想专题学习2期", terms)  # the answer, not the premise
    assert not is_premise(5.0, "主要领导讲授法治课5次", terms)
    bare = Terms(weights={"法律明白人": 3.0}, numeric=True, stated=stated_figures("18个村一共有多少个法律明白人？"))
    assert is_premise(18.0, "全乡18个行政村", bare)  # said of nothing the question asks about: any 18 is it
    # a word on both sides (普法) tells neither apart
    both = Terms(weights={"普法": 1.5, "讲": 1.9, "短视频": 3.0}, numeric=True,
                 stated=stated_figures("普法讲了两次，普法短视频发了几期？"))
    assert not is_premise(2.0, "发布普法短视频2期", both) and is_premise(2.0, "开展普法宣讲2次", both)


def test_figures_the_model_is_equally_sure_of_rank_by_the_unit_asked_then_by_wording() -> None:
    from qa.answer.numeric import ScoredFact
    from qa.answer.support import FACT_FEATURES
    from qa.types import Fact

    def scored(clause: str, unit: str, support: float, clause_coverage: float, unit_match: float) -> ScoredFact:
        fact = Fact(report_id="r", section="", clause=clause, value=1.0, value_text="1", unit=unit, qualifier="",
                    start=0, end=len(clause), sentence_start=0, sentence_end=len(clause), sentence=clause)
        features = tuple(unit_match if f == "unit_match" else 0.0 for f in FACT_FEATURES)
        return ScoredFact(fact, coverage=0.5, clause_coverage=clause_coverage, support=support, features=features,
                          unknown=0.6)

    service = scored("共参与法律服务6次", "次", 0.9991, 0.1, 1.0)
    advice = scored("开展法律咨询服务17次", "次", 0.9962, 0.8, 1.0)
    stations = scored("建立公共法律服务工作站（室）5个", "个", 0.9968, 0.8, 0.0)
    ranked = sorted([service, stations, advice], key=lambda s: s.rank_key(), reverse=True)
    assert [s.fact.clause for s in ranked] == ["开展法律咨询服务17次", "共参与法律服务6次", "建立公共法律服务工作站（室）5个"]
    assert scored("surer", "次", 0.90, 0.0, 0.0).rank_key() < scored("less worded", "次", 0.95, 0.0, 0.0).rank_key()


def test_how_often_is_filled_by_a_frequency_not_by_its_absence() -> None:
    from qa.answer.evidence import slot_filled
    from qa.answer.terms import Terms

    terms = Terms(weights={"巡逻": 1.0}, numeric=False, slot="frequency")
    assert slot_filled(terms, "通过每月召开工作例会的方式") == 1.0 and slot_filled(terms, "定期向乡人大报告工作") == 1.0
    assert slot_filled(terms, "不定期组织领导干部开展法治专题学习4次") == 0.0


def test_sentence_columns_are_each_sentences_own_found_in_its_chunk() -> None:
    from qa.answer.evidence import ChunkTexts, bigram_share, sentence_columns
    from qa.answer.terms import coverage
    from qa.joined import Spans
    from qa.types import Chunk

    terms = Terms(weights={"普法": 1.0, "宣传": 0.5}, numeric=False, bigrams=frozenset({"普法", "法法", "宣传", "传二"}))
    chunks = [Chunk("a", "r1", 0, "二、主要做法", 0, 16, "开展普法宣传。法法法。宣传到户。"),
              Chunk("b", "r1", 1, "", 16, 23, "普法普法普法。")]
    joined = ChunkTexts(chunks)
    # each sentence as (chunk, start, end) within it; given out of reading order
    found = [(1, 0, 7), (0, 0, 7), (0, 7, 11), (0, 11, 16)]
    at = joined.joined.starts[[c for c, _, _ in found]]
    spans = Spans(at + np.array([s for _, s, _ in found]), at + np.array([e for _, _, e in found]))
    sections = [chunks[c].section for c, _, _ in found]
    headings = list(dict.fromkeys(sections))
    covs, shares = sentence_columns(joined, spans, headings, np.array([headings.index(h) for h in sections]), terms)
    texts = [chunks[c].text[s:e] for c, s, e in found]
    assert shares.tolist() == [len({b for b in terms.bigrams if b in t or b in h}) / 4
                               for t, h in zip(texts, sections, strict=True)] == [0.25, 0.5, 0.25, 0.25]
    assert shares[0] == bigram_share(terms, texts[0])  # no heading: as the sentence alone
    assert covs.tolist() == pytest.approx([coverage(t, terms, h) for t, h in zip(texts, sections, strict=True)])
    assert joined.coverages(terms).tolist() == pytest.approx([coverage(c.text, terms, c.section) for c in chunks])


def test_a_bigram_running_from_a_sentence_into_its_heading_counts_as_in_the_two_joined() -> None:
    from qa.answer.evidence import ChunkTexts, bigram_share, sentence_columns
    from qa.joined import Spans
    from qa.types import Chunk

    # a line ending in 村 under the heading 「一、法律顾问」: 村一 runs from the line into its heading
    terms = Terms(weights={"顾问": 1.0}, numeric=False, bigrams=frozenset({"村一", "顾问"}))
    chunk = Chunk("a", "r1", 0, "一、法律顾问", 0, 4, "聘请到村")
    joined = ChunkTexts([chunk])
    _, shares = sentence_columns(joined, Spans(np.array([0]), np.array([4])), [chunk.section], np.array([0]), terms)
    assert shares.tolist() == [bigram_share(terms, chunk.text + chunk.section)] == [1.0]


def test_the_pieces_of_a_lexicon_word_the_tokenizer_cut_find_its_forms_and_themselves() -> None:
    # jieba cuts 集体上访 into 集体 + 上访; the lexicon says reports word it 群体性事件
    tokens = ["嘎美乡", "干部", "执法", "违规", "群众", "集体", "上访", "事"]
    also = cut_words("嘎美乡干部执法违规惹得群众集体上访的事出过没？", tokens)
    assert "群体性事件" in also["集体"] and "群体性事件" in also["上访"]
    assert "干部" not in also and "群众" not in also
    terms = question_terms(tokens, _Index(), drop={"嘎美乡"}, question="嘎美乡干部执法违规惹得群众集体上访的事出过没？")  # type: ignore[arg-type]
    assert terms.also["集体"] == also["集体"]
    assert terms.found("集体", "未发生群体性事件") > 0 and terms.found("上访", "未发生群体性事件") > 0
    assert Terms({"集体": 1.0}, False).found("集体", "未发生群体性事件") == 0.0
    assert cut_words("哪些乡镇开展了反电诈宣传？", ["反电诈", "宣传"]) == {}  # a word kept whole lends nothing
    # nor one inside a longer token: 一村一法律顾问 is kept whole, so 法律顾问 is not cut (法律 finds no 律师)
    assert cut_words("后台乡一村一法律顾问怎么落实的？", ["后台乡", "一村", "法律", "顾问", "一村一法律顾问", "落实"]) == {}


def test_a_piece_that_only_qualifies_a_cut_word_finds_itself_only_beside_the_word() -> None:
    from qa.answer.terms import Cut, presence
    from qa.joined import Joined

    # 宪法日 is cut into 宪法 + 日: 宪法 alone is the constitution, not its day; 日 is one character, no kind of day
    day = Terms({"宪法": 1.0, "日": 1.0, "活动": 1.0}, False,
                parts={"宪法": (Cut("宪法日", ("宪法", "日")),), "日": (Cut("宪法日", ("宪法", "日")),)})
    texts = ["带头遵守宪法法律", "结合国家宪法日开展活动", "宪法宣传日常化", "开展宪法宣传活动", "遵守宪法，列入议事日程"]
    # (宪法宣传日 is one of the word's forms); a word ending in one character is never said apart: 日程's 日 is no 宪法日
    assert [day.found("宪法", t) for t in texts] == [0.0, 1.0, 1.0, 0.0, 0.0]
    # one beginning with one is: 「每个村都聘请了法律顾问」 is 村法律顾问
    adviser = Cut("村法律顾问", ("村", "法律", "顾问", "法律顾问"))
    village = Terms({"村": 1.0, "法律": 1.0, "顾问": 1.0, "法律顾问": 1.0}, False,
                    parts={p: (adviser,) for p in adviser.pieces})
    assert village.found("法律", "每个村都聘请了法律顾问") == 1.0 and village.found("法律", "学习法律顾问制度") == 0.0
    assert presence(len(texts), Joined(texts).rows, day).tolist() == [
        [day.found(term, t) for term in day.weights] for t in texts]
    # the head of 集体上访, 上访, is a broader kind of the same thing: found alone; 集体 alone is not
    visit = Terms({"集体": 1.0, "上访": 1.0}, False,
                  parts={"集体": (Cut("集体上访", ("集体", "上访")),),
                         "上访": (Cut("集体上访", ("集体", "上访"), head=True),)})
    assert visit.found("上访", "群众上访3件") == 1.0 and visit.found("集体", "集体学法4次") == 0.0
    assert visit.found("集体", "未发生群体性事件") > 0 and visit.found("上访", "未发生群体性事件") > 0
    # read from a question: 宪法日 is in the lexicon, jieba cuts it
    terms = question_terms(["宪法", "日", "活动"], _Index(), drop=set(), question="哪些乡镇在宪法日搞了活动？")  # type: ignore[arg-type]
    assert set(terms.parts) == {"宪法", "日"} and not terms.parts["宪法"][0].head
    # a piece of two cut words finds itself beside either: 集体 of 集体学法 and of 集体上访
    two = question_terms(["色务", "色务乡", "组织", "集体", "学法", "时", "讲", "过", "处置", "集体", "上访"], _Index(),
                         drop={"色务乡"}, question="色务乡组织集体学法时讲过怎么处置集体上访吗？")  # type: ignore[arg-type]
    assert two.found("集体", "组织集体学法4次") == 1.0
    # a token also said outside the word is a word of its own there: 到村's 村 is no piece of 村法律顾问
    visits = question_terms(["村", "法律", "顾问", "法律顾问", "每月", "到", "村"], _Index(), drop=set(),
                            question="村法律顾问每月到村几次？")  # type: ignore[arg-type]
    assert "村" not in visits.parts and visits.found("村", "每月到村1次") == 1.0
    # found and presence agree on every term, also when a piece of the word is not one of the question's terms
    narrow = Terms({"宪法": 1.0}, False, parts={"宪法": (Cut("宪法日", ("宪法", "日")),)})
    for t in (day, visit, two, visits, narrow, village):
        assert presence(len(texts), Joined(texts).rows, t).tolist() == [[t.found(w, x) for w in t.weights] for x in texts]


def test_a_verb_and_its_object_are_found_only_together() -> None:
    from qa.answer.terms import Cut, _verb_object, presence
    from qa.joined import Joined

    # 告政府 is 告 (sue) with its object: 政府 alone is no lawsuit, nor 告 of 报告 beside it
    assert _verb_object("告政府") and _verb_object("写诉状") and _verb_object("骗老人")
    # 调解 of 调解组织 and 打工 of 打工人员 say which kind: their last word is their head; 缺人 ends in one character
    assert not _verb_object("调解组织") and not _verb_object("打工人员") and not _verb_object("缺人")
    # reports word 防邪教 and 闹纠纷 with their noun (反邪教, 矛盾纠纷): it is what they are about, found alone
    assert not _verb_object("防邪教") and not _verb_object("闹纠纷")
    cut = Cut("告政府", ("告", "政府"), verb_object=True)
    sue = Terms({"告": 1.0, "政府": 1.0}, False, parts={"告": (cut,), "政府": (cut,)})
    texts = ["五十一团唐驿镇法治政府建设工作报告", "无行政诉讼和行政复议案件发生", "群众告政府1件"]
    assert [sue.found("政府", t) for t in texts] == [0.0, 0.9, 1.0]
    assert [sue.found("告", t) for t in texts] == [0.0, 0.9, 1.0]
    assert presence(len(texts), Joined(texts).rows, sue).tolist() == [[sue.found(w, x) for w in sue.weights]
                                                                       for x in texts]
    # read from a question: 「有人告政府」 is cut 有人 + 告 + 政府; neither piece is a head
    terms = question_terms(["有人", "告", "政府"], _Index(), drop=set(), question="哪些乡镇有人告政府？")  # type: ignore[arg-type]
    assert set(terms.weights) == {"告", "政府"} and not any(c.head for c in terms.parts["政府"])


def test_a_token_cut_across_a_lexicon_word_is_no_word_the_question_says() -> None:
    # jieba cuts 「有没有人告政府」 as 人告 + 政府: 人告 is no word no report uses (that would sink every sentence),
    # its 告 is 告政府's, found in its forms
    used = _Index(used={"政府"})
    terms = question_terms(["没有", "人告", "政府"], used, drop=set(), question="报告里讲了有没有人告政府？")  # type: ignore[arg-type]
    assert terms.unknown == 0.0 and terms.found("政府", "无行政诉讼和行政复议案件发生") > 0
    # a word no report uses that crosses no lexicon word still counts: 草场 here
    other = question_terms(["人告", "政府", "草场"], used, drop=set(), question="有人告政府占草场吗？")  # type: ignore[arg-type]
    assert 0 < other.unknown < 1 and "草场" not in other.weights


def test_words_listed_as_alternatives_are_covered_by_either() -> None:
    from qa.answer.structure import listed

    weights = {"学生娃": 1.0, "学生": 1.0, "青少年": 1.0, "青少": 1.0, "少年": 1.0, "普法": 1.0}
    # 「给学生娃、青少年搞过普法」: the term ending right before 、 and the one starting right after, with their pieces
    items = listed("给学生娃、青少年搞过普法？", weights)
    assert items == ((frozenset({"学生娃", "学生"}), frozenset({"青少年", "青少", "少年"})),)
    terms = Terms(weights, False, alternatives=items)
    assert coverage("开展返乡学生娃普法宣讲", terms) == 1.0  # one item, and what is said of both
    assert coverage("青少年普法12场", terms) == 1.0
    assert coverage("开展普法宣讲", terms) == pytest.approx(1 / 3)  # neither item: only 普法 of the 3 terms left
    # 「宪法、民法典、国家安全法」 is one list of three; a term said elsewhere too is no item's own (法治, twice here)
    three = listed("开展宪法、民法典、国家安全宣传", {"宪法": 1.0, "民法典": 1.0, "国家安全": 1.0, "宣传": 1.0})
    assert three == ((frozenset({"宪法"}), frozenset({"民法典"}), frozenset({"国家安全"})),)
    assert listed("嘴上讲法治、干活不讲法治", {"嘴上": 1.0, "法治": 1.0, "干活": 1.0}) == ()
    # township names are dropped before: 「色务、嘎美还是塔布勒合特」 lists no term
    assert listed(" 、 还是 ，哪个讲了告政府", {"政府": 1.0}) == ()
    # not in a figure question: 「防邪教、反电诈的宣传一共几场」 counts both
    used = _Index()
    assert question_terms(["邪教", "电诈", "宣传"], used, drop=set(), question="防邪教、反电诈的宣传一共几场？").alternatives == ()  # type: ignore[arg-type]


def test_a_list_runs_over_every_item_between_its_marks() -> None:
    from qa.answer.structure import listed

    weights = {"法律顾问": 1.0, "普法": 1.0, "宣传": 1.0, "禁毒": 1.0, "情况": 1.0}
    # 普法宣传, between two 、, is one item of two terms; the list does not break there
    assert listed("法律顾问、普法宣传、禁毒情况", weights) == (
        (frozenset({"法律顾问"}), frozenset({"普法", "宣传"}), frozenset({"禁毒"})),)
    assert listed("或多或少", {"多": 1.0, "少": 1.0}) == ()  # 或 of 或多或少 lists nothing


def test_a_piece_cut_across_two_others_is_no_word_of_the_question() -> None:
    # jieba's search mode cuts 执法人员 into 执法, 法人, 人员, 执法人员: 法人 (a legal person) is none of its words
    terms = question_terms(["执法", "法人", "人员", "执法人员", "证件"], _Index(), drop=set(),
                           question="执法人员有证件吗？")  # type: ignore[arg-type]
    assert set(terms.weights) == {"执法", "人员", "执法人员", "证件"}
    young = question_terms(["青少", "少年", "青少年"], _Index(), drop=set(), question="青少年普法？")  # type: ignore[arg-type]
    assert set(young.weights) == {"青少", "少年", "青少年"}  # 少年 is crossed by 青少 only: a word of its own
    # a piece also said on its own is a word there: 民法 of 「人民法院有没有讲民法」
    court = question_terms(["人民", "民法", "法院", "人民法院", "民法"], _Index(), drop=set(),
                           question="人民法院有没有讲民法？")  # type: ignore[arg-type]
    assert "民法" in court.weights


def test_a_yes_no_question_asks_whether_what_follows_its_asking_word() -> None:
    from qa.answer.structure import asked_whether

    weights = {"执法": 1.0, "人员": 1.0, "执法人员": 1.0, "办事": 1.0, "亮出": 1.0, "证件": 1.0}
    assert asked_whether("执法人员上街办事要亮出证件吗？", weights, list(weights)) == ("亮出", "证件")
    assert asked_whether("执法人员有没有亮出证件？", weights, list(weights)) == ("亮出", "证件")
    assert asked_whether("执法人员亮出证件了吗？", weights, list(weights)) == ()  # nothing says where it is asked
    # 要 of 重要 or 主要 (a stopword: not among the tokens), 会 of 开个会, are no asking words
    assert asked_whether("重要证件亮出了吗？", {"重要": 1.0, "证件": 1.0}, ["重要", "证件"]) == ()
    assert asked_whether("是否把法治列为主要议题？", {"法治": 1.0, "列为": 1.0, "议题": 1.0}, ["法治", "列为", "议题"]) == (
        "法治", "列为", "议题")
    assert asked_whether("村里能不能开个会讲讲法？", {"村里": 1.0, "开个": 1.0, "法": 1.0}, ["村里", "开个", "法"]) == (
        "开个", "法")
    terms = question_terms(["执法", "人员", "执法人员", "办事", "要", "亮出", "证件"], _Index(), drop=set(),
                           question="执法人员办事要亮出证件吗？")  # type: ignore[arg-type]
    assert terms.kind == "yesno" and terms.focus == ("亮出", "证件") and "要" not in terms.weights


def test_a_sentence_holding_nothing_a_yes_no_question_asks_whether_never_supports() -> None:
    from qa.answer.evidence import ChunkTexts, Evidence, focus_held, supports
    from qa.joined import Spans
    from qa.types import Chunk

    # 「执法人员办事要亮出证件吗」 asks whether they show their papers: the sentence on how they work says nothing of it
    terms = Terms({"执法人员": 1.0, "办事": 1.0, "亮证": 1.0}, False, kind="yesno", focus=("亮证",))
    text = "执法人员必须按照三项制度办事。坚持持证上岗和亮证执法。"
    joined = ChunkTexts([Chunk("a", "r1", 0, "", 0, len(text), text)])
    assert focus_held(joined, Spans(np.array([0, 15]), np.array([15, len(text)])), terms).tolist() == [False, True]
    # (the slot column is 0 for it: never supports, not even worded alike)
    unasked = Evidence(None, 0, 15, text[:15], 0.67, 0.9, (0.67, 0.9, 0, 0, 0, 0, 0.0, 0, 1, 0))  # type: ignore[arg-type]
    assert not unasked.worded_alike and not supports(unasked, 0.5)


def test_a_noun_no_report_uses_naming_the_kind_counted_must_be_found() -> None:
    used = _Index(used={"纠纷", "调", "人员", "公职人员", "普法", "场", "调解", "讲座", "来访"})

    def read(question: str, tokens: list[str]) -> Terms:
        return question_terms(tokens, used, drop={"色务乡"}, question=question)  # type: ignore[arg-type]

    # 草场 names which disputes are counted: weighed as a word to find (no report's 「矛盾纠纷9起」 counts them)
    pasture = read("色务乡草场纠纷调了多少起？", ["色务", "色务乡", "草场", "纠纷", "调", "起"])
    assert pasture.kind_named == ("草场",) and "草场" in pasture.weights and pasture.unknown == 0.0
    # not a word that is no noun (下乡 goes before 普法), nor a piece of a word reports use (公职 of 公职人员)
    assert read("色务乡下乡普法搞了多少场？", ["色务", "色务乡", "下乡", "普法", "场"]).kind_named == ()
    assert read("色务乡公职人员有多少？", ["色务", "色务乡", "公职", "人员", "公职人员"]).kind_named == ()
    # nor a noun said apart from what is counted (「…的讲座」), nor in a question asking no figure
    assert read("色务乡为牧民草场办的讲座有多少场？", ["色务", "色务乡", "牧民", "草场", "讲座", "场"]).kind_named == ()
    # nor a noun said before a verb: 老乡 came, it is no kind of visit (「接待群众来访」 answers)
    assert read("色务乡老乡来访了多少次？", ["色务", "色务乡", "老乡", "来访"]).kind_named == ()
    plain = read("色务乡调解过草场纠纷吗？", ["色务", "色务乡", "调解", "草场", "纠纷"])
    assert plain.kind_named == () and "草场" not in plain.weights and plain.unknown > 0


def test_two_words_are_found_as_the_two_characters_reports_shorten_them_to() -> None:
    from qa.answer.terms import _abbreviations

    # 亮出 is in no report; 亮出证件 is what reports write 亮证 (「坚持持证上岗和亮证执法」)
    used = _Index(used={"证件", "亮证", "执法", "电诈", "诈骗", "宣传", "上下"})
    question = "执法时要亮出证件吗？"
    assert _abbreviations(question, ["执法", "时", "要", "亮出", "证件"], used, skip=set()) == [
        ("亮证", ("亮出", "证件"), frozenset({"证件"}))]
    terms = question_terms(["执法", "时", "要", "亮出", "证件"], used, drop=set(), question=question)  # type: ignore[arg-type]
    assert terms.found("亮出", "坚持亮证执法") > 0 and terms.found("证件", "坚持亮证执法") > 0
    assert terms.found("证件", "领取行政执法证件14名") == 1.0  # the word reports use is found anywhere, as before
    assert "亮出" in terms.weights  # no longer a word no report uses
    # not two words no report uses (jieba's guesses: 网上网下 → 上网 + 下加 would make 上下), nor two they use
    assert _abbreviations("网上网下加起来", ["网上", "上网", "下加"], used, skip=set()) == []
    assert _abbreviations("电信诈骗宣传", ["电信", "诈骗", "宣传"], _Index(), skip=set()) == []
    # nor two characters that are a word of their own: 进村入户 is no 进入
    assert _abbreviations("律师进村入户", ["律师", "进村", "入户"], _Index(used={"律师", "入户", "进入"}), skip=set()) == []
    # nor words apart in the question, nor a township's name
    assert _abbreviations("亮出了证件吗", ["亮出", "证件"], used, skip=set()) == []
    assert _abbreviations("亮出证件吗", ["亮出", "证件"], used, skip={"亮出"}) == []


def test_the_verb_a_how_question_closes_on_counts_half_unless_reports_use_it_for_what_was_done() -> None:
    index = _Index()
    handled = question_terms(["上访", "处理"], index, drop=set(), question="上访是咋处理的？")  # type: ignore[arg-type]
    assert handled.weights == {"上访": 1.0, "处理": 0.5}
    learned = question_terms(["领导", "学法"], index, drop=set(), question="领导是怎么学法的？")  # type: ignore[arg-type]
    assert learned.weights == {"领导": 1.0, "学法": 1.0}  # 学法 is a lexicon word: 「集中学法12次」 says it


def test_a_verb_split_by_guo_or_le_is_made_whole_as_reports_say_it() -> None:
    from qa.answer.structure import rejoined

    used = _Index(used={"普法", "上访", "办法", "法律", "讲座", "学生"})
    assert rejoined("哪个给学生普过法？", ["学生", "普过", "法"], used) == "哪个给学生普法？"
    assert rejoined("有没有人上了访？", ["有人", "上", "访"], used) == "有没有人上访？"
    # 法 is of 法律, not a token of its own; 讲法 is no word reports use
    assert rejoined("办过法律讲座吗？", ["办过", "法律", "讲座"], used) == "办过法律讲座吗？"
    assert rejoined("给学生讲过法吗？", ["学生", "讲过", "法"], used) == "给学生讲过法吗？"
    # each place on its own: the 法 of 普过法 makes no 办法 of 办过法律讲座
    assert rejoined("给学生普过法，办过法律讲座没有？", ["学生", "普过", "法", "办过", "法律", "讲座"], used) == \
        "给学生普法，办过法律讲座没有？"


class _Index:
    """A keyword index in which every word is used once (or only the words `used`)."""

    def __init__(self, used: set[str] | None = None) -> None:
        self.used = used

    def df(self, term: str) -> int:
        return 1 if self.used is None or term in self.used else 0

    def idf(self, term: str) -> float:
        return 1.0


def test_a_probability_is_floored_to_hundredths_so_no_two_of_one_straddle_a_threshold() -> None:
    from qa.answer.evidence import hundredths

    assert hundredths(0.876) == hundredths(0.879) == 0.87 and hundredths(0.884) == 0.88
