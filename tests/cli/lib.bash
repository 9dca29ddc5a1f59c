# tests/cli/lib.bash — shared by the command-line suites (sourced, bash).
#
# Each suite gets its own temporary XDG directories and its own simulator
# on --port 0, and a config with a generous request budget so the tests do
# not wait on the client's own rate limit.  Results are TAP lines.
set -u
: "${LINCHAT_BIN:?LINCHAT_BIN must name the linchat binary}"
: "${SIM_BIN:?SIM_BIN must name the simulator binary}"

T=$(mktemp -d "${TMPDIR:-/tmp}/linchat-cli.XXXXXX")
export XDG_CONFIG_HOME=$T/config XDG_STATE_HOME=$T/state XDG_DATA_HOME=$T/data
unset LINCHAT_BASE_URL
mkdir -p "$XDG_CONFIG_HOME/linchat"
cat >"$XDG_CONFIG_HOME/linchat/config" <<'CONF'
[http]
rate_per_sec = 1000
burst = 1000
rate_per_hour = 1000000
timeout = 10
CONF

tap_n=0
sim_pid=
BASE=

cleanup() {
	sim_stop
	rm -rf "$T"
}
trap cleanup EXIT

# sim_start [SIM OPTIONS...]: starts a fresh simulator; sets BASE.
sim_start() {
	sim_stop
	"$SIM_BIN" --port 0 "$@" >"$T/sim.out" 2>"$T/sim.err" &
	sim_pid=$!
	local i addr=
	for i in $(seq 200); do
		addr=$(sed -n 's/^listening on //p' "$T/sim.out" 2>/dev/null |
		    head -n 1)
		[ -n "$addr" ] && break
		sleep 0.05
	done
	if [ -z "$addr" ]; then
		echo "# the simulator did not start:"
		sed 's/^/# /' "$T/sim.err"
		exit 1
	fi
	BASE=http://$addr
	export LINCHAT_BASE_URL=$BASE
}

sim_stop() {
	if [ -n "$sim_pid" ]; then
		kill "$sim_pid" 2>/dev/null
		wait "$sim_pid" 2>/dev/null
		sim_pid=
	fi
}

# lc ARGS...: runs linchat; output in $T/out, $T/err, status in $rc.
lc() {
	"$LINCHAT_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

# lc_in TEXT ARGS...: the same with TEXT on stdin.
lc_in() {
	local input=$1
	shift
	printf '%s' "$input" | "$LINCHAT_BIN" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

state() {
	curl -s "$BASE/__sim/state"
}

sim_post() {
	curl -s -X POST -H 'content-type: application/json' -d "$2" \
	    "$BASE$1"
}

# Remembered results: check NAME COMMAND... runs COMMAND as the test.
check() {
	local name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		echo "# command: $*"
		echo "# exit status of linchat: ${rc:-?}"
		sed 's/^/# out: /' "$T/out" 2>/dev/null | head -n 20 | cut -c1-300
		sed 's/^/# err: /' "$T/err" 2>/dev/null | head -n 20 | cut -c1-300
	fi
}

# Small predicates for check.
rc_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -q -- "$1" "$T/out"; }
err_has() { grep -q -- "$1" "$T/err"; }
out_lacks() { ! grep -q -- "$1" "$T/out"; }
all() { local c; for c in "$@"; do eval "$c" || return 1; done; }

login_demo() {
	lc_in demo-password login --username demo@linchat.test --password-stdin
	[ "$rc" -eq 0 ] || { echo "# login failed: $(cat "$T/err")"; exit 1; }
}

# json_field NAME: the first string value of "NAME" in $T/out.
json_field() {
	grep -m1 "\"$1\":" "$T/out" | sed 's/^[^:]*: *"\(.*\)",\{0,1\}$/\1/'
}

# count_in_out TEXT: how many lines of $T/out hold TEXT.
count_in_out() {
	grep -c -F -- "$1" "$T/out"
}

# state_compact: /__sim/state without white space.
state_compact() {
	state | tr -d ' \n\t'
}

# requests_to ENDPOINT: the simulator's request count for an endpoint.
requests_to() {
	local n
	n=$(state_compact | grep -o "\"requests\":{[^}]*}" |
	    grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2)
	echo "${n:-0}"
}

# state_count KEY TEXT: how many "KEY":"TEXT" members /__sim/state holds
# (sent_messages texts, invitations_sent messages).  The request log's
# copies of bodies are escaped JSON strings, so they do not match.
state_count() {
	state | grep -o -F -- "\"$1\":\"$2\"" | wc -l
}
