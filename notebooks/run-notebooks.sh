#!/usr/bin/env bash
# Executes every notebook in this folder headless against one report folder.
#
#   LEAKMARKET_REPORT_DIR=out/demo/reports/all notebooks/run-notebooks.sh [OUTPUT_DIR]
#
# The report folder defaults to ../out/demo/reports/all relative to this folder. Executed copies
# (with outputs) go to OUTPUT_DIR (default: a new temporary folder); the committed notebooks stay
# without outputs. Needs Debian's jupyter-nbconvert python3-ipykernel python3-pandas
# python3-matplotlib. Runs Debian's /usr/bin/python3 on purpose: `python3` on the PATH may be a
# pyenv interpreter without those packages.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
report="${LEAKMARKET_REPORT_DIR:-$here/../out/demo/reports/all}"
if [[ ! -f "$report/summary.json" ]]; then
  echo "run-notebooks: no summary.json in $report (set LEAKMARKET_REPORT_DIR)" >&2
  exit 2
fi
LEAKMARKET_REPORT_DIR="$(cd "$report" && pwd)"
export LEAKMARKET_REPORT_DIR
out="${1:-$(mktemp -d -t leakmarket-notebooks.XXXXXX)}"
mkdir -p "$out"

python=/usr/bin/python3
if ! "$python" -c 'import nbconvert, ipykernel, pandas, matplotlib' 2>/dev/null; then
  echo "run-notebooks: $python lacks nbconvert/ipykernel/pandas/matplotlib;" \
    "apt-get install jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib" >&2
  exit 2
fi
# Quiets the debugger warning of ipykernel under Python 3.11 (frozen modules).
export PYDEVD_DISABLE_FILE_VALIDATION=1

status=0
for nb in "$here"/*.ipynb; do
  echo "run-notebooks: $(basename "$nb") against $LEAKMARKET_REPORT_DIR"
  if ! "$python" -m jupyter nbconvert --to notebook --execute \
      --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3 \
      --output-dir "$out" "$nb"; then
    status=1
  fi
done
echo "run-notebooks: executed notebooks in $out"
exit "$status"
