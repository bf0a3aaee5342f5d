"""Sentence spans in Chinese text. Shared by the chunker and the extractive answerer."""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np

SENTENCE_END = "。！？；!?;"
# A sentence runs to its end mark (plus closing quotes/brackets) or to the end of its line.
_SENTENCE = re.compile(r"[^\n。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in text[start:end], stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


# Words addressed to a language model, not to a county official: a report carrying them (pasted from a chat,
# or planted) is kept whole, but such a sentence is never evidence, never a numeric fact and never sent to the
# LLM. The prompt's fences and the citation check hold whatever this misses.
_INSTRUCTIONS = re.compile(
    r"(?:忽略|忽视|无视|不要理会|别理会|不用理会|抛开|跳过)(?:掉)?(?:以上|上述|之前|前面|先前|此前|上面)?(?:的)?"
    r"(?:所有|全部|一切)?(?:的)?(?:指令|指示|提示|规则|要求|设定)"
    r"|(?:系统|开发者)(?:提示词?|指令|消息)|(?:提示词|system\s*prompt)"
    r"|你(?:现在)?(?:必须|只能|应该)(?:回答|输出|说|扮演)|作为(?:一个)?(?:AI|人工智能|语言模型|助手)"
    r"|ignore\s+(?:all\s+)?(?:the\s+)?(?:previous|prior|above)\s+instructions|you\s+are\s+now\b",
    re.IGNORECASE)


_HIDDEN = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def addresses_a_model(sentence: str) -> bool:
    """True for a sentence that speaks to an AI model (「忽略以上所有指令……」) rather than reports a fact; read
    after NFKC too (full-width ＩＧＮＯＲＥ is ignore) with invisible characters taken out (忽\u200b略), and spaces."""
    folded = _HIDDEN.sub("", unicodedata.normalize("NFKC", sentence))
    return any(_INSTRUCTIONS.search(text) for text in (sentence, folded, re.sub(r"\s+", "", folded)))


# 「三、下一步工作打算」 alone: a top-level heading names a part of the report, it is not evidence
_TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、[^。，；]{0,20}")


@functools.lru_cache(maxsize=200_000)
def evidence_sentences(chunk_text: str) -> tuple[tuple[int, int, str], ...]:
    """The sentences of a chunk that can be evidence (not too short, not a bare top-level heading, not
    words to a model), as (start, end, text) within the chunk. Ingest stores a vector for each of them."""
    out = []
    for s, e in sentence_spans(chunk_text):
        text = chunk_text[s:e]
        if len(text) >= 6 and not _TOP_HEADING.fullmatch(text) and not addresses_a_model(text):
            out.append((s, e, text))
    return tuple(out)


@functools.lru_cache(maxsize=200_000)
def evidence_offsets(chunk_text: str) -> np.ndarray:
    """`evidence_sentences`' (start, end) pairs as an n × 2 array (a question across 5,000 reports stacks 50,000)."""
    offsets = np.array([(s, e) for s, e, _ in evidence_sentences(chunk_text)], dtype=np.int64).reshape(-1, 2)
    offsets.flags.writeable = False  # shared by every caller (cached)
    return offsets
