# Shared functions of bin/leakmarket, bin/spark-class, bin/spark-submit and bin/spark-cluster.
# Sourced, never run. The caller sets LM_HOME (the project folder) before sourcing.
#
# What it provides:
#   lm_die MSG            one line on stderr, exit 1
#   lm_find_java          sets LM_JAVA (JAVA_HOME/bin/java, else java on PATH); Java 17+ or die
#   lm_version            the project version, read from pom.xml
#   lm_ensure_built       builds with the Maven wrapper when the jars are missing or stale
#   lm_ensure_bench_built compiles the benchmark mains (src/bench/java, not in any jar) into
#                         target/test-classes when missing or stale; lm_bench_classpath prints it
#   lm_ensure_spark_home  target/spark-home/jars: symlinks to every jar of target/classpath.txt
#                         (or LEAKMARKET_SPARK_HOME, a folder with jars/, when set)
#   lm_spark_env          exports SPARK_HOME, SPARK_SCALA_VERSION, SPARK_LOCAL_IP, JAVA_HOME

lm_die() {
  echo "leakmarket: $*" >&2
  exit 1
}

# Java: JAVA_HOME wins, as in every Java tool; Spark 4.1 needs 17 or later.
lm_find_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    LM_JAVA="$JAVA_HOME/bin/java"
    [[ -x "$LM_JAVA" ]] || lm_die "JAVA_HOME=$JAVA_HOME has no bin/java; set JAVA_HOME to a Java 17 installation"
  else
    LM_JAVA="$(command -v java || true)"
    [[ -n "$LM_JAVA" ]] || lm_die "java not found; install Java 17 (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
  fi
  local line major
  line="$("$LM_JAVA" -version 2>&1 | grep -m1 -i 'version' || true)"
  # "1.8.0_392" -> 8; "17.0.15" -> 17; "21" -> 21
  major="$(sed -E 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/' <<<"$line")"
  if [[ "$major" == 1\ * ]]; then major="${major#1 }"; else major="${major%% *}"; fi
  [[ "$major" =~ ^[0-9]+$ ]] || lm_die "cannot tell the version of $LM_JAVA (${line:-no output}); Java 17 is needed"
  if (( major < 17 )); then
    lm_die "$LM_JAVA is Java $major; Java 17 is needed (set JAVA_HOME)"
  fi
  if (( major > 21 )); then
    # Known to fail: Hadoop's use of Subject.getSubject is gone in Java 23+.
    echo "leakmarket: warning: $LM_JAVA is Java $major; Spark 4.1 is tested on Java 17 and 21 (set JAVA_HOME)" >&2
  fi
  LM_JAVA_MAJOR="$major"
}

lm_version() {
  sed -n '/<artifactId>leakmarket<\/artifactId>/,/<\/version>/ s:.*<version>\(.*\)</version>.*:\1:p' \
    "$LM_HOME/pom.xml" | head -n1
}

# The Java 17 module openings Spark needs: one list, kept in pom.xml (spark.jvm.opens), minus the
# incubating Vector API (it only speeds up MLlib's BLAS, and the JVM announces it with a warning).
lm_jvm_opens() {
  local opens
  opens="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$LM_HOME/pom.xml")"
  [[ -n "$opens" ]] || lm_die "pom.xml has no spark.jvm.opens property"
  echo "${opens//--add-modules=jdk.incubator.vector/}"
}

lm_job_jar() {
  echo "$LM_HOME/target/leakmarket-$(lm_version)-job.jar"
}

# Stale when a jar or the classpath file is missing, or anything that goes into them is newer.
lm_needs_build() {
  local jar cp
  jar="$(lm_job_jar)"
  cp="$LM_HOME/target/classpath.txt"
  [[ -f "$jar" && -f "$cp" && -d "$LM_HOME/target/classes" ]] || { LM_BUILD_WHY="first run, a few minutes"; return 0; }
  local newer
  newer="$(find "$LM_HOME/pom.xml" "$LM_HOME/src/main" "$LM_HOME/data-samples/reference" \
    -newer "$jar" -type f -print -quit 2>/dev/null)"
  if [[ -n "$newer" ]]; then
    LM_BUILD_WHY="${newer#"$LM_HOME"/} changed"
    return 0
  fi
  return 1
}

# One line of progress on stderr (stdout stays clean for commands like `parse` that write to it);
# Maven's output goes to target/build.log. A lock keeps two launchers from building at once.
lm_ensure_built() {
  lm_needs_build || return 0
  mkdir -p "$LM_HOME/target"
  local lock="$LM_HOME/target/.build.lock"
  exec 9>"$lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
    # Another launcher may have built while this one waited.
    if ! lm_needs_build; then exec 9>&-; return 0; fi
  fi
  local log="$LM_HOME/target/build.log" start end rc
  start=$(date +%s)
  printf 'leakmarket: building (%s)... ' "$LM_BUILD_WHY" >&2
  # Tests are neither compiled nor run: running the tool must not depend on test code.
  (cd "$LM_HOME" && JAVA_HOME="${JAVA_HOME:-$(lm_java_home)}" \
    ./mvnw -q -B -Dmaven.test.skip=true package) >"$log" 2>&1
  rc=$?
  end=$(date +%s)
  if (( rc != 0 )); then
    echo "failed after $((end - start))s" >&2
    echo "---- last lines of $log ----" >&2
    # Maven's generic advice lines say nothing about this failure.
    grep -v -E 'Re-run Maven|full stack trace|For more information about the errors|\[Help 1\]|^\[ERROR\] *$' "$log" \
      | tail -n 25 >&2
    exec 9>&-
    exit 1
  fi
  echo "done in $((end - start))s" >&2
  exec 9>&-
}

# The benchmark mains (org.leakmarket.bench) are compiled with the tests, never packaged: the
# product's jars must not carry them. Stale when a bench, main or pom file is newer than the stamp.
lm_ensure_bench_built() {
  local stamp="$LM_HOME/target/test-classes/.bench-built"
  if [[ -f "$stamp" && -f "$LM_HOME/target/test-classes/org/leakmarket/bench/Floors.class" ]] \
    && [[ -z "$(find "$LM_HOME/pom.xml" "$LM_HOME/src/bench" "$LM_HOME/src/main" -newer "$stamp" \
      -type f -print -quit 2>/dev/null)" ]]; then
    return 0
  fi
  local log="$LM_HOME/target/bench-build.log"
  printf 'leakmarket: compiling the benchmark classes... ' >&2
  if ! (cd "$LM_HOME" && JAVA_HOME="${JAVA_HOME:-$(lm_java_home)}" \
    ./mvnw -q -B -DskipTests test-compile) >"$log" 2>&1; then
    echo "failed, see $log" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
  touch "$stamp"
  echo "done" >&2
}

# The benchmark classes, for a java -cp before the project's jar and its runtime classpath.
lm_bench_classpath() {
  echo "$LM_HOME/target/test-classes"
}

# The installation folder of LM_JAVA, for tools (mvnw, the Spark launcher) that read JAVA_HOME.
lm_java_home() {
  local real
  real="$(readlink -f "$LM_JAVA" 2>/dev/null || echo "$LM_JAVA")"
  dirname "$(dirname "$real")"
}

lm_classpath() {
  # The file has no trailing newline; it is one line of ':'-separated jars.
  cat "$LM_HOME/target/classpath.txt"
}

# A SPARK_HOME made from the Maven jars: jars/ holds a symlink to each runtime jar (Spark,
# Delta and their dependencies). Rebuilt when classpath.txt changes.
lm_ensure_spark_home() {
  if [[ -n "${LEAKMARKET_SPARK_HOME:-}" ]]; then
    # Another runtime on purpose (a real distribution, or a reduced set of jars in a test).
    [[ -d "$LEAKMARKET_SPARK_HOME/jars" ]] || lm_die "LEAKMARKET_SPARK_HOME=$LEAKMARKET_SPARK_HOME has no jars/ folder"
    LM_SPARK_HOME="$(cd "$LEAKMARKET_SPARK_HOME" && pwd)"
    return 0
  fi
  LM_SPARK_HOME="$LM_HOME/target/spark-home"
  local cpfile="$LM_HOME/target/classpath.txt" stamp="$LM_HOME/target/spark-home/.classpath"
  if [[ -f "$stamp" ]] && cmp -s "$cpfile" "$stamp"; then
    return 0
  fi
  exec 8>"$LM_HOME/target/.spark-home.lock"
  command -v flock >/dev/null 2>&1 && flock 8
  if [[ -f "$stamp" ]] && cmp -s "$cpfile" "$stamp"; then
    exec 8>&-
    return 0
  fi
  local tmp="$LM_HOME/target/spark-home.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/jars" "$tmp/conf"
  local jar n=0
  # `|| [[ -n ]]` reads the last jar too: the file has no trailing separator.
  while IFS= read -r -d ':' jar || [[ -n "$jar" ]]; do
    jar="${jar%$'\n'}"
    [[ -n "$jar" ]] || continue
    [[ -f "$jar" ]] || { rm -rf "$tmp"; lm_die "missing jar $jar (listed in target/classpath.txt); rebuild with ./mvnw package"; }
    ln -s "$jar" "$tmp/jars/$(basename "$jar")" || { rm -rf "$tmp"; lm_die "cannot link $jar into $tmp/jars"; }
    n=$((n + 1))
  done < "$cpfile"
  (( n > 0 )) || { rm -rf "$tmp"; lm_die "target/classpath.txt is empty"; }
  cp "$cpfile" "$tmp/.classpath"
  # Swapped in whole so a reader never sees half a folder.
  rm -rf "$LM_SPARK_HOME"
  mv "$tmp" "$LM_SPARK_HOME" || { rm -rf "$tmp"; lm_die "cannot create $LM_SPARK_HOME"; }
  exec 8>&-
}

# The environment every Spark process started from here needs (see docs/cluster.md).
lm_spark_env() {
  export SPARK_HOME="$LM_SPARK_HOME"
  # Without it the launcher looks for a source build ("Cannot find any build directories").
  export SPARK_SCALA_VERSION=2.13
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  export JAVA_HOME="${JAVA_HOME:-$(lm_java_home)}"
}

# Common prologue of the Spark scripts: Java, jars, SPARK_HOME.
lm_prepare_spark() {
  lm_find_java
  lm_ensure_built
  lm_ensure_spark_home
  lm_spark_env
}
