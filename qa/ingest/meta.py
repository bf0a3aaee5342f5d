"""Find who filed a report and for which year: its issuing body and level, township, county, city, province, year.

Each field is read from the first place that states it, in the order a reader trusts them: the report's title,
the page's metadata table (发布机构), the page's head (<title>), the signature under the report, the report's own
text, and last the file name (marked so). A field no place states stays None, and a report whose township is not
found is listed as such; it is never a fragment of a sentence (现将我镇, 结合街道, 来源某镇).
"""

from __future__ import annotations

import re
from collections import Counter

from qa.ingest.page import PageFields
from qa.ingest.places import Body, bodies_in, counties_named, is_county, stated_above, township_at
from qa.types import ReportMeta

_CJK = r"\u4e00-\u9fff"
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）)")
_TITLE_WORDS = re.compile(r"报告|总结|情况|述职|汇报|自查|工作要点")
_TITLE_TOPIC = re.compile(r"法治|依法行政|法制")
_YEAR = re.compile(r"(20\d\d|二[〇○零]二[〇○零一二三四五六七八九])\s*年")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_PLAN_AFTER = re.compile(r"^(度)?(重点|工作计划|工作打算|工作思路|工作安排|主要目标|目标任务|计划|打算|要点)")
# A township the text speaks of: after a boundary, before what follows a subject (2023年，青石镇在县委…)
_MENTION_START = re.compile(rf"(?:^|(?<=[^{_CJK}])|(?<=年)|(?<=县)|(?<=市)|(?<=区)|(?<=旗))(?=[{_CJK}])")
_SELF = re.compile(r"(?:我|本|全)(镇|乡|街道|苏木|团)")
_NOT_PLACE = {"治县", "全县", "本县", "该县", "我县", "各县", "县市", "全市", "本市", "我市", "该市", "全区", "本区",
              "我区", "城区", "市区", "辖区", "社区", "景区", "园区", "片区", "山区", "牧区", "库区", "矿区", "校区",
              "小区", "师市", "兵团"}
_FIELDS = ("body", "level", "township", "county", "city", "province")


def find_meta(text: str, *, page: PageFields | None = None, signature: tuple[str, ...] = (),
              file_name: str | None = None, page_text: str = "") -> ReportMeta:
    """Every field from the first source that states it; the text is the cleaned (simplified) report, `page_text`
    the whole page it came from (its header and footer state a county's city and province: 湖南省邵阳市隆回县)."""
    page = page or PageFields()
    title = find_title(text)
    sources: list[tuple[str, list[Body]]] = [
        ("title", bodies_in(title or "")),
        ("table", bodies_in(page.publisher or "") + bodies_in(page.source or "")),
        ("page_title", bodies_in(page.title or "")),
        ("signature", [b for line in signature for b in bodies_in(line)]),
        ("body", _bodies_in_text(text)),
        ("file_name", bodies_in(_file_stem(file_name))),
    ]
    found: dict[str, str] = {}
    where: dict[str, str] = {}
    # the township's body decides the level; a body with no township (a county's, a department's) decides it only
    # when the report does not call itself 我镇/我乡 and no source names a township
    chosen = next(((src, b) for src, bodies in sources for b in bodies if b.township), None)
    if chosen is None:
        self_named = _SELF.search(text[:2000])
        chosen = next(((src, b) for src, bodies in sources for b in bodies if not self_named), None)
        if chosen is None and self_named:
            found["level"] = "street" if self_named.group(1) == "街道" else "township"
            where["level"] = "body"
    if chosen is not None:
        src, body = chosen
        found["body"], found["level"] = body.name, body.level
        where["body"] = where["level"] = src
        if body.township:
            found["township"], where["township"] = body.township, src
        _add_places(found, where, src, body)
    for src, bodies in sources:  # places a chosen body leaves out (吴兴区 in the table, the township in the title)
        for body in bodies:
            if body.township in (None, found.get("township")) or src == "title":
                _add_places(found, where, src, body)
    if "county" not in found and (county := _county_of_page(page_text)):
        found["county"], where["county"] = county, "page"  # the site, the addressee, the footer: all one county
    if "county" not in found and (county := _county_in(_first_paragraph(text))):
        found["county"], where["county"] = county, "body"
    if "county" in found and ("city" not in found or "province" not in found):
        city, province = stated_above(page_text or text, found["county"])
        for field, value in (("city", city), ("province", province)):
            if value and field not in found:
                found[field], where[field] = value, "page"
    year, year_source = _year(text, title, page, file_name)
    if year is not None:
        where["year"] = year_source
    return ReportMeta(township=found.get("township"), county=found.get("county"), year=year, title=title,
                      body=found.get("body"), level=found.get("level", "unknown"), city=found.get("city"),
                      province=found.get("province"), sources=tuple(sorted(where.items())))


def _county_of_page(page_text: str) -> str | None:
    """The county whose government or departments the page names (its site, the report's addressee 睢县人民政府：, the
    footer's 主办单位), when it names only one."""
    counties = Counter(counties_named(page_text))
    return next(iter(counties)) if len(counties) == 1 else None


def _add_places(found: dict[str, str], where: dict[str, str], src: str, body: Body) -> None:
    for field in ("county", "city", "province"):
        value = getattr(body, field)
        if value and field not in found:
            found[field], where[field] = value, src


def _file_stem(file_name: str | None) -> str:
    if not file_name:
        return ""
    stem = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", file_name.rsplit("/", 1)[-1])
    return re.sub(r"^[\d_\-\s.]+", "", stem)  # 003_青石镇… → 青石镇…


def find_title(text: str) -> str | None:
    """The report's title: the first short line near the top that names a report on rule of law (with its second
    line when it wraps), else the opening short lines."""
    lines = text.split("\n")[:12]
    for i, line in enumerate(lines):
        if len(line) > 60 or _HEADING.match(line) or line.endswith(("。", "；")):
            continue
        title = line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        starts_title = _TITLE_TOPIC.search(line) or line.endswith("关于")  # the first line of a wrapped title
        if nxt and len(nxt) <= 30 and starts_title and not _HEADING.match(nxt) and not nxt.endswith(("。", "：", ":")) \
                and (not _TITLE_WORDS.search(line[-6:]) or nxt.startswith(("（", "("))):
            title += nxt
        if _TITLE_WORDS.search(title) and _TITLE_TOPIC.search(title):
            return title
    return _opening_lines(text)


def _opening_lines(text: str) -> str | None:
    parts: list[str] = []
    for line in text.split("\n")[:4]:
        if len(line) > 45 or _HEADING.match(line) or (parts and line.endswith(("。", "：", ":"))):
            break
        parts.append(line)
    return "".join(parts) or None


def _first_paragraph(text: str) -> str:
    for line in text.split("\n")[:6]:
        if len(line) > 45:
            return line
    return text[:300]


def _bodies_in_text(text: str) -> list[Body]:
    """Bodies named in the opening paragraph, then the township the text names most often (at least twice)."""
    found = [b for b in bodies_in(_first_paragraph(text)) if b.township or b.level in ("county", "department")]
    counts: Counter[str] = Counter()
    head = text[:6000]
    for m in _MENTION_START.finditer(head):
        name = _mention_at(head, m.start())
        if name:
            counts[name] += 1
    if counts:
        name, n = counts.most_common(1)[0]
        if n >= 2:
            found.append(Body(name, township=name, level="street" if name.endswith("街道") else "township"))
    return found


_MENTION = re.compile(rf"[{_CJK}]{{1,10}}?(?:民族乡|乡|镇|街道|苏木|团)(?=[^{_CJK}]|党委|人民政府|政府|在|坚持|深入|始终|"
                      r"全面|认真|紧紧|紧扣|聚焦|以|把|将|共|积极|高度|严格|法治|依法|成立|召开|组织|扎实|持续|不断|"
                      r"切实|按照|根据|各|全体|班子|主要|党政|司法所|综治|便民|开展|建立|制定|落实|结合|立足|围绕)")


def _mention_at(text: str, i: int) -> str | None:
    m = _MENTION.match(text, i)
    if not m:
        return None
    name = township_at(m.group(0) + "。")  # the same name rules as a title's
    return name if name == m.group(0) else None


def _county_in(paragraph: str) -> str | None:
    import jieba.posseg  # HMM place-name tagging; only the opening paragraph is tagged

    for word, flag in jieba.posseg.cut(paragraph):
        if flag == "ns" and word not in _NOT_PLACE and is_county(word):
            return word
    return None


def _year(text: str, title: str | None, page: PageFields,
          file_name: str | None) -> tuple[int | None, str]:
    if title and (m := _YEAR.search(title)):
        return _year_value(m.group(1)), "title"
    if (year := find_year(text)) is not None:
        return year, "body"
    if (published := page.published_year) is not None:
        return published - 1, "table"  # a report is published early in the year after the one it reports on
    if (m := _YEAR.search(_file_stem(file_name))) is not None:
        return _year_value(m.group(1)), "file_name"
    return None, ""


def _year_value(written: str) -> int:
    return int(written.translate(_CN_DIGITS))


def find_year(text: str, title: str | None = None) -> int | None:
    """The year reported on: the title's year, else the year the body speaks of most.

    Years that introduce next year's plan (2024年重点工作) and dates of signature or publication
    do not count.
    """
    if title and (m := _YEAR.search(title)):
        return _year_value(m.group(1))
    counts: Counter[int] = Counter()
    for m in _YEAR.finditer(text):
        if _PLAN_AFTER.match(text[m.end():m.end() + 6]):
            continue
        if re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", text[m.end():m.end() + 8]):
            continue  # a full date: a signature or a publication date, not the period reported on
        counts[_year_value(m.group(1))] += 1
    if not counts:
        return None
    top = max(counts.values())
    return min(y for y, c in counts.items() if c == top)
