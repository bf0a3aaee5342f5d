"""Township and year named in a question become filters on the reports searched.

Townships: any alias of three characters or more (塔布勒合特, 五十一团, 唐驿镇) names its township wherever it
stands; a two-character short name (唐驿, 嘎美, 后台) only where it stands as a word (`township_mentions`).
A county or city in front (睢县后台乡, 乌苏市的塔布勒合特) is part of the name, not another place.
Years: see `parse_filters`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from qa.ingest.places import ETHNIC
from qa.store.registry import ReportRow, Reports

YEAR = re.compile(r"(20\d\d)\s*年")
SHORT = 2  # aliases this short are also syllables of other words: they need a word boundary (`_stands_as_word`)

# Short names that are everyday words too (「后台管理」, 「红旗飘飘」): they need a boundary on both sides.
# A township whose short name is an everyday word belongs here.
EVERYDAY_WORDS = frozenset(
    "后台 红旗 前进 胜利 和平 东风 新华 城关 中心 太平 团结 光明 向阳 解放 友谊 幸福 民主 先锋 朝阳 东方 红星 "
    "平安 永安 长安 新村 新城 老城".split())
# What may stand right before a short name: the start, a mark or digit, a year, a lead or joining word, or a
# county or city (睢县后台, 安多县的色务).
_BEFORE_SHORT = re.compile(
    r"(^|[^\u4e00-\u9fff]|\d年|今年|去年|前年|那么?|还有|另外|然后|请问|问一下|问问|说说|讲讲|看看|介绍一下|了解一下|关于|"
    r"至于|和|与|跟|同|及|或者?|还是|比|[县市区旗州盟]的?)$")
# What may stand right after it: the end, a mark or digit, a particle, an asking word or a verb of the reports'
# work. A verb that begins an everyday compound (管理, 有关, 在线, 请示…) does not count.
_AFTER_SHORT = re.compile(
    r"($|[^\u4e00-\u9fff]|的|有没有|有(?![关效限])|在(?!线)|给(?!予)|请(?![求示])|聘|管(?![理控护辖])|跟(?!踪)|和(?!谐)|"
    r"与|同|及|或|还是|比|对(?![象于接])|把|从|往|为(?![主])|是|都|也|共|一共|总共|全年|一年|这一年|今年|去年|前年|"
    r"明年|那边|这边|那里|这里|那个|那几|这几|呢|吗|开展|搞|办|做|建|讲|派|接|组织|举办|推进|落实|聘请|是否|哪|几|"
    r"多少|怎么|怎样|如何|咋|啥|什么|谁|自己|平时|能(?![力源]))")

# Townships name their accounts, campaigns and brands as a short word and the place: 美丽后台, 平安色务, 法治唐驿,
# 德润嘎美. A short name that ends such a quoted name is the place; one inside it (「后台管理」) is not. A short name
# that is an everyday word ends quoted everyday phrases too (“流动红旗”, “民族团结”, “党群服务中心”): it is the
# place only after a word such brands begin with.
_QUOTED_BRAND = re.compile(r"[“「《\"'‘]([\u4e00-\u9fff]{0,4})$")
BRAND_WORDS = frozenset("美丽 平安 法治 德治 善治 智慧 数字 清廉 幸福 和谐 文明 活力 魅力 生态 红色 书香 德润 法润 "
                        "印象 最美 大美 爱我 我爱 守护 共建 阳光".split())
_CLOSING = "”」》\"'’"

# What joins the townships of a list (「唐驿和塔布勒合特」, 「后台、色务」): nothing else stands between them
_LIST_JOINS = re.compile(r"(?:[和与跟及同、，,\s]|以及|还有)+")

# Words with 乡/镇/街道 in them that name no place (给乡里, 到镇上, 城乡融合, 乡镇), and words that end a phrase
# before 乡/镇 without being a name (示范镇, 基层乡). One touching a 乡/镇/街道 means that one names no place.
# 城乡 alone is not here: 匡城乡 and 古城乡 are places.
NOT_PLACES = frozenset(
    "乡里 乡上 乡下 乡间 乡镇 乡村 乡级 乡内 乡外 乡贤 乡风 乡愁 乡亲 乡土 乡情 乡音 乡邻 乡民 乡野 乡俗 "
    "城乡融合 城乡一体 城乡居民 城乡统筹 城乡建设 城乡发展 城乡社区 城乡规划 城乡环境 城乡差距 城乡结合 城乡治理 "
    "城乡之间 城乡低保 城乡医保 城乡养老 推进城乡 统筹城乡 "
    "下乡 返乡 回乡 还乡 家乡 老乡 同乡 故乡 异乡 外乡 本乡 全乡 各乡 该乡 我乡 此乡 依法治乡 以法治乡 "
    "镇里 镇上 镇村 镇街 镇级 镇内 镇外 镇区 村镇 城镇 集镇 重镇 小镇 古镇 本镇 全镇 各镇 该镇 我镇 此镇 "
    "坐镇 镇守 冰镇 依法治镇 街道办 各街道 本街道 全街道 该街道 "
    "基层 农村 偏远 边远 贫困 少数民族 城区 社区 周边 附近 其他 其它 相关 有关 兄弟 先进 示范 试点 特色 "
    "全国 全省 全市 全县 全区 全州 我们 你们 他们 所在".split())
_NOT_PLACE = re.compile("|".join(sorted(NOT_PLACES, key=len, reverse=True)))
_PLACE_SUFFIX = re.compile(r"民族乡|街道|乡|镇")
# A 团场 is named by its number (四十五团, 150团, 一二一团; 第三师四十五团): other 团 are groups (法律顾问团, 宣讲团)
_REGIMENT = re.compile(r"(?:第[一二三四五六七八九十\d]+师)?[一二三四五六七八九十百零〇\d]{2,}团(?!队|体|员|结|伙|购)")
_NAME_RUN = re.compile(r"[\u4e00-\u9fff]{1,16}$")  # 乌苏市吉尔格勒特郭愣蒙古 (民族乡)
# Characters that cannot be inside a township name: a candidate is cut after the last of them.
_NON_NAME = "的了哪各些个和与在是有呢吗么那这我本全每等及或对把被从向到请问中其该所几多少"
_NOT_IN_NAME = re.compile(f".*[{_NON_NAME}]")
_SUFFIX = re.compile(rf"(?:(?:{ETHNIC})族|蒙古)*(民族乡|乡|镇|团|街道|苏木)$")
# A place that is only a nationality and its township suffix (那个白族乡) names no township
_ONLY_ETHNIC = re.compile(rf"^(?:(?:{ETHNIC})族|民族)+$")
# A county or city right before a township's name: 睢县, 乌苏市的, 安多县.
_COUNTY_BEFORE = re.compile(f"(?:(?![乡镇{_NON_NAME}])[\u4e00-\u9fff]){{1,6}}[县市区旗州盟师]的?$")
# A year with none of its own reports is still asked of the reports of the year before when the question is about
# plans: a 2023 report ends with 「2024年工作计划」.
PLANS = re.compile(r"计划|打算|下一步|明年|来年|重点|安排|思路|目标|准备|部署|谋划|展望|规划|设想|要点")


@dataclass(frozen=True)
class Filters:
    """Which reports a question is about. `unknown` names what it asks about that is not ingested.

    `years` are the years that filter the reports; `year_terms` are years the question names that are no report's
    year in scope but that the reports of the year before plan for: they stay words of the question.
    """

    report_ids: tuple[str, ...] | None = None
    townships: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    unknown: str | None = None
    year_terms: tuple[int, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where a question names a township: question[start:end] is one of its aliases."""

    start: int
    end: int
    township: str


def township_aliases(name: str) -> set[str]:
    """Ways a question may name a township: 五十一团唐驿镇 -> 唐驿镇, 五十一团, 唐驿, …

    Shorter names start where a unit (师/团/乡/镇) ends; 塔布勒合特蒙古民族乡 also goes by
    塔布勒合特乡 and 塔布勒合特. Names of `SHORT` characters count only where they stand as a word.
    """
    return set(_aliases(name))


@functools.lru_cache(maxsize=8192)  # pure; a question is read against every township of the store, often 5 times
def _aliases(name: str) -> tuple[str, ...]:
    starts = [0] + [m.end() for m in re.finditer(r"(师|团|市|县|区|旗)", name)]
    ends = [m.end() for m in re.finditer(r"(民族乡|街道|苏木|乡|镇|团)", name)]
    aliases = {name[s:e] for s in starts for e in ends if e - s >= 3}
    for alias in list(aliases):
        if alias.endswith(("乡", "镇", "街道", "苏木")):
            base = _SUFFIX.sub("", alias)
            suffix = alias[-2:] if alias.endswith(("街道", "苏木")) else alias[-1]
            if len(base) >= 2 and base + suffix != alias:
                aliases.add(base + suffix)
            if len(base) >= SHORT:
                aliases.add(base)
    return tuple(sorted(aliases or {name}))


def township_mentions(question: str, reports: Iterable[ReportRow]) -> list[Mention]:
    """Where `question` names the townships of `reports`, in order; a longer name wins over one inside it.

    >>> [m.township for m in township_mentions("后台请的法律顾问管什么？", rows)]   # doctest: +SKIP
    ['后台乡']
    """
    aliases, longest = _alias_index(tuple(Reports.of(reports).by_township))
    return kept_mentions(question, [
        Mention(start, end, township)
        for start in range(len(question)) for end in range(start + 1, min(start + longest, len(question)) + 1)
        for township in aliases.get(question[start:end], ())])


def kept_mentions(question: str, found: list[Mention]) -> list[Mention]:
    """Of every place `question` holds an alias (`found`), those that name a township, in order: a longer name wins over
    one inside it, and a short name counts only where it stands as a word."""
    taken: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        inside = any(m.start < t.end and t.start < m.end and (m.start, m.end) != (t.start, t.end) for t in taken)
        if not inside and (m.end - m.start > SHORT or _stands_as_word(question, m.start, m.end)):
            taken.append(m)
    return sorted(set(taken), key=lambda m: (m.start, m.township))


@functools.lru_cache(maxsize=8)  # one store's townships, asked again and again until a report is added or removed
def _alias_index(townships: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], int]:
    """Each alias of `townships` with the townships it names (in their order), and the longest alias's length: a
    question's substrings are looked up, not every township's aliases searched for in it."""
    index: dict[str, list[str]] = {}
    for township in townships:
        for alias in _aliases(township):
            index.setdefault(alias, []).append(township)
    return {alias: tuple(names) for alias, names in index.items()}, max(map(len, index), default=0)


def parse_filters(question: str, reports: Iterable[ReportRow], *, township: str | None = None,
                  year: int | None = None) -> Filters:
    """Filters from the township names and years in `question`, within the `township` and `year` chosen (if any).

    A question naming a township outside the chosen ones is asked of a report not in scope: `unknown` says so.
    A year names the report year when a report of that year is in scope (the townships named, else all). When
    none is, but the question is about plans (`PLANS`) and a report of the year before is in scope, the year
    stays a word of the question (`year_terms`) and the reports of the year before are searched: 「唐驿镇2024年
    工作计划」 is read in 唐驿镇's 2023 report. Any other year no report in scope is of is refused (`unknown`).
    """
    rows = Reports.of(reports)
    scoped = township is not None or year is not None
    scope = f"{township or ''}{f'{year}年度' if year else ''}"
    chosen: Sequence[ReportRow] = rows if not scoped else [  # (by_township leaves out reports with no township)
        r for r in rows.by_township.get(township or "", rows)
        if township in (None, r.meta.township) and year in (None, r.meta.year)]
    if scoped and not chosen:
        return Filters(unknown=f"{scope}的报告")
    mentions = township_mentions(question, rows)  # every report: a township outside the scope is still recognised
    named_set = {m.township for m in mentions}
    named = tuple(t for t in rows.by_township if t in named_set)
    if not named:
        place = _unknown_place(question, rows.counties)
        if place:
            return Filters(unknown=f"关于{place}的报告")
    pool = chosen if not named else sorted(
        (r for t in named for r in rows.by_township[t] if year in (None, r.meta.year) and township in (None, t)),
        key=lambda r: rows.position[r.id])
    if not pool:
        return Filters(townships=named, unknown=f"所选范围（{scope}）内{'、'.join(named)}的报告")
    years, terms, missing = _read_years(question, pool)
    if missing:
        asked = "、".join(str(y) for y in missing)
        if scoped and set(missing) <= {r.meta.year for r in (
                rows if not named else (r for t in named for r in rows.by_township[t]))}:
            return Filters(townships=named, years=missing, unknown=f"所选范围（{scope}）内{'、'.join(named)}{asked}年的报告")
        return Filters(townships=named, years=missing, unknown=f"{'、'.join(named)}{asked}年度的报告")
    if not scoped and not named and not years and not terms:
        return Filters()
    wanted = set(years) | {y - 1 for y in terms}
    ids = tuple(r.id for r in pool if not wanted or r.meta.year in wanted)
    return Filters(report_ids=ids, townships=named or ((township,) if township else ()),
                   years=years or ((year,) if year else ()), year_terms=terms)


def _read_years(question: str, pool: Sequence[ReportRow]) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The years of `question` that filter, that stay words (plans read in the year before's report), that no report has."""
    asked = sorted({int(y) for y in YEAR.findall(question)})
    have = {r.meta.year for r in pool}
    plans = PLANS.search(question) is not None
    years = tuple(y for y in asked if y in have)
    terms = tuple(y for y in asked if y not in have and plans and y - 1 in have)
    return years, terms, tuple(y for y in asked if y not in years and y not in terms)


def _stands_as_word(question: str, start: int, end: int) -> bool:
    """Does the short name question[start:end] stand as a word, not as part of a longer one (特色务实, 后台管理)?

    A clear boundary on one side is enough (唐驿领导干部…, 和色务比); an everyday word needs both (后台请的…).
    """
    brand = _QUOTED_BRAND.search(question[:start])
    if brand and question[end:end + 1] in _CLOSING and (question[start:end] not in EVERYDAY_WORDS
                                                        or brand.group(1) in BRAND_WORDS):
        return True  # the place ending a short quoted name: 「美丽后台」公众号, “平安色务”, 《法治唐驿》
    before = _BEFORE_SHORT.search(question[:start]) is not None
    after = _AFTER_SHORT.match(question, end) is not None
    return before and after if question[start:end] in EVERYDAY_WORDS else before or after



def without_places(question: str, reports: Iterable[ReportRow], *, townships: Collection[str] | None = None) -> str:
    """`question` with the townships it names (or only `townships`), the counties in front of them and the
    counties of their reports blanked out: 「睢县后台乡的书记是谁」 -> 「     的书记是谁」."""
    text, rows = question, Reports.of(reports)
    for m in township_mentions(question, rows):
        if townships is None or m.township in townships:
            before = _COUNTY_BEFORE.search(text, 0, m.start)
            start = before.start() if before else m.start
            text = text[:start] + " " * (m.end - start) + text[m.end:]
    counties = rows.counties if townships is None else {
        r.meta.county for t in townships for r in rows.by_township.get(t, ()) if r.meta.county}
    for county in counties:
        text = text.replace(county, " " * len(county))
    return text



def each_township(question: str, reports: Iterable[ReportRow], townships: Collection[str]) -> list[str] | None:
    """`question` asked of each township of the list it names, the list replaced by that one's name as asked:
    「唐驿和塔布勒合特平时都让法律顾问干些啥？」 -> 「唐驿平时都让…」, 「塔布勒合特平时都让…」. None when it names
    fewer than two or names them apart (「唐驿比塔布勒合特…」)."""
    mentions = [m for m in township_mentions(question, reports) if m.township in townships]
    if len({m.township for m in mentions}) < 2 or any(
            not _LIST_JOINS.fullmatch(question[a.end:b.start]) for a, b in zip(mentions, mentions[1:], strict=False)):
        return None
    county = _COUNTY_BEFORE.search(question, 0, mentions[0].start)  # 睢县 is the first one's, not the others'
    head, tail = question[:county.start() if county else mentions[0].start], question[mentions[-1].end:]
    first = {m.township: m for m in reversed(mentions)}
    return [head + question[m.start:m.end] + tail for m in sorted(first.values(), key=lambda m: m.start)]


def _unknown_place(text: str, counties: Collection[str]) -> str | None:
    """The first real place name in `text`: two or more characters of name before 乡/镇/街道, no common word.

    A 乡/镇 inside a known county's name (镇原县) is no township.
    """
    if regiment := _REGIMENT.search(text):
        return regiment.group()
    common = [m.span() for m in _NOT_PLACE.finditer(text)]
    known = [(m.start(), m.end()) for c in counties for m in re.finditer(re.escape(c), text)]
    for m in _PLACE_SUFFIX.finditer(text):
        if any(s < m.end() and e >= m.start() for s, e in common):
            continue  # a common word overlaps the suffix or ends right before it: 城乡融合, 乡镇, 示范镇
        if any(s <= m.start() and m.end() <= e for s, e in known):
            continue
        run = _NAME_RUN.search(text, 0, m.start())
        name = run.group() if run else ""
        for _, e in common:  # a name starts after the last common word before it
            if m.start() - len(name) < e <= m.start():
                name = text[e:m.start()]
        cut = _NOT_IN_NAME.match(name)
        if cut:
            name = name[cut.end():]
        if len(name) >= 2 and not _ONLY_ETHNIC.match(name):
            return name + m.group()
    return None
