from qa.retrieval.filters import parse_filters, township_aliases
from qa.store.registry import ReportRow
from qa.types import ReportMeta


def row(rid: str, township: str, year: int, county: str | None = None) -> ReportRow:
    return ReportRow(rid, f"/r/{rid}.txt", "sha", ReportMeta(township, county, year, None), 100, 3, "now")


REPORTS = [row("a", "五十一团唐驿镇", 2023), row("b", "塔布勒合特蒙古民族乡", 2023), row("c", "色务乡", 2024)]


def test_aliases_are_the_names_people_type() -> None:
    assert {"唐驿镇", "五十一团", "五十一团唐驿镇"} <= township_aliases("五十一团唐驿镇")
    assert {"塔布勒合特乡", "塔布勒合特"} <= township_aliases("塔布勒合特蒙古民族乡")
    assert not any(a in ("五十一", "十一", "三师") for a in township_aliases("五十一团唐驿镇"))


def test_township_and_year_become_filters() -> None:
    assert parse_filters("唐驿镇有多少人领取了行政执法证？", REPORTS).report_ids == ("a",)
    assert parse_filters("塔布勒合特乡调解了多少案件", REPORTS).report_ids == ("b",)
    assert parse_filters("2024年各乡镇开展了哪些普法活动？", REPORTS).report_ids == ("c",)
    assert parse_filters("哪些乡镇聘请了村法律顾问？", REPORTS).report_ids is None


def test_unknown_township_or_year_is_named() -> None:
    assert parse_filters("红旗镇聘请法律顾问了吗？", REPORTS).unknown == "关于红旗镇的报告"
    assert "2022" in (parse_filters("2022年各乡镇调解了多少案件？", REPORTS).unknown or "")
    assert "色务乡" in (parse_filters("色务乡2023年的情况", REPORTS).unknown or "")
    assert parse_filters("各乡镇普遍存在哪些问题？", REPORTS).unknown is None


# The five corpus reports as the store lists them (tests/conftest.py CORPUS_META).
FIVE = [row("t", "塔布勒合特蒙古民族乡", 2023, "乌苏市"), row("h", "后台乡", 2023, "睢县"), row("g", "嘎美乡", 2024),
        row("y", "五十一团唐驿镇", 2023), row("s", "色务乡", 2024, "安多县")]


def named(question: str) -> tuple[str, ...]:
    f = parse_filters(question, FIVE)
    assert f.unknown is None, question
    return f.townships


def test_short_names_count_where_they_stand_as_a_word() -> None:
    assert {"唐驿", "嘎美", "后台", "色务"} <= {a for r in FIVE for a in township_aliases(r.meta.township or "")}
    assert named("后台乡请的法律顾问都管哪些方面？") == ("后台乡",)
    assert named("后台请的法律顾问都管哪些方面？") == ("后台乡",)
    assert named("后台管依法治乡的那个委员会，下面分了哪几摊？") == ("后台乡",)
    assert named("2023年后台请了几个法律顾问？") == ("后台乡",)
    assert named("唐驿给领导干部办了几场法治讲座？") == ("五十一团唐驿镇",)
    assert named("唐驿返乡学生宣讲搞了几场？") == ("五十一团唐驿镇",)  # at the start, no boundary needed after
    assert named("嘎美下乡普法行搞了多少场？") == ("嘎美乡",)
    assert named("介绍一下色务的调解工作") == ("色务乡",)
    assert named("塔布勒合特和色务比，哪边调成的纠纷更多？") == ("塔布勒合特蒙古民族乡", "色务乡")
    assert named("嘎美、唐驿还是后台，哪家建了法治广场？") == ("后台乡", "嘎美乡", "五十一团唐驿镇")
    assert parse_filters("那唐驿呢？", FIVE).report_ids == ("y",)


def test_a_short_name_ending_a_quoted_brand_is_the_place() -> None:
    assert named("“美丽后台”那个公众号有多少人关注？") == ("后台乡",)
    assert named("「平安色务」创建搞了几年了？") == ("色务乡",)
    assert named("《法治唐驿》宣传册印了多少本？") == ("五十一团唐驿镇",)
    assert named("“后台”两个字是什么意思？") == ("后台乡",)  # the name alone in quotes
    for question in ("“后台管理”系统怎么用？", "“美丽后台管理”平台有几个账号？", "美丽后台那个公众号是谁管的？"):
        assert parse_filters(question, FIVE).townships == (), question  # inside a longer word; no quotes
    # an everyday word ending a quoted everyday phrase is no place; after a brand's first word it is
    more = [*FIVE, row("r", "红旗乡", 2023), row("u", "团结镇", 2023), row("z", "中心乡", 2023)]
    for question in ("哪些乡镇获得了“流动红旗”？", "哪些乡镇开展了“民族团结”宣传？", "哪些乡镇建了“党群服务中心”？",
                     "“前后台”分离的便民服务中心建了几个？"):
        assert parse_filters(question, more).townships == (), question
    assert parse_filters("“美丽红旗”公众号发了多少篇文章？", more).townships == ("红旗乡",)


def test_a_short_name_inside_a_longer_word_names_nothing() -> None:
    for question in ("后台管理系统里的执法案件怎么录入？", "政务服务平台的后台数据多久更新一次？",
                     "前后台分离的便民服务中心建了几个？", "各乡镇有哪些特色务实的普法做法？", "出色务实的调解员有哪些？"):
        f = parse_filters(question, FIVE)
        assert f == parse_filters("哪些乡镇聘请了村法律顾问？", FIVE), question  # no township, no unknown place


def test_a_county_or_city_in_front_is_part_of_the_name() -> None:
    assert named("睢县后台乡的一把手书记叫什么名字？") == ("后台乡",)
    assert named("睢县后台能接待上访的窗口有几处？") == ("后台乡",)
    assert named("睢县的后台请了几个法律顾问？") == ("后台乡",)
    assert named("乌苏市的塔布勒合特乡调解了多少案件？") == ("塔布勒合特蒙古民族乡",)
    assert named("乌苏市塔布勒合特调解了多少案件？") == ("塔布勒合特蒙古民族乡",)
    assert named("安多县色务每天派多少人站路口？") == ("色务乡",)
    assert named("睢县有多少个乡镇聘请了法律顾问？") == ()  # a county the store knows is no unknown place
    assert parse_filters("睢县匡城乡聘了几个法律顾问？", FIVE).unknown == "关于睢县匡城乡的报告"
    assert parse_filters("乌苏市百泉镇一年调解了多少纠纷？", FIVE).unknown == "关于乌苏市百泉镇的报告"
    assert (parse_filters("乌苏市吉尔格勒特郭愣蒙古民族乡的普法工作咋样？", FIVE).unknown
            == "关于乌苏市吉尔格勒特郭愣蒙古民族乡的报告")


def test_words_with_xiang_or_zhen_are_no_place() -> None:
    for question in ("法律顾问给乡里提供了哪些服务？", "群众到镇上办事要跑几趟？", "全乡有多少个村配了法律顾问？",
                     "本镇的普法工作有哪些亮点？", "镇里每个月开几次调解会？", "乡镇政府的权责清单怎么制定？",
                     "乡村振兴中法治建设怎么做？", "镇村两级调解组织怎么建的？", "各乡镇街道的法治宣传有什么不同？",
                     "推进城乡融合有哪些法治保障？", "送法下乡活动开展了多少场？", "哪些乡镇获评法治示范镇？",
                     "基层乡镇执法难在哪里？", "怎么发挥乡贤在调解中的作用？", "乡风文明和普法怎么结合？",
                     "返乡创业人员的法律服务怎么做？", "少数民族乡的普法有什么特点？"):
        f = parse_filters(question, FIVE)
        assert f.unknown is None and f.report_ids is None, question


def test_a_real_place_is_still_named() -> None:
    assert parse_filters("红旗乡政府聘请法律顾问了吗？", FIVE).unknown == "关于红旗乡的报告"
    assert parse_filters("推进城乡融合的红旗镇有几个法律顾问？", FIVE).unknown == "关于红旗镇的报告"
    assert parse_filters("古城乡调解了多少案件？", FIVE).unknown == "关于古城乡的报告"  # 城乡 inside a name


def test_a_numbered_regiment_is_a_place_and_other_groups_are_not() -> None:
    assert parse_filters("第三师四十五团有多少人领了执法证？", REPORTS).unknown == "关于第三师四十五团的报告"
    assert parse_filters("150团开展了几场普法？", REPORTS).unknown == "关于150团的报告"
    for question in ("哪些乡镇组建了法律顾问团？", "各乡镇的普法宣讲团有几个？", "共青团开展了哪些活动？"):
        assert parse_filters(question, REPORTS).unknown is None, question


def test_a_year_with_no_report_is_read_as_plans_in_the_report_before() -> None:
    plans = parse_filters("唐驿镇2024年工作计划是什么？", REPORTS)
    assert plans.report_ids == ("a",) and plans.years == () and plans.year_terms == (2024,) and plans.unknown is None
    assert parse_filters("2024年唐驿有什么打算？", REPORTS).report_ids == ("a",)
    assert parse_filters("2025年各乡镇的工作重点是什么？", REPORTS).report_ids == ("c",)
    # a year a report is of filters, plans or not
    assert parse_filters("色务乡2024年的工作计划", REPORTS).years == (2024,)
    assert parse_filters("2023年的工作计划有哪些？", REPORTS).report_ids == ("a", "b")
    # what no report in scope can speak of is refused
    assert "2024" in (parse_filters("唐驿镇2024年调解了多少案件？", REPORTS).unknown or "")  # not about plans
    assert "2026" in (parse_filters("2026年各乡镇有什么打算？", REPORTS).unknown or "")  # past every report year + 1
    assert "2022" in (parse_filters("唐驿镇2022年的工作计划", REPORTS).unknown or "")  # before every report year
    assert "色务乡" in (parse_filters("色务乡2023年的工作计划", REPORTS).unknown or "")  # only its 2024 report


def test_plans_within_the_chosen_scope() -> None:
    chosen = parse_filters("2024年工作计划是什么？", REPORTS, township="五十一团唐驿镇")
    assert chosen.report_ids == ("a",) and chosen.year_terms == (2024,)
    year = parse_filters("2024年有什么打算？", REPORTS, year=2023)
    assert year.report_ids == ("a", "b") and year.years == (2023,) and year.year_terms == (2024,)
    assert "所选范围（色务乡）内2023年" in (parse_filters("2023年调解了多少案件？", REPORTS, township="色务乡").unknown or "")
    assert parse_filters("2022年调解了多少案件？", REPORTS, township="色务乡").unknown == "2022年度的报告"


def test_streets_banners_and_every_nationality_go_by_their_bare_name() -> None:
    assert {"东关"} <= township_aliases("东关街道")
    assert {"巴彦塔拉"} <= township_aliases("巴彦塔拉苏木")
    assert {"栗木垭", "栗木垭乡"} <= township_aliases("栗木垭白族乡")
    assert {"可大", "可大乡"} <= township_aliases("可大土家族苗族乡")


def test_a_nationality_and_a_suffix_alone_is_no_unknown_place() -> None:
    rows = [row("m", "栗木垭白族乡", 2024)]
    chosen = parse_filters("栗木垭那个白族乡，山林纠纷一年受理了几件？", rows)
    assert chosen.unknown is None and chosen.townships == ("栗木垭白族乡",)


def test_a_list_of_townships_is_asked_of_each() -> None:
    from qa.retrieval.filters import each_township

    towns = ("嘎美乡", "色务乡", "后台乡", "五十一团唐驿镇")
    assert each_township("嘎美和色务平时都怎么搞普法？", FIVE, towns) == ["嘎美平时都怎么搞普法？", "色务平时都怎么搞普法？"]
    assert each_township("睢县后台乡、唐驿镇以及色务乡有没有法律顾问？", FIVE, towns) == [
        "后台乡有没有法律顾问？", "唐驿镇有没有法律顾问？", "色务乡有没有法律顾问？"]  # 睢县 is 后台乡's alone
    assert each_township("嘎美比色务多搞了什么？", FIVE, towns) is None  # named apart: compared, not a list
    assert each_township("嘎美乡的普法怎么搞的？", FIVE, towns) is None  # one township


def test_townships_are_found_by_looking_up_the_questions_own_words() -> None:
    """The question's substrings looked up among the aliases find what searching the question for each alias of each
    township found (the way it was done before: 5,000 townships' aliases searched for in every question)."""
    import random

    from qa.retrieval.filters import Mention, _aliases, kept_mentions, township_mentions

    def searched(question: str, rows: list[ReportRow]) -> list[Mention]:
        return kept_mentions(question, [Mention(s, s + len(a), t) for t in dict.fromkeys(r.meta.township or "" for r in rows)
                                        for a in _aliases(t) for s in range(len(question)) if question.startswith(a, s)])

    rows = [*FIVE, row("x", "红旗镇", 2024), row("x2", "红旗镇", 2023), row("z", "第三师四十五团", 2024),
            row("q", "四十五团", 2023)]
    rng = random.Random(3)
    pieces = [a for r in rows for a in _aliases(r.meta.township or "")] + ["的", "和", "开展了", "普法", "？", "管理"]
    for _ in range(500):
        question = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert township_mentions(question, rows) == searched(question, rows), question


def test_filters_of_a_named_township_keep_the_store_order_of_its_reports() -> None:
    from qa.store.registry import Reports

    rows = Reports([row("a1", "后台乡", 2023), row("s", "色务乡", 2024), row("a2", "后台乡", 2024), row("g", "嘎美乡", 2024)])
    assert list(rows.by_township) == ["后台乡", "色务乡", "嘎美乡"]
    assert parse_filters("嘎美和后台有哪些普法活动？", rows).report_ids == ("a1", "a2", "g")
    assert parse_filters("嘎美和后台有哪些普法活动？", rows).townships == ("后台乡", "嘎美乡")
    assert parse_filters("后台乡有哪些普法活动？", rows, year=2024).report_ids == ("a2",)
    assert parse_filters("有哪些普法活动？", rows, township="后台乡").report_ids == ("a1", "a2")
    assert parse_filters("有哪些普法活动？", list(rows), township="后台乡").report_ids == ("a1", "a2")
    unnamed = Reports([*rows, row("e", "", 2023)])  # a report whose township was cleared
    assert parse_filters("有哪些普法活动？", unnamed, township="", year=2023).report_ids == ("e",)
