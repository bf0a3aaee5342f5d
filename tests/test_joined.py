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


def naive_places(text: str, word: str) -> list[int]:
    return [i for i in range(len(text) - len(word) + 1) if text.startswith(word, i)]


def test_a_long_text_searched_as_character_codes_finds_what_a_scan_finds() -> None:
    import random

    from qa.joined import ARRAY_FROM

    rng = random.Random(7)
    alphabet = "法律顾问村一二普宣传。a"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(ARRAY_FROM // 25)]
    short = Joined(texts[:10], remember=True)  # searched with re
    long = Joined(texts, remember=True)  # searched as an array
    assert len(short.text) < ARRAY_FROM <= len(long.text)
    words = ["法律", "法律顾问", "村一村", "一", "。a", "问村问", "无", "法律顾问村一二普宣传法律顾问村一二普宣传"]
    for joined in (short, long, Joined(texts)):  # (not remembering: no first characters kept either)
        for word in words + words:  # twice: the second time from what was remembered
            assert joined.places(word).tolist() == naive_places(joined.text, word), word
    assert len(long.places("法律")) > 100


def test_a_character_outside_utf16_units_is_found_as_a_code_point() -> None:
    from qa.joined import ARRAY_FROM

    plain = "普法宣传" * (ARRAY_FROM // 4)
    rare = Joined([plain, "𠀀法律𠀀法律", plain])
    assert rare.places("𠀀法律").tolist() == naive_places(rare.text, "𠀀法律") != []
    assert rare.places("律𠀀法").tolist() == naive_places(rare.text, "律𠀀法") != []
    assert rare.rows("法律").tolist() == [1, 1]
    assert Joined([plain, plain]).places("𠀀").tolist() == []  # a text of UTF-16 units only cannot hold it
