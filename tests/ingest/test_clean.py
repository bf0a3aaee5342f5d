from qa.ingest.clean import clean, unwrap


def test_bookmarks_page_marks_and_stray_spaces_go() -> None:
    raw = "[bookmark: _GoBack]一、主要 成效\n— 1 —\n全镇共受理调解案件 12 件。\n\n-2-\n（2） 加强学习。"
    assert clean(raw) == "一、主要成效\n全镇共受理调解案件12件。\n（2）加强学习。"


def test_web_page_furniture_goes() -> None:
    raw = ("首页 > 政务公开 > 法治政府建设\n索引号：11410000/2024-001\n发布机构：城关镇人民政府\n"
           "发布日期：2024-02-01\n字体：大 中 小\n打印 关闭\n城关镇2023年度法治政府建设工作报告\n一、主要成效")
    assert clean(raw) == "城关镇2023年度法治政府建设工作报告\n一、主要成效"


def test_trailing_signature_block_goes() -> None:
    raw = "一、主要成效\n全镇共受理调解案件12件。\n城关镇人民政府\n2024年3月5日"
    assert clean(raw) == "一、主要成效\n全镇共受理调解案件12件。"


def test_wrapped_lines_rejoin_but_headings_and_paragraph_ends_stay() -> None:
    full = "全镇共受理调解案件十二件调解成功十一件涉及金额五万元全年开展法治宣传活动二十"
    lines = ["（一）主要成效", full, "场次。", "（二）存在问题", full, "次，仍需加强。"]
    assert unwrap(lines) == ["（一）主要成效", full + "场次。", "（二）存在问题", full + "次，仍需加强。"]


def test_pdf_wrapped_lines_are_rejoined(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    text = corpus_reports["004_913615f662c886fc.pdf"].text
    # each of these sentences wraps across lines (one across a page) in the PDF
    for sentence in ("色务乡深入贯彻落实习近平法治思想，紧紧围绕法治政府建设的目标和任务",
                     "入户走访排查各类纠纷等140次，成功调解31次，同比下降11%。",
                     "打造以法治、廉洁、民族团结、集体育锻炼、文化娱乐等功能为一体的综合广场"):
        assert sentence in text
    for line in text.split("\n")[2:]:  # past the two-line title, every line ends a paragraph or is a heading
        assert line.endswith(("。", "：", "；", "”")) or len(line) < 40, line
