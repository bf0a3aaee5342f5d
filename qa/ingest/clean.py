"""Remove conversion debris and page furniture; rejoin wrapped lines.

Offsets everywhere else in qa point into the text this module returns, so cleaning happens once,
before anything is measured.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable

from qa.chars import fold

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Full-width punctuation that sits between CJK characters.
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2014\u2026"

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_PAGE_MARK = re.compile(r"^[—–\-－\s]*\d{1,3}[—–\-－\s]*$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$")
_FURNITURE = re.compile(
    r"^[\[【［(（]?\s*(发文机关|发布日期|发布时间|公开日期|文\s*号|体裁分类|"
    r"信息来源|文章来源|来源[:：]|点击数|访问量|【?\s*字体|字号|打印|关闭窗口|【关闭|分享到|扫一扫|"
    r"当前位置|您当前的位置|您现在的位置|您当前所在位置|当前所在位置|所在位置|首页\s*[>＞»]|上一篇|下一篇|"
    r"主办[:：]|承办[:：]|协办|网站地图|©|联系电话|联系我们|无障碍|简体\s*[|｜/]?\s*繁[体體]|长者模式|关怀版|"
    r"【\s*(打印|关闭|收藏|返回顶部)|返回顶部|收藏本页|加入收藏|设为首页|标\s*题(?:[:：]|\s{2})|名\s*称[:：]|有\s*效\s*性|"
    r"发文字号|发文日期|生成日期|公开方式|公开范围|效力状态)"
)
# A menu copied with the page: 首页 and a row of short items (首页 政务公开 政务服务 互动交流)
_MENU = re.compile(r"^首页(?:\s+\S{2,8}){2,}$")
# A site's name above its pages: …县人民政府门户网站, …政府网
_SITE_NAME = re.compile(r"^\S{2,30}(门户网站|政府网|人民政府网|政务网|官方网站|政府门户网)$")
# Today's date a page prints under its header (2024年3月4日 星期一, 今天是…), a counter alone on its line (1,208)
_PAGE_DATE = re.compile(r"^(今天是[:：]?\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周)[一二三四五六日天]|^今天是")
# Words of a site's footer and metadata, never of a report's prose, wherever they stand on a short line (地址：湖南省
# 邵阳市隆回县 湘ICP备00000000号; 关键词 发布机构 红岩乡; 信息索引号 …)
_FOOTER = re.compile(r"ICP备|公网安备|网站标识码|版权所有|技术支持[:：]|主办单位|承办单位|Copyright|索\s*引\s*号|发布机构|成文日期|"
                     r"信息分类|主题分类|浏览次数|阅读次数|点击数[:：]")
_COUNTER = re.compile(r"^[\d,，.]{1,12}$")
_WORDY = re.compile(rf"[{CJK}A-Za-z0-9]")  # a line without any is separators left of a menu or a breadcrumb (> > |)
_FONT_SIZES = re.compile(r"^[【\[]?\s*(字体[:：]?)?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?\s*[】\]]?$")
# A step of a breadcrumb holds no separator: each character can be matched one way only (no backtracking)
_BREADCRUMB = re.compile(r"^[^\s>＞»]{1,12}(?:\s*[>＞»]\s*[^\s>＞»]{1,20}){2,}$")
_STRAY_SPACE = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}0-9])[ \t\u00a0\u3000]+(?=[{CJK}{CJK_PUNCT}])|"
                          rf"(?<=[{CJK}{CJK_PUNCT}])[ \t\u00a0\u3000]+(?=[0-9])")
_SIGNATURE = re.compile(
    rf"^(?=.)((中共)?[{CJK}]{{2,24}}(人民政府|党委|党工委|委员会|办公室|司法所|司法局|局|团|乡|镇|苏木|街道|街道办事处))?"
    r"(\d{4}年(\d{1,2}月(\d{1,2}日)?)?|[〇○零一二三四五六七八九]{4}年([一二三四五六七八九十]{1,2}月([一二三四五六七八九十]{1,3}日)?)?|"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2})?$"
)
_HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|\d+[.．、])")
_SENTENCE_END = "。！？；：!?;:…"


# Characters no report means: NUL and other controls (pypdf writes NUL for a glyph it cannot map), zero-width and
# direction marks, lone surrogates; line and paragraph separators are line breaks.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb"
                        "\ud800-\udfff]")
_BREAKS = re.compile("[\r\x0c\u2028\u2029\x85]")
FURNITURE_CHARS = 200  # a line longer than this is report text, never page furniture (and is not matched as one)


def normalize_chars(text: str) -> str:
    """The text without the characters no report means, every line break a \\n."""
    return _INVISIBLE.sub("", _BREAKS.sub("\n", text.replace("\r\n", "\n")))


def clean(text: str, *, wrapped: bool = False) -> str:
    """Return the report's cleaned text: one paragraph a line, no debris, no stray spaces."""
    return clean_parts(text, wrapped=wrapped)[0]


def clean_parts(text: str, *, wrapped: bool = False, site_names: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """The cleaned text, and the signature block cleaning took from its end (the issuing body, the date).

    `site_names` are the names a page's head gives its site (隆回县人民政府): a line that is only one of them is the
    page's header or footer, not the report."""
    text = normalize_chars(text)
    sites = {fold(name) for name in site_names if name}
    lines = [line.strip(" \t\u00a0\u3000") for line in text.split("\n")]
    lines = [line for line in lines if not _is_furniture(line) and fold(line) not in sites]
    if wrapped:  # before bookmarks go: a PDF lays the bookmark text out, so it counts in a line's width
        lines = unwrap(lines)
    lines = [_STRAY_SPACE.sub("", _BOOKMARK.sub("", line).strip()) for line in lines]
    lines = [line for line in lines if line]
    end = _signature_start(lines)
    return "\n".join(lines[:end]), tuple(lines[end:])


def _is_furniture(line: str) -> bool:
    line = fold(line)  # a page in traditional characters has the same furniture (發布時間, 關閉窗口)
    return len(line) < FURNITURE_CHARS and bool(
        _PAGE_MARK.match(line) or _FURNITURE.match(line) or _FONT_SIZES.match(line) or _BREADCRUMB.match(line)
        or _MENU.match(line) or _SITE_NAME.match(line) or _PAGE_DATE.match(line) or _COUNTER.match(line)
        or _FOOTER.search(line)
        or not _WORDY.search(line))


def unwrap(lines: list[str]) -> list[str]:
    """Join lines that a PDF wrapped at the page width back into paragraphs.

    A line is a wrap when it is about as long as the page's full lines and does not end a
    sentence; a short line ends its paragraph (headings, last lines, titles).
    """
    lengths = [_width(line) for line in lines if line]
    if len(lengths) < 3:
        return lines
    full = statistics.quantiles(lengths, n=10)[-1]  # the 90th percentile: a full line
    out: list[str] = []
    joining = False
    for line in lines:
        if not line:  # blank lines in PDF text are page seams, not paragraph breaks
            continue
        if joining and out:
            out[-1] += line
        else:
            out.append(line)
        joining = _width(line) >= 0.8 * full and not line.endswith(tuple(_SENTENCE_END))
    return out


def _width(line: str) -> float:
    """Display width in CJK cells: ASCII counts half, as a PDF lays it out."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in line)


def _signature_start(lines: list[str]) -> int:
    """Where the trailing signature block (issuing body, date) after the last paragraph starts."""
    end = len(lines)
    while end > 1 and len(lines[end - 1]) <= 30 and _SIGNATURE.match(fold(lines[end - 1]).replace(" ", "")):
        end -= 1
    return end
