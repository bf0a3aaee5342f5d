"""The domain lexicon: qa/data/lexicon.txt parses, each class of entry finds what it should, jieba keeps its
terms whole, and a bad line is named by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.errors import LexiconError
from qa.lexicon import Lexicon, load_lexicon, parse_lexicon
from qa.store.keyword import Tokenizer

CLASSES = {"colloquial ↔ official", "abbreviation ↔ full form", "synonyms in these reports", "units",
           "one-way: a broad word asked finds the particular wordings reports use"}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def finds(lexicon: Lexicon, a: str, b: str) -> bool:
    return b in lexicon.forms(a)


def test_the_file_parses_into_its_classes_with_no_empty_or_repeated_group(lexicon: Lexicon) -> None:
    assert {e.section for e in lexicon.entries} == CLASSES
    assert 100 <= len(lexicon.entries) <= 400
    for e in lexicon.entries:
        words = (*e.words, *e.also)
        assert len(set(words)) == len(words) >= 2, e  # two distinct words at least, none twice
        assert all(w.strip() and "、" not in w for w in words), e
    keys = [(frozenset(e.words), frozenset(e.also)) for e in lexicon.entries]
    assert len(set(keys)) == len(keys)


def test_colloquial_words_find_the_official_ones_and_back(lexicon: Lexicon) -> None:
    for colloquial, official in [("电诈", "电信网络诈骗"), ("宪法日", "国家宪法日"), ("送法下乡", "法治宣传进乡村"),
                                 ("权力清单", "权责清单"), ("办事大厅", "便民服务中心"), ("执法证", "行政执法证件"),
                                 ("一把手", "党政主要负责人"), ("红头文件", "规范性文件"), ("官司", "行政应诉"),
                                 ("老百姓", "群众"), ("上访", "信访"), ("明白人", "法律明白人"), ("打算", "计划")]:
        assert finds(lexicon, colloquial, official), colloquial
        assert finds(lexicon, official, colloquial), official
    for colloquial, official in [("比赛", "竞赛"), ("娃娃", "未成年人"), ("告政府", "行政诉讼")]:
        assert finds(lexicon, colloquial, official) and finds(lexicon, official, colloquial), colloquial
    for colloquial, official in [("摆平", "化解"), ("人手不够", "人员配备不足"), ("拍板", "集体讨论决定")]:
        assert finds(lexicon, colloquial, official) and not finds(lexicon, official, colloquial), colloquial


def test_abbreviations_find_their_full_form_and_back(lexicon: Lexicon) -> None:
    for short, full in [("扫黑", "扫黑除恶"), ("综治", "综合治理"), ("双随机", "双随机一公开"), ("法援", "法律援助"),
                        ("调委会", "人民调解委员会"), ("稳评", "社会稳定风险评估"), ("国安", "国家安全"),
                        ("市监所", "市场监督管理")]:
        assert finds(lexicon, short, full) and finds(lexicon, full, short), short


def test_report_wordings_of_one_thing_find_each_other(lexicon: Lexicon) -> None:
    assert finds(lexicon, "合法性审查", "法制审核") and finds(lexicon, "法制审核", "合法性审查")
    assert finds(lexicon, "审核合同", "合同审查") and finds(lexicon, "申领", "领取")


def test_measure_words_find_each_other(lexicon: Lexicon) -> None:
    assert finds(lexicon, "趟", "次") and finds(lexicon, "次", "趟")
    assert finds(lexicon, "个人", "名") and finds(lexicon, "名", "个人")


def test_a_one_way_entry_finds_only_forwards(lexicon: Lexicon) -> None:
    assert finds(lexicon, "法律法规", "民法典") and not finds(lexicon, "民法典", "法律法规")
    assert finds(lexicon, "诈骗", "反诈") and not finds(lexicon, "反诈", "诈骗")
    assert "反诈" not in parse_lexicon("## c\n诈骗 > 反诈\n")  # a word only found is not a key


def test_one_character_words_only_where_they_cannot_flood_every_sentence(lexicon: Lexicon) -> None:
    # a one-character form (次, 搞) is in almost every sentence: only measure words, or a key of a one-way line
    for e in lexicon.entries:
        if e.section != "units":
            assert all(len(w) > 1 for w in e.also) and (e.also or all(len(w) > 1 for w in e.words)), e


def test_forms_are_the_term_and_its_equivalents_longest_first(lexicon: Lexicon) -> None:
    forms = lexicon.forms("扫黑")
    assert forms[0] == "扫黑除恶专项斗争" and "扫黑" in forms and len(set(forms)) == len(forms)
    assert [len(f) for f in forms] == sorted((len(f) for f in forms), reverse=True)
    assert lexicon.forms("火星基地") == ("火星基地",)


def test_finding_is_not_transitive() -> None:
    lexicon = parse_lexicon("## c\n官司 诉讼 行政诉讼\n民告官 行政诉讼\n")
    assert set(lexicon.forms("行政诉讼")) == {"官司", "诉讼", "行政诉讼", "民告官"}
    assert "民告官" not in lexicon.forms("官司")
    assert [e.line for e in lexicon.groups_of("行政诉讼")] == [2, 3]


def test_jieba_words_are_what_jieba_can_return_as_one_token(lexicon: Lexicon) -> None:
    words = lexicon.jieba_words()
    assert {"电诈", "宪法日", "扫黑除恶", "一村一法律顾问", "法律明白人", "谁执法谁普法", "12345热线", "权责清单"} <= set(words)
    assert not {"12·4国家宪法日", "村（居）法律顾问", "100%", "次"} & set(words)
    assert len(set(words)) == len(words)


def test_a_question_word_finds_a_sentence_worded_another_way() -> None:
    from qa.answer.terms import FORM_WEIGHT, Terms, coverage

    terms = Terms(weights={"电诈": 2.0, "宣传": 1.0}, numeric=False)
    assert coverage("开展反电信网络诈骗宣传活动3场", terms) == pytest.approx((2.0 * FORM_WEIGHT + 1.0) / 3.0)
    assert coverage("开展电诈宣传活动3场", terms) == pytest.approx(1.0)  # worded as asked counts in full
    assert coverage("开展禁毒宣传活动3场", terms) == pytest.approx(1.0 / 3.0)
    # one way: asked for a lawyer (律师), a legal adviser (法律顾问) is no answer; asked for an adviser, a lawyer
    # serving as one is one (a particular wording counts in full)
    assert coverage("聘请公益法律顾问5名", Terms(weights={"律师": 1.0}, numeric=False)) == 0.0
    assert coverage("聘请专业律师2名", Terms(weights={"法律顾问": 1.0}, numeric=False)) == pytest.approx(1.0)


def test_a_long_term_does_not_hide_a_known_word_inside_it() -> None:
    # search mode re-emits only 2- and 3-character parts: 法治宣传教育 kept whole would lose 法治宣传
    tokenizer = Tokenizer()
    assert "法治宣传" in tokenizer.tokens("持续加强法治宣传教育")
    assert "矛盾纠纷" in tokenizer.tokens("深入推进矛盾纠纷化解")


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("## c\n电诈 电信诈骗\n宪法日\n", 3, "two or more words"),
    ("## c\n甲 乙 甲\n", 2, "甲 written twice"),
    ("## c\n甲 > \n", 2, "both sides of '>'"),
    ("## c\n甲 > 乙 > 丙\n", 2, "more than one '>'"),
    ("## c\n甲 乙 > 乙\n", 2, "乙 on both sides"),
    ("## c\n甲 乙\n# a comment\n乙、甲\n", 4, "same entry as line 2"),
    ("甲 乙\n", 1, "before any class header"),
    ("## c\n+\n", 2, "names no term"),
    ("## c\n甲 +乙\n", 2, "'+' only starts"),
])
def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "lexicon.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(reason)) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(f"{path.resolve()}:{line}: ") and caught.value.line == line


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "missing.txt")


def test_the_lexicon_is_read_once_per_path(tmp_path: Path) -> None:
    assert load_lexicon() is load_lexicon()
    path = tmp_path / "lexicon.txt"
    path.write_text("## c\n甲 乙\n", encoding="utf-8")
    assert load_lexicon(path) is load_lexicon(str(path)) and load_lexicon(path).forms("甲") == ("甲", "乙")


def test_words_in_a_text_are_the_ones_that_find_others(lexicon: Lexicon) -> None:
    found = lexicon.words_in("群众集体上访的事出过没？")
    assert "集体上访" in found and "上访" in found
    assert "没" not in found  # not a lexicon word
    assert parse_lexicon("## t\n甲乙 > 丙丁\n").words_in("丙丁甲乙") == ["甲乙"]  # a one-way word finds nothing back
