#!/usr/bin/env bash
# Checks the formatting of the tree without changing it: swift-format (the toolchain's
# `swift format`, configuration .swift-format), ruff (ruff.toml: `ruff format --check` and
# `ruff check`) and clang-format (.clang-format); and that every public function of the core
# has a `- Complexity:` note (tools/check_complexity.py).  Prints every file a tool would change,
# one line per tool with its count, and exits 1 when any would.
#
#   bash Tests/format/check.sh            check the tracked files
#   bash Tests/format/check.sh --fix      rewrite them in place instead (one commit of its own)
#   bash Tests/format/check.sh COUNTS     also write "passed failed" (one per tool) to COUNTS
#
# Only files tracked by git are looked at, so generated and build files never count.
# A tool that is not installed is reported and counted as a failure (Tests/setup.sh
# installs clang-format from Debian and ruff into .build/venv).
set -uo pipefail
cd "$(dirname "$0")/../.."
fix=0 counts=
for arg in "$@"; do
  case $arg in
    --fix) fix=1 ;;
    *) counts=$arg ;;
  esac
done
RUFF=${RUFF:-.build/venv/bin/ruff}
[ -x "$RUFF" ] || RUFF=$(command -v ruff || true)
CLANG_FORMAT=${CLANG_FORMAT:-$(command -v clang-format || true)}
passed=0 failed=0

report() { # report TOOL FILE...: the files TOOL would change
  local tool=$1; shift
  if [ $# -eq 0 ]; then
    echo "format: $tool: clean"; passed=$((passed + 1))
  else
    echo "format: $tool: $# file(s) would change:"; printf '  %s\n' "$@"; failed=$((failed + 1))
  fi
}

# Generated files (a line "generated ... do not edit" among their first five) are left to
# their generator, which must write them formatted or not at all.
tracked() {
  git ls-files "$@" | while IFS= read -r f; do
    [ -f "$f" ] && ! head -n 5 "$f" | grep -qi 'generated.*do not edit' && printf '%s\n' "$f"
  done
}
mapfile -t swift_files < <(tracked '*.swift')
mapfile -t python_files < <(tracked '*.py')
# The public headers in include/ are laid out by hand for their readers (aligned status
# codes, prototypes broken where the parameters group) and are the generator's input; the
# generator checks them (tools/generate.py --check), clang-format does not rewrite them.
mapfile -t c_files < <(tracked '*.c' '*.h' | grep -v '^include/')

# swift-format: a file is clean when formatting it gives the same bytes.
if swift format --version >/dev/null 2>&1; then
  if [ $fix -eq 1 ]; then
    swift format format --configuration .swift-format --in-place "${swift_files[@]}"
  else
    # One process per file (its output must be compared with that file), two at a time.
    mapfile -t bad < <(printf '%s\0' "${swift_files[@]}" | xargs -0 -P 2 -I{} sh -c \
      'swift format format --configuration .swift-format "$1" 2>/dev/null | cmp -s - "$1" || echo "$1"' _ {} | sort)
    report swift-format "${bad[@]}"
  fi
else
  echo "format: swift-format: 'swift format' is not available (Swift 6 toolchain)"; failed=$((failed + 1))
fi

# ruff: the formatter, then the linter (default rules and import order).
if [ -n "$RUFF" ]; then
  if [ $fix -eq 1 ]; then
    "$RUFF" check --fix --quiet "${python_files[@]}"
    "$RUFF" format --quiet "${python_files[@]}"
  else
    bad=()
    for f in "${python_files[@]}"; do "$RUFF" format --check --quiet "$f" >/dev/null 2>&1 || bad+=("$f"); done
    report "ruff format" "${bad[@]}"
    mapfile -t bad < <("$RUFF" check --output-format concise "${python_files[@]}" 2>/dev/null |
                       sed -n 's/^\([^:]*\.py\):[0-9]*:[0-9]*: .*/\1/p' | sort -u)
    report "ruff check" "${bad[@]}"
  fi
else
  echo "format: ruff: not installed (pip install -r Tests/python/requirements.txt)"; failed=$((failed + 1))
fi

# clang-format.
if [ -n "$CLANG_FORMAT" ]; then
  if [ $fix -eq 1 ]; then
    "$CLANG_FORMAT" --style=file -i "${c_files[@]}"
  else
    bad=()
    for f in "${c_files[@]}"; do
      "$CLANG_FORMAT" --style=file "$f" | cmp -s - "$f" || bad+=("$f")
    done
    report clang-format "${bad[@]}"
  fi
else
  echo "format: clang-format: not installed (apt-get install clang-format)"; failed=$((failed + 1))
fi

# Every public function of the core says what it costs (issue 16; tools/check_complexity.py).
if [ $fix -eq 0 ]; then
  mapfile -t bad < <(python3 tools/check_complexity.py | sed -n 's/^\([^:]*\.swift:[0-9]*\):.*/\1/p')
  report "complexity notes" "${bad[@]}"
fi

[ $fix -eq 1 ] && { echo "format: rewritten; review and commit on its own"; exit 0; }
[ -n "$counts" ] && { mkdir -p "$(dirname "$counts")"; echo "$passed $failed" > "$counts"; }
echo "format: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
