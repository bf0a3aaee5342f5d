"""Write gold.jsonl: for every corpus, zoo and written report, whether it covers each required part.

The decisions below were made by reading each report as qa reads it (`read_report(path).text`); this script only
lays them out as lines. Parts (see SOURCES.md): measures, shortcomings, leaders_duty, next_year. A part absent has
`quotes: []`. For the zoo, measures / shortcomings / next_year are the report's 一、/二、/三、 headings (every zoo
report has all three); leaders_duty is decided per report in ZOO_LEADERS.

Run from /work/main:  .venv/bin/python eval/county/required/make_gold.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from qa.eval.zoo import zoo_reports
from qa.ingest.pipeline import read_report

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
ZOO = ROOT / "eval" / "zoo"
WRITTEN = HERE / "reports"
PARTS = ("measures", "shortcomings", "leaders_duty", "next_year")

A = None  # absent


QUOTE_CHARS = 24  # a quote is the opening of the heading or sentence that covers a part: report texts stay in the corpus


def P(*quotes: str, note: str = "") -> tuple[list[str], str]:
    return [q[:QUOTE_CHARS] for q in quotes], note


def N(note: str = "") -> tuple[None, str]:
    return None, note


CORPUS_GOLD = {
    "000_34e5d983f20fcaa4.txt": {
        "measures": P("一、2023年法治政府建设情况"),
        "shortcomings": P(
            "（二）存在问题。一是法律法规的宣传力度还不够，开"
            "二是部分干部依法行政的意识还不强，口头讲法治、工",
            note="sub-section （二）存在问题 of 二、主要做法和存在问题; problems listed, no causes stated",
        ),
        "leaders_duty": P(
            "党政主要领导切实履行推进法治政府建设第一责任人职",
            note="opening sentences of （一）提高政治站位，强化组织领导, inside the measures section",
        ),
        "next_year": P("三、2024年重点工作"),
    },
    "001_31921d5176bdc757.txt": {
        "measures": P("一、法治政府建设的主要举措和成效"),
        "shortcomings": N(
            "no problems section; 三、下部工作打算 says 「行政执法部门仍需加强普法形式创新」 as part of the plan, "
            "not an account of shortcomings and their causes"
        ),
        "leaders_duty": P(
            "乡党委书记孟庆云为法治政府建设第一责任人",
            note="borderline: （一）加强党的领导和依法执政 names the party secretary as first responsible person and "
            "head of the leading group, but says little about how the duty was carried out",
        ),
        "next_year": P("三、下部工作打算"),
    },
    "002_0eaea493a516bd61.docx": {
        "measures": P("一、主要措施及成效"),
        "shortcomings": P("二、存在的问题"),
        "leaders_duty": P(
            "乡党政主要负责人严格履行《党政主要负责人履行推进",
            note="in （一）强化组织领导，落实工作责任 of the measures section",
        ),
        "next_year": P("三、下一步工作打算"),
    },
    "003_a09d03cfebe872bb.txt": {
        "measures": P("一、2023年度工作开展情况"),
        "shortcomings": P("二、工作中存在的不足"),
        "leaders_duty": P(
            "（一）全面提升依法治团工作主要领导作用，全面推进",
            note="borderline: the sub-heading is about the main leaders' role and the opening says 重要工作亲自部署、"
            "重大问题亲自过问、重点环节亲自协调, but 第一责任人 is never named and the content is about the committee",
        ),
        "next_year": P("三、2024年工作计划"),
    },
    "004_913615f662c886fc.pdf": {
        "measures": P("一、主要做法及成效"),
        "shortcomings": P("二、存在问题与不足"),
        "leaders_duty": P(
            "党政主要负责人积极履行法治建设第一责任人职责",
            note="in （一）完善顶层设计，强化组织领导 of the measures section",
        ),
        "next_year": P("三、下一步工作计划"),
    },
}

# leaders_duty in the zoo, by report stem; every zoo report has 一、(measures) 二、(shortcomings) 三、(next year).
ZOO_LEADERS = {
    "a01_qingshi": P("（一）压实第一责任人职责。"),
    "a02_dongguan": N("passing mentions only: 党工委主要负责人带头述法 (in （一）强化组织领导), 街道主要负责人全部出庭应诉"),
    "a03_baishahe": N(),
    "a04_liuxi": N("passing mention only: 班子成员年度述法实现全覆盖"),
    "a05_hongyan": P(
        "明确党委书记为第一责任人",
        note="borderline: （一）党委统揽，责任落实到位 designates the party secretary as first responsible person; "
        "little on how the duty was performed",
    ),
    "a06_jingui": N(),
    "a07_yunwuping": N(),
    "a08_yangliuwan": N("passing mention only: （一）抓实“关键少数”学法 (班子成员 study law)"),
    "a09_shuanghekou": N("passing mention only: 党政主要负责人在全乡干部大会上作述法报告 (in （一）坚持党的领导)"),
    "a10_shalenghe": P("（六）落实第一责任人职责。"),
    "a11_fenglinpo": N(),
    "a12_jinzhuping": N("passing mention only: 镇长出庭应诉"),
    "a13_songshutang": P("（七）落实第一责任人职责。"),
    "a14_fengqi": N(),
    "a15_jinhua": N("passing mention only: 街道主要负责人出庭应诉"),
    "a16_yinxing": P("（八）落实第一责任人职责。"),
    "a17_yangjiaowan": N(),
    "a18_chaling": N(),
    "a19_zaolinping": P("（十）落实第一责任人职责。"),
    "a20_taoyuanping": N("passing mention only: 领导班子成员带头参加旁听庭审"),
    "a21_shuangquanpu": N(),
    "a22_luhuadang": P("（十）落实第一责任人职责。"),
    "b01_qingyanxi_yaozuxiang": P("（一）压实第一责任人职责"),
    "b02_laohushan_mengguzuxiang": P("（七）落实第一责任人职责。"),
    "b03_longquanba_huizuxiang": N("passing mention only: （一）抓好“关键少数”学法"),
    "b04_qijiagou_manzuxiang": P("（五）落实第一责任人职责。"),
    "b05_hugejiletu_sumu": P("苏木党委书记、苏木达履行推进法治建设第一责任人职责"),
    "b06_tarigenaobao_sumu": N("passing mention only: 落实“一把手”负总责制度 (in （一）健全工作机制)"),
    "b07_133tuan": P("（五）落实第一责任人职责。"),
    "b08_189tuan": P("（一）压实法治建设责任。团党委书记、政委带头履行第一责任人职责"),
    "b09_barunhada_zhen": P("镇党委书记履行推进法治建设第一责任人职责", "（六）落实党政主要负责人法治责任。"),
    "b10_maopingxi_xiang": P("（六）党政主要负责人履行推进法治建设第一责任人职责情况。"),
    "b11_yiluowan_jiedao": P("（一）履行第一责任人职责。", "（六）党政主要负责人履行推进法治建设第一责任人职责情况。"),
    "b12_longhuping_xiang_trad": P("（七）落实第一责任人职责。"),
    "b13_guilingpu_zhen_trad": P("镇党委书记、镇长认真履行第一责任人职责"),
    "b14_xinyanggang_zhen_mixed": P("镇党委书记履行推进法治建设第一责任人职责", "（六）落实第一责任人职责。"),
    "b15_wangshigou_xiang": P("（七）落实第一责任人职责。"),
    "b16_maotianba_zhen": P("（一）认真履行法治建设第一责任人职责", "（七）落实第一责任人职责。"),
    "b17_wushanxian_zhengfu": P("县政府主要负责同志履行推进法治建设第一责任人职责", note="county government"),
    "b18_anyuanxian_zhengfu": P("（一）党政主要负责人履职情况。", note="county government"),
    "b19_wushenqi_zhengfu": N("county (banner) government; （一）加强党对法治政府建设的领导 names no principal leader"),
    "b20_longhuixian_sifaju": N("county department; no principal leader's duty"),
    "b21_huoqiuxian_shichangjianguanju": N("county department; no principal leader's duty"),
    "b22_huizexian_ziranziyuanju": P("局党组书记、局长履行第一责任人职责", "（七）落实党政主要负责人职责。", note="county department"),
    "c01_danhe_jiedao": P("街道党工委书记、办事处主任履行推进法治建设第一责任人职责"),
    "c02_lantang_jiedao": N("passing mention only: 街道成立以党工委书记为组长的法治建设领导小组"),
    "c03_limuya_baizuxiang": P("乡党委、政府主要负责人履行推进法治建设第一责任人职责"),
    "c04_dongshahe_chaoxianzuxiang": P("乡党委、政府主要负责人认真履行推进法治建设第一责任人职责"),
    "c05_jiaxian_zhengfu": P("（六）党政主要负责人履行推进法治建设第一责任人职责情况", note="county government"),
    "c06_yanshanxian_nongyenongcunju": P("局党组主要负责人履行推进法治建设第一责任人职责", note="county department"),
    "c07_qingzhupu_zhen": N(),
    "c08_lujiaowan_xiang_cnyear": P("（六）落实第一责任人职责"),
    "c09_taohuapu_zhen_noyear": P("（六）落实第一责任人职责"),
    "c10_shanmuao_xiang_noyear_gbk": N(),
    "c11_lugouji_zhen_selfref": P("镇党委、政府主要负责人履行推进法治建设第一责任人职责", "（六）落实法治建设责任"),
    "c12_linghouyang_xiang_selfref": P("（一）落实第一责任人职责"),
    "c13_meiziwan_zhen_shufa_gbk": P(
        "梅子湾镇党政主要负责人2023年度履行推进法治建设第一责任人职责情况报告",
        "一、履职情况",
        note="the whole report is the principal leaders' 述法 report",
    ),
    "c14_tongmukeng_xiang_trad": N(),
    "c15_zhaiziping_xiang": P("（七）落实第一责任人职责"),
    "c16_baishitan_zhen": P("（七）落实第一责任人职责"),
}
ZOO_NOTES = {
    ("c13_meiziwan_zhen_shufa_gbk", "measures"): "a leaders' 述法 report: 一、履职情况 also gives the township's measures "
    "and results (决策, 合同审核, 法治体检, 调处纠纷)",
}

WRITTEN_GOLD = {
    "w01_lushi.txt": {
        "measures": P("二、2024年推进法治政府建设的主要举措和成效"),
        "shortcomings": N("written without shortcomings"),
        "leaders_duty": P("一、党政主要负责人履行推进法治建设第一责任人职责情况"),
        "next_year": P("三、2025年工作安排"),
    },
    "w02_xinghe.txt": {
        "measures": P("一、主要举措和成效"),
        "shortcomings": P("二、存在的不足和原因"),
        "leaders_duty": N("written without leaders' duty; no principal leader is mentioned"),
        "next_year": N("written without next-year plans; only the passing 「上述问题需要在今后工作中逐步加以解决」"),
    },
    "w03_tongwan.txt": {
        "measures": P("一、2024年主要工作"),
        "shortcomings": P(
            "过去一年的工作有进展，也有差距：执法队伍中具有法律专业背景的只有2人，偏远的山背片区全年只开展了2次普法，"
            "原因主要在于镇里专职法治力量少、培训不成体系。",
            note="a single sentence, no heading, in the closing paragraph after section 一 (before the plans)",
        ),
        "leaders_duty": N("written without leaders' duty"),
        "next_year": P(
            "下一步，我镇将从三个方面补齐短板：一是与县司法局合作开展执法人员季度轮训，重点练好取证和文书制作；"
            "二是在山背片区设立流动普法点，每月至少活动一次；三是把“桐湾说和室”的做法推广到4个村，让群众在村里就能找到调解员。",
            note="no heading: 「下一步，我镇将…」 sentence in the closing paragraph",
        ),
    },
    "w04_shimoping.txt": {
        "measures": N(
            "written without measures: the opening says the work data were reported separately; the report gives "
            "only the leaders' own acts, the shortcomings and the plans"
        ),
        "shortcomings": P("二、存在的不足及原因"),
        "leaders_duty": P("一、党政主要负责人履行推进法治建设第一责任人职责情况"),
        "next_year": P("三、2025年工作安排"),
    },
    "w05_yunzhan.txt": {
        "measures": P("一、主要举措和成效"),
        "shortcomings": N("written without shortcomings"),
        "leaders_duty": P(
            "镇党委书记、镇长作为推进法治建设第一责任人，年初把法治建设写进镇党委、政府全年工作要点，"
            "每季度在党政联席会上听取一次法治工作汇报",
            note="no heading of its own: sentences under （一）加强统筹谋划 in the measures section",
        ),
        "next_year": N("written without next-year plans"),
    },
    "w06_shizigou.txt": {
        "measures": N("written without measures: only the problems found in a self-inspection and the plans"),
        "shortcomings": P("一、自查发现的问题"),
        "leaders_duty": N("written without leaders' duty"),
        "next_year": P("二、2025年工作打算"),
    },
    "w07_fengdu.txt": {
        "measures": P("一、依法决策", "二、依法管理", "三、依法服务", note="measures under three topic headings"),
        "shortcomings": N("written without shortcomings"),
        "leaders_duty": N("written without leaders' duty; passing mention only: 镇长出庭应诉"),
        "next_year": P(
            "2025年，我镇将重点做好三件事：一是把合法性审查范围扩大到村级重大事项；",
            note="no heading: closing paragraph 「2025年，我镇将…」",
        ),
    },
    "w08_mailing.txt": {
        "measures": P("一、工作开展情况"),
        "shortcomings": P("二、工作中的短板"),
        "leaders_duty": P("（一）主要负责人履职尽责"),
        "next_year": N("written without next-year plans"),
    },
}

HEADING = {"measures": "一、", "shortcomings": "二、", "next_year": "三、"}


def line(source: str, file: str, township: str | None, part: str, quotes: list[str] | None, note: str) -> dict:
    key = re.sub(r"\.(txt|html|docx|pdf)$", "", Path(file).name)
    return {
        "id": f"req-{source}-{key}-{part}",
        "source": source,
        "file": file,
        "township": township,
        "part": part,
        "present": quotes is not None,
        "quotes": quotes or [],
        "note": note,
    }


def main() -> None:
    out = []
    for name, parts in CORPUS_GOLD.items():
        r = read_report(CORPUS / name)
        for part in PARTS:
            quotes, note = parts[part]
            out.append(line("corpus", name, r.meta.township, part, quotes, note))
    for z in zoo_reports(ZOO):
        r = read_report(z.path)
        rel = str(z.path.relative_to(ZOO))
        stem = z.path.stem
        lines = r.text.splitlines()
        for part in PARTS:
            if part == "leaders_duty":
                quotes, note = ZOO_LEADERS[stem]
            else:
                heads = [ln.strip() for ln in lines if ln.strip().startswith(HEADING[part])]
                assert len(heads) == 1, (rel, part, heads)
                quotes, note = [heads[0]], ZOO_NOTES.get((stem, part), "")
            out.append(line("zoo", rel, r.meta.township, part, quotes, note))
    for name, parts in WRITTEN_GOLD.items():
        r = read_report(WRITTEN / name)
        for part in PARTS:
            quotes, note = parts[part]
            out.append(line("written", name, r.meta.township, part, quotes, note))
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"{len(out)} lines")


if __name__ == "__main__":
    main()
