"""A question's terms: its content words weighted by idf, the forms reports may word them in, and how much of
them a text holds (coverage). Read once per question (question_terms); qa.answer.evidence scores sentences with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np

from qa.answer.forms import FILLER_TOKENS, ITEM_COUNTERS, MEASURES, content_text, is_asking, read_form
from qa.answer.structure import across_word, asked_whether, bridging, listed
from qa.ingest.numerals import NUMERAL_CHARS, chinese_value
from qa.joined import Joined
from qa.lexicon import load_lexicon
from qa.store.keyword import KeywordIndex, common_noun, general_word, one_character_verb

# The words that ask (几名, 多少, 更多, 是否…; qa.answer.forms has the rest) say what kind of answer is
# wanted, not what it is about.
_ASKING = re.compile(r"几.?|多少.?|多大|多高|更|最|多|少|更多|最多|更少|最少|较多|人数|次数|件数|数量|是否|有没有|怎样|怎么样|如何|什么|哪里")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


class Cut(NamedTuple):
    """A lexicon word the tokenizer cut (宪法日), its pieces among the question's terms (宪法, 日), and whether the
    piece this Cut is kept for is the word's head (上访 of 集体上访; not 日 of 宪法日: one character is no kind of
    anything). Several pieces may be heads (顾问 and 法律顾问 of 村法律顾问): jieba's search mode cuts words into
    overlapping pieces."""
    word: str
    pieces: tuple[str, ...]
    head: bool = False
    # the word is a verb of one character and its object (告政府, 写诉状): the object is no kind of the act (政府 is no
    # suing), and the two said apart are no longer it (the 告 of 报告 beside 政府)
    verb_object: bool = False

    @property
    def whole_only(self) -> bool:
        """Are the word's pieces never said apart: a verb and its object, or a word ending in a piece of one
        character (日 of 宪法日: said alone, that is no part of it)?"""
        return self.verb_object or any(len(p) == 1 and self.word.endswith(p) for p in self.pieces)


@dataclass(frozen=True)
class Terms:
    """The content terms of a question, weighted by idf, and whether it asks for a number."""

    weights: dict[str, float]
    numeric: bool
    bigrams: frozenset[str] = frozenset()  # the question's content character bigrams (names, asking words out)
    units: frozenset[str] = frozenset()  # the units of the measure asked (人, 名 for 几个人), empty when none
    measure: str | None = None  # what a figure question counts (qa.answer.forms.MEASURES), None when not said
    topic: str | None = None  # "plans" / "problems" when the question asks about them
    slot: str | None = None  # what a short-fact question names (qa.answer.forms.Slot): a time, a person…
    kind: str = "open"  # the question's form (qa.answer.forms.Kind): figure, set, yesno, open…
    unknown: float = 0.0  # the share of the question's (idf-weighted) content words that no report uses
    # figures (report id, clause start) an earlier part of the same question is answered by
    taken: frozenset[tuple[str, int]] = frozenset()
    stated: frozenset[tuple[float, str, str]] = frozenset()  # figures the question states (一百四十次): premises
    # the question asks its measure in its own words (几名, 多少本), not guessed from what it counts (调解员 → people)
    # nor carried over by a follow-up from the question before (出庭代理呢？ after 多少份)
    measure_said: bool = False
    # the term naming what the question's figure counts (「培育了多少名法律明白人」: 法律明白人), empty when it says
    # that only before the asking word, or not at all
    counted: tuple[str, ...] = ()
    # words no report uses that name the kind of what a figure question counts (草场 of 「草场纠纷调了多少起」): weighed
    # as terms, not as words no report uses, for a figure of all disputes is not one of pasture disputes
    kind_named: tuple[str, ...] = ()

    # a lexicon word the tokenizer cut (集体上访 → 集体 + 上访): each piece finds the word's forms (群体性事件),
    # weighed as the word's (`also` lists them, for `forms_of`: a term's weight, the facts a question may mention).
    # A piece only qualifying the word (宪法 of 宪法日, 集体 of 集体上访) finds itself only beside the word's other
    # pieces or one of its forms (宪法 alone is not 宪法日; 「每个村…法律顾问」 is 村法律顾问; 知识 in 知识竞赛 is
    # 知识比赛). The word's head, the piece of two characters or more that ends it, names a broader kind of the same
    # thing (上访, 法律顾问, 宣传 of 普法宣传): found anywhere. Without `parts`, a term finds its own forms only.
    parts: dict[str, tuple[Cut, ...]] = field(default_factory=dict)
    # words listed as alternatives (「给学生娃、青少年普法」, 「人手紧、队伍缺人」; qa.answer.structure.listed): each list's
    # items, each item the terms said only in it. A text holding one item covers the list (`coverage_from`); not in
    # figure questions, whose list is what is counted (「防邪教、反电诈的宣传一共几场」)
    alternatives: tuple[tuple[frozenset[str], ...], ...] = ()
    # what a yes/no question asks whether (亮出, 证件 of 「执法人员上街办事要亮出证件吗」): its terms after the last word
    # that asks it (有没有, 是否, 要…); a sentence holding none of them says nothing of it. Empty when none is said.
    focus: tuple[str, ...] = ()

    @cached_property
    def total(self) -> float:
        return sum(self.weights.values())

    @cached_property
    def also(self) -> dict[str, tuple[str, ...]]:
        """The forms each piece of a cut word finds besides its own: its words' (`parts`)."""
        return {piece: _lent(piece, [c.word for c in cuts]) for piece, cuts in self.parts.items()}

    def forms_of(self, term: str) -> tuple[str, ...]:
        """The ways reports may word the question's `term`: its lexicon forms, and those of a word it is cut from."""
        own = forms(term)
        more = self.also.get(term)
        return own + tuple(f for f in more if f not in own) if more else own

    def found(self, term: str, text: str) -> float:
        """What `text` holds of the question's `term`: as `found_in`; a piece of a cut word finds the word's forms
        (weighed as the word's), and, but the word's head, itself only beside the word's other pieces or one of its
        forms (`parts`); a word ending in a piece of one character, or a verb with its object, is never said apart
        (日 of 宪法日 is in 日程, 日常; the 告 of 报告 beside 政府 is no 告政府; but 「每个村…法律顾问」 is 村法律顾问).
        `presence` is this, for many texts at once."""
        own = found_in(term, text)
        cuts = self.parts.get(term)
        if not cuts:
            return own
        best = 0.0
        for cut in cuts:  # (a piece of two cut words: 集体 of 集体学法 and of 集体上访)
            word = found_in(cut.word, text)
            beside = cut.head or word or not cut.whole_only and all(
                found_in(p, text) for p in cut.pieces if p in self.weights)
            best = max(best, word, own if beside else 0.0)
        return best


MAX_TERMS = 32  # an official's question has fewer than 15 content words


def question_terms(question_tokens: list[str], index: KeywordIndex, *, drop: set[str], question: str,
                   keep: frozenset[str] = frozenset()) -> Terms:
    """Weigh the question's tokens by idf, leaving out township names and years (they are filters) and the
    words that only ask (qa.answer.forms); read its form: a figure and its units, plans or problems."""
    weights: dict[str, float] = {}
    unused = 0.0
    unsaid: list[str] = []
    form = read_form(question)
    shortened = _abbreviations(question, question_tokens, index, skip=drop)
    cuts = _cuts(question, question_tokens) + [(word, pieces) for word, pieces, _ in shortened]
    also = cut_words(question, question_tokens, cuts)
    for t in question_tokens:
        if t not in keep and (t in drop or any(t in d for d in drop) or _figure(t, question) or t[0] in "各哪每"
                              or _ASKING.fullmatch(t) or is_asking(t) or t in FILLER_TOKENS or t in form.units
                              or t in form.says or bridging(t, question_tokens, question)):
            continue  # (the unit asked in, 多少 | 人次, is the measure read_form read, not a word to find)
        # a word no report uses (一共, 平时, 搞; 普遍存在 beside its parts) says nothing about which sentence
        # answers: counted, it would sink every sentence (its idf is the highest there is). A word of the
        # lexicon (执法证) is used in its other forms (行政执法证件): weighed as its commonest used one.
        ways = forms(t) + also.get(t, ())
        if _said_nowhere(ways, index):
            # its parts count (普遍存在 beside 普遍, 存在), or it is the tokenizer's cut across a lexicon word (人告 of
            # 有人告政府: the 告 is 告政府's, found in its forms)
            if not any(o != t and o in t for o in question_tokens) and not across_word(t, question, cuts):
                unused += index.idf(t) * (0.5 if len(t) == 1 else 1.0)
                unsaid.append(t)
            continue
        used = [index.idf(f) for f in ways if index.df(f)]
        # one character (防, 更) says little on its own in Chinese, nor the verb a how question closes on (处理; not
        # a lexicon word such as 学法 or 调解, which reports use for what was done): half weight
        weights[t] = (index.idf(t) if index.df(t) or not used else min(used)) * (
            0.5 if len(t) == 1 or t == form.manner and len(ways) == 1 else 1.0)
    kind_named = tuple(t for t in dict.fromkeys(unsaid)
                       if form.kind == "figure" and _qualifies(t, question, weights, question_tokens))
    for t in kind_named:  # a figure of a kind no report names (草场纠纷): the word naming it must be found
        weights[t] = index.idf(t)
        unused = max(0.0, unused - index.idf(t) * unsaid.count(t))
    if len(weights) > MAX_TERMS:  # a question pasted from a page: its most telling words bound the work it costs
        weights = dict(sorted(weights.items(), key=lambda tw: -tw[1])[:MAX_TERMS])
    content = question
    for d in sorted(drop, key=len, reverse=True):
        content = content.replace(d, " ")
    counted = tuple(head for m in _COUNTED.finditer(question) if (head := _head(m.group(1), weights)))
    topic = form.topic if form.topic in ("plans", "problems") else None
    return Terms(weights=weights, numeric=form.kind == "figure", stated=stated_figures(question),
                 alternatives=() if form.kind == "figure" else listed(content, weights),
                 focus=asked_whether(content, weights, question_tokens) if form.kind == "yesno" else (),
                 bigrams=frozenset(bigrams(content_text(_ASKING.sub(" ", content)))), units=form.units,
                 measure=form.measure, measure_said=form.measure_named, counted=counted, topic=topic, slot=form.slot,
                 kind=form.kind, kind_named=kind_named,
                 parts=_parts_of(cuts, weights, {word: heads for word, _, heads in shortened}),
                 unknown=unused / (unused + sum(weights.values())) if unused else 0.0)


def _said_nowhere(ways: tuple[str, ...], index: KeywordIndex) -> bool:
    """Is a word, with `ways` the ways reports may word it (itself first), used by no report in any of them?"""
    return len(ways) == 1 and not index.df(ways[0])


def _qualifies(token: str, question: str, weights: dict[str, float], tokens: list[str]) -> bool:
    """Does a word no report uses name the kind of what the question counts: a common noun said right before one of
    its content words that is a noun too (草场 of 「草场纠纷调了多少起」)? Not a piece of a word reports use (公职 of
    公职人员), nor a word that is no noun (下乡普法, 手里有执法证) or counts (八场), nor one said before a verb (老乡
    of 「老乡来访了多少次」: who came, not which kind of visit)."""
    if len(token) < 2 or token[0] in NUMERAL_CHARS or not common_noun(token) or any(
            token in o and o != token and o in weights for o in tokens):
        return False
    return any(question.startswith(w, m.end()) for m in re.finditer(re.escape(token), question)
               for w in weights if w not in token and common_noun(w))  # 草场纠纷; not 老乡来访, 进村服务


# Public hotlines, named by their numbers: a word reports use (「12345“接诉即办”机制」, 「12348法律服务热线」), not a figure
HOTLINES = frozenset({"110", "119", "120", "122", "12309", "12315", "12333", "12338", "12345", "12348", "12351",
                      "12355", "12368", "12369", "12388"})
# what follows a figure: a unit (forms.MEASURES' and the counters of things), or 多/余/来 (120多人, 1200余人)
_COUNTER_AFTER = re.compile("|".join(sorted({u for _, _, units in MEASURES for u in units} | set(ITEM_COUNTERS + "多余来左年月日号"),
                                            key=len, reverse=True)))


def _figure(token: str, question: str) -> bool:
    """Is a token of digits a figure (or a year: a filter), not a hotline's number? 「12345那边转来多少单」 names the
    12345 hotline; 「140次」, 「2023年」, 「120多人」 are figures."""
    if not token.isdigit():
        return False
    return token not in HOTLINES or any(_COUNTER_AFTER.match(question, m.end())
                                        for m in re.finditer(rf"(?<!\d){token}(?!\d)", question))


def _cuts(question: str, tokens: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The lexicon words of `question` that its tokens cut into pieces (宪法日 → 宪法 + 日; jieba does not know the
    lexicon's words), each with its pieces."""
    cuts = []
    for word in load_lexicon().words_in(question):
        if any(word in t for t in tokens):  # kept whole, or inside a longer token (一村一法律顾问): nothing cut
            continue
        # a token also said outside the word is a word of its own there (到村 beside 村法律顾问; 调了 beside
        # 矛盾纠纷调解中心), not only a piece of it
        elsewhere = question.replace(word, "\x00")
        if pieces := tuple(dict.fromkeys(t for t in tokens if t != word and t in word and t not in elsewhere)):
            cuts.append((word, pieces))
    return cuts


def _parts_of(cuts: list[tuple[str, tuple[str, ...]]], weights: dict[str, float],
              heads: dict[str, frozenset[str]] | None = None) -> dict[str, tuple[Cut, ...]]:
    """Terms.parts: for each weighed piece of a cut word, the word with its weighed pieces (once per word it is of).
    A word's heads are the pieces of two characters or more ending it, or those `heads` names (an abbreviation's)."""
    parts: dict[str, tuple[Cut, ...]] = {}
    for word, pieces in cuts:
        weighed = tuple(q for q in pieces if q in weights)
        bound = _verb_object(word)
        for p in weighed:
            head = p in heads[word] if heads and word in heads else len(p) > 1 and word.endswith(p) and not bound
            parts[p] = (*parts.get(p, ()), Cut(word, weighed, head, bound))
    return parts


def _verb_object(word: str) -> bool:
    """Is a lexicon word a verb of one character and its object, a noun no other wording of it holds (告政府: reports
    say 行政诉讼; 写诉状)? Not 防邪教 or 闹纠纷, worded 反邪教, 矛盾纠纷: there the noun is what it is about; nor 打工人员,
    whose 打工 says which 人员; nor 调解组织."""
    if len(word) <= 2 or not one_character_verb(word[0]) or general_word(word[:2]) or not common_noun(word[1:]):
        return False
    return not any(word[1:] in f for f in forms(word) if f[0] != word[0])


def _abbreviations(question: str, tokens: Sequence[str], index: KeywordIndex, *, skip: set[str]
                   ) -> list[tuple[str, tuple[str, ...], frozenset[str]]]:
    """Reports shorten two words to their first characters (亮出证件 → 亮证, in 「坚持持证上岗和亮证执法」): a word
    no report uses and one they use said right after each other, as the two characters reports use. Each
    with its pieces (the two words) and the one reports use, found anywhere as before (its head). Two words no report
    uses are not read (jieba's guesses at unknown words, 网上网下 → 上网 + 下加, would make 上下), nor two characters
    that are a word of their own (进村入户 is no 进入)."""
    def unused(t: str) -> bool:
        return _said_nowhere(forms(t), index)

    words = [t for t in dict.fromkeys(tokens) if len(t) >= 2 and t not in skip and not any(t in d for d in skip)
             and not is_asking(t) and t not in FILLER_TOKENS and not t.isdigit()]
    found: dict[str, tuple[tuple[str, str], frozenset[str]]] = {}
    for first in words:
        for second in words:
            if first == second or unused(first) == unused(second) or f"{first}{second}" not in question:
                continue
            short = first[0] + second[0]
            if short not in question and short not in found and not general_word(short) and index.df(short):
                found[short] = ((first, second), frozenset(t for t in (first, second) if not unused(t)))
    return [(short, pieces, heads) for short, (pieces, heads) in found.items()]


def cut_words(question: str, tokens: Sequence[str], cuts: list[tuple[str, tuple[str, ...]]] | None = None
              ) -> dict[str, tuple[str, ...]]:
    """The forms each piece of a lexicon word the tokens cut (`_cuts`) finds besides its own (how Terms.found finds
    them: Terms.parts)."""
    words: dict[str, list[str]] = {}
    for word, pieces in _cuts(question, tokens) if cuts is None else cuts:
        for piece in pieces:
            words.setdefault(piece, []).append(word)
    return {piece: _lent(piece, of) for piece, of in words.items()}


def _lent(piece: str, words: Sequence[str]) -> tuple[str, ...]:
    """The forms of the cut `words` a piece of them finds besides itself, each once, in the words' order."""
    return tuple(dict.fromkeys(f for w in words for f in forms(w) if f != piece))


# 「培育了多少名法律明白人？」「有几个村？」: what follows the asking word and its unit, up to the clause's end, is
# what is counted (「几个人去申请了执法证」 goes on with a verb: not read)
_COUNTED = re.compile(r"(?:多少|几)[个名位人次件场期所家处项份起户条块批回趟元万]?"
                      r"((?:(?![都也是有被在了已和与])[\u4e00-\u9fff]){1,10})(?=[？?，,。！!；;、]|$)")


def _head(phrase: str, weights: dict[str, float]) -> str | None:
    """The question term that ends `phrase` (a Chinese noun phrase's head: 栏 of 政务公开栏, 明白人 of 懂法的明白人)."""
    ending = [t for t in weights if phrase.endswith(t)]
    return max(ending, key=len) if ending else None


_STATED = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.年])|(?<![{NUMERAL_CHARS}第])([{NUMERAL_CHARS}]{{2,}}|[二两三四五六七八九十])"
                     r"(?=[个名人次件场期所家处项份起户条村])")
_CLAUSES = re.compile(r"[^，,；;。？?！!]+")
_ASKED = re.compile(r"多少|几")


def stated_figures(question: str) -> frozenset[tuple[float, str, str]]:
    """The figures a question states (「色务挨家挨户走了一百四十次，调成的纠纷有几次？」 states 140): the premise
    it asks from, never its answer. Each with what it is said of (its clause; within a clause that also asks, its
    side of 多少/几: 「18个村一共有」, 「个村超过两名法律顾问」) and the rest of the question. Years are not figures."""
    found: set[tuple[float, str, str]] = set()
    for clause in _CLAUSES.finditer(question):
        for m in _STATED.finditer(clause.group()):
            value = float(m.group(1)) if m.group(1) else chinese_value(m.group(2))
            if not value:
                continue
            start, end = clause.start(), clause.end()
            for asked in _ASKED.finditer(clause.group()):
                if asked.start() >= m.end():
                    end = clause.start() + asked.start()
                    break
                start = clause.start() + asked.end()
            found.add((float(value), question[start:end], question[:start] + question[end:]))
    return frozenset(found)


def is_premise(value: float, clause: str, terms: Terms) -> bool:
    """Is a figure (`value`, in its report `clause`) one the question states: the same value, in a clause worded
    at least as much like what the question says it of as like what it asks (words on both sides count for
    neither)? 「讲了两次法治课，专题学习又搞了几期？」 states 「主要领导讲授…法治课2次」, and 「干部开展…专题学习
    2期」 is its answer."""
    for v, said, rest in terms.stated:
        if v != value:
            continue
        of = {t: w for t, w in terms.weights.items() if t in said and t not in rest}
        if not of:
            return True  # said of nothing the question does not ask about too (18个村一共有多少个…): any is it
        asked = {t: w for t, w in terms.weights.items() if t in rest and t not in said}
        if _found_share(of, clause, terms) >= _found_share(asked, clause, terms):
            return True
    return False


def _found_share(weights: dict[str, float], text: str, terms: Terms) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if terms.found(t, text)) / total if total else 0.0


def bigrams(text: str) -> set[str]:
    """The Chinese character bigrams of `text` (runs of other characters break them)."""
    return {run[i:i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)}


# A question's word found only as another word for it in the lexicon (政府法律顾问 for 法律顾问团) counts for a little
# less than the word itself: where a report has both, the sentence worded as asked wins.
FORM_WEIGHT = 0.9
SECTION_WEIGHT = 0.7  # a term only in the sentence's heading counts for less than one in the sentence


def coverage(text: str, terms: Terms, section: str = "") -> float:
    """The idf-weighted share of the question's terms in `text` (or, for less, in its heading path)."""
    return float(coverages([text], terms, [section])[0])


def coverages(texts: Sequence[str], terms: Terms, sections: Sequence[str] | None = None) -> np.ndarray:
    """`coverage` of many texts at once: each form of each term is searched once in all the texts joined,
    so checking 20,000 chunks of 5,000 reports costs a few regex scans, not 100,000 Python loops."""
    return covered(Joined(texts), sections, terms)


def covered(joined: Joined, sections: Sequence[str] | None, terms: Terms) -> np.ndarray:
    """`coverages` of texts already joined (and their headings)."""
    n = len(joined.texts)
    if not terms.total or not n:
        return np.zeros(n)
    return coverage_from(presence(n, joined.rows, terms), _by_heading(sections, terms) if sections is not None else None,
                     terms)


def coverage_from(in_text: np.ndarray, in_section: np.ndarray | None, terms: Terms) -> np.ndarray:
    """Coverage from the (texts × terms) presence of the question's terms in the texts and in their headings."""
    if not terms.total:
        return np.zeros(len(in_text))
    found = in_text if in_section is None else np.maximum(in_text, SECTION_WEIGHT * in_section)
    weights = np.array(list(terms.weights.values()))
    best = found @ weights / terms.total
    column = {t: j for j, t in enumerate(terms.weights)}
    for items in terms.alternatives:  # a text holding one of a list's items covers the list
        for item in items:
            w = weights.copy()
            w[[column[t] for other in items if other is not item for t in other if t not in item]] = 0.0
            best = np.maximum(best, found @ w / w.sum())
    return best


# the lexicon forms of a question's words a keyword search adds, its most telling terms' first (a question pasted from
# a page has dozens of terms, each with up to a dozen forms)
MAX_OTHER_FORMS = 24


def other_forms(terms: Terms) -> list[str]:
    """The lexicon's other wordings of the question's terms (行政诉讼 for 告政府, 电信网络诈骗 for 电诈), most telling
    term first, each once, for the keyword half of retrieval: a report that words it otherwise is found too."""
    found: dict[str, None] = {}
    for term in sorted(terms.weights, key=lambda t: -terms.weights[t]):
        found.update(dict.fromkeys(f for f in terms.forms_of(term) if f != term and f not in found))
    return list(found)[:MAX_OTHER_FORMS]


def forms(term: str) -> tuple[str, ...]:
    """The ways reports may word a question's term: itself and its forms in the domain lexicon."""
    return load_lexicon().forms(term)


def form_weight(term: str, form: str) -> float:
    """What finding `form` for the question's `term` counts: 1 for the term itself or a particular wording of it
    (a one-way entry: 反诈 is 诈骗), FORM_WEIGHT for another word for the same thing."""
    return 1.0 if form == term or form in load_lexicon().narrower(term) else FORM_WEIGHT


def found_in(term: str, text: str) -> float:
    """What `text` holds of `term`: 1 for the term (or a particular wording of it), FORM_WEIGHT for another of its
    forms, else 0."""
    return max((form_weight(term, f) for f in forms(term) if f in text), default=0.0)


def presence(n: int, holding: Callable[[str], np.ndarray], terms: Terms) -> np.ndarray:
    """(n × terms) presence of the question's terms, from `holding(word)`: which of n texts hold the word (their
    indices, or a mask)."""
    found = np.zeros((n, len(terms.weights)))
    for j, term in enumerate(terms.weights):
        for form in forms(term):
            rows = holding(form)
            found[rows, j] = np.maximum(found[rows, j], form_weight(term, form))
    if not terms.parts:
        return found
    # a piece of a cut word finds the word's forms, and (but its head) itself only beside the word's other pieces or a
    # form (Terms.found)
    column = {t: j for j, t in enumerate(terms.weights)}
    own = found.copy()
    words: dict[str, np.ndarray] = {}
    for term, cuts in terms.parts.items():
        j = column[term]
        found[:, j] = 0.0
        for cut in cuts:
            if cut.word not in words:  # each word's forms searched once, however many pieces it has
                words[cut.word] = word = np.zeros(n)
                for form in forms(cut.word):
                    rows = holding(form)
                    word[rows] = np.maximum(word[rows], form_weight(cut.word, form))
            word = words[cut.word]
            pieces = [column[p] for p in cut.pieces if p in column]
            apart = False if cut.whole_only else (own[:, pieces] > 0).all(axis=1)
            beside = cut.head | (word > 0) | apart
            found[:, j] = np.maximum(found[:, j], np.maximum(word, np.where(beside, own[:, j], 0.0)))
    return found


def _by_heading(sections: Sequence[str], terms: Terms) -> np.ndarray:
    """`presence` in each text's heading: each heading searched once, however many texts sit under it."""
    unique = {s: i for i, s in enumerate(dict.fromkeys(sections))}
    return presence(len(unique), Joined(list(unique)).rows, terms)[np.array([unique[s] for s in sections], dtype=np.int64)]


