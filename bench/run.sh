#!/usr/bin/env bash
# bench/run.sh N [N...]: for each N, generate N listings and 4 samples of N/4 records, then in the
# same invocation time the floors (Jackson on one thread, Spark read+count), the peer (DuckDB over
# JDBC: structured cell medians) and the whole `run` (per stage, from its stage log lines), with the
# driver's peak RSS (VmHWM) and the heap after each GC (-Xlog:gc), the normaliser throughput
# ratio, and the estimates against ground_truth.json. Results: bench/results/N<N>.json.
#
# Environment: BENCH_SAMPLES (K, default 4), BENCH_SEED (default 7), BENCH_WORK (default out/bench),
# BENCH_MASTER (default local[*]), LEAKMARKET_DRIVER_MEMORY (default 4g), BENCH_SKIP_FLOORS=1, BENCH_JFR=1,
# BENCH_TRUTH_DRAWS (generate --truth-draws; default 20 N), BENCH_COMMANDS (default "run").
set -euo pipefail
LM_HOME="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$LM_HOME/bin/lib/common.sh"
lm_find_java
lm_ensure_built
lm_ensure_bench_built
cd "$LM_HOME"

K="${BENCH_SAMPLES:-4}"
SEED="${BENCH_SEED:-7}"
WORK="${BENCH_WORK:-out/bench}"
MASTER="${BENCH_MASTER:-local[*]}"
RES="bench/results"
mkdir -p "$RES" "$WORK"

DUCK_VERSION=1.4.3.0
DUCK_JAR="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCK_VERSION/duckdb_jdbc-$DUCK_VERSION.jar"
if [[ ! -f "$DUCK_JAR" ]]; then
  # the peer is not a project dependency: fetched from Maven Central into the local repository
  ./mvnw -q -B dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$DUCK_VERSION" >&2
fi
opens="$(lm_jvm_opens)"
CP="$(lm_bench_classpath):target/leakmarket-$(lm_version).jar:$(lm_classpath):$DUCK_JAR"

# Peak resident memory of a process, sampled from /proc every half second until it exits.
watch_hwm() { # pid outfile
  local pid=$1 out=$2 hwm=0 v c
  while kill -0 "$pid" 2>/dev/null; do
    # the JVM is a child of the subshell that runs the command(s)
    for c in $(pgrep -P "$pid" 2>/dev/null) $(pgrep -P "$(pgrep -P "$pid" | head -n1)" 2>/dev/null); do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$c/status" 2>/dev/null || echo 0)
      [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
    done
    sleep 0.5
  done
  echo "$hwm" >"$out"
}

for N in "$@"; do
  M=$(( N / K ))
  D="$WORK/N$N"
  mkdir -p "$D"
  if [[ ! -f "$D/gen/ground_truth.json" ]]; then
    start=$(date +%s.%N)
    bin/leakmarket generate --out "$D/gen" --listings "$N" --samples "$K" --records-per-sample "$M" \
      --seed "$SEED" --master "$MASTER" ${BENCH_TRUTH_DRAWS:+--truth-draws "$BENCH_TRUTH_DRAWS"} >"$D/generate.log" 2>&1
    echo "generate_seconds $(echo "$(date +%s.%N) - $start" | bc)" >"$D/generate.time"
  fi
  LISTINGS="$D/gen/listings.jsonl"
  echo "N=$N: load before $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  cut -d' ' -f1-3 /proc/loadavg >"$D/load.before"

  if [[ "${BENCH_SKIP_FLOORS:-0}" != 1 ]]; then
    "$LM_JAVA" -Xmx"${LEAKMARKET_DRIVER_MEMORY:-4g}" $opens -cp "$CP" org.leakmarket.bench.Floors \
      "$LISTINGS" "$D/floors.json" --master "$MASTER" --rounds 2 >"$D/floors.log" 2>&1
  fi

  rm -rf "$D/wh" "$D/reports"
  start=$(date +%s.%N)
  jfr=""
  # BENCH_JFR=1: a JFR recording of the run (profile settings, about 2% overhead) for bench/hot.sh
  [[ "${BENCH_JFR:-0}" == 1 ]] && jfr="-XX:StartFlightRecording=filename=$D/run.jfr,settings=profile"
  # BENCH_COMMANDS="ingest normalize": time those stage commands one after another (one JVM each)
  # instead of the whole run, for sizes where a later stage cannot finish in the time available
  cmds="${BENCH_COMMANDS:-run}"
  (
    rc=0
    for c in $cmds; do
      LEAKMARKET_JAVA_OPTS="-Xlog:gc:file=$D/gc-$c.log $jfr" bin/leakmarket "$c" --listings "$LISTINGS" \
        --samples "$D/gen/samples/manifest.jsonl" --warehouse "$D/wh" --reports "$D/reports" \
        --master "$MASTER" || { rc=$?; break; }
    done
    exit $rc
  ) >"$D/run.log" 2>&1 &
  pid=$!
  echo "$cmds" >"$D/commands"
  watch_hwm "$pid" "$D/hwm.kb" &
  wpid=$!
  rc=0
  wait "$pid" || rc=$?
  wait "$wpid" || true
  echo "$(echo "$(date +%s.%N) - $start" | bc)" >"$D/run.seconds"
  echo "$rc" >"$D/run.rc"
  cut -d' ' -f1-3 /proc/loadavg >"$D/load.after"
  echo "N=$N: run rc=$rc in $(cat "$D/run.seconds")s, load after $(cat "$D/load.after")" >&2

  bin/leakmarket export --warehouse "$D/wh" --table gold/market_cells --format csv --to "$D/market_cells.csv" \
    >"$D/export.log" 2>&1 || echo "export failed, see $D/export.log" >&2

  # normaliser vs Jackson on one thread, on the first 50,000 lines of the same input
  first="$LISTINGS"; [[ -d "$first" ]] && first="$(ls "$LISTINGS"/part-* | head -n1)"
  # (well-formed lines only: the benchmark parses every line it is given)
  python3 -c 'import itertools, json, sys
def ok(l):
    try:
        json.loads(l)
        return True
    except ValueError:
        return False
with open(sys.argv[1], encoding="utf-8") as f:
    sys.stdout.writelines(itertools.islice((l for l in f if ok(l)), 50000))' "$first" >"$D/norm-input.jsonl"
  "$LM_JAVA" -Xmx1g -cp "$CP" org.leakmarket.bench.NormalizerThroughput "$D/norm-input.jsonl" --rounds 5 \
    >"$D/normalizer.txt" 2>"$D/normalizer.log" || true

  python3 bench/summarize.py "$D" "$N" "$K" "$M" "$MASTER" >"$RES/N$N.json"
  echo "N=$N: results in $RES/N$N.json" >&2
done
