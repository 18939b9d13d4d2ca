#!/usr/bin/env bash
# bench/cluster.sh N [N...]: for each N already measured locally by bench/run.sh (out/bench/N<N>/gen
# and its local warehouse out/bench/N<N>/wh), run the same job jar on a standalone cluster on this
# machine's loopback (master + 2 workers, 1 core each) with spark-submit in client mode, then set
# every silver and gold table of the cluster's warehouse against the local one (bench GoldDiff). The
# cluster run uses the local warehouse's pseudonym key, so tokens (and the seller keys in silver and
# gold tables) can be compared.
# Records the driver's heap after each GC and peak RSS (the driver alone: executors are separate
# JVMs here, unlike local[*]), the executors' heap after GC, and the wall time.
# Results: out/bench/N<N>/cluster/{submit.log,gold-diff.json,...}, summarised in bench/results/cluster-N<N>.json.
#
# Environment: BENCH_WORK (default out/bench), BENCH_EXECUTOR_MEMORY (default 2g),
# BENCH_DRIVER_MEMORY (default 2g), BENCH_WORKER_MEMORY (default 3g), BENCH_SHUFFLE_PARTITIONS
# (spark.sql.shuffle.partitions of the job; default unset: Spark's 200).
set -euo pipefail
LM_HOME="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$LM_HOME/bin/lib/common.sh"
lm_find_java
lm_ensure_built
lm_ensure_bench_built
cd "$LM_HOME"

WORK="${BENCH_WORK:-out/bench}"
EXEC_MEM="${BENCH_EXECUTOR_MEMORY:-2g}"
DRIVER_MEM="${BENCH_DRIVER_MEMORY:-2g}"
WORKER_MEM="${BENCH_WORKER_MEMORY:-3g}"
SHUFFLE="${BENCH_SHUFFLE_PARTITIONS:-}"
PORT=17177
UI=18180
RES="bench/results"
mkdir -p "$RES"
opens="$(lm_jvm_opens)"
CP="$(lm_bench_classpath):target/leakmarket-$(lm_version).jar:$(lm_classpath)"
JOB_JAR="$(lm_job_jar)"

for N in "$@"; do
  D="$WORK/N$N"
  C="$D/cluster"
  [[ -f "$D/gen/ground_truth.json" && -d "$D/wh" ]] || { echo "run bench/run.sh $N first" >&2; exit 2; }
  rm -rf "$C"
  mkdir -p "$C/gc"
  C="$(cd "$C" && pwd)"
  cut -d' ' -f1-3 /proc/loadavg >"$C/load.before"
  start=$(date +%s.%N)
  bin/spark-cluster start 2 --dir "$C/cluster" --master-port "$PORT" --ui-port "$UI" \
    --worker-ui-port-base 18181 --worker-cores 1 --worker-memory "$WORKER_MEM" >"$C/cluster-start.log" 2>&1
  up=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  rc=0
  (
    timeout 3600 bin/spark-submit --master "spark://127.0.0.1:$PORT" --class org.leakmarket.Main \
      --driver-memory "$DRIVER_MEM" \
      --driver-java-options "-Xlog:gc:file=$C/gc/driver.log" \
      --conf spark.executor.memory="$EXEC_MEM" --conf spark.executor.cores=1 \
      ${SHUFFLE:+--conf spark.sql.shuffle.partitions="$SHUFFLE"} \
      --conf "spark.executor.extraJavaOptions=-Xlog:gc:file=$C/gc/executor-%p.log" \
      "$JOB_JAR" run --listings "$D/gen/listings.jsonl" --samples "$D/gen/samples/manifest.jsonl" \
      --warehouse "$C/wh" --reports "$C/reports" --key-file "$D/wh/_keys/pseudonym.key"
  ) >"$C/submit.log" 2>&1 &
  pid=$!
  # the driver's peak resident memory (spark-submit's JVM is the driver in client mode)
  ( hwm=0; while kill -0 "$pid" 2>/dev/null; do
      for p in $(pgrep -f "org.apache.spark.deploy.SparkSubmit.*$C/wh" 2>/dev/null); do
        v=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
        [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
      done; sleep 0.5; done; echo "$hwm" >"$C/driver-hwm.kb" ) &
  wpid=$!
  wait "$pid" || rc=$?
  wait "$wpid" || true
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  bin/spark-cluster stop --dir "$C/cluster" >"$C/cluster-stop.log" 2>&1 || true
  cut -d' ' -f1-3 /proc/loadavg >"$C/load.after"
  echo "N=$N: cluster run rc=$rc in ${secs}s (cluster up in ${up}s)" >&2
  drc=0
  "$LM_JAVA" -Xmx2g $opens -cp "$CP" org.leakmarket.bench.GoldDiff "$D/wh" "$C/wh" "$C/gold-diff.json" \
    >"$C/gold-diff.log" 2>&1 || drc=$?
  python3 - "$C" "$N" "$secs" "$up" "$rc" "$drc" "$DRIVER_MEM" "$EXEC_MEM" "$WORKER_MEM" "${SHUFFLE:-200}" \
    >"$RES/cluster-N$N.json" <<'PY'
import json, os, re, sys
c, n, secs, up, rc, drc = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
settings = {"driver_memory": sys.argv[7], "executor_memory": sys.argv[8], "worker_memory": sys.argv[9],
            "executor_cores": 1, "shuffle_partitions": int(sys.argv[10])}
def heap(paths):
    after = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            after += [int(x) for x in re.findall(r"->(\d+)M\(", f.read())]
    return max(after) if after else None
g = os.path.join(c, "gc")
execs = [os.path.join(g, f) for f in os.listdir(g) if f.startswith("executor-")]
stages = []
with open(os.path.join(c, "submit.log"), encoding="utf-8", errors="replace") as f:
    for line in f:
        m = re.search(r"stage: (\S+)\s+(.*) in ([0-9.]+)s\s*$", line)
        if m:
            st = {"stage": m.group(1), "seconds": float(m.group(3))}
            for k in ("jobs", "delta_commits"):
                w = re.search(r"\b" + k + r"=([0-9,]+)", m.group(2))
                if w:
                    st[k] = int(w.group(1).replace(",", ""))
            stages.append(st)
diff = None
p = os.path.join(c, "gold-diff.json")
if os.path.exists(p):
    with open(p, encoding="utf-8") as f:
        diff = json.load(f)
hwm = open(os.path.join(c, "driver-hwm.kb")).read().strip()
print(json.dumps({"listings": n, "workers": 2, "cores_per_worker": 1, "settings": settings, "cluster_up_seconds": up,
                  "run_seconds": secs, "run_rc": rc, "stages": stages,
                  "driver_heap_after_gc_max_mb": heap([os.path.join(g, "driver.log")]),
                  "driver_peak_rss_mb": int(hwm) / 1024 if hwm else None,
                  "executor_heap_after_gc_max_mb": heap(execs), "executors_logged": len(execs),
                  "load_before": open(os.path.join(c, "load.before")).read().split(),
                  "load_after": open(os.path.join(c, "load.after")).read().split(),
                  "gold_diff_rc": drc, "gold_diff": diff}, indent=2))
PY
  echo "N=$N: results in $RES/cluster-N$N.json (gold diff rc=$drc)" >&2
done
