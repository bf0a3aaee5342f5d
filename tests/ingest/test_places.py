"""Issuing bodies read into places and levels: names from the division list, townships by their form."""

import pytest

from qa.ingest.places import bodies_in


@pytest.mark.parametrize(("line", "township", "county", "city", "province", "level"), [
    ("浙江省湖州市吴兴区八里店镇人民政府关于2024年法治政府建设情况的报告", "八里店镇", "吴兴区", "湖州市", "浙江省", "township"),
    ("富川瑶族自治县白沙河瑶族乡人民政府", "白沙河瑶族乡", "富川瑶族自治县", None, None, "township"),
    ("科尔沁右翼前旗巴彦塔拉苏木2023年法治政府建设报告", "巴彦塔拉苏木", "科尔沁右翼前旗", None, None, "township"),
    ("第七师一二五团2023年法治建设工作报告", "一二五团", None, "第七师", None, "township"),
    ("第三师五十一团唐驿镇法治政府建设工作报告", "五十一团唐驿镇", None, "第三师", None, "township"),
    ("鼓楼区人民政府东街街道办事处关于2022年度法治政府建设情况的报告", "东街街道", "鼓楼区", None, None, "street"),
    ("镇远县镇远镇人民政府", "镇远镇", "镇远县", None, None, "township"),
    ("睢县司法局2023年法治政府建设工作报告", None, "睢县", None, None, "department"),
    ("广西富川瑶族自治县人民政府关于2023年度法治政府建设情况的报告", None, "富川瑶族自治县", None, "广西壮族自治区", "county"),
    ("红星县城关镇2023年度法治政府建设工作报告", "城关镇", "红星县", None, None, "township"),  # a county not listed
])
def test_a_body_is_read_into_its_places(line: str, township: str | None, county: str | None, city: str | None,
                                        province: str | None, level: str) -> None:
    bodies = bodies_in(line)
    body = next((b for b in bodies if b.township), bodies[0])  # a street's body after its district's government
    places = {f: next((getattr(b, f) for b in bodies if getattr(b, f)), None) for f in ("county", "city", "province")}
    assert (body.township, places["county"], places["city"], places["province"], body.level) == (
        township, county, city, province, level)


@pytest.mark.parametrize("line", [
    "现将我镇2023年法治政府建设情况报告如下", "结合街道实际，制定方案", "人民政府政府信息公开白沙乡",
    "在县委、县政府的坚强领导下", "新疆维吾尔自治区乌苏市",  # a county alone is a place mentioned, not a body
])
def test_phrases_around_a_name_are_no_body(line: str) -> None:
    assert bodies_in(line) == []


def test_a_county_is_never_cut_from_a_longer_word() -> None:
    # 和县 is a county, and so is 平和县; 自治区 holds no 治区
    assert [b.county for b in bodies_in("平和县人民政府和县委")] == ["平和县"]
    assert all(b.county is None for b in bodies_in("内蒙古自治区人民政府办公厅"))


def test_party_committee_and_government_filing_together_name_one_township() -> None:
    bodies = bodies_in("中共青石镇委员会 青石镇人民政府关于2023年法治政府建设情况的报告")
    assert {b.township for b in bodies} == {"青石镇"} and bodies[0].name == "中共青石镇委员会"
