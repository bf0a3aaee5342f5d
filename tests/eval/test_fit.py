"""Fitting the support model's thresholds: each question counts once, and of equal thresholds the lowest wins."""

from __future__ import annotations

import numpy as np

from qa.answer.support import SENTENCE_FEATURES, Logistic
from qa.eval.fit import Question, _with_threshold

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
