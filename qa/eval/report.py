"""The eval run written out: report.json (everything), report.md (tables), report.html (charts, misses)."""

from __future__ import annotations

import html
import json
from dataclasses import asdict
from pathlib import Path

from qa.eval.run import EvalResult

LOWER_IS_BETTER = ("answers.unsupported_number_rate", "answers.answerable_refused", "latency.p50_ms", "latency.p95_ms")
CONTEXT = ("answers.median_chars", "retrieval.mean_passage_chars")  # shown for context, neither better nor worse
COLOURS = ("#1f6f8b", "#e07a5f", "#81b29a", "#f2cc8f", "#6d597a")
TYPE_NAMES = {"fact": "事实", "yesno": "是否", "set": "集合", "comparison": "比较", "summary": "综述",
              "followup": "追问", "refusal": "应拒答"}


def write_reports(result: EvalResult, out: Path) -> list[Path]:
    """Write the three reports into `out` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.html"]
    paths[0].write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), encoding="utf-8")
    paths[1].write_text(markdown(result), encoding="utf-8")
    paths[2].write_text(page(result), encoding="utf-8")
    return paths


def headline_rows(result: EvalResult) -> list[tuple[str, list[float | None], str]]:
    """(metric, value per system, how qa compares with the best baseline) for every headline metric."""
    names = list(result.systems[0].metrics)
    rows = []
    for name in names:
        values = [s.metrics[name] for s in result.systems]
        rows.append((name, values, _verdict(name, values[0], values[1:])))
    return rows


def _verdict(name: str, qa: float | None, others: list[float | None]) -> str:
    known = [v for v in others if v is not None]
    if qa is None or not known or name in CONTEXT:
        return ""
    best = min(known) if name in LOWER_IS_BETTER else max(known)
    if qa == best:
        return "tie"
    better = qa < best if name in LOWER_IS_BETTER else qa > best
    return "win" if better else "loss"


def _fmt(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.1f}" if abs(v) >= 10 else f"{v:.3f}"


def markdown(result: EvalResult) -> str:
    systems = [s.name for s in result.systems]
    lines = ["# qa eval", "", " · ".join(f"{k}: {v}" for k, v in result.info.items()), "",
             "## Headline metrics", "", "| metric | " + " | ".join(systems) + " | qa vs best baseline |",
             "|---" * (len(systems) + 2) + "|"]
    for name, values, verdict in headline_rows(result):
        lines.append(f"| {name} | " + " | ".join(_fmt(v) for v in values) + f" | {verdict} |")
    lines += ["", "## Accuracy by question type", "", "| type | n | " + " | ".join(systems) + " |",
              "|---" * (len(systems) + 2) + "|"]
    qa = result.systems[0]
    for kind in qa.by_type:
        n = sum(s.type == kind for s in qa.items)
        lines.append(f"| {kind} | {n} | " + " | ".join(_fmt(s.by_type[kind]["answers.accuracy"]) for s in result.systems)
                     + " |")
    lines += ["", f"## {qa.name} by question type", "",
              "| type | accuracy | recall@5 | MRR | citation P | citation R | set F1 | p50 ms | p95 ms |",
              "|---|---|---|---|---|---|---|---|---|"]
    for kind, m in qa.by_type.items():
        cols = ["answers.accuracy", "retrieval.recall@5", "retrieval.mrr", "citations.precision", "citations.recall",
                "sets.f1", "latency.p50_ms", "latency.p95_ms"]
        lines.append(f"| {kind} | " + " | ".join(_fmt(m.get(c)) for c in cols) + " |")
    lines += ["", f"## {qa.name} by gold split", "", *split_lines(result, markdown=True)]
    misses = [s for s in qa.items if not s.correct]
    lines += ["", f"## {qa.name} misses ({len(misses)})", "", "| id | question | answer | gold |", "|---|---|---|---|"]
    for s in misses:
        lines.append(f"| {s.id} | {_cell(s.question)} | {_cell(s.answer)} | {_cell(s.gold)} |")
    if result.failures:
        lines += ["", "## Below the floors", "", *[f"- {f}" for f in result.failures]]
    return "\n".join(lines) + "\n"


SPLIT_METRICS = ("answers.accuracy", "answers.answerable_refused", "answers.fact_accuracy", "answers.yesno_accuracy",
                 "sets.f1", "answers.summary_accuracy", "answers.followup_accuracy", "retrieval.recall@5",
                 "citations.recall", "refusals.precision", "refusals.recall", "metadata.exact", "metadata.township",
                 "metadata.county", "metadata.year", "table.accuracy", "table.zoo_accuracy", "table.unsupported",
                 "required.missed", "required.false_alarms", "themes.pairwise_f1")


def split_lines(result: EvalResult, *, markdown: bool = False) -> list[str]:
    """qa's metrics per gold split, with each split's size and how close its questions' wording is to the evidence."""
    qa, splits = result.systems[0], result.info.get("splits", {})
    assert isinstance(splits, dict)
    names = list(qa.by_split)
    rows = [["split", *names], ["questions", *(str(splits.get(n, {}).get("questions", "")) for n in names)],
            ["question/evidence bigram overlap", *(_fmt(splits.get(n, {}).get("evidence_overlap")) for n in names)]]
    rows += [[m, *(_fmt(qa.by_split[n].get(m)) for n in names)] for m in SPLIT_METRICS]
    if markdown:
        return ["| " + " | ".join(r) + " |" for r in rows[:1]] + ["|---" * len(rows[0]) + "|"] + [
            "| " + " | ".join(r) + " |" for r in rows[1:]]
    return [f"{r[0]:34}" + "".join(f"{c:>12}" for c in r[1:]) for r in rows]


def _cell(text: str, limit: int = 160) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def page(result: EvalResult) -> str:
    """A self-contained HTML page: inline SVG charts, no scripts, no external files."""
    systems = [s.name for s in result.systems]
    rows = headline_rows(result)
    unit = [(n, dict(zip(systems, v, strict=True))) for n, v, _ in rows
            if not n.startswith("latency") and n not in CONTEXT]
    latency = [(n, dict(zip(systems, v, strict=True))) for n, v, _ in rows if n.startswith("latency")]
    by_type = [(f"{TYPE_NAMES.get(k, k)} ({k})", {s.name: s.by_type.get(k, {}).get("answers.accuracy") for s in result.systems})
               for k in result.systems[0].by_type]
    table = "".join(
        f"<tr><td>{html.escape(n)}</td>" + "".join(f"<td>{_fmt(v)}</td>" for v in vs)
        + f"<td class='{verdict}'>{verdict}</td></tr>" for n, vs, verdict in rows)
    qa = result.systems[0]
    misses = "".join(
        f"<tr><td>{html.escape(s.id)}</td><td>{html.escape(s.question)}</td>"
        f"<td><pre>{html.escape(s.answer)}</pre></td><td>{html.escape(s.gold)}</td></tr>"
        for s in qa.items if not s.correct)
    legend = "".join(f"<span class='key' style='background:{COLOURS[i % len(COLOURS)]}'></span>{html.escape(n)} "
                     for i, n in enumerate(systems))
    info = " · ".join(f"{html.escape(str(k))}: {html.escape(str(v))}" for k, v in result.info.items())
    failures = "".join(f"<li>{html.escape(f)}</li>" for f in result.failures)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>qa eval</title>
<style>
body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:72rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}}
pre{{white-space:pre-wrap;margin:0;font:inherit}}.win{{color:#2a7d2a}}.loss{{color:#b00020}}
.key{{display:inline-block;width:.9rem;height:.9rem;margin:0 .3rem 0 1rem;vertical-align:middle}}
</style></head><body>
<h1>qa eval</h1><p>{info}</p>
{"<h2>Below the floors</h2><ul>" + failures + "</ul>" if failures else ""}
<p>{legend}</p>
<h2>Headline metrics</h2>{_bars(unit, systems, 1.0)}
<h2>Accuracy by question type</h2>{_bars(by_type, systems, 1.0)}
<h2>Latency (ms)</h2>{_bars(latency, systems, None)}
<table><tr><th>metric</th>{"".join(f"<th>{html.escape(s)}</th>" for s in systems)}<th>qa vs best baseline</th></tr>{table}</table>
<h2>{html.escape(qa.name)} misses ({sum(not s.correct for s in qa.items)})</h2>
<table><tr><th>id</th><th>question</th><th>answer</th><th>gold</th></tr>{misses}</table>
</body></html>
"""


def _bars(groups: list[tuple[str, dict[str, float | None]]], systems: list[str], top: float | None) -> str:
    """A horizontal grouped bar chart as inline SVG: one group per label, one bar per system."""
    bar, gap, label_w, width = 12, 10, 230, 420
    top = top or max((v for _, vs in groups for v in vs.values() if v is not None), default=1.0) or 1.0
    height = len(groups) * (len(systems) * bar + gap) + gap
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{label_w + width + 70}' height='{height}' "
             f"font-size='12' role='img'>"]
    y = gap
    for label, values in groups:
        parts.append(f"<text x='0' y='{y + len(systems) * bar / 2 + 4}'>{html.escape(label)}</text>")
        for i, name in enumerate(systems):
            v = values.get(name)
            w = 0 if v is None else max(1.0, width * v / top)
            parts.append(f"<rect x='{label_w}' y='{y}' width='{w:.1f}' height='{bar - 2}' "
                         f"fill='{COLOURS[i % len(COLOURS)]}'><title>{html.escape(name)}: {_fmt(v)}</title></rect>"
                         f"<text x='{label_w + w + 4:.1f}' y='{y + bar - 3}' font-size='10'>{_fmt(v)}</text>")
            y += bar
        y += gap
    parts.append("</svg>")
    return "".join(parts)
