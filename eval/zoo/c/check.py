# -*- coding: utf-8 -*-
"""Self-check for format zoo "c".

Loads every report the way a reader would (HTML: html.parser visible text; DOCX:
python-docx paragraphs; TXT: its own encoding) and checks:
  * every file named in expected.jsonl exists and every file in reports/ is listed;
  * expected township / county / city / province / year are visible in the page
    (compared on the simplified form, so the traditional copy is covered);
  * null county / city / province really are absent (the real parent units of the
    county are not named anywhere on the page);
  * every gold quote is an exact substring of one paragraph (line) of the visible text,
    and each gold number occurs exactly once in its report;
  * the report text (from reports_text.py) is 800–2,000 characters and is all visible;
  * the listed numeric facts are not shared between two reports.
Run: /work/main/.venv/bin/python check.py   → prints OK or the problems found.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

import docx
from opencc import OpenCC

HERE = os.path.dirname(os.path.abspath(__file__))
T2S = OpenCC("t2s")
S2T = OpenCC("s2t")

BLOCK = {"p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "title"}


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "head":
            self.in_head = True
        if tag in BLOCK:
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "head":
            self.in_head = False
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.skip or self.in_head:
            return
        self.parts.append(data)

    def text(self):
        t = "".join(self.parts).replace("\xa0", " ")
        lines = [re.sub(r"[ \t]+", " ", l).strip() for l in t.split("\n")]
        return "\n".join(l for l in lines if l)


def html_charset(raw):
    m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:2048])
    cs = (m.group(1).decode().lower() if m else "utf-8")
    if cs in ("gb2312", "gbk", "gb18030"):
        cs = "gb18030"  # superset; pages labelled gb2312 often carry GBK bytes
    return cs


def load(path):
    """Return (visible_text, encoding_used)."""
    ext = path.rsplit(".", 1)[-1].lower()
    if ext == "docx":
        d = docx.Document(path)
        paras = [p.text for p in d.paragraphs]
        for tbl in d.tables:
            for row in tbl.rows:
                paras.append(" ".join(c.text for c in row.cells))
        return "\n".join(p.strip() for p in paras if p.strip()), "docx"
    raw = open(path, "rb").read()
    if ext in ("html", "htm"):
        cs = html_charset(raw)
        v = Visible()
        v.feed(raw.decode(cs))
        return v.text(), cs
    # txt: BOM → utf-8-sig; else strict utf-8; else gb18030
    if raw.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    else:
        try:
            raw.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError:
            enc = "gb18030"
    t = raw.decode(enc).replace("\r\n", "\n")
    return "\n".join(l.strip() for l in t.split("\n") if l.strip()), enc


CN_DIGIT = dict(zip("0123456789", "〇一二三四五六七八九"))


def cn_year(y):
    return "".join(CN_DIGIT[c] for c in str(y))


# real parent units of each county, used to prove that a null city/province is absent
PARENTS = {
    "高平市": ("晋城市", "山西"), "渌口区": ("株洲市", "湖南"), "桑植县": ("张家界市", "湖南"),
    "宁安市": ("牡丹江市", "黑龙江"), "郏县": ("平顶山市", "河南"), "铅山县": ("上饶市", "江西"),
    "泾县": ("宣城市", "安徽"), "岷县": ("定西市", "甘肃"), "万载县": ("宜春市", "江西"),
    "正安县": ("遵义市", "贵州"), "文成县": ("温州市", "浙江"), "安化县": ("益阳市", "湖南"),
    "长汀县": ("龙岩市", "福建"), "隰县": ("临汾市", "山西"), "平南县": ("贵港市", "广西"),
}
# c11 has no county on its page; the county it was modelled on must not leak
NO_COUNTY_FORBID = {"reports/c11_lugouji_zhen_selfref.html": ["泗洪", "宿迁", "江苏"]}


def main():
    problems = []
    exp = [json.loads(l) for l in open(os.path.join(HERE, "expected.jsonl"), encoding="utf-8")]
    gold = [json.loads(l) for l in open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8")]
    sys.path.insert(0, HERE)
    from reports_text import R, FACTS  # the source texts

    keys = ["file", "patterns", "seen_at", "level", "body", "township", "county", "city", "province", "year"]
    listed = set()
    texts = {}
    by_township = {}
    for e in exp:
        if list(e.keys()) != keys:
            problems.append("%s: keys %s" % (e.get("file"), list(e.keys())))
        path = os.path.join(HERE, e["file"])
        listed.add(os.path.basename(e["file"]))
        if not os.path.exists(path):
            problems.append("missing file " + e["file"])
            continue
        text, enc = load(path)
        texts[e["file"]] = text
        simp = T2S.convert(text)
        if e["township"]:
            by_township[e["township"]] = e["file"]
        # level / township consistency
        if e["level"] in ("township", "street") and not e["township"]:
            problems.append(e["file"] + ": township level without township")
        if e["level"] in ("county", "department") and e["township"] is not None:
            problems.append(e["file"] + ": county/department report with township")
        if e["level"] == "street" and not e["township"].endswith("街道"):
            problems.append(e["file"] + ": street name should end in 街道")
        for fld in ("township", "county", "city", "province", "body"):
            v = e[fld]
            if v and v != T2S.convert(v):
                problems.append("%s: %s not simplified" % (e["file"], fld))
            if v and fld != "body" and v not in simp:
                problems.append("%s: %s %s not visible" % (e["file"], fld, v))
        y = e["year"]
        if str(y) not in simp and cn_year(y) not in simp:
            problems.append("%s: year %s not visible" % (e["file"], y))
        if e["county"]:
            city, prov = PARENTS[e["county"]]
            if e["city"] is None and city in simp:
                problems.append("%s: city null but %s on page" % (e["file"], city))
            if e["province"] is None and prov in simp:
                problems.append("%s: province null but %s on page" % (e["file"], prov))
            if e["city"] and e["city"] != city:
                problems.append("%s: city %s != %s" % (e["file"], e["city"], city))
            if e["province"] and not e["province"].startswith(prov):
                problems.append("%s: province %s" % (e["file"], e["province"]))
        else:
            for w in NO_COUNTY_FORBID.get(e["file"], []):
                if w in simp:
                    problems.append("%s: county null but %s on page" % (e["file"], w))
            if e["city"] or e["province"]:
                problems.append(e["file"] + ": city/province without county")
        # source text fully visible, length
        k = os.path.basename(e["file"])[:3]
        r = R[k]
        body_text = "".join(r["title"]) + (r["addressee"] or "") + "".join(r["paras"]) + "".join(r["sign"])
        if not 800 <= len(body_text) <= 2000:
            problems.append("%s: report text %d chars" % (e["file"], len(body_text)))
        conv = S2T.convert if "trad" in e["file"] else (lambda s: s)
        for para in r["paras"] + r["title"] + r["sign"]:
            if conv(para) not in text:
                problems.append("%s: paragraph not visible: %s" % (e["file"], para[:20]))
        if not 5 <= len(FACTS[k]) <= 8:
            problems.append("%s: %d facts" % (e["file"], len(FACTS[k])))
        print("%-46s %-9s %5d chars visible, %4d report chars" % (e["file"], enc, len(text), len(body_text)))

    on_disk = set(os.listdir(os.path.join(HERE, "reports")))
    if on_disk != listed:
        problems.append("reports/ vs expected.jsonl: %s" % sorted(on_disk ^ listed))
    if len(exp) != 16:
        problems.append("expected.jsonl has %d lines" % len(exp))

    # facts not shared between reports
    seen = {}
    for k, fs in FACTS.items():
        for f in fs:
            n = re.match(r"[\d.]+", f).group(0)
            if n in seen and seen[n] != k:
                problems.append("fact number %s in %s and %s" % (n, seen[n], k))
            seen[n] = k

    # gold
    gkeys = ["id", "type", "form", "question", "answer", "must_include", "townships", "evidence"]
    for g in gold:
        if list(g.keys()) != gkeys or g["form"] != "zoo":
            problems.append(g["id"] + ": keys/form")
        tsp = g["townships"][0]
        f = by_township.get(tsp)
        if not f:
            problems.append(g["id"] + ": township not in expected " + tsp)
            continue
        lvl = [e["level"] for e in exp if e["file"] == f][0]
        if lvl not in ("township", "street"):
            problems.append(g["id"] + ": not a township-level report")
        text = texts[f]
        for ev in g["evidence"]:
            q = ev["quote"]
            lines = [l for l in text.split("\n") if q in l]
            if len(lines) != 1:
                problems.append("%s: quote found in %d lines: %s" % (g["id"], len(lines), q))
        for m in g["must_include"]:
            if m not in g["answer"]:
                problems.append(g["id"] + ": must_include not in answer")
            cnt = len(re.findall(r"(?<![\d.])%s(?![\d.])" % re.escape(m), text))
            if cnt != 1:
                problems.append("%s: %s occurs %d times in %s" % (g["id"], m, cnt, f))
            for of, ot in texts.items():
                if of != f and re.search(r"(?<![\d.])%s(?![\d.])" % re.escape(m), ot):
                    print("  note: %s answer %s also appears in %s" % (g["id"], m, of))
    if len(gold) != 8:
        problems.append("gold.jsonl has %d lines" % len(gold))

    if problems:
        print("\nPROBLEMS:")
        for p in problems:
            print(" -", p)
        sys.exit(1)
    print("\nOK: %d reports, %d gold questions" % (len(exp), len(gold)))


if __name__ == "__main__":
    main()
