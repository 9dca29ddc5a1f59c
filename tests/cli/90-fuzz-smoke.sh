#!/usr/bin/env bash
# tests/cli/90-fuzz-smoke.sh — builds the libFuzzer harnesses of tests/fuzz/
# (`make fuzz-build`, clang) and runs each one on its seeds and briefly
# (tests/fuzz/run --smoke: every seed and reproducer replayed, then up to
# 20 000 fuzzed inputs or 3 s with a fixed seed).  One TAP line per
# harness.  The long runs are `make fuzz`.
#
# Last, the shared temporary directory's mode must be what it was before
# the harnesses and the session tests ran: run as root, a chmod of a
# directory linchat does not own would succeed (issue 17).
set -u
cd "$(dirname "$0")/../.."
shared_tmp=${TMPDIR:-/tmp}
tmp_mode=$(stat -c %a "$shared_tmp")
tmp_mode_kept() {
	local now
	[ -n "${TEST_DIR:-}" ] && [ -x "$TEST_DIR/test-session" ] &&
		"$TEST_DIR/test-session" >/dev/null 2>&1
	now=$(stat -c %a "$shared_tmp")
	if [ "$now" = "$tmp_mode" ]; then
		echo "ok 100 - $shared_tmp keeps mode $tmp_mode"
	else
		echo "not ok 100 - $shared_tmp went from mode $tmp_mode to $now"
	fi
}
trap tmp_mode_kept EXIT
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
