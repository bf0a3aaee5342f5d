"""Traditional characters folded to simplified, one character for one, so offsets never move.

Reports published in traditional characters (鄉, 鎮, 報告) are read, indexed and matched through their folded
text; questions are folded the same way, so 「乡」 finds 「鄉」 and the other way round, while the text an official
reads stays in its own characters (a fold never changes a string's length, so every span points into both).
The table is OpenCC's character table (opencc-python-reimplemented's TSCharacters.txt), less every character that
is also written in simplified text (乾, 於, 著…): folding a simplified report changes nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> dict[int, str]:
    folder = resources.files("opencc") / "dictionary"
    pairs = [line.split("\t") for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines()
             if "\t" in line]
    simplified = {line.split("\t", 1)[0] for line in (folder / "STCharacters.txt").read_text(encoding="utf-8")
                  .splitlines() if "\t" in line}
    simplified |= {targets.split()[0] for _, targets in pairs if targets.split()}
    table: dict[int, str] = {}
    for trad, targets in pairs:
        options = targets.split()
        if len(trad) == 1 and options and len(options[0]) == 1 and trad not in options and trad not in simplified:
            table[ord(trad)] = options[0]
    return table


def fold(text: str) -> str:
    """`text` with its traditional characters written simplified; same length, same simplified characters."""
    return text.translate(_table())

