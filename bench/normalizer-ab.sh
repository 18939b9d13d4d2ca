#!/usr/bin/env bash
# bench/normalizer-ab.sh BUILD_A BUILD_B FILE.jsonl [ROUNDS]: the normaliser throughput ratio
# (NormalizerThroughput: Jackson + normaliser over Jackson alone, CPU time, one thread) of two
# builds of this project (folders where `./mvnw package -DskipTests` has run, e.g. a
# `git worktree add` of an older commit and this checkout), alternated ROUNDS times (default 3)
# on one input, so that both see the same load. Prints each run's ratio line.
set -euo pipefail
A="$1" B="$2" IN="$3" N="${4:-3}"
for i in $(seq "$N"); do
  for build in "$A" "$B"; do
    cp="$build/target/test-classes:$build/target/classes:$(cat "$build/target/classpath.txt")"
    # older builds have the bench class in target/classes, newer ones in target/test-classes
    echo "== $build run $i load $(cut -d' ' -f1 /proc/loadavg)"
    java -Xmx1g -cp "$cp" org.leakmarket.bench.NormalizerThroughput "$IN" --rounds 5 2>/dev/null | grep ratio
  done
done
