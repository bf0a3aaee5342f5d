"""Check gold.jsonl: quotes are in the text qa reads, four lines a report, ids unique, every report covered.

Run from /work/main:  .venv/bin/python eval/county/required/check.py
Prints, per part, how many reports lack it (corpus / zoo / written); exits non-zero on any failure.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict

from make_gold import CORPUS, HERE, PARTS, WRITTEN, ZOO  # the script's own folder is on sys.path

from qa.eval.zoo import zoo_reports
from qa.ingest.pipeline import read_report


def main() -> int:
    errors = []
    rows = [json.loads(x) for x in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    ids = Counter(r["id"] for r in rows)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]

    paths = {("corpus", p.name): p for p in CORPUS.iterdir() if p.is_file() and p.name.lower() != "readme.md"}
    paths |= {("zoo", str(z.path.relative_to(ZOO))): z.path for z in zoo_reports(ZOO)}
    paths |= {("written", p.name): p for p in WRITTEN.glob("*.txt")}

    by_report = defaultdict(list)
    for r in rows:
        by_report[(r["source"], r["file"])].append(r)
    for key in paths.keys() - by_report.keys():
        errors.append(f"no gold for {key}")
    for key in by_report.keys() - paths.keys():
        errors.append(f"gold for unknown report {key}")

    texts = {}
    for key, lines in sorted(by_report.items()):
        if key not in paths:
            continue
        rep = read_report(paths[key])
        texts[key] = rep.text
        if sorted(r["part"] for r in lines) != sorted(PARTS):
            errors.append(f"{key}: parts {[r['part'] for r in lines]}")
        for r in lines:
            if r["township"] != rep.meta.township:
                errors.append(f"{key}: township {r['township']} != qa's {rep.meta.township}")
            if r["present"] != bool(r["quotes"]):
                errors.append(f"{key} {r['part']}: present={r['present']} with {len(r['quotes'])} quotes")
            for q in r["quotes"]:
                if q not in rep.text:
                    errors.append(f"{key} {r['part']}: quote not in text: {q[:40]}")

    # the written reports: length, one or two parts missing each, every part missing at least twice, new names
    missing = Counter()
    others = "".join(t for k, t in texts.items() if k[0] != "written")
    for key, lines in by_report.items():
        if key[0] != "written":
            continue
        n = sum(not r["present"] for r in lines)
        missing.update(r["part"] for r in lines if not r["present"])
        if n not in (1, 2):
            errors.append(f"{key}: {n} parts missing")
        size = len(texts.get(key, ""))
        if not 600 <= size <= 1500:
            errors.append(f"{key}: {size} characters")
        title = texts.get(key, "").splitlines()[0]
        place = title.split("关于")[0]
        county, town = place.split("县")[0], place.split("县")[1]
        for name in (county + "县", town):
            if name in others:
                errors.append(f"{key}: {name} occurs in the corpus or zoo")
    for part in PARTS:
        if missing[part] < 2:
            errors.append(f"written: {part} missing in only {missing[part]} reports")

    print("part            corpus  zoo  written  (reports lacking it)")
    for part in PARTS:
        c = {s: sum(1 for r in rows if r["source"] == s and r["part"] == part and not r["present"])
             for s in ("corpus", "zoo", "written")}
        print(f"{part:14}  {c['corpus']:>6}  {c['zoo']:>3}  {c['written']:>7}")
    print(f"{len(rows)} lines, {len(by_report)} reports")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
