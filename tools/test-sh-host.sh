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
# Prints "PASS: ..." / "FAIL: ..." per case and "N passed, N failed".
set -uo pipefail
root=$(realpath "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0

count() {
	local prefix=$1 line
	while IFS= read -r line; do
		case "$line" in
		"== PASS "*) passed=$((passed + 1)); echo "PASS: $prefix${line#== PASS }" ;;
		"== FAIL "*) failed=$((failed + 1)); echo "FAIL: $prefix${line#== FAIL }" ;;
		"    "*) echo "$line" ;;
		esac
	done
}

export PATH="$root/bin:$PATH"
count "tsh/" < <("$root/bin/tshtest" -t 30 -s "$root/bin/tsh" "$top/tests/sh" 2>/dev/null)
if command -v dash >/dev/null; then
	count "dash/" < <("$root/bin/tshtest" -t 30 -p -s "$(command -v dash)" "$top/tests/sh" 2>/dev/null)
else
	echo "SKIP: dash is not installed"
fi

t=$root/tests/t_vfork_system_popen
if [ -x "$t" ] && unshare -m true 2>/dev/null; then
	out=$(cd /tmp && unshare -m sh -c \
		'mount --bind "$1" /bin/sh && exec "$2"' sh "$root/bin/tsh" "$t" 2>&1)
	rc=$?
	if [ $rc -eq 0 ] && ! echo "$out" | grep -q '^SKIP'; then
		passed=$((passed + 1)); echo "PASS: popen/t_vfork_system_popen with tsh as /bin/sh"
	else
		failed=$((failed + 1)); echo "FAIL: popen/t_vfork_system_popen with tsh as /bin/sh (exit $rc)"
		echo "$out" | grep -v '^PASS' | sed 's/^/    /' | tail -20
	fi
else
	echo "SKIP: popen/t_vfork_system_popen (no unshare -m)"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
