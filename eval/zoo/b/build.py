# -*- coding: utf-8 -*-
"""Build format zoo b: reports/, expected.jsonl, gold.jsonl.

Run: /work/main/.venv/bin/python eval/zoo/b/build.py
Texts live in reports_text.py; this script only lays them out as saved
pages (html), copied page text (txt, UTF-8 or GB18030) and Word files (docx).
"""
import html
import json
import os
import sys

from opencc import OpenCC

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from reports_text import REPORTS  # noqa: E402

S2T = OpenCC("s2t")
CONVERTERS = {"s2t": S2T, "s2tw": OpenCC("s2tw")}
OUT = os.path.join(HERE, "reports")

STYLE_CSS = """
body{margin:0;background:#f2f2f2;font:14px/1.8 "Microsoft YaHei",SimSun,Arial,sans-serif;color:#333}
.wrap{width:1100px;margin:0 auto;background:#fff}
.top{height:96px;background:#b8211c;color:#fff;position:relative}
.top .site{font-size:30px;line-height:96px;padding-left:30px;font-weight:bold}
.top .date,.top .links{position:absolute;right:20px;top:10px;font-size:12px}
.nav{margin:0;padding:0;list-style:none;background:#8e1712;overflow:hidden}
.nav li{float:left}.nav a{display:block;color:#fff;padding:0 26px;line-height:42px;text-decoration:none}
.crumb{padding:12px 20px;border-bottom:1px solid #e5e5e5;font-size:13px}
.article{padding:20px 60px}
.article h1{font-size:24px;text-align:center;color:#111}
.info{text-align:center;color:#888;font-size:12px;border-bottom:1px dashed #ccc;padding-bottom:10px}
#zoom p{text-indent:2em;margin:8px 0}
.xxgk_table{width:100%;border-collapse:collapse;font-size:13px;background:#f8f8f8}
.xxgk_table td{border:1px solid #ddd;padding:6px 10px}
.xxgk_list{display:none}
.footer{background:#eee;text-align:center;font-size:12px;padding:18px 0;color:#666}
"""

HEAD_SCRIPT = "var _hmt = _hmt || [];(function(){var hm=document.createElement('script');hm.src='/js/tongji.js';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(hm,s);})();"
TAIL_SCRIPT = ("function doZoom(size){document.getElementById('zoom').style.fontSize=size+'px';}\n"
               "$(function(){$.get('/api/hits',{id:'%s'},function(n){$('#hits').text(n);});});")


def esc(s):
    return html.escape(s, quote=False)


def report_lines(r):
    """Title, salutation, body paragraphs, signature — the report's own text."""
    body = [ln.strip() for ln in r["body"].strip().splitlines() if ln.strip()]
    lines = [r["title"]]
    if r.get("salutation"):
        lines.append(r["salutation"])
    return lines, body, list(r["sign"])


def conv(r, s):
    return CONVERTERS[r.get("variant", "s2t")].convert(s)


def conv_furniture(r, s):
    return conv(r, s) if r["trad"] == "furniture" else s


def nav_html(r, f):
    items = "".join('<li><a href="/col/%d/index.html">%s</a></li>' % (i, esc(f(x))) for i, x in enumerate(r["nav"]))
    return '<ul class="nav">%s</ul>' % items


def top_html(r, f):
    parts = ['<div class="top">']
    if r.get("sitepre"):
        parts.append('<div class="site">%s　%s</div>' % (esc(f(r["sitepre"])), esc(f(r["site"]))))
    else:
        parts.append('<div class="site">%s</div>' % esc(f(r["site"])))
    links = []
    if r.get("stale"):
        links.append('<span class="date">%s</span>' % esc(f(r["stale"])))
    if r.get("langswitch"):
        links.append('<a href="?lang=s">%s</a> | <a href="?lang=t">%s</a>' % (esc(f("简体版")), "繁體版"))
    for x in r.get("toplinks", []):
        links.append('<a href="#">%s</a>' % esc(f(x)))
    if links:
        parts.append('<div class="links">%s</div>' % "　".join(links))
    parts.append("</div>")
    return "".join(parts)


def crumb_html(r, f, lead, sep):
    a = sep.join('<a href="#">%s</a>' % esc(f(c)) for c in r["crumbs"])
    return '<div class="crumb">%s%s</div>' % (esc(f(lead)), a)


def content_html(r, f, repeat_title=True, split_title=False):
    title_lines, body, sign = report_lines(r)
    out = ['<div class="content" id="zoom">']
    if repeat_title:
        t = f(title_lines[0])
        if split_title:
            cut = t.index("工作报告") if "工作报告" in t else len(t) // 2
            out.append('<p style="text-align:center"><strong>%s</strong></p>' % esc(t[:cut]))
            out.append('<p style="text-align:center"><strong>%s</strong></p>' % esc(t[cut:]))
        else:
            out.append('<p style="text-align:center"><strong>%s</strong></p>' % esc(t))
    for ln in title_lines[1:]:
        out.append('<p style="text-indent:0">%s</p>' % esc(ln))
    for ln in body:
        out.append("<p>%s</p>" % esc(ln))
    out.append("<p>&nbsp;</p>")
    for ln in sign:
        out.append('<p style="text-align:right">%s</p>' % esc(ln))
    out.append("</div>")
    return "\n".join(out)


def footer_html(r, f):
    lines = "".join("<p>%s</p>" % esc(f(x)) for x in r["footer"])
    return '<div class="footer">%s<p><a href="#">%s</a> | <a href="#">%s</a> | <a href="#">%s</a></p></div>' % (
        lines, esc(f("网站地图")), esc(f("联系我们")), esc(f("隐私声明")))


def page(r, inner):
    f = lambda s: conv_furniture(r, s)  # noqa: E731
    title = f(r["title"]) + "_" + f(r["site"])
    doc = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="%s">
<meta name="ArticleTitle" content="%s">
<title>%s</title>
<link rel="stylesheet" type="text/css" href="/images/common.css">
<style type="text/css">%s</style>
<script type="text/javascript">%s</script>
</head>
<body>
<div class="wrap">
%s
</div>
<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<script type="text/javascript">%s</script>
</body>
</html>
""" % (esc(f(r["site"])), esc(f(r["title"])), esc(title), STYLE_CSS, HEAD_SCRIPT, inner, TAIL_SCRIPT % r["id"])
    if r["trad"] == "full":
        doc = conv(r, doc)
    return doc


def build_html(r):
    f = lambda s: conv_furniture(r, s)  # noqa: E731
    st = r["style"]
    parts = [top_html(r, f), nav_html(r, f)]
    if st == "A":
        parts.append(crumb_html(r, f, "您当前所在位置：", " &gt; "))
        info = '%s%s　%s%s　%s<span id="hits">%s</span>　【%s<a href="javascript:doZoom(18)">%s</a> <a href="javascript:doZoom(16)">%s</a> <a href="javascript:doZoom(14)">%s</a>】' % (
            esc(f("发布时间：")), esc(r["pub"]), esc(f("信息来源：")), esc(f(r["source"])), esc(f("浏览次数：")), esc(r["views"]),
            esc(f("字体：")), esc(f("大")), esc(f("中")), esc(f("小")))
        parts.append('<div class="article"><h1>%s</h1><div class="info">%s</div>' % (esc(f(r["title"])), info))
        parts.append(content_html(r, f))
        parts.append('<div class="tools"><a href="javascript:window.print()">%s</a>　<a href="javascript:window.close()">%s</a></div></div>' % (
            esc(f("【打印本页】")), esc(f("【关闭窗口】"))))
    elif st == "B":
        parts.append(crumb_html(r, f, "您当前所在位置：", "&gt;"))
        rows = []
        m = r["meta"]
        for i in range(0, len(m), 2):
            cells = "".join("<td>[ %s ]</td><td>%s</td>" % (esc(f(k)), esc(f(v))) for k, v in m[i:i + 2])
            rows.append("<tr>%s</tr>" % cells)
        parts.append('<table class="xxgk_table">%s</table>' % "".join(rows))
        parts.append('<ul class="xxgk_list">%s</ul>' % "".join("<li>[ %s ] %s</li>" % (esc(f(k)), esc(f(v))) for k, v in m))
        parts.append('<div class="article"><h1>%s</h1>' % esc(f(r["title"])))
        parts.append(content_html(r, f, repeat_title=False))
        parts.append('<div class="tools"><a href="#">%s</a> <a href="#">%s</a></div></div>' % (esc(f("【打印】")), esc(f("【关闭】"))))
    elif st == "C":
        parts.append(crumb_html(r, f, "您当前的位置：", " &gt; "))
        bits = ["%s%s" % (esc(f("发布日期：")), esc(r["pub"]))]
        if r.get("source"):
            bits.append("%s%s" % (esc(f("来源：")), esc(f(r["source"]))))
        bits.append('%s<span id="hits">%s</span>' % (esc(f("浏览次数：")), esc(r.get("views", ""))))
        bits.append('%s<a href="javascript:doZoom(18)">%s</a> <a href="javascript:doZoom(16)">%s</a> <a href="javascript:doZoom(14)">%s</a>' % (
            esc(f("字体大小：")), esc(f("大")), esc(f("中")), esc(f("小"))))
        parts.append('<div class="article"><h1>%s</h1><div class="info">%s</div>' % (esc(f(r["title"])), "　".join(bits)))
        parts.append(content_html(r, f))
        parts.append('<div class="tools"><span>%s</span> <a href="#">%s</a> <a href="#">%s</a> <a href="#">%s</a>　<a href="javascript:window.print()">%s</a></div></div>' % (
            esc(f("分享到：")), esc(f("微信")), esc(f("微博")), esc(f("QQ空间")), esc(f("【打印正文】"))))
    elif st == "D":
        parts.append(crumb_html(r, f, "当前位置：", " &gt; "))
        parts.append('<ul class="xxgk_meta">%s</ul>' % "".join("<li>%s：%s</li>" % (esc(f(k)), esc(f(v))) for k, v in r["meta"]))
        parts.append('<div class="article">')
        parts.append(content_html(r, f, split_title=(r["id"] == "b09")))
        parts.append("</div>")
    parts.append(footer_html(r, f))
    return page(r, "\n".join(parts))


def build_txt(r):
    title_lines, body, sign = report_lines(r)
    lines = list(r["head"]) + title_lines + body + sign + list(r["tail"])
    nl = "\r\n" if r["enc"] == "gb18030" else "\n"
    return (nl.join(lines) + nl).encode(r["enc"])


def build_docx(r, path):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "仿宋_GB2312"
    st.font.size = Pt(16)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    title_lines, body, sign = report_lines(r)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title_lines[0])
    run.bold = True
    run.font.size = Pt(22)
    doc.add_paragraph("")
    for ln in title_lines[1:]:
        doc.add_paragraph(ln)
    for ln in body:
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(32)
        rr = q.add_run(ln)
        if ln[:2] in ("一、", "二、", "三、"):
            rr.bold = True
    doc.add_paragraph("")
    for ln in sign:
        q = doc.add_paragraph(ln)
        q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.core_properties.author = "Administrator"
    doc.core_properties.title = ""
    doc.save(path)


def report_text_len(r):
    title_lines, body, sign = report_lines(r)
    return sum(len(x) for x in title_lines + body + sign)


# ------------------------------------------------------------------ gold
# quotes written in simplified; converted for fully traditional pages.
GOLD = [
    ("b01", "青岩溪去年一共调处了多少起矛盾纠纷？", "96件（调解成功93件）", ["96"], "青岩溪瑶族乡", "排查调处各类矛盾纠纷96件"),
    ("b02", "老虎山乡那达慕和赶集时发了多少本双语普法宣传册？", "2100份", ["2100"], "老虎山蒙古族乡", "发放蒙汉双语宣传册2100份"),
    ("b03", "龙泉坝回族乡过开斋节、古尔邦节那阵子搞的法治宣传，一共有多少群众受了教育？", "2700余人次（宣传18场次）", ["2700"], "龙泉坝回族乡", "受教育群众2700余人次"),
    ("b04", "七家沟满族乡2024年行政处罚一共罚没了多少钱？", "1.35万元", ["1.35"], "七家沟满族乡", "罚没款合计1.35万元"),
    ("b05", "呼格吉勒图苏木帮牧民起草了几份草场流转合同？", "43份", ["43"], "呼格吉勒图苏木", "为牧民起草草场流转合同43份"),
    ("b06", "塔日根敖包苏木2021年化解了多少件纠纷？", "44件，调解成功42件", ["44"], "塔日根敖包苏木", "全年化解各类纠纷44件"),
    ("b07", "一三三团现在培养了多少个法律明白人？", "88名", ["88"], "一三三团", "培育“法律明白人”88名"),
    ("b08", "一八九团的法律援助工作站去年给职工群众做了多少人次法律咨询？", "320人次", ["320"], "一八九团", "提供法律咨询320人次"),
    ("b09", "巴润哈达镇给多少户个体工商户做了法治体检？", "214户", ["214"], "巴润哈达镇", "对辖区214户个体工商户开展“法治体检”"),
    ("b10", "茅坪溪乡公布的权责清单和公共服务事项清单加起来有多少项？", "84项", ["84"], "茅坪溪乡", "公布乡级权责清单和公共服务事项清单，共计84项"),
    ("b11", "伊洛湾街道矛盾纠纷多元化解中心一年受理了多少件纠纷？", "138件，调解成功131件", ["138"], "伊洛湾街道", "全年受理纠纷138件"),
    ("b12", "龙湖坪乡“法治进乡村”活动发了多少份宣传材料？", "1800余份", ["1800"], "龙湖坪乡", "发放宣传材料1800余份"),
    ("b13", "桂岭埔镇2023年接待群众来访多少批次？", "69批次", ["69"], "桂岭埔镇", "接待群众来访69批次"),
    ("b14", "新洋港镇联合海事、渔政搞了多少次渔港执法检查？", "64次", ["64"], "新洋港镇", "开展渔港执法检查64次"),
    ("b15", "王狮沟乡乡长办公会去年集体研究了多少个事项？", "46项", ["46"], "王狮沟乡", "乡长办公会集体研究事项46项"),
    ("b16", "茅田坝镇“法律进村入户”宣传覆盖了多少人？", "2600余人次", ["2600"], "茅田坝镇", "受众2600余人次"),
    ("b12", "龙湖坪持证的执法人员有几个？", "8名", ["8名"], "龙湖坪乡", "全乡持证执法人员8名"),
    ("b13", "桂岭埔镇的镇法律顾问一年参与处理了多少件事务？", "32件", ["32"], "桂岭埔镇", "合同审查等事务32件"),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    by_id = {}
    exp_rows = []
    for r in REPORTS:
        fname = "%s_%s.%s" % (r["id"], r["slug"], r["ext"])
        path = os.path.join(OUT, fname)
        if r["ext"] == "html":
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(build_html(r))
        elif r["ext"] == "txt":
            with open(path, "wb") as fh:
                fh.write(build_txt(r))
        elif r["ext"] == "docx":
            build_docx(r, path)
        n = report_text_len(r)
        flag = "" if 800 <= n <= 2500 else "  <-- LENGTH OUT OF RANGE"
        print("%-44s %5d chars%s" % (fname, n, flag))
        row = {"file": "reports/" + fname}
        row.update(r["exp"])
        exp_rows.append(row)
        by_id[r["id"]] = (r, row)
    with open(os.path.join(HERE, "expected.jsonl"), "w", encoding="utf-8") as fh:
        for row in exp_rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as fh:
        for i, (rid, q, a, must, tw, quote) in enumerate(GOLD, 1):
            r, _ = by_id[rid]
            if r["trad"] == "full":
                quote = conv(r, quote)
            item = {"id": "zoo-b%02d" % i, "type": "fact", "form": "zoo", "question": q, "answer": a,
                    "must_include": must, "townships": [tw], "evidence": [{"township": tw, "quote": quote}]}
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print("wrote %d reports, %d gold" % (len(exp_rows), len(GOLD)))


if __name__ == "__main__":
    main()
