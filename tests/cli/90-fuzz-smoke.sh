#!/usr/bin/env bash
# tests/cli/90-fuzz-smoke.sh — builds the libFuzzer harnesses of tests/fuzz/
# (`make fuzz-build`, clang) and runs each one on its seeds and briefly
# (tests/fuzz/run --smoke: every seed and reproducer replayed, then up to
# 20 000 fuzzed inputs or 3 s with a fixed seed).  One TAP line per
# harness.  The long runs are `make fuzz`.
set -u
cd "$(dirname "$0")/../.."
cc=${FUZZ_CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "ok 1 - fuzz smoke # SKIP $cc is not installed"
	exit 0
fi
log=$(mktemp "${TMPDIR:-/tmp}/linchat-fuzz-build.XXXXXX")
# a make of its own: not the -j slots or MODE of the make that runs us
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -j2 fuzz-build \
    >"$log" 2>&1; then
	echo "not ok 1 - make fuzz-build"
	grep -E 'error|undefined' "$log" | head -n 20 | sed 's/^/# /'
	rm -f "$log"
	exit 1
fi
rm -f "$log"
tests/fuzz/run --smoke --tap
