#!/usr/bin/env bash
# Tests of the editor support in editors/: run by .ci/run, and by hand.
#
#   editors/test.sh            run every test
#   editors/test.sh --update   also write the VS Code scope snapshots of the examples that have
#                              none yet, rewrite those that changed, and drop those of examples
#                              that are gone (review the diff before committing it)
#
# What it needs it installs from the package registries: the npm packages pinned in
# editors/vscode/package-lock.json (`npm ci`), and the tree-sitter CLI from crates.io when the
# pinned version is not on the PATH already (a build of some minutes). Vim's checks run when
# `vim` is installed and are skipped, saying so, when it is not.
#
# It checks:
#   1. VS Code: the annotated TextMate tests in editors/vscode/tests/unit, and the scope
#      snapshots of every examples/*.concord and examples/*.scenarios;
#   2. tree-sitter: the parser in src/ is what grammar.js generates, the corpus and highlight
#      tests pass, the highlights cover every keyword, the fold and indent queries compile,
#      every example and every ```concord block of docs/reference.md parses with no ERROR or
#      MISSING node, and the grammar accepts and refuses what the Rust reader (`concord check`)
#      does on some thousands of small changes to the corpus inputs;
#   3. Vim: the syntax file loads on every example and on the samples, and colours chosen words
#      in the samples as expected.
# The keyword check against grammar/concord.pest is tests/editors.rs, run by `cargo test`.
set -uo pipefail

TREE_SITTER_VERSION=0.26.13

update=false
for arg in "$@"; do
  case "$arg" in
    --update) update=true ;;
    -h | --help)
      sed -n '2,9p' "$0"
      exit 0
      ;;
    *)
      echo "editors/test.sh: unknown argument \`$arg\` (try --update or --help)" >&2
      exit 2
      ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

passed=0
failed=0
failures=()

# Runs a check: `check NAME COMMAND...`; prints its output only when it fails.
check() {
  local name="$1"
  shift
  if "$@" >"$scratch/out" 2>&1; then
    passed=$((passed + 1))
    echo "ok      $name"
    # The last line of the output says what was counted, when there is one.
    sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' "$scratch/out" | tail -n 1 | sed 's/^[[:space:]]*/          /'

  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "FAILED  $name"
    sed 's/^/        /' "$scratch/out"
  fi
}

# The examples and reference blocks every editor grammar must read.
shopt -s nullglob
examples=("$repo"/examples/*.concord "$repo"/examples/*.scenarios)
shopt -u nullglob

reference_blocks=()
if [ -f "$repo/docs/reference.md" ]; then
  mkdir -p "$scratch/reference"
  awk -v dir="$scratch/reference" '
    /^```concord[[:space:]]*$/ { n++; file = sprintf("%s/block-%03d.concord", dir, n); inside = 1; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file }
  ' "$repo/docs/reference.md"
  shopt -s nullglob
  reference_blocks=("$scratch"/reference/*.concord)
  shopt -u nullglob
fi
echo "== editors: ${#examples[@]} example file(s), ${#reference_blocks[@]} reference block(s)"

# ───────────────────────── 1. VS Code ─────────────────────────

echo "== VS Code (TextMate grammar)"
vscode="$here/vscode"
if ! command -v npm >/dev/null 2>&1; then
  echo "editors/test.sh: npm is needed for the VS Code tests and is not installed" >&2
  exit 1
fi
if ! (cd "$vscode" && npm ci --no-audit --no-fund --loglevel=error >"$scratch/npm.log" 2>&1); then
  cat "$scratch/npm.log" >&2
  echo "editors/test.sh: \`npm ci\` failed in editors/vscode" >&2
  exit 1
fi
tmtest="$vscode/node_modules/.bin/vscode-tmgrammar-test"
tmsnap="$vscode/node_modules/.bin/vscode-tmgrammar-snap"
grammar="syntaxes/concord.tmLanguage.json"

check "TextMate grammar is valid JSON" node -e "JSON.parse(require('fs').readFileSync('$vscode/$grammar', 'utf8'))"
check "TextMate annotated tests (tests/unit)" \
  bash -c "cd '$vscode' && '$tmtest' --grammar $grammar 'tests/unit/*.concord' 'tests/unit/*.scenarios'"
samples_have_snapshots() {
  local sample status=0
  for sample in "$vscode"/tests/snap/samples/*.concord "$vscode"/tests/snap/samples/*.scenarios; do
    if [ ! -f "$sample.snap" ]; then
      echo "no scope snapshot for tests/snap/samples/$(basename "$sample"): run \`editors/test.sh --update\`"
      status=1
    fi
  done
  return $status
}
if $update || samples_have_snapshots >/dev/null; then
  if $update; then
    (cd "$vscode" && "$tmsnap" --updateSnapshot --grammar "$grammar" "tests/snap/samples/*.concord" \
      "tests/snap/samples/*.scenarios" >/dev/null 2>&1) || true
  fi
  check "TextMate snapshots of the samples (tests/snap/samples)" \
    bash -c "cd '$vscode' && '$tmsnap' --grammar $grammar 'tests/snap/samples/*.concord' 'tests/snap/samples/*.scenarios'"
else
  check "every sample has a scope snapshot" samples_have_snapshots
fi

# Snapshots of the examples live in tests/snap/examples as <name>.snap beside a copy of the
# example made here (the copies are not committed: the snapshot holds the text itself).
snapdir="$vscode/tests/snap/examples"
mkdir -p "$snapdir"
find "$snapdir" -maxdepth 1 -type f \( -name '*.concord' -o -name '*.scenarios' \) -delete
missing_snaps=()
for example in "${examples[@]}"; do
  name="$(basename "$example")"
  cp "$example" "$snapdir/$name"
  [ -f "$snapdir/$name.snap" ] || missing_snaps+=("$name")
done
stale_snaps=()
shopt -s nullglob
for snap in "$snapdir"/*.snap; do
  [ -f "$repo/examples/$(basename "$snap" .snap)" ] || stale_snaps+=("$(basename "$snap")")
done
shopt -u nullglob

if $update; then
  for stale in "${stale_snaps[@]}"; do
    rm -f "$snapdir/$stale"
    echo "removed the snapshot of a deleted example: $stale"
  done
  stale_snaps=()
  if [ ${#examples[@]} -gt 0 ]; then
    (cd "$vscode" && "$tmsnap" --updateSnapshot --grammar "$grammar" "tests/snap/examples/*.concord" \
      "tests/snap/examples/*.scenarios" >/dev/null 2>&1) || true
  fi
  missing_snaps=()
  echo "snapshots written in editors/vscode/tests/snap: review them with git diff before committing"
fi

snapshots_present() {
  if [ ${#missing_snaps[@]} -gt 0 ]; then
    echo "no scope snapshot for: ${missing_snaps[*]}"
    echo "run \`editors/test.sh --update\`, review editors/vscode/tests/snap/examples and commit it"
    return 1
  fi
  if [ ${#stale_snaps[@]} -gt 0 ]; then
    echo "snapshots of examples that no longer exist: ${stale_snaps[*]}"
    echo "run \`editors/test.sh --update\` to remove them"
    return 1
  fi
}
check "every example has a scope snapshot" snapshots_present
if [ ${#examples[@]} -gt 0 ] && [ ${#missing_snaps[@]} -eq 0 ]; then
  check "TextMate snapshots of the examples match" \
    bash -c "cd '$vscode' && '$tmsnap' --grammar $grammar 'tests/snap/examples/*.concord' 'tests/snap/examples/*.scenarios'"
fi
find "$snapdir" -maxdepth 1 -type f \( -name '*.concord' -o -name '*.scenarios' \) -delete

# The extension packages as a .vsix that installs and starts the language server: a licence, a
# README, the grammar, extension.js with its one runtime dependency (vscode-languageclient and
# what it needs), and none of the tests, their snapshots or the npm tooling.
vsix_is_clean() {
  (cd "$vscode" && "$vscode/node_modules/.bin/vsce" package --out "$scratch/concord.vsix") || return 1
  python3 - "$scratch/concord.vsix" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
wanted = ["extension/package.json", "extension/LICENSE.txt", "extension/readme.md", "extension/extension.js",
          "extension/syntaxes/concord.tmLanguage.json", "extension/language-configuration.json",
          "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in wanted if n not in names]
tooling = ("extension/node_modules/@vscode/vsce/", "extension/node_modules/vscode-tmgrammar-test/")
stray = [n for n in names if n.startswith(("extension/tests/",) + tooling) or n.endswith(".snap")]
if missing or stray:
    print("missing:", missing, "should not be packaged:", stray[:10])
    sys.exit(1)
print(f"{len(names)} files in the .vsix: the server's client included, no tests, snapshots or tooling")
PY
}
check "VS Code extension packages with vsce" vsix_is_clean

# ───────────────────────── 2. tree-sitter ─────────────────────────

echo "== tree-sitter"
tsdir="$here/tree-sitter-concord"
tools="${CONCORD_EDITOR_TOOLS:-$HOME/.cache/concord-editors}/tree-sitter-$TREE_SITTER_VERSION"
export PATH="$tools/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if ! tree-sitter --version 2>/dev/null | grep -q "tree-sitter $TREE_SITTER_VERSION\b"; then
  echo "installing tree-sitter-cli $TREE_SITTER_VERSION from crates.io into $tools (this takes some minutes)"
  # Without default features the CLI reads grammar.js with Node rather than an embedded
  # QuickJS, whose build needs libclang.
  if ! cargo install tree-sitter-cli --locked --version "$TREE_SITTER_VERSION" --no-default-features \
    --root "$tools" >"$scratch/cargo-install.log" 2>&1; then
    tail -40 "$scratch/cargo-install.log" >&2
    echo "editors/test.sh: could not build the tree-sitter CLI" >&2
    exit 1
  fi
fi
tree-sitter --version

# The CLI finds the grammar through a configuration of its own, and keeps the parser it compiles
# in a cache: both in the scratch folder, so that runs stay apart.
export XDG_CACHE_HOME="$scratch/cache"
export TREE_SITTER_DIR="$scratch/tree-sitter-config"
mkdir -p "$TREE_SITTER_DIR"
printf '{"parser-directories": ["%s"]}\n' "$here" >"$TREE_SITTER_DIR/config.json"
ts_parse() {
  # Parses files; fails, naming them, when any tree has an ERROR or MISSING node.
  local out status errors
  out="$(tree-sitter parse --quiet "$@" 2>&1)"
  status=$?
  errors="$(printf '%s\n' "$out" | grep -E 'ERROR|MISSING' || true)"
  if [ $status -ne 0 ] || [ -n "$errors" ]; then
    printf '%s\n' "$out"
    for file in "$@"; do
      if printf '%s\n' "$errors" | grep -qF "$file"; then
        echo "--- $file:"
        tree-sitter parse "$file" 2>&1 | grep -nE 'ERROR|MISSING' | head -5
      fi
    done
    return 1
  fi
  echo "$# file(s) parsed"
}

generated_parser_is_current() {
  cp -r "$tsdir" "$scratch/generate"
  (cd "$scratch/generate" && tree-sitter generate >/dev/null 2>&1) || {
    echo "tree-sitter generate failed"
    (cd "$scratch/generate" && tree-sitter generate)
    return 1
  }
  for file in parser.c grammar.json node-types.json; do
    if ! cmp -s "$tsdir/src/$file" "$scratch/generate/src/$file"; then
      echo "src/$file is not what grammar.js generates: run \`tree-sitter generate\` in editors/tree-sitter-concord and commit src/"
      return 1
    fi
  done
}
check "the committed parser is what grammar.js generates" generated_parser_is_current
check "tree-sitter corpus and highlight tests" bash -c "cd '$tsdir' && tree-sitter test"
check "highlights.scm covers every keyword" node "$tsdir/test/highlights-cover.js"
check "folds.scm and indents.scm compile" bash -c "cd '$tsdir' && \
  tree-sitter query queries/folds.scm test/highlight/agreement.concord >/dev/null && \
  tree-sitter query queries/indents.scm test/highlight/agreement.concord >/dev/null"

printf 'decision "crlf"\r\n  passes if (hhft in favour\r\n  or gpfed in favour)\r\n  lbh may veto\r\n' \
  >"$scratch/crlf.concord"
check "a file with CRLF line ends parses" ts_parse "$scratch/crlf.concord"
if [ ${#examples[@]} -gt 0 ]; then
  check "tree-sitter parses every example (${#examples[@]} files)" ts_parse "${examples[@]}"
fi
if [ ${#reference_blocks[@]} -gt 0 ]; then
  check "tree-sitter parses every \`\`\`concord block of docs/reference.md (${#reference_blocks[@]})" \
    ts_parse "${reference_blocks[@]}"
fi

# The grammar against the Rust reader: mutants of the corpus inputs, read by both.
agrees_with_rust() {
  local mutants="$scratch/mutants"
  node "$tsdir/test/agree-with-rust.js" mutants "$mutants" || return 1
  tree-sitter parse --quiet "$mutants"/* >"$scratch/mutants-tree-sitter.txt" 2>&1
  (cd "$repo" && cargo run --quiet --locked --bin concord -- check --format json --color never "$mutants" \
    >"$scratch/mutants-rust.json" 2>"$scratch/mutants-rust.err")
  if [ ! -s "$scratch/mutants-rust.json" ]; then
    cat "$scratch/mutants-rust.err"
    echo "concord check wrote no report"
    return 1
  fi
  node "$tsdir/test/agree-with-rust.js" compare "$mutants" "$scratch/mutants-tree-sitter.txt" "$scratch/mutants-rust.json"
}
check "tree-sitter accepts and refuses what the Rust reader does" agrees_with_rust

# ───────────────────────── 3. Vim ─────────────────────────

echo "== Vim"
if command -v vim >/dev/null 2>&1; then
  vim_check() {
    vim -Nu NONE -es -S "$here/vim/test/check.vim" -- "$scratch/vim-results" \
      "$here/vim/test/sample.concord" "$here/vim/test/sample.scenarios" "${examples[@]}" </dev/null
    [ -s "$scratch/vim-results" ] || {
      echo "Vim wrote no results"
      return 1
    }
    grep -c '^ok' "$scratch/vim-results" | sed 's/$/ checks passed/'
    ! grep '^not ok' "$scratch/vim-results"
  }
  check "Vim syntax loads and colours the samples and examples" vim_check
else
  echo "skipped: vim is not installed"
fi

# ───────────────────────── Summary ─────────────────────────

echo
if [ $failed -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "editors: $passed passed, $failed failed"
[ $failed -eq 0 ]
