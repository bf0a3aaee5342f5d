"""The Chinese keyword index: jieba tokens (with the field's terms and township names) + BM25."""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

# Terms of the field that jieba's general dictionary would split apart.
FIELD_TERMS = (
    "法律顾问", "一村一法律顾问", "政府法律顾问", "法律顾问团", "人民调解", "人民调解员", "调解员",
    "调解委员会", "行政执法证", "行政执法证件", "执法证", "法律明白人", "法治带头人", "普法", "八五普法", "八五",
    "普法责任制", "谁执法谁普法", "公共法律服务", "法律服务工作站", "法律援助", "行政复议", "行政诉讼",
    "行政处罚权", "矛盾纠纷", "信访", "接诉即办", "重大行政决策", "合法性审查", "规范性文件", "行政规范性文件",
    "政务公开", "信息公开", "习近平法治思想", "法治政府", "法治宣传", "法治讲座", "民法典", "宪法", "枫桥经验",
    "权责清单", "司法所", "法治建设", "依法行政", "依法治乡", "依法治团", "学法用法", "述法", "平安建设",
    "治安巡逻", "反诈", "扫黑除恶", "网格员", "联户长", "法宣在线", "法治文化", "法治广场", "三重一大",
)
STOPWORDS = set(
    "的 了 和 与 及 或 在 是 为 对 把 被 将 从 向 以 于 等 中 上 下 个 其 之 也 都 而 并 就 还 又 有 无 这 那 "
    "我 我们 你 他 它 该 本 各 每 年 年度 共 名 件 次 人 什么 哪些 哪个 哪 多少 几 怎么 怎样 如何 是否 有没有 "
    "吗 呢 吧 啊 请 问 情况 方面 工作 开展 进行 一 二 三 四 五 六 七 八 九 十 一是 二是 三是 四是 五是 "
    "乡镇 乡 镇 团 报告 提到 说 多 哪一个 那么 普遍 主要 分别 具体 相关 有关 都 一些 各个 所有 呢 吗 了 过".split()
)
_TOKEN_OK = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@functools.cache
def dictionary() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """jieba's general dictionary (not qa's words): its common nouns, its words of two characters, and its verbs of
    one character."""
    import jieba

    nouns, pairs, verbs = set(), set(), set()
    with jieba.get_dict_file() as lines:
        for word, _, tag in (line.decode("utf-8").split() for line in lines):
            if tag in ("n", "nz"):
                nouns.add(word)
            if len(word) == 2:
                pairs.add(word)
            elif len(word) == 1 and tag == "v":
                verbs.add(word)
    return frozenset(nouns), frozenset(pairs), frozenset(verbs)


def common_noun(word: str) -> bool:
    """Is `word` a common noun in jieba's general dictionary (草场, 婚姻; not 手里, 下乡, or a word it does not know)?"""
    return word in dictionary()[0]


def general_word(word: str) -> bool:
    """Is `word`, of two characters, a word of jieba's general dictionary (进入, 公民; not 亮证, 电诈)?"""
    return word in dictionary()[1]


def one_character_verb(word: str) -> bool:
    """Is `word` a verb of one character in jieba's general dictionary (告, 写, 闹; not 村, 日)?"""
    return word in dictionary()[2]


class Tokenizer:
    """jieba in search mode with qa's dictionary; keeps content words, drops stopwords and marks."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for word in (*FIELD_TERMS, *extra_words):
            self.add_word(word)

    def add_word(self, word: str) -> None:
        self._jieba.add_word(word, freq=20000)

    def tokens(self, text: str) -> list[str]:
        return [t for t in self._jieba.lcut_for_search(text)
                if _TOKEN_OK.search(t) and t not in STOPWORDS and not t.isspace()]


Ranked = list[tuple[str, float]]  # chunk ids with their scores, best first


class KeywordIndex:
    """BM25 over token lists, addressable by chunk id; each chunk knows its report, for scoped and per-report search."""

    def __init__(self, ids: list[str], report_ids: list[str], bm25: object | None, df: dict[str, int]) -> None:
        self.ids = ids
        self._bm25 = bm25
        self._df = df
        self._pos = {cid: i for i, cid in enumerate(ids)}
        self._id_array = np.array(ids, dtype=object)
        # chunk position -> report number: scoping a search to some reports is one vectorised mask
        reports, groups = np.unique(np.asarray(report_ids, dtype=object), return_inverse=True) if ids else ([], [])
        self._reports = [str(r) for r in np.asarray(reports, dtype=object).tolist()]
        self._report_no = {r: i for i, r in enumerate(self._reports)}
        self._groups = np.asarray(groups, dtype=np.int64).reshape(-1)

    @classmethod
    def build(cls, ids: Sequence[str], report_ids: Sequence[str], token_lists: Sequence[Sequence[str]]
              ) -> KeywordIndex:
        bm25s = _bm25s()

        df: Counter[str] = Counter()
        for tokens in token_lists:
            df.update(set(tokens))
        bm25 = None
        if ids:
            bm25 = bm25s.BM25()
            bm25.index([list(t) or [""] for t in token_lists], show_progress=False)
        return cls(list(ids), list(report_ids), bm25, dict(df))

    def df(self, term: str) -> int:
        """In how many chunks `term` occurs."""
        return self._df.get(term, 0)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms weigh most."""
        n = max(1, len(self.ids))
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def search(self, query_tokens: Sequence[str], *, k: int, report_ids: Sequence[str] | None = None) -> Ranked:
        """The k best chunk ids with BM25 scores > 0, only from `report_ids` when given."""
        return self.search_with(query_tokens, (), k=k, report_ids=report_ids)[0]

    def search_with(self, query_tokens: Sequence[str], more: Sequence[str], *, k: int,
                    report_ids: Sequence[str] | None = None) -> tuple[Ranked, Ranked]:
        """`search`, and the k best chunks holding one of `more` (other words for the question's: the lexicon's
        forms), scored as `_with_more` scores them."""
        scores = self.scores(query_tokens, report_ids)
        plain = [] if scores is None else self._best(scores, scores > 0, k)
        with_more = self._with_more(scores, more, report_ids)
        return plain, [] if with_more is None else self._best(*with_more, k)

    def search_per_report(self, query_tokens: Sequence[str], *, k: int, report_ids: Sequence[str] | None = None
                          ) -> dict[str, Ranked]:
        """Each report's k best chunk ids with BM25 scores > 0, from one scoring pass over the whole index."""
        scores = self.scores(query_tokens, report_ids)
        return {} if scores is None else self.top_per_report(scores, k=k)

    def top_per_report(self, scores: np.ndarray, *, k: int) -> dict[str, Ranked]:
        """Each report's k best chunk ids by `scores` (this index's `scores` for a query), those > 0 only."""
        return self._per_report(scores, scores > 0, k)

    def more_per_report(self, scores: np.ndarray | None, more: Sequence[str], *, k: int, report_ids: Sequence[str]
                        ) -> dict[str, Ranked]:
        """Each of `report_ids`' k best chunks holding one of `more` (other words for the question's), scored as
        `_with_more` scores them."""
        with_more = self._with_more(scores, more, report_ids)
        return {} if with_more is None else self._per_report(*with_more, k)

    def _with_more(self, scores: np.ndarray | None, more: Sequence[str], report_ids: Sequence[str] | None
                   ) -> tuple[np.ndarray, np.ndarray] | None:
        """Every chunk's score over the question's tokens (their `scores`) and `more` (BM25 adds up over a query's
        tokens: each scored once), and which chunks hold one of `more`; None when none of `more` can be scored."""
        extra = self.scores(more, report_ids)
        if extra is None:
            return None
        return (extra if scores is None else scores + extra), extra > 0

    def report_ids(self) -> list[str]:
        """The reports the index holds chunks of."""
        return list(self._reports)

    def _best(self, scores: np.ndarray, eligible: np.ndarray, k: int) -> Ranked:
        hit = np.flatnonzero(eligible)
        top = hit[np.argsort(-scores[hit], kind="stable")[:k]]
        return list(zip(self._id_array[top].tolist(), scores[top].tolist(), strict=True))

    def _per_report(self, scores: np.ndarray, eligible: np.ndarray, k: int) -> dict[str, Ranked]:
        hit = np.flatnonzero(eligible)
        order = hit[np.lexsort((-scores[hit], self._groups[hit]))]  # by report, best first within it
        groups = self._groups[order]
        first = np.searchsorted(groups, groups)  # where each report's run starts
        keep = order[np.arange(len(order)) - first < k]
        if not len(keep):
            return {}
        group = self._groups[keep]
        bounds = (np.flatnonzero(np.diff(group)) + 1).tolist()  # runs of one report each
        starts, ends = [0, *bounds], [*bounds, len(keep)]
        ids, kept = self._id_array[keep].tolist(), scores[keep].tolist()
        return {self._reports[g]: list(zip(ids[a:b], kept[a:b], strict=True))
                for g, a, b in zip(group[starts].tolist(), starts, ends, strict=True)}

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._pos

    def report_of(self, chunk_id: str) -> str:
        return self._reports[self._groups[self._pos[chunk_id]]]

    def scores(self, query_tokens: Sequence[str], report_ids: Sequence[str] | None = None) -> np.ndarray | None:
        """Every chunk's BM25 score for the query (0 outside `report_ids`), None for an empty query or index."""
        if self._bm25 is None or not query_tokens:
            return None
        scores = np.asarray(self._bm25.get_scores(list(query_tokens)))  # type: ignore[attr-defined]
        if report_ids is not None:
            wanted = np.zeros(len(self._report_no), dtype=bool)
            wanted[[self._report_no[r] for r in report_ids if r in self._report_no]] = True
            scores = np.where(wanted[self._groups], scores, 0.0)
        return scores

    def save(self, directory: Path, generation: int) -> None:
        """Save under `directory`: the BM25 arrays in a folder of their own, then index.json naming it.

        index.json is replaced last and atomically, so a crash mid-save, or a server reading while an ingest
        saves, finds either the old index whole or the new one whole.
        """
        directory.mkdir(parents=True, exist_ok=True)
        arrays = f"bm25-{generation}"
        if self._bm25 is not None:
            shutil.rmtree(directory / arrays, ignore_errors=True)  # a crashed save of this generation
            self._bm25.save(str(directory / arrays), show_progress=False)  # type: ignore[attr-defined]
        tmp = directory / "index.json.tmp"
        tmp.write_text(json.dumps({"generation": generation, "bm25": arrays, "ids": self.ids, "reports": self._reports,
                                   "groups": self._groups.tolist(), "df": self._df}, ensure_ascii=False))
        tmp.replace(directory / "index.json")
        for old in directory.glob("bm25*"):
            if old.name != arrays:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path, generation: int) -> KeywordIndex | None:
        """The saved index if it was built at `generation`, else None (rebuild it)."""
        bm25s = _bm25s()

        try:
            meta = json.loads((directory / "index.json").read_text())
            if meta.get("generation") != generation or "bm25" not in meta:  # older format: rebuild
                return None
            bm25 = bm25s.BM25.load(str(directory / meta["bm25"]), show_progress=False) if meta["ids"] else None
        except (OSError, ValueError):  # missing, torn, or removed by a newer save while we read
            return None
        return cls(meta["ids"], [meta["reports"][g] for g in meta["groups"]], bm25, meta["df"])


def _bm25s():  # type: ignore[no-untyped-def]
    """bm25s, imported late (it is slow to import) and quieted: it sets its own logger to DEBUG."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s
