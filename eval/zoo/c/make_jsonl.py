# -*- coding: utf-8 -*-
"""Write expected.jsonl and gold.jsonl for zoo c (data kept here by hand)."""
import json
import os

from build import FILES

HERE = os.path.dirname(os.path.abspath(__file__))

U = {  # page addresses noted in PATTERNS.md
    "sxgp": "http://xxgk.sxgp.gov.cn/xzjd/gpbcb/fdzdgknr/gzdt/202602/t20260203_2317052.shtml",
    "qzlc": "http://www.qzlc.gov.cn/zwgk/jdyq/jljd/ghgy/202303/t20230330_2863872.htm",
    "haining": "https://www.haining.gov.cn/art/2025/2/24/art_1688422_177740.html",
    "ynlf": "https://ynlf.gov.cn/info/4078/201534.htm",
    "hzxh": "https://www.hzxh.gov.cn/art/2023/2/10/art_1229346873_59025931.html",
    "qingcheng": "http://www.qingcheng.gov.cn/qyqcdc/gkmlpt/content/1/1662/post_1662219.html",
    "cqjlp": "http://cqjlp.gov.cn/zwgk_251/zfxxgkml_1/fzzfjsndbg/xzjd_65462/zlsjd_65470/202602/t20260205_15385480.html",
    "chenxi": "http://www.chenxi.gov.cn/chenxi/c119418/202602/aeba0c3e5b884330bcccfd8f2cbaec2d.shtml",
    "hhpb": "https://www.hhpb.gov.cn/info/8641/532061.htm",
    "cqck_jmx": "https://cqck.gov.cn/jz/jmx/zwgk_70755/zfxxgkml/fzzfndbg/202602/t20260212_15437722.html",
    "jiangle": "http://www.jiangle.gov.cn/zfxxgkzl/zfxxgkml/zdgkdqtxx/202502/t20250219_2101364.htm",
    "yyx": "https://yyx.gov.cn/37584/38152/66314/66315/content_2048080.html",
    "bidcenter_zx": "https://m.bidcenter.com.cn/news-17-213425779.html",
    "zyswzfw": "http://www.zyswzfw.gov.cn/Show/329688",
    "dglzk19": "https://dglzk19.com/gdhf/ztzl/fzbg/fznb2023/content/post_1006224.html",
    "hbjs": "http://www.hbjs.gov.cn/xxgk/gknb/xzbm/xlyj/202402/t20240202_1548295.shtml",
    "yuanling": "http://www.yuanling.gov.cn/yuanling/c119054/202510/6a9bd7afb1cb4452a2af3031b021534a.shtml",
    "ptxy": "http://www.ptxy.gov.cn/zfxxgkzl/xzzfxxgk/xyqdzzrmzf/xxgkml/gzdt_27889/202504/t20250416_1990617.htm",
    "cqwx_dhx": "http://www.cqwx.gov.cn/jz/dhx/zwgk_71780/zfxxgkml/fzzfjsndbg/202601/t20260128_15360505.html",
    "yongding": "http://www.yongding.gov.cn/xwzx/xzdt/202512/t20251218_2264266.htm",
    "sgwjq": "http://www.sgwjq.gov.cn/zfxxgkml/xlzml/content/post_2717889.html",
    "qingtian": "http://www.qingtian.gov.cn/art/2025/2/8/art_1229392920_506294.html",
    "pingjiang": "https://www.pingjiang.gov.cn/34930/75502/content_2351355.html",
    "laobiganer": "https://so.laobiganer.com/gongwen/195530.html",
    "qinshui": "https://xxgk.qinshui.gov.cn/xzzf/qszzz/fdzdgknr/gzdt/202512/t20251209_2295005.shtml",
    "kaojiao": "http://www.kaojiao.com.cn/chenxi/c114007/202504/b54bda6dc2d248c1a02aac60fea75fa4.shtml",
    "qyxwjj": "http://qyxwjj.com/xrqrmzfz/zfzcbm2024/202503/169cfc8579994ad8bcc59f49b975a352.shtml",
    "juzijia": "http://juzijia.cn/article/gongzuoyijian/zfgzyj/201210/744674.html",
    "zm_qingshui": "https://zm.sm-tc.cn/?depth=3&from=derive&link_type=60&restype=1&src=l4uLj8XQ0IiIiNGLjI6M0ZiQidGckdCWkZmQ0MrIysjQyM3LxsvP0ZeLkg%3D%3D",
    "liujiang": "http://www.liujiang.gov.cn/dwxxgkpt/gzxxgk/sdz/ljsdztzgg/202601/t20260109_3711744.shtml",
    "longchuan": "http://www.longchuan.gov.cn/zfxxgkml/spz/zfxxysqgk/content/post_642479.html",
    "tjjh": "http://www.tjjh.gov.cn/jhqzf/zwgk_28985/gzbg/202103/t20210329_5396867.html",
    "ya": "http://ya.gov.cn/zwgk/fzzf/fzzfgzbg/202502/t20250225_2102864.htm",
}

EXPECTED = [
    ("c01", ["street", "county_level_city", "title_city_gov_street_office", "addressee_city_rule_of_law_office",
             "html_page", "site_meta_tags", "breadcrumb", "metadata_table", "publish_info",
             "related_articles_other_townships", "print_close", "footer_icp", "city_province_stated",
             "publication_next_year", "signature_block"],
     ["sxgp", "qzlc", "haining", "ynlf"],
     "street", "高平市人民政府丹河街道办事处", "丹河街道", "高平市", "晋城市", "山西省", 2023),
    ("c02", ["street", "txt_copy", "site_header", "nav_line", "breadcrumb", "publish_info", "font_size_control",
             "title_street_year_annual_report", "title_repeated", "footer_icp", "city_stated_no_province",
             "publication_next_year", "signature_block"],
     ["hzxh", "qingcheng", "cqjlp"],
     "street", "株洲市渌口区兰塘街道办事处", "兰塘街道", "渌口区", "株洲市", None, 2022),
    ("c03", ["ethnic_township", "bai", "bare_township_title", "html_page", "breadcrumb",
             "publish_info_source_county_township", "prev_next_other_townships", "print_close", "footer_icp",
             "city_province_stated", "publication_next_year", "signature_block"],
     ["chenxi", "hhpb", "kaojiao"],
     "township", "栗木垭白族乡人民政府", "栗木垭白族乡", "桑植县", "张家界市", "湖南省", 2024),
    ("c04", ["ethnic_township", "korean", "county_level_city", "docx", "word_copy_no_furniture",
             "document_header_number", "addressee_city_government", "no_city_province", "signature_block"],
     ["haining", "cqck_jmx", "jiangle"],
     "township", "东沙河朝鲜族乡人民政府", "东沙河朝鲜族乡", "宁安市", None, None, 2022),
    ("c05", ["county_government", "html_page", "site_meta_tags", "breadcrumb", "metadata_list", "document_number",
             "addressee", "mentions_townships_in_body", "share_print_close", "footer_icp", "city_province_stated",
             "publication_next_year"],
     ["yyx", "bidcenter_zx", "zyswzfw"],
     "county", "郏县人民政府", None, "郏县", "平顶山市", "河南省", 2022),
    ("c06", ["county_department", "agriculture_bureau", "html_page", "site_meta_tags", "breadcrumb",
             "metadata_table", "prev_next_same_department_other_report_types", "mentions_townships_in_body",
             "footer_icp", "city_province_stated", "publication_next_year"],
     ["dglzk19", "hbjs"],
     "department", "铅山县农业农村局", None, "铅山县", "上饶市", "江西省", 2024),
    ("c07", ["title_guanyu_township_year_work_situation", "html_page", "site_meta_tags", "breadcrumb",
             "metadata_table", "publisher_county_plus_township", "accessibility_bar", "print_close", "qr_code",
             "footer_icp", "no_city_province", "publication_next_year", "signature_block"],
     ["yuanling", "haining", "hhpb"],
     "township", "泾县青竹铺镇人民政府", "青竹铺镇", "泾县", None, None, 2023),
    ("c08", ["title_chinese_numeral_year", "signature_chinese_numeral_date", "plan_heading_chinese_numeral_year",
             "html_page", "breadcrumb_double_arrow", "publish_info_date_author_source_clicks", "footer_icp",
             "no_city_province", "publication_next_year"],
     ["bidcenter_zx", "tjjh"],
     "township", "鹿角湾乡人民政府", "鹿角湾乡", "岷县", None, None, 2023),
    ("c09", ["title_without_year", "title_two_lines", "year_only_in_body", "html_page", "site_meta_tags",
             "breadcrumb", "related_articles_same_township_other_year", "related_articles_other_townships",
             "related_other_report_type", "footer_icp", "city_province_stated", "publication_next_year",
             "signature_block"],
     ["cqwx_dhx", "cqjlp"],
     "township", "万载县桃花铺镇人民政府", "桃花铺镇", "万载县", "宜春市", "江西省", 2024),
    ("c10", ["title_without_year", "year_only_in_body", "txt_copy", "gb18030_encoding", "crlf_line_ends",
             "site_header", "breadcrumb", "publish_info", "print_close", "qr_code", "footer_icp",
             "no_city_province", "publication_next_year", "signature_block"],
     ["cqwx_dhx", "yongding", "tjjh"],
     "township", "杉木坳乡人民政府", "杉木坳乡", "正安县", None, None, 2022),
    ("c11", ["title_without_township", "body_self_reference_only", "township_only_in_metadata_pagetitle_signature",
             "publisher_township_only_no_county", "township_own_site", "html_page", "site_meta_tags",
             "metadata_table", "prev_next_same_site", "no_county_city_province", "publication_next_year",
             "signature_block"],
     ["sgwjq", "ptxy", "jiangle"],
     "township", "芦沟集镇人民政府", "芦沟集镇", None, None, None, 2023),
    ("c12", ["title_without_township", "body_self_reference_only", "township_only_in_signature",
             "addressee_names_county", "docx", "word_copy_no_furniture", "no_city_province", "signature_block"],
     ["qingtian", "ptxy", "jiangle"],
     "township", "岭后垟乡人民政府", "岭后垟乡", "文成县", None, None, 2024),
    ("c13", ["shufa_first_responsible_person", "first_person_plural", "joint_party_government_signature",
             "html_page", "gb2312_declared_gb18030_bytes", "breadcrumb", "publish_info",
             "prev_next_other_townships", "footer_icp", "city_province_stated", "publication_next_year"],
     ["pingjiang", "laobiganer", "qinshui"],
     "township", "中共梅子湾镇委员会 梅子湾镇人民政府", "梅子湾镇", "安化县", "益阳市", "湖南省", 2023),
    ("c14", ["traditional", "traditional_full_page", "third_party_mirror", "script_switch", "breadcrumb",
             "publish_info_source_county_township", "related_articles_other_townships", "related_template_essay",
             "mirror_disclaimer_footer", "no_city_province", "publication_next_year", "signature_block"],
     ["kaojiao", "qyxwjj", "juzijia"],
     "township", "桐木坑乡人民政府", "桐木坑乡", "长汀县", None, None, 2022),
    ("c15", ["title_township_gov_year_work_summary", "txt_copy", "utf8_bom", "site_header", "accessibility_bar",
             "breadcrumb", "publish_info", "font_size_control", "print_close", "footer_icp",
             "city_stated_no_province", "publication_next_year", "signature_block"],
     ["zm_qingshui", "hhpb", "tjjh"],
     "township", "寨子坪乡人民政府", "寨子坪乡", "隰县", "临汾市", None, 2024),
    ("c16", ["title_township_year_annual_report", "txt_copy", "site_header", "breadcrumb", "publish_info",
             "font_size_control", "share_links", "prev_next_other_townships", "footer_icp",
             "city_stated_no_province", "publication_next_year", "signature_block"],
     ["liujiang", "longchuan", "ya"],
     "township", "白石滩镇人民政府", "白石滩镇", "平南县", "贵港市", None, 2021),
]

GOLD = [
    ("zoo-c01", "丹河街道去年调解了多少起矛盾纠纷？", "217件，调解成功209件", ["217"], "丹河街道", "c01",
     "全年调处各类矛盾纠纷217件"),
    ("zoo-c02", "栗木垭那个白族乡，山林土地的权属纠纷一年受理了几件？", "38件，调处成功35件", ["38"],
     "栗木垭白族乡", "c03", "全年受理土地山林权属纠纷38件"),
    ("zoo-c03", "东沙河朝鲜族乡给去韩国打工的人和家里人做了多少人次法律咨询？", "86人次", ["86"],
     "东沙河朝鲜族乡", "c04", "提供法律咨询86人次"),
    ("zoo-c04", "鹿角湾乡查药材铺子，当归经营户一共查了多少户？", "132户", ["132"], "鹿角湾乡", "c08",
     "共检查当归药材经营户132户"),
    ("zoo-c05", "芦沟集镇搞征地拆迁，法律顾问审了多少份补偿协议？", "67份", ["67"], "芦沟集镇", "c11",
     "审查征迁补偿协议67份"),
    ("zoo-c06", "岭后垟乡给华侨家属做过多少次涉侨法律咨询？", "57人次", ["57"], "岭后垟乡", "c12",
     "提供涉侨法律咨询57人次"),
    ("zoo-c07", "桐木坑乡跟自然资源、林业部门一起查非法采矿，一年巡了几回？", "49次", ["49"], "桐木坑乡", "c14",
     "開展非法採礦巡查49次"),
    ("zoo-c08", "白石滩镇在河道上查非法采砂跑了多少趟？", "66次", ["66"], "白石滩镇", "c16",
     "开展河道非法采砂巡查66次"),
]


def main():
    with open(os.path.join(HERE, "expected.jsonl"), "w", encoding="utf-8") as f:
        for (k, pats, seen, level, body, tsp, county, city, prov, year) in EXPECTED:
            d = {"file": "reports/" + FILES[k], "patterns": pats, "seen_at": [U[s] for s in seen],
                 "level": level, "body": body, "township": tsp, "county": county, "city": city,
                 "province": prov, "year": year}
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as f:
        for (gid, q, a, must, tsp, _k, quote) in GOLD:
            d = {"id": gid, "type": "fact", "form": "zoo", "question": q, "answer": a, "must_include": must,
                 "townships": [tsp], "evidence": [{"township": tsp, "quote": quote}]}
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote expected.jsonl (%d) and gold.jsonl (%d)" % (len(EXPECTED), len(GOLD)))


if __name__ == "__main__":
    main()
