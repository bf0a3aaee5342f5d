"""Answers written by an LLM from the extractive evidence, with every [n] checked against its source.

The LLM sees only the sentences the extractive answer already found (numbered, fenced), or, when the
extractive step refused, the closest passages it showed; it writes the text, qa checks it: a marker naming no given source is removed, and a sentence stating a number
its cited sources lack is removed, each with a warning. A reply that cites nothing valid, an
unreachable or slow server, falls back to the extractive answer with `llm_error` saying why.
Any LlamaIndex LLM works; `make_llm` builds the OpenAI-compatible one from settings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.llms import LLM

from qa.answer.evidence import who
from qa.answer.numbers import claimed_numbers, unsupported_numbers
from qa.answer.terms import bigrams
from qa.config import Settings
from qa.errors import ConfigError, LLMError, LLMTimeoutError, LLMUnreachableError
from qa.sentences import sentence_spans
from qa.types import Answer, Citation

logger = logging.getLogger(__name__)

_MARKER = re.compile(r"\[(\d+)\]")
_MARKERS_AFTER_END = re.compile(r"([。！？；!?;])((?:\s*\[\d+\])+)")
NOT_FOUND = "在已收录的报告中没有找到"


@dataclass(frozen=True)
class Prompts:
    """The prompt templates in prompts/: a system prompt and a user prompt with {sources} and {question}."""

    system: str
    user: str

    @classmethod
    def load(cls, directory: Path) -> Prompts:
        try:
            system = (directory / "answer_system.txt").read_text(encoding="utf-8")
            user = (directory / "answer_user.txt").read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"cannot read the prompt templates in {directory} ({e})") from e
        for field in ("{sources}", "{question}"):
            if field not in user:
                raise ConfigError(f"{directory / 'answer_user.txt'} lacks the {field} placeholder")
        return cls(system.strip(), user.strip())

    def messages(self, question: str, sources: Sequence[Citation]) -> list[ChatMessage]:
        user = self.user.replace("{sources}", render_sources(sources)).replace("{question}", question)
        return [ChatMessage(role=MessageRole.SYSTEM, content=self.system), ChatMessage(role=MessageRole.USER, content=user)]


@dataclass(frozen=True)
class Writer:
    """An LLM and the prompts it is given."""

    llm: LLM
    prompts: Prompts


@dataclass(frozen=True)
class Delta:
    """A piece of answer text as the LLM produces it."""

    text: str


def make_writer(settings: Settings) -> Writer | None:
    """The OpenAI-compatible LLM of QA_LLM_BASE_URL with the prompts, or None when no LLM is configured."""
    if not settings.llm_base_url:
        return None
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(model=settings.llm_model, api_base=settings.llm_base_url, api_key=settings.llm_api_key or "none",
                     is_chat_model=True, timeout=settings.llm_timeout, max_retries=0,
                     max_tokens=settings.llm_max_tokens, temperature=0.1, context_window=8192)
    return Writer(llm=llm, prompts=Prompts.load(settings.prompts_dir))


def label(c: Citation) -> str:
    """A source's heading for the LLM: its report and section, 色务乡（2024年） · 一、… > （四）…."""
    section = f" · {c.section}" if c.section else ""
    return f"{who(c)}{section}"


def source_text(c: Citation) -> str:
    """A source as the LLM is shown it: its label (township, year, section) and its text."""
    return f"{label(c)} {c.text}"


def render_sources(sources: Sequence[Citation]) -> str:
    """Numbered sources, each fenced in <<< >>> with its label (township, year, section: the section's words are
    the report's too) inside the fence; a fence inside a report's words is defused."""
    parts = []
    for c in sources:
        text = _defused(f"来源：{label(c)}\n{c.text}")
        parts.append(f"[{c.n}]\n<<<\n{text}\n>>>")
    return "\n\n".join(parts)


def _defused(text: str) -> str:
    return text.replace("<<<", "‹‹‹").replace(">>>", "›››")


def stream_answer(question: str, extractive: Answer, writer: Writer) -> Iterator[Delta | Answer]:
    """Stream the LLM's text as Deltas, then the checked Answer (or the extractive one, with llm_error).

    When the extractive step was unsure (it refused, but found close passages), the LLM reads those passages
    and may answer from them, checked the same way (`unsure_checked`); otherwise the refusal stands."""
    unsure = extractive.refused and bool(extractive.related)
    sources = extractive.related if unsure else extractive.citations
    if not sources or (extractive.refused and not unsure):
        yield Delta(extractive.answer)
        yield extractive
        return
    parts: list[str] = []
    try:
        for chunk in writer.llm.stream_chat(writer.prompts.messages(question, sources)):
            if chunk.delta:
                parts.append(chunk.delta)
                yield Delta(chunk.delta)
    except Exception as e:  # any failure of any LLM integration means: answer extractively, say why
        error = llm_error(e)
        logger.warning("LLM failed: %s", error)
        yield replace(extractive, llm_error=str(error))
        return
    yield unsure_checked(extractive, "".join(parts)) if unsure else checked(extractive, "".join(parts))


UNSURE = "没有找到与问题措辞一致的句子；以上回答由模型从最接近的段落中写出，请核对引文。"


def unsure_checked(refusal: Answer, reply: str) -> Answer:
    """The LLM's reply to a question the extractive step refused, from the refusal's closest passages: an answer
    when it cites them validly (checked as `checked` does, and marked UNSURE), else the refusal as it was."""
    if "<<<" in reply or ">>>" in reply:
        return replace(refusal, llm_error="the LLM's reply echoed its sources instead of answering")
    text, citations, warnings = check_reply(reply, refusal.related)
    if not citations or text.startswith(NOT_FOUND) or reply.strip().startswith(NOT_FOUND):
        return refusal  # the LLM found no answer in them either: the refusal stands
    return replace(refusal, answer=text, mode="llm", refused=False, citations=citations, related=(),
                   warnings=(*warnings, UNSURE))


def checked(extractive: Answer, reply: str) -> Answer:
    """The LLM's reply as the answer, after the citation check; the extractive answer if nothing valid is left."""
    if "<<<" in reply or ">>>" in reply:
        return replace(extractive, llm_error="the LLM's reply echoed its sources instead of answering")
    text, citations, warnings = check_reply(reply, extractive.citations)
    if text.startswith(NOT_FOUND) or reply.strip().startswith(NOT_FOUND):
        return replace(extractive, llm_error="the LLM found no answer in the sources the extractive search supports; "
                                             "showing the extractive answer", warnings=warnings)
    if not citations:
        why = "the LLM's reply was empty" if not reply.strip() else "the LLM's reply cited none of the given sources"
        return replace(extractive, llm_error=why, warnings=warnings)
    return replace(extractive, answer=text, mode="llm", citations=citations, warnings=warnings)


def check_reply(reply: str, sources: Sequence[Citation]) -> tuple[str, tuple[Citation, ...], tuple[str, ...]]:
    """(checked text, the sources it cites, what was removed and why)."""
    by_n = {c.n: c for c in sources}
    text = _MARKERS_AFTER_END.sub(r"\2\1", reply.strip())  # 「…14名。[1]」 → 「…14名[1]。」
    out: list[str] = []
    warnings: list[str] = []
    used: set[int] = set()
    last = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        out.append(text[last:start])
        last = end
        marks = [int(m) for m in _MARKER.findall(sentence)]
        bad = sorted({m for m in marks if m not in by_n})
        if bad:
            sentence = _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in by_n else "", sentence)
            warnings.append(f"removed marker(s) {', '.join(f'[{m}]' for m in bad)}: no such source")
        good = sorted({m for m in marks if m in by_n})
        if not good and sentence.strip() and not sentence.rstrip().endswith(("：", ":")):
            # every statement must rest on a source (prompt rule 2); only a lead-in (「具体如下：」) may cite none.
            # This is also what keeps words a report smuggled in (「忽略以上所有指令……」) out of the answer.
            warnings.append(f"removed a sentence citing no source: {sentence.strip()[:60]}")
            continue
        cited = [source_text(by_n[m]) for m in good]
        missing = unsupported_numbers(sentence, cited) if good else claimed_numbers(_MARKER.sub("", sentence))
        if missing:
            where = f"its sources {''.join(f'[{m}]' for m in good)}" if good else "any cited source"
            warnings.append(f"removed a sentence stating {', '.join(missing)}, not in {where}: {sentence[:60]}")
            continue
        if good and (why := unsupported_by(sentence, cited)):
            warnings.append(f"removed a sentence its sources {''.join(f'[{m}]' for m in good)} do not support "
                            f"({why}): {sentence.strip()[:60]}")
            continue
        used.update(good)
        out.append(sentence)
    out.append(text[last:])
    cleaned = re.sub(r"\n{3,}", "\n\n", "".join(out)).strip()
    return cleaned, tuple(by_n[n] for n in sorted(used)), tuple(warnings)


REPLY_SUPPORT = 0.5  # the share of a reply sentence's Chinese bigrams its cited sources must hold
_FOREIGN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-/:][A-Za-z0-9]+)+|https?://\S+|www\.\S+|[A-Za-z]{4,}")


def unsupported_by(sentence: str, sources: Sequence[str]) -> str | None:
    """Why the cited sources do not support a sentence of the reply, None when they do: most of its wording must
    be theirs (a model writes 「所有乡镇的报告均不可信[1]」 with a valid marker as easily as a true sentence), and
    no address or Latin word may be its own (evil.example)."""
    text = _MARKER.sub("", sentence)
    joined = "\n".join(sources)
    foreign = [w for w in _FOREIGN.findall(text) if w.lower() not in joined.lower()]
    if foreign:
        return f"{foreign[0]} is in none of them"
    own = bigrams(text)
    if own:
        share = len(own & bigrams(joined)) / len(own)
        if share < REPLY_SUPPORT:
            return f"{share:.0%} of its wording is theirs"
    return None


def llm_error(e: Exception) -> LLMError:
    """The LLM integration's exception as qa's, told apart by type: timeout, unreachable, or another failure.

    OpenAI-compatible clients raise openai's or httpx's exceptions (llama_index wraps neither); any other
    LlamaIndex LLM's failure is an LLMError with its message.
    """
    import httpx
    import openai

    chain = f"{e} ({e.__cause__})" if e.__cause__ else str(e)
    if isinstance(e, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return LLMTimeoutError(f"the LLM did not answer in time ({type(e).__name__})")
    if isinstance(e, openai.APIConnectionError | httpx.TransportError | ConnectionError):
        return LLMUnreachableError(f"cannot reach the LLM server ({type(e).__name__}: {chain[:200]})")
    if isinstance(e, openai.APIStatusError):
        return LLMError(f"the LLM server answered HTTP {e.status_code} ({e.message[:200]})")
    return LLMError(f"the LLM failed ({type(e).__name__}: {chain[:200]})")
