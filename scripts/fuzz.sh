#!/usr/bin/env bash
# Runs each libFuzzer harness of mecigep-fuzz for SECONDS (default 60), starting from the seed
# corpus committed in Fuzz/corpus/<harness>; new inputs go to .build-fuzz/corpus/<harness>, so
# the committed seeds stay small. Prints executions per second and coverage per harness, and
# exits 1 if any harness found a crash (its input is written to Fuzz/crashes/).
# Build first: make fuzz (it builds, then runs this script).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
binary=.build-fuzz/debug/mecigep-fuzz
[ -x "$binary" ] || { echo "fuzz: $binary is missing; run make fuzz" >&2; exit 2; }
mkdir -p Fuzz/crashes
failed=0
summary=()
for harness in json yaml bridge framework package; do
  work=".build-fuzz/corpus/$harness"
  mkdir -p "$work"
  log=".build-fuzz/fuzz-$harness.log"
  echo "fuzz: $harness for ${seconds}s" >&2
  MECIGEP_FUZZ=$harness "$binary" "$work" "Fuzz/corpus/$harness" \
    -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="Fuzz/crashes/$harness-" >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  corpus=$(ls "$work" | wc -l)
  if [ $status -ne 0 ]; then
    failed=1
    echo "fuzz: $harness FOUND A CRASH (exit $status); see $log and Fuzz/crashes/" >&2
    grep -E "ERROR|Fatal error|SUMMARY|Test unit written" "$log" | head -20 >&2
  fi
  summary+=("$(printf '%-10s %9s runs  %6s exec/s  cov %6s  ft %6s  corpus %5s  %s' "$harness" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$([ $status -eq 0 ] && echo ok || echo CRASH)")")
done
echo "fuzzing, ${seconds}s per harness:"
printf '  %s\n' "${summary[@]}"
exit $failed
