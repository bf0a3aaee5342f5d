"""The eval harness: gold questions in, qa and baselines scored side by side, reports out.

    gold = load_gold(Path("eval/gold"))
    result = run_eval(gold, systems=[QaSystem(store, embedder, k=8), KeywordOnly(store)], store=store)
    write_reports(result, Path("eval/out"))
"""
