# -*- coding: utf-8 -*-
"""Builds format zoo "a": reports/, expected.jsonl, gold.jsonl.

Run: /work/main/.venv/bin/python eval/zoo/a/build.py
All report text is invented (reports_text.py + the extra paragraphs below).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reports_text import R  # noqa: E402

OUT = os.path.join(HERE, "reports")
os.makedirs(OUT, exist_ok=True)

CN = "一二三四五六七八九十"

def cn(n):
    if n <= 10:
        return CN[n - 1]
    return "十" + CN[n - 11]

# ---------------------------------------------------------------- extra body paragraphs
ITEMS = [
    "推进政务公开。坚持“公开为常态、不公开为例外”，通过政府网站、政务公开栏和微信公众号及时公开财政预决算、惠民资金发放和重点项目信息，依申请公开事项均在法定期限内答复。",
    "强化权力运行监督。自觉接受人大监督、纪检监察监督和群众监督，认真办理人大代表建议，对“三重一大”事项实行全程留痕，让权力在阳光下运行。",
    "落实第一责任人职责。{s}党政主要负责人坚持重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，把法治建设成效纳入干部年度考核。",
    "优化政务服务。深化“放管服”改革，便民服务中心推行“一窗受理、集成服务”，对群众反映强烈的办事堵点逐项梳理解决，承诺办理时限普遍压缩。",
    "加强行政规范性文件管理。严格按照起草、合法性审核、集体讨论、公开发布的程序制发文件，并对以往制发的文件开展清理，确保不与上位法相抵触。",
    "推进政务诚信建设。规范政府合同签订和履约管理，依法兑现招商引资和惠企政策承诺，未发生因政府违约引发的纠纷。",
    "加强信访工作法治化。落实领导干部接访下访制度，依法分类处理群众诉求，引导群众通过法定途径表达诉求、维护权益。",
    "{selfgov}",
    "依法加强安全生产监管。坚持“管行业必须管安全”，对辖区重点企业和人员密集场所开展执法检查，对发现的隐患依法责令整改，做到闭环管理。",
    "推进平安建设。整合综治中心、派出所、司法所力量开展联防联控，辖区治安形势总体平稳，群众安全感持续提升。",
    "加强法治队伍建设。选派干部参加上级组织的法治业务培训，鼓励年轻干部参加法律职业资格考试，逐步充实懂法律、会执法的干部队伍。",
    "{eco}",
    "做好特殊群体法律服务。为老年人、残疾人、农民工等群体开辟法律服务绿色通道，协助农民工依法追讨劳动报酬。",
    "推进“数字法治”建设。依托网格化服务管理平台，把法律咨询和纠纷登记纳入网格员日常工作，群众足不出户即可反映涉法问题。",
]
SELFGOV_T = "深化基层依法自治。指导各村依法开展村务公开和民主议事，推行“四议两公开”工作法，村级重大事项全部按程序决策。"
SELFGOV_S = "深化基层依法自治。指导各社区依法开展居务公开和民主协商，完善居民议事会制度，小区治理中的难点问题通过协商依法解决。"
ECO_T = "强化生态环境领域依法治理。围绕河湖长制、秸秆禁烧和农村人居环境整治开展巡查和宣传，对破坏生态环境的行为及时制止、依法处理。"
ECO_S = "强化城市管理领域依法治理。围绕市容环境、油烟噪声扰民和违规停车等问题开展联合整治，坚持教育与处罚相结合。"

REASONS = [
    "分析原因，主要是对法治建设的基础性、长期性认识还不够到位，工作中存在重业务、轻法治的倾向，法治工作经费和人员保障也不够充足。",
    "究其原因，一方面基层工作任务繁重，干部学法时间难以保证；另一方面法治工作考核激励机制还不健全，推动力度有待加强。",
    "产生这些问题的原因，既有人员编制少、专业人才引进难等客观因素，也有对法治建设重视程度层层递减等主观因素。",
    "这些问题的根源在于法治工作机制还不完善，科室、站所之间协作不够紧密，法治宣传和法律服务的供给与群众需求还存在差距。",
]
CLOSINGS = [
    "下一步，{we}将继续在上级党委、政府的领导下，坚持依法行政，以更高标准推进法治政府建设，为经济社会高质量发展提供坚实法治保障。",
    "我们将以问题为导向，对照年度目标任务逐项抓好落实，推动法治政府建设各项工作再上新台阶。",
    "在新的一年里，{we}将认真贯彻落实上级关于法治建设的各项部署，努力建设人民群众满意的法治政府。",
]

def unit(township):
    if township.endswith("街道"):
        return "街道"
    if township.endswith("乡"):
        return "乡"
    return "镇"

def expand(rid, spec, target=900):
    t = spec["township"]
    s = unit(t)
    fill = dict(s=s, we="我" + s,
                selfgov=SELFGOV_S if s == "街道" else SELFGOV_T,
                eco=ECO_S if s == "街道" else ECO_T)
    paras = list(R[rid]["paras"])
    i2 = next(i for i, p in enumerate(paras) if p.startswith("二、"))
    last = [p for p in paras[:i2] if p.startswith("（")][-1]
    n = CN.index(last[1]) + 1 if last[2] == "）" else 10 + CN.index(last[2]) + 1
    k = int(rid[1:])
    # reason after the problems paragraph, closing at the end
    paras.insert(i2 + 2, REASONS[k % len(REASONS)])
    paras.append(CLOSINGS[k % len(CLOSINGS)].format(**fill))
    extra = []
    j = 0
    def total():
        return sum(len(x) for x in R[rid]["title"]) + len(R[rid]["addressee"] or "") + \
            sum(len(p) for p in paras) + sum(len(x) for x in extra) + sum(len(x) for x in R[rid]["sign"])
    while total() < target and j < 5:
        item = ITEMS[(k * 3 + j * 5) % len(ITEMS)].format(**fill)
        extra.append("（%s）%s" % (cn(n + 1 + j), item))
        j += 1
    paras[i2:i2] = extra
    return paras

# ---------------------------------------------------------------- report specs
# pub: publication date; y: year reported on.
SPECS = {
 "a01": dict(slug="qingshi", ext="html", township="青石镇", level="township", county="三台县", city=None, province=None, y=2023, pub="2024-01-26",
             body="三台县青石镇人民政府", site="三台县人民政府", tpl="bracket",
             patterns=["metadata_table", "metadata_bracket_style", "metadata_printed_twice", "breadcrumb", "accessibility_bar", "print_close", "prev_next", "footer", "qr_code", "title_county_prefix", "addressee", "signature_block"]),
 "a02": dict(slug="dongguan", ext="html", township="东关街道", level="street", county="吴兴区", city="湖州市", province="浙江省", y=2024, pub="2025-03-12",
             body="吴兴区人民政府东关街道办事处", site="湖州市吴兴区人民政府", tpl="zhejiang",
             patterns=["street", "title_district_gov_prefix", "breadcrumb", "city_province_stated", "publish_info", "font_size_control", "share_links", "print_close", "footer", "signature_block"]),
 "a03": dict(slug="baishahe", ext="txt", enc="utf-8", township="白沙河乡", level="township", county="睢县", city=None, province=None, y=2022, pub="2023-02-14",
             body="白沙河乡人民政府", site="睢县人民政府", tpl="txt_plain",
             patterns=["copied_text", "site_header", "nav_line", "publish_info", "font_size_control", "title_township_year", "addressee", "print_close", "prev_next", "footer", "signature_block"]),
 "a04": dict(slug="liuxi", ext="html", township="柳溪镇", level="township", county="婺源县", city=None, province=None, y=2023, pub="2024-03-05",
             body="柳溪镇人民政府", site="婺源县人民政府", tpl="list",
             patterns=["metadata_table", "metadata_list_style", "title_without_township", "body_self_reference_only", "footer", "signature_block"]),
 "a05": dict(slug="hongyan", ext="html", township="红岩乡", level="township", county="民乐县", city=None, province=None, y=2022, pub="2023-01-30",
             body="中共红岩乡委员会 红岩乡人民政府", site="民乐县人民政府", tpl="pipe",
             patterns=["joint_party_government", "title_two_lines", "metadata_table", "metadata_row_table", "addressee", "footer", "signature_block"]),
 "a06": dict(slug="jingui", ext="html", enc="gb18030", township="金桂街道", level="street", county="雁塔区", city="西安市", province="陕西省", y=2021, pub="2022-03-18",
             body="陕西省西安市雁塔区金桂街道办事处", site="西安市雁塔区人民政府", tpl="simple",
             patterns=["street", "gb2312_declared_gb18030_saved", "title_city_province_prefix", "city_province_stated", "breadcrumb", "date_header", "publish_info", "footer", "signature_block"]),
 "a07": dict(slug="yunwuping", ext="txt", enc="gb18030", township="云雾坪镇", level="township", county="织金县", city=None, province=None, y=2021, pub="2022-02-10",
             body="云雾坪镇人民政府", site="织金县人民政府", tpl="txt_indent",
             patterns=["copied_text", "gb18030_txt", "site_header", "title_without_year", "year_only_in_body", "addressee", "publish_info", "print_close", "footer", "signature_block"]),
 "a08": dict(slug="yangliuwan", ext="docx", township="杨柳湾镇", level="township", county="洞口县", city=None, province=None, y=2023, pub=None,
             body="洞口县杨柳湾镇人民政府", tpl="docx",
             patterns=["docx", "title_two_lines", "title_county_prefix", "addressee", "signature_block"]),
 "a09": dict(slug="shuanghekou", ext="html", township="双河口乡", level="township", county="来凤县", city=None, province=None, y=2024, pub="2025-02-18",
             body="中共双河口乡委员会 双河口乡人民政府", site="来凤县人民政府", tpl="bracket",
             patterns=["joint_party_government", "metadata_table", "metadata_bracket_style", "metadata_printed_twice", "breadcrumb", "accessibility_bar", "addressee", "print_close", "prev_next", "footer", "qr_code", "signature_block"]),
 "a10": dict(slug="shalenghe", ext="html", township="沙楞河镇", level="township", county="临洮县", city=None, province=None, y=2024, pub="2025-01-21",
             body="临洮县沙楞河镇人民政府", site="临洮县人民政府", tpl="titleless",
             patterns=["title_less_page", "site_name_first_line", "page_title_is_site_name", "publish_info", "addressee", "footer", "signature_block"]),
 "a11": dict(slug="fenglinpo", ext="txt", enc="utf-8", township="枫林坡街道", level="street", county="岳麓区", city="长沙市", province=None, y=2023, pub="2024-02-27",
             body="岳麓区人民政府枫林坡街道办事处", site="长沙市岳麓区人民政府", tpl="txt_breadcrumb",
             patterns=["copied_text", "street", "title_district_gov_prefix", "breadcrumb", "site_header", "accessibility_bar", "publish_info", "font_size_control", "share_links", "footer", "signature_block"]),
 "a12": dict(slug="jinzhuping", ext="html", township="金竹坪镇", level="township", county="灵川县", city=None, province=None, y=2024, pub="2025-02-08",
             body="灵川县金竹坪镇人民政府", site="灵川县人民政府", tpl="county_meta",
             patterns=["metadata_table", "metadata_publisher_is_county", "title_county_prefix", "breadcrumb", "publish_info", "print_close", "footer", "signature_block"]),
 "a13": dict(slug="songshutang", ext="html", township="松树塘乡", level="township", county="会泽县", city=None, province=None, y=2022, pub="2023-02-23",
             body="会泽县松树塘乡人民政府", site="会泽县人民政府", tpl="yn",
             patterns=["body_self_reference_only", "title_without_township", "township_only_in_page_title_and_signature", "breadcrumb", "publish_info", "addressee", "footer", "signature_block"]),
 "a14": dict(slug="fengqi", ext="docx", township="凤栖镇", level="township", county="沂水县", city=None, province=None, y=2021, pub=None,
             body="中共凤栖镇委员会 凤栖镇人民政府", tpl="docx",
             patterns=["docx", "joint_party_government", "title_two_lines", "addressee", "signature_block"]),
 "a15": dict(slug="jinhua", ext="html", township="锦华街道", level="street", county="大东区", city="沈阳市", province=None, y=2022, pub="2023-02-21",
             body="大东区锦华街道办事处", site="沈阳市大东区人民政府", tpl="rowtable",
             patterns=["street", "metadata_table", "metadata_row_table", "title_without_year", "year_only_in_body", "publish_info", "font_size_control", "print_close", "footer", "signature_block"]),
 "a16": dict(slug="yinxing", ext="html", township="银杏街道", level="street", county="温江区", city="成都市", province=None, y=2024, pub="2025-02-17",
             body="成都市温江区银杏街道办事处", site="成都市温江区人民政府", tpl="sz",
             patterns=["street", "body_self_reference_only", "title_without_township", "township_only_in_page_title_and_signature", "breadcrumb", "back_to_top", "publish_info", "font_size_control", "footer", "signature_block"]),
 "a17": dict(slug="yangjiaowan", ext="txt", enc="utf-8", township="羊角湾镇", level="township", county="靖边县", city=None, province=None, y=2021, pub="2022-02-07",
             body="靖边县羊角湾镇人民政府", site="靖边县人民政府", tpl="txt_plain",
             patterns=["copied_text", "site_header", "nav_line", "title_without_year", "year_only_in_body", "addressee", "publish_info", "print_close", "prev_next", "footer", "signature_block"]),
 "a18": dict(slug="chaling", ext="txt", enc="utf-8", township="茶岭镇", level="township", county="霍山县", city=None, province=None, y=2024, pub="2025-02-24",
             body="霍山县茶岭镇人民政府", site="霍山县人民政府", tpl="txt_meta",
             patterns=["copied_text", "metadata_table", "metadata_list_style", "site_header", "title_county_prefix", "publish_info", "qr_code", "footer", "signature_block"]),
 "a19": dict(slug="zaolinping", ext="html", township="枣林坪乡", level="township", county="岚县", city=None, province=None, y=2021, pub="2022-01-18",
             body="岚县枣林坪乡人民政府", site="岚县人民政府", tpl="yn",
             patterns=["breadcrumb", "title_county_prefix", "publish_info", "prev_next", "qr_code", "footer", "signature_block"]),
 "a20": dict(slug="taoyuanping", ext="txt", enc="utf-8", township="桃园坪镇", level="township", county="阜平县", city=None, province=None, y=2022, pub="2023-01-19",
             body="桃园坪镇人民政府", site="阜平县人民政府", tpl="txt_indent",
             patterns=["copied_text", "title_two_lines", "site_header", "publish_info", "print_close", "footer", "signature_block"]),
 "a21": dict(slug="shuangquanpu", ext="html", township="双泉堡镇", level="township", county="梨树县", city=None, province=None, y=2023, pub="2024-02-02",
             body="梨树县双泉堡镇人民政府", site="梨树县人民政府", tpl="list",
             patterns=["metadata_table", "metadata_list_style", "title_county_prefix", "share_links", "accessibility_bar", "footer", "signature_block"]),
 "a22": dict(slug="luhuadang", ext="html", township="芦花荡乡", level="township", county="宁都县", city=None, province=None, y=2023, pub="2024-01-31",
             body="芦花荡乡人民政府", site="宁都县人民政府", tpl="simple",
             patterns=["title_without_year", "year_only_in_body", "addressee", "publish_info", "date_header", "footer", "signature_block"]),
}

# where each pattern was seen (see PATTERNS.md)
U = {
 "cqfd": "http://www.cqfd.gov.cn/zwgk_200/zfxxgkml/fzzfjsbg/xzjd/202602/t20260210_15418039.htm",
 "tengzhou": "http://www.tengzhou.gov.cn/zwgk/xxgkml/zj/bgz/202601/t20260121_2234477.html",
 "jiangle": "http://www.jiangle.gov.cn/zfxxgkzl/zfxxgkml/zdgkdqtxx/202502/t20250219_2101364.htm",
 "shandan": "https://www.shandan.gov.cn/zfxxgk/xzzfxgk/dmyz_7396/xzswgk5/qtfdzdgknr_7410/202601/t20260130_1504742.html",
 "linping": "https://www.linping.gov.cn/art/2025/3/21/art_1229621787_4338931.html",
 "lg": "http://www.lg.gov.cn/bmzz/lcjdb/xxgk/ghjh/ndgzjhjzj/content/post_9464401.html",
 "ynlf": "https://ynlf.gov.cn/info/4078/70287.htm",
 "tjjh24": "http://www.tjjh.gov.cn/jhqzf/zwgk_28985/zfxxgk_qzf1/qzf1/fdzdgknr2/qtfdgkxx2/202403/t20240328_6583952.html",
 "tjjh21": "http://www.tjjh.gov.cn/jhqzf/zwgk_28985/gzbg/202103/t20210329_5396867.html",
 "qzlc": "http://www.qzlc.gov.cn/zwgk/jdyq/jljd/ghgy/202303/t20230330_2863872.htm",
 "cqspb": "https://www.cqspb.gov.cn/zj/xlkjd_64765/zwgk_64769/zfxxgknb_64786/202401/t20240124_12860407.html",
 "cqwx_t": "http://www.cqwx.gov.cn/jz/tcz/zwgk_71780/zfxxgkml/fzzfjsndbg/202601/t20260128_15360182.html",
 "cqwx_d": "http://www.cqwx.gov.cn/jz/dhx/zwgk_71780/zfxxgkml/fzzfjsndbg/202601/t20260128_15360505.html",
 "bidcenter": "https://m.bidcenter.com.cn/newsrili-1-214797481.html",
 "yunan": "https://www.yunan.gov.cn/yfyaza/gkmlpt/content/1/1558/post_1558009.html",
 "jurong": "http://www.jurong.gov.cn/jrxsz/bmwjs/202512/41e65772d86b48238b3b073728442eb4.shtml",
 "dg": "http://www.dg.gov.cn/zwgk/zfxxgkml/dcjd/fzzfjsbg/content/post_3721361.html",
 "jkq": "https://jkq.changzhou.gov.cn/class/HFBAQLIQ",
 "liujiang": "http://www.liujiang.gov.cn/dwxxgkpt/gzxxgk/sdz/ljsdztzgg/202601/t20260109_3711744.shtml",
 "psx": "http://psx.gov.cn/zfjz/hjjdbsc_83302/zwgk_73112/zfxxgkml/fzzfjsndbg/202203/t20220301_10449355.html",
 "hzsc": "https://www.hzsc.gov.cn/art/2024/1/19/art_1229296239_4234092.html",
 "qingcheng": "http://www.qingcheng.gov.cn/qyqcdc/gkmlpt/content/1/1662/post_1662219.html",
 "kaojiao": "http://www.kaojiao.com.cn/chenxi/c114007/202504/b54bda6dc2d248c1a02aac60fea75fa4.shtml",
 "zb": "http://zb.gov.cn/zbxzf/xzfwj/202404/49ca3d0c669f4c2ebf6f7fabf563549c.shtml",
 "yongchang": "https://yongchang.gov.cn/zfxxgk/zc/wj/agwzlfl/jzf/art/2025/art_4ac8ce0009be4a7a991a7121d36457ca.html",
 "xiangshan": "http://www.xiangshan.gov.cn/art/2023/2/21/art_1229682928_4183931.html",
 "cncx": "https://cncx.gov.cn/news/show/20220401114646648.html",
 "dywdw": "https://www.dywdw.cn/1c49ba3074232f60ddccda38376baf1ffc4fe3d0.html",
}
PAT_URL = {
 "metadata_bracket_style": ["cqfd"], "metadata_printed_twice": ["cqfd"], "metadata_list_style": ["tengzhou", "jiangle"],
 "metadata_row_table": ["shandan", "linping"], "breadcrumb": ["cqfd", "lg", "ynlf"], "accessibility_bar": ["tjjh24"],
 "publish_info": ["tjjh24", "qzlc", "lg"], "font_size_control": ["lg", "dywdw"], "footer": ["jkq"], "back_to_top": ["lg", "zb"],
 "date_header": ["tjjh21"], "site_header": ["tjjh24", "tjjh21"], "title_county_prefix": ["cqfd"], "title_district_gov_prefix": ["qzlc"],
 "title_city_province_prefix": ["cqspb"], "title_township_year": ["liujiang", "psx"], "title_without_year": ["cqwx_d"],
 "title_two_lines": ["cqwx_t", "shandan"], "title_without_township": ["bidcenter"], "title_less_page": ["jurong", "dg", "cncx"],
 "body_self_reference_only": ["yunan", "bidcenter"], "joint_party_government": ["shandan", "jiangle"], "addressee": ["ynlf", "jiangle", "shandan"],
 "street": ["qzlc", "hzsc", "lg"], "signature_block": ["yongchang"], "year_only_in_body": ["cqwx_d"], "metadata_publisher_is_county": ["ynlf", "tengzhou"],
 "township_only_in_page_title_and_signature": ["bidcenter"], "site_name_first_line": ["tjjh24", "tjjh21"], "copied_text": ["tjjh21"],
}

def seen_at(patterns):
    out = []
    for p in patterns:
        for key in PAT_URL.get(p, []):
            if U[key] not in out:
                out.append(U[key])
    return out[:6]

# ---------------------------------------------------------------- helpers
def full_title(rid):
    t = R[rid]["title"]
    if len(t) == 2 and t[0].startswith("中共"):
        return t[0] + t[1]
    return "".join(t)

def cdate(s):  # "2024-01-26" -> "2024年01月26日"
    y, m, d = s.split("-")
    return "%s年%s月%s日" % (y, m, d)

def body_html(rid, paras, indent=True):
    r = R[rid]
    out = []
    if r["addressee"]:
        out.append('<p class="addressee">%s</p>' % r["addressee"])
    for p in paras:
        if p[:2] in ("一、", "二、", "三、", "四、"):
            out.append('<p style="text-indent:2em;"><strong>%s</strong></p>' % p)
        else:
            out.append('<p style="text-indent:2em;">%s</p>' % p)
    for s in r["sign"]:
        out.append('<p style="text-align:right;">%s</p>' % s)
    return "\n".join(out)

HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
{metas}<title>{ptitle}</title>
<link rel="stylesheet" type="text/css" href="/images/common.css">
<style type="text/css">
body{{margin:0;font-family:"Microsoft YaHei",SimSun;}}
.article p{{line-height:2em;font-size:16px;}}
.footer{{background:#0c4d9e;color:#fff;}}
</style>
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
function doZoom(size){{ var el=document.getElementById('zoom'); if(el){{ el.style.fontSize=size+'px'; }} }}
</script>
</head>
"""
FOOT_JS = """<script type="text/javascript">
$(function(){ $('.share a').click(function(){ return false; }); });
document.write('<span id="_ideConac"></span>');
</script>
</body>
</html>
"""

def govmeta(site, title, pub, column):
    return ('<meta name="SiteName" content="%s">\n<meta name="ColumnName" content="%s">\n'
            '<meta name="ArticleTitle" content="%s">\n<meta name="PubDate" content="%s">\n') % (site, column, title, pub)

def footer_html(site, code, icp, tel, addr=None):
    a = ('<p>地址：%s</p>\n' % addr) if addr else ""
    return ('<div class="footer">\n<p>主办单位：%s办公室　　承办：%s电子政务中心</p>\n%s'
            '<p>网站标识码：%s　　%s　　联系电话：%s</p>\n<p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>\n</div>\n') % (site, site, a, code, icp, tel)

NAV = '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">走进{short}</a></li></ul></div>'

def short_of(site):
    return site.replace("人民政府", "").replace("湖州市", "").replace("西安市", "").replace("长沙市", "").replace("沈阳市", "").replace("成都市", "")

def title_block(rid, cls="article-title"):
    t = R[rid]["title"]
    if not t:
        return ""
    if len(t) == 1:
        return '<h1 class="%s">%s</h1>' % (cls, t[0])
    return '<div class="%s">%s</div>' % (cls, "".join("<p><strong>%s</strong></p>" % x for x in t))

# ---------------------------------------------------------------- HTML templates
def tpl_bracket(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    index = "11%s0000MB1%03d/%s-%05d" % (n, n, pub[:4], 10 + n * 7)
    issuer = "%s%s人民政府" % (sp["county"], sp["township"])
    cdoc = sp["sign_date_iso"]
    grid = ('<table class="xxgk-table">\n<tr><td>[ 索引号 ]</td><td>%s</td><td>[ 发文字号 ]</td><td></td></tr>\n'
            '<tr><td>[ 主题分类 ]</td><td>公安、安全、司法、法制</td><td>[ 体裁分类 ]</td><td>工作报告</td></tr>\n'
            '<tr><td>[ 发布机构 ]</td><td>%s</td><td>[ 有效性 ]</td><td></td></tr>\n'
            '<tr><td>[ 成文日期 ]</td><td>%s</td><td>[ 发布日期 ]</td><td>%s</td></tr>\n</table>') % (index, issuer, cdoc, pub)
    mob = ('<div class="xxgk-mobile">\n<p>[ 索引号 ] %s</p>\n<p>[ 发文字号 ]</p>\n<p>[ 主题分类 ] 公安、安全、司法、法制</p>\n<p>[ 体裁分类 ] 工作报告</p>\n'
           '<p>[ 发布机构 ] %s</p>\n<p>[ 有效性 ]</p>\n<p>[ 成文日期 ] %s</p>\n<p>[ 发布日期 ] %s</p>\n</div>') % (index, issuer, cdoc, pub)
    short = short_of(site)
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "乡镇街道"), ptitle="%s_%s" % (ft, site)) +
        '<body>\n<div class="top-bar"><span><a href="#">无障碍</a></span> <span><a href="#">简体</a>|<a href="#">繁体</a></span> <span><a href="#">长者模式</a></span></div>\n'
        '<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short=short) + '\n'
        '<div class="position">您当前所在位置：<a href="/">首页</a>&gt;<a href="#">政务公开</a>&gt;<a href="#">法治政府建设报告</a>&gt;<a href="#">乡镇街道</a></div>\n'
        + grid + "\n" + mob + "\n" + title_block(rid) + '\n<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>\n'
        '<div class="prevnext"><p>上一篇：%s关于2025年度部门预算公开的说明</p><p>下一篇：%s安全生产大检查工作情况通报</p></div>\n' % (sp["township"], sp["township"]) +
        '<div class="qr"><img src="/images/qrcode.png" alt=""><p>扫一扫在手机打开当前页</p></div>\n'
        + footer_html(site, "5%05d%04d" % (n * 37, n), "蜀ICP备0501%04d号" % n if n == 1 else "鄂ICP备0800%04d号" % n, "0%d-8%06d" % (816 if n == 1 else 718, n * 1111)) + FOOT_JS)

def tpl_zhejiang(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "法治政府建设"), ptitle="%s" % ft) +
        '<body>\n<div class="header"><div class="logo">%s</div><div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>\n' % site
        + NAV.format(short="吴兴") + '\n'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">法治政府建设</a> &gt; <a href="#">年度报告</a></div>\n'
        + title_block(rid) + '\n'
        '<div class="info"><span>来源：东关街道</span> <span>发布时间：%s 10:05</span> <span>浏览次数：<script>document.write(386)</script></span>'
        ' <span class="zoom">字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>\n' % pub
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>\n'
        '<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>\n'
        + footer_html(site, "3305020017", "浙ICP备05004731号-2", "0572-2033021", addr="浙江省湖州市吴兴区区府路1188号") + FOOT_JS)

def tpl_list(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    issuer = "%s%s人民政府" % (sp["county"], sp["township"])
    index = "36%04d/%s-%05d" % (n * 113, pub[:4], 200 + n) if rid == "a04" else "22%04d/%s-%05d" % (n * 97, pub[:4], 300 + n)
    top = ""
    if rid == "a21":
        top = '<div class="top-bar"><a href="#">无障碍浏览</a> <a href="#">简体</a> | <a href="#">繁體</a></div>\n'
    share = '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>\n' if rid == "a21" else ""
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "法定主动公开内容"), ptitle="%s_%s" % (ft, site)) +
        '<body>\n' + top + '<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short=short_of(site)) + '\n'
        '<div class="meta">\n<ul>\n<li>索 引 号：%s</li>\n<li>主题分类：综合政务</li>\n<li>发布机构：%s</li>\n<li>成文时间：%s</li>\n'
        '<li>文 号：无</li>\n<li>发文时间：%s</li>\n<li>标 题：%s</li>\n<li>效力状态：有效</li>\n</ul>\n</div>\n' % (index, issuer, sp["sign_date_cn"], cdate(pub), ft)
        + title_block(rid) + '\n<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n' + share
        + footer_html(site, "%d" % (3611300000 + n), "赣ICP备1200%04d号" % n if rid == "a04" else "吉ICP备0900%04d号" % n, "0793-73%05d" % n if rid == "a04" else "0434-52%05d" % n) + FOOT_JS)

def tpl_pipe(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    t = R[rid]["title"]
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "其他法定主动公开内容"), ptitle="%s-%s" % (ft, site)) +
        '<body>\n<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short="民乐") + '\n'
        '<h2 class="list-title">%s</h2>\n' % ft +
        '<table class="xxgk">\n<tr><td>索引号</td><td>6207220031/%s-000%02d</td><td>发文字号</td><td></td></tr>\n'
        '<tr><td>关键词</td><td></td><td>发布机构</td><td>%s</td></tr>\n'
        '<tr><td>公开形式</td><td>公开目录</td><td></td><td></td></tr>\n'
        '<tr><td>生成日期</td><td>%s 09:12:40</td><td>是否有效</td><td></td></tr>\n</table>\n' % (pub[:4], n, sp["township"], pub)
        + title_block(rid) + '\n<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        + footer_html(site, "6207220001", "陇ICP备0500%04d号" % n, "0936-44%05d" % n) + FOOT_JS)

def tpl_simple(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    gb = sp.get("enc") == "gb18030"
    weekday = {"a06": "星期五", "a22": "星期三"}[rid]
    crumb = ('<div class="position">您所在的位置：<a href="/">首页</a> &gt; <a href="#">街道办事处</a> &gt; <a href="#">金桂街道</a> &gt; <a href="#">法治政府建设</a></div>\n'
             if rid == "a06" else "")
    src = "金桂街道办事处" if rid == "a06" else "芦花荡乡"
    return (HEAD.format(charset="gb2312" if gb else "utf-8", metas="", ptitle="%s" % ft) +
        '<body>\n<div class="topdate">今天是：%s %s</div>\n' % (cdate(pub), weekday) +
        '<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short=short_of(site)) + '\n' + crumb
        + title_block(rid) + '\n<div class="info">时间：%s 15:36　浏览量：%d　来源：%s</div>\n' % (pub, 3 + n, src)
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        + footer_html(site, "61011300%02d" % n if gb else "3607300%03d" % n, "陕ICP备0600%04d号" % n if gb else "赣ICP备0700%04d号" % n, "029-8%07d" % n if gb else "0797-68%05d" % n) + FOOT_JS)

def tpl_titleless(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]
    return (HEAD.format(charset="utf-8", metas="", ptitle=site) +
        '<body>\n<div class="header"><div class="logo">%s</div></div>\n' % site
        + '<div class="info">发布时间：%s 16:20　来源：沙楞河镇　阅读：<span id="hits">152</span></div>\n' % pub
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        + footer_html(site, "6211240003", "陇ICP备1000%04d号" % n, "0932-2%06d" % n) + FOOT_JS)

def tpl_county_meta(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "乡镇动态"), ptitle="%s - %s" % (ft, site)) +
        '<body>\n<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short="灵川") + '\n'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">信息公开</a> &gt; <a href="#">乡镇信息</a></div>\n'
        '<table class="xxgk">\n<tr><th>索引号</th><td>000014349/%s-0%04d</td><th>分类</th><td>法治政府建设</td></tr>\n'
        '<tr><th>发布机构</th><td>灵川县人民政府</td><th>发文日期</th><td>%s</td></tr>\n'
        '<tr><th>标题</th><td colspan="3">%s</td></tr>\n</table>\n' % (pub[:4], 1000 + n, pub, ft)
        + title_block(rid) + '\n<div class="info">来源：灵川县人民政府办公室　发布时间：%s 11:02　浏览：96</div>\n' % pub
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        '<div class="tools"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></div>\n'
        + footer_html(site, "4503230001", "桂ICP备0500%04d号" % n, "0773-68%05d" % n) + FOOT_JS)

def tpl_yn(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    if rid == "a13":
        ptitle = "松树塘乡2022年法治政府建设工作情况报告-会泽县人民政府"
        info = '日期：%s　作者：党政办　来源：乡人民政府　点击：[<script>_showDynClicks("wbnews", 1750, 70287)</script>]' % cdate(pub)
        extra = ""
    else:
        ptitle = "%s-%s" % (ft, site)
        info = '日期：%s　作者：党政办　来源：枣林坪乡　点击：[<script>_showDynClicks("wbnews", 1750, 61420)</script>]' % cdate(pub)
        extra = ('<div class="prevnext"><p>上一条：关于做好冬春季森林防火工作的通知</p><p>下一条：枣林坪乡2022年财政预算公开</p></div>\n'
                 '<div class="qr"><p>扫一扫在手机打开当前页</p></div>\n')
    return (HEAD.format(charset="utf-8", metas="", ptitle=ptitle) +
        '<body>\n<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short=short_of(site)) + '\n'
        '<div class="crumb"><a href="/">首页</a> &gt;&gt; <a href="#">政府信息公开</a> &gt;&gt; <a href="#">法定主动公开内容</a></div>\n'
        + title_block(rid) + '\n<div class="info">%s</div>\n' % info
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n' + extra
        + footer_html(site, "53032600%02d" % n if rid == "a13" else "14112900%02d" % n, "滇ICP备0800%04d号" % n if rid == "a13" else "晋ICP备0600%04d号" % n, "0874-51%05d" % n if rid == "a13" else "0358-67%05d" % n) + FOOT_JS)

def tpl_rowtable(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; ft = full_title(rid)
    return (HEAD.format(charset="utf-8", metas=govmeta(site, ft, pub, "街道信息公开"), ptitle="%s--%s" % (ft, site)) +
        '<body>\n<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short="大东") + '\n'
        '<table class="detail-meta">\n<tr><td>索引号：</td><td>00125491-4/%s-00%03d</td></tr>\n<tr><td>发布机构：</td><td>沈阳市大东区锦华街道办事处</td></tr>\n'
        '<tr><td>主题分类：</td><td>综合政务</td></tr>\n<tr><td>成文日期：</td><td>%s</td></tr>\n<tr><td>发布日期：</td><td>%s</td></tr>\n<tr><td>文号：</td><td></td></tr>\n</table>\n' % (pub[:4], n, sp["sign_date_iso"], pub)
        + title_block(rid) + '\n<div class="info">发布时间：%s　来源：锦华街道　【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>\n' % pub
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        '<div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>\n'
        + footer_html(site, "2101040001", "辽ICP备0500%04d号" % n, "024-24%06d" % n) + FOOT_JS)

def tpl_sz(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]
    ptitle = "银杏街道办事处2024年法治政府建设年度报告_成都市温江区人民政府"
    return (HEAD.format(charset="utf-8", metas="", ptitle=ptitle) +
        '<body>\n<div class="gotop"><a href="#">回到<br>顶部</a></div>\n<div class="header"><div class="logo">%s</div></div>\n' % site + NAV.format(short="温江") + '\n'
        '<div class="crumb">当前位置: <a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">法治政府建设</a> &gt; <a href="#">镇（街道）</a></div>\n'
        + title_block(rid) + '\n<div class="info">发布时间: %s 来源: 党政办 浏览次数: - <span class="zoom">T浏览字号:<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>\n' % cdate(pub)
        + '<div class="article" id="zoom">\n' + body_html(rid, paras) + '\n</div>\n'
        + footer_html(site, "5101150001", "蜀ICP备0502%04d号" % n, "028-826%05d" % n) + FOOT_JS)

# ---------------------------------------------------------------- TXT templates (text selected and copied from a page)
def txt_body(rid, paras, indent):
    r = R[rid]; lines = []
    pre = "　　" if indent else ""
    if r["addressee"]:
        lines.append(r["addressee"])
    for p in paras:
        lines.append((pre + p) if not p[:2] in ("一、", "二、", "三、") or not indent else pre + p)
    lines.extend(r["sign"])
    return lines

def txt_render(rid, sp, paras, n):
    site = sp["site"]; pub = sp["pub"]; tpl = sp["tpl"]; t = R[rid]["title"]
    L = []
    if tpl == "txt_plain":
        L += [site, "首页  政务公开  政务服务  互动交流  走进%s" % short_of(site), "当前位置：首页 > 政务公开 > 乡镇信息", ""]
        L += t
        src = "白沙河乡人民政府" if rid == "a03" else "羊角湾镇"
        L += ["发布时间：%s 10:21  来源：%s  浏览次数：%d" % (pub, src, 268 + n), "【字体：大 中 小】", ""]
        L += txt_body(rid, paras, False)
        L += ["", "【打印本页】 【关闭窗口】", "上一篇：%s开展冬季消防安全检查" % sp["township"], "下一篇：%s召开村级财务管理工作会议" % sp["township"], "",
              "主办单位：%s办公室  网站标识码：%d" % (site, 4114220000 + n), "%s  技术支持：县大数据中心" % ("豫ICP备0500%04d号" % n if rid == "a03" else "陕ICP备0700%04d号" % n)]
    elif tpl == "txt_indent":
        L += ["%s 欢迎您！" % site if rid == "a07" else site, ""]
        L += t
        if rid == "a07":
            L += ["发布日期：%s    信息来源：云雾坪镇    【打印】【关闭】" % cdate(pub), ""]
        else:
            L += ["", "时间：%s    来源：桃园坪镇    【打印】 【关闭】" % pub, ""]
        L += txt_body(rid, paras, True)
        L += ["", "版权所有：%s  网站标识码：%s" % (site, "52052400%02d" % n if rid == "a07" else "13062600%02d" % n),
              "%s  公网安备 %d号" % ("黔ICP备0800%04d号" % n if rid == "a07" else "冀ICP备0600%04d号" % n, 52052402000100 + n if rid == "a07" else 13062602000200 + n)]
    elif tpl == "txt_breadcrumb":
        L += [site, "无障碍 | 长者模式", "首页", "政务公开", "政务服务", "互动交流", "数据开放",
              "当前位置：首页 > 政务公开 > 街道信息 > 枫林坡街道 > 法治政府建设", ""]
        L += t
        L += ["来源：枫林坡街道办事处    发布时间：%s 09:30    浏览量：211" % pub, "字号：大 中 小    分享到：微信 微博", ""]
        L += txt_body(rid, paras, False)
        L += ["", "相关链接", "长沙市人民政府 | 岳麓区融媒体中心",
              "主办：%s办公室  网站标识码：4301040001  湘ICP备05000811号" % site]
    elif tpl == "txt_meta":
        L += [site, "信息公开 > 乡镇 > 茶岭镇 > 法治政府建设年度报告", "",
              "索引号：11341525MB1%04d/%s-0%04d" % (n * 3, pub[:4], 20 + n), "信息分类：法治政府建设年度报告",
              "发布机构：霍山县茶岭镇", "生成日期：%s" % pub, "公开方式：主动公开", "文　　号：", "公开时限：长期公开", ""]
        L += t
        L += ["发布时间：%s 15:42  来源：茶岭镇  浏览次数：147" % pub, ""]
        L += txt_body(rid, paras, False)
        L += ["", "相关稿件", "扫一扫在手机打开当前页", "主办：%s办公室  网站标识码：3415250001  皖ICP备05018%03d号" % (site, n)]
    return "\n".join(L) + "\n"

# ---------------------------------------------------------------- DOCX
def write_docx(rid, sp, paras, path):
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    st = d.styles["Normal"]; st.font.name = "仿宋"; st.font.size = Pt(16)
    for line in R[rid]["title"]:
        p = d.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line); run.bold = True; run.font.size = Pt(22)
    d.add_paragraph("")
    if R[rid]["addressee"]:
        d.add_paragraph(R[rid]["addressee"])
    for para in paras:
        p = d.add_paragraph(para)
        if para[:2] in ("一、", "二、", "三、"):
            p.runs[0].bold = True
        else:
            p.paragraph_format.first_line_indent = Pt(32)
    d.add_paragraph("")
    for s in R[rid]["sign"]:
        p = d.add_paragraph(s); p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.core_properties.title = ""
    d.core_properties.author = "Administrator"
    d.save(path)

TPL = dict(bracket=tpl_bracket, zhejiang=tpl_zhejiang, list=tpl_list, pipe=tpl_pipe, simple=tpl_simple,
           titleless=tpl_titleless, county_meta=tpl_county_meta, yn=tpl_yn, rowtable=tpl_rowtable, sz=tpl_sz)

def sign_date(rid):
    s = R[rid]["sign"][-1]  # 2024年1月22日
    y, rest = s.split("年"); m, rest = rest.split("月"); d = rest.rstrip("日")
    return "%s-%02d-%02d" % (y, int(m), int(d)), s

def main():
    expected = []
    for rid in sorted(SPECS):
        sp = SPECS[rid]; n = int(rid[1:])
        sp["sign_date_iso"], sp["sign_date_cn"] = sign_date(rid)
        paras = expand(rid, sp)
        r = R[rid]
        nchar = sum(len(x) for x in r["title"]) + len(r["addressee"] or "") + sum(len(p) for p in paras) + sum(len(x) for x in r["sign"])
        assert 800 <= nchar <= 2500, (rid, nchar)
        fn = "%s_%s.%s" % (rid, sp["slug"], sp["ext"])
        path = os.path.join(OUT, fn)
        if sp["ext"] == "html":
            html = TPL[sp["tpl"]](rid, sp, paras, n)
            with open(path, "wb") as f:
                f.write(html.encode(sp.get("enc", "utf-8")))
        elif sp["ext"] == "txt":
            with open(path, "wb") as f:
                f.write(txt_render(rid, sp, paras, n).encode(sp.get("enc", "utf-8")))
        else:
            write_docx(rid, sp, paras, path)
        # report year and publication year sanity
        assert int(sp["sign_date_iso"][:4]) == sp["y"] + 1, rid
        if sp["pub"]:
            assert int(sp["pub"][:4]) == sp["y"] + 1, rid
        expected.append(dict(file="reports/" + fn, patterns=sp["patterns"], seen_at=seen_at(sp["patterns"]), level=sp["level"],
                             body=sp["body"], township=sp["township"], county=sp["county"], city=sp["city"],
                             province=sp["province"], year=sp["y"]))
        print(rid, fn, nchar)
    with open(os.path.join(HERE, "expected.jsonl"), "w", encoding="utf-8") as f:
        for e in expected:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main()
