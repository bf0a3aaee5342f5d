"""Words found once in many texts joined: which texts, and which parts of them, hold a word."""

from __future__ import annotations

import numpy as np

from qa.joined import Joined, Spans


def test_rows_name_each_text_holding_the_word_once_for_each_time() -> None:
    joined = Joined(["法律顾问和法律明白人", "没有", "聘请法律", ""])
    assert joined.rows("法律").tolist() == [0, 0, 2]
    assert joined.rows("顾问和法").tolist() == [0]
    assert joined.rows("人没").tolist() == []  # never across two texts
    assert joined.holding(["没有", "聘请"]).tolist() == [False, True, True, False]


def test_a_span_holds_a_word_only_when_the_word_is_wholly_inside_it() -> None:
    texts = ["开展普法宣传。聘请法律顾问。", "法律明白人培训。"]
    joined = Joined(texts)
    # the sentences of both texts, given out of order, as spans of the joined text
    starts = joined.starts[[0, 1, 0]] + np.array([7, 0, 0])
    ends = joined.starts[[0, 1, 0]] + np.array([14, 8, 7])
    spans = Spans(starts, ends)
    naive = [[w in joined.text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
             for w in ("法律", "普法", "。聘", "顾问", "培训", "无")]
    assert [joined.spans_holding(w, spans).tolist() for w in ("法律", "普法", "。聘", "顾问", "培训", "无")] == naive
    assert naive[0] == [True, True, False] and naive[2] == [False, False, False]  # 。聘 crosses two sentences


def test_a_word_before_every_span_or_in_a_repeated_span_is_placed_right() -> None:
    joined = Joined(["法律法律。宣传。"])
    spans = Spans(np.array([5, 2, 5]), np.array([8, 5, 8]))  # 宣传。 twice, and 法律。; 法律 at 0 is before all
    assert joined.spans_holding("法律", spans).tolist() == [False, True, False]
    assert joined.spans_holding("宣传", spans).tolist() == [True, False, True]
    assert joined.spans_holding("宣传", Spans(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))).tolist() == []
