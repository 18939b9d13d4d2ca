#!/usr/bin/env python3
"""bench/summarize.py DIR N K M MASTER: one benchmark size's raw files -> one JSON document on stdout.

Reads DIR/run.log (stage lines `stage: <name> ... in X.Xs`), DIR/run.seconds, DIR/hwm.kb, DIR/gc.log
(heap after each GC), DIR/floors.json, DIR/normalizer.txt, DIR/gen/ground_truth.json,
DIR/reports/all/summary.json and DIR/market_cells.csv (gold/market_cells exported).
"""
import csv, json, os, re, sys

d, n, k, m, master = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]


def read(name, default=None):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return default
    with open(p, encoding="utf-8") as f:
        return f.read()


out = {"listings": n, "samples": k, "records_per_sample": m, "master": master, "cores": os.cpu_count(),
       "load_before": read("load.before", "").split(), "load_after": read("load.after", "").split()}
gen = read("generate.time")
if gen:
    out["generate_seconds"] = float(gen.split()[1])

stages = []
for line in (read("run.log", "") or "").splitlines():
    mt = re.search(r"stage: (\S+)\s+(.*) in ([0-9.]+)s\s*$", line)
    if mt:
        stages.append({"stage": mt.group(1), "seconds": float(mt.group(3)), "counts": mt.group(2).strip()})
out["stages"] = stages
out["run_rc"] = int((read("run.rc", "-1") or "-1").strip())
out["run_seconds"] = float(read("run.seconds", "0").strip() or 0)
out["run_rows_per_second"] = n / out["run_seconds"] if out["run_seconds"] else None
hwm = read("hwm.kb")
out["driver_peak_rss_mb"] = int(hwm) / 1024 if hwm and hwm.strip() else None
gc_text = "".join(read(f, "") or "" for f in sorted(os.listdir(d)) if f.startswith("gc") and f.endswith(".log"))
after = [int(x) for x in re.findall(r"->(\d+)M\(", gc_text)]
out["commands"] = (read("commands", "run") or "run").split()
out["driver_heap_after_gc_max_mb"] = max(after) if after else None
out["gc_events"] = len(after)

floors = json.loads(read("floors.json", "null") or "null")
if floors:
    out["floors"] = floors
    t = out["run_seconds"]
    def best(key):
        v = floors.get(key, {})
        return v.get("best_seconds")
    out["ratios"] = {f"run_over_{key}": (t / best(key) if best(key) else None)
                     for key in ("spark_text_count", "spark_json_count", "jackson", "duckdb_cell_medians")}

norm = read("normalizer.txt", "") or ""
mt = re.search(r"ratio \(jackson \+ normaliser\) / jackson = ([0-9.]+) CPU time, ([0-9.]+) wall", norm)
if mt:
    out["normalizer_ratio_cpu"] = float(mt.group(1))
    out["normalizer_ratio_wall"] = float(mt.group(2))
mt = re.search(r"median\s+(\d+).*?\s(\d+)\s+\(", norm)
if mt:
    out["normalizer_median_jackson_per_s"] = int(mt.group(1))
    out["normalizer_median_both_per_s"] = int(mt.group(2))

truth = json.loads(read("gen/ground_truth.json", "null") or "null")
summary = json.loads(read("reports/all/summary.json", "null") or "null")
if truth and summary:
    pop = summary.get("population") or {}
    sel = pop.get("selected")
    model = next((x for x in pop.get("models") or [] if x.get("model") == sel), None)
    if model is None and pop.get("chapman"):
        model = dict(pop["chapman"], model="chapman")
    st = truth.get("samples_truth") or {}
    real, withfab = truth.get("population_size"), st.get("population_size_with_fabricated")
    e = {"true_population_size": real, "true_with_fabricated": withfab, "selected": sel, "estimate": model}
    if model and real:
        e["covers_true"] = model["ci_low"] <= real <= model["ci_high"]
        e["covers_with_fabricated"] = withfab is not None and model["ci_low"] <= withfab <= model["ci_high"]
        e["relative_error"] = model["n_hat"] / real - 1
    out["population"] = e

    # Two truths per cell: the continuous model's median (before sellers round) and, when generate
    # simulated it, the median of written (rounded) prices, which is what a cell's CI is for.
    # cells are per product since issue 12; a market_cells.csv without the column is customer records
    cells_truth = {(c["period"], c.get("product", "personal_records"), c["category"], c["tier"], c["freshness"]): c
                   for c in truth.get("cells", [])}
    p = os.path.join(d, "market_cells.csv")
    if os.path.exists(p):
        def coverage(field):
            covered = total = missing = degenerate = degenerate_covered = 0
            bias = []
            with open(p, encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    if str(r.get("suppressed", "")).lower() == "true" or not r.get("median_ci_low"):
                        continue
                    key = (r["period"], r.get("product") or "personal_records", r["category"], r["tier"], r["freshness"])
                    tv = (cells_truth.get(key) or {}).get(field)
                    if tv is None:
                        missing += 1
                        continue
                    total += 1
                    lo, hi = float(r["median_ci_low"]), float(r["median_ci_high"])
                    covered += lo <= tv <= hi
                    if lo == hi:
                        degenerate += 1
                        degenerate_covered += lo <= tv <= hi
                    bias.append(float(r["median_cny"]) / tv - 1)
            bias.sort()
            return {"truth": field, "published_with_truth": total, "without_truth": missing, "ci_covers_truth": covered,
                    "coverage": covered / total if total else None, "nominal": 0.95,
                    "degenerate_cis": degenerate, "degenerate_cis_covering": degenerate_covered,
                    "median_relative_error": bias[len(bias) // 2] if bias else None}
        out["cells"] = coverage("true_median_cny")
        if truth.get("written_truth_draws"):
            out["cells_written"] = coverage("true_median_written_cny")
            out["cells_written"]["truth_draws"] = truth["written_truth_draws"]
json.dump(out, sys.stdout, indent=2)
print()
