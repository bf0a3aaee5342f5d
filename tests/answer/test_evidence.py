"""Coverage of a question's terms: equivalent wording counts, a heading counts for less."""

from qa.answer.evidence import FORM_WEIGHT, SECTION_WEIGHT, Terms, coverage


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
    from qa.answer.evidence import stated_figures

    assert stated_figures("色务挨家挨户走了一百四十次，最后调成的纠纷有几次？") == {140.0}
    assert stated_figures("嘎美乡18个村一共有多少个法律明白人？") == {18.0}
    assert stated_figures("塔布勒合特除了两个律师，还有几个法律顾问？") == {2.0}
    assert stated_figures("唐驿镇2023年普法发了多少份宣传资料？") == frozenset()  # a year states no figure
    assert stated_figures("第三师五十一团有几名执法人员？") == frozenset()  # nor a 团场's number
