#!/usr/bin/env bash
# bench/fuzz.sh [CASES] [SEED]: the fuzz targets of FuzzTest at scale (default 10^6 cases of each:
# mutated real adverts through the normaliser, prices of known value through the number reading,
# mutated sample rows through the sample reader), one JVM, no Spark. Prints the counts, how the
# cases ended, and every failure with the seed and case number that reproduce it; exit 1 on a
# failure. See docs/reliability.md.
set -euo pipefail
LM_HOME="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$LM_HOME/bin/lib/common.sh"
lm_find_java
lm_ensure_built
cd "$LM_HOME"
# the fuzz driver lives with the tests: compile them when a source is newer than the class
if [[ ! -f target/test-classes/org/leakmarket/fuzz/Fuzz.class ]] \
  || [[ -n "$(find src/test/java src/main/java -newer target/test-classes/org/leakmarket/fuzz/Fuzz.class -name '*.java' -print -quit)" ]]; then
  ./mvnw -q -B -o test-compile >&2
fi
exec "$LM_JAVA" -Xmx2g -Dleakmarket.project.dir="$LM_HOME" \
  -cp "target/test-classes:target/classes:$(lm_classpath)" org.leakmarket.fuzz.Fuzz "${1:-1000000}" "${2:-20150112}"
