#!/usr/bin/env bash
# test-sh-host.sh ROOT - run the shell test scripts (tests/sh/*.tsh) on
# the host Linux, where the i386 static binaries in ROOT run natively:
#   tsh/NAME    every script with ROOT/bin/tsh;
#   dash/NAME   the POSIX ones (not marked "# tsh-only") with dash, to
#               prove the expectations against a reference shell;
#   popen/...   musl's system() and popen() through /bin/sh, with
#               ROOT/bin/tsh bind-mounted on /bin/sh in a private mount
#               namespace (skipped when unshare is not allowed).
# The utilities the scripts call are ROOT's (ROOT/bin first on PATH).
# Prints TAP: tshtest's lines renumbered into one run, "ok N - tsh/NAME",
# "not ok N - dash/NAME (why)" with tshtest's "# " diff lines, "# SKIP"
# for what cannot run here, and the plan last. Exits non-zero if a case
# failed.
set -uo pipefail
root=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
n=0 failed=0

# tap_cat PREFIX - pass a TAP stream through, its results renumbered as
# part of this run and their names after PREFIX; its plan is dropped, and
# a stream without one (its runner died) is a failure.
tap_cat() {
	local line re='^(not )?ok [0-9]+( - )?(.*)$' planned=0
	while IFS= read -r line; do
		if [[ "$line" =~ $re ]]; then
			n=$((n + 1))
			[ -n "${BASH_REMATCH[1]}" ] && failed=$((failed + 1))
			echo "${BASH_REMATCH[1]}ok $n - $1${BASH_REMATCH[3]}"
		elif [[ "$line" =~ ^1\.\.[0-9]+$ ]]; then
			planned=1
		else
			echo "$line"
		fi
	done
	[ $planned = 1 ] || result 0 "$1tshtest" "it ended without a plan"
}

# result OK NAME [WHY] - one TAP line of our own.
result() {
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2 ($3)"
	fi
}

export PATH="$root/bin:$PATH"
tap_cat "tsh/" < <("$root/bin/tshtest" -t 30 -s "$root/bin/tsh" "$top/tests/sh" 2>/dev/null)
if command -v dash >/dev/null; then
	tap_cat "dash/" < <("$root/bin/tshtest" -t 30 -p -s "$(command -v dash)" "$top/tests/sh" 2>/dev/null)
else
	n=$((n + 1)); echo "ok $n - dash # SKIP dash is not installed"
fi

t=$root/tests/t_vfork_system_popen_status_lost
what="popen/t_vfork_system_popen_status_lost with tsh as /bin/sh"
if [ -x "$t" ] && unshare -m true 2>/dev/null; then
	out=$(cd /tmp && unshare -m sh -c \
		'mount --bind "$1" /bin/sh && exec "$2"' sh "$root/bin/tsh" "$t" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && ! echo "$out" | grep -q '# SKIP'; then
		result 1 "$what"
	else
		echo "$out" | grep -v '^ok ' | sed 's/^/    /' | tail -20
		result 0 "$what" "exit $rc"
	fi
else
	n=$((n + 1)); echo "ok $n - $what # SKIP no unshare -m"
fi
echo "1..$n"
[ $failed -eq 0 ]
