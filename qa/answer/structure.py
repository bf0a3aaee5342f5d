"""How a question is put together, read from its text and tokens alone: its lists of alternatives (学生娃、青少年),
what a yes/no question asks whether, the pieces jieba's search mode cuts across words (法人 of 执法人员), the tokens
cut across a lexicon word (人告 of 有人告政府), and verbs said split (普过法). qa.answer.terms weighs the words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.store.keyword import KeywordIndex

_LISTING = re.compile(r"、|或者|或是|还是|或(?!多|许)(?<!或多或)")  # (not 或多或少, 或许)


def listed(question: str, weights: dict[str, float]) -> tuple[tuple[frozenset[str], ...], ...]:
    """The question's lists of alternatives (Terms.alternatives): the words said on each side of 、, 或(者) or 还是 (the
    longest term ending right before it, the longest starting right after; 学生娃 | 青少年; an item between two 、
    made only of terms is all of them: 法律顾问、普法宣传、禁毒), with the terms said within them and nowhere else in the
    question. Items with no term (a township dropped) are left out."""
    marks = list(_LISTING.finditer(question))
    lists: list[list[tuple[int, int]]] = []
    for i, m in enumerate(marks):
        after = max((w for w in weights if question.startswith(w, m.end())), key=len, default=None)
        if after is None:
            continue
        nxt = marks[i + 1].start() if i + 1 < len(marks) and marks[i + 1].group() == "、" else None
        right = (m.end(), nxt if nxt is not None and _tiled(question, m.end(), nxt, weights) else m.end() + len(after))
        if lists and lists[-1][-1][1] == m.start():  # 「A、B、C」: one list
            lists[-1].append(right)
            continue
        before = max((w for w in weights if question.endswith(w, 0, m.start())), key=len, default=None)
        if before is not None:
            lists.append([(m.start() - len(before), m.start()), right])
    out = []
    for items in lists:  # a term said in an item and elsewhere too (in another item) is no part of its own
        alone = [frozenset(w for w in weights if w in question[a:b] and w not in question[:a] + "\x00" + question[b:])
                 for a, b in items]
        if all(alone):
            out.append(tuple(alone))
    return tuple(out)


def _tiled(question: str, start: int, end: int, weights: dict[str, float]) -> bool:
    """Is question[start:end] terms only, one after another (普法宣传: 普法 + 宣传)?"""
    at = start
    while at < end:
        step = max((len(w) for w in weights if question.startswith(w, at) and at + len(w) <= end), default=0)
        if not step:
            return False
        at += step
    return True


_WHETHER = re.compile(r"有没有|是不是|是否|有无|能不能|会不会|要不要|可不可以|算不算|可以|应该|需要"
                      r"|(?<![主重需只必还想])要(?![求点素是么])|(?<![职才])能(?![力源])|(?<![开个次场村社机大])会(?![议上])"
                      r"|(?<![相反适])应(?![急对用])|该")


def asked_whether(question: str, weights: dict[str, float], tokens: Sequence[str]) -> tuple[str, ...]:
    """Terms.focus: the terms said after the last word asking whether (有没有, 是否; a modal verb, 要 of 要亮出证件, where it
    is a word of its own, not 要 of 重要), in the question's order; () when no such word has a term after it."""
    whether = [m for m in _WHETHER.finditer(question) if len(m.group()) > 1 or not any(
        len(t) > 1 and question.startswith(t, a) for t in tokens for a in range(max(0, m.start() - len(t) + 1),
                                                                               m.start() + 1))]
    if not whether:
        return ()
    after = question[whether[-1].end():]
    return tuple(t for t in weights if t in after)


def bridging(token: str, tokens: Sequence[str], question: str) -> bool:
    """Is `token` a piece jieba's search mode cut across two others of a longer token (法人 of 执法人员, between 执法
    and 人员; 民调 of 人民调解员) wherever the question says it: no word of the question? 少年 of 青少年 is one (only
    青少 crosses it), and so is 民法 of 「人民法院有没有讲民法」 (said on its own too)."""
    crossed = 0
    for whole in set(tokens):
        if len(whole) <= len(token) or token not in whole:
            continue
        pieces = [(a, a + len(p)) for p in set(tokens) if p != token and p != whole and p in whole
                  for a in range(len(whole) - len(p) + 1) if whole.startswith(p, a)]
        across = sum(1 for m in re.finditer(re.escape(token), whole)
                     if any(a < m.start() < b < m.end() for a, b in pieces)
                     and any(m.start() < a < m.end() < b for a, b in pieces))
        crossed += across * question.count(whole)
    return crossed > 0 and crossed >= question.count(token)


def across_word(token: str, question: str, cuts: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Does `token` overlap a cut lexicon word of `question` without holding it or being held by it (人告 of
    「有人告政府」)?"""
    for word, _ in cuts:
        if token in word or word in token:
            continue
        for w in re.finditer(re.escape(word), question):
            for t in re.finditer(re.escape(token), question):
                if t.start() < w.end() and w.start() < t.end():
                    return True
    return False


_SPLIT_VERB = re.compile(r"([\u4e00-\u9fff])[过了]([\u4e00-\u9fff])")


def rejoined(question: str, tokens: Sequence[str], index: KeywordIndex) -> str:
    """`question` with each verb said split by 过 or 了 made whole again (普过法 → 普法, 上过访 → 上访), as reports
    say it: where the character after 过 is a token of its own (`tokens`, the question's) and the two make a word
    reports use (not 办过法律讲座: 法 is of 法律, a longer token starting where it does)."""
    def whole(m: re.Match[str]) -> str:
        word = m.group(1) + m.group(2)
        own = m.group(2) in tokens and not any(len(t) > 1 and question.startswith(t, m.start(2)) for t in tokens)
        return word if own and word not in tokens and index.df(word) else m.group()

    return _SPLIT_VERB.sub(whole, question)
