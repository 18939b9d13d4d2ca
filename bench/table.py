#!/usr/bin/env python3
"""bench/table.py bench/results/N*.json: the Markdown tables of docs/performance.md."""
import json, sys

rs = [json.load(open(p)) for p in sys.argv[1:] if not p.split("/")[-1].startswith("cluster-")]
clusters = [json.load(open(p)) for p in sys.argv[1:] if p.split("/")[-1].startswith("cluster-")]
clusters.sort(key=lambda r: r["listings"])
rs.sort(key=lambda r: r["listings"])


def f(x, fmt="{:.1f}"):
    return "–" if x is None else fmt.format(x)


def best(r, k):
    return (r.get("floors") or {}).get(k, {}).get("best_seconds")


print("| N listings | sample records | run (s) | listings/s | Spark text count (s) | Spark JSON count (s) | Jackson 1 thread (s) | DuckDB medians (s) | run / text count | run / JSON count | run / DuckDB | peak RSS (MB) | max heap after GC (MB) | load before → after |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rs:
    ra = r.get("ratios") or {}
    label = f"{r['listings']:,}" + ("" if r.get("commands", ["run"]) == ["run"] else " (" + " + ".join(r["commands"]) + " only)")
    if r.get("incomplete"):
        label += " (stopped in analyze)"
    print(f"| {label} | {r['samples'] * r['records_per_sample']:,} | {f(r['run_seconds'])} | {f(r['run_rows_per_second'], '{:,.0f}')} "
          f"| {f(best(r, 'spark_text_count'), '{:.2f}')} | {f(best(r, 'spark_json_count'), '{:.2f}')} | {f(best(r, 'jackson'), '{:.2f}')} | {f(best(r, 'duckdb_cell_medians'), '{:.2f}')} "
          f"| {f(ra.get('run_over_spark_text_count'))}× | {f(ra.get('run_over_spark_json_count'))}× | {f(ra.get('run_over_duckdb_cell_medians'))}× "
          f"| {f(r.get('driver_peak_rss_mb'), '{:,.0f}')} | {f(r.get('driver_heap_after_gc_max_mb'), '{:,.0f}')} "
          f"| {' '.join(r.get('load_before', [])[:1])} → {' '.join(r.get('load_after', [])[:1])} |")
print()
names = []
for r in rs:
    for s in r["stages"]:
        if s["stage"] not in names:
            names.append(s["stage"])
full = [r for r in rs if r.get("commands", ["run"]) == ["run"] and not r.get("incomplete") and r.get("run_rc") == 0]
last = full[-1] if full else rs[-1]
print("| stage | " + " | ".join(f"N={r['listings']:,} (s)" for r in rs) + f" | share of the N={last['listings']:,} run |")
print("|---|" + "---|" * (len(rs) + 1))
for n in names:
    cells = []
    for r in rs:
        s = next((x for x in r["stages"] if x["stage"] == n), None)
        cells.append(f(s["seconds"]) if s else "–")
    s = next((x for x in last["stages"] if x["stage"] == n), None)
    share = s["seconds"] / last["run_seconds"] * 100 if s and last["run_seconds"] else None
    print(f"| {n} | " + " | ".join(cells) + f" | {f(share, '{:.0f}%')} |")
pre = ["ingest", "samples", "normalize", "persons"]
cells = []
for r in rs:
    got = [x["seconds"] for x in r["stages"] if x["stage"] in pre]
    cells.append(f(sum(got)) if len(got) == len(pre) else "–")
print("| *ingest → persons* | " + " | ".join(cells) + " | |")
print()
# work per stage (Spark jobs, tasks, shuffle MB, Delta commits): counts that do not depend on load
if any(s.get("work") for r in rs for s in r["stages"]):
    print("| stage | " + " | ".join(f"N={r['listings']:,}: jobs / tasks / shuffle MB / Delta commits" for r in rs) + " |")
    print("|---|" + "---|" * len(rs))
    for n in names:
        cells = []
        for r in rs:
            s = next((x for x in r["stages"] if x["stage"] == n), None)
            w = (s or {}).get("work")
            cells.append(f"{w['jobs']} / {w['tasks']} / {w['shuffle']:.1f} / {w['delta_commits']}" if w else "–")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print()
print("| N | normaliser/Jackson (CPU) | population: truth (real / with fabricated) | estimate [CI] (model) | cells: CI covers the median of written prices | cells: CI covers the continuous model's median | degenerate CIs (covering written / continuous) |")
print("|---|---|---|---|---|---|---|")
for r in rs:
    p = r.get("population") or {}
    e = p.get("estimate") or {}
    c = r.get("cells") or {}
    est = f"{e.get('n_hat', 0):,.0f} [{e.get('ci_low', 0):,.0f}, {e.get('ci_high', 0):,.0f}] ({e.get('model')})" if e else "–"
    def cov(c):
        return f"{c.get('ci_covers_truth')}/{c.get('published_with_truth')} = {f(c.get('coverage'), '{:.3f}')}" if c else "–"
    w = r.get("cells_written") or {}
    deg = f"{c.get('degenerate_cis', 0)} ({w.get('degenerate_cis_covering', '–')} / {c.get('degenerate_cis_covering', '–')})" if c else "–"
    print(f"| {r['listings']:,} | {f(r.get('normalizer_ratio_cpu'), '{:.2f}')} | {p.get('true_population_size')} / {p.get('true_with_fabricated')} | {est} | {cov(w)} | {cov(c)} | {deg} |")
if clusters:
    print()
    print("| N | cluster up (s) | run on cluster (s) | driver: max heap after GC (MB) | driver peak RSS (MB) | executors: max heap after GC (MB) | tables equal to local (exact / to 12 digits) |")
    print("|---|---|---|---|---|---|---|")
    for r in clusters:
        tables = (r.get("gold_diff") or {}).get("tables") or []
        exact = sum(1 for t in tables if t.get("only_in_a") == 0 and t.get("only_in_b") == 0 and t.get("rows_a") == t.get("rows_b"))
        digits = sum(1 for t in tables if t.get("equal"))
        print(f"| {r['listings']:,} | {f(r.get('cluster_up_seconds'))} | {f(r.get('run_seconds'))} | {f(r.get('driver_heap_after_gc_max_mb'), '{:,.0f}')} "
              f"| {f(r.get('driver_peak_rss_mb'), '{:,.0f}')} | {f(r.get('executor_heap_after_gc_max_mb'), '{:,.0f}')} | {exact}/{len(tables)} / {digits}/{len(tables)} |")
