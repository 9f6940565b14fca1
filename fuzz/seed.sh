#!/usr/bin/env bash
# Builds the seed corpus: fuzz/corpus/<target>/ from examples/, tests/ and the shared
# reproducers (/work/shared/regressions, or $REGRESSIONS), plus generator seeds.
#
# Each candidate is run through the target's body (the stable replay binary, debug build, as
# the CI replay runs it). Candidates that pass go to corpus/<target>/; those that fail today go
# to findings/<target>/seed-* (they are known bugs, and are not replayed); those slower than
# $SLOW seconds are left out, so that the replay stays fast.
#
# usage: fuzz/seed.sh          (from anywhere; rewrites corpus/ and findings/*/seed-*)
set -euo pipefail
cd "$(dirname "$0")"
FUZZ=$PWD
ROOT=$(cd .. && pwd)
REGRESSIONS=${REGRESSIONS:-/work/shared/regressions}
SLOW=${SLOW:-2}
TARGETS=(read check eval money scenarios repl fmt power)
MAX_BYTES=65536

cargo build --quiet --locked --bins
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
for t in "${TARGETS[@]}"; do mkdir -p "$stage/$t"; done

# add TARGET NAME FILE...: one candidate, the files concatenated with a blank line between.
add() {
  local target=$1 name=$2; shift 2
  local out="$stage/$target/$name"
  : > "$out"
  for f in "$@"; do cat "$f" >> "$out"; printf '\n' >> "$out"; done
  if [ "$(stat -c %s "$out")" -gt $MAX_BYTES ]; then rm -f "$out"; fi
}

# The agreement a scenario, proposal or result file is run against.
agreement_of() {
  local input=$1 dir base target
  dir=$(dirname "$input"); base=$(basename "$input")
  target=$(sed -n 's/^scenarios for "\(.*\)".*/\1/p' "$input" | head -1)
  case "$base" in
    frailty.proposal) echo "$dir/frailty-network.concord"; return ;;
    gain-percent.proposal) echo "$dir/gain-exclusion.concord"; return ;;
    casting-vote-monotone.proposals) echo "$dir/mental-health-collaborative.concord"; return ;;
    bundled-lead-provider-alliance-tie.proposals) echo "$ROOT/examples/lead-provider-alliance.concord"; return ;;
    bundled-mental-health-collaborative-tie.proposals) echo "$ROOT/examples/mental-health-collaborative.concord"; return ;;
    mixed.proposals) echo "$dir/network.concord"; return ;;
  esac
  if [ -n "$target" ] && [ -f "$dir/$target" ]; then echo "$dir/$target"; return; fi
  if [ -f "$dir/${base%.*}.concord" ]; then echo "$dir/${base%.*}.concord"; fi
}

label() { # a file's name in the corpus: where it came from
  local f=$1
  case "$f" in
    "$REGRESSIONS"/*) echo "shared-$(basename "$(dirname "$f")")-$(basename "$f")" ;;
    "$ROOT"/*) local rel=${f#"$ROOT"/}; echo "${rel//\//-}" ;;
  esac
}

singles=()
for f in "$ROOT"/examples/*.concord "$ROOT"/examples/*.scenarios "$ROOT"/tests/corpus/*/*.concord \
         "$ROOT"/tests/check/*.concord "$ROOT"/tests/power/*.concord "$ROOT"/tests/eval/*.concord \
         "$REGRESSIONS"/*/*.concord "$REGRESSIONS"/*/*.min; do
  [ -f "$f" ] && singles+=("$f")
done
for f in "${singles[@]}"; do
  for t in read check fmt; do add $t "$(label "$f")" "$f"; done
  case "$f" in *.concord|*.min) add power "$(label "$f")" "$f" ;; esac
done

for input in "$ROOT"/examples/*.scenarios "$ROOT"/tests/eval/*.scenarios "$ROOT"/tests/eval/*.proposals \
             "$ROOT"/tests/corpus/money/*.scenarios "$ROOT"/tests/scenarios/*.scenarios \
             "$REGRESSIONS"/*/*.proposal* "$REGRESSIONS"/*/*.scenarios "$REGRESSIONS"/*/*.results; do
  [ -f "$input" ] || continue
  agreement=$(agreement_of "$input")
  [ -n "$agreement" ] || continue
  name=$(label "$input")
  for t in eval money scenarios check power; do add $t "$name" "$agreement" "$input"; done
  # The REPL: the agreement typed block by block, some commands, then the inputs typed.
  printf ':members\n:weights\n:rules\n:check\n:what-if nobody against\n:show\n:undo\n:help undo\n\n' > "$stage/commands"
  grep -v '^scenarios for' "$input" > "$stage/typed" || true
  add repl "$name" "$agreement" "$stage/commands" "$stage/typed"
done
for f in "$ROOT"/tests/repl/*.txt "$REGRESSIONS"/*/*.txt; do
  [ -f "$f" ] && add repl "$(label "$f")" "$f"
done

# Generator seeds: 0xFF, then bytes for `arbitrary`.
for t in "${TARGETS[@]}"; do
  python3 - "$stage/$t" <<'EOF'
import random, sys
rng = random.Random(1)
for i in range(16):
    with open(f"{sys.argv[1]}/generated-{i:02}", "wb") as f:
        f.write(b"\xff" + bytes(rng.getrandbits(8) for _ in range(256 << (i % 5))))
EOF
done

passed=0; failed=0; slow=0
for t in "${TARGETS[@]}"; do
  rm -rf "corpus/$t"; mkdir -p "corpus/$t" "findings/$t"
  rm -f "findings/$t"/seed-*
  for f in "$stage/$t"/*; do
    name=$(basename "$f")
    start=$(date +%s.%N)
    if timeout 20 "target/debug/$t" "$f" > "$stage/out" 2>&1; then
      took=$(echo "$(date +%s.%N) - $start" | bc)
      if (( $(echo "$took > $SLOW" | bc) )); then
        echo "slow   $t/$name (${took}s)"; slow=$((slow + 1))
      else
        cp "$f" "corpus/$t/$name"; passed=$((passed + 1))
      fi
    else
      rc=$?
      why=$(grep -m1 -A1 'panicked at' "$stage/out" | tr '\n' ' ' | cut -c1-200 || true)
      echo "FAILS  $t/$name (exit $rc): ${why:-timeout}"
      cp "$f" "findings/$t/seed-$name"; failed=$((failed + 1))
    fi
  done
done
echo "corpus: $passed files; known failures kept in findings/: $failed; too slow to replay: $slow"
