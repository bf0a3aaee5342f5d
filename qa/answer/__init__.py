"""Question + hits -> an Answer with citations."""

from qa.answer.ask import ask

__all__ = ["ask"]
