"""Chinese numerals as reports write figures: 十二, 三十, 一百五十, 两千, 一千零五十, 两万三 → their integer value.

Only the 十/百/千/万 system is read (亿 does not occur in township reports); a run that is not one
well-formed number, such as 十三五 (the plan period), 一两 (one or two) or 二〇二三 (a year spelt digit by
digit), reads as None so that no fact is made of it.
"""

from __future__ import annotations

DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZEROS = "零〇"
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
WAN = "万"
NUMERAL_CHARS = "".join(DIGITS) + ZEROS + "".join(MULTIPLIERS) + WAN


def chinese_value(text: str) -> int | None:
    """The value of a Chinese numeral, or None when `text` is not exactly one well-formed number."""
    total = section = 0
    digit: int | None = None
    last: int | None = None  # the multiplier just applied: the next one must be smaller (一百五十, not 一十百)
    after_zero = seen_wan = False
    for i, ch in enumerate(text):
        if ch in ZEROS:
            if digit is not None:
                return None  # 二〇二三: digits spelt one by one name a year or a code, not a count
            after_zero = True
        elif ch in DIGITS:
            if digit is not None or (ch == "两" and i == len(text) - 1 and i > 0):
                return None  # 十三五, 一两; 两 is never a last digit (二十二, not 二十两)
            digit = DIGITS[ch]
        elif ch in MULTIPLIERS:
            m = MULTIPLIERS[ch]
            if last is not None and m >= last:
                return None
            section += (1 if digit is None else digit) * m  # a bare 十 is ten: 十二 = 12
            digit, last, after_zero = None, m, False
        elif ch == WAN:  # 万 closes the part below ten thousand: 两千万 = 2000 × 10000
            if seen_wan:
                return None
            total = (section + (digit or 0) or 1) * 10_000
            section, digit, last, after_zero, seen_wan = 0, None, 10_000, False, True
        else:
            return None
    if digit is not None:
        # a last digit right after a multiplier is one order below it (一百五 = 150, 两万三 = 23000), after 零 a unit
        section += digit * (last // 10 if last and not after_zero else 1)
    return total + section
