# -*- coding: utf-8 -*-
"""Check format zoo b: every expected file exists and loads, every gold quote
occurs in one paragraph of its report's visible text, answers are stated once.

Run: /work/main/.venv/bin/python eval/zoo/b/check.py
Exit status 1 if any error.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))

BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "td", "th", "tr", "table",
         "br", "title", "section", "article", "header", "footer", "span_block", "dt", "dd"}
SKIP = {"script", "style", "noscript"}


class TextParser(HTMLParser):
    """Visible text as a list of block-level paragraphs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras, self.buf, self.skip = [], [], 0

    def flush(self):
        t = "".join(self.buf).replace("\xa0", " ").strip()
        if t:
            self.paras.append(t)
        self.buf = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK:
            self.flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        self.flush()


def load(path):
    """Return (paragraphs, note)."""
    ext = path.rsplit(".", 1)[-1].lower()
    if ext in ("html", "htm"):
        p = TextParser()
        with open(path, encoding="utf-8") as fh:
            p.feed(fh.read())
        p.close()
        return p.paras, "html"
    if ext == "docx":
        import docx
        d = docx.Document(path)
        paras = [x.text.strip() for x in d.paragraphs if x.text.strip()]
        for t in d.tables:
            for row in t.rows:
                for c in row.cells:
                    if c.text.strip():
                        paras.append(c.text.strip())
        return paras, "docx"
    if ext == "txt":
        raw = open(path, "rb").read()
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = raw.decode("gb18030"), "gb18030"
        return [ln.strip() for ln in text.splitlines() if ln.strip()], "txt/" + enc
    raise ValueError("unknown extension: " + path)


def number_count(text, num):
    """Occurrences of num not glued to other digits (or to a decimal point)."""
    return len(re.findall(r"(?<![\d.])%s(?![\d])" % re.escape(num), text))


DATE_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def report_span_len(paras):
    """Rough length of the report itself: from the last title-like paragraph
    before the opening paragraph up to the signature date."""
    end = next((i for i in range(len(paras) - 1, -1, -1) if DATE_RE.match(paras[i])), None)
    if end is None:
        return None
    opening = next((i for i, p in enumerate(paras) if len(p) > 60 and re.match(r"^20\d\d年", p)), None)
    if opening is None:
        return None
    start = opening
    for i in range(opening - 1, max(-1, opening - 4), -1):
        if re.search(r"(报告|報告|报|報|工作报告)$", paras[i]) or paras[i].endswith("：") or "建设" in paras[i] or "建設" in paras[i]:
            start = i
            if re.search(r"报告|報告", paras[i]):
                break
    return sum(len(re.sub(r"\s", "", p)) for p in paras[start:end + 1])


def main():
    errors, warns = [], []
    exp_path = os.path.join(HERE, "expected.jsonl")
    gold_path = os.path.join(HERE, "gold.jsonl")
    expected = [json.loads(l) for l in open(exp_path, encoding="utf-8") if l.strip()]
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]

    try:
        from opencc import OpenCC
        t2s = OpenCC("t2s")
    except Exception:  # pragma: no cover
        t2s = None

    keys = ["file", "patterns", "seen_at", "level", "body", "township", "county", "city", "province", "year"]
    texts, paras_by_file, by_township = {}, {}, {}
    pattern_counts = {}
    print("%-46s %-11s %6s %6s  %s" % ("file", "loaded as", "paras", "report", "body / level / year"))
    for row in expected:
        if list(row.keys()) != keys:
            errors.append("%s: keys %s" % (row.get("file"), list(row.keys())))
        path = os.path.join(HERE, row["file"])
        if not os.path.exists(path):
            errors.append("missing file " + row["file"])
            continue
        paras, note = load(path)
        paras_by_file[row["file"]] = paras
        texts[row["file"]] = "\n".join(paras)
        n = report_span_len(paras)
        if n is None:
            warns.append("%s: could not locate report span" % row["file"])
        elif not 800 <= n <= 2600:
            errors.append("%s: report text length %d outside 800-2500 (+title slack)" % (row["file"], n))
        print("%-46s %-11s %6d %6s  %s / %s / %s" % (row["file"], note, len(paras), n, row["body"], row["level"], row["year"]))
        if row["level"] not in ("township", "street", "county", "department"):
            errors.append("%s: bad level %s" % (row["file"], row["level"]))
        if (row["township"] is None) != (row["level"] in ("county", "department")):
            errors.append("%s: township/level mismatch" % row["file"])
        if not isinstance(row["year"], int) or not 2021 <= row["year"] <= 2024:
            errors.append("%s: bad year" % row["file"])
        if not row["seen_at"] or not all(u.startswith("http") for u in row["seen_at"]):
            errors.append("%s: seen_at must be URLs" % row["file"])
        for k in ("body", "township", "county", "city", "province"):
            v = row[k]
            if v and t2s and t2s.convert(v) != v:
                errors.append("%s: %s not simplified: %s" % (row["file"], k, v))
        text = texts[row["file"]]
        # body / township / county should be findable (allowing traditional pages)
        plain = t2s.convert(text) if t2s else text
        for k in ("body", "township", "county", "city", "province"):
            if row[k] and row[k] not in plain:
                errors.append("%s: expected %s %r not found in visible text" % (row["file"], k, row[k]))
        if str(row["year"]) + "年" not in plain:
            errors.append("%s: year %s not stated" % (row["file"], row["year"]))
        if "traditional" in row["patterns"]:
            if not re.search(r"[鄉鎮報設議]", text):
                errors.append("%s: tagged traditional but no traditional characters" % row["file"])
        for p in row["patterns"]:
            pattern_counts[p] = pattern_counts.get(p, 0) + 1
        if row["township"]:
            if row["township"] in by_township:
                errors.append("township %s used twice" % row["township"])
            by_township[row["township"]] = row

    # ---------------------------------------------------------------- gold
    gkeys = ["id", "type", "form", "question", "answer", "must_include", "townships", "evidence"]
    ids, reports_hit, trad_hits = set(), set(), 0
    for g in gold:
        gid = g.get("id")
        if list(g.keys()) != gkeys:
            errors.append("%s: keys %s" % (gid, list(g.keys())))
        if gid in ids:
            errors.append("duplicate id " + gid)
        ids.add(gid)
        if g["type"] != "fact" or g["form"] != "zoo":
            errors.append("%s: type/form" % gid)
        for ev in g["evidence"]:
            row = by_township.get(ev["township"])
            if row is None:
                errors.append("%s: evidence township %s not in expected" % (gid, ev["township"]))
                continue
            if ev["township"] not in g["townships"]:
                errors.append("%s: evidence township not listed in townships" % gid)
            paras = paras_by_file[row["file"]]
            hit = [p for p in paras if ev["quote"] in p]
            if not hit:
                errors.append("%s: quote not found in %s: %s" % (gid, row["file"], ev["quote"]))
                continue
            reports_hit.add(row["file"])
            if "traditional" in row["patterns"]:
                trad_hits += 1
            text = texts[row["file"]]
            for m in g["must_include"]:
                if m not in g["answer"]:
                    errors.append("%s: must_include %s not in answer" % (gid, m))
                if m not in ev["quote"]:
                    errors.append("%s: must_include %s not in quote" % (gid, m))
                num = re.match(r"[\d.]+", m)
                if num:
                    c = number_count(text, num.group(0))
                    if c != 1:
                        errors.append("%s: number %s occurs %d times in %s" % (gid, num.group(0), c, row["file"]))
                    others = [f for f, t in texts.items() if f != row["file"] and number_count(t, num.group(0))]
                    if others and len(num.group(0)) > 1:
                        warns.append("%s: number %s also appears in %s" % (gid, num.group(0), ", ".join(o.split("/")[-1][:3] for o in others)))
        if t2s and t2s.convert(g["question"]) != g["question"]:
            errors.append("%s: question not in simplified characters" % gid)
    if len(gold) < 12:
        errors.append("fewer than 12 gold questions")
    if len(reports_hit) < 10:
        errors.append("gold spread over fewer than 10 reports")
    if trad_hits < 2:
        errors.append("fewer than 2 gold questions on traditional pages")

    # ---------------------------------------------------------------- summary
    levels = {}
    for row in expected:
        levels[row["level"]] = levels.get(row["level"], 0) + 1
    exts = {}
    for row in expected:
        e = row["file"].rsplit(".", 1)[-1]
        exts[e] = exts.get(e, 0) + 1
    print()
    print("reports: %d  %s" % (len(expected), dict(sorted(levels.items()))))
    print("formats: %s" % dict(sorted(exts.items())))
    print("years:   %s" % dict(sorted({y: sum(1 for r in expected if r["year"] == y) for y in {r["year"] for r in expected}}.items())))
    print("patterns:", ", ".join("%s=%d" % kv for kv in sorted(pattern_counts.items(), key=lambda kv: (-kv[1], kv[0]))))
    print("gold: %d questions over %d reports (%d on traditional pages)" % (len(gold), len(reports_hit), trad_hits))
    for w in warns:
        print("WARN ", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else "%d error(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
