# -*- coding: utf-8 -*-
"""Build the 16 zoo-c report files from reports_text.py.

Run: /work/main/.venv/bin/python build.py   (from this directory)
Writes reports/c01_… … reports/c16_… ; expected.jsonl and gold.jsonl are
written by hand-kept data at the bottom of this file.
"""
import html
import json
import os

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from opencc import OpenCC

from reports_text import R

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reports")
os.makedirs(OUT, exist_ok=True)
S2T = OpenCC("s2t")

FILES = {
    "c01": "c01_danhe_jiedao.html",
    "c02": "c02_lantang_jiedao.txt",
    "c03": "c03_limuya_baizuxiang.html",
    "c04": "c04_dongshahe_chaoxianzuxiang.docx",
    "c05": "c05_jiaxian_zhengfu.html",
    "c06": "c06_yanshanxian_nongyenongcunju.html",
    "c07": "c07_qingzhupu_zhen.html",
    "c08": "c08_lujiaowan_xiang_cnyear.html",
    "c09": "c09_taohuapu_zhen_noyear.html",
    "c10": "c10_shanmuao_xiang_noyear_gbk.txt",
    "c11": "c11_lugouji_zhen_selfref.html",
    "c12": "c12_linghouyang_xiang_selfref.docx",
    "c13": "c13_meiziwan_zhen_shufa_gbk.html",
    "c14": "c14_tongmukeng_xiang_trad.html",
    "c15": "c15_zhaiziping_xiang.txt",
    "c16": "c16_baishitan_zhen.txt",
}

E = html.escape


def article_html(r, title_tag="h1", sign_style="text-align:right"):
    out = []
    if len(r["title"]) == 1:
        out.append('<%s class="art-title">%s</%s>' % (title_tag, E(r["title"][0]), title_tag))
    else:
        out.append('<%s class="art-title">%s</%s>' % (
            title_tag, "<br/>".join(E(t) for t in r["title"]), title_tag))
    out.append('<div class="TRS_Editor">')
    if r["addressee"]:
        out.append('<p>%s</p>' % E(r["addressee"]))
    for p in r["paras"]:
        out.append('<p style="text-indent:2em">%s</p>' % E(p))
    out.append('<p>&nbsp;</p>')
    for s in r["sign"]:
        out.append('<p style="%s">%s</p>' % (sign_style, E(s)))
    out.append('</div>')
    return "\n".join(out)


def report_lines(r, repeat_title=True):
    lines = []
    if repeat_title:
        lines.extend(r["title"])
        lines.append("")
    if r["addressee"]:
        lines.append(r["addressee"])
    for p in r["paras"]:
        lines.append("　　" + p)
    lines.append("")
    lines.extend(r["sign"])
    return lines


def page(head_title, metas, body, charset="utf-8", lang="zh-CN"):
    m = "\n".join('<meta name="%s" content="%s">' % (k, E(v)) for k, v in metas)
    return """<!DOCTYPE html>
<html lang="%s">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%s">
<title>%s</title>
%s
<link rel="stylesheet" href="/css/style.css">
<script type="text/javascript">var _hmt = _hmt || []; /* 统计代码 */</script>
<style>.art-title{font-size:22px;text-align:center}</style>
</head>
<body>
%s
<script src="/js/share.js"></script>
</body>
</html>
""" % (lang, charset, E(head_title), m, body)


def write(name, text, encoding="utf-8"):
    with open(os.path.join(OUT, name), "w", encoding=encoding, newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------- c01
def build_c01():
    r = R["c01"]
    t = r["title"][0]
    body = """<div class="top"><span>高平市人民政府门户网站</span> <span class="date">无障碍浏览 | 长者模式</span></div>
<div class="nav"><a href="/">首页</a> <a href="/zjgp/">走进高平</a> <a href="/zwgk/">政务公开</a> <a href="/zwfw/">政务服务</a> <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xzjd/">乡镇（街道）信息公开</a> &gt; <a href="/zwgk/xzjd/dhjd/">丹河街道</a> &gt; 法治政府建设</div>
<table class="xxgk-meta">
<tr><th>索 引 号：</th><td>14058100-0203/2024-00011</td><th>发布机构：</th><td>高平市丹河街道办事处</td></tr>
<tr><th>生成日期：</th><td>2024-01-26</td><th>公开方式：</th><td>主动公开</td></tr>
<tr><th>文　　号：</th><td>无</td><th>有 效 性：</th><td>有效</td></tr>
<tr><th>标　　题：</th><td colspan="3">%s</td></tr>
</table>
<div class="info">发布时间：2024-02-01 16:20　来源：丹河街道　浏览次数：<span id="hits"></span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
%s
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="./t20240130_1987.html">龙渠镇2023年法治政府建设情况报告</a><span>2024-01-30</span></li>
<li><a href="./t20240129_1981.html">泫水街道办事处关于2023年法治政府建设情况的报告</a><span>2024-01-29</span></li>
<li><a href="./t20240125_1966.html">寺后乡2023年度法治政府建设工作报告</a><span>2024-01-25</span></li>
<li><a href="./t20240119_1940.html">高平市2023年度法治政府建设工作要点落实情况</a><span>2024-01-19</span></li>
</ul></div>
<div class="footer"><p>主办单位：高平市人民政府办公室　承办单位：高平市政务信息中心</p>
<p>地址：山西省晋城市高平市政府大院　联系电话：0356-5222001</p>
<p>网站标识码：1405810001　晋ICP备05002817号　晋公网安备14058102000123号</p></div>""" % (E(t), article_html(r))
    metas = [("SiteName", "高平市人民政府"),
             ("ColumnName", "法治政府建设"), ("ArticleTitle", t),
             ("PubDate", "2024-02-01 16:20"), ("ContentSource", "丹河街道")]
    write(FILES["c01"], page(t + "_高平市人民政府", metas, body))


# ---------------------------------------------------------------- c02
def build_c02():
    r = R["c02"]
    lines = ["株洲市渌口区人民政府",
             "首页 | 走进渌口 | 政务公开 | 政务服务 | 互动交流 | 专题专栏",
             "您当前的位置：首页 > 政务公开 > 街道信息公开 > 兰塘街道 > 法治政府建设",
             "",
             r["title"][0],
             "发布时间：2023-02-20 10:12　　来源：兰塘街道办事处　　浏览次数：",
             "【字体：大 中 小】　【打印】　【关闭】",
             ""]
    lines += report_lines(r)
    lines += ["",
              "相关链接：株洲市人民政府 | 渌口区政务服务网 | 渌口区融媒体中心",
              "主办单位：株洲市渌口区人民政府办公室　　网站标识码：4302210001",
              "湘ICP备06012345号　　湘公网安备43022102000088号"]
    write(FILES["c02"], "\n".join(lines) + "\n")


# ---------------------------------------------------------------- c03
def build_c03():
    r = R["c03"]
    t = r["title"][0]
    body = """<div class="header"><div class="logo">桑植县人民政府</div><div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进桑植</li></ul>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xzzw/">乡镇政务</a> &gt; <a href="/zwgk/xzzw/lmyxz/">栗木垭白族乡</a></div>
<div class="article">
%s
<div class="pubinfo">发布时间：2025-02-08 09:31　　信息来源：桑植县栗木垭白族乡　　【字体：大 中 小】</div>
</div>
<div class="page-turn">
<p>上一篇：<a href="./202502/t20250207_3310.html">竹叶坪乡2024年度法治政府建设情况报告</a></p>
<p>下一篇：<a href="./202502/t20250210_3322.html">桐溪口镇2024年度法治政府建设情况报告</a></p>
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a>　<a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="footer">
<p>主办单位：桑植县人民政府办公室　　技术支持：张家界市大数据中心</p>
<p>地址：湖南省张家界市桑植县人民政府大院　　邮编：427100</p>
<p>网站标识码：4308220001　　湘ICP备05008611号-1　　湘公网安备43082202000017号</p>
</div>""" % article_html(r)
    metas = [("keywords", "法治政府建设,年度报告"), ("description", t)]
    write(FILES["c03"], page(t + " - 桑植县人民政府", metas, body))


# ---------------------------------------------------------------- c04
def docx_report(r, path, top_lines=()):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.size = Pt(14)
    for tl in top_lines:
        p = d.add_paragraph(tl)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for tl in r["title"]:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(tl)
        run.bold = True
        run.font.size = Pt(20)
    d.add_paragraph("")
    if r["addressee"]:
        d.add_paragraph(r["addressee"])
    for para in r["paras"]:
        p = d.add_paragraph(para)
        p.paragraph_format.first_line_indent = Pt(28)
    d.add_paragraph("")
    for s in r["sign"]:
        p = d.add_paragraph(s)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)


def build_c04():
    docx_report(R["c04"], os.path.join(OUT, FILES["c04"]),
                top_lines=("东沙河朝鲜族乡人民政府文件", "东政发〔2023〕3号"))


# ---------------------------------------------------------------- c05
def build_c05():
    r = R["c05"]
    t = r["title"][0]
    body = """<div class="head">郏县人民政府<span class="sub">门户网站</span></div>
<div class="nav">首页 | 政务公开 | 政务服务 | 政民互动 | 魅力郏县</div>
<div class="location">您现在的位置：首页 &gt; 政务公开 &gt; 法治政府建设 &gt; 年度报告</div>
<ul class="gk-meta">
<li><span>索引号：</span>4104250001/2023-00017</li>
<li><span>主题分类：</span>政府工作</li>
<li><span>发文机关：</span>郏县人民政府</li>
<li><span>发文字号：</span>郏政文〔2023〕9号</li>
<li><span>成文日期：</span>2023年03月10日</li>
<li><span>发布日期：</span>2023年03月15日</li>
</ul>
%s
<div class="share">分享到：<a>微信</a> <a>微博</a>　<a href="javascript:window.print()">[打印]</a> <a href="javascript:window.close()">[关闭]</a></div>
<div class="foot">
<p>主办：郏县人民政府办公室　　承办：郏县政务服务和大数据管理局</p>
<p>河南省平顶山市郏县行政路1号　　豫ICP备10012345号　　网站标识码：4104250001</p>
</div>""" % article_html(r)
    metas = [("SiteName", "郏县人民政府"), ("ArticleTitle", t), ("PubDate", "2023-03-15")]
    write(FILES["c05"], page(t, metas, body))


# ---------------------------------------------------------------- c06
def build_c06():
    r = R["c06"]
    t = r["title"][0]
    body = """<div class="banner">铅山县人民政府</div>
<div class="nav">首页　信息公开　政务服务　互动交流　走进铅山</div>
<div class="crumb">当前位置：首页 &gt; 信息公开 &gt; 部门信息公开 &gt; 县农业农村局 &gt; 法治政府建设年度报告</div>
<table class="meta" border="1">
<tr><td>索引号</td><td>361124-0107/2025-00004</td><td>发布机构</td><td>铅山县农业农村局</td></tr>
<tr><td>生成日期</td><td>2025-02-26</td><td>发布日期</td><td>2025-03-04</td></tr>
<tr><td>文号</td><td></td><td>有效性</td><td>有效</td></tr>
</table>
%s
<div class="prevnext"><p>上一篇：<a>铅山县农业农村局2024年政府信息公开工作年度报告</a></p><p>下一篇：<a>铅山县农业农村局2025年部门预算公开</a></p></div>
<div class="footer">
<p>主办单位：铅山县人民政府办公室　　网站标识码：3611240001</p>
<p>地址：江西省上饶市铅山县新城区政府大楼　　赣ICP备09001234号</p>
</div>""" % article_html(r)
    metas = [("SiteName", "铅山县人民政府"), ("ColumnName", "法治政府建设年度报告"), ("ArticleTitle", t)]
    write(FILES["c06"], page(t + "_部门信息公开_铅山县人民政府", metas, body))


# ---------------------------------------------------------------- c07
def build_c07():
    r = R["c07"]
    t = r["title"][0]
    body = """<div class="top-bar">泾县人民政府　｜　<a>无障碍</a>　<a>关怀版</a></div>
<div class="nav"><a>首页</a><a>信息公开</a><a>政务服务</a><a>互动交流</a><a>走进泾县</a></div>
<div class="crumb">首页 &gt; 信息公开 &gt; 乡镇信息公开 &gt; 青竹铺镇 &gt; 法治政府建设年度报告</div>
<table class="info-table">
<tr><th>信息索引号</th><td>113418230031526481/202402-00005</td><th>信息分类</th><td>法治政府建设年度报告</td></tr>
<tr><th>发布机构</th><td>泾县青竹铺镇</td><th>生成日期</th><td>2024-02-02</td></tr>
<tr><th>文　　号</th><td>无</td><th>发布日期</th><td>2024-02-06</td></tr>
<tr><th>信息名称</th><td colspan="3">%s</td></tr>
</table>
%s
<div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】　扫一扫在手机打开当前页</div>
<div class="footer"><p>主办：泾县人民政府办公室　　网站标识码：3418230003</p><p>皖ICP备05017745号　　皖公网安备34182302000101号</p></div>""" % (E(t), article_html(r))
    metas = [("SiteName", "泾县人民政府"), ("ArticleTitle", t), ("ColumnName", "法治政府建设年度报告")]
    write(FILES["c07"], page(t + "-泾县人民政府", metas, body))


# ---------------------------------------------------------------- c08
def build_c08():
    r = R["c08"]
    t = r["title"][0]
    body = """<div class="header">岷县人民政府</div>
<div class="nav">首页 | 走进岷县 | 信息公开 | 政务服务 | 互动交流</div>
<div class="weizhi">首页 &gt;&gt; 信息公开 &gt;&gt; 乡镇政务 &gt;&gt; 鹿角湾乡</div>
%s
<div class="attr">日期：2024-02-05　作者：鹿角湾乡党政办　来源：鹿角湾乡　点击：[ <span id="clicks"></span> ]</div>
<div class="tools">[打印本页] [关闭窗口]</div>
<div class="footer"><p>主办单位：岷县人民政府办公室　　网站标识码：6211260001</p><p>甘ICP备08001566号</p></div>""" % article_html(r)
    write(FILES["c08"], page(t, [("description", t)], body))


# ---------------------------------------------------------------- c09
def build_c09():
    r = R["c09"]
    t = "".join(r["title"])
    body = """<div class="site">万载县人民政府</div>
<div class="menu">首页 · 政务公开 · 政务服务 · 政民互动 · 走进万载</div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 乡镇街道 &gt; 桃花铺镇 &gt; 重点领域信息</div>
<div class="meta">信息来源：桃花铺镇　|　发布时间：2025-02-24　|　阅读次数：</div>
%s
<div class="related"><h4>相关信息</h4><ul>
<li><a>桃花铺镇2023年法治政府建设情况报告</a> 2024-03-01</li>
<li><a>双桥墟镇2024年法治政府建设情况报告</a> 2025-02-20</li>
<li><a>仙源岭乡2024年度法治政府建设情况报告</a> 2025-02-17</li>
<li><a>桃花铺镇2024年政府信息公开工作年度报告</a> 2025-01-22</li>
</ul></div>
<div class="footer"><p>主办单位：万载县人民政府办公室</p><p>地址：江西省宜春市万载县康乐街道政府大院</p><p>网站标识码：3609220001　赣ICP备05004028号</p></div>""" % article_html(r)
    metas = [("SiteName", "万载县人民政府"), ("ArticleTitle", t)]
    write(FILES["c09"], page(t, metas, body))


# ---------------------------------------------------------------- c10
def build_c10():
    r = R["c10"]
    lines = ["正安县人民政府",
             "首页 > 政务公开 > 乡镇动态 > 杉木坳乡",
             "",
             r["title"][0],
             "发布时间：2023-01-30 15:06:42　　来源：杉木坳乡人民政府　　阅读：",
             "[打印本页]　[关闭窗口]",
             ""]
    lines += report_lines(r, repeat_title=False)
    lines += ["",
              "扫一扫在手机打开当前页",
              "主办：正安县人民政府办公室　　黔ICP备10003388号　　网站标识码：5203240001"]
    # saved from an old county portal: GB18030 bytes, CRLF line ends
    with open(os.path.join(OUT, FILES["c10"]), "w", encoding="gb18030", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- c11
def build_c11():
    r = R["c11"]
    t = r["title"][0]
    body = """<div class="top">芦沟集镇人民政府</div>
<div class="nav"><a>首页</a> <a>镇情概况</a> <a>政务公开</a> <a>党建引领</a> <a>便民服务</a></div>
<div class="crumb">您的位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>
<table class="xxgk">
<tr><td>索引号：</td><td>LGJZ-2024-0007</td><td>主题分类：</td><td>法治建设</td></tr>
<tr><td>发布机构：</td><td>芦沟集镇人民政府</td><td>文号：</td><td></td></tr>
<tr><td>成文日期：</td><td>2024-01-31</td><td>发布日期：</td><td>2024-02-04</td></tr>
</table>
%s
<div class="pn"><p>上一篇：<a>2023年度政府信息公开工作年度报告</a></p><p>下一篇：<a>关于做好2024年春季森林防火工作的通知</a></p></div>
<div class="footer"><p>主办单位：芦沟集镇人民政府　　承办：镇党政综合办公室</p><p>ICP备案号：苏ICP备16023418号-1</p></div>""" % article_html(r)
    metas = [("SiteName", "芦沟集镇人民政府"), ("ArticleTitle", t)]
    write(FILES["c11"], page("芦沟集镇" + t, metas, body))


# ---------------------------------------------------------------- c12
def build_c12():
    docx_report(R["c12"], os.path.join(OUT, FILES["c12"]))


# ---------------------------------------------------------------- c13
def build_c13():
    r = R["c13"]
    t = r["title"][0]
    body = """<div class="header">安化县人民政府</div>
<div class="nav">首页 | 政务公开 | 政务服务 | 互动交流 | 专题专栏</div>
<div class="dqwz">当前位置：首页 &gt; 专题专栏 &gt; 法治安化 &gt; 述法报告</div>
%s
<div class="xx">发布时间：2024-01-22　　来源：梅子湾镇　　作者：　　【字号：大 中 小】</div>
<div class="sxp">
<p>上一篇：<a>龙塘铺镇党政主要负责人2023年度履行推进法治建设第一责任人职责情况报告</a></p>
<p>下一篇：<a>江南坪乡党政主要负责人2023年度述法报告</a></p>
</div>
<div class="footer"><p>主办：安化县人民政府办公室　　网站标识码：4309230001</p>
<p>地址：湖南省益阳市安化县政府大院　　湘ICP备05003981号</p></div>""" % article_html(r)
    # declared gb2312, stored as GB18030 bytes (superset), as on older portals
    write(FILES["c13"], page(t + "--安化县人民政府", [("ArticleTitle", t)], body, charset="gb2312"),
          encoding="gb18030")


# ---------------------------------------------------------------- c14
def build_c14():
    r = R["c14"]
    t = r["title"][0]
    body = """<div class="topbar"><span>政策文庫網</span>　<a>繁體中文</a> | <a>简体中文</a></div>
<div class="nav">首頁　文章中心　政策解讀　範文大全　聯繫我們</div>
<div class="crumb">當前位置：首頁 &gt; 文章中心 &gt; 政務公開 &gt; 鄉鎮動態</div>
%s
<div class="info">發布時間：2023-03-02 16:41　　信息來源：長汀縣桐木坑鄉　　瀏覽次數：</div>
<div class="related"><h3>相關文章</h3><ul>
<li><a>竹林坳鎮2022年法治政府建設年度報告</a></li>
<li><a>石背坪鄉2022年法治政府建設年度報告</a></li>
<li><a>2022年鄉鎮法治政府建設工作總結範文</a></li>
</ul></div>
<div class="footer"><p>本站部分文章來源於網絡，僅供學習參考，如有侵權請聯繫刪除。</p><p>Copyright © 政策文庫網　備案號：閩ICP備2021017763號</p></div>""" % article_html(r)
    text = page(t + " - 文章中心", [("keywords", t)], body, lang="zh-Hant")
    write(FILES["c14"], S2T.convert(text))


# ---------------------------------------------------------------- c15
def build_c15():
    r = R["c15"]
    lines = ["临汾市隰县人民政府",
             "无障碍 | 长者模式 | 繁体版",
             "当前位置：首页>政务公开>乡镇信息>寨子坪乡",
             "",
             r["title"][0],
             "发布时间：2025-02-12 09:40:21　　来源：寨子坪乡人民政府　　阅读：",
             "字号：大 中 小",
             ""]
    lines += report_lines(r, repeat_title=False)
    lines += ["", "【打印本页】　【关闭窗口】", "",
              "主办单位：隰县人民政府办公室　　晋ICP备07001289号　　网站标识码：1410300001"]
    # saved with a UTF-8 byte-order mark
    write(FILES["c15"], "\n".join(lines) + "\n", encoding="utf-8-sig")


# ---------------------------------------------------------------- c16
def build_c16():
    r = R["c16"]
    lines = ["平南县人民政府门户网站",
             "当前位置：首页 > 信息公开 > 乡镇信息公开 > 白石滩镇 > 法治政府建设",
             "",
             r["title"][0],
             "来源：白石滩镇　　发布日期：2022-02-11　　字号：[大][中][小]",
             ""]
    lines += report_lines(r, repeat_title=False)
    lines += ["",
              "分享到：",
              "上一篇：大安塘镇2021年法治政府建设年度报告",
              "下一篇：官成岭乡2021年法治政府建设年度报告",
              "",
              "主办单位：贵港市平南县人民政府办公室　　网站标识码：4508210001　　桂ICP备12003456号"]
    write(FILES["c16"], "\n".join(lines) + "\n")


if __name__ == "__main__":
    for k in sorted(FILES):
        globals()["build_" + k]()
        print("wrote", FILES[k])
