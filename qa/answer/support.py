"""Does a sentence (or a numeric fact) answer the question? Decided by meaning, from calibrated signals.

Each candidate gets a few signals: the dense similarity of the question and the sentence (e5 vectors, the
sentence's stored at ingest), how it compares with the best candidate's, the idf-weighted share of the
question's terms it holds (lexicon forms count; words no report uses do not count against it), the share of
the question's character bigrams it holds, whether it gives a number with the measure asked, whether it sits
under a plan or problem heading the question does not ask about. A logistic model turns them into the
probability that the sentence is the evidence; a candidate supports an answer at `threshold` or above.

The weights are fitted on the gold set, never by hand: `qa fit-support` fits them on 4 of 5 folds, reports
each fold's held-out figures, then fits on all and writes `qa/data/support.json` (see docs/eval.md).
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.errors import ConfigError

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "support.json"

SENTENCE_FEATURES = ("coverage", "dense", "dense_gap", "standout", "bigrams", "number", "slot", "off_topic", "first_hit", "unknown")
FACT_FEATURES = ("coverage", "clause_coverage", "dense", "dense_gap", "standout", "bigrams", "unit_match", "off_topic", "unknown")


@dataclass(frozen=True)
class Logistic:
    """A fitted logistic model over named features, with the probability from which a candidate supports."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(evidence) of each row of `x` (candidates × features)."""
        if not len(x):
            return np.zeros(0)
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist(), "weights": self.weights.round(6).tolist(),
                "bias": round(self.bias, 6), "threshold": self.threshold}


# A question across reports that asks what each township did (「各乡镇是怎么做的？」), not which did: its answer
# gathers passages, where a set's answer states of each township listed that it did the thing.
SUMMARY_KINDS = frozenset({"open", "list"})


@dataclass(frozen=True)
class SupportModel:
    """The sentence model, the fact model, and the sentence model's thresholds for a question across reports (the
    same weights; each report is decided on its own, so one answer risks many wrong townships): `across` for one
    that asks which townships (a township listed wrongly is a false statement), `summary` for one that asks what
    each did (SUMMARY_KINDS)."""

    sentence: Logistic
    fact: Logistic
    across: Logistic | None = None
    summary: Logistic | None = None

    @property
    def across_sentence(self) -> Logistic:
        return self.across or self.sentence

    def across_for(self, kind: str) -> Logistic:
        """The sentence model with the threshold for a question across reports of this form (Terms.kind)."""
        return self.across_of(summary=kind in SUMMARY_KINDS)

    def across_of(self, *, summary: bool) -> Logistic:
        """The threshold for a question across reports asking what each did (`summary`), else which did; an older
        model file without one for summaries has `across` (or the one-report threshold) for both."""
        return (self.summary or self.across_sentence) if summary else self.across_sentence


def fit_logistic(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], *, l2: float = 1.0,
                 threshold: float = 0.5) -> Logistic:
    """Maximum-likelihood logistic regression with an L2 penalty (Newton steps; a few thousand rows)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0  # a signal that never varies (no measure asked in any question) stays unused
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = l2 * np.r_[np.ones(len(features)), 0.0]
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty * w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(features, mean, scale, w[:-1], float(w[-1]), threshold)


def _logistic(data: dict[str, object], expected: tuple[str, ...], where: str) -> Logistic:
    features = tuple(str(f) for f in data["features"])  # type: ignore[attr-defined]
    if features != expected:
        raise ConfigError(f"{where}: the model's features {features} are not the code's {expected}; "
                          "run qa fit-support to refit it")
    return Logistic(features, np.array(data["mean"]), np.array(data["scale"]), np.array(data["weights"]),
                    float(data["bias"]), float(data["threshold"]))  # type: ignore[arg-type]


_FITTING: list[SupportModel] = []


def neutral() -> SupportModel:
    """A model that knows nothing (every candidate 0.5, nothing supported by it): what candidates are collected
    under for fitting, so a fit never depends on the model it replaces (or on one whose features are out of date)."""
    def blank(features: tuple[str, ...]) -> Logistic:
        n = len(features)
        return Logistic(features, np.zeros(n), np.ones(n), np.zeros(n), 0.0, 1.0)
    return SupportModel(sentence=blank(SENTENCE_FEATURES), fact=blank(FACT_FEATURES))


@contextlib.contextmanager
def fitting_with(model: SupportModel) -> Iterator[None]:
    """Within this block every `load_support()` returns `model` (qa fit-support collects under `neutral()`)."""
    _FITTING.append(model)
    try:
        yield
    finally:
        _FITTING.pop()


def load_support(path: Path = MODEL_FILE) -> SupportModel:
    """The fitted support model (read once per path)."""
    return _FITTING[-1] if _FITTING else _load(path)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> SupportModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SupportModel(sentence=_logistic(data["sentence"], SENTENCE_FEATURES, f"{path}: sentence"),
                            fact=_logistic(data["fact"], FACT_FEATURES, f"{path}: fact"),
                            across=_logistic(data["across"], SENTENCE_FEATURES, f"{path}: across")
                            if "across" in data else None,
                            summary=_logistic(data["summary"], SENTENCE_FEATURES, f"{path}: summary")
                            if "summary" in data else None)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ConfigError(f"cannot read the support model {path}: {e}") from e
