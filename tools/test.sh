#!/usr/bin/env bash
# tools/test.sh [unit|boot|host|os|sh-host|sh|interactive]... - run the
# Sleight test suites and print one final "N passed, N failed" line.
# Exits non-zero if anything failed.
#   unit:    host cmocka tests (build/unit/test_*), counted test by test
#   boot:    the QEMU boot cases in tests/boot/cases, through tools/osrun
#   host:    the in-OS test programs run on the host Linux
#   os:      the in-OS test programs in one boot (/bin/runtests)
#   sh-host: the shell scripts tests/sh/*.tsh on the host, with tsh and
#            with dash (tools/test-sh-host.sh)
#   sh:      the shell scripts in one boot (/bin/tshtest)
#   interactive: make run's prompt driven through tmux
#   fuzz-host: the libFuzzer harnesses (tests/fuzz), a short run of each
#   fuzz:    a short smoke run of the in-OS system-call fuzzer
# With no argument, runs every suite in that order.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${B:-build}
passed=0 failed=0
failures=()

pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAIL: $1"; }

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..."
run_unit() {
	local bin out p f
	for bin in "$B"/unit/test_*; do
		[ -x "$bin" ] || continue
		out=$("$bin" 2>&1)
		local rc=$?
		echo "$out" | grep -E '^\[ +(RUN|OK|FAILED|PASSED|ERROR) +\]' | sed "s|^|  $(basename "$bin"): |"
		p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
		passed=$((passed + ${p:-0}))
		failed=$((failed + ${f:-0}))
		if [ "$rc" != 0 ] && [ "${f:-0}" = 0 ]; then
			fail "$(basename "$bin") (exit $rc)"; echo "$out" | tail -20
		fi
		[ "${f:-0}" != 0 ] && failures+=("$(basename "$bin"): $f failed")
	done
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

run_boot() {
	local name opts cmd want re log rc
	mkdir -p "$B/testlogs"
	while IFS='|' read -r name opts cmd want re; do
		name=$(trim "$name"); [ -z "$name" ] || [ "${name:0:1}" = "#" ] && continue
		opts=$(trim "$opts"); cmd=$(trim "$cmd"); want=$(trim "$want"); re=$(trim "$re")
		log=$B/testlogs/$name.log
		# shellcheck disable=SC2086
		tools/osrun --timeout "${BOOT_TIMEOUT:-90}" $opts -- $cmd > "$log" 2>&1
		rc=$?
		if [ "$rc" != "$want" ]; then
			fail "$name: exit $rc, wanted $want (log: $log)"; tail -15 "$log"
		elif [ -n "$re" ] && ! grep -Eq -- "$re" <(tr -d '\r' < "$log"); then
			fail "$name: log has no line matching /$re/ (log: $log)"; tail -15 "$log"
		else
			pass "$name"
		fi
	done < tests/boot/cases
}

# Count the PASS:/FAIL: lines of a runner's output (one line per test
# program) into the totals.
count_results() {
	local line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case "$line" in
		PASS:\ *) pass "$1${line#PASS: }" ;;
		FAIL:\ *) fail "$1${line#FAIL: }" ;;
		esac
	done
}

# One boot that runs an in-OS test runner (it prints "== PASS name" /
# "== FAIL name (why)" per test and a final "N passed, N failed"); each
# test counts here. usage: run_in_os SUITE TIMEOUT RUNNER ARGS...
run_in_os() {
	local suite=$1 timeout=$2 log=$B/testlogs/$1.log rc
	shift 2
	mkdir -p "$B/testlogs"
	tools/osrun --timeout "$timeout" -- "$@" > "$log" 2>&1
	rc=$?
	count_results "$suite: " < <(tr -d '\r' < "$log" |
		sed -n 's/^== \(PASS\|FAIL\) \(.*\)/\1: \2/p')
	tr -d '\r' < "$log" | grep '^[0-9]* passed, [0-9]* failed' >/dev/null ||
		fail "$suite: $1 did not finish (osrun exit $rc; log: $log)"
	tr -d '\r' < "$log" | grep -E '^FAIL' | head -40
}

# The in-OS test programs (build/rootfs/tests/t_*), all in one boot, run
# by /bin/runtests with its leak check around each.
run_os() {
	run_in_os os "${OS_TIMEOUT:-900}" /bin/runtests -t 120
}

# The same test programs on the host Linux: each expectation proven there.
run_host() {
	count_results "host: " < <(bash tools/test-host.sh "$B/rootfs" 2>&1 | tee "$B/testlogs/host.log" | grep -E '^(PASS|FAIL): t_')
}

# The shell scripts on the host: tsh and dash against the same files.
run_sh_host() {
	mkdir -p "$B/testlogs"
	count_results "sh-host: " < <(bash tools/test-sh-host.sh "$B/rootfs" 2>&1 |
		tee "$B/testlogs/sh-host.log" | grep -E '^(PASS|FAIL): ')
}

# The shell scripts in one boot, run by /bin/tshtest with its leak check
# around each.
run_sh() {
	run_in_os sh "${SH_TIMEOUT:-600}" /bin/tshtest -t 60
}

# make run at a terminal: tmux types a pipeline at the tsh prompt on the
# serial line and reads the answer (tools/test-interactive.sh).
run_interactive() {
	mkdir -p "$B/testlogs"
	if ! command -v tmux >/dev/null; then
		fail "interactive: tmux is not installed"
		return
	fi
	count_results "" < <(bash tools/test-interactive.sh 2>&1 |
		tee "$B/testlogs/interactive.log" | grep -E '^(PASS|FAIL): ')
}

# The host parser fuzzers: the committed corpus replayed, then a fixed
# number of inputs from seed 1 (tools/fuzz-host.sh --smoke).
run_fuzz_host() {
	local names=() f
	mkdir -p "$B/testlogs"
	for f in tests/fuzz/fuzz_*.c; do
		f=${f##*/fuzz_}
		names+=("${f%.c}")
	done
	count_results "" < <(bash tools/fuzz-host.sh --smoke \
		"${FUZZ_RUNS:-20000}" "${names[@]}" 2>&1 |
		tee "$B/testlogs/fuzz-host.log" | grep -E '^(PASS|FAIL): ')
	grep -A10 '^FAIL' "$B/testlogs/fuzz-host.log"
}

# The in-OS system-call fuzzer, a short run from a fixed seed without the
# classes user/tests/fuzz.c marks as not for the smoke run. Its PASS/FAIL
# lines count; a panic (osrun 125) or a hang of the whole run fails.
run_fuzz() {
	local log=$B/testlogs/fuzz.log rc
	mkdir -p "$B/testlogs"
	tools/osrun --timeout "${FUZZ_TIMEOUT:-180}" --mem 256 -- \
		/tests/fuzz --smoke -s "${FUZZ_SEED:-1}" \
		-n "${FUZZ_CALLS:-200000}" -d 40 > "$log" 2>&1
	rc=$?
	count_results "" < <(tr -d '\r' < "$log" | grep -E '^(PASS|FAIL): fuzz')
	[ "$rc" = 0 ] || fail "fuzz: osrun exit $rc (log: $log)"
	tr -d '\r' < "$log" | grep -E '^fuzz: (seed|HANG|  replay|[0-9]+ calls)'
}

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit fuzz-host boot host os fuzz sh-host sh interactive)
for s in "${suites[@]}"; do
	echo "== $s"
	"run_${s//-/_}"
done

if [ ${#failures[@]} -gt 0 ]; then
	echo "Failures:"; printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
