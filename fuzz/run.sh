#!/usr/bin/env bash
# Fuzzes every target (or the ones named) for SECONDS each with libFuzzer, and prints per
# target how many inputs were executed and what was found.
#
# usage: fuzz/run.sh SECONDS [TARGET...]
#
# FUZZ_RUNS=N ends a target early once N inputs have been executed (the issue's bar is a million
# executions or the time, whichever comes first); FUZZ_TIMEOUT=S is libFuzzer's per-input limit.
#
# Needs nightly (`cargo +nightly`); installs cargo-fuzz if it is missing. New corpus entries go
# to fuzz/work/<target>/corpus (the committed seeds in fuzz/corpus/<target> are only read);
# crashes, timeouts and out-of-memory inputs to fuzz/work/<target>/artifacts; each run's log to
# fuzz/work/<target>/log-N. libFuzzer stops at the first crash, so the target is restarted
# until its time is used up; the executions of every run are added up, and the distinct panic
# sites are listed. Minimise a finding with
#   cargo +nightly fuzz tmin --debug-assertions --sanitizer none TARGET ARTIFACT
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 2
fi
budget=$1; shift
# The targets write their scratch files under this run's own folder, so two runs at once (or a
# run beside the corpus replay) never delete each other's files.
root=/dev/shm; [ -d "$root" ] || root=${TMPDIR:-/tmp}
export CONCORD_FUZZ_SCRATCH="$root/concord-fuzz/run-$$"
ALL=(read check eval money scenarios repl fmt power)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL[@]}")

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Debug assertions on, so that integer overflow panics as it does in the stable replay; no
# sanitizer, because the code is safe Rust and AddressSanitizer would halve the speed.
FLAGS=(--debug-assertions --sanitizer none)
LIBFUZZER=(-rss_limit_mb=2048 -timeout=${FUZZ_TIMEOUT:-10} -max_len=65536 -print_final_stats=1)

mkdir -p fuzz/work
echo "== building the targets (nightly, libFuzzer)"
if ! nice cargo +nightly fuzz build "${FLAGS[@]}" > fuzz/work/build.log 2>&1; then
  tail -30 fuzz/work/build.log >&2
  exit 1
fi
rm -f fuzz/work/build.log

count() { find "$1" -maxdepth 1 -name "$2-*" 2>/dev/null | wc -l; }

# Each panic in the logs as "where: message", where is the first frame in the project's own
# code (a panic inside rust_decimal is told apart by who called it), relative to its root.
sites() {
  awk '
    /panicked at / {
      at = $0; sub(/.*panicked at /, "", at); sub(/:$/, "", at); sub(/^\.\//, "", at)
      getline msg; msg = substr(msg, 1, 110)
      if (at ~ /^src\/(lib|props)\.rs/) at = "fuzz/" at
      if (at !~ /^\//) { print at ": " msg; next }
      want = 1; next
    }
    want && /^ +at \.\// {
      site = $0; sub(/^ +at \.\//, "", site)
      print site ": " msg; want = 0
    }
    /ERROR: libFuzzer: timeout/ { print "timeout" }
    /ERROR: libFuzzer: out-of-memory/ { print "out of memory" }
  ' "$@"
}

summary=()
for t in "${targets[@]}"; do
  work=fuzz/work/$t
  mkdir -p "$work/corpus" "$work/artifacts"
  rm -f "$work"/log-*
  before_crash=$(count "$work/artifacts" crash); before_timeout=$(count "$work/artifacts" timeout)
  before_oom=$(count "$work/artifacts" oom)
  execs=0; runs=0; start=$(date +%s); deadline=$((start + budget))
  echo "== $t: ${budget}s"
  while :; do
    left=$((deadline - $(date +%s)))
    [ $left -gt 0 ] || break
    runs=$((runs + 1))
    log=$work/log-$runs
    nice cargo +nightly fuzz run "${FLAGS[@]}" "$t" "$work/corpus" "fuzz/corpus/$t" -- \
      "${LIBFUZZER[@]}" -runs=$(( ${FUZZ_RUNS:-0} > 0 ? FUZZ_RUNS - execs : -1 )) -max_total_time=$left -artifact_prefix="$work/artifacts/" > "$log" 2>&1 || true
    n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    if [ -z "$n" ]; then
      # A crash ends the run before the final stats: take the last status line's count.
      n=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    fi
    execs=$((execs + ${n:-0}))
    if [ -n "${FUZZ_RUNS:-}" ] && [ "$execs" -ge "$FUZZ_RUNS" ]; then break; fi
    # A run that neither found anything nor ran out of time stopped for another reason.
    if ! grep -qE 'Test unit written|Done [0-9]+ runs' "$log"; then
      echo "   run $runs stopped without a finding; see $log" >&2
      tail -5 "$log" >&2
      break
    fi
  done
  took=$(( $(date +%s) - start )); [ $took -gt 0 ] || took=1
  crashes=$(( $(count "$work/artifacts" crash) - before_crash ))
  timeouts=$(( $(count "$work/artifacts" timeout) - before_timeout ))
  ooms=$(( $(count "$work/artifacts" oom) - before_oom ))
  sites=$(sites "$work"/log-* | sort | uniq -c | sort -rn || true)
  distinct=$(printf '%s' "$sites" | grep -c . || true)
  echo "   $execs executions in ${took}s ($((execs / took))/s) over $runs run(s); crashes $crashes, timeouts $timeouts, out of memory $ooms; distinct panic sites $distinct"
  if [ -n "$sites" ]; then printf '%s\n' "$sites" | sed 's/^/     /'; fi
  summary+=("$(printf '%-10s %10s %8s %7s %8s %5s %9s' "$t" "$execs" "$((execs / took))" "$crashes" "$timeouts" "$ooms" "$distinct")")
done

echo
echo "== summary (${budget}s per target; artifacts in fuzz/work/<target>/artifacts)"
printf '%-10s %10s %8s %7s %8s %5s %9s\n' target executions "execs/s" crashes timeouts ooms "panic sites"
printf '%s\n' "${summary[@]}"
rm -rf "$CONCORD_FUZZ_SCRATCH" 2>/dev/null || true
