#!/usr/bin/env bash
# bench/hot.sh RUN.jfr [TOP]: the hottest methods of a JFR recording (top frames of the execution
# samples), and the hottest project frames anywhere on the stack, with their share of samples.
set -euo pipefail
jfr_file=$1; top=${2:-25}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfr_file" >"${jfr_file%.jfr}.samples.txt"
python3 - "${jfr_file%.jfr}.samples.txt" "$top" <<'PY'
import collections, re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
top = int(sys.argv[2])
events = text.split("jdk.ExecutionSample")
first, ours = collections.Counter(), collections.Counter()
n = 0
for e in events[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+\.[\w$<>]+)\(", e, re.M)
    if not frames:
        continue
    n += 1
    first[frames[0]] += 1
    for f in dict.fromkeys(x for x in frames if x.startswith("org.leakmarket")):
        ours[f] += 1
print(f"{n} samples")
print("-- top frames (self) --")
for f, c in first.most_common(top):
    print(f"{100 * c / n:5.1f}%  {f}")
print("-- org.leakmarket frames on the stack (inclusive) --")
for f, c in ours.most_common(top):
    print(f"{100 * c / n:5.1f}%  {f}")
PY
