#!/usr/bin/env bash
# Run each atheris fuzz target (HTML, feeds, JSON Lines and WARC) for a bounded time (default 60 s each; FUZZ_SECONDS=N to change).
# Findings (crashes, timeouts, leaks) are written to fuzz/findings/<target>/ as crash-*/timeout-*
# files; reproduce one with: .venv/bin/python fuzz/fuzz_html.py fuzz/findings/html/crash-...
# The growing corpus lives in fuzz/corpus/ (not committed); seeds in fuzz/seeds/ are ours.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
SECONDS_EACH=${FUZZ_SECONDS:-60}
#: A single input may take at most this long before it counts as a hang (libFuzzer -timeout).
PER_INPUT_S=${FUZZ_INPUT_TIMEOUT:-10}
"$PY" -c "import atheris" 2>/dev/null || { echo "atheris is not installed: .venv/bin/pip install atheris" >&2; exit 2; }
status=0
for target in html feed sources; do
  mkdir -p "fuzz/corpus/$target" "fuzz/findings/$target"
  echo "== fuzz_$target for ${SECONDS_EACH}s"
  if ! "$PY" "fuzz/fuzz_$target.py" -max_total_time="$SECONDS_EACH" -timeout="$PER_INPUT_S" \
      -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="fuzz/findings/$target/" "fuzz/corpus/$target" "fuzz/seeds/$target" \
      2> "fuzz/findings/$target/log.txt"; then
    echo "fuzz_$target: FINDING (see fuzz/findings/$target/)"; status=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "fuzz/findings/$target/log.txt" || true
done
exit $status
