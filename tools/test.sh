#!/usr/bin/env bash
# tools/test.sh [unit|boot]... - run Sleight's test suites and print one
# final "N passed, N failed" line. Exits non-zero if anything failed.
#   unit: host cmocka tests (build/unit/test_*), counted test by test
#   boot: the QEMU boot cases in tests/boot/cases, through tools/osrun
#   host: the user test programs on the host Linux (tools/test-host.sh)
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
		elif [ -n "$re" ] && ! tr -d '\r' < "$log" | grep -Eq -- "$re"; then
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

# The test programs (build/rootfs/tests/t_*, t_spawnbench among them) on
# the host Linux: each expectation proven there.
run_host() {
	mkdir -p "$B/testlogs"
	count_results "host: " < <(bash tools/test-host.sh "$B/rootfs" 2>&1 | tee "$B/testlogs/host.log" | grep -E '^(PASS|FAIL): t_')
}

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit boot host)
for s in "${suites[@]}"; do
	echo "== $s"
	"run_$s"
done

if [ ${#failures[@]} -gt 0 ]; then
	echo "Failures:"; printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
