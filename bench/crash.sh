#!/usr/bin/env bash
# bench/crash.sh [WORK] [POINT...]: the crash sweep. Generates small inputs (300 listings, 3
# samples of 100 records), runs `run` once uninterrupted, then for each kill point (default: the
# 28 points of CrashHarness.SWEEP, over every stage) starts the same run, kills it with SIGKILL
# when it waits at the point, runs it again, and compares every table, gold/runs and the
# publication with the uninterrupted run. One line per point, then "kill points survived: S of N";
# exit 1 if a point was not survived (its folder under WORK is kept). See docs/reliability.md.
set -euo pipefail
LM_HOME="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$LM_HOME/bin/lib/common.sh"
lm_find_java
lm_ensure_built
cd "$LM_HOME"
WORK="${1:-out/crash}"
shift || true
if [[ ! -f target/test-classes/org/leakmarket/reliability/CrashHarness.class ]] \
  || [[ -n "$(find src/test/java src/main/java -newer target/test-classes/org/leakmarket/reliability/CrashHarness.class -name '*.java' -print -quit)" ]]; then
  ./mvnw -q -B -o test-compile >&2
fi
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2046 # the module openings are a list of flags
exec "$LM_JAVA" -Xmx2g $(lm_jvm_opens) -Dleakmarket.project.dir="$LM_HOME" \
  -cp "target/test-classes:target/classes:$(lm_classpath)" org.leakmarket.reliability.CrashHarness "$WORK" "$@"
