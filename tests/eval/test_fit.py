"""Fitting the support model's thresholds: each question counts once, and of equal thresholds the lowest wins."""

from __future__ import annotations

import numpy as np

from qa.answer.support import SENTENCE_FEATURES, Logistic, SupportModel
from qa.eval.fit import Question, _with_threshold, decide

DENSE = SENTENCE_FEATURES.index("dense")


def _question(i: int, p: float, *, answerable: bool) -> Question:
    """One question with a single candidate the model below gives probability p."""
    x = np.zeros((1, len(SENTENCE_FEATURES)))
    x[0, DENSE] = np.log(p / (1 - p))
    x[0, SENTENCE_FEATURES.index("slot")] = 0.5  # no slot asked
    return Question(f"q{i}", "paraphrase", answerable, "sentence", ("",), x, np.array([1.0 if answerable else 0.0]),
                    np.array([False]), np.array([0.0]))


def _model() -> Logistic:
    n = len(SENTENCE_FEATURES)
    weights = np.zeros(n)
    weights[DENSE] = 1.0
    return Logistic(SENTENCE_FEATURES, np.zeros(n), np.ones(n), weights, 0.0, 0.5)


ANSWERABLE = (0.55, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9, 0.92, 0.95, 0.97)


def test_one_question_to_refuse_weighs_as_one_answerable_question_and_ties_go_low() -> None:
    questions = [_question(i, p, answerable=True) for i, p in enumerate(ANSWERABLE)]
    questions.append(_question(99, 0.7, answerable=False))
    # at 0.55 or below: 10 answered, 1 wrongly; just above 0.7: 9 answered, none wrongly; equal, so the lowest
    assert _with_threshold(_model(), questions).threshold <= 0.55


def test_two_questions_to_refuse_outweigh_one_answerable_question() -> None:
    questions = [_question(i, p, answerable=True) for i, p in enumerate(ANSWERABLE)]
    questions += [_question(98, 0.7, answerable=False), _question(99, 0.69, answerable=False)]
    threshold = _with_threshold(_model(), questions).threshold
    assert 0.7 < threshold <= 0.75


def _candidates(ps: list[float], labels: list[float], groups: tuple[str, ...], named: frozenset[str] = frozenset()
                ) -> Question:
    x = np.zeros((len(ps), len(SENTENCE_FEATURES)))
    x[:, DENSE] = [np.log(p / (1 - p)) for p in ps]
    x[:, SENTENCE_FEATURES.index("slot")] = 0.5
    return Question("q", "paraphrase", True, "sentence", groups, x, np.array(labels), np.zeros(len(ps), dtype=bool),
                    np.zeros(len(ps)), named)


def test_a_question_about_one_report_is_right_when_a_sentence_its_answer_cites_is_evidence() -> None:
    model = _model()
    # the best (0.9) is not the evidence; the runner-up (0.8) is cited beside it (within 0.25 and supporting)
    cited = _candidates([0.9, 0.8, 0.3], [0.0, 1.0, 0.0], ("", "", ""))
    assert decide([cited], SupportModel(model, model, model)).answered_well == 1.0
    # a runner-up far below the best is not cited, so the answer misses its evidence
    uncited = _candidates([0.95, 0.6], [0.0, 1.0], ("", ""))
    assert decide([uncited], SupportModel(model, model, model)).answered_well == 0.0


def test_a_question_across_reports_scores_the_f1_of_the_townships_it_lists() -> None:
    model = _model()
    # reports a and b are named; a is listed (0.9), b is not (0.3), c is listed wrongly (0.8): P 1/2, R 1/2
    q = _candidates([0.9, 0.3, 0.8], [1.0, -1.0, 0.0], ("a", "b", "c"), frozenset({"a", "b"}))
    assert decide([q], SupportModel(model, model, model)).answered_well == 0.5


def test_a_township_a_set_lists_wrongly_counts_as_a_question_answered_wrongly_but_not_in_a_summary() -> None:
    model = _model()
    q = _candidates([0.9, 0.3, 0.8], [1.0, -1.0, 0.0], ("a", "b", "c"), frozenset({"a", "b"}))
    assert decide([q], SupportModel(model, model, model)).listed_wrongly == 1  # c: a false statement about c
    summary = Question(**{**q.__dict__, "summary": True})
    assert decide([summary], SupportModel(model, model, model)).listed_wrongly == 0  # c's passage, gathered


def test_which_townships_and_what_each_did_get_their_own_thresholds() -> None:
    model = _model()
    # a and b named. Listing all three scores F1 0.8, a alone 0.67: for a summary, gathering c's passage costs only
    # that precision, so its threshold stays low; for a set, listing c is a false statement that costs a question
    sets = [_candidates([0.9, 0.75, 0.8], [1.0, 1.0, 0.0], ("a", "b", "c"), frozenset({"a", "b"}))]
    summaries = [Question(**{**q.__dict__, "summary": True}) for q in sets]
    fitted = _with_threshold(model, sets)
    assert fitted.threshold > 0.8
    assert _with_threshold(model, summaries).threshold <= 0.75
    both = SupportModel(model, model, across=fitted, summary=Logistic(*[getattr(model, f) for f in (
        "features", "mean", "scale", "weights", "bias")], threshold=0.6))
    assert both.across_for("set").threshold == fitted.threshold and both.across_for("open").threshold == 0.6
    assert SupportModel(model, model, across=fitted).across_for("open") is fitted  # an older file: one threshold


def test_a_figure_found_only_by_meaning_is_taken_only_when_no_worded_one_supports() -> None:
    from qa.answer.support import FACT_FEATURES

    n = len(FACT_FEATURES)
    weights = np.zeros(n)
    weights[FACT_FEATURES.index("dense")] = 1.0
    model = Logistic(FACT_FEATURES, np.zeros(n), np.ones(n), weights, 0.0, 0.5)
    x = np.zeros((2, n))
    x[:, FACT_FEATURES.index("dense")] = [np.log(0.7 / 0.3), np.log(0.99 / 0.01)]  # the one by meaning is surer
    # (as qa.answer.numeric.best_facts: 「…各参与五千人次」 worded like the question, not a nearer 「培育…47名」)
    both = Question("q", "paraphrase", True, "fact", ("", ""), x, np.array([1.0, 0.0]), np.zeros(2, dtype=bool),
                    np.zeros(2), late=np.array([False, True]))
    assert decide([both], SupportModel(model, model, model)).answered_well == 1.0
    # no worded figure supports: the one by meaning is the answer
    below = x.copy()
    below[0, FACT_FEATURES.index("dense")] = np.log(0.3 / 0.7)
    alone = Question("q", "paraphrase", True, "fact", ("", ""), below, np.array([0.0, 1.0]), np.zeros(2, dtype=bool),
                     np.zeros(2), late=np.array([False, True]))
    assert decide([alone], SupportModel(model, model, model)).answered_well == 1.0
