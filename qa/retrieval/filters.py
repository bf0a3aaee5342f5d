"""Township and year named in a question become filters on the reports searched."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.store.registry import ReportRow

YEAR = re.compile(r"(20\d\d)\s*年")
_PLACE = re.compile(r"([\u4e00-\u9fff]{1,10}?)(民族乡|街道|乡|镇)(?![镇村级长里内外])")
# Characters that cannot be inside a township name: a candidate is cut after the last of them.
_NOT_IN_NAME = re.compile(r".*[的了哪各些个和与在是有呢吗么那这我本全每等及或对把被从向到请问中其该所几多少]")
_SUFFIX = re.compile(r"(蒙古族|蒙古|哈萨克|回族|藏族|彝族|苗族|壮族|满族|土家族|瑶族|民族)*(民族乡|乡|镇|团|街道)$")


@dataclass(frozen=True)
class Filters:
    """Which reports a question is about. `unknown` names what it asks about that is not ingested."""

    report_ids: tuple[str, ...] | None = None
    townships: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    unknown: str | None = None


def township_aliases(name: str) -> set[str]:
    """Ways a question may name a township: 第三师五十一团唐驿镇 -> 唐驿镇, 五十一团, …

    Shorter names start where a unit (师/团/乡/镇) ends; 塔布勒合特蒙古民族乡 also goes by
    塔布勒合特乡 and 塔布勒合特.
    """
    starts = [0] + [m.end() for m in re.finditer(r"(师|团|市|县|区|旗)", name)]
    ends = [m.end() for m in re.finditer(r"(民族乡|街道|乡|镇|团)", name)]
    aliases = {name[s:e] for s in starts for e in ends if e - s >= 3}
    for alias in list(aliases):
        if alias.endswith(("乡", "镇")):
            base = _SUFFIX.sub("", alias)
            if len(base) >= 2 and base + alias[-1] != alias:
                aliases.add(base + alias[-1])
            if len(base) >= 3:
                aliases.add(base)
    return aliases or {name}


def parse_filters(question: str, reports: list[ReportRow], *, township: str | None = None,
                  year: int | None = None) -> Filters:
    """Filters from the township names and years in `question`, within the `township` and `year` chosen (if any).

    A question naming a township outside the chosen ones is asked of a report not in scope: `unknown` says so.
    """
    if township is None and year is None:
        return _from_question(question, reports)
    scope = f"{township or ''}{f'{year}年度' if year else ''}"
    chosen = [r for r in reports if township in (None, r.meta.township) and year in (None, r.meta.year)]
    if not chosen:
        return Filters(unknown=f"{scope}的报告")
    named = _from_question(question, reports)  # every report: a township outside the scope is still recognised
    if named.unknown:
        return named
    if named.report_ids is None:
        return Filters(report_ids=tuple(r.id for r in chosen), townships=(township,) if township else (),
                       years=(year,) if year else ())
    kept = {r.id for r in chosen}
    ids = tuple(r for r in named.report_ids if r in kept)
    if not ids:
        asked = "、".join(named.townships) + "".join(f"{y}年" for y in named.years)
        return Filters(townships=named.townships, years=named.years, unknown=f"所选范围（{scope}）内{asked}的报告")
    return Filters(report_ids=ids, townships=named.townships or ((township,) if township else ()),
                   years=named.years or ((year,) if year else ()))


def _from_question(question: str, reports: list[ReportRow]) -> Filters:
    years = tuple(sorted({int(y) for y in YEAR.findall(question)}))
    matched: list[ReportRow] = []
    rest = question
    for row in reports:
        if not row.meta.township:
            continue
        hits = [a for a in township_aliases(row.meta.township) if a in question]
        if hits:
            matched.append(row)
            for alias in sorted(hits, key=len, reverse=True):
                rest = rest.replace(alias, " ")
    unknown_place = _unknown_place(rest)
    if unknown_place and not matched:
        return Filters(unknown=f"关于{unknown_place}的报告")
    scope = matched or reports
    townships = tuple(dict.fromkeys(r.meta.township for r in matched if r.meta.township))
    if years:
        scope = [r for r in scope if r.meta.year in years]
        if not scope:
            who = "、".join(townships)
            return Filters(townships=townships, years=years,
                           unknown=f"{who}{'、'.join(str(y) for y in years)}年度的报告")
    if not matched and not years:
        return Filters()
    return Filters(report_ids=tuple(r.id for r in scope), townships=townships, years=years)


def _unknown_place(text: str) -> str | None:
    for m in _PLACE.finditer(text):
        name = m.group(1)
        cut = _NOT_IN_NAME.match(name)
        if cut:
            name = name[cut.end():]
        if len(name) >= 2:
            return name + m.group(2)
    return None
