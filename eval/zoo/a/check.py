# -*- coding: utf-8 -*-
"""Checks format zoo "a": files exist and load, expected metadata is visible, gold quotes are exact.

Run: /work/main/.venv/bin/python eval/zoo/a/check.py   (exit code 1 on any problem)
"""
import collections
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
         "br", "title", "section", "article", "header", "footer", "span_block"}

class Visible(HTMLParser):
    """Visible text of a page, split into paragraphs at block tags; script/style dropped."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras, self.buf, self.skip, self.title, self.in_title = [], [], 0, "", False
    def flush(self):
        t = "".join(self.buf).strip()
        if t:
            self.paras.append(t)
        self.buf = []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCK:
            self.flush()
        if tag == "title":
            self.in_title = True
    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag == "title":
            self.title = "".join(self.buf).strip(); self.in_title = False
        if tag in BLOCK:
            self.flush()
    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

def decode_html(raw):
    head = raw[:2048].decode("ascii", "ignore").lower()
    m = re.search(r'charset=["\']?([a-z0-9_-]+)', head)
    cs = m.group(1) if m else "utf-8"
    if cs in ("gb2312", "gbk", "gb18030"):
        cs = "gb18030"  # gb2312 pages are in practice saved as GBK/GB18030
    return raw.decode(cs), cs

def load(path):
    """-> (paragraphs, raw_text, encoding, page_title)"""
    ext = path.rsplit(".", 1)[-1]
    if ext == "docx":
        import docx
        d = docx.Document(path)
        paras = [p.text.strip() for p in d.paragraphs if p.text.strip()]
        return paras, "\n".join(paras), "docx", ""
    raw = open(path, "rb").read()
    if ext == "html":
        text, enc = decode_html(raw)
        v = Visible(); v.feed(text); v.close(); v.flush()
        return v.paras, text, enc, v.title
    try:
        text, enc = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = raw.decode("gb18030"), "gb18030"
    paras = [l.strip() for l in text.splitlines() if l.strip()]
    return paras, text, enc, ""

# names used anywhere in the zoo; a report whose expected city/province is null must not show any of them
CITY_STEMS = ["湖州", "西安", "长沙", "沈阳", "成都", "绵阳", "商丘", "上饶", "张掖", "毕节", "邵阳", "恩施", "定西",
              "桂林", "曲靖", "临沂", "榆林", "六安", "吕梁", "保定", "四平", "赣州"]
PROV_STEMS = ["浙江", "陕西", "湖南", "辽宁", "四川", "河南", "江西", "甘肃", "贵州", "湖北", "广西", "云南", "山东",
              "安徽", "山西", "河北", "吉林"]

def main():
    problems = []
    exp = [json.loads(l) for l in open(os.path.join(HERE, "expected.jsonl"), encoding="utf-8") if l.strip()]
    gold = [json.loads(l) for l in open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") if l.strip()]
    loaded = {}
    by_township = {}
    seen_townships = set()
    for e in exp:
        path = os.path.join(HERE, e["file"])
        if not os.path.exists(path):
            problems.append("missing file %s" % e["file"]); continue
        paras, raw, enc, ptitle = load(path)
        vis = "\n".join(paras)
        loaded[e["file"]] = (paras, raw, enc, ptitle)
        if e["township"] in seen_townships:
            problems.append("township used twice: %s" % e["township"])
        seen_townships.add(e["township"]); by_township[e["township"]] = e["file"]
        for k in ("file", "patterns", "seen_at", "level", "body", "township", "county", "city", "province", "year"):
            if k not in e:
                problems.append("%s: key %s missing" % (e["file"], k))
        if e["level"] not in ("township", "street"):
            problems.append("%s: bad level" % e["file"])
        if (e["level"] == "street") != e["township"].endswith("街道"):
            problems.append("%s: level/township suffix mismatch" % e["file"])
        if e["township"] not in vis + ptitle:
            problems.append("%s: township %s not visible" % (e["file"], e["township"]))
        for part in e["body"].split():
            if part not in vis:
                problems.append("%s: body part %s not visible" % (e["file"], part))
        if e["county"] and e["county"] not in vis + ptitle:
            problems.append("%s: county %s not visible" % (e["file"], e["county"]))
        for key, stems in (("city", CITY_STEMS), ("province", PROV_STEMS)):
            if e[key]:
                if e[key] not in vis + ptitle:
                    problems.append("%s: %s %s not visible" % (e["file"], key, e[key]))
            else:
                leaks = [s for s in stems if s in raw]
                if leaks:
                    problems.append("%s: %s is null but page mentions %s" % (e["file"], key, leaks))
        if ("%d年" % e["year"]) not in vis:
            problems.append("%s: year %d not in text" % (e["file"], e["year"]))
        if ("%d年" % (e["year"] + 1)) not in vis and ("%d-" % (e["year"] + 1)) not in vis:
            problems.append("%s: no next-year date (signature/publication) found" % e["file"])
        if any(len(p) > 0 and "\ufffd" in p for p in paras):
            problems.append("%s: decoding produced replacement characters" % e["file"])
    # gold
    ids = set()
    reports_used = set()
    for g in gold:
        for k in ("id", "type", "form", "question", "answer", "must_include", "townships", "evidence"):
            if k not in g:
                problems.append("%s: key %s missing" % (g.get("id"), k))
        if g["id"] in ids:
            problems.append("duplicate id %s" % g["id"])
        ids.add(g["id"])
        if g["type"] == "yesno" and not g["answer"][:1] in ("是", "否"):
            problems.append("%s: yes/no answer must start with 是/否" % g["id"])
        for ev in g["evidence"]:
            f = by_township.get(ev["township"])
            if not f:
                problems.append("%s: township %s has no report" % (g["id"], ev["township"])); continue
            reports_used.add(f)
            paras = loaded[f][0]
            hits = [p for p in paras if ev["quote"] in p]
            if len(hits) != 1:
                problems.append("%s: quote found in %d paragraphs of %s" % (g["id"], len(hits), f))
            elif hits[0].count(ev["quote"]) != 1:
                problems.append("%s: quote occurs more than once in its paragraph" % g["id"])
            for other, (op, _, _, _) in loaded.items():
                if other != f and any(ev["quote"] in p for p in op):
                    problems.append("%s: quote also occurs in %s" % (g["id"], other))
            for m in g["must_include"]:
                if m not in g["answer"] or m not in ev["quote"]:
                    problems.append("%s: must_include %r not in answer and quote" % (g["id"], m))
        for t in g["townships"]:
            if t not in by_township:
                problems.append("%s: unknown township %s" % (g["id"], t))
    # summary
    fmt = collections.Counter(os.path.splitext(e["file"])[1][1:] for e in exp)
    encs = collections.Counter(v[2] for v in loaded.values())
    pats = collections.Counter(p for e in exp for p in e["patterns"])
    print("reports: %d  formats: %s  encodings: %s" % (len(exp), dict(fmt), dict(encs)))
    print("levels: %s" % dict(collections.Counter(e["level"] for e in exp)))
    print("years: %s" % dict(sorted(collections.Counter(e["year"] for e in exp).items())))
    print("with city: %d  with province: %d" % (sum(1 for e in exp if e["city"]), sum(1 for e in exp if e["province"])))
    print("patterns:")
    for p, c in sorted(pats.items(), key=lambda x: (-x[1], x[0])):
        print("  %-44s %d" % (p, c))
    print("gold: %d questions (%d yes/no) over %d reports" % (len(gold), sum(1 for g in gold if g["type"] == "yesno"), len(reports_used)))
    if len(gold) < 12: problems.append("fewer than 12 gold questions")
    if len(reports_used) < 10: problems.append("gold spread over fewer than 10 reports")
    if problems:
        print("\nPROBLEMS (%d):" % len(problems))
        for p in problems:
            print("  - " + p)
        sys.exit(1)
    print("\nOK: all checks passed")

if __name__ == "__main__":
    main()
