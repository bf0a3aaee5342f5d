"""The command line: a thin click group over the library (ingest / ask / reports / text / serve / eval)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import click

from qa.config import Settings, get_settings
from qa.errors import ConfigError, QAError

logger = logging.getLogger("qa")


def _open(settings: Settings, *, owner: str | None):  # type: ignore[no-untyped-def]
    """The store and embedder; `owner` names this process as the folder's writer, None opens it to read only."""
    from qa.retrieval.embed import make_embedder
    from qa.store import Store

    embedder = make_embedder(settings)
    return Store.from_settings(settings, embedder, owner=owner), embedder


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log stage timings.")
def cli(verbose: bool) -> None:
    """qa: ask questions of township 法治政府建设 reports and get cited answers."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def ingest(paths: tuple[Path, ...]) -> None:
    """Ingest report files and folders (.txt .docx .pdf .md .html) into QA_DATA_DIR."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from qa.ingest.pipeline import discover
    from qa.ingest.pipeline import ingest as run_ingest

    settings = get_settings()
    store, embedder = _open(settings, owner="qa ingest")
    files, _ = discover(paths)
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), transient=True, disable=len(files) < 3) as progress:
        task = progress.add_task("", total=len(files))
        summary = run_ingest(paths, store=store, embedder=embedder, max_chars=settings.chunk_max_chars,
                             max_file_mb=settings.max_file_mb, limits=settings.ingest_limits,
                             on_file=lambda r: progress.update(task, advance=1, description=Path(r.path).name))
    for r in summary.results:
        if r.status == "failed":
            click.echo(r.line, err=True)
    c = summary.counts
    click.echo(f"added {c['added']}, updated {c['updated']}, unchanged {c['unchanged']}, failed {c['failed']}"
               f" ({summary.chunks_written} chunks written in {summary.seconds:.1f} s; "
               f"{len(store.reports())} reports in {settings.data_dir})")
    if summary.skipped:
        names = ", ".join(Path(p).name for p in summary.skipped[:5]) + (", …" if len(summary.skipped) > 5 else "")
        n = len(summary.skipped)
        click.echo(f"skipped {n} file{'s' if n > 1 else ''} in no report format: {names}")
    if c["failed"]:
        sys.exit(1)


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (the /api/ask shape).")
@click.option("--history", "-H", multiple=True, help="An earlier question of the conversation (repeat, oldest first).")
def ask(question: str, as_json: bool, history: tuple[str, ...]) -> None:
    """Answer QUESTION from the ingested reports, with citations (written by the LLM when QA_LLM_BASE_URL is set)."""
    from qa.answer.ask import stream_ask
    from qa.answer.llm import Delta, make_writer

    settings = get_settings()
    store, embedder = _open(settings, owner=None)  # reads only: a running qa serve may own the folder
    writer = make_writer(settings)
    answer = None
    for event in stream_ask(question, store=store, embedder=embedder, k=settings.top_k, history=history,
                            writer=writer):
        if isinstance(event, Delta):
            if writer and not as_json:
                click.echo(event.text, nl=False)  # the LLM's text as it comes; the checked answer follows
        else:
            answer = event
    assert answer is not None
    if as_json:
        click.echo(json.dumps(asdict(answer), ensure_ascii=False, indent=2))
        return
    if writer:
        click.echo("\n\n— 核对后的回答 —" if answer.mode == "llm" else f"\n\n— LLM 不可用（{answer.llm_error}），改为摘录回答 —")
    if answer.interpreted_as:
        click.echo(f"（理解为：{answer.interpreted_as}）")
    click.echo(answer.answer)
    for w in answer.warnings:
        click.echo(f"核对：{w}", err=True)
    for label, citations in (("引用", answer.citations), ("相关段落", answer.related)):
        if citations:
            click.echo(f"\n{label}：")
        for c in citations:
            click.echo(f"[{c.n}] {c.township or ''} {c.year or ''} · {c.section or '（开头）'} · {c.file} "
                       f"{c.start}-{c.end}\n    {c.text}")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def reports(as_json: bool) -> None:
    """List the ingested reports: who filed each, for which year, and what qa could not find in it."""
    from qa.store import missing_fields
    from qa.store.registry import Registry

    settings = get_settings()
    rows = Registry(settings.data_dir / "registry.sqlite3").reports()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    unfound = 0
    for r in rows:
        m, missing = r.meta, missing_fields(r.meta)
        unfound += bool(missing)
        who = m.township or (m.body if m.level in ("county", "department", "city") else None) or "（乡镇未识别）"
        click.echo(f"{r.id}  {who}\t{m.county or ''}\t{m.year or '（年份未识别）'}\t{_LEVEL_NAMES.get(m.level, m.level)}\t"
                   f"{r.chunk_count} chunks\t{r.file}" + (f"\t[未识别: {', '.join(missing)}]" if missing else ""))
    click.echo(f"{len(rows)} reports" + (f"; {unfound} with fields not found: set them with "
                                          "`qa correct REPORT_ID --township … --year …`" if unfound else ""))


@cli.command()
@click.option("--county", help="Only this county's reports (as qa reads the county; see `qa reports`).")
@click.option("--year", type=int, help="Only reports on this year.")
@click.option("--township", help="Only this township's reports (several years give the trend).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx"]), default="text", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (needed for xlsx).")
def table(county: str | None, year: int | None, township: str | None, fmt: str, out: Path | None) -> None:
    """The county's indicator table: per report, the figures a county compares, each from one sentence.

    Indicators are read from qa/data/indicators.toml (or QA_INDICATORS). 未找到 means qa found no such figure in
    the report: it is never a 0."""
    from qa.county.export import NOT_FOUND, records, to_csv, to_xlsx
    from qa.county.indicators import county_table, load_indicators
    from qa.store.registry import Registry

    settings = get_settings()
    result = county_table(Registry(settings.data_dir / "registry.sqlite3"), indicators=load_indicators(
        settings.indicators), county=county, year=year, township=township)
    if fmt == "xlsx":
        _deliver(out, fmt, lambda: to_xlsx(result), f"{len(result.rows)} reports × {len(result.indicators)} indicators")
        return
    if fmt in ("json", "csv"):
        _deliver(out, fmt, json.dumps(records(result), ensure_ascii=False, indent=2) if fmt == "json"
                 else to_csv(result))
        return
    for row in result.rows:
        m = row.report.meta
        click.echo(f"{row.report.name}（{m.year or '年份未识别'}）")
        for ind in result.indicators:
            c = row.cells.get(ind.id)
            click.echo(f"  {ind.name}：{c.figure if c else NOT_FOUND}" + (f"　「{c.sentence}」" if c else ""))


@cli.command()
@click.option("--county", help="Only this county's reports.")
@click.option("--year", type=int, help="Only reports on this year.")
@click.option("--missing", "only_missing", is_flag=True, help="Only reports lacking a part.")
def required(county: str | None, year: int | None, only_missing: bool) -> None:
    """Check each report for the parts an annual report must contain (督察工作规定): found (cited) or missing."""
    from qa.county.required import check_reports
    from qa.store.registry import Registry

    settings = get_settings()
    checked = check_reports(Registry(settings.data_dir / "registry.sqlite3"), county=county, year=year)
    for r in checked:
        if only_missing and not r.missing:
            continue
        m = r.report.meta
        click.echo(f"{r.report.name}（{m.year or '年份未识别'}）")
        for c in r.parts:
            said = f"「{c.quotes[0].text[:60]}」" if c.quotes else ""
            click.echo(f"  {'有' if c.present else '缺'}　{c.name}　{said}")
    lacking = sum(bool(r.missing) for r in checked)
    click.echo(f"{len(checked)} reports checked; {lacking} lack at least one required part")


@cli.command()
@click.option("--county", help="Only this county's reports.")
@click.option("--year", type=int, help="Only reports on this year.")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "docx"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (needed for docx).")
def summary(county: str | None, year: int | None, fmt: str, out: Path | None) -> None:
    """A draft of the county's summary of its townships' reports: the required parts' sections, shared themes and
    key figures, every statement with its sources ([n], resolved in 「出处」 at the end)."""
    from qa.county.indicators import load_indicators
    from qa.county.summary import build_summary, records, to_docx, to_markdown
    from qa.retrieval.embed import make_embedder
    from qa.store.registry import Registry

    settings = get_settings()
    draft = build_summary(Registry(settings.data_dir / "registry.sqlite3"), make_embedder(settings), county=county,
                          year=year, indicators=load_indicators(settings.indicators))
    if fmt == "docx":
        _deliver(out, fmt, lambda: to_docx(draft), f"{draft.reports} reports, {len(draft.sources)} sources")
        return
    _deliver(out, fmt, json.dumps(records(draft), ensure_ascii=False, indent=2) if fmt == "json"
             else to_markdown(draft))


def _deliver(out: Path | None, fmt: str, content: str | Callable[[], bytes], said: str = "") -> None:
    """Text to stdout or to `out`; a binary format (built by `content` once `out` is known) only to `out`."""
    if isinstance(content, str):
        if out is None:
            click.echo(content.lstrip("\ufeff"))  # the CSV's byte-order mark is for Excel, not a terminal
        else:
            out.write_text(content, encoding="utf-8")
        return
    if out is None:
        raise click.UsageError(f"--format {fmt} writes a file: give --out FILE.{fmt}")
    out.write_bytes(content())
    click.echo(f"{out}: {said}")


_LEVEL_NAMES = {"township": "乡镇", "street": "街道", "county": "县级", "department": "部门", "city": "市级",
                "unknown": "未识别"}


@cli.command()
@click.argument("report_id")
@click.option("--township")
@click.option("--county")
@click.option("--city")
@click.option("--province")
@click.option("--year", type=int)
@click.option("--body", help="The issuing body as the report names it.")
@click.option("--level", type=click.Choice(["township", "street", "county", "department", "city", "unknown"]))
@click.option("--title")
@click.option("--clear", multiple=True, help="A field to empty (repeatable).")
def correct(report_id: str, clear: tuple[str, ...], **fields: str | int | None) -> None:
    """Correct a report's metadata by hand; a re-ingest of the same file keeps the correction."""
    from qa.retrieval.embed import make_embedder
    from qa.store import Store

    changes = {k: v for k, v in fields.items() if v is not None} | {k: None for k in clear}
    settings = get_settings()
    store = Store.from_settings(settings, make_embedder(settings), owner="qa correct")
    try:
        row = store.correct_meta(report_id, changes)
    finally:
        store.close()
    m = row.meta
    click.echo(f"{row.id}  {m.township or '?'}\t{m.county or ''}\t{m.year or '?'}\t{m.level}\t{row.file}")


@cli.command()
def check() -> None:
    """Check that the registry, the vectors and the keyword index agree (exit 1 and list what does not)."""
    from qa.errors import StoreBusyError
    from qa.retrieval.embed import make_embedder
    from qa.store import Store

    settings = get_settings()
    embedder = make_embedder(settings)
    try:  # as the writer, opening finishes an interrupted ingest's write
        store = Store.from_settings(settings, embedder, owner="qa check")
    except StoreBusyError:  # a qa serve owns the folder: check what it serves, as it sees it
        store = Store.from_settings(settings, embedder, owner=None)
    problems = store.check()
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    facts = len(store.registry.facts())
    click.echo(f"{'inconsistent' if problems else 'ok'}: {len(store.reports())} reports, "
               f"{len(store.registry.chunk_ids())} chunks, {store.vectors.count()} vectors, "
               f"{len(store.keyword.ids)} keyword entries, {facts} facts in {settings.data_dir}")
    if problems:
        sys.exit(1)


@cli.command()
@click.argument("report_id")
@click.option("--start", type=int, default=0)
@click.option("--end", type=int, default=None)
@click.option("--context", type=int, default=200, help="Characters shown either side.")
def text(report_id: str, start: int, end: int | None, context: int) -> None:
    """Show a passage of a report's cleaned text (start:end) in its context, the passage in brackets."""
    from qa.store.registry import Registry

    full = Registry(get_settings().data_dir / "registry.sqlite3").report_text(report_id, own_characters=True)
    end = len(full) if end is None else end
    click.echo(f"{full[max(0, start - context):start]}【{full[start:end]}】{full[end:end + context]}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Serve the HTTP API over the store in QA_DATA_DIR (only on loopback unless QA_API_KEYS is set)."""
    import uvicorn

    from qa.api.app import create_app
    from qa.api.auth import open_bind_refusal
    from qa.api.limits import timed_h11

    settings = get_settings()
    refusal = open_bind_refusal(host, settings.api_key_list)
    if refusal:
        raise ConfigError(refusal)
    _fewer_malloc_arenas()
    connections = _connections_within_open_files(settings.max_connections)
    # h11 bounds the headers it reads (httptools would read a 64 MB header) and a request head must arrive within
    # QA_READ_TIMEOUT (qa.api.limits.timed_h11); idle keep-alive connections close after 5 s; past the connection
    # cap a new connection closes the oldest one still waiting for its head, and a new request is answered 503 at
    # once, so connections never use up the file descriptors the store and /healthz need
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                http=timed_h11(settings.read_timeout, connections),
                h11_max_incomplete_event_size=settings.max_header_kb * 1024 + 4096, timeout_keep_alive=5,
                limit_concurrency=connections + 1,  # uvicorn counts the asking connection itself
                # X-Forwarded-For names the client only when a configured proxy sends it (uvicorn trusts loopback)
                proxy_headers=bool(settings.trusted_proxies), forwarded_allow_ips=settings.trusted_proxies or None)


FILES_BESIDE_CONNECTIONS = 128  # the store (SQLite, Chroma's files), the model, logs, the listening socket


def _connections_within_open_files(wanted: int) -> int:
    """Raise this process's open-file limit to its hard limit and return the connection cap that fits under it
    (QA_MAX_CONNECTIONS, or less with a warning when the limit is too low for it)."""
    import logging
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 65536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    room = max(1, soft - FILES_BESIDE_CONNECTIONS)
    if wanted > room:
        logging.getLogger("qa").warning("QA_MAX_CONNECTIONS=%d does not fit under the open-file limit %d; "
                                        "serving at most %d connections (raise `ulimit -n`)", wanted, soft, room)
        return room
    return wanted


def _fewer_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas before the server's threads start (as MALLOC_ARENA_MAX would).

    Each thread otherwise gets an arena of its own; with 20 clients and uploads rebuilding the keyword index,
    RSS settled at ~610 MB instead of ~450 MB (benchmarks/soak.py), at the same throughput. Not glibc: no-op.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-8, arenas)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


@cli.command("eval")
@click.option("--gold", type=click.Path(exists=True, path_type=Path), default=Path("eval/gold"), show_default=True,
              help="A gold .jsonl file or a folder of them.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval/out"), show_default=True,
              help="Where report.json, report.md and report.html go.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Ingest this folder into a temporary store and evaluate on it (default: the store in QA_DATA_DIR).")
@click.option("--thresholds", type=click.Path(exists=True, path_type=Path), default=None,
              help="Fail (exit 1) when a metric is past its floor or ceiling in this TOML file.")
@click.option("--baselines/--no-baselines", default=True, show_default=True,
              help="Also score BM25-only, dense-only and a plain LlamaIndex pipeline.")
@click.option("--zoo", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A format zoo (eval/zoo): the zoo split's questions are asked of the corpus and its reports.")
def eval_(gold: Path, out: Path, corpus: Path | None, thresholds: Path | None, baselines: bool,
          zoo: Path | None) -> None:
    """Score qa (and baselines) on gold questions; write reports; check the floors."""
    import tempfile

    from qa.eval.run import check_floors
    from qa.eval.runner import evaluate

    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:
        data_dir = Path(tmp) / "data" if corpus else settings.data_dir
        result = evaluate(settings.model_copy(update={"data_dir": data_dir}), gold=gold, corpus=corpus,
                          baselines=baselines, zoo=zoo)
    if thresholds:
        result.failures.extend(check_floors(result, thresholds))
    from qa.eval.report import headline_rows, split_lines, write_reports

    paths = write_reports(result, out)
    names = [s.name for s in result.systems]
    click.echo(f"{'metric':34}" + "".join(f"{n:>12}" for n in names))
    for name, values, verdict in headline_rows(result):
        click.echo(f"{name:34}" + "".join(f"{'–' if v is None else v:>12}" for v in values) + f"  {verdict}")
    click.echo("")
    for line in split_lines(result):
        click.echo(line)
    click.echo("reports: " + ", ".join(str(p) for p in paths))
    for f in result.failures:
        click.echo(f"quality gate: {f}", err=True)
    if result.failures:
        sys.exit(1)


@cli.command("fit-support")
@click.option("--gold", type=click.Path(exists=True, path_type=Path), default=Path("eval/gold"), show_default=True)
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Ingest this folder into a temporary store and fit on it.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Write the model fitted on every item here (default: only print the held-out figures).")
def fit_support(gold: Path, corpus: Path, out: Path | None) -> None:
    """Fit the support model on the gold set: print each fold's held-out figures, then (with --out) write it."""
    import tempfile

    from qa.answer.support import fitting_with, neutral
    from qa.eval.fit import FOLDS, collect, cross_validate, fit
    from qa.eval.gold import load_gold
    from qa.eval.runner import ZOO_SPLIT
    from qa.ingest.pipeline import ingest
    from qa.retrieval.embed import make_embedder
    from qa.store import Store

    settings = get_settings()
    embedder = make_embedder(settings)
    with tempfile.TemporaryDirectory(prefix="qa-fit-") as tmp:
        store = Store.from_settings(settings.model_copy(update={"data_dir": Path(tmp) / "data"}), embedder,
                                    owner="qa fit-support")
        try:
            ingest([corpus], store=store, embedder=embedder, max_chars=settings.chunk_max_chars)
            with fitting_with(neutral()):
                questions = collect([i for i in load_gold(gold) if i.split != ZOO_SPLIT], store=store,
                                    embedder=embedder, k=settings.top_k)
        finally:
            store.close()
    folds = cross_validate(questions)
    click.echo(f"{len(questions)} questions with candidates, {FOLDS} folds; held out: answered from gold evidence "
               "/ refused, per split")
    for split in sorted({s for d in folds for s in d.counts}):
        answered = [d.answered_right[split] for d in folds if split in d.counts and d.counts[split][0]]
        refused = [d.refused_right[split] for d in folds if split in d.counts and d.counts[split][1]]
        n = [sum(d.counts[split][i] for d in folds if split in d.counts) for i in (0, 1)]
        click.echo(f"  {split:12} answered right {_mean_of(answered, folds, split, 0)} of {n[0]}, "
                   f"refused right {_mean_of(refused, folds, split, 1)} of {n[1]}   "
                   f"(folds: {', '.join(f'{a:.2f}' for a in answered)})")
    model = fit(questions)
    summary = model.across_of(summary=True)
    click.echo(f"thresholds: sentence {model.sentence.threshold}, across reports {model.across_sentence.threshold} "
               f"(what each did: {summary.threshold}), fact {model.fact.threshold}")
    if out:
        out.write_text(json.dumps({"sentence": model.sentence.to_json(), "across": model.across_sentence.to_json(),
                                   "summary": summary.to_json(), "fact": model.fact.to_json()},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        click.echo(f"wrote {out}")


def _mean_of(values: list[float], folds: list, split: str, which: int) -> str:  # type: ignore[type-arg]
    """The folds' figure weighted by their questions."""
    weights = [d.counts[split][which] for d in folds if split in d.counts and d.counts[split][which]]
    return f"{sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights):.3f}" if weights else "–"


def main() -> None:
    """Entry point: QAErrors become a one-line message and exit code 2."""
    try:
        cli(standalone_mode=True)
    except QAError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
