"""What a published page says about the report around it: its metadata table and its head.

Government sites print a table above a report ([ 索引号 ] … [ 发布机构 ] 睢县后台乡人民政府 [ 成文日期 ] 2024-01-05,
or one label a line, or 发布时间：… 来源：… on one line), and an HTML page's head holds its title and, on most
sites, the same fields as <meta> tags (ArticleTitle, ContentSource, PubDate). Cleaning drops these lines as page
furniture; they are read first, because the issuing body in them names a report that calls itself only 我镇.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# label → field; a value runs to the next label on the line
_LABELS = {
    "发布机构": "publisher", "发文机关": "publisher", "发文单位": "publisher", "来源": "source", "信息来源": "source",
    "文章来源": "source", "成文日期": "written", "发布日期": "published", "发布时间": "published",
    "公开日期": "published", "标题": "title", "名称": "title", "文件名称": "title",
}
_LABEL = re.compile(r"[【\[［(（]?\s*(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[】\]］)）]?\s*[:：]?\s*")
_LINE_CHARS = 200  # a labelled line is short; a longer one is report text that happens to say 来源
_DATE_YEAR = re.compile(r"(20\d\d)\s*[-年/.]")
# <meta name=…> of Chinese government sites (the national site standard), as load.html_head reads them
_HEAD_FIELDS = {"articletitle": "title", "contentsource": "source", "pubdate": "published", "title": "title",
                "sitename": "site"}


@dataclass(frozen=True)
class PageFields:
    """The fields a page states about its report; each None when the page does not say."""

    title: str | None = None
    publisher: str | None = None
    source: str | None = None
    written: str | None = None
    published: str | None = None
    site: str | None = None

    @property
    def site_names(self) -> tuple[str, ...]:
        """What the page calls its site: its SiteName, and the tail of its <title> after the article's title."""
        names = [self.site] if self.site else []
        if self.title:
            names += [part.strip() for part in re.split(r"[_|｜\-—–]", self.title)[1:] if part.strip()]
        return tuple(names)

    @property
    def published_year(self) -> int | None:
        """The year of the page's own date (成文日期 first): a report is published the year after it reports on."""
        for value in (self.written, self.published):
            if value and (m := _DATE_YEAR.search(value)):
                return int(m.group(1))
        return None


def page_fields(text: str, head: dict[str, str] | None = None) -> PageFields:
    """The labelled fields of `text`'s short lines, then those of the HTML head where the text has none."""
    found: dict[str, str] = {}
    for line in text.split("\n"):
        if len(line) > _LINE_CHARS:
            continue
        labels = list(_LABEL.finditer(line))
        for j, m in enumerate(labels):
            nxt = labels[j + 1] if j + 1 < len(labels) else None
            if m.start(1) > 0 and not re.match(r"[\s【\[［(（|｜]", line[m.start(1) - 1]):
                continue  # 来源 inside a word or a sentence, not a label
            value = line[m.end():nxt.start() if nxt else len(line)].strip(" \t\u3000|｜:：[]【】")
            if value:
                found.setdefault(_LABELS[m.group(1)], value)
    for key, value in (head or {}).items():
        field = _HEAD_FIELDS.get(key.lower())
        if field and value.strip():
            found.setdefault(field, value.strip())
    return PageFields(**found)
